"""The same event placed in different places by different articles.

Two sentences from different articles describe one event when they say much the same (cosine similarity
of their embeddings) and share its anchor, an event verb or noun in the clause that governs the place ("a
fire broke out in ...", "the blast at ..."), with nothing that tells the events apart: another object
("opened a school" / "opened a clinic"), another event noun, other named parties, other figures, another
day, a plan against a deed. The place of the event is the name after a locative preposition in that
clause (see extract.locations), not any place the sentence mentions: "Dunmore's mayor said the fire broke
out in Lenfield" puts the fire in Lenfield.

Whether places nest is read from the articles themselves: "Lenfield, Westmarch", "in Lenfield in the
Westmarch region" or "in Westmarch's Lenfield" anywhere in the corpus puts Lenfield inside Westmarch; and,
for real places the articles leave unplaced, from an offline gazetteer (extract.gazetteer: a city in its
country or state). One name with or without a word for its kind ("Lenfield market station" / "Lenfield
station") is one place; a part of a place ("South Westmarch") nests with the place and what it holds.
Places that are the same or nest are no conflict, nor are a region and a town that lie in one larger place
(the region may hold the town), nor "near Ashby" and a town the corpus puts near Ashby ("Lenfield north of
Ashby"). Two towns or two venues that do not nest cannot both be the place of one event (error); a place
only "near" another, one that may be a region around the other, a town the articles put in another region
than the one named, or an event that covers an area (a storm, protests) can still be reconciled (warning);
a venue and a town it may lie in are worth a look (info). A place where someone spoke ("at a briefing in
Dunmore") is compared only with other such places. An article that itself gives two unrelated places for
the event is telling of several sites and takes no part.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from claimcheck.compare.common import (
    Groups,
    Guard,
    by_group,
    fingerprint,
    name_sources,
    statement,
)
from claimcheck.embed.neighbours import pairs_among
from claimcheck.extract import gazetteer
from claimcheck.extract.locations import (
    REGION,
    REGION_SUFFIXES,
    REGION_WORDS,
    SETTLEMENT,
    SETTLEMENT_WORDS,
    VENUE,
    VENUE_WORDS,
    Placement,
    SentencePlaces,
    read_places,
)
from claimcheck.extract.names import fold, place_key, words
from claimcheck.extract.nlp import sentence_docs
from claimcheck.extract.predicates import normalise
from claimcheck.extract.vocabulary import (
    CENTRE_WORDS,
    EPICENTRE_NOUNS,
    QUAKE_STRIKE_WORDS,
)
from claimcheck.records import Article, Claim, Finding

MIN_SIMILARITY = 0.45  # cosine; below it two sentences tell different stories, even with one verb
# With one event verb and one thing it is done to ("signed a trade pact" / "the pact was signed"), the
# words say enough to need only loosely related sentences.
MIN_SIMILARITY_SAME_THEME = 0.3
# Two placements of one event's centre ("the quake was centred in ..." / "... centered 30 km east of ..."): the
# frame words carry the match, as event frames do for dates, so the sentences may say less alike around them.
FRAME_SIMILARITY = 0.3
SAME_SPELLING = 90  # rapidfuzz ratio of two keys above which they are one name spelled two ways
SUBJECT_WORDS = 8  # longer event descriptions are cut down to the event noun and its verb

_RANK = {VENUE: 0, SETTLEMENT: 1, REGION: 2}
_ORDER = {"error": 3, "warning": 2, "info": 1}

# Nouns that name an event, under one name for the ways news copy says it.
_EVENT_NOUNS = {
    "fire": "fire", "blaze": "fire", "inferno": "fire", "flame": "fire", "wildfire": "wildfire",
    "explosion": "explosion", "blast": "explosion", "detonation": "explosion",
    "earthquake": "earthquake", "quake": "earthquake", "tremor": "earthquake",
    "flood": "flood", "flooding": "flood", "storm": "storm", "hurricane": "storm", "typhoon": "storm",
    "cyclone": "storm", "tornado": "tornado", "landslide": "landslide", "mudslide": "landslide",
    "avalanche": "avalanche", "eruption": "eruption", "crash": "crash", "collision": "crash",
    "derailment": "derailment", "accident": "accident", "incident": "incident", "collapse": "collapse",
    "sinking": "sinking", "spill": "spill", "leak": "leak", "outbreak": "outbreak",
    "attack": "attack", "assault": "attack", "bombing": "bombing", "airstrike": "airstrike",
    "shooting": "shooting", "stabbing": "stabbing", "raid": "raid", "ambush": "ambush", "battle": "battle",
    "clash": "clash", "fighting": "fighting", "offensive": "offensive", "riot": "riot", "unrest": "riot",
    "protest": "protest", "demonstration": "protest", "rally": "protest", "march": "protest",
    "strike": "strike", "walkout": "strike", "summit": "summit", "meeting": "meeting", "talks": "meeting",
    "conference": "conference", "ceremony": "ceremony", "funeral": "funeral", "vigil": "vigil",
    "concert": "concert", "festival": "festival", "parade": "parade", "match": "match", "race": "race",
    "election": "election", "vote": "vote", "referendum": "vote", "trial": "trial", "hearing": "hearing",
    "robbery": "robbery", "heist": "robbery", "kidnapping": "kidnapping", "abduction": "kidnapping",
    "murder": "killing", "killing": "killing", "hijacking": "hijacking", "evacuation": "evacuation",
    "rescue": "rescue", "launch": "launch", "landing": "landing", "visit": "visit", "speech": "speech",
    "search": "search", "manhunt": "search",
}
# Events that cover an area and are reported from several places at once (and any event in the plural:
# "protests", "fires"): two towns for one of them may both be right, so they are a warning at most.
_SPREAD = {"storm", "flood", "fighting", "battle", "offensive", "outbreak", "evacuation", "tornado",
           "earthquake", "wildfire"}
# Nouns too common to tell one event from another.
_GENERIC_NOUNS = {"people", "person", "man", "woman", "child", "official", "police", "resident", "authority",
                  "government", "group", "member", "time", "year", "day", "week", "month", "hour", "part",
                  "number", "lot", "way", "thing", "area", "place", "site"}
_MASS_PLURALS = {"flame", "talk"}  # plural in form, one event in fact
_MOVING = {"storm", "tornado"}  # events that travel: where "the storm was centred" changes by the hour
_VERB_SYNONYMS = {"begin": "start", "ignite": "start", "occur": "happen", "erupt": "break"}
# Verbs that say nothing about which event: who said it, or that something was or went on.
_REPORTING = {"say", "tell", "report", "announce", "confirm", "add", "state", "claim", "note", "accord",
              "believe", "think", "know", "describe", "explain", "insist", "deny", "warn", "write", "post",
              "ask", "urge", "allege", "suggest", "estimate", "quote", "cite"}
_LIGHT = {"be", "have", "do", "get", "become", "seem", "appear", "continue", "remain", "keep", "go"}
# Verbs of where someone is based or lives, not of an event: "the Lenfield-based agency", "based in Ashby".
_SEATED = {"base", "headquarter", "station", "live", "reside"}
# Words of speaking to the press: a place they govern ("told a briefing in Dunmore") is where someone spoke,
# not where the event they spoke of happened.
_SPEAKING = {"briefing", "brief", "reporter", "journalist", "press", "interview", "statement", "speech", "remark",
             "announcement", "broadcast", "podcast", "speak", "testify", "testimony", "conference"}
# Words a place's name may carry besides its own: "the Lenfield market station" is the Lenfield station.
_KIND_WORDS = VENUE_WORDS | REGION_SUFFIXES | REGION_WORDS | SETTLEMENT_WORDS | {"bazar", "bazaar", "city", "town"}
# First words of a part of a place: "South Westmarch" lies in Westmarch and may hold any of its places.
_DIRECTIONAL = {w for w in gazetteer.DIRECTION_WORDS if " " not in w}
# Words that end the clause an event phrase belongs to, scanning outwards from it.
_SUBORDINATORS = {"after", "before", "when", "while", "because", "since", "although", "though", "until",
                  "as", "following", "amid", "despite", "whereas", "but", "so", "if", "unless", "that"}
_BREAKS = {",", ";", ":", "—", "–", "(", ")", '"', "“", "”"}


@dataclass(frozen=True)
class Located:
    """A sentence that puts an event somewhere."""

    claim: Claim
    row: int  # the claim's row in the vector matrix
    placement: Placement
    anchors: frozenset[str]  # event verbs and nouns of the clause that governs the place
    nouns: frozenset[str]  # its event nouns only
    objects: tuple[tuple[str, str], ...]  # (verb, the head noun after it): "open" -> "school"
    numbers: frozenset[str]  # figures in the clause: "three" in "killed three people"
    themes: frozenset[str]  # the clause's other nouns: "pact" in "signed a trade pact"
    spread: str  # the event noun when the event covers an area ("storm", "protests"), else ""
    future: bool  # "will be held": a plan, not what happened
    parties: frozenset[str]  # words of the people, organisations and nations named in the clause
    subject: str  # "where the fire broke out"
    speaking: bool = False  # the place is where someone spoke ("told a briefing in Dunmore"), not of the event
    frames: frozenset[str] = frozenset()  # "centre:earthquake": the clause places the centre of a quake

    @property
    def article(self) -> str:
        return self.claim.sentence.article_id

    @property
    def where(self) -> str:
        """The place as the article puts it: "in Lenfield", "at the Corran Mill in Lenfield, Westmarch"."""
        return f"{self.placement.preposition} {self.value}"

    @property
    def value(self) -> str:
        """The place and the larger places written with it: "Corran Mill in Lenfield, Westmarch"."""
        places = self.placement.places
        start, end = min(p.char_start for p in places), max(p.char_end for p in places)
        return self.claim.sentence.text[start:end]


# ---------------------------------------------------------------------------------------------- places


@lru_cache(maxsize=4096)
def _core(key: str) -> tuple[str, frozenset[str]]:
    """A key without the words that say what kind of place it is, and those words: "lenfield market station"
    -> ("lenfield", {"market", "station"})."""
    parts = key.split()
    return " ".join(p for p in parts if p not in _KIND_WORDS), frozenset(p for p in parts if p in _KIND_WORDS)


def _base(key: str) -> str:
    """"south westmarch" -> "westmarch": the place a directional name is a part of; "" for other names."""
    first, _, rest = key.partition(" ")
    return rest if first in _DIRECTIONAL and rest else ""


@lru_cache(maxsize=262144)
def _same_name(a: str, b: str) -> bool:
    """One name however written: case, accents, "the", hyphens, spacing, a letter's slip, or a word that
    says what kind of place it is ("Lenfield market station" / "Lenfield station")."""
    if a == b or a.replace(" ", "") == b.replace(" ", ""):
        return True
    if min(len(a), len(b)) >= 5 and fuzz.ratio(a, b) >= SAME_SPELLING:
        return True
    (ca, ka), (cb, kb) = _core(a), _core(b)
    # Not "Lenfield station" / "Lenfield airport": two kinds of place that share a town's name.
    return bool(ca) and ca == cb and (ka <= kb or kb <= ka)


class Geography:
    """What the corpus says about its places: which lie inside which, which lie near which, and how large each
    is; and, where the corpus does not say, what the gazetteer knows of cities, divisions and countries."""

    def __init__(self, read: list[SentencePlaces], demonyms: set[str]):
        self.parents: dict[str, set[str]] = {}
        self.near: dict[str, set[str]] = {}  # key -> keys of places the corpus puts near it ("X north of Y")
        self.names: dict[str, str] = {}  # key -> the name as first written
        self._ancestors: dict[str, frozenset[str]] = {}
        self._spelling: dict[str, list[str]] | None = None  # built on first use, once parents are all known
        self._cores: dict[str, list[str]] = {}
        self._long: list[str] = []
        self._world: dict[tuple[str, str], bool] = {}  # (outer, inner) -> the gazetteer puts inner inside outer
        self._kinds: dict[str, str | None] = {}
        self._containers: dict[str, frozenset[str]] = {}
        self._inside: dict[tuple[str, str], bool] = {}
        self._holder_names: list[str] | None = None
        self._worded: set[str] = set()  # keys the wording calls a region: "Dallin province", "region of Drenmoor"
        levels: dict[str, Counter] = {}
        for sp in read:
            for p in sp.places:
                self.names.setdefault(p.key, p.text)
            for p in (*sp.places, *(q for pl in sp.placements for q in pl.places)):
                if p.worded and p.level == REGION:
                    self._worded.add(p.key)
            for inner, outer in sp.containment:
                if not self.same(inner.key, outer.key):
                    self.parents.setdefault(inner.key, set()).add(outer.key)
            for a, b in sp.nearby:
                if not self.same(a.key, b.key):
                    self.near.setdefault(a.key, set()).add(b.key)
                    self.near.setdefault(b.key, set()).add(a.key)
            for p in sp.places:
                if p.level:
                    levels.setdefault(p.key, Counter())[p.level] += 1
            for pl in sp.placements:  # the level a preposition suggests, counted once more
                levels.setdefault(pl.places[0].key, Counter())[pl.places[0].level] += 1
        self._holders = {outer for outers in self.parents.values() for outer in outers}
        self.levels: dict[str, str] = {}
        for key, counts in levels.items():
            # Any sign of a region wins: a wrong "town" would turn a containment into an error.
            self.levels[key] = REGION if counts[REGION] else max(counts, key=lambda lv: (counts[lv], _RANK[lv]))
        for key in list(self.levels) + list(self.parents):
            if place_key(key) in demonyms:  # "Westmarch" when the corpus also says "Westmarchian"
                self.levels[key] = REGION
        # A place that holds a town is larger than a town; one that holds a venue is at least a town.
        changed = True
        while changed:
            changed = False
            for inner, outers in self.parents.items():
                floor = REGION if self.levels.get(inner) in (SETTLEMENT, REGION) else SETTLEMENT
                for outer in outers:
                    if _RANK[self.levels.get(outer, VENUE)] < _RANK[floor]:
                        self.levels[outer], changed = floor, True

    @staticmethod
    def same(a: str, b: str) -> bool:
        """One name however written (`_same_name`, kept for the many pairs a large corpus asks about)."""
        return _same_name(a, b)

    def inside(self, inner: str, outer: str) -> bool:
        """The corpus puts `inner` inside `outer`, or the gazetteer puts it (or a place the corpus puts it in)
        there. Asked for every pair of a large corpus's places, so each answer is kept."""
        key = (inner, outer)
        if key not in self._inside:
            self._inside[key] = self._inside_now(inner, outer)
        return self._inside[key]

    def _inside_now(self, inner: str, outer: str) -> bool:
        chain = self.ancestors(inner)
        if any(self.same(a, outer) for a in chain):
            return True
        return any(self._world_holds(outer, k) for k in (inner, *chain) if not self.same(k, outer))

    def level(self, key: str) -> str:
        level = self.levels.get(key, SETTLEMENT)
        if level == VENUE:
            return level
        kind = self._kind(key)
        if kind in (gazetteer.COUNTRY, gazetteer.DIVISION):
            return REGION  # "in Estmark" where the gazetteer knows the country
        if kind == gazetteer.CITY and level == REGION and key not in self._holders | self._worded:
            return SETTLEMENT  # a city the model labelled a region, and that holds nothing the articles name
        return level

    def _kind(self, key: str) -> str | None:
        if key not in self._kinds:
            self._kinds[key] = gazetteer.kind(self.names.get(key, key))
        return self._kinds[key]

    def _two_countries(self, inner: str, outer: str) -> bool:
        """"Estmark, Valdora" in a headline lists two countries; it does not put one inside the other."""
        return self._kind(inner) == gazetteer.COUNTRY and self._kind(outer) == gazetteer.COUNTRY

    def _world_holds(self, outer: str, inner: str) -> bool:
        """The gazetteer puts `inner` inside `outer` (a city in its country, a division in its country...)."""
        if (outer, inner) not in self._world:
            self._world[(outer, inner)] = gazetteer.contains(self.names.get(outer, outer),
                                                             self.names.get(inner, inner)) is True
        return self._world[(outer, inner)]

    def ancestors(self, key: str) -> frozenset[str]:
        if key not in self._ancestors:  # asked for again and again, by every pair of placements
            seen: set[str] = set()
            todo = self._parents_like(key)
            while todo:
                k = todo.pop()
                for outer in self.parents.get(k, ()):
                    if outer not in seen and not self._two_countries(k, outer):
                        seen.add(outer)
                        todo.extend(p for p in self._parents_like(outer) if p not in seen)
            self._ancestors[key] = frozenset(seen)
        return self._ancestors[key]

    def _parents_like(self, key: str) -> list[str]:
        """The places with a known parent that are `key` however written (`same`), found through an index
        of their squashed spellings and rapidfuzz's batch scorer instead of one Python call per place."""
        if self._spelling is None:
            self._spelling = {}
            for k in self.parents:
                self._spelling.setdefault(k.replace(" ", ""), []).append(k)
            self._long = [k for k in self.parents if len(k) >= 5]
            for k in self.parents:
                self._cores.setdefault(_core(k)[0], []).append(k)
        found = set(self._spelling.get(key.replace(" ", ""), ()))
        core = _core(key)[0]
        if core:
            found.update(k for k in self._cores.get(core, ()) if self.same(k, key))
        if len(key) >= 5:
            found.update(k for k, _, _ in process.extract(key, self._long, scorer=fuzz.ratio,
                                                            score_cutoff=SAME_SPELLING, limit=None))
        return sorted(found)

    def nested(self, a: str, b: str) -> bool:
        """One place, or one inside the other. A part of a place ("South Westmarch") nests with the place, with
        what it holds and with what holds it."""
        if self._nested(a, b):
            return True
        return any(base and self._nested(base, other) for base, other in ((_base(a), b), (_base(b), a)))

    def _nested(self, a: str, b: str) -> bool:
        return self.same(a, b) or self.inside(a, b) or self.inside(b, a)

    def close(self, a: str, b: str) -> bool:
        """The corpus puts one of the two places near the other, or near a place that holds or is held by it:
        "Lenfield north of Ashby" reconciles "near Ashby" with "in Lenfield"."""
        for x, y in ((a, b), (b, a)):
            for k, neighbours in self.near.items():
                if self.same(k, x) and any(self._nested(n, y) for n in neighbours):
                    return True
        return False

    def containers(self, key: str) -> frozenset[str]:
        """The corpus's places that hold `key`, by the corpus or the gazetteer."""
        if key not in self._containers:
            self._containers[key] = frozenset(k for k in self._possible_holders()
                                              if not self.same(k, key) and self.inside(key, k))
        return self._containers[key]

    def _possible_holders(self) -> list[str]:
        """The names that may hold another place: one the corpus puts something in (however written), or one the
        gazetteer knows. The rest can hold nothing, and a large corpus has thousands of them."""
        if self._holder_names is None:
            self._holder_names = [k for k in self.names
                                  if k in self._holders or any(self.same(k, h) for h in self._holders)
                                  or gazetteer.known(self.names[k])]
        return self._holder_names


