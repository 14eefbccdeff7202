"""Writing reports: atomic replacement, validation before any write, and a report the scorer can read."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from claimcheck.errors import ClaimcheckError
from claimcheck.records import Finding, Statement
from claimcheck.report import WRITERS, Writer, write_atomic, write_reports

SCORER = Path(__file__).resolve().parents[3] / "shared" / "eval" / "score.py"


def test_write_atomic_writes_and_replaces(tmp_path):
    target = tmp_path / "r.json"
    write_atomic(target, "one\n")
    write_atomic(target, "two é\r\n")
    assert target.read_bytes() == "two é\r\n".encode()  # exactly the text: no newline translation
    assert os.listdir(tmp_path) == ["r.json"]


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_failed_write_keeps_the_old_file_and_no_temp(tmp_path, monkeypatch, failing):
    target = tmp_path / "r.json"
    target.write_text("previous\n", encoding="utf-8")

    def boom(*args, **kwargs):
        raise OSError("disk gone")

    monkeypatch.setattr(os, failing, boom)
    with pytest.raises(ClaimcheckError, match=f"cannot write {target}: disk gone"):  # one line for the user
        write_atomic(target, "new text that must not appear\n")
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert os.listdir(tmp_path) == ["r.json"]


def test_write_reports_writes_each_format(report, tmp_path):
    out = tmp_path / "new" / "dir"
    paths = write_reports(report, out, "run")
    assert paths == [out / "run.json", out / "run.md"]
    assert json.loads(paths[0].read_text(encoding="utf-8"))["schema_version"] == "1"
    assert paths[1].read_text(encoding="utf-8").startswith("# claimcheck report")
    assert sorted(os.listdir(out)) == ["run.json", "run.md"]


def test_write_reports_validates_before_writing(report, tmp_path):
    bad = replace(report, findings=(replace(report.findings[0], severity="fatal"),))
    with pytest.raises(ClaimcheckError, match=r"\$\.findings\[0\]\.severity"):
        write_reports(bad, tmp_path / "out", "run")
    assert not (tmp_path / "out").exists()


def test_failing_writer_leaves_previous_reports_intact(report, tmp_path, monkeypatch):
    write_reports(report, tmp_path, "run")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def broken(data):
        raise RuntimeError("renderer crashed")

    monkeypatch.setitem(WRITERS, "markdown", Writer(".md", broken))
    changed = replace(report, tool_version="9.9.9")
    with pytest.raises(RuntimeError, match="renderer crashed"):
        write_reports(changed, tmp_path, "run")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # json not rewritten either


def test_unknown_format_is_a_user_error(report, tmp_path):
    with pytest.raises(ClaimcheckError, match="unknown report format sarif"):
        write_reports(report, tmp_path, "run", formats=("json", "sarif"))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not SCORER.exists(), reason="needs ../shared/eval/score.py")
def test_scorer_reads_the_written_report(report, tmp_path):
    python3 = shutil.which("python3")
    if python3 is None:
        pytest.skip("no python3 on PATH")
    # One more finding whose statements name their articles by id only (empty path): the scorer falls back
    # to the article list, so both ways of pointing at an article are exercised.
    by_id = Finding("f-by-id", "numeric", "error", "ferries cancelled", "Different counts of cancelled ferries.",
                    (Statement("al-nord", "", "Douze ferries ont été annulés.", "Douze", 0, 30, 1),
                     Statement("coast-wire", "", "Some 14 ferries were cancelled.", "Some 14", 0, 31, 1)))
    report = replace(report, findings=report.findings + (by_id,))
    path = write_reports(report, tmp_path / "out", "run", formats=("json",))[0]
    gold = {"discrepancies": [
        {"kind": "entity_role", "subject": "union spokesperson",
         "values": {"bay-herald.txt": "Tomas Aalto", "coast-wire.txt": "Ida Brenner"}},
        {"kind": "numeric", "subject": "passengers stranded",
         "values": {"bay-herald.txt": "about 900", "coast-wire.txt": "more than 1,500"}},
        {"kind": "numeric", "subject": "ferries cancelled",
         "values": {"al-nord.txt": "twelve", "coast-wire.txt": "some 14"}},
    ]}
    gold_path = tmp_path / "gold.json"
    gold_path.write_text(json.dumps(gold), encoding="utf-8")
    run = subprocess.run([python3, str(SCORER), str(gold_path), str(path), "--verbose"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    last = run.stdout.strip().splitlines()[-1]
    # the first two match; the third cannot ("Douze" is not "twelve"), so it counts as a false positive
    assert last.startswith("recall=0.67 precision=0.67"), run.stdout
    assert "tp=2 fp=1 dup=0 missed=1 gold=3" in last
