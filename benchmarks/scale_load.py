"""Bulk loading of benchmark vectors into the real stores' own tables, so that what benchmarks/scale.py times
is the `neighbours` method of the store classes `claimcheck check` uses, on stores of a million sentences
that `claimcheck index` would take days to fill.

Each store is made by the store class itself: `add_articles` with the first vector (which creates the schema,
the vector table and, in PostgreSQL, the HNSW index). Every other vector goes straight into the same tables
as one claim of an invented article (CLAIMS_PER_ARTICLE claims each, records as the store writes them):
vector row r is embedding r + 1 and claim r + 1. PostgreSQL's HNSW index is dropped before the load and built
once after it (`build_hnsw`), which is how a large archive would be loaded.
"""
from __future__ import annotations

import os
import struct
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from claimcheck.records import Article, Claim, Sentence
from claimcheck.store import open_store, store_file
from claimcheck.store.codec import dumps

MODEL = "benchmark-vectors"  # what the stores' meta table says built them
CLAIMS_PER_ARTICLE = 10
CLUSTER_THRESHOLD = 0.2
INDEX = "claimcheck_embeddings_vec"  # the store's HNSW index (claimcheck/store/postgres.py)
BATCH = 50_000
_PGCOPY_HEAD = b"PGCOPY\n\xff\r\n\x00" + struct.pack(">ii", 0, 0)
_PGCOPY_TAIL = struct.pack(">h", -1)


def _article(row: int) -> Article:
    aid = f"v{row // CLAIMS_PER_ARTICLE:07d}"
    return Article(aid, f"bench/{aid}.md", "bench", "", f"{row // CLAIMS_PER_ARTICLE:064x}")


def _claim(row: int) -> Claim:
    text = f"Benchmark sentence {row}."
    return Claim(Sentence(_article(row).id, row % CLAIMS_PER_ARTICLE, text, 0, len(text), 1, "fact"))


def _hash(row: int) -> str:
    return f"bench-{row:012d}"  # one fixed length, so the binary COPY rows are a numpy record array


def _first(vectors: np.ndarray):
    return [(_article(0), [_claim(0)], vectors[:1], None)]


def _article_rows(first: int, end: int):
    """(rowid, id, path, content_hash, record) of the articles holding vector rows first..end-1, row 0's excepted."""
    start = -(-first // CLAIMS_PER_ARTICLE)  # the first article that row 0 did not make
    for a in range(start, -(-end // CLAIMS_PER_ARTICLE)):
        article = _article(a * CLAIMS_PER_ARTICLE)
        yield a + 1, article.id, article.path, article.content_hash, dumps(article)


def _claim_rows(first: int, end: int):
    """(rowid, article rowid, idx, embedding rowid, cluster, record) of vector rows first..end-1: one cluster
    each (clusters do not enter a nearest-neighbour query)."""
    for r in range(first, end):
        yield r + 1, r // CLAIMS_PER_ARTICLE + 1, r % CLAIMS_PER_ARTICLE, r + 1, r + 1, dumps(_claim(r))


# -- SQLite ----------------------------------------------------------------------------------------------
def load_sqlite(folder: Path, vectors: np.ndarray) -> float:
    """A SQLite store in `folder` holding `vectors`; seconds taken."""
    import sqlean
    import sqlite_vec

    started = time.perf_counter()
    store = open_store(folder, create=True)
    try:
        store.add_articles(_first(vectors), MODEL, CLUSTER_THRESHOLD)
        store.mark_indexed()
    finally:
        store.close()
    db = sqlean.connect(str(store_file(folder)), isolation_level=None)
    db.enable_load_extension(True)
    sqlite_vec.load(db)
    try:
        db.execute("BEGIN")
        for start in range(1, len(vectors), BATCH):
            end = min(start + BATCH, len(vectors))
            db.executemany("INSERT INTO embeddings (rowid, hash) VALUES (?, ?)",
                           [(r + 1, _hash(r)) for r in range(start, end)])
            db.executemany("INSERT INTO vectors (rowid, embedding) VALUES (?, ?)",
                           [(r + 1, vectors[r].tobytes()) for r in range(start, end)])
            db.executemany("INSERT INTO articles (rowid, id, path, content_hash, record, indexed_at)"
                           " VALUES (?, ?, ?, ?, ?, '2026-01-01T00:00:00+00:00')", list(_article_rows(start, end)))
            db.executemany("INSERT INTO claims (rowid, article, idx, embedding, cluster, record) VALUES (?,?,?,?,?,?)",
                           list(_claim_rows(start, end)))
        db.execute("COMMIT")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    return time.perf_counter() - started


def sqlite_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in Path(folder).glob("store.sqlite3*"))


# -- PostgreSQL ------------------------------------------------------------------------------------------
def load_postgres(url: str, vectors: np.ndarray, root: Path) -> float:
    """The store at `url` (an empty database) holding `vectors`, without its HNSW index; seconds taken."""
    import psycopg

    started = time.perf_counter()
    store = open_store(url, create=True, root=root)
    try:
        store.add_articles(_first(vectors), MODEL, CLUSTER_THRESHOLD)
        store.mark_indexed()
    finally:
        store.close()
    with psycopg.connect(url) as conn, conn.transaction():
        cur = conn.cursor()
        cur.execute(f"DROP INDEX {INDEX}")  # built once after the load: inserting into it row by row is slow
        with cur.copy("COPY claimcheck_embeddings (rowid, hash, vec) FROM STDIN (FORMAT BINARY)") as copy:
            copy.write(_PGCOPY_HEAD)
            for start in range(1, len(vectors), BATCH):
                copy.write(_binary_embeddings(vectors, start, min(start + BATCH, len(vectors))))
            copy.write(_PGCOPY_TAIL)
        with cur.copy("COPY claimcheck_articles (rowid, id, path, content_hash, record) FROM STDIN") as copy:
            for row in _article_rows(1, len(vectors)):
                copy.write_row(row)
        with cur.copy("COPY claimcheck_claims (rowid, article, idx, embedding, cluster, record) FROM STDIN") as copy:
            for row in _claim_rows(1, len(vectors)):
                copy.write_row(row)
        for table in ("claimcheck_embeddings", "claimcheck_articles", "claimcheck_claims"):  # as if inserted
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'rowid'), (SELECT MAX(rowid) FROM {table}))")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    return time.perf_counter() - started


