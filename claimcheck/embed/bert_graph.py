"""A BERT sentence encoder written out as an ONNX graph, straight from the model's safetensors weights.

The default encoder runs this graph with ONNX Runtime: the same arithmetic as the model in torch at full
precision (vectors at cosine 0.99999 or closer; benchmarks/backends.py), without importing torch, which
alone costs seconds at start-up. Building the graph takes a fraction of a second and needs nothing but
numpy and safetensors (onnx_proto.py writes the protobuf), so there is no export step, no file to keep and nothing a first run on a new
machine must prepare.

Only what sentence-transformers' BERT models are made of is written: absolute position embeddings, post-
norm layers with exact (erf) GELU, mean pooling over the real tokens and, when the model has it, L2
normalisation. `supported` says why any other model is not, and the caller falls back to torch.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from claimcheck.embed import onnx_proto
from claimcheck.embed.tokens import modules_problem

OPSET = 17  # LayerNormalization is an operator from 17 on
IR_VERSION = 8  # the IR of opset 17
WEIGHTS = "model.safetensors"


@dataclass(frozen=True)
class BertShape:
    layers: int
    hidden: int
    heads: int
    eps: float


def supported(model_path: Path) -> str | None:
    """None when this module can write the model at `model_path`, else why not (one phrase)."""
    config_file = model_path / "config.json"
    if not (model_path / WEIGHTS).is_file() or not config_file.is_file():
        return f"no {WEIGHTS} and config.json"
    if not (model_path / "tokenizer.json").is_file():
        return "no fast tokenizer (tokenizer.json)"
    try:
        config = json.loads(config_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return f"unreadable config.json ({exc})"
    if config.get("model_type") != "bert":
        return f"model type {config.get('model_type')!r} is not bert"
    if config.get("hidden_act", "gelu") != "gelu" or config.get("position_embedding_type", "absolute") != "absolute":
        return "a BERT variant (activation or position embeddings) this graph does not write"
    try:
        problem = modules_problem(model_path)
    except (OSError, ValueError) as exc:
        return f"unreadable modules.json or pooling config ({exc})"
    if problem and problem[0] == "modules":
        return f"modules {', '.join(problem[1])} (only Transformer, mean Pooling and Normalize are written)"
    if problem:
        return f"pooling {', '.join(problem[1])} (only mean pooling is written)"
    return None


def normalizes(model_path: Path) -> bool:
    """Whether the sentence-transformers model ends in a Normalize module (unit-length vectors)."""
    modules_file = model_path / "modules.json"
    if not modules_file.is_file():
        return False
    modules = json.loads(modules_file.read_text(encoding="utf-8"))
    return any(str(m.get("type", "")).endswith("Normalize") for m in modules)


def build(model_path: Path, normalize: bool = True) -> bytes:
    """The serialized ONNX model: input_ids and attention_mask (int64, batch x tokens) in, `sentence_embedding`
    (float32, batch x hidden) out, mean-pooled over the tokens the mask marks."""
    from safetensors.numpy import load_file

    config = json.loads((model_path / "config.json").read_text(encoding="utf-8"))
    shape = BertShape(int(config["num_hidden_layers"]), int(config["hidden_size"]),
                      int(config["num_attention_heads"]), float(config.get("layer_norm_eps", 1e-12)))
    weights = {k.removeprefix("bert."): v for k, v in load_file(str(model_path / WEIGHTS)).items()}
    graph = _Graph()
    head = shape.hidden // shape.heads

    # Embeddings: word + position + token type 0 (a single sentence never has a second segment).
    ids, mask = "input_ids", "attention_mask"
    words = graph.op("Gather", [graph.const("word_embeddings", weights["embeddings.word_embeddings.weight"]), ids])
    length = graph.op("Shape", [ids], start=1, end=2)  # [tokens], a 1-D tensor as Slice wants
    placed = graph.op("Slice", [graph.const("position_embeddings", weights["embeddings.position_embeddings.weight"]),
                                graph.const("zero", np.array([0], dtype=np.int64)), length,
                                graph.const("axis_0", np.array([0], dtype=np.int64))])
    type_row = weights["embeddings.token_type_embeddings.weight"][0]
    x = graph.op("Add", [graph.op("Add", [words, placed]), graph.const("token_type_0", type_row)])
    x = graph.layer_norm(x, weights, "embeddings.LayerNorm", shape.eps)

    # Padding is masked out of attention with a large negative score, as the model does in torch.
    mask_f = graph.op("Cast", [mask], to=onnx_proto.FLOAT)
    blocked = graph.op("Mul", [graph.op("Sub", [graph.const("f_one", np.array(1.0, dtype=np.float32)), mask_f]),
                               graph.const("f_block", np.array(np.finfo(np.float32).min, dtype=np.float32))])
    blocked = graph.op("Unsqueeze", [blocked, graph.const("axes_1_2", np.array([1, 2], dtype=np.int64))])
    split = graph.const("split_heads", np.array([0, 0, shape.heads, head], dtype=np.int64))
    merge = graph.const("merge_heads", np.array([0, 0, shape.hidden], dtype=np.int64))
    scale = graph.const("scale", np.array(1.0 / math.sqrt(head), dtype=np.float32))

    for n in range(shape.layers):
        p = f"encoder.layer.{n}."
        q, k, v = (graph.op("Reshape", [graph.linear(x, weights, f"{p}attention.self.{part}"), split])
                   for part in ("query", "key", "value"))
        q = graph.op("Transpose", [q], perm=[0, 2, 1, 3])
        k = graph.op("Transpose", [k], perm=[0, 2, 3, 1])
        v = graph.op("Transpose", [v], perm=[0, 2, 1, 3])
        scores = graph.op("Add", [graph.op("Mul", [graph.op("MatMul", [q, k]), scale]), blocked])
        context = graph.op("MatMul", [graph.op("Softmax", [scores], axis=-1), v])
        context = graph.op("Reshape", [graph.op("Transpose", [context], perm=[0, 2, 1, 3]), merge])
        attended = graph.op("Add", [graph.linear(context, weights, f"{p}attention.output.dense"), x])
        x = graph.layer_norm(attended, weights, f"{p}attention.output.LayerNorm", shape.eps)
        inner = graph.gelu(graph.linear(x, weights, f"{p}intermediate.dense"))
        x = graph.layer_norm(graph.op("Add", [graph.linear(inner, weights, f"{p}output.dense"), x]),
                             weights, f"{p}output.LayerNorm", shape.eps)

    # Mean over the real tokens, then (for models that have it) unit length.
    weight = graph.op("Unsqueeze", [mask_f, graph.const("axis_2", np.array([2], dtype=np.int64))])
    summed = graph.op("ReduceSum", [graph.op("Mul", [x, weight]), graph.const("axis_1", np.array([1], dtype=np.int64))],
                      keepdims=0)
    counts = graph.op("Clip", [graph.op("ReduceSum", [weight, graph.const("axis_1b", np.array([1], dtype=np.int64))],
                                        keepdims=0), graph.const("min_count", np.array(1e-9, dtype=np.float32))])
    pooled = graph.op("Div", [summed, counts])
    if normalize:
        norm = graph.op("ReduceL2", [pooled], axes=[-1], keepdims=1)  # axes an attribute until opset 18
        pooled = graph.op("Div", [pooled, graph.op("Clip", [norm, graph.const("min_norm", np.array(1e-12, dtype=np.float32))])])
    out = graph.op("Identity", [pooled], output="sentence_embedding")

    inputs = [onnx_proto.value_info(name, onnx_proto.INT64, ["batch", "tokens"]) for name in (ids, mask)]
    outputs = [onnx_proto.value_info(out, onnx_proto.FLOAT, ["batch", shape.hidden])]
    # IR version pinned: ONNX Runtime reads IR versions only up to the one it was built with.
    return onnx_proto.model(graph.nodes, graph.initializers, inputs, outputs, graph_name="sentence_encoder",
                            ir_version=IR_VERSION, opset=OPSET, producer="claimcheck")


class _Graph:
    """Nodes and initializers, with a fresh name for every intermediate value."""

    def __init__(self):
        self.nodes: list[onnx_proto.Message] = []
        self.initializers: list[onnx_proto.Message] = []
        self._count = 0

    def const(self, name: str, array: np.ndarray) -> str:
        self.initializers.append(onnx_proto.tensor(name, array))
        return name

    def op(self, kind: str, inputs: list[str], output: str | None = None, **attrs) -> str:
        self._count += 1
        output = output or f"{kind.lower()}_{self._count}"
        self.nodes.append(onnx_proto.node(kind, inputs, [output], **attrs))
        return output

    def linear(self, x: str, weights: dict, prefix: str) -> str:
        # torch keeps a Linear's weight as (out, in); MatMul wants (in, out).
        w = self.const(f"{prefix}.weight", weights[f"{prefix}.weight"].T)
        return self.op("Add", [self.op("MatMul", [x, w]), self.const(f"{prefix}.bias", weights[f"{prefix}.bias"])])

    def layer_norm(self, x: str, weights: dict, prefix: str, eps: float) -> str:
        return self.op("LayerNormalization", [x, self.const(f"{prefix}.weight", weights[f"{prefix}.weight"]),
                                              self.const(f"{prefix}.bias", weights[f"{prefix}.bias"])],
                       axis=-1, epsilon=eps)

    def gelu(self, x: str) -> str:
        # The exact GELU, x * (1 + erf(x / sqrt 2)) / 2, which ONNX Runtime fuses into one kernel.
        half = self.const(f"half_{self._count}", np.array(0.5, dtype=np.float32))
        one = self.const(f"one_{self._count}", np.array(1.0, dtype=np.float32))
        root2 = self.const(f"root2_{self._count}", np.array(math.sqrt(2.0), dtype=np.float32))
        erf = self.op("Erf", [self.op("Div", [x, root2])])
        return self.op("Mul", [self.op("Mul", [x, self.op("Add", [erf, one])]), half])
