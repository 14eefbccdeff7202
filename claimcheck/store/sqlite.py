"""The corpus store in one SQLite file, with sqlite-vec for nearest-neighbour search.

Why SQLite: no server, atomic commits (a killed `index` leaves the store as of its last commit), and two
processes may write at once: writers take turns (BEGIN IMMEDIATE with a long busy timeout) and every
insert re-checks what the other run may have added meanwhile, so each article is held once.

A store this user cannot write (a read-only mount, an immutable file or folder) is still read by `check`:
SQLite then opens it without the -wal/-shm files it would otherwise make beside it. `index` says it is
read-only. Every other SQLite error (a full disk, an I/O error) reaches the user as one line naming the
store and the cause; a transaction that failed leaves the store as of its last commit.

A damaged store file (not a database, truncated, a claimcheck store with tables missing) is renamed aside,
never deleted. It cannot be rebuilt without the articles: `index` starts a new store and says to index every
folder again; `check` stops and says to run `index`. An empty file is what a run killed while creating the
store leaves: `index` makes the store in it, `check` says there is nothing to check against yet.

Layout: `articles` by path and content hash; `claims` (what was extracted, as JSON) point at a row of
`embeddings` (one per distinct text), whose vector lives in the vec0 table `vectors` under the same rowid;
`claim_keys` finds claims by the offices and people they name; `cluster` groups claims that say the same.
"""
from __future__ import annotations

import os
import re
import shutil
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime, timezone
from functools import lru_cache, wraps
from pathlib import Path
from urllib.parse import quote

import numpy as np

from claimcheck.embed.cache import damage, set_aside, text_hash, warn
from claimcheck.embed.encoder import vector_family
from claimcheck.errors import ClaimcheckError, reason
from claimcheck.ingest import unique_id
from claimcheck.records import Article, Claim

# relative_path and StoreVectors serve every store now; still importable from here for older callers.
from claimcheck.store import Loaded, Neighbour, StoredArticle, relative_path, store_file  # noqa: F401
from claimcheck.store.clusters import assign_clusters
from claimcheck.store.codec import dumps, loads
from claimcheck.store.keys import event_keys, lookup_keys
from claimcheck.store.vectors import StoreVectors  # noqa: F401

