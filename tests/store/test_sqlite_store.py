"""The corpus store on its own: real SQLite files in a temp folder, hand-made claims and vectors."""
from __future__ import annotations

import sqlite3
from datetime import date

import numpy as np
import pytest

from claimcheck.errors import ClaimcheckError
from claimcheck.records import Article, Claim, DateMention, Entity, OfficeClaim, Quantity, Sentence
from claimcheck.store import open_store
from claimcheck.store.codec import dumps, loads
from claimcheck.store.sqlite import SCHEMA_VERSION

MODEL = "test-model@1"


def claim(article: str, index: int, text: str, *, office: OfficeClaim | None = None, place: str = "Varnholm"):
    return Claim(
        Sentence(article, index, text, index * 100, index * 100 + len(text), index + 1, "fact"),
        entities=(Entity(place, "GPE", 0, len(place)),),
        offices=(office,) if office else (),
    )


def article(name: str, text: str = "", published: date | None = None) -> Article:
    return Article(name, f"news/{name}.md", name.title(), text or name, f"hash-{name}-{text}", published)


def unit(seed: int, dim: int = 8) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=dim).astype(np.float32)
    return v / np.linalg.norm(v)


def add(store, a: Article, texts: list[str], seeds: list[int], **kw):
    claims = [claim(a.id, i, t, **kw) for i, t in enumerate(texts)]
    return store.add_articles([(a, claims, np.stack([unit(s) for s in seeds]), None)], MODEL, 0.45)


def test_a_claim_survives_the_trip_through_json():
    c = Claim(
        Sentence("a", 2, "About 1,400 homes flooded on Monday.", 10, 46, 3, "fact"),
        entities=(Entity("Monday", "DATE", 30, 36),),
        quantities=(Quantity("About 1,400", 1400.0, 1330.0, None, "about", "", "home", "homes", 0, 11, "flood"),),
        offices=(OfficeClaim("harbour board|chairman", "Harbour Board Chairman", "piet ostrander", "Piet Ostrander", 0, 5),),
        dates=(DateMention("on Monday", date(2031, 5, 5), 0, 27, 36),),
        speaker="police",
    )
    assert loads(Claim, dumps(c)) == c


def test_articles_are_held_once_by_path_and_by_content(tmp_path):
    store = open_store(tmp_path / ".claimcheck", create=True)
    assert add(store, article("herald"), ["One.", "Two."], [1, 2]) == [("news/herald.md", "added")]
    assert add(store, article("herald"), ["One.", "Two."], [1, 2]) == [("news/herald.md", "already indexed")]
    twin = Article("copy", "news/copy.md", "Copy", "herald", "hash-herald-")
    assert store.add_articles([(twin, [claim("copy", 0, "One.")], unit(1)[None], None)], MODEL, 0.45) == [
        ("news/copy.md", "duplicate of news/herald.md")]
    assert add(store, article("herald", "edited"), ["One.", "Three."], [1, 3]) == [("news/herald.md", "replaced")]
    assert store.counts() == {"articles": 1, "claims": 2, "embeddings": 2, "clusters": 2}


def test_a_dropped_article_takes_its_claims_and_unused_vectors_with_it(tmp_path):
    store = open_store(tmp_path / ".claimcheck", create=True)
    add(store, article("herald"), ["Shared sentence.", "Only in herald."], [1, 2])
    add(store, article("courier"), ["Shared sentence."], [1])
    assert store.drop_articles(["news/herald.md"]) == 1
    assert store.counts() == {"articles": 1, "claims": 1, "embeddings": 1, "clusters": 1}
    assert set(store.known_vectors(["x"])) == set()


def test_the_nearest_stored_claims_come_back_most_similar_first(tmp_path):
    store = open_store(tmp_path / ".claimcheck", create=True)
    add(store, article("herald"), ["A.", "B.", "C."], [1, 2, 3])
    query = unit(2) + 0.1 * unit(9)
    hits = store.neighbours((query / np.linalg.norm(query))[None], k=2, min_similarity=-1.0)[0]
    assert [h.claim for h in hits][0] == 2 and hits[0].similarity > 0.9
    assert len(hits) == 2


