"""The encoder in a process of its own: the same vectors as in this process, its errors as one message,
and a child that dies is replaced by encoding here."""
from __future__ import annotations

import os
import signal

import numpy as np
import pytest

from claimcheck.embed import embed_texts
from claimcheck.embed.cache import EmbeddingCache
from claimcheck.embed.encoder import encode, resolve_model
from claimcheck.embed.encoder_process import EncoderProcess
from claimcheck.errors import ClaimcheckError

SENTENCES = ["The ferry to Lund Island sailed again on Friday.",
             "Some 4,000 people left their homes as the river rose.",
             "Police said two men had been arrested."]


@pytest.fixture
def child():
    process = EncoderProcess(resolve_model(None))
    yield process
    process.close()


def test_the_child_gives_the_vectors_this_process_would(child):
    here = encode(resolve_model(None), SENTENCES)
    there = child.encode(SENTENCES)
    assert there.shape == here.shape and np.max(np.abs(there - here)) < 1e-6
    assert child.encode([]).shape == (0, 384)  # and it keeps serving


def test_a_dead_child_leaves_the_encoding_to_this_process(child, tmp_path):
    child.encode(SENTENCES[:1])
    os.kill(child._process.pid, signal.SIGKILL)
    child._process.join()
    assert child.encode(SENTENCES) is None  # the caller's cue to encode itself
    cache = EmbeddingCache(tmp_path / "cache")
    try:
        vectors, stats = embed_texts(SENTENCES, resolve_model(None), cache, encoder=child)
    finally:
        cache.close()
    assert vectors.shape == (3, 384) and stats.encoded == 3


def test_a_model_that_cannot_load_is_the_same_one_line_error(model_spec, tmp_path):
    import shutil
    from dataclasses import replace

    folder = tmp_path / "damaged"
    shutil.copytree(model_spec.path, folder)
    (folder / "model.safetensors").write_bytes(b"not a safetensors file")
    process = EncoderProcess(replace(model_spec, path=str(folder)))
    try:
        with pytest.raises(ClaimcheckError, match=f"could not load the embedding model from {folder}"):
            process.encode(SENTENCES)
    finally:
        process.close()


def test_closing_ends_the_child(child):
    process = child._process
    child.close()
    assert not process.is_alive()
    assert child.encode(SENTENCES) is None


def test_the_child_dies_with_a_parent_killed_outright(tmp_path):
    import subprocess
    import sys
    import time

    code = ("import sys, time\nfrom claimcheck.embed.encoder import resolve_model\n"
            "from claimcheck.embed.encoder_process import EncoderProcess\n"
            "p = EncoderProcess(resolve_model(None))\nprint(p._process.pid, flush=True)\ntime.sleep(600)\n")
    parent = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    child = int(parent.stdout.readline())
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.kill(child, signal.SIGKILL)
    raise AssertionError("the encoder process outlived its parent")
