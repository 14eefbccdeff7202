"""The encoder in a process of its own, started before spaCy loads.

Loading spaCy takes most of a core for most of a second, and Python threads cannot share that core's
time with the encoder's own start-up (building and optimising its graph): both hold the interpreter lock.
A forked process can: it loads the model on the other core while this one loads spaCy and reads the
articles, so the model is ready by the time there is text to encode. Vectors come back through a pipe
(1.5 KB a sentence).

Used by the local engine for the default "onnx" backend on a machine with two cores or more. If the
process cannot start or dies, encoding falls back to this process, so the worst case is the old speed.
"""
from __future__ import annotations

import multiprocessing
import os

import numpy as np

from claimcheck.errors import ClaimcheckError

_ERROR, _VECTORS = "error", "vectors"


class EncoderProcess:
    """`encode(texts)` in the child; None when the child is gone (the caller encodes in-process)."""

    def __init__(self, spec, show_progress: bool = False):
        self.spec = spec
        self._conn = None
        self._process = None
        try:
            context = multiprocessing.get_context("fork")
            self._conn, theirs = context.Pipe()
            self._process = context.Process(target=_serve, args=(theirs, self._conn, os.getpid(), spec, show_progress),
                                            name="claimcheck-encoder", daemon=True)
            self._process.start()
            theirs.close()
        except Exception:  # noqa: BLE001 - no fork here, no process to spare, or inside a daemon: encode here
            self.close()

    def encode(self, texts: list[str]) -> np.ndarray | None:
        if self._conn is None:
            return None
        try:
            self._conn.send(list(texts))
            kind, value = self._conn.recv()
        except (EOFError, OSError):  # the child died (killed, out of memory): this process takes over
            self.close()
            return None
        if kind == _ERROR:
            raise ClaimcheckError(value)
        return value

    def close(self) -> None:
        conn, process = self._conn, self._process
        self._conn = self._process = None
        if conn is not None:
            try:
                conn.send(None)  # "no more": the child returns
            except (OSError, ValueError):
                pass
            conn.close()
        if process is not None:
            process.join(timeout=2)
            if process.is_alive():
                process.kill()
                process.join()


def _serve(conn, parents_end, parent: int, spec, show_progress: bool) -> None:
    """In the child: load the model at once, then encode each list of texts sent until told to stop."""
    from claimcheck.workers import bind_to_parent

    parents_end.close()  # else this process holds the pipe open itself, and never sees the parent go
    bind_to_parent(parent)  # and a parent killed outright takes this process with it
    try:
        _answer(conn, spec, show_progress)
    except BaseException:  # noqa: BLE001 - whatever it was, the parent sees a closed pipe and encodes itself
        pass


def _answer(conn, spec, show_progress: bool) -> None:
    from claimcheck.embed.encoder import encode, preload

    preload(spec)  # a failure to load is reported by the first encode, with its message
    while True:
        try:
            texts = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if texts is None:
            return
        try:
            reply = (_VECTORS, encode(spec, texts, show_progress))
        except ClaimcheckError as exc:
            reply = (_ERROR, str(exc))
        except Exception as exc:  # noqa: BLE001 - a message for the parent, never a traceback on stderr
            reply = (_ERROR, f"the encoder failed: {type(exc).__name__}: {exc}")
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return
