"""Candidate pairs from a store's vector index: the pairs every stage would find itself, with no matrix."""
import numpy as np
import pytest

from claimcheck.embed.candidates import Candidates, from_store
from claimcheck.embed.neighbours import pairs_among, scored_pairs
from claimcheck.store import open_store
from tests.store.test_sqlite_store import MODEL, article, claim


def vectors(n: int, seed: int = 3) -> np.ndarray:
    """Rows in small families (paraphrases of a few facts), some printed twice word for word."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(max(1, n // 4), 24))
    v = centres[rng.integers(0, len(centres), n)] + rng.normal(scale=0.5, size=(n, 24))
    v[1::9] = v[0::9][: len(v[1::9])]  # copies: one text, two claims
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def test_pairs_among_rows_match_the_exact_search():
    v = vectors(120)
    exact = Candidates(*scored_pairs(v, 0.3), len(v), 0.3)
    rows = [5, 17, 17, 40, 2, 3, 99, 100, 64, 5]  # a row may be given twice (two figures of one sentence)
    for threshold, queries in ((0.3, None), (0.6, None), (0.5, [0, 3])):
        ours, theirs = exact.among(rows, threshold, queries), scored_pairs(v[rows], threshold, queries)
        assert all(np.array_equal(x, y) for x, y in zip(ours[:2], theirs[:2]))
    assert all(np.array_equal(x, y) for x, y in zip(pairs_among(v, rows, 0.6), scored_pairs(v[rows], 0.6)))


def test_candidates_below_their_floor_are_refused():
    v = vectors(10)
    with pytest.raises(ValueError):
        Candidates(*scored_pairs(v, 0.5), len(v), 0.5).among([0, 1], 0.3)


@pytest.mark.parametrize("start_k", [2, 32])
def test_a_store_gives_every_pair_above_the_floor_with_no_fixed_cap(tmp_path, start_k):
    # start_k=2 forces the index to be asked again with more neighbours: no text keeps only its first few.
    v = vectors(90)
    store = open_store(tmp_path / ".claimcheck", create=True)
    for a in range(9):
        name = f"a{a}"
        claims = [claim(name, i, f"Text {a}-{i}." if (a * 10 + i) % 9 != 1 else f"Copy {(a * 10 + i) // 9}.")
                  for i in range(10)]
        store.add_articles([(article(name), claims, v[a * 10: a * 10 + 10], None)], MODEL, 0.45)
    loaded = store.load([f"a{a}" for a in range(9)])
    found = from_store(store, loaded.embedding_ids, 0.3, start_k=start_k)
    exact = scored_pairs(loaded.vectors, 0.3)
    assert np.array_equal(found.first, exact[0]) and np.array_equal(found.second, exact[1])
    assert np.allclose(found.sims, exact[2], atol=1e-5) and found.capped == 0
    store.close()
