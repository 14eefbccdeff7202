"""Small inputs are clustered in numpy rather than scipy (whose import costs more than the work): the same
clusters and the same connected parts, whatever the vectors."""
from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from claimcheck.cluster import claims
from claimcheck.cluster.claims import (
    DEFAULT_THRESHOLD,
    _average_linkage,
    _components,
    _cosine_distances,
)


def partition(labels) -> set[frozenset[int]]:
    groups: dict[int, set[int]] = {}
    for row, label in enumerate(labels):
        groups.setdefault(int(label), set()).add(row)
    return {frozenset(g) for g in groups.values()}


def scipy_clusters(vectors: np.ndarray, threshold: float) -> list[int]:
    tree = linkage(_cosine_distances(vectors), method="average")
    return (fcluster(tree, t=np.nextafter(threshold, 0.0), criterion="distance") - 1).tolist()


@st.composite
def sentence_vectors(draw):
    """A few topics with sentences scattered around each, some repeated word for word (wire copy)."""
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    topics = rng.normal(size=(draw(st.integers(1, 5)), 8))
    rows = [topics[rng.integers(len(topics))] + rng.normal(scale=draw(st.floats(0.1, 1.0)), size=8)
            for _ in range(draw(st.integers(2, 40)))]
    rows += [rows[i] for i in draw(st.lists(st.integers(0, len(rows) - 1), max_size=5))]
    vectors = np.asarray(rows, dtype=np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


@settings(max_examples=200, deadline=None)
@given(sentence_vectors(), st.sampled_from([0.2, DEFAULT_THRESHOLD, 0.7]))
def test_small_parts_get_the_clusters_scipy_gives(vectors, threshold):
    assert partition(_average_linkage(vectors, threshold)) == partition(scipy_clusters(vectors, threshold))


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 60).flatmap(lambda n: st.tuples(
    st.just(n), st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=3 * n))))
def test_connected_parts_are_scipys_numbered_alike(graph):
    n, edges = graph
    first = np.asarray([a for a, _ in edges], dtype=np.int64)
    second = np.asarray([b for _, b in edges], dtype=np.int64)
    count, part_of = _components(n, first, second, small=True)
    expected_count, expected = connected_components(
        coo_matrix((np.ones(len(first), dtype=np.int8), (first, second)), shape=(n, n)), directed=False)
    assert count == expected_count
    assert part_of.tolist() == expected.tolist()


def test_a_long_chain_is_one_part():
    n = 1500  # a path: the worst case for passing the lowest label along
    count, part_of = _components(n, np.arange(n - 1), np.arange(1, n), small=True)
    assert count == 1 and set(part_of.tolist()) == {0}


def test_a_small_report_never_imports_scipy():
    import subprocess
    import sys

    code = ("import sys, numpy as np\n"
            "from claimcheck.cluster.claims import cluster_labels\n"
            "v = np.random.default_rng(0).normal(size=(30, 8)).astype('float32')\n"
            "v /= np.linalg.norm(v, axis=1, keepdims=True)\n"
            "cluster_labels(np.vstack([v, v]), 0.45)\n"
            "print(any(m.startswith('scipy') for m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_sizes_past_the_small_limits_still_use_scipy(monkeypatch):
    rng = np.random.default_rng(1)
    vectors = rng.normal(size=(60, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    here = claims.cluster_labels(vectors, 0.6)
    monkeypatch.setattr(claims, "SMALL_INPUT", 1)
    assert partition(claims.cluster_labels(vectors, 0.6)) == partition(here)
