"""Group sentences from all articles into shared claims by meaning.

Average-linkage agglomerative clustering on cosine distance: a sentence joins a cluster when it is close
to the cluster's members on average, which keeps one loose sentence from chaining two topics together.

Two clusters can only merge when some pair across them is within the threshold (an average above it
otherwise), so the sentences split into the connected parts of the "within the threshold" graph, and each
part is clustered on its own, exactly. The graph comes from `scored_pairs` (exact up to a few thousand
sentences, blocked beyond), so no n-by-n distance matrix is ever built for the whole corpus.
"""
from __future__ import annotations

import numpy as np

from claimcheck.records import Claim, ClaimCluster, Mention, SharedClaim

DEFAULT_THRESHOLD = 0.45  # cosine distance; all-MiniLM-L6-v2 puts paraphrases of one fact well inside it
DENSE_LIMIT = 4000  # sentences in one part clustered at once (its distance matrix: 64 MB)
# A small input (a one-article check, a handful of reports) is clustered here in numpy: importing scipy's
# clustering and sparse graphs costs a quarter of a second, more than the work. Past these sizes scipy's
# algorithms win, and the answer is the same either way (tests/cluster/test_small_inputs.py).
SMALL_INPUT = 2000  # sentences in all: up to this many, numpy
SMALL_PART = 200  # ...and at most this many in one connected part


def cluster_claims(claims: list[Claim], vectors: np.ndarray, threshold: float = DEFAULT_THRESHOLD,
                   candidates=None) -> tuple[ClaimCluster, ...]:
    """Clusters of the given claims; `vectors` holds one unit-length row per claim, in the same order.
    `candidates` (embed.candidates) gives the graph's edges from a store's vector index instead."""
    if not claims:
        return ()
    labels = cluster_labels(vectors, threshold, candidates)
    members: dict[int, list[Claim]] = {}
    for claim, label in zip(claims, labels):
        members.setdefault(int(label), []).append(claim)
    # Number clusters by their first sentence so ids do not depend on scikit-learn's labelling.
    ordered = sorted(members.values(), key=lambda cs: min((c.sentence.article_id, c.sentence.index) for c in cs))
    return tuple(ClaimCluster(i, tuple(cs)) for i, cs in enumerate(ordered))


def shared_claims(clusters, articles: set[str] | None = None) -> tuple[SharedClaim, ...]:
    """The clusters with sentences from two or more articles (only `articles`, when given), numbered anew in
    order, each sentence located in its article. What a reader needs to see what was compared with what."""
    shared = []
    for cluster in clusters:
        mentions = sorted({Mention(c.sentence.article_id, c.sentence.start, c.sentence.end, c.sentence.line)
                           for c in cluster.claims if articles is None or c.sentence.article_id in articles},
                          key=lambda m: (m.article_id, m.start, m.end))
        if len({m.article_id for m in mentions}) >= 2:
            shared.append(mentions)
    shared.sort(key=lambda ms: (ms[0].article_id, ms[0].start))
    return tuple(SharedClaim(i, tuple(ms)) for i, ms in enumerate(shared))


def cluster_labels(vectors: np.ndarray, threshold: float, candidates=None) -> list[int]:
    """One cluster label per row."""
    from claimcheck.embed.neighbours import pairs_among

    n = len(vectors)
    first, second, sims = pairs_among(vectors, range(n), 1.0 - threshold, candidates=candidates)
    labels = np.empty(n, dtype=np.int64)
    next_label = 0
    small = n <= SMALL_INPUT
    for rows in _parts(np.arange(n), first, second, sims, 1.0 - threshold):
        local = _cluster_part(vectors[rows], threshold, small)
        labels[rows] = np.asarray(local) + next_label
        next_label += int(max(local)) + 1
    return labels.tolist()


