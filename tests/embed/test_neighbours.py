"""Pairs of near sentences come out of `similar_pairs` without an n-by-n matrix: exactly for a few thousand
rows, and nearly all of them beyond, by blocking."""
import numpy as np

from claimcheck.embed import neighbours
from claimcheck.embed.neighbours import similar_pairs


def unit(rows):
    rows = np.asarray(rows, dtype=np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def topics(n_topics=40, per_topic=50, noise=0.35, seed=0):
    """Rows scattered around `n_topics` directions: what sentences about a few dozen facts look like."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(n_topics, 64))
    return unit(np.repeat(centres, per_topic, axis=0) + rng.normal(size=(n_topics * per_topic, 64)) * noise)


def every_pair(vectors, threshold):
    sims = vectors @ vectors.T
    i, j = np.triu_indices(len(vectors), 1)
    hit = sims[i, j] >= threshold
    return set(zip(i[hit].tolist(), j[hit].tolist()))


def test_exact_below_the_limit():
    vectors = topics(n_topics=10, per_topic=30)
    got = similar_pairs(vectors, 0.6)
    assert got == sorted(got)
    assert set(got) >= every_pair(vectors, 0.6)
    assert set(got) <= every_pair(vectors, 0.6 - 1e-3)  # only float slack beyond the threshold


def test_queries_ask_only_from_their_rows():
    vectors = topics(n_topics=5, per_topic=20)
    asked = {3, 41, 77}
    got = similar_pairs(vectors, 0.6, queries=asked)
    assert got and all(i in asked or j in asked for i, j in got)
    assert set(got) == {p for p in similar_pairs(vectors, 0.6) if asked & set(p)}


def test_blocking_beyond_the_limit_finds_nearly_every_close_pair(monkeypatch):
    monkeypatch.setattr(neighbours, "CELL_SIZE", 300)
    monkeypatch.setattr(neighbours, "LIMIT", 100)  # the cap is tested below; here, what blocking finds
    vectors = topics(n_topics=40, per_topic=40)  # 1,600 rows, cut into about 5 cells
    truth = every_pair(vectors, 0.7)
    got = set(similar_pairs(vectors, 0.7, exact_limit=500))
    assert got <= every_pair(vectors, 0.7 - 1e-3)
    assert len(got & truth) >= 0.95 * len(truth)


def test_near_duplicates_keep_only_their_closest_partners_beyond_the_limit(monkeypatch):
    monkeypatch.setattr(neighbours, "LIMIT", 10)
    vectors = topics(n_topics=2, per_topic=200, noise=0.01)  # two piles of template sentences
    got = similar_pairs(vectors, 0.5, exact_limit=100)
    partners = np.bincount(np.array(got).ravel(), minlength=len(vectors))
    assert partners.max() < 200 and partners.min() >= 10  # each keeps its 10; a kept pair counts on both sides


def test_nothing_to_pair():
    assert similar_pairs(np.zeros((0, 8), np.float32), 0.5) == []
    assert similar_pairs(unit([[1, 0]]), 0.5) == []
    assert similar_pairs(unit([[1, 0], [1, 0.1]]), 0.5, queries=[]) == []


def test_a_text_printed_by_many_outlets_still_meets_its_paraphrase(monkeypatch):
    """Forty copies of one sentence and forty of a close paraphrase: copies must not fill each other's
    partner lists, and pairing every copy with every copy would cost 1,600 pairs for one fact."""
    monkeypatch.setattr(neighbours, "LIMIT", 5)
    background = topics(n_topics=20, per_topic=20)
    wire = unit([np.r_[1.0, np.zeros(63)]])[0]
    paraphrase = unit([wire + np.r_[0, 0.2, np.zeros(62)]])[0]
    vectors = np.vstack([background, np.repeat([wire], 40, axis=0), np.repeat([paraphrase], 40, axis=0)])
    copies_of = {"wire": set(range(400, 440)), "paraphrase": set(range(440, 480))}
    got = similar_pairs(vectors, 0.9, exact_limit=100)
    assert any(i in copies_of["wire"] and j in copies_of["paraphrase"] for i, j in got)
    assert len([p for p in got if p[0] >= 400]) < 400
    # Every copy stays linked to its text, so every outlet that printed it can be named in a finding.
    groups = {i: {i} for i in range(400, 480)}
    for i, j in (p for p in got if p[0] >= 400):
        merged = groups[i] | groups[j]
        for k in merged:
            groups[k] = merged
    assert groups[400] == copies_of["wire"] | copies_of["paraphrase"]