def relation(pa: Placement, pb: Placement, geo: Geography) -> tuple[str, str] | None:
    """(severity, why) when two placements of one event disagree; None when they can both be right."""
    a, b = pa.places[0], pb.places[0]
    if geo.nested(a.key, b.key):
        return None
    la, lb = geo.level(a.key), geo.level(b.key)
    if (la == REGION) != (lb == REGION):
        region, town = (a, b) if la == REGION else (b, a)
        outside = geo.containers(region.key)
        # A town (or a spot near one) that the articles put in another region of the same larger place:
        # "near Lenfield, in Westmarch's Dallin province" / "in Westmarch's Drenmoor province".
        other = sorted(k for k in geo.ancestors(town.key) if geo.level(k) == REGION and not geo.nested(k, region.key)
                       and any(geo.same(x, y) for x in geo.containers(k) for y in outside))
        if other:
            return "warning", f"region\x1f{town.text}\x1f{geo.names.get(other[0], other[0])}"
        # A region and a town that lie in one larger place: the region may well hold the town ("in the Dallin
        # province" / "near Lenfield", both in Westmarch).
        holders = geo.containers(town.key)
        if any(geo.same(x, y) for x in outside for y in holders):
            return None
    if pa.near or pb.near:
        if geo.close(a.key, b.key):
            return None  # "near Ashby" / "in Lenfield", and the articles put Lenfield north of Ashby
        return "warning", "near"
    if la == lb:
        # Two towns or two venues that do not nest are two places; two regions may still nest.
        return ("warning", "unknown") if la == REGION else ("error", "distinct")
    fine, coarse = (a, b) if _RANK[la] < _RANK[lb] else (b, a)
    # A venue known to be in one town, against another town: compare the towns.
    lifted = [k for k in geo.ancestors(fine.key) if geo.level(k) == geo.level(coarse.key)]
    if lifted and geo.level(coarse.key) != REGION and not any(geo.nested(k, coarse.key) for k in lifted):
        return "error", f"elsewhere\x1f{fine.text}\x1f{geo.names.get(min(lifted), min(lifted))}"
    if geo.level(coarse.key) == REGION:
        return "warning", "unknown"
    return "info", "venue"


