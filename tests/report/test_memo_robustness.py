"""Kept reports when things go wrong: a damaged entry is set aside (never deleted) and computed again, a
run killed while saving one leaves no temp file and the old entry, and runs saving, reading and pruning
one folder at once never see half an entry. Real files; the kill is a real SIGKILL of a real process."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from claimcheck.report import memo
from tests.conftest import ROOT
from tests.report.conftest import make_report

KEY = "a" * 64


def entry(cache):
    return cache / memo.FOLDER / f"{KEY}.json"


DAMAGE = {
    "cut off mid-write": lambda good: good[: len(good) // 2],
    "random bytes": lambda good: os.urandom(len(good)),  # not even UTF-8
    "empty": lambda good: b"",
    "another shape": lambda good: b'{"findings": "none"}',
}


@pytest.mark.parametrize("what", DAMAGE)
def test_a_damaged_kept_report_is_set_aside_with_a_line_and_computed_again(tmp_path, what):
    memo.save(tmp_path, KEY, make_report())
    content = DAMAGE[what](entry(tmp_path).read_bytes())
    entry(tmp_path).write_bytes(content)
    lines = []
    assert memo.load(tmp_path, KEY, lines.append) is None
    [kept] = (tmp_path / memo.FOLDER).glob(f"{KEY}.json.damaged-*")
    assert kept.read_bytes() == content  # set aside as it was
    assert len(lines) == 1 and str(entry(tmp_path)) in lines[0] and str(kept) in lines[0]
    memo.save(tmp_path, KEY, make_report())  # the run computes it again
    assert memo.load(tmp_path, KEY) == make_report()


def test_pruning_keeps_what_was_set_aside(tmp_path):
    memo.save(tmp_path, KEY, make_report())
    entry(tmp_path).write_text("{")
    memo.load(tmp_path, KEY)
    for n in range(memo.KEEP + 2):
        memo.save(tmp_path, f"{n:064d}", make_report())
    names = [p.name for p in (tmp_path / memo.FOLDER).iterdir()]
    assert len([n for n in names if n.endswith(".json")]) == memo.KEEP
    assert len([n for n in names if ".damaged-" in n]) == 1


def test_an_entry_pruned_by_another_run_just_after_it_was_read_still_counts(tmp_path, monkeypatch):
    memo.save(tmp_path, KEY, make_report())

    def pruned_meanwhile(path, *args, **kwargs):
        os.unlink(path)  # what the other run's save does to an old entry
        raise FileNotFoundError(path)

    monkeypatch.setattr(os, "utime", pruned_meanwhile)
    assert memo.load(tmp_path, KEY) == make_report()


KILL_WHILE_SAVING = """
import os, signal, sys
from dataclasses import replace
from pathlib import Path
from claimcheck.report import atomic, memo
from tests.report.conftest import make_report

cache = Path(sys.argv[1])
memo.save(cache, "a" * 64, make_report())
atomic._link = lambda *args: os.kill(os.getpid(), signal.SIGKILL)  # written and synced, not yet in place
memo.save(cache, "a" * 64, replace(make_report(), tool_version="9.9.9"))
"""


def test_a_run_killed_while_saving_leaves_the_old_entry_and_no_temp_file(tmp_path):
    killed = subprocess.run([sys.executable, "-c", KILL_WHILE_SAVING, str(tmp_path)], cwd=ROOT, capture_output=True,
                            timeout=120)
    assert killed.returncode == -9, killed.stderr
    assert os.listdir(tmp_path / memo.FOLDER) == [f"{KEY}.json"]
    assert memo.load(tmp_path, KEY) == make_report()


CHURN = """
import sys
from dataclasses import replace
from pathlib import Path
from claimcheck.report import memo
from tests.report.conftest import make_report

memo.KEEP = 3  # so the two runs prune each other's entries while reading them
cache, name = Path(sys.argv[1]), sys.argv[2]
for n in range(150):
    key = f"{n % 6:064d}"
    expected = replace(make_report(), tool_version=f"0.{n % 6}")
    memo.save(cache, key, expected)
    for other in range(6):
        got = memo.load(cache, f"{other:064d}", lambda line: sys.exit(f"{name}: {line}"))
        assert got is None or got == replace(make_report(), tool_version=f"0.{other}"), got
"""


def test_two_runs_saving_reading_and_pruning_one_folder_at_once(tmp_path):
    runs = [subprocess.Popen([sys.executable, "-c", CHURN, str(tmp_path), name], cwd=ROOT, stderr=subprocess.PIPE,
                             text=True) for name in ("first", "second")]
    errors = [run.communicate(timeout=300)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], errors  # never half an entry, never a crash
    names = os.listdir(tmp_path / memo.FOLDER)
    assert all(n.endswith(".json") for n in names) and 1 <= len(names) <= 6  # no temp files, nothing set aside


def test_without_unnamed_temp_files_a_failed_save_still_leaves_none(tmp_path, monkeypatch):
    """Where the system has no O_TMPFILE (not Linux), temp files are named from the start: removed on failure."""
    from claimcheck.report import atomic

    memo.save(tmp_path, KEY, make_report())
    monkeypatch.setattr(atomic, "_unnamed", lambda folder: None)

    def full_disk(*args):
        raise OSError("no space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    said = []
    memo.save(tmp_path, KEY, make_report(reverse=True), said.append)  # keeping a report is not worth failing a run
    assert len(said) == 1 and "could not keep this report" in said[0] and "no space" in said[0]
    assert os.listdir(tmp_path / memo.FOLDER) == [f"{KEY}.json"]
    assert memo.load(tmp_path, KEY) == make_report()
