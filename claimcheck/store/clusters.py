"""Which cluster a new claim joins, once a store has found the nearest stored vector of each: the same rule
for every backend, so SQLite and PostgreSQL group a corpus alike."""
from __future__ import annotations

import numpy as np


def assign_clusters(new: np.ndarray, best: np.ndarray, best_emb: np.ndarray, cluster_of_emb: dict,
                    next_cluster: int, threshold: float) -> list[int]:
    """For every row of `new`, the cluster of its nearest stored or earlier new claim within `threshold`
    (cosine distance), or a cluster of its own numbered from `next_cluster`.

    `best[i]` is the similarity of the nearest stored vector, `best_emb[i]` its embedding id (-1: none), and
    `cluster_of_emb` the lowest cluster of the claims using each such embedding.
    """
    within = new @ new.T
    labels: list[int] = []
    for i in range(len(new)):
        label = None
        score = best[i]
        if best_emb[i] >= 0 and 1.0 - best[i] <= threshold:
            label = cluster_of_emb.get(int(best_emb[i]))
        if i:
            j = int(within[i, :i].argmax())
            if 1.0 - within[i, j] <= threshold and within[i, j] > score:
                label = labels[j]
        if label is None:
            label, next_cluster = next_cluster, next_cluster + 1
        labels.append(label)
    return labels