# ---------------------------------------------------------------------------------------------- events


def _event(t) -> str | None:
    """The event a token names, under one name, or None."""
    if t.pos_ == "VERB":
        lemma = normalise(t.lemma_)
        if lemma in _REPORTING or lemma in _LIGHT or lemma in _SEATED:
            return None
        return _VERB_SYNONYMS.get(lemma, lemma)
    if t.pos_ == "NOUN":
        return _EVENT_NOUNS.get(t.lemma_.lower())
    return None


def _ends_clause(t) -> bool:
    return (
        t.text in _BREAKS
        or t.lower_ in _SUBORDINATORS
        or t.tag_ in ("WDT", "WP", "WRB")
        or (t.pos_ == "VERB" and t.lemma_ in _REPORTING)
    )


def _clause(doc, pl: Placement) -> list[int]:
    """Token indices of the clause that governs the placement, place names left out.

    Leftwards from the preposition to the clause's start ("Police said [a fire broke out] in ..."); when
    the phrase opens its clause ("In Velmont, police arrested ..."), rightwards from the place instead.
    """
    names = {i for p in pl.places for i in range(p.start, p.end)}
    names |= {k for k, t in enumerate(doc) if t.is_punct and t.text not in _BREAKS}
    i = pl.lead - 1
    while i >= 0 and not _ends_clause(doc[i]):
        i -= 1
    left = [k for k in range(i + 1, pl.lead) if k not in names]
    # "The fire, which started in Lenfield", "the search area, which is ...", "the quake, centred on ...": the
    # event noun before the relative pronoun or the participle is the subject.
    relative = i >= 1 and doc[i].tag_ in ("WDT", "WP") and doc[i - 1].text == ","
    participle = i >= 1 and doc[i].text == "," and bool(left) and doc[left[0]].tag_ in ("VBN", "VBG")
    if relative or participle:
        k = i - 2 if relative else i - 1
        while k >= 0 and doc[k].pos_ not in ("NOUN", "PROPN") and not _ends_clause(doc[k]):
            k -= 1
        while k >= 1 and not _event(doc[k]) and doc[k - 1].pos_ == "NOUN":
            k -= 1  # "the search area": the noun that qualifies the head may name the event
        if k >= 0 and _event(doc[k]):
            left = [k, *left]
    elif i >= 1 and doc[i].text == "," and left and doc[left[0]].pos_ == "VERB":
        # "The quake, one of the strongest in years, struck 20 km east of ...": a verb with no subject of its
        # own after a comma; the sentence's subject, its first noun before any comma, names the event.
        k = next((m for m in range(i) if doc[m].pos_ in ("NOUN", "PROPN") or doc[m].text in _BREAKS), None)
        if k is not None and doc[k].pos_ == "NOUN" and _event(doc[k]):
            left = [k, *left]
    if left:
        return left
    j = pl.places[-1].end
    while j < len(doc) and doc[j].text == ",":
        j += 1
    right = []
    while j < len(doc) and not _ends_clause(doc[j]):
        if j not in names:
            right.append(j)
        j += 1
    return right