def _binary_embeddings(vectors: np.ndarray, start: int, end: int) -> bytes:
    """Rows start..end-1 of claimcheck_embeddings in COPY's binary format: (rowid, hash, vec), with pgvector's
    binary vector (length and a zero as 16-bit words, then big-endian float32s)."""
    dim = vectors.shape[1]
    hash_len = len(_hash(0))
    rows = np.empty(end - start, dtype=[
        ("fields", ">i2"), ("id_len", ">i4"), ("id", ">i8"), ("hash_len", ">i4"), ("hash", f"S{hash_len}"),
        ("vec_len", ">i4"), ("dim", ">i2"), ("unused", ">i2"), ("vec", ">f4", (dim,))])
    rows["fields"], rows["id_len"], rows["hash_len"], rows["vec_len"] = 3, 8, hash_len, 4 + 4 * dim
    rows["id"] = np.arange(start + 1, end + 1)
    rows["hash"] = [_hash(r).encode() for r in range(start, end)]
    rows["dim"], rows["unused"] = dim, 0
    rows["vec"] = vectors[start:end]
    return rows.tobytes()


@dataclass(frozen=True)
class Build:
    m: int
    ef_construction: int
    seconds: float
    index_bytes: int
    table_bytes: int  # the embeddings table with its other indexes, without the HNSW index
    leader_peak_bytes: int | None  # the building backend's peak resident memory (shared memory it touched too)


def build_hnsw(url: str, m: int, ef_construction: int, maintenance_work_mem: str, workers: int) -> Build:
    """(Re)build the store's HNSW index with these parameters, as the store makes it otherwise."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP INDEX IF EXISTS {INDEX}")
        conn.execute(f"SET maintenance_work_mem = '{maintenance_work_mem}'")  # the graph must fit, or it is slow
        conn.execute(f"SET max_parallel_maintenance_workers = {int(workers)}")
        started = time.perf_counter()
        conn.execute(f"CREATE INDEX {INDEX} ON claimcheck_embeddings USING hnsw (vec vector_cosine_ops)"
                     f" WITH (m = {int(m)}, ef_construction = {int(ef_construction)})")
        seconds = time.perf_counter() - started
        peak = _peak_rss(conn.info.backend_pid)
        index, table = conn.execute(f"SELECT pg_relation_size('{INDEX}'), pg_total_relation_size("
                                    f"'claimcheck_embeddings') - pg_relation_size('{INDEX}')").fetchone()
    return Build(m, ef_construction, seconds, index, table, peak)


def database_bytes(url: str) -> int:
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]


def _peak_rss(pid: int) -> int | None:
    """A process's peak resident set from /proc (the server runs on this machine); None where there is none."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def own_peak_rss() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 if os.name == "posix" else 0
