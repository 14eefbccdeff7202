"""Turn an article's text into Blocks: normalised paragraphs, headings and list items, furniture dropped.

Every character of a Block's text remembers where it came from in the article text, so later stages
can point at the exact place a sentence sits. All rules are general; none names a site.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from claimcheck.records import Block, OffsetMap

_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
})
# An em dash at the start of a line is usually dialogue, so it is not taken for a bullet.
_BULLET = re.compile(r"(?:[-*+\u2022\u00b7\u25aa\u2023\u25e6\u25cf\u25a0\u25a1\u2013]|\d{1,3}[.)])\s+(?=\S)")
_MD_HEADING = re.compile(r"#{1,6}\s+(?=\S)")
_TERMINAL = (".", "!", "?", '"', "'", ":", "\u2026")  # a line ending so is a sentence (or leads into one)
_MINOR = frozenset(
    "a an and as at but by for from in into nor of off on or out over per than the to up via vs with "
    "amid among after before between under".split()
)

# Lines made only of site navigation; matched against the whole line (case-insensitive).
_NAV = re.compile(r"""
    share (\s+ (it|this|on|via|with|article|story) \b .*)?
  | (\d+ \s*)? comments? (\s* \(? \d+ \)?)?
  | (leave|add|post|view|show|read|see) \s+ (a\s+|all\s+)? comments?
  | most \s+ (read|commented|popular|viewed|shared|emailed|watched) \b .*
  | (related|recommended|more|latest|top|breaking|trending|popular|editor'?s \s+ picks?)
      (\s+ (articles?|stories|news|content|posts|reads?|headlines|links|videos|coverage|now))* (\s* : .*)?
  | just \s+ in | must [-\s] reads? | you \s+ (may|might) \s+ (also \s+)? like \b .*
  | advertisements? | sponsored (\s+ content)? | ads? | paid \s+ content
  | (subscribe|sign \s+ up) \b .* | (log|sign) \s* (in|out) | register | newsletters?
  | (read|see) \s+ (more|also|next) \b .* | continue \s+ reading \b .* | click \s+ here \b .*
  | skip \s+ to \b .* | (quick|direct) \s+ access \s+ to \b .* | back \s+ to \s+ top | jump \s+ to \b .*
  | follow \s+ us \b .* | all \s+ rights \s+ reserved \b .* | (copyright \s*)? \u00a9 .* | copyright \s+ \d{4} \b .*
  | ((print|e-?mail|tweet|whatsapp|facebook|twitter|linkedin|telegram|reddit|pinterest|copy \s+ link) \W*)+
  | menu | search | home
  | \[ [^\]]{1,30} \] [^.!?]*     # a bracketed section label: "[Label] Section name"
