"""The default encoder: the model's graph written from its weights, run by ONNX Runtime. Its protobuf is
what the onnx package would write, its vectors are torch's at full precision, it shares their cache key,
and it never imports torch."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from claimcheck.embed import bert_graph, onnx_proto
from claimcheck.embed.encoder import encode, resolve_model
from tests.conftest import ROOT

SENTENCES = [  # invented news sentences of different lengths
    "Floodwater reached the market square in Quillbridge on Thursday morning.",
    "About 3,200 households in Marrowdale lost power after the storm brought down two pylons.",
    "Rain.",
    "The union, which represents 12,000 nurses, rejected the offer and said strikes would go ahead at "
    "four hospitals unless ministers returned to talks with a better deal on pay and staffing.",
    "Ravi Holmgard, the chief engineer, denied that the bridge had been closed because of cracks.",
]


def test_the_protobuf_is_what_onnx_helper_writes():
    onnx = pytest.importorskip("onnx")
    from onnx import TensorProto, helper, numpy_helper

    weights = np.arange(6, dtype=np.float32).reshape(2, 3)
    ours = onnx_proto.model(
        [onnx_proto.node("Transpose", ["w"], ["t"], perm=[1, 0]),
         onnx_proto.node("LayerNormalization", ["t", "g", "b"], ["y"], axis=-1, epsilon=1e-12),
         onnx_proto.node("Cast", ["y"], ["z"], to=onnx_proto.FLOAT)],
        [onnx_proto.tensor("w", weights), onnx_proto.tensor("g", np.ones(2, np.float32)),
         onnx_proto.tensor("b", np.zeros(2, np.float32)), onnx_proto.tensor("k", np.array([-1, 7], np.int64))],
        [onnx_proto.value_info("x", onnx_proto.INT64, ["batch", "tokens"])],
        [onnx_proto.value_info("z", onnx_proto.FLOAT, ["batch", 384])],
        graph_name="g", ir_version=8, opset=17, producer="claimcheck")
    graph = helper.make_graph(
        [helper.make_node("Transpose", ["w"], ["t"], perm=[1, 0]),
         helper.make_node("LayerNormalization", ["t", "g", "b"], ["y"], axis=-1, epsilon=1e-12),
         helper.make_node("Cast", ["y"], ["z"], to=TensorProto.FLOAT)], "g",
        [helper.make_tensor_value_info("x", TensorProto.INT64, ["batch", "tokens"])],
        [helper.make_tensor_value_info("z", TensorProto.FLOAT, ["batch", 384])],
        [numpy_helper.from_array(weights, "w"), numpy_helper.from_array(np.ones(2, np.float32), "g"),
         numpy_helper.from_array(np.zeros(2, np.float32), "b"), numpy_helper.from_array(np.array([-1, 7], np.int64), "k")])
    theirs = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="claimcheck",
                               ir_version=8)
    assert onnx.load_from_string(ours) == theirs
    onnx.checker.check_model(onnx.load_from_string(ours))


def test_the_whole_graph_passes_onnxs_checker(model_spec):
    onnx = pytest.importorskip("onnx")
    onnx.checker.check_model(onnx.load_from_string(bert_graph.build(Path(model_spec.path))), full_check=True)


def test_the_default_backend_gives_torchs_full_precision_vectors_under_the_same_key():
    default, full = resolve_model(None), resolve_model(None, "torch-fp32")
    assert default.backend == "onnx" and full.backend == "torch"
    assert default.cache_key == full.cache_key  # caches and stores take either
    ours, torchs = encode(default, SENTENCES), encode(full, SENTENCES)
    assert ours.shape == torchs.shape == (len(SENTENCES), 384)
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert float(np.min(np.sum(ours * torchs, axis=1))) > 0.99999
    assert float(np.max(np.abs(ours - torchs))) < 1e-5


def test_a_sentence_gets_the_same_vector_alone_or_in_a_batch():
    default = resolve_model(None)
    together = encode(default, SENTENCES)
    for i, sentence in enumerate(SENTENCES):
        assert np.max(np.abs(encode(default, [sentence])[0] - together[i])) < 1e-5
    assert encode(default, []).shape == (0, 384)


def test_encoding_never_imports_torch():
    code = ("import sys\nfrom claimcheck.embed.encoder import encode, resolve_model\n"
            "v = encode(resolve_model(None), ['The bridge reopened on Monday.'])\n"
            "print(v.shape, 'torch' in sys.modules, 'onnx' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.split() == ["(1,", "384)", "False", "False"]


def copy_model(model_spec, target: Path, **config_changes) -> Path:
    shutil.copytree(model_spec.path, target)
    config = json.loads((target / "config.json").read_text())
    (target / "config.json").write_text(json.dumps({**config, **config_changes}))
    return target


def test_a_model_the_graph_cannot_write_runs_on_torch(model_spec, tmp_path):
    folder = copy_model(model_spec, tmp_path / "other-model", hidden_act="relu")
    assert "activation" in bert_graph.supported(folder)
    spec = resolve_model(str(folder))
    assert spec.backend == "torch"
    assert bert_graph.supported(Path(model_spec.path)) is None


def test_a_damaged_weights_file_is_one_line_naming_the_folder(model_spec, tmp_path):
    from claimcheck.embed.ort_encoder import GraphEncoder
    from claimcheck.errors import ClaimcheckError

    folder = copy_model(model_spec, tmp_path / "damaged")
    (folder / "model.safetensors").write_bytes(b"not a safetensors file")
    with pytest.raises(ClaimcheckError, match=f"could not load the embedding model from {folder}"):
        GraphEncoder(folder)

