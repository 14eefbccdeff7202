"""The optional onnx-int8 encoder backend: export once, int8 vectors close to torch's, no torch on reload,
its own cache key, and the same findings as torch on a fixture set through the real command."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("onnxruntime")
pytest.importorskip("onnx")

from claimcheck.embed import onnx_backend  # noqa: E402
from claimcheck.embed.encoder import encode, resolve_model  # noqa: E402
from claimcheck.errors import ClaimcheckError  # noqa: E402
from tests.conftest import FIXTURES, ROOT, run_cli  # noqa: E402

# Invented news sentences of different lengths (none of the names come from the shared seeds).
SENTENCES = [
    "Floodwater reached the market square in Quillbridge on Thursday morning.",
    "About 3,200 households in Marrowdale lost power after the storm brought down two pylons.",
    "The harbour authority said the ferry to Tessington would not sail again before Monday.",
    "Mayor Odile Ferncastle told reporters that the council had set aside 2.4 million euros for repairs.",
    "Police said a 54-year-old man had been arrested.",
    "Rain.",
    "The union, which represents 12,000 nurses, rejected the offer and said strikes would go ahead at "
    "four hospitals unless ministers returned to talks with a better deal on pay and staffing, and it "
    "accused the health board of delaying for months while waiting lists grew longer in every district.",
    "Ravi Holmgard, the chief engineer, denied that the bridge had been closed because of cracks.",
]


@pytest.fixture(scope="module")
def onnx_cache(tmp_path_factory):
    """A cache dir holding the exported int8 model, exported once for the whole module."""
    cache = tmp_path_factory.mktemp("onnx-cache")
    spec = resolve_model(None, "onnx-int8", cache)
    onnx_backend.export(spec.path, spec.artifacts, spec.cache_key)
    return cache


@pytest.fixture(scope="module")
def onnx_spec(onnx_cache):
    return resolve_model(None, "onnx-int8", onnx_cache)


@pytest.fixture(scope="module")
def onnx_vectors(onnx_spec):
    return encode(onnx_spec, SENTENCES)


def test_export_is_complete_and_leaves_nothing_half_done(onnx_spec):
    folder = Path(onnx_spec.artifacts)
    assert onnx_backend.is_exported(folder)
    assert folder.parent.parent.name != "" and folder.parent.name == "onnx"
    assert not list(folder.parent.glob(".*partial*"))  # the temporary folder was renamed into place
    meta = json.loads((folder / onnx_backend.META_FILE).read_text())
    assert meta["max_seq_length"] == 256 and meta["cache_key"] == onnx_spec.cache_key
    assert not (folder / "model.fp32.onnx").exists()


def test_vectors_are_unit_length_float32_rows(onnx_vectors):
    assert onnx_vectors.dtype == np.float32
    assert onnx_vectors.shape == (len(SENTENCES), 384)
    assert np.allclose(np.linalg.norm(onnx_vectors, axis=1), 1.0, atol=1e-5)


def test_vectors_are_close_to_torch(onnx_vectors, model_spec):
    torch_vectors = encode(model_spec, SENTENCES)
    cosine = (onnx_vectors * torch_vectors).sum(axis=1)
    assert cosine.min() >= 0.94, cosine


def test_a_sentence_gets_the_same_vector_whatever_is_encoded_with_it(onnx_spec, onnx_vectors):
    # Dynamic int8 quantization scales by the largest value in a whole batch, so batching would make a
    # vector depend on its neighbours; the backend encodes each sentence alone to rule that out.
    encoder = onnx_backend.load(onnx_spec.artifacts)
    reversed_order = encoder.encode(list(reversed(SENTENCES)))[::-1]
    one_by_one = np.stack([encoder.encode([s])[0] for s in SENTENCES])
    single_worker = onnx_backend.OnnxEncoder(onnx_spec.artifacts, workers=1).encode(SENTENCES)
    for other in (reversed_order, one_by_one, single_worker):
        assert np.allclose(other, onnx_vectors, atol=1e-6)
    assert encoder.encode([]).shape == (0, 384)


def test_long_text_is_truncated_like_sentence_transformers(onnx_spec, model_spec):
    long_text = " ".join(SENTENCES * 8)  # far over 256 word pieces
    one = encode(onnx_spec, [long_text])
    reference = encode(model_spec, [long_text])
    assert float(one[0] @ reference[0]) >= 0.94


def test_a_saved_model_is_used_without_importing_torch(onnx_cache):
    code = (
        "import sys\n"
        "from claimcheck.embed.encoder import encode, resolve_model\n"
        f"spec = resolve_model(None, 'onnx-int8', {str(onnx_cache)!r})\n"
        f"vectors = encode(spec, {SENTENCES[:3]!r})\n"
        "assert vectors.shape == (3, 384), vectors.shape\n"
        "print('torch' in sys.modules, 'transformers' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "False"]


def test_backends_have_different_cache_keys(onnx_cache):
    torch_spec = resolve_model(None, "torch-fp32")
    onnx_spec = resolve_model(None, "onnx-int8", onnx_cache)
    assert torch_spec.backend == "torch" and onnx_spec.backend == "onnx-int8"
    assert torch_spec.cache_key == "all-MiniLM-L6-v2@gt-0.1.0"  # unchanged: existing caches and stores stay valid
    assert onnx_spec.cache_key != torch_spec.cache_key
    assert resolve_model(None) == resolve_model(None, "onnx")  # the default
    with pytest.raises(ClaimcheckError, match="unknown encoder backend"):
        resolve_model(None, "tensorflow")


def test_a_failed_export_leaves_no_model(tmp_path, monkeypatch):
    spec = resolve_model(None, "onnx-int8", tmp_path)

    def broken(model_path, target, settings):
        target.write_bytes(b"half a model")
        raise RuntimeError("killed halfway")

    monkeypatch.setattr(onnx_backend, "_export_fp32", broken)
    with pytest.raises(ClaimcheckError, match="could not export .* killed halfway"):
        encode(spec, SENTENCES[:1])
    folder = Path(spec.artifacts)
    assert not folder.exists()
    assert not list(folder.parent.iterdir())  # no partial folder left behind either


def test_missing_onnxruntime_is_a_clear_error(monkeypatch, onnx_spec):
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # makes `import onnxruntime` fail
    with pytest.raises(ClaimcheckError, match=r"claimcheck\[onnx\]"):
        encode(onnx_spec, SENTENCES[:1])


def test_config_backend_is_validated(tmp_path):
    from claimcheck.config import load_config

    (tmp_path / "claimcheck.toml").write_text('backend = "onnx-int8"\n')
    assert load_config(tmp_path).backend == "onnx-int8"
    (tmp_path / "claimcheck.toml").write_text('backend = "onnx-fp16"\n')
    with pytest.raises(ClaimcheckError, match="'backend' must be one of onnx, torch, torch-fp32, onnx-int8"):
        load_config(tmp_path)


def _findings(report: Path) -> list[tuple[str, str]]:
    return sorted((f["id"], f["severity"]) for f in json.loads(report.read_text())["findings"])


def test_cli_report_finds_the_same_with_both_backends(onnx_cache, embedding_cache, tmp_path):
    files = sorted(p for p in (FIXTURES / "flood-figure-conflict").glob("*.txt"))
    runs = {}
    for backend, cache in (("torch", embedding_cache), ("onnx-int8", onnx_cache)):
        out = tmp_path / backend
        done = run_cli("report", *files, "--out", out, "--backend", backend, "--cache-dir", cache, "--quiet")
        assert done.returncode == 0, done.stderr
        runs[backend] = _findings(out / "report.json")
    assert runs["torch"], "the fixture set should have findings"
    assert runs["onnx-int8"] == runs["torch"]
