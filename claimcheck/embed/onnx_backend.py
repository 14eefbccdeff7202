"""An optional encoder backend: the sentence-transformers model run by ONNX Runtime with int8 weights.

The first run exports the model's transformer to ONNX (torch's TorchScript exporter), quantizes its
weights to int8 per output channel (`onnxruntime.quantization.quantize_dynamic`) and keeps the result,
with the model's tokenizer and pooling settings, in a folder of the claimcheck cache dir keyed by the
model's cache key. The folder is built under a temporary name and renamed into place when complete, so a
killed export leaves no half model. Later runs load that folder with onnxruntime and `tokenizers` alone:
torch is not imported.

Encoding matches sentence-transformers: the same tokenizer and truncation (the model's max_seq_length,
256 word pieces for all-MiniLM-L6-v2), mean pooling over the tokens, L2 normalisation. Each sentence is
encoded alone (see OnnxEncoder), so its vector never depends on what else is encoded with it. Only
models made of Transformer, mean Pooling and Normalize modules are supported; another kind is refused
rather than encoded differently.

Per-channel weights matter: per-tensor int8 weights put some sentences of the fixtures below cosine 0.90
to the full-precision vectors; per channel the lowest measured was 0.98, at the same speed.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import sys
import tempfile
import time
import warnings
from functools import lru_cache
from pathlib import Path

import numpy as np

from claimcheck.embed.tokens import (
    modules_problem,
    padded,
    sequence_settings,
    tokenizer,
)
from claimcheck.errors import ClaimcheckError
from claimcheck.progress import bar
from claimcheck.runner_safe import log_line
from claimcheck.workers import available_cores

BACKEND = "onnx-int8"
RECIPE = "onnx-int8-v1"  # changes whenever the export or quantization would give other vectors
MODEL_FILE = "model.int8.onnx"
META_FILE = "claimcheck-onnx.json"
TOKENIZER_FILE = "tokenizer.json"
OPSET = 17
_STALE_SECONDS = 3600  # a partial export older than this was killed; its folder is removed
INSTALL_HINT = "install claimcheck[onnx] (pip install 'claimcheck[onnx]')"


def artifact_dir(cache_dir: Path | str | None, cache_key: str) -> Path:
    """Where the exported model for `cache_key` (the backend's own key) lives under the cache dir."""
    if cache_dir is None:
        from claimcheck.embed.cache import default_cache_dir

        cache_dir = default_cache_dir()
    slug = hashlib.sha256(cache_key.encode("utf-8")).hexdigest()[:24]
    return Path(cache_dir) / "onnx" / slug


def is_exported(folder: Path | str) -> bool:
    folder = Path(folder)
    return all((folder / name).is_file() for name in (MODEL_FILE, META_FILE, TOKENIZER_FILE))


def _require_onnxruntime():
    try:
        import onnxruntime
    except ImportError as exc:
        raise ClaimcheckError(f"the {BACKEND} backend needs onnxruntime, which is not installed: {INSTALL_HINT}") from exc
    return onnxruntime


# --- export (once per model; the only place torch is imported) ------------------------------------------


def _pooling_settings(model_path: Path) -> dict:
    """max_seq_length and do_lower_case as sentence-transformers reads them; refuses what we cannot match."""
    problem = modules_problem(model_path)
    if problem and problem[0] == "modules":
        raise ClaimcheckError(f"the {BACKEND} backend supports Transformer + mean Pooling (+ Normalize) models "
                              f"only; {model_path} has modules {', '.join(problem[1])}")
    if problem:
        raise ClaimcheckError(f"the {BACKEND} backend supports mean pooling only; {model_path} uses "
                              f"{', '.join(problem[1])}")
    return sequence_settings(model_path)


def export(model_path: str | Path, folder: Path | str, cache_key: str, show_progress: bool = False) -> Path:
    """Export and quantize the model at `model_path` into `folder`, unless it is already there."""
    folder = Path(folder)
    if is_exported(folder):
        return folder
    model_path = Path(model_path)
    if not (model_path / TOKENIZER_FILE).is_file():
        raise ClaimcheckError(f"the {BACKEND} backend needs a fast tokenizer ({TOKENIZER_FILE}) in {model_path}")
    settings = _pooling_settings(model_path)
    _require_onnxruntime()
    try:
        import onnx  # noqa: F401  (quantization needs it)
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError as exc:
        raise ClaimcheckError(f"exporting a model for the {BACKEND} backend needs onnx and onnxruntime's "
                              f"quantization tools: {INSTALL_HINT} ({exc})") from exc
    folder.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_partials(folder)
    if show_progress:
        # log_line: one line, and no CI runner command in the cache folder's name.
        print(log_line(f"exporting {model_path.name} to ONNX int8 (once, into {folder})"), file=sys.stderr)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.partial-{_owner()}-", dir=folder.parent))
    try:
        fp32 = tmp / "model.fp32.onnx"
        inputs = _export_fp32(model_path, fp32, settings)
        with _quiet_root_logger():
            quantize_dynamic(str(fp32), str(tmp / MODEL_FILE), weight_type=QuantType.QInt8, per_channel=True)
        fp32.unlink()
        shutil.copyfile(model_path / TOKENIZER_FILE, tmp / TOKENIZER_FILE)
        meta = {"cache_key": cache_key, "recipe": RECIPE, "source": str(model_path), "inputs": inputs, **settings}
        (tmp / META_FILE).write_text(json.dumps(meta, indent=2), encoding="utf-8")
        try:
            os.replace(tmp, folder)  # atomic: the folder appears complete or not at all
        except OSError:
            if not is_exported(folder):  # not another run's finished export, so a real failure
                raise
    except ClaimcheckError:
        raise
    except Exception as exc:
        raise ClaimcheckError(f"could not export the embedding model {model_path} to ONNX: "
                              f"{type(exc).__name__}: {exc}") from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # nothing left after a rename; a failure's leftovers go
    return folder


def _export_fp32(model_path: Path, target: Path, settings: dict) -> list[str]:
    """The transformer alone (token embeddings out), with dynamic batch and sequence axes. Returns its inputs."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import inspect

    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()
    model = AutoModel.from_pretrained(str(model_path), local_files_only=True, trust_remote_code=False,
                                      attn_implementation="eager").eval()
    accepts_types = "token_type_ids" in inspect.signature(model.forward).parameters
    names = ["input_ids", "attention_mask"] + (["token_type_ids"] if accepts_types else [])

    class TokenEmbeddings(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, *tensors):
            return self.inner(**dict(zip(names, tensors))).last_hidden_state

    # A sample batch of two lengths, so padding and the attention mask are part of what is traced.
    sample_tokenizer = tokenizer(model_path / TOKENIZER_FILE, settings["max_seq_length"])
    ids, mask = padded(sample_tokenizer.encode_batch(["A sample sentence for tracing the model.", "Short one."]))
    sample = tuple(torch.from_numpy(a) for a in (ids, mask, np.zeros_like(ids))[: len(names)])
    axes = {name: {0: "batch", 1: "tokens"} for name in names + ["token_embeddings"]}
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # tracer and deprecation warnings say nothing to a user
        torch.onnx.export(TokenEmbeddings(model), sample, str(target), input_names=names,
                          output_names=["token_embeddings"], dynamic_axes=axes, opset_version=OPSET,
                          do_constant_folding=True, dynamo=False)
    return names


class _quiet_root_logger:
    """quantize_dynamic logs advice to the root logger; it is not the user's concern."""

    def __enter__(self):
        import logging

        self._logger = logging.getLogger()
        self._level = self._logger.level
        self._logger.setLevel(logging.ERROR)

    def __exit__(self, *exc):
        self._logger.setLevel(self._level)


def _owner() -> str:
    """Who is exporting, in a partial folder's name: a run on this host whose process is gone was killed."""
    return f"{socket.gethostname().replace('-', '_')}-{os.getpid()}"


def _remove_stale_partials(folder: Path) -> None:
    """Remove what killed exports left: at once when their process is gone, else after an hour (another host,
    or a process id used again). A live export on this host is left alone."""
    now = time.time()
    host = socket.gethostname().replace("-", "_")
    for partial in folder.parent.glob(f".{folder.name}.partial-*"):
        owner = partial.name.split(".partial-", 1)[1].split("-")
        try:
            dead = owner[0] == host and owner[1].isdigit() and not _alive(int(owner[1]))
            if dead or now - partial.stat().st_mtime > _STALE_SECONDS:
                shutil.rmtree(partial, ignore_errors=True)
        except (OSError, IndexError):
            pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, and is someone else's
        pass
    return True


# --- encoding (onnxruntime and tokenizers only) -------------------------------------------------------------


class OnnxEncoder:
    """A loaded int8 model: `encode(texts)` gives unit-length float32 rows.

    Each sentence is run on its own, never padded into a batch: dynamic quantization scales a MatMul's
    input by the largest value in the whole tensor, so in a batch one sentence's vector would depend on the
    others (and on the padding), by as much as cosine 0.98 on the fixtures. Alone, a sentence always gets
    the same vector, whatever else is encoded in the same run, so cached vectors and cold runs agree and
    the input order changes nothing. Sentences run in parallel instead, one per core, each on one
    intra-op thread: on 2 cores that is about twice as fast as one sentence at a time on 2 intra-op threads.
    """

    def __init__(self, folder: Path | str, workers: int | None = None):
        ort = _require_onnxruntime()
        folder = Path(folder)
        self.workers = workers or available_cores()
        try:
            self.meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
            options = ort.SessionOptions()
            options.intra_op_num_threads = 1  # parallel across sentences instead, see above
            options.inter_op_num_threads = 1
            options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            self.session = ort.InferenceSession(str(folder / MODEL_FILE), options, providers=["CPUExecutionProvider"])
            self.tokenizer = tokenizer(folder / TOKENIZER_FILE, int(self.meta["max_seq_length"]))
        except Exception as exc:
            raise ClaimcheckError(f"could not load the ONNX embedding model from {folder}: {exc} "
                                  f"(delete that folder to export it again)") from exc
        self.inputs = [i.name for i in self.session.get_inputs()]
        dim = self.session.get_outputs()[0].shape[-1]
        self.dim = dim if isinstance(dim, int) else 0

    def _one(self, ids: list[int]) -> np.ndarray:
        row = np.asarray([ids], dtype=np.int64)
        feed = {"input_ids": row, "attention_mask": np.ones_like(row), "token_type_ids": np.zeros_like(row)}
        tokens = self.session.run(None, {name: feed[name] for name in self.inputs})[0][0]
        pooled = tokens.mean(axis=0)  # every token is real: no padding, so the mask-weighted mean is the mean
        return (pooled / max(float(np.linalg.norm(pooled)), 1e-12)).astype(np.float32)

    def encode(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self.meta.get("do_lower_case"):
            texts = [t.lower() for t in texts]
        encodings = self.tokenizer.encode_batch(list(texts))
        # Longest first, so no worker is left with one long sentence at the end.
        order = sorted(range(len(texts)), key=lambda i: -len(encodings[i].ids))
        rows = np.zeros((len(texts), self.dim), dtype=np.float32)
        with bar(len(texts), "Embedding", show_progress, unit="sentence") as progress:
            if self.workers > 1 and len(texts) > 1:
                from concurrent.futures import ThreadPoolExecutor

                with ThreadPoolExecutor(self.workers) as pool:  # onnxruntime releases the GIL while it runs
                    for i, row in zip(order, pool.map(lambda i: self._one(encodings[i].ids), order)):
                        rows[i] = row
                        progress.update(1)
            else:
                for i in order:
                    rows[i] = self._one(encodings[i].ids)
                    progress.update(1)
        return rows


@lru_cache(maxsize=2)
def load(folder: str) -> OnnxEncoder:
    return OnnxEncoder(folder)


def encode(spec, texts: list[str], show_progress: bool = False) -> np.ndarray:
    """Unit-length float32 vectors, one row per text; exports the model first if this cache has none."""
    _require_onnxruntime()
    folder = Path(spec.artifacts) if spec.artifacts else artifact_dir(None, spec.cache_key)
    if not is_exported(folder):
        export(spec.path, folder, spec.cache_key, show_progress)
    return load(str(folder)).encode(texts, show_progress)
