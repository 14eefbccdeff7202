"""Places named in one sentence: where the sentence puts something, and what it says lies inside what.

A place is a proper name: a run of proper nouns (hyphens and "St." allowed inside), with a trailing common
noun when it says what kind of place it is ("Ketterby chemical plant", "the Westmarch region"). spaCy's
labels only rule names out (people, dates, named organisations); the small model labels invented or rare
towns ORG or NORP as often as GPE (and "in Sainte-Odile" FAC), so the words around a name decide what it
is, never its label alone.

Three things are read off those words:
- a placement: a name governed by a locative preposition ("in", "at", "near", "north of", "in the town
  of"), with the chain of larger places written after it ("at the Corran Mill in Lenfield, Westmarch",
  "20 km east of Lenfield, in Westmarch's Dallin province");
- containment: "X, Y", "X in Y" (where X is a place of something or a venue), "X, a town in Y", "the
  Y town of X", "Y's X" and "X, in the Y province" say X lies inside Y, wherever they occur. A name that
  is part of another name ("Port Ardent" / "Ardent Bay") says nothing about containment;
- nearness: "X north of Y", "X, near Y" put X close to Y.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from claimcheck.extract.names import fold

# Kinds of place, finest first. "" = the words around the name do not say.
VENUE, SETTLEMENT, REGION = "venue", "settlement", "region"

# Trailing nouns that make a name a venue: "Halvard Stadium", "Brisk Street depot".
VENUE_WORDS = {
    "arena", "stadium", "hall", "mill", "warehouse", "plant", "factory", "station", "airport", "airfield",
    "hospital", "clinic", "school", "university", "college", "academy", "market", "square", "plaza",
    "bridge", "centre", "center", "park", "cathedral", "church", "chapel", "mosque", "temple", "synagogue",
    "palace", "castle", "hotel", "theatre", "theater", "museum", "library", "tower", "depot", "mine",
    "refinery", "terminal", "prison", "jail", "base", "camp", "embassy", "consulate", "courthouse", "mall",
    "building", "headquarters", "street", "avenue", "road", "lane", "boulevard", "highway", "motorway",
    "tunnel", "dam", "pier", "dock", "docks", "quay", "wharf", "club", "restaurant", "cafe", "store",
    "supermarket", "farm", "zoo", "gallery", "auditorium", "pavilion", "complex", "compound", "facility",
    "junction", "checkpoint", "barracks", "stadion", "racecourse", "circuit", "showground", "fairground",
}
# Trailing or leading nouns that make a name an area larger than a town. The first set is dropped from
# the key ("the Westmarch region" is Westmarch); the second is part of the name ("Marrow Island").
REGION_SUFFIXES = {"region", "province", "county", "district", "prefecture", "oblast", "canton", "governorate",
                   "municipality", "territory", "state"}
REGION_WORDS = {"island", "islands", "peninsula", "valley", "coast", "mountains", "highlands", "basin",
                "delta", "plain", "plains", "desert", "forest", "bay", "gulf", "sea", "lake", "river"}
SETTLEMENT_WORDS = {"city", "town", "village", "hamlet", "suburb", "borough", "settlement", "capital", "port"}
# Last words of organisations: "at Lenfield Council" is not a place.
ORG_WORDS = {
    "ministry", "party", "council", "corp", "corporation", "inc", "ltd", "llc", "plc", "group", "company",
    "co", "bank", "police", "army", "navy", "force", "forces", "court", "committee", "agency", "union",
    "association", "federation", "commission", "department", "office", "service", "services", "authority",
    "institute", "foundation", "government", "administration", "network", "news", "times", "post",
    "press", "herald", "tribune", "guard", "brigade", "battalion", "regiment", "team", "fc",
}
_NOT_PLACE_LABELS = {"DATE", "TIME", "LANGUAGE", "MONEY", "CARDINAL", "ORDINAL", "PERCENT", "QUANTITY"}
# Labels the small model gives unknown towns about as often as to what they say: "a rally in Dunmore"
# (PERSON), "in Ashby" (PRODUCT). Such a name counts only where the wording makes it a place.
_DOUBTFUL_LABELS = {"PERSON", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
_CALENDAR = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
             "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
             "sunday", "christmas", "easter"}

# Prepositions that put something inside a place, and those that put it only close to one.
EXACT = {"in", "at", "inside", "within", "on"}
VICINITY = {"near", "outside", "around", "off", "beside", "nearby"}
DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
              "north-east", "north-west", "south-east", "south-west"}
_EDGES = {"outskirts", "coast", "edge", "shores", "shore", "banks", "fringes"}  # "on the outskirts of": near
_PARTS = {"heart", "centre", "center", "middle", "suburbs", "outskirts", "part", "parts"}
_DISTANCES = {"km", "kilometres", "kilometers", "miles", "mile", "metres", "meters", "kilometre", "kilometer"}
_LEAD_SKIP_POS = {"DET", "ADJ", "NUM"}


@dataclass(frozen=True)
class Place:
    text: str  # as written, without a leading "the": "Lenfield", "Ketterby chemical plant"
    key: str  # normalised for comparison: "lenfield"
    level: str  # VENUE | SETTLEMENT | REGION | "" as the words around it say
    start: int  # token indices in the sentence's doc
    end: int
    char_start: int  # offsets in the sentence's text
    char_end: int
    doubtful: bool = False  # labelled a person, product...: a place only where the wording makes it one
    worded: bool = False  # the level comes from words ("Dallin province", "the town of"), not the model's label


@dataclass(frozen=True)
class Placement:
    """Something in the sentence happened at `places[0]`; `places[1:]` are larger places the phrase names with
    it ("at the Corran Mill in Lenfield, Westmarch", "in the Westmarch town of Lenfield")."""

    places: tuple[Place, ...]
    preposition: str  # as written: "in", "near", "20 km north of"
    near: bool  # only close to the place, not in it
    lead: int  # token index where the prepositional phrase starts


def location_key(text: str) -> str:
    """'the Westmarch region' -> 'westmarch'; 'Sainte-Odile' and 'Ste Odile' -> 'sainte odile'."""
    text = fold(text)
    text = re.sub(r"['’]s\b", "", text)
    text = re.sub(r"[-‐–—'’.]", " ", text)
    parts = text.split()
    if parts and parts[0] == "the":
        parts = parts[1:]
    expand = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "port"}
    parts = [expand.get(p, p) for p in parts]
    while len(parts) > 1 and parts[-1] in REGION_SUFFIXES | {"city", "town", "village"}:
        parts = parts[:-1]
    return " ".join(parts)


def _label_at(i: int, labels: list[str]) -> str:
    return labels[i] if 0 <= i < len(labels) else ""


def _token_labels(doc, entities) -> list[str]:
    """Entity label per token, from the claim's entities (character offsets) or spaCy's own."""
    labels = [""] * len(doc)
    spans = [(e.start, e.end, e.label) for e in entities] if entities else [
        (e.start_char, e.end_char, e.label_) for e in doc.ents
    ]
    tokens = list(doc)
    starts = [t.idx for t in tokens]
    for start, end, label in spans:
        # The tokens overlapping [start, end): from the one holding `start` to the last starting before `end`.
        first = max(0, bisect.bisect_right(starts, start) - 1)
        for t in tokens[first:bisect.bisect_left(starts, end)]:
            if t.idx < end and t.idx + len(t.text) > start:
                labels[t.i] = label
    return labels


def _is_name_token(t) -> bool:
    if t.lower_ in _CALENDAR:
        return False
    if t.pos_ == "PROPN" or t.tag_ in ("NNP", "NNPS"):
        return t.text[:1].isupper() or t.text[:1].isdigit()
    # A capitalised word inside a sentence that the tagger took for a noun or adjective ("Ardent").
    return t.i > 0 and t.text[:1].isupper() and t.pos_ in ("NOUN", "ADJ") and t.text.isalpha()


def find_places(doc, entities=()) -> list[Place]:
    """Every proper name in the sentence that may be a place, in order."""
    labels = _token_labels(doc, entities)
    out = []
    i = 0
    n = len(doc)
    while i < n:
        if not _is_name_token(doc[i]):
            i += 1
            continue
        j = i + 1
        while j < n:
            t = doc[j]
            if _is_name_token(t):
                j += 1
            elif t.text in ("-", "‐") and j + 1 < n and doc[j + 1].text[:1].isalpha() and j > i:
                j += 2  # "Sainte-Odile", "Stratford-upon-Avon"
            else:
                break
        # A trailing common noun saying what kind of place it is: "Ketterby chemical plant", "Westmarch region".
        k = j
        while k < n and k - j < 3 and doc[k].pos_ in ("NOUN", "ADJ") and doc[k].text.islower():
            k += 1
        tail = [doc[m].lower_ for m in range(j, k)]
        kinds = VENUE_WORDS | REGION_SUFFIXES | REGION_WORDS
        kind_at = next((m for m in range(len(tail) - 1, -1, -1) if tail[m] in kinds), None)
        end = j + kind_at + 1 if kind_at is not None else j
        place = _make_place(doc, i, end, labels)
        if place:
            out.append(place)
        i = max(end, i + 1)
    return out


def _make_place(doc, start: int, end: int, labels: list[str]) -> Place | None:
    span_labels = {_label_at(m, labels) for m in range(start, end)} - {""}
    if span_labels & _NOT_PLACE_LABELS:
        return None
    words = [doc[m].lower_ for m in range(start, end)]
    last = words[-1]
    if last in ORG_WORDS:
        return None
    if len(words) == 1 and doc[start].text.isupper() and len(doc[start].text) > 1 and "ORG" in span_labels:
        return None  # an acronym of an organisation: "at the WHRA"
    text = doc[start:end].text
    level = ""
    if last in VENUE_WORDS:
        level = VENUE
    elif last in REGION_SUFFIXES or last in REGION_WORDS or "LOC" in span_labels:
        level = REGION
    elif "GPE" in span_labels:
        level = SETTLEMENT
    key = location_key(text)
    if not key:
        return None
    return Place(text, key, level, start, end, doc[start].idx - doc[0].idx,
                 doc[end - 1].idx + len(doc[end - 1].text) - doc[0].idx, bool(span_labels & _DOUBTFUL_LABELS),
                 last in VENUE_WORDS or last in REGION_SUFFIXES or last in REGION_WORDS)


def _skip_back(doc, j: int) -> int:
    """Index of the first token before `j` that is not an article, adjective or number."""
    while j >= 0 and (doc[j].pos_ in _LEAD_SKIP_POS and doc[j].text.islower() or doc[j].lower_ in ("the", "a")):
        j -= 1
    return j


def _lead(doc, place: Place) -> tuple[int, str, bool, str] | None:
    """(start index, preposition as written, near?, level the wording gives) for a place, or None.

    "in Lenfield", "at the Corran Mill", "near Port Ardent", "20 km north of Karsvik", "in the town of
    Tessaly", "on the outskirts of Lenfield". "the mayor of Lenfield" and "from Lenfield" are not placements.
    """
    j = _skip_back(doc, place.start - 1)
    if j < 0:
        return None
    word = doc[j].lower_
    level = ""
    if word == "of":
        k = _skip_back(doc, j - 1)
        if k < 0:
            return None
        head = doc[k].lower_
        if head in DIRECTIONS or head in _EDGES:
            before = _skip_back(doc, k - 1)
            inside = head in DIRECTIONS and before >= 0 and doc[before].lower_ == "in"  # "in the north of X"
            if inside:
                return before, doc[before:place.start].text, False, ""
            start = k
            while start > 1 and doc[start - 1].text in ("-", "‐") and doc[start - 2].lower_ in DIRECTIONS:
                start -= 2  # "east-northeast of"
            while start > 0:
                if start > 3 and doc[start - 1].text == ")" and doc[start - 4].text == "(" and all(
                        doc[m].like_num or doc[m].lower_ in _DISTANCES for m in (start - 3, start - 2)):
                    start -= 4  # "40 kilometres (25 miles) west of": the distance in other units
                elif (doc[start - 1].lower_ in _DISTANCES or doc[start - 1].like_num
                      or doc[start - 1].lower_ in ("some", "about", "the", "on", "off", "just")):
                    start -= 1
                else:
                    break
            return start, doc[start:place.start].text, True, ""
        if head in SETTLEMENT_WORDS:
            level = SETTLEMENT
        elif head in REGION_SUFFIXES or head in REGION_WORDS:
            level = REGION
        elif head not in _PARTS:
            return None  # "the mayor of Lenfield"
        j = _skip_back(doc, k - 1)
        while j >= 0 and doc[j].pos_ == "ADJ" and doc[j].ent_type_ == "NORP":  # "the southern Westmarchian province"
            j = _skip_back(doc, j - 1)
        if j < 0:
            return None
        word = doc[j].lower_
    if word == "to" and j > 0 and doc[j - 1].lower_ in ("close", "next", "near"):
        return j - 1, doc[j - 1:place.start].text, True, level
    if word == "from" and j > 0 and doc[j - 1].lower_ in _DISTANCES:
        start = j - 1
        while start > 0 and (doc[start - 1].like_num or doc[start - 1].lower_ in ("some", "about")):
            start -= 1
        return start, doc[start:place.start].text, True, level
    if word in EXACT:
        if word == "on" and place.level != VENUE and not level:
            return None  # "sanctions on Westmarch", "an attack on Lenfield": a target, not a site
        return j, doc[j:place.start].text, False, level
    if word in VICINITY:
        return j, doc[j:place.start].text, True, level
    return None


def _apposition_ok(doc, places: list[Place], inner: int) -> bool:
    """Is places[inner+1] written as the place that contains places[inner] ("Lenfield, Westmarch")?"""
    a, b = places[inner], places[inner + 1]
    if b.start != a.end + 1 or doc[a.end].text != ",":
        return False
    # A list ("Lenfield, Ashby and Corran"): the second name is followed by "and", "or" or another name,
    # or the first is preceded by one.
    nxt = b.end
    if nxt < len(doc):
        t = doc[nxt]
        if t.lower_ in ("and", "or", "'s", "’s") or t.pos_ in ("NOUN", "PROPN", "NUM"):
            return False
        if t.text == "," and nxt + 1 < len(doc) and (doc[nxt + 1].lower_ in ("and", "or") or (
                inner + 2 < len(places) and places[inner + 2].start == nxt + 1)):
            return False
    if a.start > 0:
        before = doc[a.start - 1]
        listed = before.text == "," and inner > 0 and places[inner - 1].end == a.start - 1
        if before.lower_ in ("and", "or") or listed:
            return False
    return True


def _contained_in(doc, places: list[Place], inner: int, placed: bool) -> bool:
    """Is places[inner+1] written as containing places[inner]: "X, Y" or "X in (the northern province of) Y"?

    "X in Y" counts only where X is itself a place of something or a venue, or Y is named as a region:
    "signed a pact with Estmark in Orvale" does not put Estmark in Orvale.
    """
    if inner + 1 >= len(places):
        return False
    if _apposition_ok(doc, places, inner):
        return True
    a, b = places[inner], places[inner + 1]
    if a.end < len(doc) and doc[a.end].lower_ in ("in", "inside", "within"):
        lead = _lead(doc, b)
        return bool(lead) and lead[0] == a.end and not lead[2] and (placed or a.level == VENUE or b.level == REGION)
    return False


def chains(doc, places: list[Place], leads: list) -> list[tuple[int, ...]]:
    """Runs of place indices, each inside the next: [Corran Mill, Lenfield, Westmarch]."""
    out, i = [], 0
    while i < len(places):
        run = [i]
        while _contained_in(doc, places, run[-1], bool(leads[run[0]])):
            run.append(run[-1] + 1)
        out.append(tuple(run))
        i = run[-1] + 1
    return out


@dataclass(frozen=True)
class SentencePlaces:
    places: tuple[Place, ...]
    placements: tuple[Placement, ...]
    containment: tuple[tuple[Place, Place], ...]  # (inner, outer) as the sentence states
    nearby: tuple[tuple[Place, Place], ...] = ()  # (a, b): "a north of b", "a, near b"


def _with_level(p: Place, level: str, worded: bool = False) -> Place:
    return Place(p.text, p.key, level, p.start, p.end, p.char_start, p.char_end, p.doubtful, p.worded or worded)


def read_places(doc, entities=()) -> SentencePlaces:
    """The places of one sentence, where it puts things, and what it says lies inside what."""
    places = find_places(doc, entities)
    # A name labelled a person or a product is kept right after a locative preposition (but not as an
    # owner: "at Dunmore's house"), or where the wording names it as a town: "the Estmark capital, Karsvik".
    at = _by_start(places)
    towns = {_kind_then_name(doc, p, at) for p in places}
    places = [
        p for m, p in enumerate(places)
        if not p.doubtful or m in towns
        or (_lead(doc, p) and not (p.end < len(doc) and doc[p.end].lower_ in ("'s", "’s")))
    ]
    at = _by_start(places)
    leads = [_lead(doc, p) for p in places]
    # "the town of Tessaly", "the northern province of Saldor": the wording gives the kind of place, over the
    # model's guess (a GPE label reads as a town).
    places = [_with_level(p, lead[3], True) if lead and lead[3] and p.level != VENUE else p
              for p, lead in zip(places, leads)]
    runs = chains(doc, places, leads)
    found = []
    for run in runs:
        first, lead = places[run[0]], leads[run[0]]
        if not lead:
            continue
        start, prep, near, _ = lead
        # "in the Estmark capital, Karsvik", "in the Westmarch town of Lenfield", "in Westmarch's Dallin
        # province": the town (or province) is the place.
        named = _kind_then_name(doc, first, at)
        if named is None and len(run) == 1:
            named = _owned(doc, first, at)
        # "in the Westmarch crisis": the name only qualifies the noun after it ("Lenfield north of Ashby" does not).
        after = doc[first.end] if first.end < len(doc) else None
        if (named is None and after is not None and after.pos_ == "NOUN" and after.text.islower()
                and after.ent_type_ not in ("DATE", "TIME") and after.lower_ not in DIRECTIONS):
            continue
        if named is not None and len(run) == 1:
            run = (named, run[0])
            first = _with_level(places[named], places[named].level or SETTLEMENT)
        # A list of places ("in Lenfield and Ashby") is an event in several places, not one.
        last = places[run[-1]]
        if last.end < len(doc) and doc[last.end].lower_ in ("and", "or") and any(
            p.start in (last.end + 1, last.end + 2) for p in places
        ):
            continue
        if not first.level:
            # The small model labels unknown towns ORG or NORP as often as GPE: "in Ashby" reads as a
            # town, "at Ashby" as a site.
            first = _with_level(first, VENUE if prep.split()[-1] == "at" else SETTLEMENT)
        found.append(Placement((first, *(places[m] for m in run[1:]), *_set_in(doc, places, leads, at, max(run))),
                               prep, near, start))
    pairs = [(places[r[m]], places[r[m + 1]]) for r in runs for m in range(len(r) - 1)]
    nearby = []
    for m, (a, b) in enumerate(zip(places, places[1:])):
        if _described_in(doc, a, b):  # "Lenfield, a town in Westmarch"
            pairs.append((a, b))
        if _kind_then_name(doc, a, at) == m + 1 or _owned(doc, a, at) == m + 1:
            pairs.append((b, a))  # "the Westmarch town of Lenfield", "Westmarch's Lenfield"
        lead = leads[m + 1]
        comma = a.end < len(doc) and doc[a.end].text == ","
        if lead and (lead[0] == a.end or comma and lead[0] == a.end + 1):
            if lead[2]:
                nearby.append((a, b))  # "Lenfield north of Ashby", "Lenfield, near Ashby"
            elif comma and lead[1].split()[0].lower() == "in":
                region = _region_named(doc, b, places, at)
                if region is not None:  # "20 km east of Lenfield, in the Dallin province"
                    pairs.append((a, region))
    return SentencePlaces(tuple(places), tuple(found), tuple(dict.fromkeys(pairs)), tuple(nearby))


def _set_in(doc, places: list[Place], leads: list, at: dict[int, int], m: int) -> tuple[Place, ...]:
    """The region written after places[m] as ", in the Dallin province" or ", in Westmarch's Dallin province",
    and the place that owns it: (Dallin province, Westmarch), or ()."""
    a = places[m]
    if m + 1 >= len(places) or a.end >= len(doc) or doc[a.end].text != ",":
        return ()
    lead = leads[m + 1]
    if not lead or lead[0] != a.end + 1 or lead[2] or lead[1].split()[0].lower() != "in":
        return ()
    region = _region_named(doc, places[m + 1], places, at)
    if region is None:
        return ()
    owner = places[m + 1] if region is not places[m + 1] else None
    return (region, owner) if owner else (region,)


def _owned(doc, a: Place, at: dict[int, int]) -> int | None:
    """"Westmarch's Lenfield", "Westmarch’s Dallin province": the index of the place that a's name owns."""
    if a.end + 1 < len(doc) and doc[a.end].lower_ in ("'s", "’s"):
        return at.get(a.end + 1)
    return None


