"""The corpus store in PostgreSQL, with pgvector's HNSW index for nearest-neighbour search: one corpus that many
machines index into and check against at once.

Same layout and behaviour as the SQLite store (see sqlite.py), in tables named `claimcheck_*` in the
connection's current schema, so a store can live beside other tables (pick a schema with the URL's
`options=-csearch_path%3Dname`). Vectors sit in a `vector(dim)` column of `claimcheck_embeddings` with an HNSW
index (cosine), made with the first vectors, when their length is known.

Concurrency: each `add_articles`, `drop_articles` or `rename_article` is one transaction holding a
transaction-level advisory lock, so writers from any number of machines take turns as SQLite's do (the
analysis, which is most of the time, runs outside it) and the nearest-cluster assignment and cluster numbers
stay those of one writer at a time; inserts still re-check with ON CONFLICT in case another writer got there
first. Creating or upgrading the schema takes a second lock. A reader (`check`) keeps one REPEATABLE READ,
READ ONLY transaction from open to close: it sees the store as of one moment and never waits for a writer.
A dropped connection loses only the open transaction: the store is as of its last commit, and the next
`index` goes on from there.

psycopg is imported only here, so a user without the `scale` extra is told what to install and nothing else.
"""
from __future__ import annotations

from contextlib import contextmanager, nullcontext
from dataclasses import replace
from datetime import datetime, timezone
from functools import wraps
from pathlib import Path

import numpy as np

from claimcheck.embed.cache import text_hash
from claimcheck.embed.encoder import vector_family
from claimcheck.errors import ClaimcheckError
from claimcheck.ingest import unique_id
from claimcheck.records import Article, Claim
from claimcheck.store import Loaded, Neighbour, StoredArticle
from claimcheck.store.clusters import assign_clusters
from claimcheck.store.codec import dumps, loads
from claimcheck.store.keys import event_keys, lookup_keys
from claimcheck.store.pg_vector import register_vector
from claimcheck.store.urls import password_of, shown_url, where

SCHEMA_VERSION = 1
# Upgrades from an older schema, by the version they start from: each brings a store one version up.
MIGRATIONS: dict[int, list[str]] = {}
INSTALL = "PostgreSQL stores need `pip install 'claimcheck[scale]'`"
CONNECT_TIMEOUT_S = 10  # unless the URL says otherwise
LOCK_WAIT_S = 300  # as SQLite's busy timeout: another run may hold the write lock while it commits a batch
# Candidates HNSW keeps while searching (pgvector's default is 40). With the index built as HNSW_BUILD says,
# the recall of the nearest 10 at a million clustered vectors is 0.974 at a p95 of 4.8 ms (benchmarks/scale.py).
# Raised to k when more neighbours are asked for.
EF_SEARCH = 100
# pgvector's default build (m=16, ef_construction=64) stops near 0.92 recall at a million vectors however wide
# the search; this one reaches 0.97-0.999, for 2.3x the build time and 4% more index.
HNSW_BUILD = "m = 32, ef_construction = 128"
MAX_EF_SEARCH = 1000  # pgvector's limit: an HNSW scan returns at most this many rows
# Advisory lock keys: the first word says claimcheck, the second is the schema's, so two stores in two schemas
# of one database do not wait for each other.
SCHEMA_LOCK, WRITE_LOCK = 0x63630001, 0x63630002
INSERT_RETRIES = 3  # a row another writer added meanwhile: look again, at most this often

TABLES = ("claimcheck_meta", "claimcheck_articles", "claimcheck_embeddings", "claimcheck_claims",
          "claimcheck_claim_keys", "claimcheck_article_keys")
