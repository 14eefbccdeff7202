"""A run stopped from outside takes its worker processes with it: killed (SIGKILL), terminated (SIGTERM, as
`timeout` sends) or interrupted (Ctrl-C, to the whole process group as a terminal sends it, or to the run
alone). Ctrl-C ends the run with exit code 130 and one line, never a traceback from the run or a worker.

Each run is held while its workers are busy: DRIVER (see test_kill_and_concurrency) makes the workers'
function wait for a file that never comes, and starts workers for even a small input."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli.test_kill_and_concurrency import DRIVER, FILES
from tests.conftest import ROOT

HOLD_WORKERS = ("--set", "claimcheck.pipeline.analysis:PARALLEL_MIN_BLOCKS", "1",
                "--pause", "claimcheck.pipeline.analysis:_analyse_here")  # what each worker runs


def busy_run(tmp_path: Path) -> tuple[subprocess.Popen, list[int]]:
    """`report` in a session of its own, once its workers are started and working; with their pids."""
    never = tmp_path / "never"
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    run = subprocess.Popen(
        [sys.executable, "-c", DRIVER, *HOLD_WORKERS, never, "report", *FILES, "--out", tmp_path / "out",
         "--no-cache"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while not Path(f"{never}.waiting").exists():
        assert run.poll() is None, run.communicate()[1]
        assert time.monotonic() < deadline, "the workers never started"
        time.sleep(0.05)
    workers = children(run.pid)
    assert workers, "no worker process to watch"
    return run, workers


def children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
    return out


def alive(pid: int) -> bool:
    """Running, as opposed to gone or a zombie waiting to be reaped (dead all the same)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def all_gone(pids: list[int], seconds: float = 15) -> bool:
    deadline = time.monotonic() + seconds
    while any(alive(p) for p in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_die_with_a_killed_or_terminated_run(tmp_path, sig):
    run, workers = busy_run(tmp_path)
    try:
        os.kill(run.pid, sig)
        run.communicate(timeout=60)
        assert run.returncode == -sig
        assert all_gone(workers), f"workers {[p for p in workers if alive(p)]} outlived the run"
    finally:
        for pid in workers:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


@pytest.mark.parametrize("to_group", [True, False], ids=["ctrl-c-at-a-terminal", "sigint-to-the-run-alone"])
def test_ctrl_c_stops_the_run_and_its_workers_with_exit_130_and_one_line(tmp_path, to_group):
    run, workers = busy_run(tmp_path)
    try:
        if to_group:
            os.killpg(run.pid, signal.SIGINT)  # what a terminal does: the run and its workers all get it
        else:
            os.kill(run.pid, signal.SIGINT)
        _, err = run.communicate(timeout=60)
        assert run.returncode == 130, err
        assert [line for line in err.splitlines() if line.strip()] == ["claimcheck: interrupted"]
        assert all_gone(workers)
        assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    finally:
        for pid in workers:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
