"""A connection to the PostgreSQL store dropped in the middle of an index batch (pg_terminate_backend, as a
server restart or a network cut does): what earlier batches committed stays, nothing of the cut batch is
there, the run stops with one line, and the next run completes."""
from __future__ import annotations

import threading
import time

import pytest

from claimcheck.errors import ClaimcheckError
from claimcheck.store import open_store
from tests.store.test_sqlite_store import MODEL, add, article, claim, unit


def test_a_connection_killed_mid_batch_keeps_earlier_commits_and_a_rerun_completes(postgres_url, tmp_path):
    import psycopg

    store = open_store(postgres_url, create=True, root=tmp_path)
    add(store, article("herald"), ["Herald one.", "Herald two."], [1, 2])  # an earlier batch: committed
    batch = [(article(name), [claim(name, 0, f"{name} said.")], unit(n)[None], None)
             for n, name in enumerate(("a", "b", "c"), start=3)]
    # Another session holds an uncommitted row with b's content: the store's insert of b waits for it, with a
    # already written in the store's open transaction. That is when its connection is cut.
    blocker = psycopg.connect(postgres_url)
    blocker.execute("INSERT INTO claimcheck_articles (id, path, content_hash, record) VALUES ('x', 'x.md', %s, '{}')",
                    (batch[1][0].content_hash,))
    failure: dict[str, str] = {}

    def adding() -> None:
        try:
            store.add_articles(batch, MODEL, 0.45)
        except ClaimcheckError as exc:
            failure["message"] = str(exc)

    thread = threading.Thread(target=adding)
    thread.start()
    with psycopg.connect(postgres_url, autocommit=True) as killer:
        deadline = time.monotonic() + 60
        while True:
            waiting = killer.execute(
                "SELECT pid, query FROM pg_stat_activity WHERE application_name = 'claimcheck'"
                " AND wait_event_type = 'Lock' AND datname = current_database()").fetchall()
            if waiting or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        assert len(waiting) == 1, "the store's insert never waited on the other session's row"
        [(pid, query)] = waiting
        assert query.startswith("INSERT INTO claimcheck_articles")  # b's: a's is written
        killer.execute("SELECT pg_terminate_backend(%s)", (pid,))
    thread.join(timeout=60)
    blocker.rollback()
    blocker.close()

    message = failure.get("message", "")
    assert "\n" not in message and "lost the connection to the server" in message
    assert "as of its last commit" in message and "run `claimcheck index` again" in message
    store.close()
    reader = open_store(postgres_url, root=tmp_path)
    assert sorted(reader.articles()) == ["news/herald.md"]  # not a: its transaction died with the connection
    assert (reader.counts()["claims"], reader.counts()["embeddings"]) == (2, 2)
    reader.close()

    again = open_store(postgres_url, create=True, root=tmp_path)
    assert again.add_articles(batch, MODEL, 0.45) == [("news/a.md", "added"), ("news/b.md", "added"),
                                                      ("news/c.md", "added")]
    assert again.add_articles(batch, MODEL, 0.45) == [(p, "already indexed") for p in ("news/a.md", "news/b.md",
                                                                                        "news/c.md")]
    assert again.counts()["articles"] == 4 and again.counts()["claims"] == 5
    again.close()


def test_a_reader_whose_connection_is_cut_says_so_in_one_line(postgres_url, tmp_path):
    import psycopg

    store = open_store(postgres_url, create=True, root=tmp_path)
    add(store, article("herald"), ["Herald one."], [1])
    store.close()
    reader = open_store(postgres_url, root=tmp_path)
    with psycopg.connect(postgres_url, autocommit=True) as killer:
        killer.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'claimcheck'"
                       " AND datname = current_database()")
    with pytest.raises(ClaimcheckError) as caught:
        reader.neighbours(unit(1)[None], k=3, min_similarity=0.0)
    message = str(caught.value)
    assert "\n" not in message and "lost the connection to the server" in message
    assert "claimcheck index" not in message  # a check writes nothing: there is nothing to go on with
    reader.close()