SCHEMA_VERSION = 1
# Upgrades from an older schema, by the version they start from: each brings a store one version up.
MIGRATIONS: dict[int, list[str]] = {}
FULL_BELOW = 1 << 20  # bytes left on the disk under which an I/O error is put down to a full disk
MAX_K = 4096  # the most neighbours sqlite-vec returns for one query
BUSY_TIMEOUT_S = 300  # a concurrent `index` may hold the write lock while it commits a batch
# The tables sqlite-vec keeps the vec0 table `vectors` in. One missing makes sqlite-vec fail with its own
# words, or crash the process (vectors_rowids), so they are looked for when the store is opened.
VEC_TABLES = ("vectors_info", "vectors_chunks", "vectors_rowids", "vectors_vector_chunks00")
# sqlite-vec reports a damaged page of its tables as a plain SQLITE_ERROR in its own words ("vectors blob read
# error for 1", "chunks iter error", "Could not fetch vector data for 8, opening blob failed").
_VEC_DAMAGE = re.compile(r"blob|chunks? iter|vector data|no such table: main\.vectors", re.IGNORECASE)

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    published TEXT,
    record TEXT NOT NULL,
    docs BLOB,
    indexed_at TEXT NOT NULL
);
CREATE TABLE embeddings (rowid INTEGER PRIMARY KEY, hash TEXT NOT NULL UNIQUE);
CREATE TABLE claims (
    rowid INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    embedding INTEGER NOT NULL REFERENCES embeddings(rowid),
    cluster INTEGER NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX claims_article ON claims(article);
CREATE INDEX claims_embedding ON claims(embedding);
CREATE INDEX claims_cluster ON claims(cluster);
CREATE TABLE claim_keys (claim INTEGER NOT NULL REFERENCES claims(rowid) ON DELETE CASCADE, key TEXT NOT NULL);
CREATE INDEX claim_keys_key ON claim_keys(key);
CREATE TABLE article_keys (article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE, key TEXT NOT NULL);
CREATE INDEX article_keys_key ON article_keys(key);
CREATE INDEX article_keys_article ON article_keys(article);
"""


def _connect(path: Path, uri_options: str | None = None):
    import sqlean  # Python's own sqlite3 is often built without extension loading
    import sqlite_vec

    target = f"file:{quote(str(path.resolve()))}?{uri_options}" if uri_options else str(path)
    db = sqlean.connect(target, uri=bool(uri_options), timeout=BUSY_TIMEOUT_S, isolation_level=None)
    db.enable_load_extension(True)
    sqlite_vec.load(db)
    db.enable_load_extension(False)
    db.execute("PRAGMA foreign_keys = ON")
    return db


def _unwritable(path: Path) -> str | None:
    """Why this user cannot write the store file (or, for its -wal/-shm files, its folder); None if it can.
    os.access, not the permission bits: it also answers for root on a read-only mount or an immutable file."""
    folder = path.parent
    if os.statvfs(folder).f_flag & os.ST_RDONLY:
        return "it is on a read-only file system"
    if path.exists() and not os.access(path, os.W_OK):
        return "the file cannot be written"
    if not os.access(folder, os.W_OK):
        return f"its folder {folder} cannot be written"
    return None


def _explain(exc, folder: Path) -> str:
    """An SQLite error as a cause a user can act on. A full disk is not always SQLITE_FULL: growing the -shm
    file on one is an I/O error, so the space left is looked at too."""
    name = getattr(exc, "sqlite_errorname", None) or ""
    if name == "SQLITE_FULL":
        return f"the disk is full ({exc})"
    if name.startswith("SQLITE_READONLY"):
        return f"it is read-only ({exc})"
    if name.startswith("SQLITE_IOERR"):
        try:
            free = shutil.disk_usage(folder).free
        except OSError:
            free = None
        if free is not None and free < FULL_BELOW:
            return f"the disk is full: {free:,} bytes left ({exc}, {name})"
    return f"{exc} ({name})" if name else str(exc)


def _damage(exc) -> str | None:
    """What is damaged, when an SQLite error says so: SQLite's own corrupt-file codes, or sqlite-vec's words for
    a page of its tables it cannot read."""
    found = damage(exc)
    if found is None and getattr(exc, "sqlite_errorname", None) == "SQLITE_ERROR" and _VEC_DAMAGE.search(str(exc)):
        found = f"its vector index cannot be read: {exc}"
    return found


def _reported(method):
    """A store method whose SQLite errors reach the user as one line naming the store, not a traceback."""

    @wraps(method)
    def wrapper(self, *args, **kwargs):
        import sqlean

        try:
            return method(self, *args, **kwargs)
        except sqlean.Error as exc:
            raise ClaimcheckError(self._failure(exc)) from exc
        except _Damaged as exc:
            raise ClaimcheckError(self._damaged(str(exc))) from exc

    return wrapper


class _Damaged(Exception):
    """A claimcheck store whose tables are not all there, or not as this version makes them."""


@lru_cache(maxsize=1)
def _columns() -> dict[str, list[str]]:
    """Each table's columns as _SCHEMA makes them."""
    db = sqlite3.connect(":memory:")
    db.executescript(_SCHEMA)
    tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {t: [row[1] for row in db.execute(f"PRAGMA table_info({t})")] for t in tables}


class SqliteStore:
    """With `create`, the store is made if missing and may be written (index). Without, it is only read
    (check, baseline), all from one snapshot: an `index` committing meanwhile cannot show it half an update."""

    def __init__(self, folder: Path, create: bool = False):
        import sqlean

        self.folder = folder
        self.path = store_file(folder)
        self.root = folder.resolve().parent
        self.create = create
        self._db = None
        if not self.path.is_file():
            if not create:
                raise ClaimcheckError(f"no corpus store at {self.path}: run `claimcheck index` first, or give --store")
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ClaimcheckError(f"cannot make the store folder {folder}: {reason(exc)}") from None
        self.read_only = _unwritable(self.path)  # why the store cannot be written, or None
        if self.read_only and create:
            raise ClaimcheckError(f"store {self.path} is read-only ({self.read_only}): `claimcheck index` writes to "
                                  f"it; make it writable, or index into another store with --store")
        inode = self.path.stat().st_ino if self.path.exists() else None
        try:
            self._open()
        except (sqlean.DatabaseError, _Damaged) as exc:
            damaged = str(exc) if isinstance(exc, _Damaged) else _damage(exc)
            if damaged is None:
                why = ""
                if self._read_only_uri() == "mode=ro":
                    why = (f"; it is read-only ({self.read_only}) and its last commits wait in {self.path}-wal, which "
                           f"SQLite reads only with its -shm file beside it: open it once where it can be written "
                           f"(a `claimcheck check` will do)")
                raise ClaimcheckError(f"store {self.path}: cannot open it: {_explain(exc, self.folder)}{why}") from None
            try:
                self._set_aside(damaged, inode)
            except sqlean.Error as again:  # making the new store in its place
                raise ClaimcheckError(f"store {self.path}: cannot make it: {_explain(again, self.folder)}") from None

    def _failure(self, exc) -> str:
        damaged = _damage(exc)
        if damaged:  # a damaged page found only now, deep inside: not set aside in the middle of a run
            return self._damaged(damaged)
        cause = _explain(exc, self.folder)
        if not self.create:
            return f"store {self.path}: {cause}"
        then = "free some space and" if "disk is full" in cause else "once that is fixed,"
        return (f"store {self.path}: {cause}; the store is as of its last commit: {then} run `claimcheck index` "
                f"again to go on from there")

    def _damaged(self, what: str) -> str:
        """The line for damage found in the middle of a run, where the store is not set aside."""
        return (f"store {self.path} is damaged ({what}): move it aside (mv {self.path} {self.path}.damaged) and run "
                f"`claimcheck index` on every article folder to build it again")

    def _set_aside(self, damaged: str, inode: int | None) -> None:
        self.close()
        if self.read_only:
            raise ClaimcheckError(f"store {self.path} is damaged ({damaged}); it is read-only ({self.read_only}), so "
                                  f"it was left where it is: run `claimcheck index` into a writable store")
        try:
            aside = set_aside(self.path, inode)
        except OSError as exc:
            raise ClaimcheckError(f"store {self.path} is damaged ({damaged}) and could not be moved aside: "
                                  f"{reason(exc)}") from None
        moved = f"moved it to {aside}" if aside else "another run has moved it aside"
        if not self.create:
            raise ClaimcheckError(f"store {self.path} is damaged ({damaged}); {moved}: run `claimcheck index` on "
                                  f"every article folder to build it again")
        warn(f"the corpus store {self.path} is damaged ({damaged}); {moved} and started a new one, which holds only "
             f"what this run indexes: index every article folder again")
        self._open()

    def _open(self) -> None:
        """Connect, switch to WAL (a check reads while an index writes) and make or upgrade the schema.

        Some of this needs the file to itself, and SQLite may answer "database is locked" at once instead of
        waiting when another run holds it (two `index` runs creating one store, or one recovering the WAL):
        so wait here, as the busy timeout does for every other statement.
        """
        import sqlean

        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            try:
                self._db = _connect(self.path, self._read_only_uri())
                self._prepare()
                # After the schema is seen to be ours: a file of another program is left exactly as it was.
                if self.read_only:
                    pass  # read as it is: it cannot be switched to WAL, nor need it be
                elif self._db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                    self._db.execute("PRAGMA journal_mode = WAL")
                if not self.create:  # from here on every read sees the store as it is now
                    self._db.execute("BEGIN")
                    self._db.execute("SELECT COUNT(*) FROM meta").fetchone()
                return
            except sqlean.OperationalError as exc:
                if self._db is not None:
                    self._db.close()
                    self._db = None
                if ("locked" not in str(exc) and "busy" not in str(exc)) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _read_only_uri(self) -> str | None:
        """How SQLite opens a store this user cannot write. In WAL mode a reader needs the -shm file beside
        the store and makes it when missing, which a read-only folder forbids; `immutable=1` reads the file
        without it (and without locks: nobody can write it). But a -wal file holding commits not yet folded
        in (an index killed, then the store made read-only), or a -shm file (a writer may be at work) must be
        read through: `mode=ro` does, with the -shm file that is there."""
        if not self.read_only:
            return None
        wal = Path(f"{self.path}-wal")
        if (wal.exists() and wal.stat().st_size) or Path(f"{self.path}-shm").exists():
            return "mode=ro"
        return "immutable=1"

    # -- schema ---------------------------------------------------------------------------------------
    def _prepare(self) -> None:
        db = self._db
        # Two runs creating one store at once: the second waits here, then sees the first's tables. A run that
        # only reads takes no write lock, so a check never waits for an index.
        db.execute("BEGIN IMMEDIATE" if self.create else "BEGIN")
        try:
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not tables and not self.create:
                raise ClaimcheckError(f"store {self.path} holds nothing yet (an empty file, as a run killed while "
                                      f"creating it leaves): run `claimcheck index` first")
            if not tables:
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
                db.execute("INSERT INTO meta VALUES ('indexed', '')")  # no index run has finished yet
            elif "meta" not in tables:
                raise ClaimcheckError(f"store {self.path}: this SQLite file is not a claimcheck store")
            version = self._meta("schema_version")
            if not (version or "").isdigit():
                raise _Damaged("no schema version in its meta table")
            version = int(version)
            if version > SCHEMA_VERSION:
                raise ClaimcheckError(
                    f"store {self.path} has schema version {version}, newer than this claimcheck reads "
                    f"({SCHEMA_VERSION}): upgrade claimcheck, or index into a new store with --store")
            while version < SCHEMA_VERSION:
                if self.read_only:
                    raise ClaimcheckError(
                        f"store {self.path} has schema version {version}, from an older claimcheck, and is read-only "
                        f"({self.read_only}): run `claimcheck index` on it once where it can be written")
                if version not in MIGRATIONS:
                    raise ClaimcheckError(
                        f"store {self.path} has schema version {version}, which this claimcheck cannot upgrade: "
                        f"move it aside and run `claimcheck index` again")
                for statement in MIGRATIONS[version]:
                    db.execute(statement)
                version += 1
                db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(version),))
            self._check_tables()
            db.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        """Undo the open transaction, if SQLite has not already: after a full disk or an I/O error it often
        has, and a second ROLLBACK's own error ("no transaction is active") would hide the real cause."""
        import sqlean

        if self._db is not None and self._db.in_transaction:
            try:
                self._db.execute("ROLLBACK")
            except sqlean.Error:
                pass  # closing the connection rolls back what is left

    @contextmanager
    def _writing(self):
        """One write transaction: all of it committed, or none of it."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
            self._db.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise

    def _check_tables(self) -> None:
        """Every table as this version makes it, and the vectors once the store holds any."""
        tables = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        vectors = dict.fromkeys(("vectors", *VEC_TABLES)) if self._meta("model") else {}
        wanted = {**_columns(), **vectors}
        missing = sorted(set(wanted) - tables)
        if missing:
            raise _Damaged(f"table {', '.join(missing)} missing")
        for table, columns in _columns().items():
            held = [row[1] for row in self._db.execute(f"PRAGMA table_info({table})")]
            if held != columns:
                raise _Damaged(f"table {table} has columns {', '.join(held)}, not {', '.join(columns)}")

    def _meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    @_reported
    def model(self) -> str | None:
        return self._meta("model")

    @_reported
    def mark_indexed(self) -> None:
        """An index run has finished: from now on the store is a corpus, even an empty one."""
        self._db.execute("INSERT INTO meta VALUES ('indexed', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                         (datetime.now(timezone.utc).isoformat(timespec="seconds"),))

    @_reported
    def index_finished(self) -> bool:
        """Whether an index run into this store has ever finished. A store whose first index was killed holds
        what it committed, or nothing, and must not pass for the corpus (an empty corpus finds no conflict).
        A store made before claimcheck kept this mark has no row: one holding articles was indexed; an empty
        one cannot tell a killed first index from an empty folder, and indexing again settles it."""
        mark = self._meta("indexed")
        if mark is None:
            return self._db.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is not None
        return mark != ""

    def _ensure_vectors(self, model: str, dim: int) -> None:
        """The vec0 table is made with the first vectors, when their length is known; the model is fixed then."""
        held = self._meta("model")
        if held is None:
            self._db.execute("INSERT INTO meta VALUES ('model', ?), ('dim', ?)", (model, str(dim)))
            self._db.execute(f"CREATE VIRTUAL TABLE vectors USING vec0(embedding float[{dim}] distance_metric=cosine)")
        elif vector_family(held) != vector_family(model):
            raise ClaimcheckError(f"store {self.path} was built with model {held!r}, not {model!r}: "
                                  f"use the same model, or index into a new store with --store")

    def _has_vectors(self) -> bool:
        return self._meta("model") is not None

    # -- reading --------------------------------------------------------------------------------------
    @_reported
    def articles(self) -> dict[str, StoredArticle]:
        rows = self._db.execute("SELECT id, path, content_hash FROM articles")
        return {path: StoredArticle(i, path, h) for i, path, h in rows}

    @_reported
    def counts(self) -> dict[str, int]:
        one = lambda sql: self._db.execute(sql).fetchone()[0]  # noqa: E731
        return {"articles": one("SELECT COUNT(*) FROM articles"), "claims": one("SELECT COUNT(*) FROM claims"),
                "embeddings": one("SELECT COUNT(*) FROM embeddings"),
                "clusters": one("SELECT COUNT(DISTINCT cluster) FROM claims")}

    @_reported
    def known_vectors(self, hashes: list[str]) -> dict[str, np.ndarray]:
        if not self._has_vectors() or not hashes:
            return {}
        found = {}
        for chunk in _chunks(list(dict.fromkeys(hashes))):
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT e.hash, v.embedding FROM embeddings e JOIN vectors v ON v.rowid = e.rowid"
                f" WHERE e.hash IN ({marks})", chunk)
            found.update((h, np.frombuffer(blob, dtype=np.float32)) for h, blob in rows)
        return found

    @_reported
    def neighbours(self, vectors: np.ndarray, k: int, min_similarity: float) -> list[list[Neighbour]]:
        """The nearest stored claims of each vector (sqlite-vec's index, not a scan in Python)."""
        if not self._has_vectors():
            return [[] for _ in range(len(vectors))]
        out = []
        for vec in np.asarray(vectors, dtype=np.float32):
            hits = self._db.execute("SELECT rowid, distance FROM vectors WHERE embedding MATCH ? AND k = ?",
                                    (vec.tobytes(), k)).fetchall()
            sims = {rowid: 1.0 - distance for rowid, distance in hits if 1.0 - distance >= min_similarity}
            out.append(self._claims_of_embeddings(sims))
        return out

    def max_k(self) -> int:
        return MAX_K

    @_reported
    def nearest_embeddings(self, embedding_ids: list[int], k: int) -> list[list[tuple[int, float]]]:
        """The k nearest stored texts of each stored text, itself among them (sqlite-vec: exact)."""
        if not self._has_vectors():
            return [[] for _ in embedding_ids]
        out = []
        for emb in embedding_ids:
            row = self._db.execute("SELECT embedding FROM vectors WHERE rowid = ?", (int(emb),)).fetchone()
            if row is None:
                out.append([])
                continue
            hits = self._db.execute("SELECT rowid, distance FROM vectors WHERE embedding MATCH ? AND k = ?",
                                    (row[0], min(k, MAX_K))).fetchall()
            out.append([(rowid, 1.0 - distance) for rowid, distance in hits])
        return out

    def _claims_of_embeddings(self, sims: dict[int, float]) -> list[Neighbour]:
        if not sims:
            return []
        marks = ",".join("?" * len(sims))
        rows = self._db.execute(
            f"SELECT c.rowid, a.id, c.cluster, c.embedding FROM claims c JOIN articles a ON a.rowid = c.article"
            f" WHERE c.embedding IN ({marks})", list(sims))
        return sorted((Neighbour(cid, aid, cluster, sims[emb]) for cid, aid, cluster, emb in rows),
                      key=lambda n: (-n.similarity, n.claim))

    @_reported
    def claims_with_keys(self, keys: list[str], limit_per_key: int = 500) -> list[Neighbour]:
        out: dict[int, Neighbour] = {}
        for key in sorted(set(keys)):
            rows = self._db.execute(
                "SELECT c.rowid, a.id, c.cluster FROM claim_keys k JOIN claims c ON c.rowid = k.claim"
                " JOIN articles a ON a.rowid = c.article WHERE k.key = ? ORDER BY c.rowid DESC LIMIT ?",
                (key, limit_per_key))
            for cid, aid, cluster in rows:
                out.setdefault(cid, Neighbour(cid, aid, cluster, 0.0))
        return list(out.values())

    @_reported
    def cluster_members(self, clusters: list[int], limit: int) -> list[Neighbour]:
        out = []
        for cluster in sorted(set(clusters)):
            rows = self._db.execute(
                "SELECT c.rowid, a.id FROM claims c JOIN articles a ON a.rowid = c.article WHERE c.cluster = ?"
                " ORDER BY c.rowid DESC LIMIT ?", (cluster, limit))
            out += [Neighbour(cid, aid, cluster, 0.0) for cid, aid in rows]
        return out

    @_reported
    def published(self, article_ids: list[str]) -> dict[str, date | None]:
        out: dict[str, date | None] = {}
        for chunk in _chunks(sorted(set(article_ids))):
            marks = ",".join("?" * len(chunk))
            for aid, day in self._db.execute(f"SELECT id, published FROM articles WHERE id IN ({marks})", chunk):
                out[aid] = date.fromisoformat(day) if day else None
        return out

    @_reported
    def event_keys(self, article_ids: list[str]) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {a: set() for a in article_ids}
        for chunk in _chunks(sorted(set(article_ids))):
            marks = ",".join("?" * len(chunk))
            for aid, key in self._db.execute(
                    f"SELECT a.id, k.key FROM article_keys k JOIN articles a ON a.rowid = k.article WHERE a.id IN ({marks})",
                    chunk):
                out[aid].add(key)
        return out

    @_reported
    def key_frequency(self, keys: list[str]) -> dict[str, int]:
        """In how many stored articles each name occurs: a name most of the corpus uses tells events apart poorly."""
        out = {k: 0 for k in keys}
        for chunk in _chunks(sorted(set(keys))):
            marks = ",".join("?" * len(chunk))
            out.update(self._db.execute(
                f"SELECT key, COUNT(DISTINCT article) FROM article_keys WHERE key IN ({marks}) GROUP BY key", chunk))
        return out

    @_reported
    def load(self, article_ids: list[str], claim_ids: list[int] = ()) -> Loaded:
        """Records, claims (in article order), their vectors and spaCy docs: every claim of `article_ids`, and
        of other articles only the claims in `claim_ids`."""
        from claimcheck.extract.nlp import docs_from_bytes

        whole = set(article_ids)
        some = sorted(set(claim_ids))
        owners = {aid for chunk in _chunks(some) for (aid,) in self._db.execute(
            f"SELECT DISTINCT a.id FROM claims c JOIN articles a ON a.rowid = c.article"
            f" WHERE c.rowid IN ({','.join('?' * len(chunk))})", chunk)}
        articles, claims, embedding_ids, docs = [], [], [], {}
        for chunk in _chunks(sorted(whole | owners)):
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT rowid, id, record, docs FROM articles WHERE id IN ({marks}) ORDER BY id", chunk)
            for rowid, aid, record, blob in rows.fetchall():
                articles.append(loads(Article, record))
                if blob:
                    docs.update(docs_from_bytes(blob))
                wanted = None if aid in whole else set(some)
                for cid, emb, claim in self._db.execute(
                        "SELECT rowid, embedding, record FROM claims WHERE article = ? ORDER BY idx", (rowid,)):
                    if wanted is None or cid in wanted:
                        claims.append(loads(Claim, claim))
                        embedding_ids.append(emb)
        vectors = self._vectors(embedding_ids)
        return Loaded(tuple(articles), tuple(claims), vectors, docs, tuple(embedding_ids))

    def _vectors(self, embedding_ids: list[int]) -> np.ndarray:
        dim = int(self._meta("dim") or 0)
        by_id = {}
        for chunk in _chunks(list(dict.fromkeys(embedding_ids))):
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT rowid, embedding FROM vectors WHERE rowid IN ({marks})", chunk)
            by_id.update((r, np.frombuffer(blob, dtype=np.float32)) for r, blob in rows)
        if not embedding_ids:
            return np.zeros((0, dim), dtype=np.float32)
        lost = next((i for i in embedding_ids if i not in by_id or len(by_id[i]) != dim), None)
        if lost is not None:  # every claim's text has a vector, of the store's length, unless the file is damaged
            raise _Damaged(f"the vector of stored text {lost} is missing or the wrong length")
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
        with self._writing():
            if dim is not None:
                self._ensure_vectors(model, dim)
            elif self._meta("model") not in (None, model):
                self._ensure_vectors(model, 0)  # raises: another model built this store
            labels = self._nearest_clusters(items, cluster_threshold)
            start = 0
            for article, claims, vectors, doc_bytes in items:
                clusters = labels[start : start + len(claims)]
                start += len(claims)
                outcomes.append((article.path, self._add_one(article, claims, vectors, doc_bytes, clusters)))
        return outcomes

    def _nearest_clusters(self, items, threshold: float):
        """For every new claim, the cluster of its nearest stored or earlier new claim within `threshold`
        (cosine distance), or a cluster of its own. One pass over the stored vectors per batch."""
        # An article with no factual sentence (only questions or headings) brings no vectors: (0,) cannot be
        # reshaped to (0, -1), so it is left out here; it is still added, with no claims.
        blocks = [np.asarray(v, dtype=np.float32).reshape(len(c), -1) for _, c, v, _ in items if len(c)]
        if not blocks:
            return []
        new = np.concatenate(blocks)
        best = np.full(len(new), -1.0, dtype=np.float32)
        best_emb = np.full(len(new), -1, dtype=np.int64)
        if self._has_vectors():
            # Chunked so memory stays bounded however large the corpus grows.
            last = 0
            while True:
                rows = self._db.execute("SELECT rowid, embedding FROM vectors WHERE rowid > ? ORDER BY rowid LIMIT 20000",
                                        (last,)).fetchall()
                if not rows:
                    break
                last = rows[-1][0]
                ids = np.array([r for r, _ in rows])
                mat = np.stack([np.frombuffer(b, dtype=np.float32) for _, b in rows])
                sims = new @ mat.T
                top = sims.argmax(axis=1)
                top_sims = sims[np.arange(len(new)), top]
                better = top_sims > best
                best[better] = top_sims[better]
                best_emb[better] = ids[top][better]
        cluster_of_emb = {}
        if (best_emb >= 0).any():
            wanted = sorted({int(e) for e in best_emb[best_emb >= 0]})
            for chunk in _chunks(wanted):
                marks = ",".join("?" * len(chunk))
                cluster_of_emb.update(self._db.execute(
                    f"SELECT embedding, MIN(cluster) FROM claims WHERE embedding IN ({marks}) GROUP BY embedding", chunk))
        next_cluster = (self._db.execute("SELECT COALESCE(MAX(cluster), 0) FROM claims").fetchone()[0]) + 1
        return assign_clusters(new, best, best_emb, cluster_of_emb, next_cluster, threshold)

    def _add_one(self, article: Article, claims: list[Claim], vectors, doc_bytes, clusters: list[int]) -> str:
        db = self._db
        path = article.path
        same = db.execute("SELECT content_hash FROM articles WHERE path = ?", (path,)).fetchone()
        if same and same[0] == article.content_hash:
            return "already indexed"
        twin = db.execute("SELECT path FROM articles WHERE content_hash = ?", (article.content_hash,)).fetchone()
        if twin and twin[0] != path:
            return f"duplicate of {twin[0]}"
        outcome = "added"
        if same:
            self._delete_paths([path])
            outcome = "replaced"
        article_id = unique_id(article.id, lambda c: db.execute("SELECT 1 FROM articles WHERE id = ?", (c,)).fetchone())
        record = Article(article_id, path, article.source, "", article.content_hash, article.published,
                         article.title, article.url)
        cur = db.execute("INSERT INTO articles (id, path, content_hash, published, record, docs, indexed_at)"
                         " VALUES (?,?,?,?,?,?,?)",
                         (article_id, path, article.content_hash,
                          article.published.isoformat() if article.published else None, dumps(record), doc_bytes,
                          datetime.now(timezone.utc).isoformat(timespec="seconds")))
        article_row = cur.lastrowid
        db.executemany("INSERT INTO article_keys (article, key) VALUES (?, ?)",
                       [(article_row, key) for key in sorted(event_keys(claims))])
        for idx, (claim, vec, cluster) in enumerate(zip(claims, vectors, clusters)):
            claim = replace(claim, sentence=replace(claim.sentence, article_id=article_id))
            h = text_hash(claim.sentence.text)
            row = db.execute("SELECT rowid FROM embeddings WHERE hash = ?", (h,)).fetchone()
            if row:
                emb = row[0]
            else:
                emb = db.execute("INSERT INTO embeddings (hash) VALUES (?)", (h,)).lastrowid
                db.execute("INSERT INTO vectors (rowid, embedding) VALUES (?, ?)",
                           (emb, np.asarray(vec, dtype=np.float32).tobytes()))
            claim_row = db.execute("INSERT INTO claims (article, idx, embedding, cluster, record) VALUES (?,?,?,?,?)",
                                   (article_row, idx, emb, cluster, dumps(claim))).lastrowid
            db.executemany("INSERT INTO claim_keys (claim, key) VALUES (?, ?)",
                           [(claim_row, key) for key in sorted(lookup_keys(claim))])
        return outcome

    @_reported
    def drop_articles(self, paths: list[str]) -> int:
        if not paths:
            return 0
        with self._writing():
            return self._delete_paths(paths)

    def _delete_paths(self, paths: list[str]) -> int:
        db = self._db
        dropped = 0
        for path in paths:
            dropped += db.execute("DELETE FROM articles WHERE path = ?", (path,)).rowcount
        # Vectors no other claim uses go too; vec0 is a virtual table, so no cascade reaches it.
        orphans = [r for (r,) in db.execute(
            "SELECT rowid FROM embeddings WHERE rowid NOT IN (SELECT embedding FROM claims)")]
        for chunk in _chunks(orphans):
            marks = ",".join("?" * len(chunk))
            db.execute(f"DELETE FROM vectors WHERE rowid IN ({marks})", chunk)
            db.execute(f"DELETE FROM embeddings WHERE rowid IN ({marks})", chunk)
        return dropped

    @_reported
    def rename_article(self, old_path: str, new_path: str) -> None:
        self._db.execute("UPDATE articles SET path = ?, record = json_set(record, '$.path', ?) WHERE path = ?",
                         (new_path, new_path, old_path))

    @_reported
    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def _chunks(items: list, size: int = 500):
    # SQLite limits bound parameters per statement
    for i in range(0, len(items), size):
        yield items[i : i + size]
