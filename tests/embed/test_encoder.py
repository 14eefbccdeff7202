"""The torch encoder: bfloat16 where the processor multiplies it in hardware, full precision on request,
each with its own cache key, and vectors that may be mixed in one corpus store."""
from __future__ import annotations

import numpy as np
import pytest

from claimcheck.embed import encoder
from claimcheck.embed.encoder import BF16_MARK, encode, native_bf16, resolve_model, vector_family

# Invented sentences (no names from the shared seeds).
SENTENCES = [
    "Floodwater reached the market square in Quillbridge on Thursday morning.",
    "About 3,200 households in Marrowdale lost power after the storm brought down two pylons.",
    "Rain.",
    "Mayor Odile Ferncastle told reporters that the council had set aside 2.4 million euros for repairs, "
    "and that the work on the river wall would begin before the end of the month.",
]


def test_full_precision_backend_never_uses_bfloat16():
    spec = resolve_model(None, "torch-fp32")
    assert spec.precision == "fp32" and not spec.cache_key.endswith(BF16_MARK)


def test_default_torch_follows_the_processor(monkeypatch):
    monkeypatch.setattr(encoder, "native_bf16", lambda: True)
    fast = resolve_model(None, "torch")
    monkeypatch.setattr(encoder, "native_bf16", lambda: False)
    plain = resolve_model(None, "torch")
    assert (fast.precision, plain.precision) == ("bf16", "fp32")
    # Other vectors, other cache entries; but one family, so a corpus store accepts both.
    assert fast.cache_key == plain.cache_key + BF16_MARK
    assert vector_family(fast.cache_key) == vector_family(plain.cache_key) == plain.cache_key


def test_other_backends_are_another_family():
    pytest.importorskip("onnxruntime")
    onnx = resolve_model(None, "onnx-int8")
    assert vector_family(onnx.cache_key) != vector_family(resolve_model(None, "torch").cache_key)


def test_processor_flags_are_read_without_torch():
    import subprocess
    import sys

    code = ("import sys; from claimcheck.embed.encoder import native_bf16, resolve_model; native_bf16(); "
            "resolve_model(None, 'torch'); print('torch' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


@pytest.mark.skipif(not native_bf16(), reason="this processor has no bfloat16 matrix instructions")
def test_bfloat16_vectors_are_unit_length_and_close_to_full_precision():
    fast = encode(resolve_model(None, "torch"), SENTENCES)
    full = encode(resolve_model(None, "torch-fp32"), SENTENCES)
    assert fast.dtype == np.float32 and fast.shape == full.shape == (len(SENTENCES), 384)
    assert np.allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-5)
    cosine = (fast * full).sum(axis=1)
    assert cosine.min() >= 0.9995, cosine


def test_bfloat16_does_not_leak_into_full_precision_runs():
    """autocast is entered around one encode call only: a full-precision encode after a bfloat16 one gives
    exactly the vectors of a full-precision encode alone."""
    full = resolve_model(None, "torch-fp32")
    before = encode(full, SENTENCES)
    encode(resolve_model(None, "torch"), SENTENCES)
    assert np.array_equal(encode(full, SENTENCES), before)
