"""Real disks that fail, for the tests: a small tmpfs filled up, a read-only bind mount, an immutable file.
Making them needs root; a test that cannot have one is skipped, saying why."""
from __future__ import annotations

import os
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest


def sh(*command) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in command], capture_output=True, text=True)


@contextmanager
def privileged(how: str, setup: list, undo: list):
    """Run the setup commands (as root), skip the test when this system does not permit them, undo after."""
    if os.geteuid() != 0:
        pytest.skip(f"{how} needs root")
    done = []
    try:
        for command, reverse in zip(setup, undo):
            run = sh(*command)
            if run.returncode != 0:
                pytest.skip(f"{how} is not permitted here: {run.stderr.strip()}")
            done.append(reverse)
        yield
    finally:
        for reverse in reversed(done):
            sh(*reverse)


def fill(folder: Path, leave: int) -> Path:
    """Fill the disk holding `folder` up to `leave` bytes from the end."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"x" * 65536)
    except OSError:
        pass
    while shutil.disk_usage(folder).free < leave:
        os.ftruncate(fd, os.fstat(fd).st_size - 4096)
    os.close(fd)
    return filler
