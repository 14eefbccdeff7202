"""Dates and weekdays, resolved to calendar dates when the text or the publication date allows it.

spaCy finds most date phrases; a few patterns catch what it misses or cuts short ("the night of 17
September", "late on Wednesday night", "last night"). Each phrase is then read at the precision it gives:
a calendar day ("October 28", "11 June 2025") resolves on its own when it names the year and otherwise
takes the year nearest the publication date; a weekday ("on Monday") means the most recent one up to the
publication date, or the next one when the clause looks ahead ("will reopen on Friday"); "yesterday",
"last night" and "two days ago" count back from it. Durations ("for three days"), ranges ("3 to 5 June"),
recurring days ("every Saturday") and vague spans ("this week") name no single day and stay unresolved.
A month inside a name ("the Women's March", "a May Day rally") is no date at all.

Times of day ("at 2:45 p.m.", "around 7.20 pm", "Sunday afternoon") are read by `extract_times`, each with
the window of minutes its wording allows.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

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
_AGO = re.compile(r"\b(?:(?:about|around|some|roughly|nearly|almost)\s+)?(?:\d+|[a-z]+)\s+"
                  r"(?:years?|months?|weeks?|days?)\s+ago\b", re.IGNORECASE)
_RECURRING = {"every", "each"}
# Words before a date that make its clause look ahead: "will reopen on Friday", "is due on 3 May".
_FUTURE = {"will", "shall", "'ll", "due", "scheduled", "upcoming"}
_CLAUSE_BREAK = {",", ";", ":", "who", "which", "that", "after", "before", "since", "when", "while"}


def _month_number(name: str) -> int:
    name = name.lower().rstrip(".")
    return next(i + 1 for i, m in enumerate(MONTHS) if m.startswith(name[:3]))


def is_range(text: str) -> bool:
    return bool(_RANGE.search(text))


@lru_cache(maxsize=65536)
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
    for s in spans:
        ago = _AGO.search(text, s[0], s[1])
        if ago and ago.end() == s[1]:
            s[0] = ago.start()  # "a freighter nine years ago": the tagger took a noun in with the date
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
# Words that may stand capitalised before a month that is a date: "In March", "Last May", "Early June".
_BEFORE_A_MONTH = {"in", "since", "by", "until", "till", "last", "this", "next", "early", "late", "mid", "from",
                   "during", "through", "before", "after", "of", "on", "and", "or", "to", "between", "that"}
# After a month, these words followed by a capitalised one make a name: "March for Our Lives", "March on Rome".
_NAME_LINKS = {"for", "of", "on", "against", "to"}


def in_name(text: str, start: int, end: int) -> bool:
    """Is a month named alone ("March", "May") part of a proper name: "the Women's March", "a May Day
    rally", "the March for Our Lives", "the Pride March"? A month with a day or a year is a date."""
    phrase = text[start:end]
    parts = calendar_parts(phrase)
    if parts is None or parts[0] is not None or parts[2] is not None:
        return False
    month = _MONTH_ONLY.search(phrase)
    start, end = start + month.start("month"), start + month.end("month")  # the month word itself
    before = text[max(0, start - 40):start]
    if re.search(r"['\u2019]s\s*$", before):
        return True  # "Women's March"
    prior = re.search(r"([A-Za-z][\w-]*)\W*$", before)
    word = prior.group(1).rstrip("-").lower() if prior else ""
    if prior and prior.group(1)[0].isupper() and word not in _BEFORE_A_MONTH and word not in WEEKDAYS \
            and before.rstrip()[-1:] not in ".!?:\"'\u201c\u2018":
        return True  # "the Pride March", "Great March" (but "Mid-March", "In May")
    after = re.match(r"\s+([\w']+)(?:\s+([\w']+))?", text[end:])
    if after:
        nxt, then = after.group(1), after.group(2) or ""
        if nxt[0].isupper() and not nxt.isdigit():
            return True  # "May Day", "March Madness"
        if nxt.lower() in _NAME_LINKS and then[:1].isupper():
            return True  # "March for Our Lives", "March on Washington"
    return False


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
        if in_name(text, start, end):
            continue  # "the Women's March", "a May Day rally": a name, not a month
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


# --- times of day ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TimeMention:
    """A time of day as written ("around 2:50 p.m.", "Sunday afternoon") and the minutes it allows.

    `low`..`high` are minutes after midnight (`high` may pass 1440 for a night that runs into the next
    morning); `closed` says whether the ends themselves are allowed: an exact "at 2:45 p.m." is the closed
    point 2:45, while "around 2:50 p.m." is the open window between the rounder times either side of it.
    """

    text: str
    start: int
    end: int
    low: float
    high: float
    closed: bool
    zone: str | None  # "ET", "local time": a clock in another zone is not compared


