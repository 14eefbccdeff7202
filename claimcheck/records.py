"""The plain, immutable records that pass between stages.

Every stage takes and returns these; none of them holds behaviour beyond small derived helpers.
Offsets (`start`, `end`) always point into `Article.text`, the article's text as decoded (for HTML,
the extracted main text), so a reader can find a sentence where the article has it.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Skipped:
    """An input that was not read, and why (the reason names what is wrong, the path names the file)."""

    path: str
    reason: str


@dataclass(frozen=True)
class ReadWarning:
    """A file that was read all the same, and what had to be repaired or left out to read it (a cut-off last
    character, stray Windows-1252 bytes, a second front-matter block): not a reason to skip it, but worth a
    look, since the text compared may differ from what its author meant."""

    path: str
    message: str


@dataclass(frozen=True)
class OffsetMap:
    """Maps offsets in cleaned text back to the original text.

    `segments` holds (clean_start, original_start, length) runs, sorted by clean_start: inside a run the
    two texts advance together; between runs the cleaner inserted, dropped or rejoined characters.
    """

    segments: tuple[tuple[int, int, int], ...]

    def to_original(self, i: int) -> int:
        if not self.segments:
            return i
        k = bisect.bisect_right(self.segments, (i, float("inf"), 0)) - 1
        if k < 0:
            return self.segments[0][1]
        clean_start, orig_start, length = self.segments[k]
        return orig_start + min(i - clean_start, length)


@dataclass(frozen=True)
class Block:
    """One paragraph, heading or list item of an article after cleaning.

    `text` is cleaned (quotes and whitespace normalised, words broken across lines rejoined);
    `offsets` maps positions in `text` to positions in `Article.text`.
    """

    text: str
    kind: str  # "paragraph" | "heading" | "list_item"
    offsets: OffsetMap


@dataclass(frozen=True)
class Article:
    id: str  # stable and unique within a run: the source stem, de-duplicated
    path: str  # as given on the command line (or found under a folder given there)
    source: str  # outlet, or the file stem when no metadata says
    text: str  # decoded text that offsets refer to
    content_hash: str  # sha256 of `text`: survives renames
    published: date | None = None
    title: str | None = None
    url: str | None = None
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True)
class Sentence:
    article_id: str
    index: int  # position in the article, 0-based
    text: str  # cleaned sentence text
    start: int  # offsets into Article.text
    end: int
    line: int  # 1-based line of `start` in Article.text
    role: str  # "fact" | "heading" | "question" | "interview" | "quote" (only a direct quote)
    list_item: bool = False

    @property
    def is_fact(self) -> bool:
        return self.role in ("fact", "quote")


@dataclass(frozen=True)
class Quantity:
    """A figure as stated: "more than 1,400 flooded homes"."""

    text: str  # the figure exactly as written, with its bound words: "more than 1,400"
    value: float  # the central figure, in base units (7000.0; 1.2 million -> 1200000.0)
    low: float | None  # the interval the wording allows; None = unbounded on that side
    high: float | None
    bound: str  # "exact" | "about" | "more_than" | "less_than" | "range" | "vague"
    unit: str  # normalised unit ("dollar", "percent", "km") or "" for a plain count
    thing: str  # the counted thing, normalised: "soldier"
    thing_text: str  # the counted thing as written: "Estmarkian reservists"
    start: int  # offsets of `text` in the sentence's text
    end: int
    predicate: str = ""  # what happened to the counted thing, normalised: "die", "injure", "evacuate"
    partitive: bool = False  # "two of its five piers": a part of a larger count, not the count itself


@dataclass(frozen=True)
class Entity:
    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, NORP, DATE, ...
    start: int  # offsets in the sentence's text
    end: int


@dataclass(frozen=True)
class OfficeClaim:
    """A sentence says `person` holds `office`: "Harbour Board Chairman Piet Ostrander"."""

    office_key: str  # normalised, for grouping: "harbour board|chairman"
    office_text: str  # as written: "Harbour Board Chairman"
    person_key: str  # normalised person name: "piet ostrander"
    person_text: str  # as written: "Piet Ostrander"
    start: int  # offsets of the person's name in the sentence's text
    end: int


@dataclass(frozen=True)
class DateMention:
    text: str  # as written: "on Monday", "October 28"
    resolved: date | None  # calendar date when the publication date allows it
    weekday: int | None  # 0=Monday .. 6=Sunday when the text names one
    start: int
    end: int


@dataclass(frozen=True)
class Claim:
    """What one sentence asserts, as far as the extractors can tell."""

    sentence: Sentence
    entities: tuple[Entity, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    offices: tuple[OfficeClaim, ...] = ()
    dates: tuple[DateMention, ...] = ()
    speaker: str | None = None  # who the sentence attributes its content to, when it says


@dataclass(frozen=True)
class ClaimCluster:
    id: int
    claims: tuple[Claim, ...]

    @property
    def articles(self) -> frozenset[str]:
        return frozenset(c.sentence.article_id for c in self.claims)


@dataclass(frozen=True)
class Statement:
    article_id: str
    path: str
    sentence: str
    value: str  # the disagreeing value exactly as written
    start: int
    end: int
    line: int


@dataclass(frozen=True)
class Finding:
    id: str  # stable fingerprint
    kind: str  # numeric | entity_role | date | location | attribution | negation | other
    severity: str  # error | warning | info
    subject: str
    explanation: str
    statements: tuple[Statement, ...]


@dataclass(frozen=True)
class Mention:
    """One sentence of a shared claim, located in its article's text."""

    article_id: str
    start: int
    end: int
    line: int


@dataclass(frozen=True)
class SharedClaim:
    """A cluster whose sentences come from two or more articles: what the tool compared with what."""

    id: int
    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class Report:
    tool_version: str
    articles: tuple[Article, ...]
    findings: tuple[Finding, ...]
    skipped: tuple[Skipped, ...]
    stats: dict = field(default_factory=dict, compare=False, hash=False)  # counts and timings
    shared: tuple[SharedClaim, ...] = ()  # the clusters reported by more than one article
    warnings: tuple[ReadWarning, ...] = ()  # files read all the same, with what was repaired
