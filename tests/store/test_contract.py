"""One contract for every store: what `index` and `check` rely on, run against real SQLite and real PostgreSQL
with pgvector (see conftest.py). Claims are hand-made; vectors are unit vectors, random or along an axis."""
from __future__ import annotations

import threading
from datetime import date

import numpy as np
import pytest

from claimcheck.errors import ClaimcheckError
from claimcheck.extract.names import place_key
from claimcheck.records import (
    Article,
    Claim,
    DateMention,
    Entity,
    OfficeClaim,
    Quantity,
    Sentence,
)
from claimcheck.store import Store, StoredArticle
from claimcheck.store.vectors import StoreVectors
from tests.store.test_sqlite_store import MODEL, add, article, claim, unit

THRESHOLD = 0.45


def axis(i: int, dim: int = 8) -> np.ndarray:
    v = np.zeros(dim, dtype=np.float32)
    v[i] = 1.0
    return v


def toward(a: np.ndarray, b: np.ndarray, share: float) -> np.ndarray:
    v = (1 - share) * a + share * b
    return (v / np.linalg.norm(v)).astype(np.float32)


def put(store, a: Article, texts: list[str], vectors: list[np.ndarray], **kw):
    claims = [claim(a.id, i, t, **kw) for i, t in enumerate(texts)]
    return store.add_articles([(a, claims, np.stack(vectors), None)], MODEL, THRESHOLD)


def text_of(store, claim_id: int) -> str:
    return store.load([], [claim_id]).claims[0].sentence.text


def stored_record(a: Article) -> Article:
    """An article as a store gives it back: without its text (the claims and docs hold what is needed)."""
    return Article(a.id, a.path, a.source, "", a.content_hash, a.published, a.title, a.url)


def test_both_stores_keep_to_the_protocol(store, place):
    assert isinstance(store, Store)
    assert store.root == place.root.resolve()
    assert str(store.path)


def test_articles_are_held_once_by_path_and_by_content(store):
    assert add(store, article("herald"), ["One.", "Two."], [1, 2]) == [("news/herald.md", "added")]
    assert add(store, article("herald"), ["One.", "Two."], [1, 2]) == [("news/herald.md", "already indexed")]
    twin = Article("copy", "news/copy.md", "Copy", "herald", "hash-herald-")
    assert store.add_articles([(twin, [claim("copy", 0, "One.")], unit(1)[None], None)], MODEL, THRESHOLD) == [
        ("news/copy.md", "duplicate of news/herald.md")]
    assert add(store, article("herald", "edited"), ["One.", "Three."], [1, 3]) == [("news/herald.md", "replaced")]
    assert store.counts() == {"articles": 1, "claims": 2, "embeddings": 2, "clusters": 2}
    assert store.articles() == {"news/herald.md": StoredArticle("herald", "news/herald.md", "hash-herald-edited")}


def test_one_batch_adds_several_articles_and_reports_each(store):
    batch = [(article(name), [claim(name, 0, f"{name} said.")], unit(n)[None], None)
             for n, name in enumerate(("a", "b", "c"))]
    batch.append((article("empty"), [], np.zeros((0,), dtype=np.float32), None))  # no factual sentence at all
    assert store.add_articles(batch, MODEL, THRESHOLD) == [
        ("news/a.md", "added"), ("news/b.md", "added"), ("news/c.md", "added"), ("news/empty.md", "added")]
    assert store.counts()["articles"] == 4 and store.counts()["claims"] == 3
    assert store.add_articles([], MODEL, THRESHOLD) == []


def test_an_article_id_taken_in_the_store_gets_a_suffix(store):
    add(store, article("herald"), ["A."], [1])
    other = Article("herald", "other/herald.md", "Herald", "different", "hash-other")
    store.add_articles([(other, [claim("herald", 0, "B.")], unit(2)[None], None)], MODEL, THRESHOLD)
    assert sorted(s.id for s in store.articles().values()) == ["herald", "herald~2"]
    assert store.load(["herald~2"]).claims[0].sentence.article_id == "herald~2"


def test_known_vectors_are_the_vectors_added_one_per_distinct_text(store):
    from claimcheck.embed.cache import text_hash

    assert store.known_vectors([text_hash("A.")]) == {}  # nothing stored yet
    add(store, article("herald"), ["A.", "B."], [1, 2])
    add(store, article("courier"), ["A."], [1])
    found = store.known_vectors([text_hash("A."), text_hash("B."), text_hash("never said")])
    assert sorted(found) == sorted([text_hash("A."), text_hash("B.")])
    assert np.array_equal(found[text_hash("A.")], unit(1)) and found[text_hash("A.")].dtype == np.float32
    assert store.counts()["embeddings"] == 2
    assert store.known_vectors([]) == {}


