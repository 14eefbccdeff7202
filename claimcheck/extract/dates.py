"""Dates and weekdays, resolved to calendar dates when the text or the publication date allows it.

spaCy finds most date phrases; a few patterns catch what it misses or cuts short ("the night of 17
September", "late on Wednesday night", "last night"). Each phrase is then read at the precision it gives:
a calendar day ("October 28", "11 June 2025") resolves on its own when it names the year and otherwise
takes the year nearest the publication date; a weekday ("on Monday") means the most recent one up to the
publication date, or the next one when the clause looks ahead ("will reopen on Friday"); "yesterday",
"last night" and "two days ago" count back from it. Durations ("for three days"), ranges ("3 to 5 June"),
recurring days ("every Saturday") and vague spans ("this week") name no single day and stay unresolved.
"""
from __future__ import annotations

import bisect
import re
from datetime import date, timedelta

from claimcheck.records import DateMention

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
# Full names take no dot (a dot after one ends the sentence); abbreviations may ("Sept. 17").
_MONTH = (r"(?P<month>(?:" + "|".join(MONTHS) + r")\b"
          r"|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?)")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b"
_YEAR = r"(?:,?\s+(?P<year>(?:1[89]|20)\d\d)\b)?"
_ON_WEEKDAY = r"(?:\b(?:" + "|".join(WEEKDAYS) + r"),?\s+)?"
_DAY_MONTH = re.compile(_ON_WEEKDAY + r"(?:the\s+)?" + _DAY + r"(?:\s+of)?\s+" + _MONTH + _YEAR, re.IGNORECASE)
_MONTH_DAY = re.compile(_ON_WEEKDAY + r"\b" + _MONTH + r"\s+(?:the\s+)?" + _DAY + _YEAR, re.IGNORECASE)
_ISO = re.compile(r"\b(?P<year>(?:1[89]|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
_SLASHED = re.compile(r"\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<year>(?:1[89]|20)\d\d)\b")
_MONTH_ONLY = re.compile(r"\b" + _MONTH + _YEAR, re.IGNORECASE)
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "a": 1}
_RELATIVE = re.compile(
    r"\b(?:the day before yesterday|yesterday|today|tonight|last night"
    r"|this (?:morning|afternoon|evening)|(?P<n>\d+|" + "|".join(_NUMBER_WORDS) + r") days? ago)\b",
    re.IGNORECASE,
)
# Two days or more in one phrase: "3 to 5 June", "between Monday and Wednesday", "June 3-5".
_RANGE = re.compile(
    r"\b(?:to|until|till|through|thru|and|or|between)\b|[–—]"
    r"|(?<![-\d])\b\d{1,2}\s*-\s*\d{1,2}\b(?!-)",  # "3-5 June", but not the "09-17" of "2025-09-17"
    re.IGNORECASE,
)
_RECURRING = {"every", "each"}
# Words before a date that make its clause look ahead: "will reopen on Friday", "is due on 3 May".
_FUTURE = {"will", "shall", "'ll", "due", "scheduled", "upcoming"}
_CLAUSE_BREAK = {",", ";", ":", "who", "which", "that", "after", "before", "since", "when", "while"}


def _month_number(name: str) -> int:
    name = name.lower().rstrip(".")
    return next(i + 1 for i, m in enumerate(MONTHS) if m.startswith(name[:3]))


def is_range(text: str) -> bool:
    return bool(_RANGE.search(text))


def calendar_parts(text: str) -> tuple[int | None, int, int | None] | None:
    """(year or None, month, day or None) that a phrase names; day None for a month ("in October 2024").

    None when the phrase names no month, or several days ("3 to 5 June"), or an impossible day.
    """
    if is_range(text):
        return None
    for pattern in (_DAY_MONTH, _MONTH_DAY, _ISO):
        found = pattern.search(text)
        if found:
            month = found.group("month")
            month = int(month) if month.isdigit() else _month_number(month)
            year = int(found.group("year")) if found.group("year") else None
            return _valid(year, month, int(found.group("day")))
    found = _SLASHED.search(text)
    if found:
        a, b = int(found.group("a")), int(found.group("b"))
        if a <= 12 and b <= 12 and a != b:
            return None  # 03/04/2025: day first or month first cannot be told apart
        day, month = (a, b) if a > 12 or a == b else (b, a)
        return _valid(int(found.group("year")), month, day)
    found = _MONTH_ONLY.search(text)
    if found and not re.search(r"\bmay\b", text) and not re.search(r"\d", text.replace(found.group("year") or "", "")):
        # A lower-case "may" is the verb; a stray number would be a day the patterns above did not read.
        return (int(found.group("year")) if found.group("year") else None), _month_number(found.group("month")), None
    return None


def _valid(year: int | None, month: int, day: int) -> tuple[int | None, int, int] | None:
    try:
        date(year or 2000, month, day)  # 2000 was a leap year: 29 February passes without a year
    except ValueError:
        return None
    return year, month, day


def relative_days(text: str) -> int | None:
    """How many days before the publication date a relative phrase points: 'yesterday' -> 1."""
    found = _RELATIVE.search(text)
    if not found:
        return None
    word = found.group(0).lower()
    if found.group("n"):
        n = found.group("n").lower()
        if n.isdigit():  # "a billion days ago" names no day (and Python reads at most 4,300 digits)
            return int(n) if len(n) <= 6 else None
        return _NUMBER_WORDS[n]
    if word == "the day before yesterday":
        return 2
    return 1 if word in ("yesterday", "last night") else 0