def _objects(doc, clause: list[int]) -> tuple[tuple[str, str], ...]:
    """(verb, the noun after it) for each event verb of the clause: "opened a school" -> ("open", "school")."""
    out = []
    inside = set(clause)
    for k in clause:
        verb = _event(doc[k]) if doc[k].pos_ == "VERB" else None
        if not verb:
            continue
        j = k + 1
        while j in inside and not (doc[j].pos_ == "ADP" and doc[j].tag_ == "IN"):
            if doc[j].pos_ in ("NOUN", "PROPN"):
                while j + 1 in inside and doc[j + 1].pos_ == "NOUN":  # the head of "a trade pact"
                    j += 1
                out.append((verb, _EVENT_NOUNS.get(doc[j].lemma_.lower(), doc[j].lemma_.lower())))
                break
            j += 1
    return tuple(out)


def _subject(doc, clause: list[int], dates: set[int]) -> str:
    """A short description of the event: 'where the fire broke out'."""
    kept = [k for k in clause if k not in dates]
    while kept and doc[kept[0]].pos_ in ("ADP", "SCONJ", "CCONJ"):  # "[During] a meeting held ..."
        kept = kept[1:]
    # A participle right after its noun modifies it ("a summit held at ..."); it does not tell the event.
    verbs = [k for k in kept if doc[k].pos_ == "VERB" and _event(doc[k])
             and not (doc[k].tag_ == "VBN" and k > 0 and doc[k - 1].pos_ == "NOUN")]
    if verbs:  # cut at the first preposition after the event verb: "broke out [at a warehouse]"
        cut = next((k for k in kept if k > verbs[0] and doc[k].pos_ == "ADP" and doc[k].tag_ == "IN"), None)
        kept = [k for k in kept if cut is None or k < cut]
    nouns = [k for k in clause if doc[k].pos_ == "NOUN" and _event(doc[k])]
    no_subject = not kept or doc[kept[0]].pos_ in ("VERB", "AUX", "PART")  # "[Marr,] held talks in ..."
    if nouns and (not verbs or no_subject):  # "a blaze at a mill in Westmarch injured ...": no verb before it
        return f"where the {doc[nouns[0]].text} took place"
    if no_subject:
        return "where the event took place"
    if len(kept) > SUBJECT_WORDS:
        if nouns:
            return f"where the {doc[nouns[0]].text} {doc[verbs[0]].text}"
        # The last words before the verb name who did it: "[Valdoran President] Ilse Marr met ...". With no
        # event verb left (the clause's event word was a participle after its noun), the clause's start.
        first = max(kept.index(verbs[0]) - 2, 0) if verbs else 0
        kept = kept[first:first + SUBJECT_WORDS]
    text = [doc[k].text for k in kept]
    if doc[kept[0]].lower_ in ("a", "an"):
        text[0] = "the"
    elif doc[kept[0]].pos_ != "PROPN" and not doc[kept[0]].ent_type_:  # "Estmarkian" keeps its capital
        text[0] = text[0].lower()
    return "where " + " ".join(text).replace(" 's", "'s").replace(" ,", ",")