def _region_named(doc, b: Place, places: list[Place], at: dict[int, int]) -> Place | None:
    """The region in ", in the Dallin province" or ", in Westmarch's Dallin province" (b the first name after
    "in"), when the wording makes it one: a region word, or a name owned by another; None otherwise."""
    owned = _owned(doc, b, at)
    if owned is not None:
        return places[owned]
    return b if b.level == REGION else None


_KIND_NOUNS = SETTLEMENT_WORDS | REGION_SUFFIXES | REGION_WORDS | VENUE_WORDS | {"community", "district", "area"}


def _skip_modifiers(doc, j: int) -> int:
    """Back over articles, adjectives and noun modifiers: "a small port" -> the token before "a"."""
    while j >= 0 and doc[j].text.islower() and doc[j].pos_ in ("DET", "ADJ", "NOUN", "NUM", "ADV"):
        j -= 1
    return j


def _described_in(doc, a: Place, b: Place) -> bool:
    """"Lenfield, a town in Westmarch" / "Lenfield is a small port in Westmarch": a lies inside b."""
    j = _skip_back(doc, b.start - 1)
    if j < 1 or doc[j].lower_ not in ("in", "of") or doc[j - 1].lower_ not in _KIND_NOUNS:
        return False
    k = _skip_modifiers(doc, j - 2)
    return k == a.end and (doc[k].text == "," or doc[k].lemma_ == "be") or (
        k == a.end + 1 and doc[a.end].lemma_ == "be" and doc[k].pos_ == "ADV")


def _by_start(places: list[Place]) -> dict[int, int]:
    """Index of each place by its first token (no two places start at one token)."""
    return {p.start: m for m, p in enumerate(places)}


def _kind_then_name(doc, a: Place, at: dict[int, int]) -> int | None:
    """"the Westmarch town of Lenfield", "the Estmark capital, Karsvik": the index of the town among the
    places, which `at` gives by their first token."""
    k = a.end
    while k < len(doc) and k - a.end < 3 and doc[k].pos_ in ("ADJ", "NOUN") and doc[k].text.islower():
        k += 1  # "border town", "coastal city"
    if k == a.end or doc[k - 1].lower_ not in SETTLEMENT_WORDS | VENUE_WORDS:
        return None
    if k >= len(doc) or doc[k].lower_ not in ("of", ","):
        return None
    return at.get(k + 1)
