"""Vectors for the nearest-neighbour benchmark, the exact answer to compare an index with, and the figures
printed about both.

Two kinds, both unit vectors of the embedding model's length (384), both the same for the same arguments:
- "random": uniform on the sphere. The hardest case for HNSW: every point is about equally far from every
  other (cosine near 0), so the graph has no neighbourhoods to follow.
- "clustered": CENTRES random centres, each point a centre plus gaussian noise, normalised. Sentence
  embeddings look more like this: sentences about one thing sit together, unrelated ones near cosine 0.
Queries are new points of the same kind (another seed), not points of the set.
- "corpus": the real model's vectors of the distinct sentences of an indexed corpus (read from its SQLite
  store), HOLDOUT of them (chosen by the seed) kept out of the set as the queries.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

DIM = 384  # all-MiniLM-L6-v2, the bundled model
CENTRES = 1000
NOISE = 1.0  # length of a point's noise against its unit centre: cosine to the centre about 0.7, to a
#              point of the same centre about 0.5, to any other about 0
CHUNK = 100_000
HOLDOUT = 1000  # corpus vectors kept out of the set: queries and warm-up queries


@dataclass(frozen=True)
class VectorSet:
    kind: str  # "random" or "clustered"
    size: int
    dim: int = DIM
    seed: int = 0
    source: Path | None = None  # "corpus": the folder of the SQLite store the vectors come from

    @property
    def name(self) -> str:
        return f"{self.kind}_{self.size}"

    def vectors(self) -> np.ndarray:
        """The whole set, float32, one unit vector a row (1.5 GB at a million)."""
        if self.kind == "corpus":
            return _stored(self.source, self.seed)[HOLDOUT:]
        return _points(self.kind, self.size, self.dim, self.seed, self.seed)

    def queries(self, n: int) -> np.ndarray:
        if self.kind == "corpus":
            if n > HOLDOUT:
                raise ValueError(f"at most {HOLDOUT} queries of corpus vectors")
            return _stored(self.source, self.seed)[:n]
        return _points(self.kind, n, self.dim, self.seed, self.seed + 1_000_003)


def corpus_set(store_folder: Path, seed: int = 0) -> VectorSet | None:
    """The vectors of the corpus store in `store_folder` as a set, or None when it has too few."""
    stored = _stored(store_folder, seed)
    if len(stored) <= 2 * HOLDOUT:
        return None
    return VectorSet("corpus", len(stored) - HOLDOUT, stored.shape[1], seed, store_folder)


@lru_cache(maxsize=1)
def _stored(store_folder: Path, seed: int) -> np.ndarray:
    """Every vector of a SQLite store (one per distinct sentence), normalised, in an order the seed shuffles."""
    import sqlean
    import sqlite_vec

    from claimcheck.store import store_file

    db = sqlean.connect(f"file:{store_file(store_folder)}?mode=ro", uri=True)
    db.enable_load_extension(True)
    sqlite_vec.load(db)
    try:
        blobs = [blob for (blob,) in db.execute("SELECT embedding FROM vectors ORDER BY rowid")]
    finally:
        db.close()
    vectors = np.frombuffer(b"".join(blobs), dtype=np.float32).reshape(len(blobs), -1)
    return _unit(vectors[np.random.default_rng(seed).permutation(len(vectors))])


def _points(kind: str, n: int, dim: int, centre_seed: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    out = np.empty((n, dim), dtype=np.float32)
    centres = _unit(np.random.default_rng(centre_seed + 7).standard_normal((CENTRES, dim), dtype=np.float32))
    for start in range(0, n, CHUNK):  # in chunks: the float64 temporaries of a million rows would be 3 GB
        size = min(CHUNK, n - start)
        block = rng.standard_normal((size, dim), dtype=np.float32)
        if kind == "clustered":
            block = centres[rng.integers(0, CENTRES, size)] + block * np.float32(NOISE / np.sqrt(dim))
        elif kind != "random":
            raise ValueError(f"unknown vector kind {kind!r}")
        out[start : start + size] = _unit(block)
    return out


def _unit(block: np.ndarray) -> np.ndarray:
    return block / np.linalg.norm(block, axis=1, keepdims=True)


def exact_neighbours(vectors: np.ndarray, queries: np.ndarray, k: int) -> np.ndarray:
    """Row numbers of each query's k nearest vectors by cosine (numpy brute force), nearest first."""
    best_sim = np.full((len(queries), 0), -np.inf, dtype=np.float32)
    best_row = np.zeros((len(queries), 0), dtype=np.int64)
    for start in range(0, len(vectors), CHUNK):
        sims = queries @ vectors[start : start + CHUNK].T
        take = min(k, sims.shape[1])
        part = np.argpartition(-sims, take - 1, axis=1)[:, :take]
        best_sim = np.concatenate([best_sim, np.take_along_axis(sims, part, axis=1)], axis=1)
        best_row = np.concatenate([best_row, part + start], axis=1)
        keep = np.argsort(-best_sim, axis=1, kind="stable")[:, :k]
        best_sim = np.take_along_axis(best_sim, keep, axis=1)
        best_row = np.take_along_axis(best_row, keep, axis=1)
    return best_row


def recall(found: list[list[int]], exact: np.ndarray, k: int) -> float:
    """The share of the exact k nearest that the index returned, over all queries."""
    hits = sum(len(set(f[:k]) & set(e[:k].tolist())) for f, e in zip(found, exact))
    return hits / (k * len(exact))


@dataclass(frozen=True)
class Latency:
    median_ms: float
    p95_ms: float

    @classmethod
    def of(cls, seconds: list[float]) -> Latency:
        ms = np.asarray(seconds) * 1000.0
        return cls(float(np.median(ms)), float(np.percentile(ms, 95)))