# COLLATE "C": ids, paths and keys compare and sort byte by byte, as in SQLite, whatever the database's locale.
_SCHEMA = """
CREATE TABLE claimcheck_meta (key text COLLATE "C" PRIMARY KEY, value text NOT NULL);
CREATE TABLE claimcheck_articles (
    rowid bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id text COLLATE "C" NOT NULL UNIQUE,
    path text COLLATE "C" NOT NULL UNIQUE,
    content_hash text COLLATE "C" NOT NULL UNIQUE,
    published date,
    record text NOT NULL,
    docs bytea,
    indexed_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE claimcheck_embeddings (
    rowid bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    hash text COLLATE "C" NOT NULL UNIQUE,
    vec vector NOT NULL
);
CREATE TABLE claimcheck_claims (
    rowid bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article bigint NOT NULL REFERENCES claimcheck_articles(rowid) ON DELETE CASCADE,
    idx integer NOT NULL,
    embedding bigint NOT NULL REFERENCES claimcheck_embeddings(rowid),
    cluster bigint NOT NULL,
    record text NOT NULL
);
CREATE INDEX claimcheck_claims_article ON claimcheck_claims(article, idx);
CREATE INDEX claimcheck_claims_embedding ON claimcheck_claims(embedding);
CREATE INDEX claimcheck_claims_cluster ON claimcheck_claims(cluster);
CREATE TABLE claimcheck_claim_keys (
    claim bigint NOT NULL REFERENCES claimcheck_claims(rowid) ON DELETE CASCADE,
    key text COLLATE "C" NOT NULL
);
CREATE INDEX claimcheck_claim_keys_key ON claimcheck_claim_keys(key);
CREATE INDEX claimcheck_claim_keys_claim ON claimcheck_claim_keys(claim);
CREATE TABLE claimcheck_article_keys (
    article bigint NOT NULL REFERENCES claimcheck_articles(rowid) ON DELETE CASCADE,
    key text COLLATE "C" NOT NULL
);
CREATE INDEX claimcheck_article_keys_key ON claimcheck_article_keys(key);
CREATE INDEX claimcheck_article_keys_article ON claimcheck_article_keys(article);
"""


def _psycopg():
    try:
        import psycopg
    except ImportError:
        raise ClaimcheckError(INSTALL) from None
    return psycopg


def said(exc: BaseException, url: str) -> str:
    """A server's or libpq's message on one line, with any password the URL carries blanked out."""
    text = " ".join(line.strip() for line in str(exc).splitlines() if line.strip()) or type(exc).__name__
    secret = password_of(url)
    return text.replace(secret, "***") if secret else text


def connect_failure(exc: BaseException, url: str) -> str:
    """Why a store's server could not be reached, and what to do: one line naming the host and the database."""
    text = said(exc, url)
    if "password" in text or "authentication" in text:
        todo = "check the user name, and give the password in PGPASSWORD or ~/.pgpass (never on the command line)"
    else:
        todo = "check that the server is running and that the store URL (--store, or `store =` in the config) is right"
    joined = f"{text} {todo[0].upper()}{todo[1:]}" if text.endswith(("?", ".")) else f"{text}: {todo}"
    return f"cannot connect to the PostgreSQL store ({where(url)}): {joined}"


def no_vector_extension(url: str, server_version: int) -> str:
    return (f"the PostgreSQL server of the store ({where(url)}) does not have the pgvector extension the store "
            f"needs: install pgvector on it (https://github.com/pgvector/pgvector; on Debian or Ubuntu "
            f"`apt install postgresql-{server_version // 10000}-pgvector`), then run `claimcheck index` again")


def _connect(url: str, read_only: bool):
    psycopg = _psycopg()
    from psycopg.conninfo import conninfo_to_dict

    try:
        given = conninfo_to_dict(url)
    except psycopg.Error as exc:
        raise ClaimcheckError(f"store {shown_url(url)}: not a PostgreSQL URL libpq can read: "
                              f"{said(exc, url)}") from None
    extra = {k: v for k, v in (("connect_timeout", CONNECT_TIMEOUT_S), ("application_name", "claimcheck"))
             if k not in given}
    try:
        conn = psycopg.connect(url, autocommit=not read_only, **extra)
    except psycopg.Error as exc:
        raise ClaimcheckError(connect_failure(exc, url)) from None
    if read_only:  # one snapshot from the first statement to close, as a `check` needs
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
    return conn


def _reported(method):
    """A store method whose server errors reach the user as one line naming the store, not a traceback."""

    @wraps(method)
    def wrapper(self, *args, **kwargs):
        psycopg = _psycopg()
        try:
            return method(self, *args, **kwargs)
        except psycopg.Error as exc:
            raise ClaimcheckError(self._failure(exc)) from exc

    return wrapper


