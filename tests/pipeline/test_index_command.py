"""`claimcheck index` keeps the store in line with the files: a real subprocess, real store, real model."""
from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
import sys
import os

import pytest

from tests.conftest import FIXTURES, run_cli

SETS = ("flood-figure-conflict", "mayor-office-conflict")


def counts(stderr: str) -> dict:
    line = next(l for l in stderr.splitlines() if " added, " in l)
    return {word: int(n) for n, word in re.findall(r"(\d+) (added|re-indexed|renamed|dropped|unchanged|skipped)", line)}


def embedded(stderr: str) -> int:
    return int(re.search(r"\((\d+) sentences embedded", stderr).group(1))


def stored_paths(repo) -> list[str]:
    db = sqlite3.connect(repo / ".claimcheck" / "store.sqlite3")
    try:
        return sorted(p for (p,) in db.execute("SELECT path FROM articles"))
    finally:
        db.close()


@pytest.fixture
def repo(tmp_path, embedding_cache):
    for name in SETS:
        shutil.copytree(FIXTURES / name, tmp_path / "articles" / name, ignore=shutil.ignore_patterns("gold.json"))
    (tmp_path / "claimcheck.toml").write_text(f'cache_dir = "{embedding_cache}"\n')
    return tmp_path


def test_index_adds_then_finds_nothing_to_do(repo):
    first = run_cli("index", "articles", cwd=repo)
    assert first.returncode == 0, first.stderr
    files = sorted(str(p.relative_to(repo)) for p in (repo / "articles").rglob("*.*"))
    assert counts(first.stderr)["added"] == len(files)
    assert stored_paths(repo) == files
    again = run_cli("index", "articles", cwd=repo)
    assert counts(again.stderr) == {"added": 0, "re-indexed": 0, "renamed": 0, "dropped": 0,
                                    "unchanged": len(files), "skipped": 0}
    assert embedded(again.stderr) == 0


def test_a_changed_file_is_reindexed_a_renamed_one_repointed_a_deleted_one_dropped(repo):
    run_cli("index", "articles", cwd=repo)
    flood = repo / "articles" / "flood-figure-conflict"
    edited = flood / "ossery-today.txt"
    edited.write_text(edited.read_text() + "\nThe council will meet on Friday to plan the repairs to the flood wall.\n")
    (flood / "valley-courier.txt").rename(flood / "valley-courier-renamed.txt")
    (flood / "westmarch-herald.txt").unlink()
    result = run_cli("index", "articles", cwd=repo)
    assert result.returncode == 0, result.stderr
    c = counts(result.stderr)
    assert (c["re-indexed"], c["renamed"], c["dropped"], c["added"]) == (1, 1, 1, 0)
    assert embedded(result.stderr) <= 1  # only the edited article's one new sentence
    paths = stored_paths(repo)
    assert "articles/flood-figure-conflict/valley-courier-renamed.txt" in paths
    assert not any("westmarch-herald" in p or p.endswith("/valley-courier.txt") for p in paths)


def test_indexing_one_new_file_leaves_the_rest_alone(repo):
    run_cli("index", "articles", cwd=repo)
    before = stored_paths(repo)
    new = repo / "incoming.txt"
    new.write_text("Lenfield's flood wall will be finished next spring, the county council said on Friday.\n")
    result = run_cli("index", "incoming.txt", cwd=repo)
    assert counts(result.stderr)["added"] == 1 and counts(result.stderr)["dropped"] == 0
    assert stored_paths(repo) == sorted(before + ["incoming.txt"])


def test_the_store_is_found_from_a_subfolder(repo):
    run_cli("index", "articles", cwd=repo)
    result = run_cli("check", "ossery-today.txt", "--format", "json", cwd=repo / "articles" / "flood-figure-conflict")
    assert result.returncode == 0, result.stderr  # its own stored copy is left out, the rest agrees
    assert json.loads(result.stdout)["check"]["corpus_articles"] == 8


@pytest.mark.parametrize("round_", range(3))  # a race shows only sometimes: race three times, each on a new store
def test_two_index_runs_at_once_both_finish_and_hold_each_article_once(repo, embedding_cache, round_):
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    runs = [subprocess.Popen([sys.executable, "-m", "claimcheck", "index", "articles"], cwd=repo, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [r.communicate(timeout=900) for r in runs]
    assert [r.returncode for r in runs] == [0, 0], [err for _, err in outs]
    files = sorted(str(p.relative_to(repo)) for p in (repo / "articles").rglob("*.*"))
    assert stored_paths(repo) == files  # UNIQUE(path) would fail loudly; this also checks nothing is missing
    total = [counts(err) for _, err in outs]
    assert sum(c["added"] for c in total) == len(files)
