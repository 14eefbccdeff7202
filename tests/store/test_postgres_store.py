"""What only the PostgreSQL store has: its schema version, the pgvector column and HNSW index, the search width
HNSW is given, the write lock's wait, stores in two schemas, and where article paths are relative to."""
from __future__ import annotations

import numpy as np
import pytest

from claimcheck.errors import ClaimcheckError
from claimcheck.store import open_store
from claimcheck.store.postgres import SCHEMA_VERSION
from tests.postgres import with_options, with_search_path
from tests.store.test_sqlite_store import MODEL, add, article, claim


def sql(url: str, statement: str, params=()):
    import psycopg

    with psycopg.connect(url, autocommit=True) as db:
        cur = db.execute(statement, params)
        return cur.fetchall() if cur.description else None


def test_a_store_from_a_newer_claimcheck_is_refused_with_a_clear_message(postgres_url, tmp_path):
    open_store(postgres_url, create=True, root=tmp_path).close()
    sql(postgres_url, "UPDATE claimcheck_meta SET value = %s WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    for create in (False, True):
        with pytest.raises(ClaimcheckError, match=f"schema version {SCHEMA_VERSION + 1}, newer than this claimcheck"):
            open_store(postgres_url, create=create, root=tmp_path)


def test_a_store_from_an_older_claimcheck_without_an_upgrade_path_says_what_to_do(postgres_url, tmp_path):
    open_store(postgres_url, create=True, root=tmp_path).close()
    sql(postgres_url, "UPDATE claimcheck_meta SET value = '0' WHERE key = 'schema_version'")
    with pytest.raises(ClaimcheckError, match="schema version 0, from an older claimcheck: run `claimcheck index`"):
        open_store(postgres_url, root=tmp_path)
    with pytest.raises(ClaimcheckError, match="schema version 0, which this claimcheck cannot upgrade"):
        open_store(postgres_url, create=True, root=tmp_path)


def test_tables_of_another_program_are_left_alone(postgres_url, tmp_path):
    sql(postgres_url, "CREATE TABLE claimcheck_articles (x int)")
    with pytest.raises(ClaimcheckError, match="not a claimcheck store"):
        open_store(postgres_url, create=True, root=tmp_path)
    tables = sql(postgres_url, "SELECT relname FROM pg_class WHERE relname LIKE 'claimcheck%%' AND relkind = 'r'")
    assert tables == [("claimcheck_articles",)]


def test_vectors_sit_in_a_vector_column_with_an_hnsw_cosine_index(postgres_url, tmp_path):
    store = open_store(postgres_url, create=True, root=tmp_path)
    add(store, article("herald"), ["A."], [1])
    store.close()
    [(column,)] = sql(postgres_url, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                                    " WHERE attrelid = 'claimcheck_embeddings'::regclass AND attname = 'vec'")
    assert column == "vector(8)"
    [(index,)] = sql(postgres_url, "SELECT indexdef FROM pg_indexes WHERE tablename = 'claimcheck_embeddings'"
                                   " AND indexdef LIKE '%%hnsw%%'")
    assert "USING hnsw (vec vector_cosine_ops)" in index


def test_more_neighbours_than_hnsw_searches_by_default_come_back(postgres_url, tmp_path):
    """pgvector's HNSW scan returns at most hnsw.ef_search rows (40 unless set): the store widens it to k.
    The planner is told to use the index, as it does on a large corpus, not a scan of 300 rows."""
    store = open_store(postgres_url, create=True, root=tmp_path)
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(300, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    items = [(article(f"a{i}"), [claim(f"a{i}", 0, f"Sentence {i}.")], vectors[i][None], None) for i in range(300)]
    store.add_articles(items, MODEL, 0.0)
    store.close()
    indexed = open_store(with_options(postgres_url, "-cenable_seqscan=off"), root=tmp_path)
    [hits] = indexed.neighbours(vectors[0][None], k=150, min_similarity=-1.0)
    assert len(hits) == 150
    exact = np.sort(vectors @ vectors[0])[::-1][:150]
    found = np.array([h.similarity for h in hits])
    assert np.mean(np.isclose(found[:, None], exact[None, :], atol=1e-5).any(axis=1)) >= 0.95  # recall
    indexed.close()


def test_a_writer_waits_for_the_write_lock_and_then_says_who_held_it(postgres_url, tmp_path, monkeypatch):
    import psycopg

    from claimcheck.store import postgres

    store = open_store(postgres_url, create=True, root=tmp_path)
    monkeypatch.setattr(postgres, "LOCK_WAIT_S", 1)
    with psycopg.connect(postgres_url) as other:  # another index run in the middle of its batch
        other.execute("SELECT pg_advisory_xact_lock(%s, hashtext(current_schema()))", (postgres.WRITE_LOCK,))
        held = "another claimcheck run has held the store's write lock for over 1 s"
        with pytest.raises(ClaimcheckError, match=held):
            add(store, article("herald"), ["A."], [1])
        reader = open_store(postgres_url, root=tmp_path)  # a check does not wait for it
        assert reader.articles() == {}
        reader.close()
    assert add(store, article("herald"), ["A."], [1]) == [("news/herald.md", "added")]  # the lock is free again
    store.close()


def test_two_stores_in_two_schemas_of_one_database_stay_apart(postgres_url, tmp_path):
    open_store(postgres_url, create=True, root=tmp_path).close()  # puts pgvector in public
    sql(postgres_url, "CREATE SCHEMA desk_a; CREATE SCHEMA desk_b")
    a = open_store(with_search_path(postgres_url, "desk_a,public"), create=True, root=tmp_path)
    b = open_store(with_search_path(postgres_url, "desk_b,public"), create=True, root=tmp_path)
    add(a, article("herald"), ["A."], [1])
    add(b, article("courier"), ["B."], [2])
    assert list(a.articles()) == ["news/herald.md"] and list(b.articles()) == ["news/courier.md"]
    a.close()
    b.close()


def test_article_paths_are_relative_to_the_root_the_caller_gives(postgres_url, tmp_path, monkeypatch):
    from pathlib import Path

    monkeypatch.chdir(tmp_path)
    assert open_store(postgres_url, create=True).root == tmp_path.resolve()  # by default, the current folder
    repo = tmp_path / "repo"
    repo.mkdir()
    store = open_store(Path(postgres_url), root=repo)  # a URL that went through Path() still works
    assert store.root == repo.resolve() and store.path.startswith("postgresql://")
    store.close()