def _frames(doc, clause: list[int]) -> frozenset[str]:
    """The centre frames of a placement's clause: "centre:<event>" when the clause places the centre of an
    event the sentence names ("the quake was centred in ...", "the epicentre was near ...", "a quake struck
    near ..."). Events that move (storms) have no one centre and no frame."""
    centre = [k for k in clause if doc[k].pos_ in ("VERB", "ADJ") and (
        doc[k].lemma_.lower() in CENTRE_WORDS or doc[k].lower_ in ("centred", "centered"))]
    epicentre = [k for k in clause if doc[k].pos_ == "NOUN" and doc[k].lemma_.lower() in EPICENTRE_NOUNS]
    if centre or epicentre:
        events = {_event(t) for t in doc if t.pos_ == "NOUN"} - {None}
        if not events and epicentre:
            events = {"earthquake"}  # "the epicentre was near ...": a quake's
        return frozenset(f"centre:{e}" for e in events - _MOVING)
    struck = any(doc[k].pos_ == "VERB" and doc[k].lemma_.lower() in QUAKE_STRIKE_WORDS for k in clause)
    if struck and any(doc[k].pos_ == "NOUN" and _event(doc[k]) == "earthquake" for k in clause):
        return frozenset({"centre:earthquake"})
    return frozenset()


