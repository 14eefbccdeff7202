"""The embedding cache: real model, real SQLite file."""
import numpy as np

from claimcheck.embed import embed_texts
from claimcheck.embed.cache import EmbeddingCache


def test_a_second_run_embeds_nothing(tmp_path, model_spec):
    texts = ["The river rose two metres overnight.", "Schools stayed closed.", "The river rose two metres overnight."]
    cache = EmbeddingCache(tmp_path)
    first, stats = embed_texts(texts, model_spec, cache)
    cache.close()
    assert (stats.texts, stats.distinct, stats.encoded, stats.cached) == (3, 2, 2, 0)
    cache = EmbeddingCache(tmp_path)
    second, stats = embed_texts(texts, model_spec, cache)
    cache.close()
    assert (stats.encoded, stats.cached) == (0, 2)
    assert np.array_equal(first, second)
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-4)


def test_paraphrases_are_closer_than_unrelated_sentences(model_spec):
    vectors, _ = embed_texts(
        ["About 600 homes were flooded.", "The flood reached some 600 houses.", "The orchestra played Mahler."],
        model_spec, EmbeddingCache(None),
    )
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.3


def test_no_cache_folder_means_nothing_is_written(tmp_path, model_spec):
    _, stats = embed_texts(["One sentence."], model_spec, EmbeddingCache(None))
    assert stats.encoded == 1
    assert list(tmp_path.iterdir()) == []