_APPROX = r"(?:about|around|approximately|approx\.|roughly|some|circa|nearly|almost|close\s+to|sometime\s+around)"
_NEAR = r"(?:shortly|just|soon|a\s+little|a\s+few\s+minutes|minutes|moments)\s+(?P<side>before|after)"
_ZONE = (r"(?P<zone>\s+(?:local\s+time|(?:Eastern|Central|Pacific|Mountain|Greenwich)(?:\s+(?:Standard|Daylight))?"
         r"\s+Time|(?-i:(?:[ECMP][DS]?T|GMT|UTC|BST|CES?T|EES?T|IST|JST|KST|AE[DS]T|HKT|SGT|MSK))\b))?")
_CLOCK = re.compile(
    rf"(?:(?P<near>\b{_NEAR}\s+)|(?P<approx>\b(?:at\s+)?{_APPROX}\s+))?"
    r"\b(?P<h>[01]?\d)(?:[:.](?P<m>[0-5]\d))?\s?(?P<ap>[ap])\.?\s?m\b\.?" + _ZONE,
    re.IGNORECASE,
)
_CLOCK_24 = re.compile(
    rf"(?:(?P<near>\b{_NEAR}\s+)|(?P<approx>\b(?:at\s+)?{_APPROX}\s+))?"
    r"(?<![\d:.])\b(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)\b(?![:.]?\d)(?!\s?[ap]\.?\s?m\b)" + _ZONE,
    re.IGNORECASE,
)
_NOON = re.compile(rf"(?:(?P<near>\b{_NEAR}\s+)|(?P<approx>\b(?:at\s+)?{_APPROX}\s+))?\b(?P<noon>noon|midday)\b",
                   re.IGNORECASE)
# Parts of the day, as windows in minutes: open at both ends, since nobody draws the line at one minute.
_PARTS = {
    "morning": (0, 720), "afternoon": (720, 1080), "evening": (1020, 1380), "night": (1140, 1800),
    "early morning": (0, 540), "late morning": (540, 720), "early afternoon": (720, 900),
    "late afternoon": (900, 1110), "early evening": (1020, 1200), "late evening": (1200, 1440),
    "late night": (1260, 1740),
}
_PART = re.compile(
    r"\b(?:(?P<mod>early|late)\s+)?(?:on\s+)?(?:" + "|".join(WEEKDAYS) + r"|this|that|yesterday|tomorrow|last"
    r"|(?:in|on)\s+the)\s+(?:(?P<mod2>early|late)\s+)?(?P<part>morning|afternoon|evening|night)\b",
    re.IGNORECASE,
)
# Words before a time that make it a bound, not the time of the event: "until 5 p.m.", "since 6:10 a.m.".
_TIME_BOUNDS = {"before", "after", "by", "until", "till", "since", "from", "between", "through", "to", "and", "or",
                "of"}  # "as of 3 p.m.": when a count stood, not when anything happened
_RANGE_AFTER = re.compile(r"\s*(?:-|–|—|to|and|or|until|till)\s*(?:about\s+|around\s+)?\d")
# A time that recurs or is timetabled is not when one event happened: "usually departs at 3.20 pm".
_HABIT = re.compile(r"\b(?:usually|normally|typically|daily|every|each|regularly|routinely|timetabled|scheduled)\b",
                    re.IGNORECASE)
# A page's time stamp: "UPDATED 4:45 p.m.", "Posted/updated on: March 4, 2019 at 6:05 pm".
_STAMP_LABEL = re.compile(r"^\W*(?:last\s+)?(?:updated|posted|published|date)\b", re.IGNORECASE)


def _grain(minute: int) -> float:
    """Half the step a written minute suggests it was rounded to: 7:00 -> 15 (a quarter hour either way),
    7:20 -> 5, 2:45 -> 7.5, 7:08 -> 2."""
    if minute % 30 == 0:
        return 15
    if minute % 15 == 0:
        return 7.5
    if minute % 10 == 0:
        return 5
    if minute % 5 == 0:
        return 2.5
    return 2


def _window(at: float, minute: int | None, m: re.Match) -> tuple[float, float, bool]:
    """The minutes a clock time allows, from its wording: an exact minute is a point; a bare hour ("at 7
    pm") allows five minutes either way; "around" opens the window to the rounder times either side;
    "shortly before" / "a little after" allow a quarter of an hour on one side."""
    if m.group("near"):
        side = m.group("side").lower()
        return (at - 15, at, True) if side == "before" else (at, at + 15, True)
    if m.group("approx"):
        half = _grain(minute or 0)
        return at - half, at + half, False
    if minute is None:
        return at - 5, at + 5, True
    return at, at, True


