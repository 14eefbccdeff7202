"""Which embedded sentences are near each other, without an n-by-n similarity matrix in memory.

Clustering and every comparator only ever look at pairs of sentences above some cosine similarity, so
they ask for those pairs here instead of looping over all pairs. Up to `EXACT_LIMIT` rows the pairs are
exact: the similarity matrix is computed a block of rows at a time and thresholded. Beyond that they are
approximate, by blocking: k-means cuts the distinct vectors into cells of about `CELL_SIZE` rows, each row
joins its `PROBES` nearest cells, and only rows sharing a cell are compared, so the work grows with n times
the cell size instead of n squared. Pairs of similar sentences almost always share a cell (they are close
to the same centroids); what blocking misses is mostly pairs near the lowest thresholds.

In approximate mode two more bounds keep the pairs, and so the comparators' work, linear in the corpus:
each distinct text keeps at most `LIMIT` partners, its most similar ones (thousands of near-identical
template sentences would otherwise hand the comparators millions of pairs that say nothing new), and a
text printed word for word by many outlets is searched once, with only its first `COPIES` rows paired
with other texts and the rest chained to those.
"""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np

EXACT_LIMIT = 6000  # rows; below it every pair is compared (about 0.3 s at the limit on 2 cores)
CELL_SIZE = 1500  # rows per k-means cell in approximate mode
PROBES = 2  # cells each row joins; at 100,000 sentences 99.7% of the pairs above 0.55 (3 cells: 99.99%, 1.5x the work)
LIMIT = 32  # partners a row keeps in approximate mode
COPIES = 4  # rows of one repeated text that are paired with other texts in approximate mode
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
    if n < 2:
        return _EMPTY
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    rows = np.arange(n) if queries is None else np.unique(np.fromiter(queries, dtype=np.int64))
    if len(rows) == 0:
        return _EMPTY
    if n <= exact_limit:
        return _sorted_unique(*_pairs_in_block(vectors, rows, np.arange(n), min_similarity), n)
    return _approximate(vectors, rows, min_similarity)


_EMPTY = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32))


