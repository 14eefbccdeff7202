"""A page's date stamp at the top of its text: "date 2024-03-02", "Published: March 2, 2024", "Updated 2 Mar 2024 10:15 GMT".

Copied pages often begin with the date the page was published or updated. It is the article's publication date
(when no metadata gives one), never a sentence about the event: read as text, "date 2024-03-02 The toll rose
to 40" would put a page date in front of the first fact, and a date comparator would take it for the day the
event happened.
"""
from __future__ import annotations

import re
from datetime import date

from claimcheck.ingest.metadata import parse_date

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+"
_DATE = (rf"(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}})?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?"
         rf"|(?:{_DAY})?(?P<words>{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}})")
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+(?-i:[A-Z]{2,5})\b)?)?"
# The label is what makes it a stamp: a bare date opening a text may be a dateline of the story itself.
_STAMP = re.compile(
    rf"\s*(?:date|published(?:\s+on)?|updated(?:\s+on)?|last\s+updated|posted(?:\s+on)?)\s*:?\s*(?:{_DATE}){_TIME}"
    r"(?:\s*[|·•]\s*)?",
    re.I,
)


def leading_stamp(text: str, start: int = 0) -> tuple[date | None, int]:
    """The stamp's date (None when it cannot be read as one) and where the text after it starts;
    (None, start) when the text does not open with a stamp."""
    m = _STAMP.match(text, start)
    if not m:
        return None, start
    end = m.end()
    if end < len(text) and not text[end].isspace() and not text[end - 1].isspace() and text[end - 1] not in "|·•":
        return None, start  # "Dated 2024-03-02x": not a stamp standing alone
    if m.group("iso"):
        try:
            return date.fromisoformat(m.group("iso")), end
        except ValueError:
            return None, end
    return parse_date(m.group("words")), end
