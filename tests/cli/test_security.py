"""Nothing in an input is ever run, models load from local files only, output stays under --out, and the
same inputs in any order give the same findings with the same fingerprints. Real subprocesses throughout."""
from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, run_cli


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


def _calm(path: Path) -> None:
    path.write_text("Ferry crews in Quillmouth walked out on Tuesday after talks on pay broke down.\n\n"
                    "The port authority said 31 ferries were cancelled during the strike.\n", encoding="utf-8")


def test_yaml_front_matter_cannot_run_code(tmp_path, cache_dir):
    marker = tmp_path / "ran"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "tagged.md").write_text(
        "---\n"
        f"source: !!python/object/apply:os.system ['touch {marker}']\n"
        f"title: !!python/object/apply:builtins.exec ['open(\"{marker}\", \"w\").close()']\n"
        "---\n\nFerry crews in Quillmouth walked out on Tuesday after talks on pay broke down.\n",
        encoding="utf-8")
    _calm(tmp_path / "in" / "calm.txt")
    done = run_cli("report", tmp_path / "in", "--out", tmp_path / "out", "--cache-dir", cache_dir)
    assert done.returncode == 0, done.stderr
    assert not marker.exists()
    skipped = json.loads((tmp_path / "out" / "report.json").read_text())["skipped"]
    # Read safely or refused with its reason; never run.
    assert skipped == [] or [s["path"] for s in skipped] == [str(tmp_path / "in" / "tagged.md")]


def test_a_model_folder_with_its_own_code_is_never_run(tmp_path):
    marker = tmp_path / "ran"
    model = tmp_path / "model"
    model.mkdir()
    (model / "config.json").write_text(json.dumps({
        "model_type": "evil", "architectures": ["EvilModel"],
        "auto_map": {"AutoConfig": "evil.EvilConfig", "AutoModel": "evil.EvilModel"}}))
    (model / "evil.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    (model / "modules.json").write_text(json.dumps([{"idx": 0, "name": "0", "path": "", "type": "evil.Module"}]))
    (tmp_path / "in").mkdir()
    _calm(tmp_path / "in" / "calm.txt")
    done = run_cli("report", tmp_path / "in", "--out", tmp_path / "out", "--model", model, "--no-cache")
    assert done.returncode == 2
    assert "could not load the embedding model" in done.stderr and "never runs code" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert not marker.exists() and not (tmp_path / "out" / "report.json").exists()


def test_a_model_name_that_is_not_a_local_folder_is_refused_without_the_network(tmp_path):
    (tmp_path / "in").mkdir()
    _calm(tmp_path / "in" / "calm.txt")
    done = run_cli("report", tmp_path / "in", "--out", tmp_path / "out", "--model", "someone/remote-model")
    assert done.returncode == 2 and "models are never downloaded" in done.stderr


@pytest.mark.parametrize("name", ["../escaped", "/tmp/escaped", "a/b", "..", ""])
def test_the_report_name_cannot_leave_the_output_folder(tmp_path, name):
    (tmp_path / "in").mkdir()
    _calm(tmp_path / "in" / "calm.txt")
    done = run_cli("report", tmp_path / "in", "--out", tmp_path / "out", "--name", name, "--no-cache")
    assert done.returncode == 2 and "--name" in done.stderr
    assert not (tmp_path / "escaped.json").exists() and not list(tmp_path.glob("**/*.json"))


def test_hostile_file_names_are_escaped_in_every_output(tmp_path, cache_dir):
    """Article ids and paths come from file names, which may hold markup too."""
    folder = tmp_path / "in"
    folder.mkdir()
    hostile = folder / '"><img src=x onerror=alert(1)> <svg onload=alert(2)>.txt'  # no "/" in a file name
    hostile.write_text("Ferry crews in Quillmouth walked out on Tuesday.\n\n"
                       "The port authority said 48 ferries were cancelled during the strike.\n", encoding="utf-8")
    _calm(folder / "calm.txt")
    out = tmp_path / "out"
    done = run_cli("report", folder, "--out", out, "--cache-dir", cache_dir, "--format", "markdown",
                   "--format", "html")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "report.json", "report.md"]
    data = json.loads((out / "report.json").read_text())
    assert data["findings"], "the two articles disagree on the figure"
    page = (out / "report.html").read_text()
    assert "<img" not in page and "<svg" not in page and "&lt;svg onload=alert(2)&gt;" in page
    markdown = (out / "report.md").read_text()
    assert "<img" not in markdown and "<svg" not in markdown


def test_the_same_files_in_any_order_give_the_same_findings_and_fingerprints(tmp_path, cache_dir):
    files = sorted(p for d in ("flood-figure-conflict", "mayor-office-conflict", "ferry-date-conflict")
                   for p in (FIXTURES / d).iterdir() if p.is_file() and p.name != "gold.json")
    shuffled = files[:]
    random.Random(5).shuffle(shuffled)
    # A third run sees the files under other folders, in another order: ids and paths change, so only the
    # findings' fingerprints, kinds, severities and values are compared with the first run.
    moved = tmp_path / "moved"
    for i, f in enumerate(reversed(files)):
        (moved / f"box{i % 3}").mkdir(parents=True, exist_ok=True)
        shutil.copy(f, moved / f"box{i % 3}" / f.name)
    runs = []
    for name, args in (("one", files), ("two", shuffled), ("three", [moved])):
        done = run_cli("report", *args, "--out", tmp_path / name, "--cache-dir", cache_dir, "--format", "html")
        assert done.returncode == 0, done.stderr
        runs.append(json.loads((tmp_path / name / "report.json").read_text()))
    assert runs[0]["findings"], "these sets hold disagreements"
    for run in runs:
        run.pop("timing", None)
    assert runs[0] == runs[1]
    assert (tmp_path / "one" / "report.html").read_bytes() == (tmp_path / "two" / "report.html").read_bytes()

    def fingerprints(run):
        return sorted((f["id"], f["kind"], f["severity"], tuple(sorted(s["value"] for s in f["statements"])))
                      for f in run["findings"])

    assert fingerprints(runs[2]) == fingerprints(runs[0])
