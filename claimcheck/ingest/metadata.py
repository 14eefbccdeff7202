"""Pick article metadata out of whatever keys a file uses, and parse the publication date."""
from __future__ import annotations

from datetime import date, datetime

# Accepted spellings for each field, first match wins; keys are compared case-insensitively.
ALIASES = {
    "source": ("source", "outlet", "publisher", "sitename", "site_name", "site"),
    "url": ("url", "link", "canonical_url"),
    "published": ("published", "date", "published_at", "pubdate", "publication_date"),
    "title": ("title", "headline"),
    "id": ("id",),
}


def pick(meta, name: str):
    """The first non-empty value under any alias of `name`, or None."""
    lowered = {str(k).lower(): v for k, v in meta.items()} if isinstance(meta, dict) else {}
    for key in ALIASES[name]:
        value = lowered.get(key)
        if value is not None and value != "":
            return value
    return None


def text_field(meta, name: str) -> str | None:
    value = pick(meta, name)
    if isinstance(value, (dict, list)):  # a nested structure is not a usable title or name
        return None
    return None if value is None else str(value).strip() or None


def parse_date(value) -> date | None:
    """A date from a date, a datetime or a string; None (never an error) when it cannot be read."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        from dateutil import parser as dateparser

        return dateparser.parse(value.strip()).date()
    except (ValueError, OverflowError, TypeError, AttributeError):
        return None
