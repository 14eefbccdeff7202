"""Which embedded sentences are near each other, without an n-by-n similarity matrix in memory.

Clustering and every comparator only ever look at pairs of sentences above some cosine similarity, so
they ask for those pairs here instead of looping over all pairs. Up to `EXACT_LIMIT` rows the pairs are
exact: the similarity matrix is computed a block of rows at a time and thresholded. Beyond that they are
approximate, by blocking: k-means cuts the vectors into cells of about `CELL_SIZE` rows, each row joins
its `PROBES` nearest cells, and only rows sharing a cell are compared, so the work grows with n times the
cell size instead of n squared. Pairs of similar sentences almost always share a cell (they are close to
the same centroids); what blocking misses is mostly pairs near the lowest thresholds. In approximate mode
each row also keeps at most `LIMIT` partners, its most similar ones, because thousands of near-identical
template sentences would otherwise hand the comparators millions of pairs that say nothing new.
"""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np

EXACT_LIMIT = 6000  # rows; below it every pair is compared (about 0.3 s at the limit on 2 cores)
CELL_SIZE = 1500  # rows per k-means cell in approximate mode
PROBES = 3  # cells each row joins
LIMIT = 48  # partners a row keeps in approximate mode
_BLOCK = 1024  # rows of the similarity matrix computed at once
_SLACK = 1e-4  # pairs within this of the threshold are kept; callers re-check with their own arithmetic


def similar_pairs(vectors: np.ndarray, min_similarity: float, queries: Iterable[int] | None = None,
                  exact_limit: int = EXACT_LIMIT) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, sorted, of unit-length rows with cosine >= `min_similarity`.

    With `queries`, only pairs with at least one row among them (a comparator that needs a negation on
    one side asks only from the negated sentences).
    """
    first, second, _ = scored_pairs(vectors, min_similarity, queries, exact_limit)
    return list(zip(first.tolist(), second.tolist()))


def scored_pairs(vectors: np.ndarray, min_similarity: float, queries: Iterable[int] | None = None,
                 exact_limit: int = EXACT_LIMIT) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`similar_pairs` as three arrays (first rows, second rows, similarities), sorted by (first, second)."""
    n = len(vectors)
    empty = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32))
    if n < 2:
        return empty
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    rows = np.arange(n) if queries is None else np.unique(np.fromiter(queries, dtype=np.int64))
    if len(rows) == 0:
        return empty
    if n <= exact_limit:
        blocks = [_pairs_in_block(vectors, rows, np.arange(n), min_similarity)]
    else:
        blocks = _pairs_by_cells(vectors, rows, min_similarity)
    first, second, sims = (np.concatenate(parts) for parts in zip(*blocks, empty))
    # One entry per pair (a pair can turn up in several cells), in (first, second) order.
    key = first * n + second
    key, keep = np.unique(key, return_index=True)
    first, second, sims = first[keep], second[keep], sims[keep]
    if n > exact_limit:
        keep = _capped(first, second, sims, n)
        first, second, sims = first[keep], second[keep], sims[keep]
    return first, second, sims


def _pairs_in_block(vectors: np.ndarray, rows: np.ndarray, others: np.ndarray, min_similarity: float):
    """(first, second, similarity) arrays for i in `rows`, j in `others`, i != j, above the threshold."""
    firsts, seconds, values = [], [], []
    target = vectors[others]
    for start in range(0, len(rows), _BLOCK):
        chunk = rows[start : start + _BLOCK]
        sims = vectors[chunk] @ target.T
        hit_r, hit_c = np.nonzero(sims >= min_similarity - _SLACK)
        a, b = chunk[hit_r], others[hit_c]
        differ = a != b
        a, b, v = a[differ], b[differ], sims[hit_r, hit_c][differ]
        firsts.append(np.minimum(a, b))
        seconds.append(np.maximum(a, b))
        values.append(v.astype(np.float32))
    if not firsts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32)
    return np.concatenate(firsts), np.concatenate(seconds), np.concatenate(values)


def _pairs_by_cells(vectors: np.ndarray, rows: np.ndarray, min_similarity: float) -> list:
    from sklearn.cluster import MiniBatchKMeans

    n = len(vectors)
    cells = max(2, round(n / CELL_SIZE))
    # Centres only need to spread the rows out, not to be optimal: a sample and a few passes are enough.
    sample = np.random.default_rng(0).choice(n, size=min(n, 100 * cells), replace=False)
    kmeans = MiniBatchKMeans(n_clusters=cells, random_state=0, n_init=1, batch_size=4096, max_iter=10)
    kmeans.fit(vectors[np.sort(sample)])
    centres = kmeans.cluster_centers_.astype(np.float32)
    probes = min(PROBES, cells)
    nearest = np.argpartition(-(vectors @ centres.T), probes - 1, axis=1)[:, :probes]
    is_query = np.zeros(n, dtype=bool)
    is_query[rows] = True
    blocks = []
    for cell in range(cells):
        members = np.nonzero((nearest == cell).any(axis=1))[0]
        asking = members[is_query[members]]
        if len(asking) and len(members) > 1:
            first, second, sims = _pairs_in_block(vectors, asking, members, min_similarity)
            # Cap here already: a cell of near-identical sentences must not pile up millions of pairs.
            keep = _capped(first, second, sims, n)
            blocks.append((first[keep], second[keep], sims[keep]))
    return blocks


def _capped(first: np.ndarray, second: np.ndarray, sims: np.ndarray, n: int) -> np.ndarray:
    """Indices of the pairs that are among the `LIMIT` most similar partners of either of their rows."""
    keep = np.zeros(len(first), dtype=bool)
    for own in (first, second):
        order = np.lexsort((-sims, own))  # by row, most similar first
        rank = np.arange(len(order)) - np.searchsorted(own[order], own[order], side="left")
        keep[order[rank < LIMIT]] = True
    return np.nonzero(keep)[0]