def pairs_among(vectors: np.ndarray, rows, min_similarity: float, queries: Iterable[int] | None = None,
                candidates=None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`scored_pairs(vectors[rows], ...)`: pairs of positions in `rows`. With `candidates` (embed.candidates,
    pairs a store's vector index found for the same claims) they come from those, with no matrix at all."""
    if candidates is not None:
        return candidates.among(rows, min_similarity, queries)
    return scored_pairs(vectors[list(rows)], min_similarity, queries)


def _sorted_unique(first: np.ndarray, second: np.ndarray, sims: np.ndarray, n: int):
    """One entry per pair (a pair can turn up twice), in (first, second) order."""
    _, keep = np.unique(first * n + second, return_index=True)
    return first[keep], second[keep], sims[keep]


def _approximate(vectors: np.ndarray, rows: np.ndarray, min_similarity: float):
    """Blocked search over the distinct vectors, then each distinct pair handed to every row behind it.

    Searching distinct vectors keeps a sentence that many outlets printed word for word from filling its
    partner list with its own copies: the `LIMIT` partners of a text are other texts.
    """
    n = len(vectors)
    distinct, inverse = _distinct_rows(vectors)
    asking = np.unique(inverse[rows])
    first, second, sims = _sorted_unique(*_pairs_by_cells(distinct, asking, min_similarity), len(distinct))
    keep = _capped(first, second, sims)
    first, second, sims = first[keep], second[keep], sims[keep]
    # Rows of each distinct vector, in order: copies[starts[d] : starts[d + 1]].
    copies = np.argsort(inverse, kind="stable")
    starts = np.searchsorted(inverse[copies], np.arange(len(distinct) + 1))
    # Only the first COPIES rows of a text are paired with other texts, and copies of one text are chained:
    # a text printed by a hundred outlets would otherwise hand the comparators its square in pairs. The
    # other copies still join their text's group (and so their outlets join its findings) through the chain.
    count = np.minimum(np.diff(starts), COPIES)
    a, b = expand_pairs(first, second, copies, starts, count)
    s = np.repeat(sims, count[first] * count[second])
    same_a, same_b = _copies_chained(copies, starts)
    same_s = np.einsum("ij,ij->i", vectors[same_a], vectors[same_b]).astype(np.float32)
    a, b, s = np.concatenate([a, same_a]), np.concatenate([b, same_b]), np.concatenate([s, same_s])
    first, second = np.minimum(a, b), np.maximum(a, b)
    if len(rows) < n:
        is_query = np.zeros(n, dtype=bool)
        is_query[rows] = True
        asked = is_query[first] | is_query[second]
        first, second, s = first[asked], second[asked], s[asked]
    return _sorted_unique(first, second, s, n)


def _distinct_rows(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows (byte for byte: a repeated text embeds to the same row) and each row's index among them."""
    as_bytes = vectors.view(np.dtype((np.void, vectors.shape[1] * vectors.itemsize))).ravel()
    _, index, inverse = np.unique(as_bytes, return_index=True, return_inverse=True)
    return vectors[index], inverse.ravel()


def expand_pairs(first: np.ndarray, second: np.ndarray, copies: np.ndarray, starts: np.ndarray, count: np.ndarray):
    """Every (row of first, row of second) for each pair of groups, up to `count` rows of each side: the rows of
    group d are copies[starts[d]:starts[d + 1]]."""
    wide = count[second]
    per_pair = count[first] * wide
    pair = np.repeat(np.arange(len(first)), per_pair)
    within = np.arange(len(pair)) - np.repeat(np.cumsum(per_pair) - per_pair, per_pair)
    a = copies[starts[first[pair]] + within // wide[pair]]
    b = copies[starts[second[pair]] + within % wide[pair]]
    return a, b


def _copies_chained(copies: np.ndarray, starts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows with the same text, paired: all of the first COPIES with each other, each later copy with the
    one before it and with the first."""
    a, b = [], []
    for d in np.nonzero(np.diff(starts) > 1)[0].tolist():
        rows = copies[starts[d] : starts[d + 1]].tolist()
        for k in range(1, len(rows)):
            for other in (rows[:k] if k < COPIES else {rows[0], rows[k - 1]}):
                a.append(other)
                b.append(rows[k])
    return np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)


def _pairs_in_block(vectors: np.ndarray, rows: np.ndarray, others: np.ndarray, min_similarity: float,
                    limit: int | None = None):
    """(first, second, similarity) arrays for i in `rows`, j in sorted `others`, i != j, above the threshold;
    with `limit`, only each row's `limit` most similar others (chosen here, before the pairs pile up)."""
    firsts, seconds, values = [], [], []
    target = vectors[others]
    for start in range(0, len(rows), _BLOCK):
        chunk = rows[start : start + _BLOCK]
        sims = vectors[chunk] @ target.T
        inside = np.searchsorted(others, chunk)
        own = inside < len(others)
        own[own] = others[inside[own]] == chunk[own]
        sims[np.nonzero(own)[0], inside[own]] = -np.inf  # a row is not its own partner
        hits = sims >= min_similarity - _SLACK
        crowded = np.zeros(len(chunk), dtype=bool) if limit is None else hits.sum(axis=1) > limit
        hit_r, hit_c = np.nonzero(hits & ~crowded[:, None])
        if crowded.any():
            busy = np.nonzero(crowded)[0]
            best = np.argpartition(-sims[busy], limit - 1, axis=1)[:, :limit]
            top_r = np.repeat(busy, limit)
            top_c = best.ravel()
            good = sims[top_r, top_c] >= min_similarity - _SLACK
            hit_r, hit_c = np.concatenate([hit_r, top_r[good]]), np.concatenate([hit_c, top_c[good]])
        a, b = chunk[hit_r], others[hit_c]
        firsts.append(np.minimum(a, b))
        seconds.append(np.maximum(a, b))
        values.append(sims[hit_r, hit_c].astype(np.float32))
    if not firsts:
        return _EMPTY
    return np.concatenate(firsts), np.concatenate(seconds), np.concatenate(values)


def _pairs_by_cells(vectors: np.ndarray, rows: np.ndarray, min_similarity: float):
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
            # Each row keeps its LIMIT best here already: near-identical template sentences in one cell
            # must not pile up millions of pairs.
            blocks.append(_pairs_in_block(vectors, asking, members, min_similarity, LIMIT))
    if not blocks:
        return _EMPTY
    return tuple(np.concatenate(parts) for parts in zip(*blocks))


def _capped(first: np.ndarray, second: np.ndarray, sims: np.ndarray) -> np.ndarray:
    """Indices of the pairs that are among the `LIMIT` most similar partners of either of their rows."""
    keep = np.zeros(len(first), dtype=bool)
    for own in (first, second):
        order = np.lexsort((-sims, own))  # by row, most similar first
        rank = np.arange(len(order)) - np.searchsorted(own[order], own[order], side="left")
        keep[order[rank < LIMIT]] = True
    return np.nonzero(keep)[0]