def _describe(claim: Claim, row: int, doc, pl: Placement) -> Located | None:
    """What the clause around a placement says about its event; None when it names no event."""
    clause = _clause(doc, pl)
    anchors = {_event(doc[k]) for k in clause} - {None}
    if not anchors and clause and doc[clause[0]].pos_ == "ADP" and clause[0] > 0 and doc[clause[0] - 1].text == ",":
        # "Police recovered the painting, stolen last year, from a unit in Senholm": a phrase set off by
        # commas belongs to a verb before them; any of those verbs may be the event it places.
        clause = list(range(0, pl.lead))
        anchors = {_event(doc[k]) for k in clause} - {None}
    frames = _frames(doc, clause)
    anchors |= frames  # "centered in ..." / "struck near ...": one placement of the event's centre
    if not anchors:
        return None  # "Officials in Dunmore said ...": the place of a person, not of an event
    if any(doc[k].lower_ in ("not", "n't", "never") for k in clause):
        return None  # "the fire did not start in Lenfield" denies a place: the negation comparator's matter
    inside = set(clause)
    dates = {k for e in doc.ents if e.label_ in ("DATE", "TIME") for k in range(e.start, e.end)}
    events = [k for k in clause if doc[k].pos_ == "NOUN" and _event(doc[k])]
    spread = next((doc[k].text.lower() for k in events if _event(doc[k]) in _SPREAD
                   or (doc[k].tag_ == "NNS" and doc[k].lemma_.lower() not in _MASS_PLURALS)), "")
    return Located(
        claim, row, pl,
        anchors=frozenset(anchors),
        nouns=frozenset(_event(doc[k]) for k in events),
        objects=_objects(doc, clause),
        numbers=frozenset(doc[k].lower_ for k in clause if doc[k].like_num and k not in dates),
        themes=frozenset(
            doc[k].lemma_.lower() for k in clause
            if doc[k].pos_ == "NOUN" and not _event(doc[k]) and doc[k].lemma_.lower() not in _GENERIC_NOUNS
        ),
        spread=spread,
        future=any(doc[k].tag_ == "MD" and doc[k].lower_ in ("will", "shall", "'ll") for k in clause),
        parties=frozenset(
            w for e in doc.ents if e.label_ in ("PERSON", "ORG", "NORP") and e.start in inside
            for w in words(e.text) if len(w) > 2
        ),
        subject=_subject(doc, clause, dates),
        speaking=_speaking(doc, clause, pl),
        frames=frames,
    )