def nearest_year(month: int, day: int, published: date, future: bool = False) -> int | None:
    """The year a day without one most likely means: the latest one not after the publication date (the
    earliest one not before it when the clause looks ahead), allowing a week for loose tenses."""
    slack = timedelta(days=7)
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:  # 29 February outside a leap year
            continue
    if future:
        ahead = [d for d in candidates if d >= published - slack]
        return min(ahead).year if ahead else None
    behind = [d for d in candidates if d <= published + slack]
    return max(behind).year if behind else None


def resolve(text: str, weekday: int | None, published: date | None, future: bool = False) -> date | None:
    """The calendar day a phrase names, or None when it names none or needs a publication date it lacks."""
    try:
        return _resolve(text, weekday, published, future)
    except OverflowError:  # counted back or forward past year 1 or 9999 ("900000 days ago")
        return None


def _resolve(text: str, weekday: int | None, published: date | None, future: bool) -> date | None:
    parts = calendar_parts(text)
    if parts is not None:
        year, month, day = parts
        if day is None:
            return None
        if year is None:
            year = nearest_year(month, day, published, future) if published else None
        return date(year, month, day) if year else None
    if published is None or is_range(text):
        return None
    back = relative_days(text)
    if back is not None:
        return published - timedelta(days=back)
    if weekday is None:
        return None
    if re.search(r"\bnext\b", text, re.IGNORECASE):
        return published + timedelta(days=(weekday - published.weekday()) % 7 or 7)
    if future and not re.search(r"\blast\b", text, re.IGNORECASE):
        return published + timedelta(days=(weekday - published.weekday()) % 7)
    # A bare weekday in news copy means the most recent one up to the publication date.
    back = (published.weekday() - weekday) % 7
    if re.search(r"\blast\b", text, re.IGNORECASE) and back == 0:
        back = 7
    return published - timedelta(days=back)


def _spans(span) -> list[tuple[int, int]]:
    """Character spans of date phrases in the sentence: spaCy's, widened or completed by the patterns."""
    base = span[0].idx if len(span) else 0
    text = span.text
    spans = [[e.start_char - base, e.end_char - base] for e in span.ents if e.label_ == "DATE"]
    for pattern in (_DAY_MONTH, _MONTH_DAY, _ISO, _SLASHED, _WEEKDAY, _RELATIVE):
        for m in pattern.finditer(text):
            month = m.groupdict().get("month")
            if month and not month[0].isupper() and not month.isdigit():
                continue  # "may 5" in running text is the verb and a number
            spans.append([m.start(), m.end()])
    # Join what overlaps, and the parts of one day split by a comma: "Thursday" + "18 September". (Sorted
    # first, so joining costs n log n however many phrases a sentence holds.)
    spans.sort()
    merged: list[list[int]] = []
    for s in spans:
        last = merged[-1] if merged else None
        if last and (s[0] <= last[1] or _one_day(text[last[0]:last[1]], text[last[1]:s[0]], text[s[0]:s[1]])):
            merged[-1][1] = max(merged[-1][1], s[1])
        else:
            merged.append(list(s))
    return [(s, e) for s, e in merged]


def _one_day(left: str, gap: str, right: str) -> bool:
    """Are two phrases split only by a comma or space the parts of one day ("Monday, October 28", "June 11, 2025")?"""
    if not re.fullmatch(r",?\s*", gap):
        return False
    day_right = (calendar_parts(right) or (None, None, None))[2] is not None
    day_left = (calendar_parts(left) or (None, None, None))[2] is not None
    return bool(_WEEKDAY.fullmatch(left) and day_right or day_left and re.fullmatch(r"(?:1[89]|20)\d\d", right))


_WORD = re.compile(r"[\w']+")
_LOOKBACK = 64  # "every" or "each" stands right before the date, so a few words back is far enough


def _word_before(text: str, start: int) -> tuple[str, int]:
    """The last word before `start` (lower case) and where it starts, or ("", start)."""
    words = list(_WORD.finditer(text, max(0, start - _LOOKBACK), start))
    return (words[-1].group().lower(), words[-1].start()) if words else ("", start)


def looks_ahead(span, start: int, starts: list[int] | None = None) -> bool:
    """Does the clause before a date speak of something still to come? (`starts`: the offsets of the
    span's tokens, when the caller has them.)"""
    base = span[0].idx if len(span) else 0
    if starts is None:
        starts = [t.idx - base for t in span]
    k = bisect.bisect_left(starts, start)
    for tok in reversed(list(span[max(0, k - 10):k])):
        if tok.lower_ in _CLAUSE_BREAK:
            return False
        if tok.lower_ in _FUTURE:
            return True
    return False


def extract_dates(span, published: date | None) -> tuple[DateMention, ...]:
    """Date phrases in one sentence (spaCy Span or Doc), offsets relative to the sentence."""
    text = span.text
    base = span[0].idx if len(span) else 0
    starts = [t.idx - base for t in span]
    out = []
    for start, end in _spans(span):
        phrase = text[start:end]
        word, word_start = _word_before(text, start)
        if word in _RECURRING:
            # "every Saturday": a habit, not a day; kept as written so nobody reads it as one day.
            start = word_start
            phrase = text[start:end]
        found = _WEEKDAY.search(phrase)
        single = not is_range(phrase) and not phrase.lower().startswith(tuple(_RECURRING))
        weekday = WEEKDAYS.index(found.group(1).lower()) if found and single else None
        out.append(
            DateMention(
                text=phrase,
                resolved=resolve(phrase, weekday, published, looks_ahead(span, start, starts)) if single else None,
                weekday=weekday,
                start=start,
                end=end,
            )
        )
    return tuple(out)
