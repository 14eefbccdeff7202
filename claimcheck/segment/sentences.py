"""Split cleaned blocks into sentences and mark the ones that are not reported fact.

spaCy's statistical sentence recogniser does the splitting (the same pass feeds the extractors, so the
text is tagged once). A sentence keeps its offsets into the article's own text and its 1-based line.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from claimcheck.records import Article, Block, Sentence

# "Jane Doe (JD): ..." or "JD: ..." opens a turn in an interview transcript.
_SPEAKER_TURN = re.compile(r"^(?:[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}(?: \([A-Z]{1,4}\))?|[A-Z]{1,4}):\s")
# Labels of photo captions and page furniture, never a speaker: "Top: An aerial view of ...".
_CAPTION_LABELS = {"top", "bottom", "left", "right", "above", "below", "photo", "photos", "pictured", "caption",
                   "file", "source", "credit", "image", "video", "watch", "read", "related", "inset", "main"}
_INTERVIEW_OPENER = re.compile(r"^(?:interview|q&a|transcript)\b", re.IGNORECASE)
# The sentence recogniser leaves text without sentence punctuation as one "sentence", however long; such a
# run is cut between tokens into pieces of at most this many characters, so no later stage reads more at
# once. Real sentences stay well under it (the longest in the test sets has 424 characters), and the
# embedding model reads only about this much of a sentence anyway.
MAX_SENTENCE_CHARS = 1_000


@dataclass(frozen=True)
class SentenceSpan:
    """A sentence with the spaCy span it came from, handed straight to the extractors."""

    sentence: Sentence
    span: object  # spacy.tokens.Span; kept out of the records so they stay plain


def line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def block_roles(blocks: tuple[Block, ...]) -> list[str]:
    """The role every sentence of a block inherits: heading, interview or fact.

    A transcript is recognised by its speaker turns ("JD: ..."); one such line alone is more likely a
    dateline ("SEOUL: ..."), so it takes two turns, one speaker speaking twice, to start a transcript, which
    then runs to the end. Caption labels ("Top: ...", "Bottom: ...") are no speakers.
    """
    labels = [_turn_label(b.text) for b in blocks]
    seen: dict[str, int] = {}
    for keys in labels:
        for key in keys:
            seen[key] = seen.get(key, 0) + 1
    repeated = any(n > 1 for n in seen.values())
    turns = [bool(x) and repeated for x in labels]
    opens = [t or (bool(_INTERVIEW_OPENER.match(b.text)) and b.kind != "list_item") for t, b in zip(turns, blocks)]
    first = next((i for i, o in enumerate(opens) if o), None) if sum(turns) >= 2 else None
    roles: list[str] = []
    for i, block in enumerate(blocks):
        if first is not None and i >= first:
            roles.append("interview")
        elif block.kind == "heading":
            roles.append("heading")
        else:
            roles.append("fact")
    return roles


def _turn_label(text: str) -> set[str]:
    """The ways a turn names its speaker: "Jane Roe (JR): ..." -> {"jane roe", "jr"}; none for a caption."""
    m = _SPEAKER_TURN.match(text)
    if not m:
        return set()
    label = m.group(0).rstrip(": \t").lower()
    if label in _CAPTION_LABELS:
        return set()
    name, _, short = label.partition(" (")
    return {name, short.rstrip(")")} - {""}


def sentence_role(block_role: str, text: str) -> str:
    if block_role != "fact":
        return block_role
    stripped = text.strip()
    if stripped.endswith("?") or stripped.endswith('?"'):
        return "question"
    if stripped.startswith('"') and stripped.count('"') >= 2 and stripped.rstrip(".").endswith('"'):
        return "quote"
    return "fact"


def segment_article(article: Article, docs: list) -> list[SentenceSpan]:
    """Sentences of one article; `docs` are the spaCy docs of its blocks, in order."""
    starts = line_starts(article.text)
    roles = block_roles(article.blocks)
    out: list[SentenceSpan] = []
    for block, doc, role in zip(article.blocks, docs, roles):
        for span in (piece for sent in doc.sents for piece in _pieces(sent, MAX_SENTENCE_CHARS)):
            text = span.text.strip()
            if not any(ch.isalnum() for ch in text):
                continue
            lead = len(span.text) - len(span.text.lstrip())
            first = span.start_char + lead
            last = first + len(text) - 1
            start = block.offsets.to_original(first)
            end = block.offsets.to_original(last) + 1
            sentence = Sentence(
                article_id=article.id,
                index=len(out),
                text=text,
                start=start,
                end=end,
                line=bisect.bisect_right(starts, start),
                role=sentence_role(role, text),
                list_item=block.kind == "list_item",
            )
            out.append(SentenceSpan(sentence, span))
    return out


def _pieces(span, limit: int) -> list:
    """`span`, or when it is longer than `limit` characters, runs of its tokens no longer than that (a
    single longer token stays whole)."""
    if span.end_char - span.start_char <= limit:
        return [span]
    pieces, first = [], 0
    for i, token in enumerate(span):
        if i > first and token.idx + len(token) - span[first].idx > limit:
            pieces.append(span[first:i])
            first = i
    pieces.append(span[first:])
    return pieces