def test_identical_sentences_share_a_cluster_and_a_vector(tmp_path):
    store = open_store(tmp_path / ".claimcheck", create=True)
    add(store, article("herald"), ["The bridge closed."], [5])
    add(store, article("courier"), ["The bridge closed."], [5])
    loaded = store.load(["herald", "courier"])
    assert [a.id for a in loaded.articles] == ["courier", "herald"]
    assert loaded.vectors.shape == (2, 8) and np.allclose(loaded.vectors[0], loaded.vectors[1])
    assert store.counts()["clusters"] == 1


def test_office_keys_find_claims_whatever_their_wording(tmp_path):
    store = open_store(tmp_path / ".claimcheck", create=True)
    chair = OfficeClaim("harbour board|chairman", "Harbour Board chairman", "jonas weel", "Jonas Weel", 0, 10)
    add(store, article("herald"), ["Jonas Weel, the Harbour Board chairman, spoke."], [4], office=chair)
    hits = store.claims_with_keys(["office:harbour board|chairman"])
    assert [h.article for h in hits] == ["herald"]
    loaded = store.load([], [hits[0].claim])
    assert loaded.claims[0].offices == (chair,)


def test_an_article_id_taken_in_the_store_gets_a_suffix(tmp_path):
    store = open_store(tmp_path / ".claimcheck", create=True)
    add(store, article("herald"), ["A."], [1])
    other = Article("herald", "other/herald.md", "Herald", "different", "hash-other")
    store.add_articles([(other, [claim("herald", 0, "B.")], unit(2)[None], None)], MODEL, 0.45)
    assert sorted(s.id for s in store.articles().values()) == ["herald", "herald~2"]
    assert store.load(["herald~2"]).claims[0].sentence.article_id == "herald~2"


def test_a_store_built_with_another_model_says_so(tmp_path):
    store = open_store(tmp_path / ".claimcheck", create=True)
    add(store, article("herald"), ["A."], [1])
    other = article("courier")
    with pytest.raises(ClaimcheckError, match="built with model 'test-model@1'"):
        store.add_articles([(other, [claim("courier", 0, "B.")], unit(2)[None], None)], "other@2", 0.45)


def test_vectors_of_the_same_model_at_bfloat16_mix_in_one_store(tmp_path):
    """A store indexed where the processor has bfloat16 takes articles, and lends its vectors, on one
    without: the two torch precisions agree to cosine 0.9999."""
    from claimcheck.embed.encoder import BF16_MARK
    from claimcheck.embed.cache import text_hash
    from claimcheck.store.sqlite import StoreVectors

    store = open_store(tmp_path / ".claimcheck", create=True)
    add(store, article("herald"), ["A."], [1])  # indexed with MODEL
    other = article("courier")
    store.add_articles([(other, [claim("courier", 0, "B.")], unit(2)[None], None)], MODEL + BF16_MARK, 0.45)
    assert sorted(store.articles()) == ["news/courier.md", "news/herald.md"]
    assert list(StoreVectors(store).get_many(MODEL + BF16_MARK, [text_hash("A.")])) == [text_hash("A.")]
    assert StoreVectors(store).get_many("other@2", [text_hash("A.")]) == {}


def test_a_missing_store_tells_the_user_to_index(tmp_path):
    with pytest.raises(ClaimcheckError, match="run `claimcheck index` first"):
        open_store(tmp_path / ".claimcheck")


def test_a_store_from_a_newer_claimcheck_is_refused_with_a_clear_message(tmp_path):
    open_store(tmp_path / ".claimcheck", create=True).close()
    db = sqlite3.connect(tmp_path / ".claimcheck" / "store.sqlite3")
    db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    db.commit()
    db.close()
    with pytest.raises(ClaimcheckError, match=f"schema version {SCHEMA_VERSION + 1}, newer than"):
        open_store(tmp_path / ".claimcheck")


def test_a_file_that_is_not_a_store_is_named(tmp_path):
    folder = tmp_path / ".claimcheck"
    folder.mkdir()
    (folder / "store.sqlite3").write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(ClaimcheckError, match="store.sqlite3"):
        open_store(folder)
    other = tmp_path / "other"
    other.mkdir()
    db = sqlite3.connect(other / "store.sqlite3")
    db.execute("CREATE TABLE notes (x)")
    db.commit()
    db.close()
    with pytest.raises(ClaimcheckError, match="not a claimcheck store"):
        open_store(other)
