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

from claimcheck.embed.neighbours import expand_pairs

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
        present = np.zeros(self.n, dtype=bool)
        present[rows] = True
        keep = present[self.first] & present[self.second] & (self.sims >= min_similarity - _SLACK)
        f, s, v = self.first[keep], self.second[keep], self.sims[keep]
        # Every position of the first row against every position of the second; a row given more than once
        # (several figures of one sentence) also pairs with itself.
        distinct, inverse = np.unique(rows, return_inverse=True)
        first, second, sims = _members_paired(np.searchsorted(distinct, f), np.searchsorted(distinct, s), v, inverse,
                                              len(distinct))
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


def _members_paired(fx, fy, sims, inverse: np.ndarray, groups: int):
    """Pairs of groups (fx, fy, with their similarities) as pairs of members (first < second): every member of
    one against every member of the other, and the members of one group with each other at similarity 1.
    Group d's members are the indices where `inverse` is d."""
    members, starts, count = _groups(inverse, groups)
    a, b = expand_pairs(fx, fy, members, starts, count)
    same_a, same_b = _within(members, starts)
    a, b = np.r_[a, same_a].astype(np.int64), np.r_[b, same_b].astype(np.int64)
    sims = np.r_[np.repeat(sims, count[fx] * count[fy]), np.ones(len(same_a))].astype(np.float32)
    return np.minimum(a, b), np.maximum(a, b), sims


def _groups(inverse: np.ndarray, groups: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Indices grouped by their value in `inverse`: group d is members[starts[d]:starts[d + 1]], count[d] long."""
    members = np.argsort(inverse, kind="stable")
    starts = np.searchsorted(inverse[members], np.arange(groups + 1))
    return members, starts, np.diff(starts)


def _within(members: np.ndarray, starts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every pair of members inside each group."""
    a, b = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
    for d in np.nonzero(np.diff(starts) > 1)[0].tolist():
        i, j = np.triu_indices(int(starts[d + 1] - starts[d]), 1)
        a.append(members[starts[d] + i])
        b.append(members[starts[d] + j])
    return np.concatenate(a).astype(np.int64), np.concatenate(b).astype(np.int64)


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
    x = np.fromiter((x for x, _ in pairs), dtype=np.int64, count=len(pairs))
    y = np.fromiter((y for _, y in pairs), dtype=np.int64, count=len(pairs))
    sim_of = np.fromiter(pairs.values(), dtype=np.float32, count=len(pairs))
    inside = np.isin(x, distinct) & np.isin(y, distinct)  # a neighbour outside the claims asked about is left out
    fx, fy, sim_of = np.searchsorted(distinct, x[inside]), np.searchsorted(distinct, y[inside]), sim_of[inside]
    first, second, sim = _members_paired(fx, fy, sim_of, inverse, len(distinct))
    n = len(ids)
    if len(first):
        _, index = np.unique(first * n + second, return_index=True)
        first, second, sim = first[index], second[index], sim[index]
    return Candidates(first, second, sim, n, floor, capped)
