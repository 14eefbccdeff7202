"""Group sentences from all articles into shared claims by meaning.

Average-linkage agglomerative clustering on cosine distance: a sentence joins a cluster when it is close
to the cluster's members on average, which keeps one loose sentence from chaining two topics together.
"""
from __future__ import annotations

import numpy as np

from claimcheck.records import Claim, ClaimCluster

DEFAULT_THRESHOLD = 0.45  # cosine distance; all-MiniLM-L6-v2 puts paraphrases of one fact well inside it


def cluster_claims(claims: list[Claim], vectors: np.ndarray, threshold: float = DEFAULT_THRESHOLD) -> tuple[ClaimCluster, ...]:
    """Clusters of the given claims; `vectors` holds one unit-length row per claim, in the same order."""
    if not claims:
        return ()
    if len(claims) == 1:
        return (ClaimCluster(0, (claims[0],)),)
    from sklearn.cluster import AgglomerativeClustering

    labels = AgglomerativeClustering(
        n_clusters=None, distance_threshold=threshold, metric="cosine", linkage="average"
    ).fit_predict(vectors)
    members: dict[int, list[Claim]] = {}
    for claim, label in zip(claims, labels):
        members.setdefault(int(label), []).append(claim)
    # Number clusters by their first sentence so ids do not depend on scikit-learn's labelling.
    ordered = sorted(members.values(), key=lambda cs: min((c.sentence.article_id, c.sentence.index) for c in cs))
    return tuple(ClaimCluster(i, tuple(cs)) for i, cs in enumerate(ordered))