def test_the_nearest_stored_claims_come_back_most_similar_first_with_their_cosine(store):
    assert store.neighbours(unit(1)[None], k=3, min_similarity=-1.0) == [[]]  # an empty store
    add(store, article("herald"), ["A.", "B.", "C."], [1, 2, 3])
    add(store, article("courier"), ["B."], [2])  # the same text: one vector, two claims
    query = toward(unit(2), unit(9), 0.1)
    hits = store.neighbours(np.stack([query, unit(3)]), k=2, min_similarity=-1.0)
    stored = {"A.": unit(1), "B.": unit(2), "C.": unit(3)}
    expected = sorted(stored, key=lambda t: -float(query @ stored[t]))[:2]
    assert [text_of(store, h.claim) for h in hits[0]] == [expected[0], expected[0], expected[1]]
    assert {h.article for h in hits[0][:2]} == {"herald", "courier"}
    for hit in hits[0]:
        assert hit.similarity == pytest.approx(float(query @ stored[text_of(store, hit.claim)]), abs=1e-5)
    assert [s.similarity for s in hits[0]] == sorted((s.similarity for s in hits[0]), reverse=True)
    assert hits[0][0].claim < hits[0][1].claim  # equal similarity: the older claim first
    assert text_of(store, hits[1][0].claim) == "C." and hits[1][0].similarity == pytest.approx(1.0, abs=1e-5)
    close = store.neighbours(query[None], k=3, min_similarity=0.9)[0]
    assert [text_of(store, h.claim) for h in close] == ["B.", "B."]


def test_near_claims_share_a_cluster_and_far_ones_do_not(store):
    bridge = axis(0)
    put(store, article("herald"), ["The bridge closed.", "Rain fell all day."], [bridge, axis(1)])
    put(store, article("courier"), ["The bridge was closed."], [toward(bridge, axis(2), 0.2)])  # cosine 0.97
    put(store, article("post"), ["Schools stayed open."], [axis(3)])
    [hits] = store.neighbours(bridge[None], k=4, min_similarity=0.5)
    assert len(hits) == 2 and hits[0].cluster == hits[1].cluster
    assert store.counts()["clusters"] == 3
    members = store.cluster_members([hits[0].cluster], 50)
    assert [m.article for m in members] == ["courier", "herald"]  # newest first
    assert {m.cluster for m in members} == {hits[0].cluster}
    assert [m.article for m in store.cluster_members([hits[0].cluster], 1)] == ["courier"]
    assert store.cluster_members([], 50) == []


def test_claims_near_each_other_in_one_batch_share_a_cluster(store):
    a, b = article("a"), article("b")
    batch = [(a, [claim("a", 0, "The dam held.")], axis(4)[None], None),
             (b, [claim("b", 0, "The dam did hold.")], toward(axis(4), axis(5), 0.1)[None], None)]
    store.add_articles(batch, MODEL, THRESHOLD)
    assert store.counts()["clusters"] == 1


def test_office_keys_find_claims_whatever_their_wording(store):
    chair = OfficeClaim("harbour board|chairman", "Harbour Board chairman", "jonas weel", "Jonas Weel", 0, 10)
    add(store, article("herald"), ["Jonas Weel, the Harbour Board chairman, spoke."], [4], office=chair)
    add(store, article("courier"), ["The board met."], [5])
    hits = store.claims_with_keys(["office:harbour board|chairman", "person:jonas weel", "office:nobody|mayor"])
    assert [h.article for h in hits] == ["herald"]  # one claim, found by two keys, given once
    assert store.load([], [hits[0].claim]).claims[0].offices == (chair,)
    assert store.claims_with_keys([]) == []


def test_event_keys_and_how_many_articles_name_each(store):
    add(store, article("herald"), ["A.", "B."], [1, 2], place="Varnholm")
    add(store, article("courier"), ["C."], [3], place="Varnholm")
    add(store, article("post"), ["D."], [4], place="Ketterby")
    varnholm, ketterby = place_key("Varnholm"), place_key("Ketterby")
    assert store.event_keys(["herald", "post", "unknown"]) == {
        "herald": {varnholm}, "post": {ketterby}, "unknown": set()}
    assert store.key_frequency([varnholm, ketterby, "nowhere"]) == {varnholm: 2, ketterby: 1, "nowhere": 0}


