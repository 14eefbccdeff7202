"""Candidate pairs of claims from a vector index, for a corpus too large for any matrix of similarities.

Over the files of one run, clustering and the comparators find their pairs themselves (`embed.neighbours`:
exact up to a few thousand sentences, blocked above). Over a whole store they take them from the store's
own vector index instead (sqlite-vec, or pgvector's HNSW), once for every stage: each stored text asks
the index for its neighbours at or above `floor` (the lowest similarity any stage pairs at), with no fixed
number of partners. The index is asked for `START_K` first and for twice as many while all that came back
were above the floor, up to the most the index answers at once (`Store.max_k`).

What stays approximate: an HNSW index may miss a neighbour (pgvector's recall is measured in
benchmarks/scale.py), and a text with more than `max_k` neighbours above the floor keeps its `max_k`
nearest.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

START_K = 32  # neighbours asked for first; most texts have fewer above the floor
_SLACK = 1e-4  # as in embed.neighbours: callers re-check with their own arithmetic


@dataclass(frozen=True)
class Candidates:
    """Pairs (first < second, sorted) of rows of the claims they were found for, with their cosine: every
    pair at or above `floor` that the index returned. Rows that share one text pair with similarity 1."""

    first: np.ndarray  # int64
    second: np.ndarray  # int64
    sims: np.ndarray  # float32
    n: int  # rows
    floor: float
    capped: int = 0  # texts that had more than the index's most neighbours above the floor

    def among(self, rows, min_similarity: float, queries=None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """`embed.neighbours.scored_pairs(vectors[rows], min_similarity, queries)`, from these pairs: positions
        (i < j) in `rows` whose rows are a candidate pair (or one row given twice), sorted, with similarities."""
        if min_similarity < self.floor - _SLACK:
            raise ValueError(f"candidates hold pairs from {self.floor}, not {min_similarity}")
        rows = np.asarray(rows, dtype=np.int64)
        if len(rows) < 2:
            return _empty()
        order = np.argsort(rows, kind="stable")
        by_row = rows[order]
        present = np.zeros(self.n, dtype=bool)
        present[rows] = True
        keep = present[self.first] & present[self.second] & (self.sims >= min_similarity - _SLACK)
        f, s, v = self.first[keep], self.second[keep], self.sims[keep]
        # Every position of the first row against every position of the second.
        fa, fb = np.searchsorted(by_row, f, "left"), np.searchsorted(by_row, f, "right")
        sa, sb = np.searchsorted(by_row, s, "left"), np.searchsorted(by_row, s, "right")
        a, b, sims = _cross(fa, fb - fa, sa, sb - sa, v)
        # A row given more than once (several figures of one sentence) pairs with itself.
        starts = np.nonzero(np.r_[True, by_row[1:] != by_row[:-1]])[0]
        counts = np.diff(np.r_[starts, len(by_row)])
        many = counts > 1
        if many.any():
            sa2, sb2, ss2 = _within(starts[many], counts[many])
            a, b, sims = np.r_[a, sa2], np.r_[b, sb2], np.r_[sims, ss2]
        pa, pb = order[a], order[b]
        first, second = np.minimum(pa, pb), np.maximum(pa, pb)
        if queries is not None:
            asked = np.zeros(len(rows), dtype=bool)
            asked[np.fromiter(queries, dtype=np.int64)] = True
            hit = asked[first] | asked[second]
            first, second, sims = first[hit], second[hit], sims[hit]
        if not len(first):
            return _empty()
        key = first * len(rows) + second
        _, index = np.unique(key, return_index=True)
        return first[index], second[index], sims[index].astype(np.float32)


def _empty():
    return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32)


def _cross(a_start, a_count, b_start, b_count, sims):
    """(a, b, sim) for every a in a_start[k]..+a_count[k] and b in b_start[k]..+b_count[k], for each k."""
    per = a_count * b_count
    k = np.repeat(np.arange(len(per)), per)
    within = np.arange(int(per.sum())) - np.repeat(np.cumsum(per) - per, per)
    a = a_start[k] + within // np.maximum(b_count[k], 1)
    b = b_start[k] + within % np.maximum(b_count[k], 1)
    return a.astype(np.int64), b.astype(np.int64), sims[k].astype(np.float32)


def _within(starts, counts):
    """Every pair of positions inside each run starts[k]..+counts[k], with similarity 1."""
    a, b = [], []
    for start, count in zip(starts.tolist(), counts.tolist()):
        i, j = np.triu_indices(count, 1)
        a.append(start + i)
        b.append(start + j)
    a, b = np.concatenate(a).astype(np.int64), np.concatenate(b).astype(np.int64)
    return a, b, np.ones(len(a), dtype=np.float32)


def from_store(store, embedding_ids, floor: float, start_k: int = START_K, progress=None) -> Candidates:
    """Candidate pairs of claims whose texts are `embedding_ids` (one per claim, as `Store.load` gives them),
    from the store's vector index, at or above `floor`."""
    ids = np.asarray(embedding_ids, dtype=np.int64)
    distinct, inverse = np.unique(ids, return_inverse=True)
    limit = store.max_k()
    pairs: dict[tuple[int, int], float] = {}
    capped = 0
    pending = distinct.tolist()
    k = min(start_k, limit)
    while pending:
        again = []
        for emb, hits in zip(pending, store.nearest_embeddings(pending, k)):
            above = [(other, sim) for other, sim in hits if sim >= floor - _SLACK]
            if len(hits) >= k and len(above) == len(hits) and k < limit:
                again.append(emb)  # all k were above the floor: there may be more
                continue
            if len(hits) >= k and len(above) == len(hits):
                capped += 1
            for other, sim in above:
                if other != emb:
                    key = (min(emb, other), max(emb, other))
                    pairs[key] = max(pairs.get(key, -1.0), sim)
            if progress:
                progress(1)
        pending, k = again, min(k * 2, limit)
    # Texts -> rows: each pair of texts gives every pair of their rows; rows of one text pair with each other.
    rows_of = np.argsort(inverse, kind="stable")
    starts = np.searchsorted(inverse[rows_of], np.arange(len(distinct) + 1))
    position = {int(e): i for i, e in enumerate(distinct.tolist())}
    firsts, seconds, sims = [], [], []
    for (x, y), sim in pairs.items():
        if x not in position or y not in position:
            continue  # a neighbour outside the claims asked about
        px, py = position[x], position[y]
        for a in rows_of[starts[px]: starts[px + 1]].tolist():
            for b in rows_of[starts[py]: starts[py + 1]].tolist():
                firsts.append(min(a, b))
                seconds.append(max(a, b))
                sims.append(sim)
    for d in range(len(distinct)):
        same = rows_of[starts[d]: starts[d + 1]].tolist()
        for i, a in enumerate(same):
            for b in same[i + 1:]:
                firsts.append(min(a, b))
                seconds.append(max(a, b))
                sims.append(1.0)
    first, second = np.asarray(firsts, dtype=np.int64), np.asarray(seconds, dtype=np.int64)
    sim = np.asarray(sims, dtype=np.float32)
    n = len(ids)
    if len(first):
        _, index = np.unique(first * n + second, return_index=True)
        first, second, sim = first[index], second[index], sim[index]
    return Candidates(first, second, sim, n, floor, capped)
