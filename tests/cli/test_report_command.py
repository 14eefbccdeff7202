"""`claimcheck report` as a user runs it: a real subprocess, the real model, real files."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT, SHARED, run_cli

SCORER = SHARED / "eval" / "score.py"


def article_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name != "gold.json" and p.is_file())


def score(gold: Path, report: Path) -> dict:
    out = subprocess.run([sys.executable, str(SCORER), str(gold), str(report)], capture_output=True, text=True, check=True)
    last = out.stdout.strip().splitlines()[-1]
    return {k: float(v) for k, v in (part.split("=") for part in last.split())}


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared/seeds is not here")
def test_seeds_give_both_headline_findings(tmp_path, cache_dir):
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    result = run_cli("report", *seeds, "--out", tmp_path, "--cache-dir", cache_dir)
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "report.json").read_text())
    assert (tmp_path / "report.md").is_file()
    roles = [f for f in report["findings"] if f["kind"] == "entity_role" and f["severity"] == "error"]
    assert len(roles) == 1
    by_file = {Path(s["path"]).name[:3]: s["value"] for s in roles[0]["statements"]}
    assert set(by_file) == {"000", "001", "002"}
    assert "Rutte" in by_file["001"] and "Stoltenberg" in by_file["000"] and "Stoltenberg" in by_file["002"]
    numeric = [f for f in report["findings"] if f["kind"] == "numeric"]
    assert any({Path(s["path"]).name[:3] for s in f["statements"]} >= {"003", "004"} for f in numeric)
    figures = score(SHARED / "seeds" / "gold.json", tmp_path / "report.json")
    assert figures["recall"] == 1.0
    assert figures["precision"] >= 0.67


FIXTURE_SETS = sorted(p for p in FIXTURES.iterdir() if (p / "gold.json").is_file())


@pytest.fixture(scope="module")
def fixture_reports(tmp_path_factory, cache_dir):
    """Each fixture set reported once by the real CLI: {set folder: report path}."""
    out = {}
    for folder in FIXTURE_SETS:
        target = tmp_path_factory.mktemp(folder.name)
        result = run_cli("report", *article_files(folder), "--out", target, "--cache-dir", cache_dir)
        assert result.returncode == 0, result.stderr
        out[folder] = target / "report.json"
    return out


@pytest.mark.skipif(not SCORER.is_file(), reason="../shared/eval/score.py is not here")
@pytest.mark.parametrize("folder", FIXTURE_SETS, ids=[p.name for p in FIXTURE_SETS])
def test_no_fixture_set_raises_a_false_alarm(folder, fixture_reports):
    figures = score(folder / "gold.json", fixture_reports[folder])
    assert figures["fp"] == 0 and figures["dup"] == 0, figures


@pytest.mark.skipif(not SCORER.is_file(), reason="../shared/eval/score.py is not here")
def test_fixture_sets_together_meet_the_accuracy_targets(fixture_reports):
    pairs = [str(x) for folder, report in sorted(fixture_reports.items()) for x in (folder / "gold.json", report)]
    out = subprocess.run([sys.executable, str(SCORER), *pairs], capture_output=True, text=True, check=True)
    figures = {k: float(v) for k, v in (part.split("=") for part in out.stdout.strip().splitlines()[-1].split())}
    assert figures["recall"] >= 0.90 and figures["precision"] >= 0.85, figures


def test_same_inputs_in_another_order_give_the_same_report(tmp_path, cache_dir):
    files = article_files(FIXTURES / "mayor-office-conflict")
    one, two = tmp_path / "one", tmp_path / "two"
    assert run_cli("report", *files, "--out", one, "--cache-dir", cache_dir).returncode == 0
    assert run_cli("report", *reversed(files), "--out", two, "--cache-dir", cache_dir).returncode == 0
    strip = lambda p: {k: v for k, v in json.loads(p.read_text()).items() if k != "timing"}
    assert strip(one / "report.json") == strip(two / "report.json")
    assert (one / "report.md").read_bytes() == (two / "report.md").read_bytes()


def test_a_second_run_on_the_same_files_reads_the_kept_report(tmp_path):
    files = article_files(FIXTURES / "quake-json")
    cache = tmp_path / "cache"
    first = run_cli("report", *files, "--out", tmp_path / "a", "--cache-dir", cache)
    second = run_cli("report", *files, "--out", tmp_path / "b", "--cache-dir", cache)
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    one = json.loads((tmp_path / "a" / "report.json").read_text())
    two = json.loads((tmp_path / "b" / "report.json").read_text())
    assert one["timing"]["texts_embedded"] > 0 and one["timing"]["texts_from_cache"] == 0
    assert "cached_report" in two["timing"] and two["timing"]["texts_embedded"] == 0
    assert {k: v for k, v in one.items() if k != "timing"} == {k: v for k, v in two.items() if k != "timing"}
    assert (tmp_path / "a" / "report.md").read_bytes() == (tmp_path / "b" / "report.md").read_bytes()


def test_after_an_edit_only_the_new_sentence_is_embedded(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for f in article_files(FIXTURES / "quake-json"):
        (folder / f.name).write_bytes(f.read_bytes())
    cache = tmp_path / "cache"
    assert run_cli("report", folder, "--out", tmp_path / "a", "--cache-dir", cache).returncode == 0
    edited = sorted(folder.glob("*.json"))[0]
    data = json.loads(edited.read_text())
    data["text"] += "\n\nEngineers inspected four bridges in the valley on Monday afternoon."
    edited.write_text(json.dumps(data))
    assert run_cli("report", folder, "--out", tmp_path / "b", "--cache-dir", cache).returncode == 0
    one = json.loads((tmp_path / "a" / "report.json").read_text())["timing"]
    two = json.loads((tmp_path / "b" / "report.json").read_text())["timing"]
    assert "cached_report" not in two
    assert two["texts_embedded"] == 1 and two["texts_from_cache"] == one["texts_embedded"]


def test_unreadable_files_are_skipped_and_the_run_goes_on(tmp_path, cache_dir):
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "empty.txt").write_text("")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (bad / "broken.json").write_text('{"text": "unterminated')
    good = FIXTURES / "flood-figure-conflict" / "river-news-agency.txt"
    result = run_cli("report", good, bad, "--out", tmp_path / "out", "--cache-dir", cache_dir)
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    skipped = {Path(s["path"]).name: s["reason"] for s in report["skipped"]}
    assert set(skipped) == {"empty.txt", "binary.txt", "broken.json"}
    assert all(reason for reason in skipped.values())
    assert [a["source"] for a in report["articles"]] == ["river-news-agency"]


def test_nothing_readable_is_exit_2_with_one_line(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = run_cli("report", tmp_path / "empty.txt", tmp_path / "missing.txt", "--out", tmp_path / "out")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("claimcheck: error:") and "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "report.json").exists()


def test_schema_command_prints_the_schema():
    result = run_cli("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert "findings" in schema["properties"]


def test_help_does_not_import_torch():
    code = "import sys; from claimcheck.cli import main; main(['--help']); print('torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip().splitlines()[-1] == "False"