def test_published_dates_by_article(store):
    add(store, article("herald", published=date(2031, 5, 5)), ["A."], [1])
    add(store, article("courier"), ["B."], [2])
    assert store.published(["herald", "courier", "unknown"]) == {"herald": date(2031, 5, 5), "courier": None}


def test_load_gives_back_records_claims_vectors_and_docs(store, nlp):
    from claimcheck.extract.nlp import docs_to_bytes

    rich = Claim(
        Sentence("herald", 1, "About 1,400 homes flooded on Monday.", 10, 46, 3, "fact"),
        entities=(Entity("Monday", "DATE", 30, 36),),
        quantities=(Quantity("About 1,400", 1400.0, 1330.0, None, "about", "", "home", "homes", 0, 11, "flood"),),
        offices=(OfficeClaim("harbour board|chairman", "Harbour Board Chairman", "piet ostrander", "Piet Ostrander",
                             0, 5),),
        dates=(DateMention("on Monday", date(2031, 5, 5), 0, 27, 36),),
        speaker="police",
    )
    plain = claim("herald", 0, "The bridge at Varnholm closed.")
    herald = Article("herald", "news/herald.md", "Herald", "full text", "hash-h", date(2031, 5, 5), "Floods", "https://x.test/h")
    vectors = np.stack([unit(1), unit(2)])
    texts = [plain.sentence.text, rich.sentence.text]
    store.add_articles([(herald, [plain, rich], vectors, docs_to_bytes([nlp(t) for t in texts]))], MODEL, THRESHOLD)
    add(store, article("courier"), ["C.", "D."], [3, 4])

    loaded = store.load(["herald"])
    assert loaded.articles == (stored_record(herald),)
    assert loaded.claims == (plain, rich)
    assert np.array_equal(loaded.vectors, vectors) and loaded.vectors.dtype == np.float32
    assert sorted(loaded.docs) == sorted(texts)
    assert [t.text for t in loaded.docs[rich.sentence.text]] == [t.text for t in nlp(rich.sentence.text)]

    [d_hit] = [h for h in store.neighbours(unit(4)[None], k=1, min_similarity=0.9)[0]]
    some = store.load(["herald"], [d_hit.claim])  # all of herald, one claim of courier
    assert [a.id for a in some.articles] == ["courier", "herald"]
    assert [c.sentence.text for c in some.claims] == ["D.", *texts]
    assert np.array_equal(some.vectors, np.stack([unit(4), unit(1), unit(2)]))
    empty = store.load([])
    assert empty.claims == () and empty.vectors.shape == (0, 8)


def test_a_dropped_article_takes_its_claims_and_unused_vectors_with_it(store):
    from claimcheck.embed.cache import text_hash

    add(store, article("herald"), ["Shared sentence.", "Only in herald."], [1, 2])
    add(store, article("courier"), ["Shared sentence."], [1])
    assert store.drop_articles(["news/herald.md", "news/never-indexed.md"]) == 1
    assert store.counts() == {"articles": 1, "claims": 1, "embeddings": 1, "clusters": 1}
    assert list(store.known_vectors([text_hash("Shared sentence."), text_hash("Only in herald.")])) == [
        text_hash("Shared sentence.")]
    assert store.drop_articles([]) == 0


def test_a_renamed_article_keeps_its_analysis(store):
    add(store, article("herald"), ["A.", "B."], [1, 2])
    store.rename_article("news/herald.md", "archive/herald.md")
    assert list(store.articles()) == ["archive/herald.md"]
    loaded = store.load(["herald"])
    assert loaded.articles[0].path == "archive/herald.md" and len(loaded.claims) == 2
    store.rename_article("news/gone.md", "news/elsewhere.md")  # nothing there: nothing happens
    assert list(store.articles()) == ["archive/herald.md"]


def test_a_store_is_the_corpus_only_once_an_index_run_has_finished(place, store):
    assert not store.index_finished()
    add(store, article("herald"), ["A."], [1])
    assert not store.index_finished()  # a first index killed here is not the corpus
    store.mark_indexed()
    assert store.index_finished()
    reader = place.open()
    assert reader.index_finished() and reader.model() == MODEL
    reader.close()


def test_a_store_built_with_another_model_says_so(store):
    assert store.model() is None
    add(store, article("herald"), ["A."], [1])
    with pytest.raises(ClaimcheckError, match="built with model 'test-model@1'"):
        store.add_articles([(article("courier"), [claim("courier", 0, "B.")], unit(2)[None], None)], "other@2",
                           THRESHOLD)
    assert sorted(store.articles()) == ["news/herald.md"]  # the failed batch left nothing