""", re.I | re.X)
_NAV_MAX_WORDS = 20  # navigation lines are short; a longer line is prose even if it starts like one
# A longer paragraph (a whole article on one line, a text with no line breaks) is cut into blocks of at
# most this many characters, at a sentence end or else a space: spaCy refuses texts over a million
# characters, and reading a sentence's entities scans its whole block, so one huge block costs the square
# of its length. Real paragraphs stay far below (the longest in the test sets has 614 characters).
MAX_BLOCK_CHARS = 20_000
_SENTENCE_END = re.compile(r"[.!?][\"')\]]? (?=[\"'(\[]?[A-Z])")  # ". The", '?" She', ".) A"
_LETTERS = re.compile(r"[^\W\d_]*")


@dataclass
class _Line:
    text: str
    pos: list[int]  # pos[i]: offset in the article text of text[i]
    end: int  # offset of the line break after this line: a space inserted when joining maps there
    kind: str = ""  # "list_item" when a bullet was removed, "heading" for a Markdown heading


def clean_text(text: str, start: int = 0) -> tuple[Block, ...]:
    """Blocks for `text[start:]`, with offsets into `text`."""
    lines = _drop_furniture([line for line in _split(text, start) if line.text])
    merged: list[_Paragraph] = []
    for line in lines:
        if merged and _continues(merged[-1], line):
            _join(merged[-1], line)
        else:
            merged.append(_Paragraph(line))
    paragraphs = [p.line() for p in merged]
    blocks = []
    for i, line in enumerate(paragraphs):
        kind = _kind(line, has_next=i + 1 < len(paragraphs))
        for a, b in _cuts(line.text, MAX_BLOCK_CHARS):
            blocks.append(Block(line.text[a:b], kind, _offset_map(line.pos[a:b])))
    return tuple(blocks)


def _cuts(text: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) of the parts of `text` of at most `limit` characters: each cut at the last sentence end
    in the second half of the part, else at its last space (the space dropped), else anywhere."""
    parts, a = [], 0
    while len(text) - a > limit:
        # A cut at a space drops it; the space may stand right after the part's last allowed character.
        ends = [m.end() - 1 for m in _SENTENCE_END.finditer(text, a + limit // 2, a + limit + 3)]
        ends = [e for e in ends if e <= a + limit]
        if ends:
            cut, a_next = ends[-1], ends[-1] + 1
        else:
            space = text.rfind(" ", a + limit // 2, a + limit + 1)
            cut, a_next = (space, space + 1) if space != -1 else (a + limit, a + limit)
        parts.append((a, cut))
        a = a_next
    parts.append((a, len(text)))
    return parts


# --- lines -----------------------------------------------------------------------------------------

def _split(text: str, start: int) -> list[_Line]:
    lines, pos = [], start
    for raw in text[start:].splitlines(keepends=True):
        body = raw.splitlines()[0]
        lines.append(_normalise(body, pos, pos + len(body)))
        pos += len(raw)
    return lines


def _normalise(body: str, at: int, end: int) -> _Line:
    chars: list[str] = []
    pos: list[int] = []
    for i, ch in enumerate(body):
        if ch.isspace():  # tabs, no-break and other odd spaces, runs of them: one plain space
            if chars and chars[-1] != " ":
                chars.append(" ")
                pos.append(at + i)
        elif unicodedata.category(ch) not in ("Cc", "Cf"):  # zero-width, soft hyphen, BOM: invisible
            chars.append(ch.translate(_QUOTES))
            pos.append(at + i)
    if chars and chars[-1] == " ":
        chars.pop()
        pos.pop()
    line = _Line("".join(chars), pos, end)
    for pattern, kind in ((_MD_HEADING, "heading"), (_BULLET, "list_item")):
        m = pattern.match(line.text)
        if m:  # the marker goes; the offsets of what follows stay exact
            line.text, line.pos, line.kind = line.text[m.end():], line.pos[m.end():], kind
            break
    return line


# --- furniture -------------------------------------------------------------------------------------

def _drop_furniture(lines: list[_Line]) -> list[_Line]:
    counts = Counter(line.text for line in lines)
    seen: set[str] = set()
    kept: list[_Line] = []
    after_furniture = False
    i = 0
    while i < len(lines):
        line = lines[i]
        # Repeated lines are sidebars and headline lists shown twice; a repeated real sentence
        # (a pull quote, say) keeps its first appearance.
        repeated = counts[line.text] > 1 and (line.text in seen or not _is_sentence(line.text))
        seen.add(line.text)
        if repeated or _is_furniture(line.text):
            after_furniture = True
            i += 1
            continue
        if after_furniture and line.kind == "list_item":
            # A bullet list of headlines under a furniture line ("Most read", "[Label] ...") is a teaser list.
            j = i
            while j < len(lines) and lines[j].kind == "list_item":
                j += 1
            if all(_is_headline(other.text) for other in lines[i:j]):
                i = j
                continue
        after_furniture = False
        kept.append(line)
        i += 1
    return kept


def _is_furniture(text: str) -> bool:
    if not any(ch.isalpha() for ch in text):  # counters, rules, stray numbers
        return True
    if " " not in text and _is_bare_token(text):
        return True
    if len(text.split()) > _NAV_MAX_WORDS:
        return False
    return bool(_NAV.fullmatch(text.strip(" .:\u2026|\u2022\u00b7-"))) or _is_breadcrumb(text)


def _is_bare_token(token: str) -> bool:
    """An email address, a URL or a reference code (several digit groups), standing alone."""
    lowered = token.lower()
    return "@" in token or "://" in token or lowered.startswith("www.") or len(re.findall(r"\d+", token)) >= 2


def _is_breadcrumb(text: str) -> bool:
    """ "Home | World | Business": three or more short capitalised items between separators."""
    parts = re.split(r"\s*[|\u203a\u00bb>]\s*|\s+/\s+", text)
    return len(parts) >= 3 and all(p and len(p.split()) <= 3 and p[0].isupper() for p in parts)


def _is_title(text: str) -> bool:
    """Title Case: at least two words besides small function words, and 80% of those capitalised."""
    words = [w for w in text.split() if any(ch.isalpha() for ch in w)]
    major = [w for w in words if w.strip("\"'()[]:;,.!?").lower() not in _MINOR]
    if len(major) < 2:
        return False
    capitalised = sum(next(ch for ch in w if ch.isalpha()).isupper() for w in major)
    return capitalised >= 0.8 * len(major)


def _is_headline(text: str) -> bool:
    # Headlines may end in "?" or a closing quote, but not in a full stop.
    return _is_title(text) and not text.endswith(".")


def _is_sentence(text: str) -> bool:
    return text.endswith(_TERMINAL) and not _is_title(text)


# --- joining lines ---------------------------------------------------------------------------------

class _Paragraph:
    """Lines being joined into one paragraph. Its text grows in pieces and is put together once at the end:
    building it anew for every line made a long hard-wrapped text take quadratic time."""

    def __init__(self, line: _Line):
        self.pieces = [line.text]
        self.pos = list(line.pos)
        self.end = line.end
        self.kind = line.kind

    def add(self, text: str, pos: list[int]) -> None:
        self.pieces.append(text)
        self.pos.extend(pos)

    def last(self, n: int) -> str:
        """The last `n` characters (fewer when the text is shorter)."""
        out = ""
        for piece in reversed(self.pieces):
            out = piece[-(n - len(out)):] + out
            if len(out) == n:
                break
        return out

    def pop(self) -> int:
        """Remove the last character; its offset in the article text."""
        while not self.pieces[-1]:
            self.pieces.pop()
        self.pieces[-1] = self.pieces[-1][:-1]
        return self.pos.pop()

    def letters_at_end(self) -> str:
        """The run of letters the text ends with."""
        found = []
        for piece in reversed(self.pieces):
            i = len(piece)
            while i > 0 and piece[i - 1].isalnum() and not piece[i - 1].isdecimal():  # [^\W\d_]
                i -= 1
            found.append(piece[i:])
            if i > 0:
                break
        return "".join(reversed(found))

    def line(self) -> _Line:
        return _Line("".join(self.pieces), self.pos, self.end, self.kind)


def _continues(prev: _Paragraph, nxt: _Line) -> bool:
    """`nxt` carries on `prev`: prev stops mid-sentence (or mid-word) and nxt starts in lower case."""
    if nxt.kind or prev.kind == "heading" or not nxt.text[:1].islower():
        return False
    t = prev.last(2)
    return t[-1].islower() or t[-1] == "," or (t[-1] == "-" and len(t) > 1 and t[-2].islower())


def _join(prev: _Paragraph, nxt: _Line) -> None:
    hyphen = prev.last(1) == "-"
    hyphen_at = prev.pop() if hyphen else None  # put back below unless the word was broken there
    head = prev.letters_at_end()
    tail = _LETTERS.match(nxt.text).group()
    if head and tail and not nxt.text.startswith("-", len(tail)) and _broken_word(head, tail):
        # "negotia" + "tions": one word; a line-break hyphen ("recon-" + "struction") goes too.
        prev.add(nxt.text, nxt.pos)
    elif hyphen:  # "well-" + "known": a compound split at its own hyphen
        prev.add("-", [hyphen_at])
        prev.add(nxt.text, nxt.pos)
    else:  # the same sentence carried on to the next line
        prev.add(" ", [prev.end])
        prev.add(nxt.text, nxt.pos)
    prev.end = nxt.end


def _broken_word(head: str, tail: str) -> bool:
    """Whether head+tail is one word broken in two: the joined word is known and a piece is not a word."""
    from wordfreq import zipf_frequency  # here, not at the top: most articles have no broken line

    return zipf_frequency((head + tail).lower(), "en") > 1.5 and not (_plausible(head) and _plausible(tail))


def _plausible(word: str) -> bool:
    # wordfreq counts contraction pieces ("s", "ve", "re") as words, so short pieces need a much higher
    # frequency to count as words on their own.
    from wordfreq import zipf_frequency

    word = word.lower()
    if len(word) == 1:
        return word in ("a", "i")
    return zipf_frequency(word, "en") >= (5.5 if len(word) == 2 else 4.5)


# --- blocks ----------------------------------------------------------------------------------------

def _kind(line: _Line, has_next: bool) -> str:
    if line.kind:
        return "heading" if line.kind == "list_item" and _is_headline(line.text) else line.kind
    if _is_headline(line.text):
        return "heading"
    words = len(line.text.split())
    # A short unpunctuated line is a heading when text follows; three words or fewer (a label, a
    # byline, an outlet name) are never a sentence wherever they stand.
    if not line.text.endswith(_TERMINAL) and (words <= 3 or (words <= 12 and has_next)):
        return "heading"
    return "paragraph"


def _offset_map(pos: list[int]) -> OffsetMap:
    segments: list[list[int]] = []
    for i, p in enumerate(pos):
        if segments and segments[-1][1] + segments[-1][2] == p:
            segments[-1][2] += 1
        else:
            segments.append([i, p, 1])
    return OffsetMap(tuple(tuple(s) for s in segments))
