"""Worker processes for the analysis: they live and die with the run that started them.

A worker forked by the run must never outlive it: after `kill -9` or `timeout` (SIGTERM) of the run, a
worker re-parented to init would go on computing for nobody. Ctrl-C is the run's to handle: the terminal
sends it to the whole process group, and a worker that took it too would print its own traceback.
"""
from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
from concurrent.futures import ProcessPoolExecutor

_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def available_cores() -> int:
    """The cores this process may run on (its affinity), which is what a pool or a thread pool can use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of forked workers (they inherit the loaded spaCy pipeline instead of loading it again)."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=bind_to_parent, initargs=(os.getpid(),))


@contextlib.contextmanager
def stopped_on_failure():
    """Kill the workers at once when the run fails or is interrupted, instead of waiting for them to finish."""
    try:
        yield
    except BaseException:
        for child in multiprocessing.active_children():
            child.kill()
        raise


def bind_to_parent(parent: int) -> None:
    """In a forked child: Ctrl-C is the parent's, and the child is killed when the parent dies."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):  # no prctl: the worker still ends with its last task
            return
        if os.getppid() != parent:  # the run died before the line above took effect
            os._exit(1)
