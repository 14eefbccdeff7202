"""A store whose first `index` never finished is not the corpus: `check` says so (exit 2) instead of
checking against nothing ("1 new article checked against 0 corpus articles", exit 0, as it did). The store
records when an index run finishes; one that finished on an empty folder is an empty corpus. A store made
before that record existed counts as indexed when it holds articles (it was checked against before)."""
from __future__ import annotations

import sqlite3

from tests.cli.test_kill_and_concurrency import killed
from tests.conftest import run_cli
from tests.store.newsroom import newsroom


def forget_the_record(repo) -> None:
    """What a store made by an earlier claimcheck looks like: no 'indexed' row in its meta table."""
    db = sqlite3.connect(repo / ".claimcheck" / "store.sqlite3")
    db.execute("DELETE FROM meta WHERE key = 'indexed'")
    db.commit()
    db.close()


def unfinished(check) -> bool:
    lines = check.stderr.splitlines()
    return (check.returncode == 2 and len(lines) == 1 and "first `claimcheck index` did not finish" in lines[0]
            and "run `claimcheck index` again" in lines[0])


def test_a_first_index_killed_before_or_after_its_first_commit_is_not_taken_for_the_corpus(tmp_path, embedding_cache):
    repo = newsroom(tmp_path, embedding_cache)
    kill_at = "claimcheck.store.sqlite:SqliteStore.add_articles"
    killed("index", "articles", cwd=repo, driver=["--kill", kill_at, 1])  # the store made, nothing added
    assert unfinished(run_cli("check", "new", cwd=repo))

    # One article a batch: the first committed, killed before the second.
    killed("index", "articles", cwd=repo, driver=["--set", "claimcheck.pipeline.index:BATCH_ARTICLES", 1,
                                                  "--kill", kill_at, 2])
    assert unfinished(run_cli("check", "new", cwd=repo))

    index = run_cli("index", "articles", cwd=repo)
    assert index.returncode == 0, index.stderr
    check = run_cli("check", "new", cwd=repo)
    assert check.returncode == 1 and "checked against 2 corpus articles" in check.stdout, check.stderr

    forget_the_record(repo)  # an older claimcheck's store that holds articles: indexed
    again = run_cli("check", "new", cwd=repo)
    assert (again.returncode, again.stdout) == (1, check.stdout), again.stderr


def test_a_finished_index_of_an_empty_folder_is_an_empty_corpus(tmp_path, embedding_cache):
    repo = newsroom(tmp_path, embedding_cache)
    (repo / "nothing-yet").mkdir()
    index = run_cli("index", "nothing-yet", cwd=repo)
    assert index.returncode == 0, index.stderr
    check = run_cli("check", "new", cwd=repo)
    assert check.returncode == 0, check.stderr
    assert "1 new article checked against 0 corpus articles" in check.stdout

    forget_the_record(repo)  # an older claimcheck's empty store: a killed first index or an empty folder?
    assert unfinished(run_cli("check", "new", cwd=repo))  # indexing again settles it
