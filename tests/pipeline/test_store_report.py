"""`claimcheck report --store`: every article a store holds, compared from what it holds, with the pairs its
vector index gives. Real subprocesses, a real SQLite store and a real PostgreSQL (tests/postgres.py)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli

SETS = ("factory-fire-mixed", "flood-figure-conflict", "election-night-mixed")


def findings(folder: Path) -> list[tuple]:
    report = json.loads((folder / "report.json").read_text())
    return sorted((f["id"], f["kind"], f["severity"], tuple(sorted(s["path"] for s in f["statements"])))
                  for f in report["findings"])


@pytest.mark.parametrize("kind", ["folder", "url"])
def test_a_store_reports_what_its_files_report(tmp_path, embedding_cache, kind, request):
    for name in SETS:
        (tmp_path / name).symlink_to(ROOT / "fixtures" / name)
    store = ".claimcheck" if kind == "folder" else request.getfixturevalue("postgres_url")
    cache = ["--cache-dir", embedding_cache]
    done = run_cli("index", *SETS, "--store", store, *cache, "--follow-links-outside", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    done = run_cli("report", "--store", store, "--out", "from-store", *cache, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    done = run_cli("report", *SETS, "--out", "from-files", *cache, "--follow-links-outside", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert findings(tmp_path / "from-store") == findings(tmp_path / "from-files")
    assert len(findings(tmp_path / "from-store")) >= 3


@pytest.mark.parametrize("args,words", [
    (["--out", "out"], "PATHS, or --store"),
    (["a.txt", "--store", ".claimcheck", "--out", "out"], "not both"),
    (["--store", "empty", "--out", "out"], "run `claimcheck index`"),
])
def test_report_needs_paths_or_a_store_and_says_so_in_one_line(tmp_path, args, words):
    (tmp_path / "a.txt").write_text("The Ketterby leisure centre reopened on Monday, the county council said.\n")
    (tmp_path / "empty").mkdir()
    if "empty" in args:
        (tmp_path / "empty" / "store.sqlite3").write_bytes(b"")  # what a run killed while creating a store leaves
    done = run_cli("report", *args, cwd=tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    [line] = done.stderr.splitlines()
    assert line.startswith("claimcheck: error: ") and words in line, line
    assert not list(tmp_path.glob("out/*"))  # no report written
