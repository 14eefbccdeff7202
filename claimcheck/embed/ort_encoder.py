"""The default encoder: the model's own graph (embed/bert_graph.py) run at full precision by ONNX Runtime.

Its vectors are the torch model's at full precision to within float rounding (cosine 0.9999996 or closer on
real news; benchmarks/backends.py), so they share torch-fp32's cache key: caches and corpus stores mix
them freely. What it saves is start-up: no torch import (seconds), the graph built in memory from the
safetensors file in a fraction of a second, nothing exported or kept on disk, so the first run on a new
machine is as fast as any. It also encodes faster than torch on a small CPU.

Sentences are encoded in batches of similar length (little padding); padded positions are masked out of
attention and pooling, so a sentence's vector does not depend on its batch beyond float rounding.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

from claimcheck.embed.tokens import padded, sequence_settings, tokenizer
from claimcheck.errors import ClaimcheckError
from claimcheck.progress import bar
from claimcheck.workers import available_cores

BATCH = 32  # sentences per run: bigger batches pad more and gain nothing on 2 cores
INSTALL_HINT = "reinstall claimcheck (pip install -e .), which requires onnxruntime"


class GraphEncoder:
    """A loaded model: `encode(texts)` gives unit-length float32 rows (when the model normalises)."""

    def __init__(self, model_path: Path | str):
        from claimcheck.embed import bert_graph

        model_path = Path(model_path)
        try:
            import onnxruntime as ort
        except ImportError as exc:
            raise ClaimcheckError(f"the onnx encoder backend needs onnxruntime, which is not installed: {INSTALL_HINT}") from exc
        try:
            graph = bert_graph.build(model_path, normalize=bert_graph.normalizes(model_path))
            options = ort.SessionOptions()
            options.intra_op_num_threads = available_cores()
            options.inter_op_num_threads = 1
            options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            options.log_severity_level = 3  # shape-inference notes are for ONNX Runtime's developers, not users
            self.session = ort.InferenceSession(graph, options, providers=["CPUExecutionProvider"])
            settings = sequence_settings(model_path)
            self.lower = settings["do_lower_case"]
            self.tokenizer = tokenizer(model_path / "tokenizer.json", settings["max_seq_length"])
        except ClaimcheckError:
            raise
        except Exception as exc:  # a damaged model folder is the user's to fix, said in one line
            raise ClaimcheckError(f"could not load the embedding model from {model_path}: {type(exc).__name__}: {exc}") from exc
        self.dim = int(self.session.get_outputs()[0].shape[-1])

    def encode(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        rows = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return rows
        encodings = self.tokenizer.encode_batch([t.lower() for t in texts] if self.lower else list(texts))
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        with bar(len(texts), "Embedding", show_progress, unit="sentence") as progress:
            for start in range(0, len(order), BATCH):
                chosen = order[start:start + BATCH]
                ids, mask = padded([encodings[i] for i in chosen])
                rows[chosen] = self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
                progress.update(len(chosen))
        return rows


@lru_cache(maxsize=2)
def load(model_path: str) -> GraphEncoder:
    return GraphEncoder(model_path)


def encode(spec, texts: list[str], show_progress: bool = False) -> np.ndarray:
    return load(spec.path).encode(texts, show_progress)
