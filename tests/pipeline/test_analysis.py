"""The analyse stage gives the same claims and spaCy docs in one process or split across two."""
from claimcheck.ingest import read_articles
from claimcheck.pipeline import analysis
from tests.conftest import FIXTURES


def token_view(docs):
    return {text: [(t.text, t.tag_, t.pos_, t.lemma_, t.ent_type_, t.ent_iob_, t.is_sent_start) for t in doc]
            for text, doc in docs.items()}


def test_two_workers_give_what_one_gives(nlp, monkeypatch):
    articles, _ = read_articles([str(FIXTURES / "factory-fire-mixed"), str(FIXTURES / "quake-json")])
    monkeypatch.setattr(analysis, "PARALLEL_MIN_BLOCKS", 0)
    alone_claims, alone_docs = analysis.analyse(articles, nlp)
    split_claims, split_docs = analysis.analyse(articles, nlp, workers=2)
    assert split_claims == alone_claims
    assert token_view(split_docs) == token_view(alone_docs)


def test_articles_are_split_in_order_by_size():
    class A:
        def __init__(self, n):
            self.text = "x" * n

    articles = [A(10), A(10), A(10), A(70)]
    chunks = analysis._chunks(articles, 2)
    assert [a for c in chunks for a in c] == articles and len(chunks) == 2