def _parts(rows: np.ndarray, first: np.ndarray, second: np.ndarray, sims: np.ndarray, level: float):
    """The connected parts of `rows` over the edges at or above `level`. A part too big to cluster densely
    is split again over its closer edges only: the one approximation, which keeps memory bounded when
    thousands of template sentences chain into one part."""
    strong = sims >= level - 1e-4
    first, second, sims = first[strong], second[strong], sims[strong]
    index = np.full(int(rows.max()) + 1, -1, dtype=np.int64)
    index[rows] = np.arange(len(rows))
    count, part_of = _components(len(rows), index[first], index[second], len(rows) <= SMALL_INPUT)
    order = np.argsort(part_of, kind="stable")
    bounds = np.searchsorted(part_of[order], np.arange(count + 1))
    edge_part = part_of[index[first]]
    for part in range(count):
        members = rows[order[bounds[part] : bounds[part + 1]]]
        if len(members) <= DENSE_LIMIT:
            yield members
        elif level >= 0.99:
            yield from np.array_split(members, -(-len(members) // DENSE_LIMIT))
        else:
            inside = edge_part == part
            yield from _parts(members, first[inside], second[inside], sims[inside], min(0.99, level + 0.05))


def _components(n: int, first: np.ndarray, second: np.ndarray, small: bool = True) -> tuple[int, np.ndarray]:
    """The connected parts of an undirected graph on n nodes, numbered by their lowest node (as scipy's
    connected_components numbers them)."""
    if not small:
        from scipy.sparse import coo_matrix
        from scipy.sparse.csgraph import connected_components

        graph = coo_matrix((np.ones(len(first), dtype=np.int8), (first, second)), shape=(n, n))
        return connected_components(graph, directed=False)
    # Every node takes the lowest label across its edges, and then its label's label, until nothing moves.
    labels = np.arange(n)
    while True:
        low = np.minimum(labels[first], labels[second])
        moved = labels.copy()
        np.minimum.at(moved, first, low)
        np.minimum.at(moved, second, low)
        moved = moved[moved]
        if np.array_equal(moved, labels):
            break
        labels = moved
    roots, part_of = np.unique(labels, return_inverse=True)
    return len(roots), part_of


def _cluster_part(vectors: np.ndarray, threshold: float, small: bool = False) -> list[int]:
    if len(vectors) == 1:
        return [0]
    if small and len(vectors) <= SMALL_PART:
        return _average_linkage(vectors, threshold)
    # AgglomerativeClustering without connectivity is scipy's linkage with the merges below the threshold
    # kept; called directly it skips the estimator's per-call overhead, which thousands of parts would pay.
    from scipy.cluster.hierarchy import fcluster, linkage

    tree = linkage(_cosine_distances(vectors), method="average")
    return (fcluster(tree, t=np.nextafter(threshold, 0.0), criterion="distance") - 1).tolist()


def _average_linkage(vectors: np.ndarray, threshold: float) -> list[int]:
    """Average-linkage clustering cut below `threshold`, by merging the closest pair of clusters while it is
    closer than that: what scipy's linkage and fcluster give, for a part small enough to do it plainly."""
    distance = _cosine_matrix(vectors)
    np.fill_diagonal(distance, np.inf)
    size = np.ones(len(vectors))
    owner = np.arange(len(vectors))
    while True:
        i, j = np.unravel_index(int(np.argmin(distance)), distance.shape)
        if not distance[i, j] < threshold:
            break
        # The average distance from every cluster to i and j merged (Lance and Williams' update).
        merged = (size[i] * distance[i] + size[j] * distance[j]) / (size[i] + size[j])
        distance[i], distance[:, i] = merged, merged
        distance[i, i] = np.inf
        distance[j], distance[:, j] = np.inf, np.inf
        size[i] += size[j]
        owner[owner == j] = i
    return np.unique(owner, return_inverse=True)[1].tolist()


def _cosine_distances(vectors: np.ndarray) -> np.ndarray:
    """The condensed cosine distance matrix (scipy's pdist "cosine"), by one matrix product: pdist computes
    it pair by pair without BLAS, which costs seconds on a part of a few thousand sentences."""
    return _cosine_matrix(vectors)[np.triu_indices(len(vectors), 1)]


def _cosine_matrix(vectors: np.ndarray) -> np.ndarray:
    """Every pair's cosine distance, in float64, as both linkages read it."""
    x = vectors.astype(np.float64)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    return np.clip(1.0 - x @ x.T, 0.0, 2.0)
