"""Progress bars as a user sees them: on a terminal's stderr while the run works, never with --quiet, never
when stderr is a pipe or a file, and never on stdout."""
from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios

from tests.conftest import FIXTURES, ROOT, run_cli

ARTICLES = FIXTURES / "flood-figure-conflict"
BARS = ("Hashing files", "Reading files", "Analysing", "Comparing", "Indexing")


def on_terminal(*args) -> tuple[int, str, str]:
    """Run the CLI with stderr on a pseudo-terminal (80 columns) and stdout on a pipe: exit code, stdout, and
    everything the terminal was sent."""
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    env.pop("GITHUB_ACTIONS", None)
    with subprocess.Popen([sys.executable, "-m", "claimcheck", *map(str, args)], cwd=ROOT, env=env,
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=terminal) as run:
        os.close(terminal)
        sent = []
        while True:  # read as it comes, so the run never waits on a full terminal
            try:
                data = os.read(controller, 65536)
            except OSError:  # EIO: the run closed its end
                break
            if not data:
                break
            sent.append(data)
        os.close(controller)
        out = run.stdout.read()
        code = run.wait(timeout=600)
    return code, out.decode(), b"".join(sent).decode(errors="replace")


def drew_a_bar(text: str) -> bool:
    return "\r" in text or any(f"{name}:" in text for name in BARS)


def test_a_terminal_sees_bars_on_stderr_and_stdout_none(tmp_path):
    code, out, terminal = on_terminal("report", ARTICLES, "--out", tmp_path / "out", "--cache-dir", tmp_path / "cache")
    assert code == 0, terminal
    assert "Hashing files:" in terminal and "Reading files:" in terminal and "%|" in terminal
    assert "Analysing:" in terminal and "Comparing:" in terminal  # the local engine's stages
    assert "findings" in out and not drew_a_bar(out)
    code, out, terminal = on_terminal("index", ARTICLES, "--store", tmp_path / "store", "--cache-dir",
                                      tmp_path / "cache")
    assert code == 0, terminal
    assert "Indexing:" in terminal and "Reading files:" in terminal
    assert "claimcheck: indexed 4/4 articles" in terminal.replace("\r", "\n").splitlines()
    assert not drew_a_bar(out)


def test_quiet_draws_no_bar_even_on_a_terminal(tmp_path):
    code, out, terminal = on_terminal("report", ARTICLES, "--out", tmp_path / "out", "--cache-dir", tmp_path / "cache",
                                      "-q")
    assert code == 0, terminal
    assert terminal == "" and out == ""
    code, _, terminal = on_terminal("index", ARTICLES, "--store", tmp_path / "store", "--no-cache", "-q")
    assert code == 0 and terminal == ""


def test_no_bar_when_stderr_is_not_a_terminal(tmp_path):
    done = run_cli("report", ARTICLES, "--out", tmp_path / "out", "--cache-dir", tmp_path / "cache")
    assert done.returncode == 0, done.stderr
    assert "skipped" in done.stderr  # the run did speak on stderr, in lines
    assert not drew_a_bar(done.stderr) and not drew_a_bar(done.stdout)
    done = run_cli("index", ARTICLES, "--store", tmp_path / "store", "--cache-dir", tmp_path / "cache")
    assert done.returncode == 0, done.stderr
    assert "indexed 4/4 articles" in done.stderr and not drew_a_bar(done.stderr)