def _speaking(doc, clause: list[int], pl: Placement) -> bool:
    """Does the place belong to words of speaking ("gave the figures at a briefing to reporters in Dunmore",
    "spoke in Ashby")? The word it belongs to is the clause's last noun or verb before it."""
    before = [k for k in clause if k < pl.lead and doc[k].pos_ in ("NOUN", "VERB", "PROPN")]
    return bool(before) and doc[before[-1]].lemma_.lower() in _SPEAKING


def _located(claims: list[Claim], docs: dict[str, object], read: dict[str, SentencePlaces], guard: Guard
             ) -> list[Located]:
    out = []
    for row, c in enumerate(claims):
        if c.sentence.is_fact and c.sentence.text in read:  # a sentence whose places could not be read is out
            for pl in read[c.sentence.text].placements:
                found = guard.run(_describe, c, row, docs[c.sentence.text], pl, claims=[c])
                if found:
                    out.append(found)
    return out


def _different_days(a: Claim, b: Claim) -> bool:
    """Both sentences date what they tell, and the dates differ: two events."""
    da = {d.resolved for d in a.dates if d.resolved}
    db = {d.resolved for d in b.dates if d.resolved}
    if da and db:
        return not (da & db)
    wa = {d.weekday for d in a.dates if d.weekday is not None}
    wb = {d.weekday for d in b.dates if d.weekday is not None}
    return bool(wa and wb and not (wa & wb))


def _disagreement(x: Located, y: Located, geo: Geography) -> tuple[str, str] | None:
    """relation() for two sentences of different articles, softened for events that cover an area."""
    found = relation(x.placement, y.placement, geo)
    if found and found[0] == "error" and (x.spread or y.spread):
        return "warning", "spread"
    return found


def same_event(x: Located, y: Located, similarity: float) -> bool:
    if not (x.anchors & y.anchors):
        return False
    if x.speaking != y.speaking:
        return False  # where an official spoke of the floods is not where the floods were
    gate = MIN_SIMILARITY_SAME_THEME if x.themes & y.themes else MIN_SIMILARITY
    if similarity < (min(gate, FRAME_SIMILARITY) if x.frames & y.frames else gate):
        return False
    if x.nouns and y.nouns and not (x.nouns & y.nouns):
        return False  # "a fire broke out" / "a riot broke out"
    if x.numbers and y.numbers and not (x.numbers & y.numbers):
        return False  # "killed three people in Lenfield" / "killed five in Ashby": one toll per place
    ox, oy = dict(x.objects), dict(y.objects)
    if any(ox.get(v) and oy.get(v) and ox[v] != oy[v] for v in x.anchors & y.anchors):
        return False  # "opened a school" / "opened a clinic"
    if x.parties and y.parties and not (x.parties & y.parties):
        return False  # "a Harbour Board meeting held in ..." / "the two mayors held a meeting in ..."
    if x.future != y.future:
        return False  # "opened a factory in Lenfield" / "will open a factory in Ashby": two plans or deeds
    return not _different_days(x.claim, y.claim)


# ---------------------------------------------------------------------------------------------- findings


def _read_corpus(claims: list[Claim], known_docs: dict | None, guard: Guard) -> tuple[dict, dict, set[str]]:
    """spaCy docs and places of every sentence (each text once), and the demonyms the corpus uses."""
    docs = sentence_docs((c.sentence.text for c in claims), known_docs)
    texts = list(docs)
    entities = {c.sentence.text: c.entities for c in claims if c.entities}
    first = {}
    for c in claims:
        first.setdefault(c.sentence.text, c)
    read = {t: guard.run(read_places, docs[t], entities.get(t, ()), claims=[first[t]] if t in first else ())
            for t in texts}
    read = {t: r for t, r in read.items() if r is not None}
    # A name the model took for a demonym ("in Ostby" as NORP) is no evidence about itself.
    names = {fold(p.text) for sp in read.values() for p in sp.places}
    demonyms = {
        place_key(e.text) for d in docs.values() for e in d.ents if e.label_ == "NORP" and fold(e.text) not in names
    }
    return docs, read, demonyms


