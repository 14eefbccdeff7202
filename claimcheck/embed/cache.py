"""An on-disk embedding cache keyed by model and text hash, in SQLite.

SQLite gives atomic commits (a killed run leaves the cache as it was before its last commit) and safe
concurrent use by two runs at once; WAL mode lets readers go on while one run writes. A damaged cache
file (not a database, truncated, another schema, a page that cannot be read) is renamed aside with a
warning and a new cache started: its vectors can always be computed again.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
import time
from pathlib import Path

import numpy as np

from claimcheck.errors import reason
from claimcheck.runner_safe import log_line

SCHEMA_VERSION = 1
COLUMNS = ["model", "hash", "dim", "vec"]
_CORRUPT, _NOTADB = 11, 26  # SQLite's primary result codes for a damaged file


def damage(exc: Exception) -> str | None:
    """What is wrong with the file, when an sqlite3 (or sqlean) error says it is damaged, not busy or missing."""
    code = getattr(exc, "sqlite_errorcode", None)
    return str(exc) if code is not None and code & 0xFF in (_CORRUPT, _NOTADB) else None


def set_aside(path: Path, inode: int | None = None) -> Path | None:
    """Rename a damaged file, with SQLite's -wal and -shm files beside it, to PATH.damaged-TIME: never
    deleted, never over another file. None when it is no longer there, or (given the inode of the damaged
    file) when another run has already set it aside and put a new file in its place."""
    path = Path(path)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside, n = path.with_name(f"{path.name}.damaged-{stamp}"), 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    try:
        if inode is not None and path.stat().st_ino != inode:
            return None
        os.rename(path, aside)
    except FileNotFoundError:
        return None
    for suffix in ("-wal", "-shm"):  # a new file must not pick up the old one's log
        try:
            os.rename(f"{path}{suffix}", f"{aside}{suffix}")
        except FileNotFoundError:
            pass
    return aside


def warn(message: str) -> None:
    print(log_line(f"warning: {message}"), file=sys.stderr)  # one line, no CI runner command in a path


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def default_cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("claimcheck"))


class EmbeddingCache:
    """Vectors by (model key, sha256 of text). `None` as folder means no cache at all.

    The cache only saves time, so a cache that cannot be made, read or written (a full disk, a read-only
    folder, a file where its folder should be) never stops a run: one warning, and the run goes on
    without it, or without writing to it."""

    def __init__(self, folder: Path | None):
        self._db = None
        self.path = None
        self._writable = True
        if folder is None:
            return
        self.path = folder / f"embeddings-v{SCHEMA_VERSION}.sqlite3"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            try:
                self._connect()
            except sqlite3.DatabaseError as exc:
                if not damage(exc):
                    raise
                self._start_again(damage(exc))
            except _WrongSchema as exc:
                self._start_again(str(exc))
        except (OSError, sqlite3.Error) as exc:
            self.close()
            warn(f"the embedding cache {self.path} cannot be used ({reason(exc)}); going on without it")

    def _connect(self) -> None:
        # Two runs creating one new cache at once can meet a lock SQLite reports at once instead of waiting
        # for (switching a new file to WAL, or a snapshot gone stale): the second one tries again shortly.
        for wait in (0.05, 0.1, 0.2, 0.4, 0.8, None):
            try:
                return self._connect_once()
            except sqlite3.OperationalError as exc:
                if wait is None or "locked" not in str(exc):
                    raise
                time.sleep(wait)

    def _connect_once(self) -> None:
        self._inode = self.path.stat().st_ino if self.path.exists() else None
        self._db = sqlite3.connect(self.path, timeout=60)
        try:
            # Looked at before anything is written to it: a file of another kind is set aside as it was.
            tables = [name for (name,) in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            columns = [row[1] for row in self._db.execute("PRAGMA table_info(vectors)")]
            if set(tables) - {"vectors"} or (tables and columns != COLUMNS):
                raise _WrongSchema(f"it holds tables {', '.join(sorted(tables))}, vectors with columns "
                                   f"{', '.join(columns) or 'none'}")
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS vectors (model TEXT NOT NULL, hash TEXT NOT NULL, dim INTEGER NOT NULL,"
                " vec BLOB NOT NULL, PRIMARY KEY (model, hash))"
            )
            self._db.commit()
        except BaseException:
            self.close()
            raise
        if self._inode is None:
            self._inode = self.path.stat().st_ino

    def _start_again(self, damaged: str) -> None:
        """Set the damaged file aside, say so, and open a new cache in its place."""
        self.close()
        aside = set_aside(self.path, self._inode)
        if aside is not None:
            warn(f"the embedding cache {self.path} is damaged ({damaged}); moved it to {aside} and started a new one")
        self._connect()  # a run that got there first has made the new file already: use it

    def get_many(self, model: str, hashes: list[str]) -> dict[str, np.ndarray]:
        if self._db is None or not hashes:
            return {}
        try:
            return self._get_many(model, hashes)
        except sqlite3.Error as exc:
            if not damage(exc):  # an I/O error: what cannot be read is computed again
                self.close()
                warn(f"the embedding cache {self.path} cannot be read ({reason(exc)}); going on without it")
                return {}
            try:  # a damaged page found only now
                self._start_again(damage(exc))
            except (OSError, sqlite3.Error) as again:
                self.close()
                warn(f"the embedding cache {self.path} cannot be used ({reason(again)}); going on without it")
            return {}

    def _get_many(self, model: str, hashes: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for i in range(0, len(hashes), 500):  # stay under SQLite's limit on bound parameters
            chunk = hashes[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT hash, dim, vec FROM vectors WHERE model = ? AND hash IN ({marks})", [model, *chunk]
            )
            for h, dim, blob in rows:
                vec = np.frombuffer(blob, dtype=np.float32)
                if vec.shape == (dim,):
                    found[h] = vec
        return found

    def put_many(self, model: str, items: dict[str, np.ndarray]) -> None:
        if self._db is None or not self._writable or not items:
            return
        try:
            try:
                self._put_many(model, items)
            except sqlite3.DatabaseError as exc:
                if not damage(exc):
                    raise
                self._start_again(damage(exc))
                self._put_many(model, items)
        except (OSError, sqlite3.Error) as exc:  # a full disk, most likely: what was cached stays readable
            self._writable = False
            warn(f"the embedding cache {self.path} cannot be written ({reason(exc)}); going on without "
                 f"caching what this run embeds")

    def _put_many(self, model: str, items: dict[str, np.ndarray]) -> None:
        with self._db:  # one transaction: all of them or none
            self._db.executemany(
                "INSERT OR REPLACE INTO vectors (model, hash, dim, vec) VALUES (?, ?, ?, ?)",
                [(model, h, int(v.shape[0]), np.asarray(v, dtype=np.float32).tobytes()) for h, v in items.items()],
            )

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


class _WrongSchema(Exception):
    """A valid SQLite file that is not an embedding cache of this version."""


class LayeredCache:
    """Look in each layer in turn (the corpus store, then the user cache); new vectors go to the writable
    layers only. Same interface as EmbeddingCache, so `embed_texts` needs no second path."""

    def __init__(self, *layers):
        self._layers = layers

    def get_many(self, model: str, hashes: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for layer in self._layers:
            missing = [h for h in hashes if h not in found]
            if not missing:
                break
            found.update(layer.get_many(model, missing))
        return found

    def put_many(self, model: str, items: dict[str, np.ndarray]) -> None:
        for layer in self._layers:
            layer.put_many(model, items)