def test_vectors_of_the_same_model_at_bfloat16_mix_in_one_store(store):
    from claimcheck.embed.cache import text_hash
    from claimcheck.embed.encoder import BF16_MARK

    add(store, article("herald"), ["A."], [1])
    store.add_articles([(article("courier"), [claim("courier", 0, "B.")], unit(2)[None], None)], MODEL + BF16_MARK,
                       THRESHOLD)
    assert sorted(store.articles()) == ["news/courier.md", "news/herald.md"]
    assert list(StoreVectors(store).get_many(MODEL + BF16_MARK, [text_hash("A.")])) == [text_hash("A.")]
    assert StoreVectors(store).get_many("other@2", [text_hash("A.")]) == {}


def test_a_missing_store_tells_the_user_to_index(place):
    with pytest.raises(ClaimcheckError, match="run `claimcheck index`"):
        place.open()


def test_a_reader_sees_one_snapshot_while_an_index_replaces_an_article(place, store):
    """check asks the store several questions over seconds; an index committing meanwhile must not leave it
    holding claims whose vectors have gone."""
    add(store, article("herald"), ["The bridge closed.", "Ten homes flooded."], [1, 2])
    reader = place.open()
    hits = reader.neighbours(unit(2)[None], k=1, min_similarity=0.9)[0]
    add(store, article("herald", "edited"), ["The bridge reopened."], [3])  # replaced: old claims and vectors go
    assert store.counts()["claims"] == 1
    loaded = reader.load([], [h.claim for h in hits])
    assert [c.sentence.text for c in loaded.claims] == ["Ten homes flooded."]
    assert np.allclose(loaded.vectors[0], unit(2))
    reader.close()
    later = place.open()
    assert [c.sentence.text for c in later.load(["herald"]).claims] == ["The bridge reopened."]
    later.close()


def test_two_stores_adding_at_once_hold_each_article_once(place):
    """Two index runs on one store (two processes for SQLite, two machines for PostgreSQL), each opening it
    while the other may be making it, adding the same articles in opposite orders."""
    names = [f"article-{i}" for i in range(20)]
    start = threading.Barrier(2)
    outcomes: dict[str, list] = {}

    def run(order: str) -> None:
        try:
            start.wait(timeout=60)
            store = place.open(create=True)
            try:
                mine = []
                for name in names if order == "forwards" else reversed(names):
                    [(_, outcome)] = add(store, article(name), [f"{name} says one thing.", "Both say this."],
                                         [len(name), 7])
                    mine.append(outcome)
                outcomes[order] = mine
            finally:
                store.close()
        except Exception as exc:  # noqa: BLE001  (shown by the assertion below, not lost in the thread)
            outcomes[order] = [repr(exc)]

    threads = [threading.Thread(target=run, args=(order,)) for order in ("forwards", "backwards")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    every = outcomes["forwards"] + outcomes["backwards"]
    assert set(every) <= {"added", "already indexed"}, every
    assert every.count("added") == 20 and len(every) == 40
    reader = place.open()
    assert len(reader.articles()) == 20
    counts = reader.counts()
    assert (counts["articles"], counts["claims"], counts["embeddings"]) == (20, 40, 21)
    reader.close()


def test_the_nearest_stored_texts_of_a_stored_text(store):
    # Three articles; one text is printed by two of them: a claim of each, one embedding.
    put(store, article("a"), ["Alpha.", "Beta."], [axis(0), axis(1)])
    put(store, article("b"), ["Alpha.", "Near alpha."], [axis(0), toward(axis(0), axis(1), 0.2)])
    loaded = store.load(["a", "b"])
    ids = list(loaded.embedding_ids)
    assert len(ids) == 4 and ids[0] == ids[2]  # "Alpha." is stored once
    assert np.allclose(loaded.vectors[0], loaded.vectors[2])
    nearest = store.nearest_embeddings([ids[0]], 3)[0]
    assert [e for e, _ in nearest] == [ids[0], ids[3], ids[1]]  # itself first, then by similarity
    assert nearest[0][1] == pytest.approx(1.0, abs=1e-5)
    assert nearest[1][1] == pytest.approx(float(axis(0) @ toward(axis(0), axis(1), 0.2)), abs=1e-5)
    assert store.nearest_embeddings([ids[0]], 1) == [nearest[:1]]
    assert store.max_k() >= 1000
