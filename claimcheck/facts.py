"""The facts file: who held which office when, as the user's record.

Facts never find a conflict; they only let a finding say which side matches the record on the articles'
dates. Format (YAML or JSON):

    offices:
      - office: Mayor of Saltmere        # any wording the articles use: "Saltmere Mayor" matches too
        holder: Anna-Liisa Kerber
        from: 2021-05-01                 # ISO dates; either may be left out or null (open-ended)
        to: null
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from claimcheck.capped_read import FACTS_LIMIT, read_capped
from claimcheck.errors import ClaimcheckError, shown
from claimcheck.extract.names import person_key
from claimcheck.extract.offices import office_key_from_text


@dataclass(frozen=True)
class Term:
    office: str  # as written in the facts file
    office_key: str  # "org|title", as the extractor keys offices
    holder: str
    holder_key: str
    start: date | None
    end: date | None

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


def _date(value, where: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):  # YAML reads "2024-05-01 10:00" as a datetime; a term is by day
        return value.date()
    if isinstance(value, date):
        return value
    try:
        if isinstance(value, str):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise ClaimcheckError(f"{where}: {shown(value)} is not a date (use YYYY-MM-DD)")


def load_facts(path: Path) -> tuple[Term, ...]:
    """Read a facts file; any problem is an error naming the file and the entry."""
    text = read_capped(path, "facts file", FACTS_LIMIT)
    kind = "JSON" if path.suffix.lower() == ".json" else "YAML"
    try:
        if kind == "JSON":
            data = json.loads(text)
        else:
            import yaml

            data = yaml.safe_load(text)  # the pure-Python loader: it raises on deep nesting, libyaml's can crash
    except RecursionError:
        raise ClaimcheckError(f"facts file {path} is not valid {kind}: nested too deeply to read") from None
    except Exception as exc:  # both parsers say where the syntax broke
        raise ClaimcheckError(f"facts file {path} is not valid {kind}: {exc}") from None
    entries = data.get("offices") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise ClaimcheckError(f"facts file {path}: expected a list under 'offices'")
    terms = []
    for n, entry in enumerate(entries, 1):
        where = f"facts file {path}, entry {n}"
        if not isinstance(entry, dict) or not entry.get("office") or not entry.get("holder"):
            raise ClaimcheckError(f"{where}: each entry needs 'office' and 'holder'")
        unknown = set(entry) - {"office", "holder", "from", "to", "source", "note"}
        if unknown:
            raise ClaimcheckError(f"{where}: unknown key(s) {', '.join(sorted(map(shown, unknown)))}")
        for name in ("office", "holder"):
            if not isinstance(entry[name], str):
                raise ClaimcheckError(f"{where}: {name!r} must be text, not {shown(entry[name])}")
        key = office_key_from_text(entry["office"])
        if not key:
            raise ClaimcheckError(f"{where}: {shown(entry['office'])} does not read as an office (e.g. 'Mayor of Saltmere')")
        terms.append(Term(
            office=str(entry["office"]), office_key=key, holder=str(entry["holder"]),
            holder_key=person_key(str(entry["holder"])),
            start=_date(entry.get("from"), where), end=_date(entry.get("to"), where),
        ))
    return tuple(terms)


def same_person(a: str, b: str) -> bool:
    """Person keys name the same person when one's words contain the other's ('kerber' / 'anna kerber')."""
    wa, wb = set(a.split()), set(b.split())
    return bool(wa) and bool(wb) and (wa <= wb or wb <= wa)


def record_note(terms: tuple[Term, ...], office_key: str, day: date | None, named: dict[str, str]) -> str:
    """A sentence on which named holder the record supports; '' when the record says nothing useful.

    `named` maps each person key the sources name to the name as written.
    """
    relevant = [t for t in terms if t.office_key == office_key]
    if not relevant:
        return ""
    if day is not None:
        holders = [t for t in relevant if t.covers(day)]
        if not holders:
            return f" The facts file has no holder of this office on {day.isoformat()}."
        term = holders[0]
        match = [shown for key, shown in named.items() if same_person(key, term.holder_key)]
        if match:
            others = sorted(shown for key, shown in named.items() if not same_person(key, term.holder_key))
            return (f" On {day.isoformat()} the facts file has {term.holder} in office, so the sources naming "
                    f"{' or '.join(others)} are out of date or wrong.")
        return f" On {day.isoformat()} the facts file has {term.holder} in office, whom no source names."
    spans = "; ".join(
        f"{t.holder} {_span(t)}" for t in sorted(relevant, key=lambda t: (t.start or date.min, t.holder))
    )
    return f" The facts file has: {spans}; the articles carry no date to check against."


def _span(term: Term) -> str:
    if term.start and term.end:
        return f"from {term.start.isoformat()} to {term.end.isoformat()}"
    if term.start:
        return f"since {term.start.isoformat()}"
    if term.end:
        return f"until {term.end.isoformat()}"
    return "(no dates given)"