class PostgresStore:
    """With `create`, the store's tables are made if missing and it may be written (index). Without, it is
    only read (check, baseline), all from one snapshot. Article paths are kept relative to `root`."""

    def __init__(self, url: str, root: Path, create: bool = False):
        self.url = url
        self.path = shown_url(url)  # what messages call the store: never with its password
        self.root = Path(root).resolve()
        self.create = create
        self._conn = None
        self._conn = _connect(url, read_only=not create)
        try:
            self._prepare()
        except BaseException:
            self.close()
            raise

    def _failure(self, exc) -> str:
        psycopg = _psycopg()
        cause = said(exc, self.url)
        if self._conn is None or self._conn.closed:
            cause = f"lost the connection to the server ({cause})"
        elif isinstance(exc, psycopg.errors.LockNotAvailable):
            cause = f"another claimcheck run has held the store's write lock for over {LOCK_WAIT_S} s ({cause})"
        if not self.create:
            return f"store {self.path}: {cause}"
        return (f"store {self.path}: {cause}; the store is as of its last commit: once that is fixed, run "
                f"`claimcheck index` again to go on from there")

    # -- schema ---------------------------------------------------------------------------------------
    @_reported
    def _prepare(self) -> None:
        """Make or upgrade the schema (index), or see that it is there and current (check)."""
        with self._conn.transaction() if self.create else nullcontext():
            cur = self._conn.cursor()
            if self.create:
                # Two runs creating one store at once: the second waits here, then sees the first's tables.
                self._lock(cur, SCHEMA_LOCK)
                self._ensure_extension(cur)
            tables = self._tables(cur)
            if "claimcheck_meta" not in tables and not self.create:
                raise ClaimcheckError(f"no corpus store in {where(self.url)} ({self.path}): run `claimcheck index` "
                                      f"with this store first")
            self._vector_visible(cur)
            if "claimcheck_meta" not in tables:
                if tables:
                    raise ClaimcheckError(f"store {self.path}: tables {', '.join(sorted(tables))} are there but not "
                                          f"claimcheck_meta: not a claimcheck store, or a damaged one; use another "
                                          f"database or schema")
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        cur.execute(statement)
                cur.execute("INSERT INTO claimcheck_meta VALUES ('schema_version', %s), ('indexed', '')",
                            (str(SCHEMA_VERSION),))  # '': no index run has finished yet
            self._upgrade(cur)
            missing = sorted(set(TABLES) - self._tables(cur))
            if missing:
                raise ClaimcheckError(f"store {self.path} is damaged: table {', '.join(missing)} missing; index "
                                      f"every article folder into a new database or schema")
        if not register_vector(self._conn):  # only when the extension is gone since the check above
            raise ClaimcheckError(no_vector_extension(self.url, self._conn.info.server_version))

    def _ensure_extension(self, cur) -> None:
        if cur.execute("SELECT 1 FROM pg_extension WHERE extname = 'vector'").fetchone():
            return
        if not cur.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'").fetchone():
            raise ClaimcheckError(no_vector_extension(self.url, self._conn.info.server_version))
        psycopg = _psycopg()
        try:
            with self._conn.transaction():  # a savepoint: the failure is reported, not the aborted transaction
                cur.execute("CREATE EXTENSION IF NOT EXISTS vector")
        except psycopg.errors.InsufficientPrivilege as exc:
            raise ClaimcheckError(
                f"store {self.path}: pgvector is installed on the server, but not in {where(self.url)}, and user "
                f"{self._conn.info.user} may not add it ({said(exc, self.url)}): ask its owner or a superuser to "
                f"run `CREATE EXTENSION vector;` in that database once") from None

    def _vector_visible(self, cur) -> None:
        """The vector type, its operators and index methods are found through the search_path: the schema the
        extension was created in must be on it (it is, unless the URL sets a search_path without it)."""
        if cur.execute("SELECT to_regtype('vector') IS NOT NULL").fetchone()[0]:
            return
        row = cur.execute("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
                          " WHERE e.extname = 'vector'").fetchone()
        if row is None:
            raise ClaimcheckError(f"store {self.path}: the pgvector extension is not in {where(self.url)}: ask its "
                                  f"owner or a superuser to run `CREATE EXTENSION vector;` in that database once")
        raise ClaimcheckError(f"store {self.path}: the pgvector extension is in schema {row[0]}, which is not on "
                              f"this connection's search_path: add it, e.g. options=-csearch_path%3Dyours,{row[0]} in "
                              f"the URL")

    def _upgrade(self, cur) -> None:
        version = self._meta("schema_version", cur)
        if not (version or "").isdigit():
            raise ClaimcheckError(f"store {self.path} is damaged: no schema version in claimcheck_meta; index every "
                                  f"article folder into a new database or schema")
        version = int(version)
        if version > SCHEMA_VERSION:
            raise ClaimcheckError(
                f"store {self.path} has schema version {version}, newer than this claimcheck reads "
                f"({SCHEMA_VERSION}): upgrade claimcheck, or index into a new store with --store")
        while version < SCHEMA_VERSION:
            if not self.create:
                raise ClaimcheckError(f"store {self.path} has schema version {version}, from an older claimcheck: "
                                      f"run `claimcheck index` on it once to upgrade it")
            if version not in MIGRATIONS:
                raise ClaimcheckError(f"store {self.path} has schema version {version}, which this claimcheck cannot "
                                      f"upgrade: index every article folder into a new database or schema")
            for statement in MIGRATIONS[version]:
                cur.execute(statement)
            version += 1
            cur.execute("UPDATE claimcheck_meta SET value = %s WHERE key = 'schema_version'", (str(version),))

    @staticmethod
    def _tables(cur) -> set[str]:
        return {name for (name,) in cur.execute(
            "SELECT relname FROM pg_class WHERE relkind IN ('r', 'p') AND relname LIKE 'claimcheck\\_%'"
            " AND relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())")}

    @staticmethod
    def _lock(cur, key: int) -> None:
        """Take one of the store's locks until the transaction ends, waiting at most LOCK_WAIT_S."""
        cur.execute("SELECT set_config('lock_timeout', %s, true)", (f"{LOCK_WAIT_S}s",))
        cur.execute("SELECT pg_advisory_xact_lock(%s, hashtext(current_schema()))", (key,))

    @contextmanager
    def _writing(self):
        """One write transaction holding the write lock: all of it committed, or none of it."""
        with self._conn.transaction():
            cur = self._conn.cursor()
            self._lock(cur, WRITE_LOCK)
            yield cur

    @contextmanager
    def _reading(self):
        """Several reads that must agree: a transaction of their own when writing; a reader is in one already."""
        with self._conn.transaction() if self.create else nullcontext():
            yield self._conn.cursor()

    def _meta(self, key: str, cur=None) -> str | None:
        row = (cur or self._conn).execute("SELECT value FROM claimcheck_meta WHERE key = %s", (key,)).fetchone()
        return row[0] if row else None

    @_reported
    def model(self) -> str | None:
        return self._meta("model")

    @_reported
    def mark_indexed(self) -> None:
        """An index run has finished: from now on the store is a corpus, even an empty one."""
        self._conn.execute("INSERT INTO claimcheck_meta VALUES ('indexed', %s) ON CONFLICT (key) DO UPDATE"
                           " SET value = excluded.value", (datetime.now(timezone.utc).isoformat(timespec="seconds"),))

    @_reported
    def index_finished(self) -> bool:
        """Whether an index run into this store has ever finished (see SqliteStore.index_finished)."""
        mark = self._meta("indexed")
        if mark is None:
            return self._conn.execute("SELECT 1 FROM claimcheck_articles LIMIT 1").fetchone() is not None
        return mark != ""

    def _ensure_vectors(self, cur, model: str, dim: int) -> None:
        """The vector column gets its length, and its HNSW index, with the first vectors; the model is fixed then."""
        held = self._meta("model", cur)
        if held is None:
            cur.execute("INSERT INTO claimcheck_meta VALUES ('model', %s), ('dim', %s)", (model, str(dim)))
            cur.execute(f"ALTER TABLE claimcheck_embeddings ALTER COLUMN vec TYPE vector({int(dim)})")
            cur.execute("CREATE INDEX claimcheck_embeddings_vec ON claimcheck_embeddings"
                        f" USING hnsw (vec vector_cosine_ops) WITH ({HNSW_BUILD})")
        elif vector_family(held) != vector_family(model):
            raise ClaimcheckError(f"store {self.path} was built with model {held!r}, not {model!r}: "
                                  f"use the same model, or index into a new store with --store")

    def _has_vectors(self, cur=None) -> bool:
        return self._meta("model", cur) is not None

    @staticmethod
    def _search_width(cur, k: int) -> None:
        cur.execute("SELECT set_config('hnsw.ef_search', %s, true)", (str(min(MAX_EF_SEARCH, max(EF_SEARCH, k))),))

    # -- reading --------------------------------------------------------------------------------------
    @_reported
    def articles(self) -> dict[str, StoredArticle]:
        rows = self._conn.execute("SELECT id, path, content_hash FROM claimcheck_articles")
        return {path: StoredArticle(i, path, h) for i, path, h in rows}

    @_reported
    def counts(self) -> dict[str, int]:
        with self._reading() as cur:
            one = lambda sql: cur.execute(sql).fetchone()[0]
            return {"articles": one("SELECT COUNT(*) FROM claimcheck_articles"),
                    "claims": one("SELECT COUNT(*) FROM claimcheck_claims"),
                    "embeddings": one("SELECT COUNT(*) FROM claimcheck_embeddings"),
                    "clusters": one("SELECT COUNT(DISTINCT cluster) FROM claimcheck_claims")}

    @_reported
    def known_vectors(self, hashes: list[str]) -> dict[str, np.ndarray]:
        if not hashes or not self._has_vectors():
            return {}
        rows = self._conn.execute("SELECT hash, vec FROM claimcheck_embeddings WHERE hash = ANY(%s)",
                                  (list(dict.fromkeys(hashes)),), binary=True)
        return dict(rows)

    @_reported
    def neighbours(self, vectors: np.ndarray, k: int, min_similarity: float) -> list[list[Neighbour]]:
        """The nearest stored claims of each vector (pgvector's HNSW index, not a scan)."""
        if not self._has_vectors():
            return [[] for _ in range(len(vectors))]
        out = []
        with self._reading() as cur:
            self._search_width(cur, k)
            for vec in np.asarray(vectors, dtype=np.float32):
                hits = cur.execute("SELECT rowid, vec <=> %b AS distance FROM claimcheck_embeddings ORDER BY distance"
                                   " LIMIT %s", (vec, k)).fetchall()
                sims = {rowid: 1.0 - distance for rowid, distance in hits if 1.0 - distance >= min_similarity}
                out.append(self._claims_of_embeddings(cur, sims))
        return out

    def max_k(self) -> int:
        return MAX_EF_SEARCH  # HNSW returns at most ef_search rows a query

    @_reported
    def nearest_embeddings(self, embedding_ids: list[int], k: int) -> list[list[tuple[int, float]]]:
        """The k nearest stored texts of each stored text, itself among them (pgvector's HNSW index)."""
        if not self._has_vectors():
            return [[] for _ in embedding_ids]
        out = []
        with self._reading() as cur:
            self._search_width(cur, k)
            for emb in embedding_ids:
                row = cur.execute("SELECT vec FROM claimcheck_embeddings WHERE rowid = %s", (int(emb),),
                                  binary=True).fetchone()
                if row is None:
                    out.append([])
                    continue
                hits = cur.execute("SELECT rowid, vec <=> %b AS distance FROM claimcheck_embeddings ORDER BY distance"
                                   " LIMIT %s", (row[0], min(k, MAX_EF_SEARCH))).fetchall()
                out.append([(rowid, 1.0 - distance) for rowid, distance in hits])
        return out

    @staticmethod
    def _claims_of_embeddings(cur, sims: dict[int, float]) -> list[Neighbour]:
        if not sims:
            return []
        rows = cur.execute(
            "SELECT c.rowid, a.id, c.cluster, c.embedding FROM claimcheck_claims c"
            " JOIN claimcheck_articles a ON a.rowid = c.article WHERE c.embedding = ANY(%s)", (list(sims),))
        return sorted((Neighbour(cid, aid, cluster, sims[emb]) for cid, aid, cluster, emb in rows),
                      key=lambda n: (-n.similarity, n.claim))

    @_reported
    def claims_with_keys(self, keys: list[str], limit_per_key: int = 500) -> list[Neighbour]:
        out: dict[int, Neighbour] = {}
        with self._reading() as cur:
            for key in sorted(set(keys)):
                rows = cur.execute(
                    "SELECT c.rowid, a.id, c.cluster FROM claimcheck_claim_keys k"
                    " JOIN claimcheck_claims c ON c.rowid = k.claim JOIN claimcheck_articles a ON a.rowid = c.article"
                    " WHERE k.key = %s ORDER BY c.rowid DESC LIMIT %s", (key, limit_per_key))
                for cid, aid, cluster in rows:
                    out.setdefault(cid, Neighbour(cid, aid, cluster, 0.0))
        return list(out.values())

    @_reported
    def cluster_members(self, clusters: list[int], limit: int) -> list[Neighbour]:
        out = []
        with self._reading() as cur:
            for cluster in sorted(set(clusters)):
                rows = cur.execute(
                    "SELECT c.rowid, a.id FROM claimcheck_claims c JOIN claimcheck_articles a ON a.rowid = c.article"
                    " WHERE c.cluster = %s ORDER BY c.rowid DESC LIMIT %s", (int(cluster), limit))
                out += [Neighbour(cid, aid, cluster, 0.0) for cid, aid in rows]
        return out

    @_reported
    def published(self, article_ids: list[str]) -> dict:
        rows = self._conn.execute("SELECT id, published FROM claimcheck_articles WHERE id = ANY(%s)",
                                  (sorted(set(article_ids)),))
        return dict(rows)

    @_reported
    def event_keys(self, article_ids: list[str]) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {a: set() for a in article_ids}
        for aid, key in self._conn.execute(
                "SELECT a.id, k.key FROM claimcheck_article_keys k JOIN claimcheck_articles a ON a.rowid = k.article"
                " WHERE a.id = ANY(%s)", (sorted(set(article_ids)),)):
            out[aid].add(key)
        return out

    @_reported
    def key_frequency(self, keys: list[str]) -> dict[str, int]:
        """In how many stored articles each name occurs: a name most of the corpus uses tells events apart poorly."""
        out = {k: 0 for k in keys}
        out.update(self._conn.execute(
            "SELECT key, COUNT(DISTINCT article) FROM claimcheck_article_keys WHERE key = ANY(%s) GROUP BY key",
            (sorted(set(keys)),)))
        return out

    @_reported
    def load(self, article_ids: list[str], claim_ids: list[int] = ()) -> Loaded:
        """Records, claims (in article order), their vectors and spaCy docs: every claim of `article_ids`, and
        of other articles only the claims in `claim_ids`."""
        from claimcheck.extract.nlp import docs_from_bytes

        whole = set(article_ids)
        some = sorted({int(c) for c in claim_ids})
        articles, claims, embedding_ids, docs = [], [], [], {}
        with self._reading() as cur:
            owners = {aid for (aid,) in cur.execute(
                "SELECT DISTINCT a.id FROM claimcheck_claims c JOIN claimcheck_articles a ON a.rowid = c.article"
                " WHERE c.rowid = ANY(%s)", (some,))} if some else set()
            rows = cur.execute("SELECT rowid, id, record, docs FROM claimcheck_articles WHERE id = ANY(%s) ORDER BY id",
                               (sorted(whole | owners),)).fetchall()
            by_article: dict[int, list] = {}
            for article, cid, emb, record in cur.execute(
                    "SELECT article, rowid, embedding, record FROM claimcheck_claims WHERE article = ANY(%s)"
                    " ORDER BY article, idx", ([r[0] for r in rows],)):
                by_article.setdefault(article, []).append((cid, emb, record))
            wanted_some = set(some)
            for rowid, aid, record, blob in rows:
                articles.append(loads(Article, record))
                if blob:
                    docs.update(docs_from_bytes(bytes(blob)))
                for cid, emb, claim in by_article.get(rowid, []):
                    if aid in whole or cid in wanted_some:
                        claims.append(loads(Claim, claim))
                        embedding_ids.append(emb)
            vectors = self._vectors(cur, embedding_ids)
        return Loaded(tuple(articles), tuple(claims), vectors, docs, tuple(embedding_ids))

    def _vectors(self, cur, embedding_ids: list[int]) -> np.ndarray:
        if not embedding_ids:
            return np.zeros((0, int(self._meta("dim", cur) or 0)), dtype=np.float32)
        by_id = dict(cur.execute("SELECT rowid, vec FROM claimcheck_embeddings WHERE rowid = ANY(%s)",
                                 (list(dict.fromkeys(embedding_ids)),), binary=True))
        return np.stack([by_id[i] for i in embedding_ids])

    # -- writing --------------------------------------------------------------------------------------
    @_reported
    def add_articles(self, items, model: str, cluster_threshold: float) -> list[tuple[str, str]]:
        """Add (article, factual claims, their vectors, spaCy docs as bytes) in one transaction.

        Returns (path, outcome) for each: "added", "replaced" (the path held older content), or why it was
        not added ("already indexed" when a concurrent run was first, "duplicate of PATH").
        """
        if not items:
            return []
        dim = next((v.shape[1] for _, _, v, _ in items if len(v)), None)
        outcomes = []
        with self._writing() as cur:
            if dim is not None:
                self._ensure_vectors(cur, model, dim)
            elif self._meta("model", cur) not in (None, model):
                self._ensure_vectors(cur, model, 0)  # raises: another model built this store
            labels = self._nearest_clusters(cur, items, cluster_threshold)
            start = 0
            for article, claims, vectors, doc_bytes in items:
                clusters = labels[start : start + len(claims)]
                start += len(claims)
                outcomes.append((article.path, self._add_one(cur, article, claims, vectors, doc_bytes, clusters)))
        return outcomes

    def _nearest_clusters(self, cur, items, threshold: float) -> list[int]:
        """For every new claim, the cluster of its nearest stored or earlier new claim within `threshold`
        (cosine distance), or a cluster of its own: the nearest stored one from the HNSW index."""
        blocks = [np.asarray(v, dtype=np.float32).reshape(len(c), -1) for _, c, v, _ in items if len(c)]
        if not blocks:
            return []
        new = np.concatenate(blocks)
        best = np.full(len(new), -1.0, dtype=np.float32)
        best_emb = np.full(len(new), -1, dtype=np.int64)
        if self._has_vectors(cur):
            self._search_width(cur, 1)
            for i, vec in enumerate(new):
                row = cur.execute("SELECT rowid, vec <=> %b AS distance FROM claimcheck_embeddings ORDER BY distance"
                                  " LIMIT 1", (vec,)).fetchone()
                if row:
                    best_emb[i], best[i] = row[0], 1.0 - row[1]
        wanted = sorted({int(e) for e in best_emb[best_emb >= 0]})
        cluster_of_emb = dict(cur.execute(
            "SELECT embedding, MIN(cluster) FROM claimcheck_claims WHERE embedding = ANY(%s) GROUP BY embedding",
            (wanted,))) if wanted else {}
        next_cluster = cur.execute("SELECT COALESCE(MAX(cluster), 0) + 1 FROM claimcheck_claims").fetchone()[0]
        return assign_clusters(new, best, best_emb, cluster_of_emb, next_cluster, threshold)

    def _add_one(self, cur, article: Article, claims: list[Claim], vectors, doc_bytes, clusters: list[int]) -> str:
        path = article.path
        for _ in range(INSERT_RETRIES):
            same = cur.execute("SELECT content_hash FROM claimcheck_articles WHERE path = %s", (path,)).fetchone()
            if same and same[0] == article.content_hash:
                return "already indexed"
            twin = cur.execute("SELECT path FROM claimcheck_articles WHERE content_hash = %s",
                               (article.content_hash,)).fetchone()
            if twin and twin[0] != path:
                return f"duplicate of {twin[0]}"
            outcome = "added"
            if same:
                self._delete_paths(cur, [path])
                outcome = "replaced"
            article_id = unique_id(article.id, lambda c: cur.execute(
                "SELECT 1 FROM claimcheck_articles WHERE id = %s", (c,)).fetchone())
            record = Article(article_id, path, article.source, "", article.content_hash, article.published,
                             article.title, article.url)
            # A writer that does not hold the lock (none of claimcheck's) may have added one of these meanwhile:
            # then nothing is inserted, and the checks above run again on what it committed.
            row = cur.execute(
                "INSERT INTO claimcheck_articles (id, path, content_hash, published, record, docs)"
                " VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING RETURNING rowid",
                (article_id, path, article.content_hash, article.published, dumps(record), doc_bytes)).fetchone()
            if row is not None:
                break
        else:
            return "already indexed"
        article_row = row[0]
        cur.executemany("INSERT INTO claimcheck_article_keys (article, key) VALUES (%s, %s)",
                        [(article_row, key) for key in sorted(event_keys(claims))])
        if not claims:
            return outcome
        claims = [replace(c, sentence=replace(c.sentence, article_id=article_id)) for c in claims]
        hashes = [text_hash(c.sentence.text) for c in claims]
        emb = self._embedding_ids(cur, hashes, vectors)
        ids = []
        cur.executemany("INSERT INTO claimcheck_claims (article, idx, embedding, cluster, record)"
                        " VALUES (%s, %s, %s, %s, %s) RETURNING rowid",
                        [(article_row, idx, emb[h], int(cluster), dumps(claim))
                         for idx, (claim, h, cluster) in enumerate(zip(claims, hashes, clusters))], returning=True)
        for _ in cur.results():
            ids.append(cur.fetchone()[0])
        cur.executemany("INSERT INTO claimcheck_claim_keys (claim, key) VALUES (%s, %s)",
                        [(claim_row, key) for claim_row, claim in zip(ids, claims)
                         for key in sorted(lookup_keys(claim))])
        return outcome

    @staticmethod
    def _embedding_ids(cur, hashes: list[str], vectors) -> dict[str, int]:
        """The embedding row of each text hash, adding the vectors of texts the store does not hold yet."""
        query = "SELECT hash, rowid FROM claimcheck_embeddings WHERE hash = ANY(%s)"
        found = dict(cur.execute(query, (sorted(set(hashes)),)))
        missing = {}
        for h, vec in zip(hashes, vectors):
            if h not in found:
                missing.setdefault(h, np.asarray(vec, dtype=np.float32))
        if missing:
            cur.executemany("INSERT INTO claimcheck_embeddings (hash, vec) VALUES (%s, %b)"
                            " ON CONFLICT (hash) DO NOTHING", list(missing.items()))
            found.update(cur.execute(query, (sorted(missing),)))
        return found

    @_reported
    def drop_articles(self, paths: list[str]) -> int:
        if not paths:
            return 0
        with self._writing() as cur:
            return self._delete_paths(cur, list(paths))

    @staticmethod
    def _delete_paths(cur, paths: list[str]) -> int:
        # The vectors of the dropped claims go too when no other claim uses them; only those are looked at, so a
        # drop costs the same in a corpus of millions.
        used = [e for (e,) in cur.execute(
            "SELECT DISTINCT c.embedding FROM claimcheck_claims c JOIN claimcheck_articles a ON a.rowid = c.article"
            " WHERE a.path = ANY(%s)", (paths,))]
        dropped = cur.execute("DELETE FROM claimcheck_articles WHERE path = ANY(%s)", (paths,)).rowcount
        if used:
            cur.execute("DELETE FROM claimcheck_embeddings e WHERE e.rowid = ANY(%s) AND NOT EXISTS"
                        " (SELECT 1 FROM claimcheck_claims c WHERE c.embedding = e.rowid)", (used,))
        return dropped

    @_reported
    def rename_article(self, old_path: str, new_path: str) -> None:
        with self._writing() as cur:
            row = cur.execute("SELECT record FROM claimcheck_articles WHERE path = %s", (old_path,)).fetchone()
            if row is None:
                return
            record = replace(loads(Article, row[0]), path=new_path)
            cur.execute("UPDATE claimcheck_articles SET path = %s, record = %s WHERE path = %s",
                        (new_path, dumps(record), old_path))

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()  # a reader's snapshot is rolled back: it wrote nothing
            finally:
                self._conn = None
