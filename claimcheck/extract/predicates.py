"""What a figure says happened to what it counts: "11 workers were injured" -> injure.

Two figures for workers are only the same count when the same thing happened to them: "two workers died"
and "23 workers were injured" are two counts, however alike the sentences. The predicate is the verb next
to the figure: after it ("were injured", "died") or, failing that, before it ("killed 2 workers").
"""
from __future__ import annotations

import bisect
from dataclasses import replace

from claimcheck.records import Quantity

# Verbs that news copy uses interchangeably for one outcome.
_SAME_OUTCOME = {
    "kill": "die", "dead": "die", "death": "die", "perish": "die", "die": "die",
    "wound": "injure", "hurt": "injure", "injure": "injure", "injured": "injure",
    "detain": "arrest", "arrest": "arrest",
    "displace": "evacuate", "evacuate": "evacuate",
    # How long something went on: "lasted 44 days", "spent 49 days as", "served 12 years as".
    "last": "last", "spend": "last", "serve": "last",
}
_SKIP_RIGHT = {"AUX", "ADV", "PART"}
_POSSESSIVE_DETS = {"its", "their", "the", "his", "her", "our", "these", "those"}


def normalise(lemma: str) -> str:
    lemma = lemma.lower()
    return _SAME_OUTCOME.get(lemma, lemma)


class _Tokens:
    """A sentence's tokens and text, read once for all its figures."""

    def __init__(self, span):
        self.tokens = list(span)
        self.text = span.text
        self.base = self.tokens[0].idx if self.tokens else 0
        self.starts = [t.idx - self.base for t in self.tokens]

    def index(self, offset: int) -> int | None:
        """The token that holds character `offset` of the sentence (None between tokens)."""
        i = bisect.bisect_right(self.starts, offset) - 1
        if i >= 0 and offset < self.starts[i] + len(self.tokens[i].text):
            return i
        return None


TOTAL = "(total)"  # predicate of the whole in "34 of 61 seats": it only ever matches another whole
_LEFT_SKIP = {"DET", "ADJ", "NOUN", "PROPN", "CCONJ", "NUM", "PRON", "ADV"}


def _verb_before(tokens, first: int) -> str:
    """The verb governing a figure from the left, across a coordinated object ('lose its shift and 120 jobs')."""
    i = first - 1
    while i >= 0 and first - i <= 6:
        tok = tokens[i]
        if tok.pos_ == "VERB":
            return tok.lemma_
        if tok.pos_ not in _LEFT_SKIP:
            return ""
        i -= 1
    return ""


def describe(span, q: Quantity) -> Quantity:
    """The quantity with its predicate and partitive flag filled in from the sentence."""
    return describe_all(span, (q,))[0]


def describe_all(span, quantities) -> tuple[Quantity, ...]:
    """`describe` for every figure of one sentence, reading its tokens once."""
    toks = _Tokens(span)
    return tuple(_describe(toks, q) for q in quantities)


def _describe(toks: _Tokens, q: Quantity) -> Quantity:
    tokens = toks.tokens
    if not tokens:
        return q
    first = toks.index(q.start)
    last = toks.index(max(q.start, q.end - 1))
    if first is None or last is None:
        return q
    partitive = (
        last + 2 < len(tokens)
        and tokens[last + 1].lower_ == "of"
        and (tokens[last + 2].lower_ in _POSSESSIVE_DETS or tokens[last + 2].like_num)
    )
    # "34 of (the) 61 seats": the 61 is the whole the part is taken from.
    k = first - 1
    if k >= 0 and tokens[k].lower_ in _POSSESSIVE_DETS:
        k -= 1
    if k >= 1 and tokens[k].lower_ == "of" and tokens[k - 1].like_num:
        return replace(q, predicate=TOTAL, partitive=False)
    # The counted noun follows the figure in most shapes; the verb comes after the noun.
    after = last + 1
    if q.thing_text:
        # Only a thing written within 40 characters counts, so the search stops there.
        where = toks.text.find(q.thing_text, q.end, q.end + 40 + len(q.thing_text))
        if where != -1 and where - q.end <= 40:
            end_tok = toks.index(where + len(q.thing_text) - 1)
            after = end_tok + 1 if end_tok is not None else after
    predicate = ""
    i = after
    while i < len(tokens) and tokens[i].pos_ in _SKIP_RIGHT and i - after < 4:
        i += 1
    if i < len(tokens) and (tokens[i].pos_ == "VERB" or tokens[i].lower_ == "dead"):
        predicate = tokens[i].lemma_
    else:
        predicate = _verb_before(tokens, first)
    return replace(q, predicate=normalise(predicate) if predicate else "", partitive=partitive)