def _explain(chosen: list[Located], subject: str, worst: tuple[Located, Located, str, str],
             articles: dict[str, Article]) -> str:
    by_place: dict[str, list[Located]] = {}
    for m in chosen:
        by_place.setdefault(m.where, []).append(m)
    sides = "; ".join(
        f"{name_sources([articles[m.article] for m in ms])} {'put' if len(ms) > 1 else 'puts'} it {where}"
        for where, ms in sorted(by_place.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    )
    x, y, _, why = worst
    a, b = x.placement.places[0].text, y.placement.places[0].text
    if why == "distinct":
        reason = (f"{a} and {b} are different places and nothing in the articles puts one inside the other, "
                  "so they cannot both be right.")
    elif why.startswith("elsewhere\x1f"):
        _, venue, town = why.split("\x1f")
        other = b if venue == a else a
        reason = (f"The articles put {venue} in {town}, and {town} and {other} are different places, "
                  "so they cannot both be right.")
    elif why.startswith("region\x1f"):
        _, town, region = why.split("\x1f")
        other = b if town == a else a
        reason = (f"The articles put {town} in {region}, and nothing puts {region} and {other} one inside the "
                  "other; check whether they are different regions.")
    elif why == "near":
        near, other = (x, y) if x.placement.near else (y, x)
        reason = (f"'{near.where}' may take in {other.placement.places[0].text}; "
                  "check whether the sources mean the same spot.")
    elif why == "spread":
        reason = (f"The {x.spread or y.spread} may have reached both {a} and {b}; "
                  "check whether the sources mean where it began or where it was felt.")
    elif why == "unknown":
        reason = f"One of {a} and {b} may lie within the other, but nothing in the articles says so; check."
    else:
        venue, town = (x, y) if x.placement.places[0].level == VENUE else (y, x)
        reason = (f"{venue.placement.places[0].text} may be in {town.placement.places[0].text}, "
                  "but nothing in the articles says so.")
    if worst[2] == "info":
        return f"The sources describe {subject} differently: {sides}. {reason}"
    return f"The sources disagree on {subject}: {sides}. {reason}"


def compare_locations(claims: list[Claim], vectors: np.ndarray, articles: dict[str, Article],
                      docs: dict | None = None, guard: Guard | None = None, candidates=None) -> list[Finding]:
    """Findings for one event placed in different places; `vectors` rows align with `claims`."""
    if not claims:
        return []
    guard = guard or Guard("location")
    docs, read, demonyms = _read_corpus(claims, docs, guard)
    geo = Geography(list(read.values()), demonyms)
    located = _located(claims, docs, read, guard)
    n = len(located)
    same_event_groups = Groups(n)

    linked: dict[tuple[int, int], tuple[str, str] | None] = {}
    lowest = min(MIN_SIMILARITY, MIN_SIMILARITY_SAME_THEME, FRAME_SIMILARITY)
    first, second, _ = pairs_among(vectors, [x.row for x in located], lowest, candidates=candidates)
    for i, j in zip(first.tolist(), second.tolist()):
        x, y = located[i], located[j]
        if x.article == y.article:
            continue
        if not same_event(x, y, float(vectors[x.row] @ vectors[y.row])):
            continue
        same_event_groups.join(i, j)
        linked[(i, j)] = _disagreement(x, y, geo)

    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(same_event_groups.find(i), []).append(i)
    linked_of = by_group({p: r for p, r in linked.items() if r}, same_event_groups)
    findings = []
    for root, members in groups.items():
        if root in linked_of:
            found = guard.run(_group_finding, members, linked_of[root], located, geo, articles,
                              claims=[located[i].claim for i in members])
            if found:
                findings.append(found)
    return sorted(findings, key=lambda f: (f.subject, f.id))


def _group_finding(members: list[int], linked: dict, located: list[Located], geo: Geography,
                   articles: dict[str, Article]) -> Finding | None:
    """The finding of one group of sentences about one event, given its disagreeing pairs (`linked`)."""
    # An article that itself puts the event in two unrelated places is telling of several sites.
    own: dict[str, list[int]] = {}
    for i in members:
        own.setdefault(located[i].article, []).append(i)
    torn = {
        article for article, rows in own.items() for i in rows for j in rows
        if i < j and (relation(located[i].placement, located[j].placement, geo) or ("", ""))[0] == "error"
    }
    pairs = {
        p: r for p, r in linked.items()
        if located[p[0]].article not in torn and located[p[1]].article not in torn
    }
    if not pairs:
        return None
    weight = Counter()
    for (i, j), (sev, _) in pairs.items():
        weight[i] += _ORDER[sev]
        weight[j] += _ORDER[sev]
    chosen_by_article: dict[str, Located] = {}
    # Each article's sentence that takes most part in the disagreement, the most specific place first.
    order = sorted(members, key=lambda i: (
        -weight[i], _RANK[geo.level(located[i].placement.places[0].key)], located[i].claim.sentence.index,
    ))
    for i in order:
        if located[i].article not in torn:
            chosen_by_article.setdefault(located[i].article, located[i])
    chosen = [chosen_by_article[a] for a in sorted(chosen_by_article)]
    (i, j), (severity, why) = max(pairs.items(), key=lambda kv: (_ORDER[kv[1][0]], -kv[0][0], -kv[0][1]))
    anchor = min(Counter(a for m in chosen for a in m.anchors).most_common(),
                 key=lambda kv: (-kv[1], kv[0]))[0]
    subjects = Counter(m.subject for m in chosen)
    # The most common description, preferring one that names the event: "where the fire broke out".
    subject = min(subjects, key=lambda t: (-subjects[t], not t.startswith("where the "), len(t), t))
    return Finding(
        id=fingerprint("location", anchor, [m.placement.places[0].key for m in chosen]),
        kind="location",
        severity=severity,
        subject=subject,
        explanation=_explain(chosen, subject, (located[i], located[j], severity, why), articles),
        statements=tuple(statement(m.claim, articles[m.article], m.value) for m in chosen),
    )


def compare(inputs, guard: Guard) -> list[Finding]:
    """The registry's entry point (compare.registry)."""
    return compare_locations(inputs.claims, inputs.vectors, inputs.articles, inputs.docs, guard=guard,
                             candidates=inputs.candidates)
