"""An on-disk embedding cache keyed by model and text hash, in SQLite.

SQLite gives atomic commits (a killed run leaves the cache as it was before its last commit) and safe
concurrent use by two runs at once; WAL mode lets readers go on while one run writes.
"""
from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import numpy as np

SCHEMA_VERSION = 1


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def default_cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("claimcheck"))


class EmbeddingCache:
    """Vectors by (model key, sha256 of text). `None` as folder means no cache at all."""

    def __init__(self, folder: Path | None):
        self._db = None
        if folder is None:
            return
        folder.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(folder / f"embeddings-v{SCHEMA_VERSION}.sqlite3", timeout=60)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS vectors (model TEXT NOT NULL, hash TEXT NOT NULL, dim INTEGER NOT NULL,"
            " vec BLOB NOT NULL, PRIMARY KEY (model, hash))"
        )
        self._db.commit()

    def get_many(self, model: str, hashes: list[str]) -> dict[str, np.ndarray]:
        if self._db is None or not hashes:
            return {}
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
        if self._db is None or not items:
            return
        with self._db:  # one transaction: all of them or none
            self._db.executemany(
                "INSERT OR REPLACE INTO vectors (model, hash, dim, vec) VALUES (?, ?, ?, ?)",
                [(model, h, int(v.shape[0]), np.asarray(v, dtype=np.float32).tobytes()) for h, v in items.items()],
            )

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


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