def _bounded(text: str, start: int, end: int, near: bool) -> bool:
    """Is the time a bound or one end of a range ("until 5 p.m.", "between 1 and 2 a.m.", "9 a.m. to 5 p.m.")?"""
    word, _ = _word_before(text, start)
    if not near and word in _TIME_BOUNDS:
        return True
    if re.search(r"\d\s*(?:[ap]\.?\s?m\.?)?\s*(?:-|–|—|to|and|or)\s*$", text[max(0, start - 16):start]):
        return True
    return bool(_RANGE_AFTER.match(text, end))


def extract_times(text: str) -> tuple[TimeMention, ...]:
    """Times of day in one sentence: clock times with the window their wording allows, and parts of a day
    ("Sunday afternoon", "early Thursday morning"). Bounds, ranges, timetables and page stamps are left out."""
    if _HABIT.search(text):
        return ()
    clocks: list[TimeMention] = []
    written: list[tuple[int, int]] = []  # every clock time, bounds included: "since 6:10 a.m. Tuesday morning"
    for pattern in (_CLOCK, _CLOCK_24, _NOON):
        for m in pattern.finditer(text):
            written.append(m.span())
            groups = m.groupdict()
            if groups.get("noon"):
                at, minute = 720.0, 0
            else:
                hour, minute = int(m.group("h")), int(m.group("m")) if m.group("m") else None
                if groups.get("ap"):
                    if not 1 <= hour <= 12:
                        continue
                    hour = hour % 12 + (12 if m.group("ap").lower() == "p" else 0)
                elif not (hour >= 13 or m.group("zone")):
                    continue  # "at 7:20" could be morning or evening
                at = float(hour * 60 + (minute or 0))
            zone = (groups.get("zone") or "").strip() or None
            start = m.start("near") if m.group("near") else m.start("approx") if m.group("approx") else \
                m.start("noon" if groups.get("noon") else "h")
            end = m.end("zone") if zone else m.end()
            if _STAMP_LABEL.match(text) and start < 60:
                continue  # "Posted/updated on: March 4, 2019 at 6:05 pm", "UPDATED 4:45 p.m."
            if _bounded(text, start, end, bool(m.group("near"))):
                continue
            low, high, closed = _window(at, minute, m)
            phrase = text[start:end].rstrip()
            if re.search(r"[ap]m\.$", phrase, re.IGNORECASE) and end >= len(text.rstrip()):
                phrase = phrase[:-1]  # "around 7 pm." ends the sentence; "7 p.m." keeps its own dots
            clocks.append(TimeMention(phrase, start, start + len(phrase), low, high, closed, zone))
    parts = []
    for m in _PART.finditer(text):
        if any(start - 16 <= m.end() and m.start() <= end + 16 for start, end in written):
            continue  # "8 a.m. Sunday morning": the clock says it better
        if _word_before(text, m.start())[0] in _TIME_BOUNDS:
            continue  # "by early Thursday evening", "as of Sunday evening"
        mod = (m.group("mod2") or m.group("mod") or "").lower()
        part = m.group("part").lower()
        low, high = _PARTS.get(f"{mod} {part}".strip(), _PARTS[part])
        parts.append(TimeMention(m.group(0), m.start(), m.end(), low, high, False, None))
    return tuple(sorted(clocks + parts, key=lambda t: t.start))


_ZONES = {"eastern": ("et", "edt", "est", "eastern"), "central": ("ct", "cdt", "cst", "central"),
          "mountain": ("mt", "mdt", "mst", "mountain"), "pacific": ("pt", "pdt", "pst", "pacific"),
          "utc": ("gmt", "utc", "greenwich")}


def zone_key(zone: str | None) -> str | None:
    """One name for a time zone however written: "ET", "EDT", "Eastern Time" -> "eastern"."""
    if zone is None:
        return None
    word = zone.lower().split()[0]
    return next((k for k, names in _ZONES.items() if word in names), zone.lower())


def times_overlap(a: TimeMention, b: TimeMention) -> bool:
    """Can both times be right? Windows are compared a day apart as well, for a night past midnight."""
    for shift in (-1440, 0, 1440):
        low, high = max(a.low, b.low + shift), min(a.high, b.high + shift)
        if low < high:
            return True
        if low == high and _holds(a, low) and _holds(b, low - shift):
            return True  # one meeting point, inside both: an exact time on the edge of an "around" window is not
    return False


def _holds(t: TimeMention, minute: float) -> bool:
    if t.closed or t.low == t.high:
        return t.low <= minute <= t.high
    return t.low < minute < t.high


def stamped_at(text: str, start: int) -> bool:
    """Does only a page's stamp label stand before `start` ("date 2024-03-02", "Updated: 2 March 2024", "UPDATED
    4:45 p.m.")? Such a date or time is when the page was written or changed, not when anything happened."""
    return bool(re.fullmatch(r"\W*(?:last\s+)?(?:updated|posted|published|date)(?:\s*/\s*updated)?(?:\s+on)?\s*:?\s*",
                             text[:start], re.IGNORECASE))
