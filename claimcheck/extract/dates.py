"""Dates and weekdays, resolved to calendar dates when the publication date is known.

spaCy finds the date phrases; dateparser turns them into dates relative to the publication date
("on Monday" in an article of Wednesday 2024-10-30 is 2024-10-28). Durations ("five-year", "a week")
and vague spans ("this year") stay unresolved.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from claimcheck.records import DateMention

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
_DURATION = re.compile(r"\b(years?|months?|weeks?|days?|hours?|decades?|centur(?:y|ies))\b(?! ago)", re.IGNORECASE)
_HAS_CALENDAR = re.compile(r"\d|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|yesterday|today", re.IGNORECASE)


def _resolve(text: str, weekday: int | None, published: date | None) -> date | None:
    if published is None:
        return None
    if weekday is not None and not re.search(r"\d", text):
        # A bare weekday in news copy means the most recent one up to the publication date.
        back = (published.weekday() - weekday) % 7
        if re.search(r"\blast\b", text, re.IGNORECASE) and back == 0:
            back = 7
        if re.search(r"\bnext\b", text, re.IGNORECASE):
            return published + timedelta(days=(weekday - published.weekday()) % 7 or 7)
        return published - timedelta(days=back)
    if not _HAS_CALENDAR.search(text) or (_DURATION.search(text) and not re.search(r"\bago\b", text)):
        return None
    import dateparser  # slow to import; only needed when there is something to resolve

    base = datetime(published.year, published.month, published.day)
    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day"]},
    )
    return parsed.date() if parsed else None


def extract_dates(span, published: date | None) -> tuple[DateMention, ...]:
    """Date phrases in one sentence (spaCy Span or Doc), offsets relative to the sentence."""
    base = span[0].idx if len(span) else 0
    out = []
    for ent in span.ents:
        if ent.label_ != "DATE":
            continue
        found = _WEEKDAY.search(ent.text)
        weekday = WEEKDAYS.index(found.group(1).lower()) if found else None
        out.append(
            DateMention(
                text=ent.text,
                resolved=_resolve(ent.text, weekday, published),
                weekday=weekday,
                start=ent.start_char - base,
                end=ent.end_char - base,
            )
        )
    return tuple(out)
