"""`check` given only files that hold no article (what a pre-commit hook passes for a commit of a config file,
an empty draft or a story in another language): a clean check, exit 0, with one line; 2 stays for a failure.
A real store, real subprocesses."""
from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import FIXTURES, run_cli

from .test_check_command import ARTICLES, CONTRADICTS

GERMAN = ("Der Stadtrat hat am Montag beschlossen, die alte Brücke über den Fluss zu sperren. Die Bürgermeisterin "
          "sagte, die Reparatur werde mindestens zwei Jahre dauern und koste viel Geld.\n")


@pytest.fixture(scope="module")
def repo(tmp_path_factory, embedding_cache):
    repo = tmp_path_factory.mktemp("repo")
    (repo / "articles").mkdir()
    for article in (FIXTURES / "flood-figure-conflict").glob("*.txt"):  # the flood: 4,150 evacuated
        shutil.copy(article, repo / "articles")
    (repo / "claimcheck.toml").write_text(f'cache_dir = "{embedding_cache}"\n')
    staged = repo / "staged"
    staged.mkdir()
    (staged / "empty.md").write_text("")
    (staged / "german.txt").write_text(GERMAN, encoding="utf-8")
    (staged / "notes.pdf").write_bytes(b"%PDF-1.4 not an article")
    shutil.copy(ARTICLES / CONTRADICTS, staged)
    done = run_cli("index", "articles", cwd=repo)
    assert done.returncode == 0, done.stderr
    return repo


def test_a_commit_without_a_readable_article_passes_with_one_line(repo):
    done = run_cli("check", "staged/empty.md", "staged/german.txt", "staged/notes.pdf", cwd=repo)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    [line] = done.stderr.splitlines()
    assert line == "claimcheck: nothing to check: 3 file(s) skipped (staged/empty.md: empty file)"


def test_machine_formats_still_get_their_empty_document(repo, tmp_path):
    done = run_cli("check", "staged/empty.md", "--format", "sarif", "--output", tmp_path / "out.sarif", cwd=repo)
    assert done.returncode == 0, done.stderr
    log = json.loads((tmp_path / "out.sarif").read_text())
    assert log["runs"][0]["results"] == []  # an upload-sarif step after the hook still finds its file
    done = run_cli("check", "staged/german.txt", "--format", "json", cwd=repo)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["findings"] == [] and data["check"]["new_articles"] == []
    assert [s["path"] for s in data["skipped"]] == ["staged/german.txt"]


def test_quiet_says_nothing(repo):
    done = run_cli("check", "staged/empty.md", "--quiet", cwd=repo)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_a_path_that_is_not_there_is_still_a_failure(repo):
    done = run_cli("check", "staged/gone.md", "staged/empty.md", cwd=repo)
    assert done.returncode == 2
    [line] = done.stderr.splitlines()
    assert "staged/gone.md: no such file or directory" in line


def test_one_readable_article_among_them_is_checked_as_before(repo):
    done = run_cli("check", "staged/empty.md", f"staged/{CONTRADICTS}", cwd=repo)
    assert done.returncode == 1, done.stderr  # 9,000 evacuated against the corpus's 4,150
    assert "skipped staged/empty.md: empty file" in done.stderr and "nothing to check" not in done.stderr


def test_a_store_that_is_not_there_is_still_a_failure(repo, tmp_path):
    done = run_cli("check", "staged/empty.md", "--store", tmp_path / "nowhere", cwd=repo)
    assert done.returncode == 2 and "run `claimcheck index` first" in done.stderr
