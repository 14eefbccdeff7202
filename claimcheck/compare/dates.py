"""One event put on different days by different sources.

Two date phrases from different articles are compared when their sentences describe the same event: the
sentences say much the same (cosine similarity of their embeddings) and the dates hang on the same event
anchor, a verb or event noun in the date's own clause ("the footbridge reopened on ..." / "the footbridge
was reopened on ..."; "the vote on ..." / "councillors voted on ..."). Each pair is compared at the
precision both phrases give: two calendar days, two weekdays, a weekday against the weekday a calendar
day fell on, a day against a month. Durations, ranges, recurring days and vague spans ("this week") name
no day and are left out, so a date never clashes with a vaguer span around it.

Severity follows how sure the comparison is. Two days as written that differ cannot both be right
(error). A day worked out from a publication date ("yesterday"), weekdays in reports published days
apart, a day outside a stated month, or a date still to come that reports published at different times
give differently (it may have been moved) are warnings. Adjacent days where a source speaks of late at night
or the small hours may be one night either side of midnight (info).

Years and times of day are compared the same way, on the same event anchors. A year counted back from the
publication date ("nine years ago", "has been closed for six years") is compared with a year as written
("in 2014") allowing a year either way; two years as written are left alone, as they more often name two
events. A time of day allows what its wording allows: an exact minute is that minute, "around 7.20 pm" the
window between the rounder times either side, "shortly before 3 p.m." the quarter hour before, "Sunday
afternoon" the afternoon; two windows that do not meet are a warning (clocks round and zones differ), and
clocks in different named zones, or on days that already differ, are not compared. A page's date stamp and
the day something was said ("officials said Saturday the fire ...") are not the day of the event.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

import numpy as np

from claimcheck.compare.common import (
    Groups,
    Guard,
    by_group,
    fingerprint,
    name_sources,
    statement,
)
from claimcheck.embed.neighbours import pairs_among
from claimcheck.extract.dates import (
    MONTHS,
    WEEKDAYS,
    TimeMention,
    calendar_parts,
    extract_times,
    looks_ahead,
    nearest_year,
    relative_days,
    stamped_at,
    times_overlap,
    zone_key,
)
from claimcheck.extract.predicates import normalise
from claimcheck.extract.vocabulary import ARRIVAL_WORDS, EVENT_CLASSES, WEATHER_NOUNS
from claimcheck.records import Article, Claim, DateMention, Finding

MIN_SIMILARITY = 0.55  # cosine; below it two sentences are about different things
# Two mentions of one event class ("the incident happened ..." / "the accident happened ...") need their
# sentences to say less alike around it: the event words themselves carry the match.
FRAME_SIMILARITY = 0.30
APART_DAYS = 2  # reports this many days apart may mean different weeks by "on Friday"
_RANK = {"info": 0, "warning": 1, "error": 2}

# Verbs that carry no event of their own: speech, being and having, plans and light verbs ("took place").
_LIGHT_VERBS = {
    "be", "have", "do", "get", "give", "go", "come", "make", "take", "put", "keep", "let", "seem",
    "say", "tell", "add", "state", "note", "report", "claim", "confirm", "explain", "write", "ask",
    "happen", "occur", "hold", "set", "schedule", "plan", "expect", "intend", "want", "try", "need",
    "accord", "follow", "include", "remain", "become", "estimate", "describe", "believe",
}
_SAME_VERB = {"start": "begin", "commence": "begin", "break_out": "begin", "finish": "end", "conclude": "end",
              "halt": "stop", "run_aground": "ground", "go_aground": "ground", "crumple": "collapse",
              "cave_in": "collapse"}
# Adverbs that make a verb of motion into another event: "ran aground", "went ashore".
_PARTICLE_ADVERBS = {"aground", "ashore", "adrift", "overboard", "apart"}
# Words that count occurrences: sentences that use them differently tell of different occasions
# ("the first round ... on 4 May" / "the second round ... on 18 May"; "marched again on Sunday").
_OCCURRENCE_WORDS = {"again", "another", "renewed", "fresh", "first", "second", "third", "fourth", "fifth",
                     "final"}
# Nouns that name an event, so "the fire on Thursday" and "the fire broke out on Friday" can be matched.
EVENT_NOUNS = {
    "fire", "blaze", "explosion", "blast", "crash", "collision", "accident", "derailment", "collapse",
    "attack", "shooting", "stabbing", "bombing", "raid", "ambush", "riot", "clash", "robbery", "burglary",
    "murder", "killing", "kidnapping", "abduction", "escape", "arrest", "death", "funeral", "wedding",
    "strike", "walkout", "lockout", "protest", "march", "rally", "demonstration", "vigil", "parade",
    "election", "vote", "referendum", "ballot", "poll", "debate", "meeting", "summit", "talks",
    "conference", "session", "hearing", "trial", "verdict", "ruling", "sentencing", "inquest",
    "ceremony", "festival", "concert", "match", "game", "race", "final", "launch", "opening",
    "reopening", "closure", "shutdown", "outage", "blackout", "flood", "flooding", "earthquake", "quake",
    "storm", "landslide", "eruption", "spill", "leak", "evacuation", "rescue", "resignation",
    "announcement", "inauguration", "visit", "auction", "merger", "takeover", "ceasefire", "signing",
    "release", "landing", "departure", "arrival", "sale", "incident", "briefing",
}
# Event nouns and the verbs they name, so "the explosion at 2:50 p.m." and "exploded at 2:45 p.m." are one event.
_NOUN_VERB = {
    "explosion": "explode", "blast": "explode", "collision": "collide", "derailment": "derail",
    "eruption": "erupt", "evacuation": "evacuate", "resignation": "resign", "arrival": "arrive",
    "departure": "depart", "landing": "land", "announcement": "announce", "inauguration": "inaugurate",
    "closure": "close", "opening": "open", "reopening": "reopen", "signing": "sign", "sale": "sell",
    "killing": "kill", "shooting": "shoot", "stabbing": "stab", "bombing": "bomb", "abduction": "abduct",
    "kidnapping": "kidnap", "robbery": "rob", "burglary": "burgle", "flooding": "flood", "flood": "flood",
    "death": "die", "election": "elect", "sentencing": "sentence", "demonstration": "demonstrate",
    "takeover": "take_over", "merger": "merge", "launch": "launch", "rescue": "rescue", "escape": "escape",
}
# Words of time that sit next to a date without being the event: "on Monday night", "that day".
_TIME_WORDS = {
    "day", "days", "week", "month", "year", "morning", "afternoon", "evening", "night", "time", "hour",
    "weekend", "date", "today", "yesterday", "tonight", "midnight", "noon", "ago", "early", "late",
    *MONTHS, *WEEKDAYS,
}
# Words that put an event near midnight: late on the earlier day, or early on the later one.
_LATE_WORDS = {"night", "overnight", "midnight", "tonight", "late"}
_EARLY_WORDS = {"early", "overnight", "midnight", "dawn", "hours", "am", "a.m."}
# Words before a date that make it a bound, not the day of the event: "closed until Friday", "by 3 May".
_BOUNDS = {"until", "till", "by", "before", "after", "from", "through", "throughout", "within", "around"}
# Where a clause ends, so a date takes the verb of its own clause ("met on Monday and voted on Wednesday").
_CLAUSE_BREAKS = {",", ";", ":", "(", ")", "—", "–", "and", "but", "while", "whereas", "after", "before",
                  "when", "who", "which", "that", "since", "because", "although", "until"}


@dataclass(frozen=True)
class When:
    """What a date phrase says about the day, at the precision it gives."""

    kind: str  # "day" (a calendar day as written) | "weekday" | "relative" ("yesterday") | "month" | "year"
    #            | "time" (a time of day)
    day: date | None  # the full calendar day, stated or resolved against the publication date
    month_day: tuple[int, int] | None  # a calendar day's month and day, with or without its year
    year: int | None  # the year as written, or counted back from the publication date ("nine years ago")
    weekday: int | None  # as written ("on Monday", "Monday, 28 October")
    month: int | None  # a month span's month
    spread: int = 0  # years either way a year counted back allows: "nine years ago" in August 2020 -> 2011 +- 1
    clock: TimeMention | None = None  # a time of day and the minutes its wording allows


@dataclass(frozen=True)
class Event:
    """What a date hangs on in its sentence."""

    verbs: frozenset[str]  # normalised verb lemmas of the date's clause ("reopen", "break_out")
    events: frozenset[str]  # event nouns of the date's clause ("fire", "vote")
    nouns: frozenset[str]  # content nouns of the date's clause, with verb-like forms of "-ing" nouns
    common: frozenset[str]  # common nouns of the whole sentence: what the event happened to
    marks: frozenset[str]  # words that count occurrences ("again", "second")
    labels: tuple[tuple[str, str], ...]  # (anchor, how the sentence tells it): ("reopen", "footbridge reopened")
    late: bool  # the date's clause speaks of late at night, so the next day may be meant as well
    early: bool  # the date's clause speaks of the small hours, so the day before may be meant as well
    ahead: bool  # the date's clause speaks of something still to come
    told: frozenset[str] = frozenset()  # an event noun a "that" clause tells of ("explosions that shook"),
    #                                     with the verb it names: it stands for the clause's verbs as well
    frames: frozenset[str] = frozenset()  # general classes of the clause's event words: "incident", "crash" and
    #                                       "derailed" are one "accident"; "storm pounded" / "made landfall" one "arrival"


_NO_EVENT = Event(frozenset(), frozenset(), frozenset(), frozenset(), frozenset(), (), False, False, False)


@dataclass(frozen=True)
class Mention:
    claim: Claim
    date: DateMention
    when: When
    event: Event
    row: int  # the claim's row in the vector matrix

    @property
    def article(self) -> str:
        return self.claim.sentence.article_id


def read_when(m: DateMention) -> When | None:
    """The precision a phrase gives, or None when it names no day or month ("for three days", "this week")."""
    parts = calendar_parts(m.text)
    if parts is not None and parts[2] is not None:
        year, month, day = parts
        return When("day", m.resolved, (month, day), year, m.weekday, None)
    if parts is not None:
        return When("month", None, None, parts[0], None, parts[1])
    if m.weekday is not None:
        return When("weekday", m.resolved, None, None, m.weekday, None)
    if m.resolved is not None and relative_days(m.text) is not None:
        return When("relative", m.resolved, None, None, None, None)
    return None


_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30}
_ABOUT = r"(?:(?:about|around|some|roughly|nearly|almost)\s+)?"
_YEARS_AGO = re.compile(rf"{_ABOUT}(?P<n>\d{{1,3}}|{'|'.join(_NUMBERS)})\s+years?\s+ago", re.IGNORECASE)
_FOR_YEARS = re.compile(rf"{_ABOUT}(?P<n>\d{{1,3}}|{'|'.join(_NUMBERS)})\s+years?", re.IGNORECASE)


def read_year(m: DateMention, sentence: str, published: date | None) -> When | None:
    """A year an event is put in: "in 2014" as written; "nine years ago" counted back from the publication
    date, and "has been stored there for six years" as the year the state began, both a year either way.
    None for anything else ("a 2011 uprising", "since 2014", "for years")."""
    words = sentence[:m.start].split()
    before = words[-1].lower() if words else ""
    text = m.text.strip()
    if re.fullmatch(r"(?:1[89]|20)\d\d", text):
        return When("year", None, None, int(text), None, None) if before == "in" else None
    if published is None:
        return None
    found = _YEARS_AGO.fullmatch(text)
    if found is None and before == "for" and re.search(r"\b(?:has|have)\s+(?:\w+\s+)?been\b", sentence[:m.start]):
        found = _FOR_YEARS.fullmatch(text)  # a state lasting up to the publication date began N years before it
    if found is None:
        return None
    n = found.group("n").lower()
    n = int(n) if n.isdigit() else _NUMBERS[n]
    return When("year", None, None, published.year - n, None, None, spread=1)


# --- the event a date hangs on ---------------------------------------------------------------------

def _has_particle(tokens, i: int) -> bool:
    return i + 1 < len(tokens) and (tokens[i + 1].tag_ == "RP" or tokens[i + 1].lower_ in _PARTICLE_ADVERBS)


def _verb_key(tokens, i: int) -> str:
    tok = tokens[i]
    lemma = tok.lemma_.lower()
    if _has_particle(tokens, i):
        lemma = f"{lemma}_{tokens[i + 1].lower_}"  # "broke out" is not "broke", "ran aground" not "ran"
    lemma = _SAME_VERB.get(lemma, lemma)
    return normalise(lemma)


@lru_cache(maxsize=65536)
def _noun_forms(lemma: str) -> frozenset[str]:
    """A noun and, for "-ing" nouns, the verb it comes from: "reopening" -> "reopen"."""
    forms = {lemma}
    if lemma.endswith("ing") and len(lemma) > 5:
        stem = lemma[:-3]
        forms |= {stem, stem + "e"}
        if len(stem) > 2 and stem[-1] == stem[-2]:
            forms.add(stem[:-1])  # "stabbing" -> "stab"
    return frozenset(forms)


def _clauses(tokens, inside: list[bool] | None = None) -> list[int]:
    """The clause number of every token. A break word inside a date or time ("shortly after 1:30 a.m.") and
    a short quotation inside the sentence (crumpled with "a bang that kept on going" at 1:30) do not end a
    clause: the quoted words join the clause around them."""
    quoted = _quoted(tokens)
    out, n = [], 0
    aside = False  # a date in brackets after a date: "on Friday evening (June 22)" is one clause
    for i, tok in enumerate(tokens):
        within = bool(inside and inside[i])
        if inside and tok.text == "(" and 0 < i < len(tokens) - 1 and inside[i - 1] and inside[i + 1]:
            aside = True
        elif aside and tok.text == ")":
            aside = False
        elif tok.lower_ in _CLAUSE_BREAKS and not within and i not in quoted and not aside:
            n += 1
        out.append(n)
    return out


_QUOTE_MARKS = {'"', "“", "”", "``", "''"}
_SHORT_QUOTE = 12  # tokens; a longer quotation is a statement of its own


def _quoted(tokens) -> set[int]:
    """Tokens of short quotations that sit inside a sentence, with their quote marks."""
    marks = [i for i, t in enumerate(tokens) if t.text in _QUOTE_MARKS]
    out: set[int] = set()
    for open_, close in zip(marks[::2], marks[1::2]):
        if open_ > 0 and close - open_ <= _SHORT_QUOTE:
            out.update(range(open_, close + 1))
    return out


def _head_noun(tokens) -> str:
    """The first noun, taken whole: "fire crews" -> "crews"; "the blaze at the sawmill" -> "blaze"."""
    found = ""
    for tok in tokens:
        if tok.pos_ == "NOUN" and tok.lower_ not in _TIME_WORDS:
            found = tok.lower_
        elif found:
            break
    return found


def _subject(tokens, verb: int) -> str:
    """The noun a verb is said of: the first of its clause before it, else the sentence's first."""
    start = verb
    while start > 0 and tokens[start - 1].lower_ not in _CLAUSE_BREAKS:
        start -= 1
    return _head_noun(tokens[start:verb]) or _head_noun(tokens)


def _verb_phrase(tokens, i: int, particle: bool) -> str:
    """The event as the sentence tells it, short: "footbridge was reopened", "police arrested the suspect"."""
    start = i
    while start > 0 and tokens[start - 1].lower_ in ("was", "were", "been", "is", "are"):
        start -= 1
    end = i + 1 + particle
    # A direct object names what happened to whom: up to four words ending in a noun.
    last = None
    for k in range(end, min(end + 4, len(tokens))):
        if tokens[k].pos_ not in ("DET", "ADJ", "NOUN", "PROPN") or tokens[k].lower_ in _TIME_WORDS:
            break
        if tokens[k].pos_ in ("NOUN", "PROPN"):
            last = k
    told = [t.text if t.pos_ == "PROPN" else t.lower_ for t in tokens[start:(last or end - 1) + 1]]
    return " ".join(w for w in [_subject(tokens, i), *told] if w)


def _qualifies(tokens, i: int) -> bool:
    """Is the noun a modifier of the next one ("raid suspect", "fire crews", "the crash's death toll") rather
    than the event?"""
    if i + 2 < len(tokens) and tokens[i + 1].tag_ == "POS":
        i += 1
    return i + 1 < len(tokens) and tokens[i + 1].pos_ == "NOUN" and tokens[i + 1].lower_ not in _TIME_WORDS


def _noun_phrase(tokens, i: int) -> str:
    """An event noun with the nouns that qualify it: "warehouse fire"."""
    start = i
    while start > 0 and i - start < 3 and tokens[start - 1].pos_ in ("NOUN", "PROPN") \
            and tokens[start - 1].lower_ not in _TIME_WORDS:
        start -= 1
    return " ".join(t.text if t.pos_ == "PROPN" else t.lower_ for t in tokens[start:i + 1])


def _events(doc, dates: tuple[DateMention, ...]) -> list[Event]:
    """For every date of a sentence, the verbs and event nouns of its own clause."""
    tokens = list(doc)
    if not tokens:
        return []
    base = tokens[0].idx
    starts = [t.idx - base for t in tokens]  # read once for every date's look-ahead, not once per date
    inside = [any(d.start <= t.idx - base < d.end for d in dates) for t in tokens]
    clause = _clauses(tokens, inside)
    quoted = _quoted(tokens)
    nouns: dict[int, set[str]] = {}  # clause -> its content nouns
    for t, within, k in zip(tokens, inside, clause):
        if t.pos_ in ("NOUN", "PROPN") and not within and t.lower_ not in _TIME_WORDS:
            nouns.setdefault(k, set()).update(_noun_forms(t.lemma_.lower()))
    common = {t.lemma_.lower() for t, within in zip(tokens, inside)
              if t.pos_ == "NOUN" and not within and t.lower_ not in _TIME_WORDS}
    anchors: list[tuple[int, str, str, str]] = []  # (token, kind, key, label)
    nominal: set[int] = set()  # "-ing" verbs used as nouns
    told_at = dict(_told_of(tokens, clause).values())  # "that" -> the event noun before it
    for i, noun in told_at.items():
        anchors.append((i, "event", noun, _noun_phrase(tokens, i - 1)))
    for i, t in enumerate(tokens):
        if inside[i] or t.lower_ in _TIME_WORDS or i in quoted:
            continue
        if t.pos_ == "VERB" and t.tag_ == "VBN" and _modifies(tokens, i):
            continue  # "the collapsed tower" names a thing, not an event of the sentence
        if t.pos_ == "VERB" and t.tag_ == "VBG" and not (i and tokens[i - 1].pos_ == "AUX"):
            nominal.add(i)  # "voting ended", "after grounding on the shoal": the event, named as a noun
            anchors.append((i, "event", _verb_key(tokens, i), t.lower_))
        elif t.pos_ == "VERB":
            key = _verb_key(tokens, i)
            if key in _LIGHT_VERBS:
                continue  # "took place" says nothing; "took off" does
            anchors.append((i, "verb", key, _verb_phrase(tokens, i, _has_particle(tokens, i))))
        elif t.pos_ == "NOUN" and t.lemma_.lower() in EVENT_NOUNS and not _qualifies(tokens, i):
            anchors.append((i, "event", t.lemma_.lower(), _noun_phrase(tokens, i)))
    out = []
    for d in dates:
        first = next((i for i, t in enumerate(tokens) if t.idx - base >= d.start), len(tokens) - 1)
        own = [a for a in anchors if clause[a[0]] == clause[first]]
        has_verb = any(t.pos_ == "VERB" and k not in nominal and clause[k] == clause[first]
                       for k, t in enumerate(tokens))
        if has_verb and not own or _of_saying(tokens, first) or not has_verb and _says_next(tokens, clause, first):
            out.append(_NO_EVENT)  # "Police said on Monday that ...": the date is of the saying, not of what was said
            continue
        if not own and anchors:
            # A date alone in its clause ("On Monday, the council voted") takes the nearest clause's anchors,
            # the following one first.
            def gap(a):
                return abs(clause[a[0]] - clause[first]), clause[a[0]] < clause[first]

            nearest = min(gap(a) for a in anchors)
            own = [a for a in anchors if gap(a) == nearest]
        words = nouns.get(clause[first], set()) | _clause_words(tokens, clause, first)
        frames = _frames(own, nominal | set(told_at), words)
        out.append(Event(
            verbs=frozenset(a[2] for a in own if a[1] == "verb"),
            events=frozenset(a[2] for a in own if a[1] == "event"),
            nouns=frozenset(nouns.get(clause[first], set())),
            common=frozenset(common),
            marks=frozenset(t.lower_ for t, within in zip(tokens, inside) if t.lower_ in _OCCURRENCE_WORDS
                            and not within),
            labels=tuple((a[2], a[3]) for a in own) + tuple(
                (f, a[3]) for f in frames for a in own
                if EVENT_CLASSES.get(a[2]) == f or f == "arrival" and a[2] in ARRIVAL_WORDS | WEATHER_NOUNS),
            late=bool(_clause_words(tokens, clause, first) & _LATE_WORDS),
            early=bool(_clause_words(tokens, clause, first) & _EARLY_WORDS),
            ahead=looks_ahead(doc, d.start, starts),
            told=frozenset(x for a in own if a[0] in told_at for x in (a[2], _NOUN_VERB.get(a[2], a[2]))),
            frames=frames,
        ))
    return out


def _frames(own: list[tuple[int, str, str, str]], verbal: set[int], words: set[str]) -> frozenset[str]:
    """The general event classes of a date's clause, from what the clause tells happening: its verbs ("derailed",
    "began bringing"), an event noun a "that" clause tells of, and other event nouns only in a clause without
    a verb of its own ("the incident happened ..."; not "police spoke about the explosion ..."). A verb of
    arriving ("pounded", "made landfall", "brought rain") is a class only when its clause names a storm."""
    told = [a for a in own if a[1] == "verb" or a[0] in verbal]
    keys = {a[2] for a in (told if any(a[1] == "verb" for a in own) else own)}
    out = {EVENT_CLASSES[k] for k in keys if k in EVENT_CLASSES}
    arriving = keys & ARRIVAL_WORDS or not any(a[1] == "verb" for a in own) and words & ARRIVAL_WORDS
    if arriving and (keys | words) & WEATHER_NOUNS:
        out.add("arrival")
    return frozenset(out)


_SPEECH = {"say", "tell", "state", "add", "note", "report", "confirm", "explain", "write", "claim", "estimate",
           "warn", "insist"}


def _of_saying(tokens, first: int) -> bool:
    """Does the date follow a verb of saying, with at most its listener or medium between ("officials said
    Saturday the fire ...", "told reporters on Monday", "said in a statement on Friday")?"""
    k = first - 1
    if k >= 0 and tokens[k].lower_ in ("on", "at", "late", "early"):
        k -= 1
    between = 0
    while k >= 0 and between < 4 and tokens[k].pos_ in ("DET", "NOUN", "PROPN", "ADP", "ADJ", "PRON") \
            and tokens[k].lower_ not in _CLAUSE_BREAKS:
        k -= 1
        between += 1
    return k >= 0 and tokens[k].pos_ == "VERB" and tokens[k].lemma_.lower() in _SPEECH


def _says_next(tokens, clause: list[int], first: int) -> bool:
    """Is a date alone in its clause followed by a clause of saying ("At 3 p.m., police said the fire ...")?"""
    verb = next((t for k, t in enumerate(tokens) if k > first and clause[k] > clause[first] and t.pos_ == "VERB"),
                None)
    return verb is not None and verb.lemma_.lower() in _SPEECH


def _told_of(tokens, clause: list[int]) -> dict[int, tuple[int, str]]:
    """Clauses that tell what an event noun did, by clause: {clause: (its "that", the event noun)}.

    "twin explosions that shook the street", "a storm that made landfall": an active verb right after
    "that" or "which" says what the event did, so a date or time there is the event's own. ("The fire that
    was put out on Friday" and "the fire that crews fought" tell of something done to it, and keep their verbs.)
    """
    out = {}
    for i in range(1, len(tokens) - 1):
        before, after = tokens[i - 1], tokens[i + 1]
        if tokens[i].lower_ in ("that", "which") and before.pos_ == "NOUN" \
                and before.lemma_.lower() in EVENT_NOUNS and after.pos_ == "VERB" and after.tag_ in ("VBD", "VBZ", "VBP"):
            out[clause[i]] = (i, before.lemma_.lower())
    return out


def _modifies(tokens, i: int) -> bool:
    """Is a past participle an adjective before its noun ("the collapsed tower", "a damaged bridge")?"""
    return 0 < i < len(tokens) - 1 and tokens[i + 1].pos_ in ("NOUN", "PROPN") \
        and (tokens[i - 1].pos_ in ("DET", "ADJ") or tokens[i - 1].tag_ == "PRP$")


def _clause_words(tokens, clause: list[int], i: int) -> set[str]:
    return {t.lower_ for t, k in zip(tokens, clause) if k == clause[i]}


def shared_anchors(a: Event, b: Event) -> set[str]:
    """The anchors two dates share: the same verb or event noun, or a verb one side names as a noun.

    None when the sentences tell of different things happening (both name verbs, none the same: "the fire
    broke out" / "the fire was put out"), to different things (no common noun: "the airport closed" /
    "the port closed"), or to one thing more than once ("again", "the second round").
    """
    if a.marks != b.marks:
        return set()
    frames = a.frames & b.frames
    if a.verbs and b.verbs and not (a.verbs | a.told) & (b.verbs | b.told) and not frames:
        return set()
    named = {EVENT_CLASSES.get(n) for n in a.events | b.events}  # "the incident" / "the accident": the event
    if a.common and b.common and not _meet(a.common, b.common) and not frames & named:  # is the thing itself
        return set()
    ea, eb = a.events | _as_verbs(a.events), b.events | _as_verbs(b.events)
    na, nb = a.nouns | _as_verbs(a.nouns), b.nouns | _as_verbs(b.nouns)
    return ((a.verbs | ea) & (b.verbs | eb)) | (a.verbs & nb) | (na & b.verbs) | frames


def _meet(a: frozenset[str], b: frozenset[str]) -> bool:
    """Do two sets of nouns share one, a clipped form counting as its word ("lab" / "laboratory", "exec" /
    "executive")?"""
    if a & b:
        return True
    return any(len(x) >= 3 and len(y) >= 3 and (x.startswith(y) or y.startswith(x)) and abs(len(x) - len(y)) >= 3
               for x in a for y in b)


def _as_verbs(nouns: frozenset[str]) -> frozenset[str]:
    """Event nouns as the verbs they name: "explosion" -> "explode"; others as they are."""
    return frozenset(_NOUN_VERB.get(n, n) for n in nouns)


# --- comparing two dates -----------------------------------------------------------------------------

SAME = "same"


@dataclass(frozen=True)
class Clash:
    severity: str
    reason: str


def _full_day(w: When, published: date | None) -> date | None:
    """A calendar day with its year: as stated or resolved, else the year nearest another report's date."""
    if w.day is not None or w.month_day is None or published is None:
        return w.day
    year = nearest_year(*w.month_day, published)
    return date(year, *w.month_day) if year else None


def _published(m: Mention, articles: dict[str, Article]) -> date | None:
    return articles[m.article].published


def _apart(a: Mention, b: Mention, articles: dict[str, Article]) -> int:
    pa, pb = _published(a, articles), _published(b, articles)
    return abs((pa - pb).days) if pa and pb else 0


def _compare(a: Mention, b: Mention, articles: dict[str, Article]) -> Clash | str | None:
    """SAME when the dates agree, a Clash when they cannot both be right, None when they cannot be compared."""
    order = ("day", "weekday", "relative", "month", "year", "time")
    if order.index(a.when.kind) > order.index(b.when.kind):
        a, b = b, a
    wa, wb = a.when, b.when
    kinds = (wa.kind, wb.kind)
    if "time" in kinds:
        if kinds != ("time", "time"):
            return None
        za, zb = zone_key(wa.clock.zone), zone_key(wb.clock.zone)
        if za and zb and za != zb:
            return None  # clocks in different zones
        return SAME if times_overlap(wa.clock, wb.clock) else Clash("warning", "time")
    if "year" in kinds:
        return _compare_years(wa, wb)
    if kinds == ("day", "day"):
        if wa.month_day != wb.month_day or (wa.year and wb.year and wa.year != wb.year):
            return Clash("error", "days")
        return SAME
    if kinds == ("day", "weekday"):
        day = _full_day(wa, _published(b, articles))
        if day is None:
            if wa.weekday is None:
                return None  # no year, so no weekday to compare
            return SAME if wa.weekday == wb.weekday else Clash("error", "days")  # "Monday, 28 October"
        return SAME if day.weekday() == wb.weekday else Clash("error", f"weekday:{day.isoformat()}")
    if kinds == ("weekday", "weekday"):
        if wa.weekday == wb.weekday:
            return SAME  # "on Friday" in reports a week apart: more likely one Friday than two
        return Clash("warning", "apart") if _apart(a, b, articles) >= APART_DAYS else Clash("error", "days")
    if "relative" in kinds and "month" not in kinds:
        day = _full_day(wa, _published(b, articles)) if wa.kind == "day" else wa.day
        if day is None or wb.day is None:
            return None
        if wa.kind == "weekday":
            return SAME if wb.day.weekday() == wa.weekday else Clash("warning", "inferred")
        return SAME if day == wb.day else Clash("warning", "inferred")
    if kinds == ("month", "month"):
        if wa.month != wb.month or (wa.year and wb.year and wa.year != wb.year):
            return Clash("warning", "months")
        return SAME
    if wb.kind == "month" and wa.kind == "day":
        fits = wa.month_day[0] == wb.month and not (wa.year and wb.year and wa.year != wb.year)
        return SAME if fits else Clash("warning", "month")
    if wb.kind == "month" and wa.day is not None:
        return SAME if wa.day.month == wb.month else None  # an inferred day against a month: too loose to flag
    return None


def _compare_years(wa: When, wb: When) -> Clash | str | None:
    """A year against a year (or a day or month with its year written), when at least one is counted back
    from a publication date: only a gap wider than the counting allows is a conflict. Two years as written
    are left alone: "the quake in 1939" and "the quake in 1999" are more often two events than one."""
    if wa.kind == "year" and wb.kind == "year" and not (wa.spread or wb.spread):
        return None
    if wa.kind != "year" and (wa.kind not in ("day", "month") or wa.year is None or not wb.spread):
        return None
    return SAME if abs(wa.year - wb.year) <= wa.spread + wb.spread else Clash("warning", "years")


def _step(a: Mention, b: Mention, articles: dict[str, Article]) -> int | None:
    """How many days b's date lies after a's, when both can be placed."""
    wa, wb = a.when, b.when
    da, db = _full_day(wa, _published(b, articles)), _full_day(wb, _published(a, articles))
    if da and db:
        return (db - da).days
    if wa.weekday is not None and wb.weekday is not None:
        return {1: 1, 6: -1}.get((wb.weekday - wa.weekday) % 7)
    return None


def _across_midnight(a: Mention, b: Mention, articles: dict[str, Article]) -> bool:
    """Late on one day and early on the next may be one night: "late on Tuesday night" / "early on Wednesday"."""
    step = _step(a, b, articles)
    if step not in (1, -1):
        return False
    earlier, later = (a, b) if step == 1 else (b, a)
    return earlier.event.late or later.event.early


def relation(a: Mention, b: Mention, articles: dict[str, Article]) -> Clash | str | None:
    """_compare, softened where the context allows both dates: midnight, or a date moved between reports."""
    found = _compare(a, b, articles)
    if not isinstance(found, Clash) or found.reason in ("month", "months", "years", "time"):
        return found
    if _across_midnight(a, b, articles):
        return Clash("info", "midnight")
    if (a.event.ahead or b.event.ahead) and _apart(a, b, articles) >= 1 and found.severity == "error":
        return Clash("warning", "moved")
    return found


# --- findings ---------------------------------------------------------------------------------------

def _located(text: str, d: DateMention) -> DateMention:
    """The mention with offsets into the sentence's own text (a span with leading space shifts them)."""
    if text[d.start:d.end] == d.text:
        return d
    near = [m.start() for m in re.finditer(re.escape(d.text), text)]
    if not near:
        return d
    start = min(near, key=lambda i: abs(i - d.start))
    return replace(d, start=start, end=start + len(d.text))


def _read(c: Claim, articles: dict[str, Article]) -> list[When | None]:
    published = articles[c.sentence.article_id].published if c.sentence.article_id in articles else None
    return [read_when(d) or read_year(_located(c.sentence.text, d), c.sentence.text, published) for d in c.dates]


def _mentions(claims: list[Claim], known_docs: dict | None, guard: Guard,
              articles: dict[str, Article] | None = None) -> list[Mention]:
    from claimcheck.extract.nlp import (
        sentence_docs,  # the shared pipeline; loaded only when dates exist
    )

    rows = [(row, c) for row, c in enumerate(claims) if c.sentence.is_fact and c.dates]
    reads = {row: guard.run(_read, c, articles or {}, claims=[c]) for row, c in rows}
    rows = [(row, c) for row, c in rows if reads[row] and any(reads[row])]
    if not rows:
        return []
    docs = sentence_docs((c.sentence.text for _, c in rows), known_docs)
    out = []
    events: dict[tuple, list[Event]] = {}  # by wording: a sentence printed word for word is read once
    for row, c in rows:
        dates = tuple(_located(c.sentence.text, d) for d in c.dates)
        key = (c.sentence.text, dates)
        if key not in events:
            events[key] = guard.run(_events, docs[c.sentence.text], dates, claims=[c]) or []
        for d, w, e in zip(dates, reads[row], events[key]):
            before = c.sentence.text[:d.start].split()
            if before and before[-1].lower() in _BOUNDS or stamped_at(c.sentence.text, d.start):
                continue  # a bound ("until Friday"), or a page's date stamp left in the text
            if w is not None and (e.verbs or e.events or e.nouns):
                out.append(Mention(c, d, w, e, row))
    return out


def _time_mentions(claims: list[Claim], known_docs: dict | None, guard: Guard) -> list[Mention]:
    """Times of day, each with the event of its own clause; a time said of no event ("police said at 5 p.m.")
    or of something still to come is left out."""
    from claimcheck.extract.nlp import sentence_docs

    rows = []
    for row, c in enumerate(claims):
        if c.sentence.is_fact:
            times = guard.run(extract_times, c.sentence.text, claims=[c])
            if times:
                rows.append((row, c, times))
    if not rows:
        return []
    docs = sentence_docs((c.sentence.text for _, c, _ in rows), known_docs)
    out = []
    for row, c, times in rows:
        spans = tuple(DateMention(t.text, None, None, t.start, t.end) for t in times)
        events = guard.run(_events, docs[c.sentence.text], spans, claims=[c]) or []
        for t, span, e in zip(times, spans, events):
            if (e.verbs or e.events) and not e.ahead:
                out.append(Mention(c, span, When("time", None, None, None, None, None, clock=t), e, row))
    return out


def _phrase(m: Mention) -> str:
    """The date as it would read after the event: "on Monday (28 October 2024)", "in October"."""
    text = m.date.text
    if m.when.kind == "time":
        return f"at {text}" if text[:1].isdigit() else text
    if m.when.kind == "year":
        if text.isdigit():
            return f"in {text}"
        lead = "" if re.search(r"\bago$", text) else "for "
        return f"{lead}{text} (about {m.when.year})"
    first = text.split()[0].lower() if text else ""
    lead = "" if first in ("on", "in", "last", "this", "next", "yesterday", "today", "tonight", "the") \
        or relative_days(text) is not None else ("in " if m.when.kind == "month" else "on ")
    shown = f"{lead}{text}"
    if m.when.kind in ("weekday", "relative") and m.when.day is not None:
        shown += f" ({_day_text(m.when.day)})"
    return shown


def _day_text(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1].capitalize()} {d.year}"


def _value_key(m: Mention) -> str:
    """The day a phrase states, normalised ("11 June" and "June 11" are one), never what a publication date
    added to it, so the fingerprint survives metadata being filled in."""
    w = m.when
    if w.kind == "time":
        return f"time:{w.clock.low:g}-{w.clock.high:g}"
    if w.kind == "year":
        return f"year:{w.year}~{w.spread}"
    if w.kind == "month":
        return f"{w.year or ''}-{w.month:02d}"
    if w.kind == "day":
        return f"{w.year or ''}-{w.month_day[0]:02d}-{w.month_day[1]:02d}"
    if w.kind == "weekday":
        return WEEKDAYS[w.weekday]
    return w.day.isoformat()


_REASONS = {
    "days": "one event cannot have happened on {both} days.",
    "apart": "one event cannot have happened on {both} days, though the reports were published days apart; "
             "check they describe the same occasion.",
    "inferred": "the day is worked out from the publication date, so check which day the sources mean.",
    "months": "one event cannot have happened in both months.",
    "month": "the day given falls outside the month given.",
    "moved": "the event was still to come and the reports were published on different days, "
             "so the date may have been moved in between.",
    "years": "counted from the publication date, with a year's leeway either way, the years still do not agree.",
    "time": "the times of day given for one event do not overlap, even allowing for the rounding their wording "
            "implies (\"around\" widens a time, an exact minute does not); clocks may also differ, so check which "
            "is right.",
    "midnight": "the days are adjacent and a source places it late at night or in the small hours, so both may "
                "mean one night either side of midnight.",
}


def _reason(reason: str, sides: int) -> str:
    both = "both" if sides == 2 else "all these"
    if reason.startswith("weekday:"):
        day = date.fromisoformat(reason.split(":", 1)[1])
        return f"{_day_text(day)} was a {WEEKDAYS[day.weekday()].capitalize()}, so one event cannot have " \
               f"happened on {both} days."
    return _REASONS[reason].format(both=both)


def _explain(sides: list[list[Mention]], subject: str, is_noun: bool, reason: str,
             articles: dict[str, Article]) -> str:
    """"A says the footbridge reopened on Monday; B and C on 30 October; <why they conflict>"."""
    sides = sorted(sides, key=lambda ms: name_sources([articles[m.article] for m in ms]))
    parts = []
    for k, ms in enumerate(sides):
        who = name_sources([articles[m.article] for m in ms])
        plural = len({articles[m.article].source for m in ms}) > 1
        if k == 0:
            verb = ("put" if plural else "puts") if is_noun else ("say" if plural else "says")
            parts.append(f"{who} {verb} the {subject} {_phrase(ms[0])}")
        else:
            parts.append(f"{who} {_phrase(ms[0])}")
    return "; ".join(parts) + "; " + _reason(reason, len(sides))


def compare_dates(claims: list[Claim], vectors: np.ndarray, articles: dict[str, Article],
                  docs: dict | None = None, guard: Guard | None = None, candidates=None) -> list[Finding]:
    """Findings for events the sources put on different days or at different times of day; `vectors` rows
    align with `claims`."""
    guard = guard or Guard("date")
    findings = _findings(_mentions(claims, docs, guard, articles), vectors, articles, guard, candidates)
    findings += _findings(_time_mentions(claims, docs, guard), vectors, articles, guard, candidates)
    return sorted(findings, key=lambda f: f.id)


def _on_other_days(a: Mention, b: Mention, articles: dict[str, Article], read_days: dict) -> bool:
    """Do the two sentences put their times on days that cannot be one ("8 a.m. Sunday" / "Monday evening")?
    Then the day is the conflict, and the date comparison reports it. `read_days` keeps each sentence's days,
    read once however many pairs it is in."""
    def days(m: Mention) -> list[Mention]:
        key = id(m.claim)
        if key not in read_days:
            read_days[key] = [Mention(m.claim, d, w, _NO_EVENT, m.row)
                              for d, w in zip(m.claim.dates, _read(m.claim, articles))
                              if w is not None and w.kind in ("day", "weekday", "relative")]
        return read_days[key]

    found = [v for x in days(a) for y in days(b) if (v := _compare(x, y, articles)) is not None]
    return bool(found) and all(isinstance(v, Clash) for v in found)


def _findings(mentions: list[Mention], vectors: np.ndarray, articles: dict[str, Article], guard: Guard,
              candidates=None) -> list[Finding]:
    n = len(mentions)
    if not n:
        return []
    linked = Groups(n)

    verdicts: dict[tuple[int, int], Clash | str] = {}
    anchors: dict[tuple[int, int], set[str]] = {}
    read_days: dict = {}  # sentence -> its days, for _on_other_days
    first, second, _ = pairs_among(vectors, [m.row for m in mentions], FRAME_SIMILARITY, candidates=candidates)
    for i, j in zip(first.tolist(), second.tolist()):
        a, b = mentions[i], mentions[j]
        if a.article == b.article:
            continue
        shared = shared_anchors(a.event, b.event)
        gate = FRAME_SIMILARITY if a.event.frames & b.event.frames else MIN_SIMILARITY
        if not shared or float(vectors[a.row] @ vectors[b.row]) < gate:
            continue
        if a.when.kind == "time" and _on_other_days(a, b, articles, read_days):
            continue
        linked.join(i, j)
        anchors[(i, j)] = shared
        verdict = relation(a, b, articles)
        if verdict is not None:
            verdicts[(i, j)] = verdict

    def agrees(i: int, j: int) -> bool:
        return verdicts.get((min(i, j), max(i, j))) == SAME

    in_article: dict[str, list[int]] = {}
    for k, m in enumerate(mentions):
        in_article.setdefault(m.article, []).append(k)

    def echoed(i: int, j: int) -> bool:
        """Does i's article also give a date that agrees with j ("on Monday, October 28" written twice)? Not
        when that date contradicts i itself ("on Friday evening (June 22)" when Friday was the 23rd): then the
        article is at odds with itself, and its wrong half with j."""
        return any(agrees(k, j) and not isinstance(relation(mentions[k], mentions[i], articles), Clash)
                   for k in in_article[mentions[i].article] if k != i)

    clashes = {
        p: v for p, v in verdicts.items()
        if isinstance(v, Clash) and not (echoed(p[0], p[1]) or echoed(p[1], p[0]))
    }
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(linked.find(i), []).append(i)
    clashes_of, verdicts_of, anchors_of = by_group(clashes, linked), by_group(verdicts, linked), by_group(anchors, linked)
    findings = []
    for root, members in groups.items():
        pairs = clashes_of.get(root)
        if not pairs:
            continue
        found = guard.run(_finding, mentions, members, pairs, verdicts_of[root], anchors_of[root], articles,
                          claims=[mentions[i].claim for i in members])
        if found:
            findings.append(found)
    return findings


def _finding(mentions, members, pairs, verdicts, anchors, articles) -> Finding:
    """`verdicts` and `anchors` hold this group's pairs only."""
    weight = Counter(i for p in pairs for i in p)
    compared = {i for p in verdicts for i in p}
    chosen_by_article: dict[str, int] = {}
    for i in sorted(members, key=lambda i: (-weight[i], mentions[i].claim.sentence.index, mentions[i].date.start)):
        if i in compared:
            chosen_by_article.setdefault(mentions[i].article, i)
    picked = [chosen_by_article[a] for a in sorted(chosen_by_article)]
    chosen = [mentions[i] for i in picked]
    # Sides: the sources that agree with each other ("on Monday" and "October 28" may be one day). Agreeing is
    # not always passed on ("shortly before 3 p.m." fits both "2:45" and "around 2:50"), so a join that would
    # put two clashing sources on one side is left out.
    # The picked sources are compared with each other here even where their sentences were not paired.
    position = {i: k for k, i in enumerate(picked)}
    same_side = Groups(len(picked))
    between = {}
    for x in picked:
        for y in picked:
            if x < y:
                between[(x, y)] = verdicts[(x, y)] if (x, y) in verdicts else \
                    relation(mentions[x], mentions[y], articles)
    apart_from: dict[int, set[int]] = {}  # position -> positions it clashes with
    for (x, y), v in between.items():
        if isinstance(v, Clash):
            apart_from.setdefault(position[x], set()).add(position[y])
            apart_from.setdefault(position[y], set()).add(position[x])
    side_of: dict[int, list[int]] = {k: [k] for k in range(len(picked))}  # root -> its positions
    for (x, y), verdict in sorted(between.items()):
        if verdict == SAME:
            rx, ry = same_side.find(position[x]), same_side.find(position[y])
            if rx == ry:
                continue
            other = set(side_of[ry])
            if not any(apart_from.get(u, set()) & other for u in side_of[rx]):
                same_side.join(position[x], position[y])
                root = same_side.find(position[x])
                side_of[root] = side_of.pop(rx) + side_of.pop(ry)
    sides: dict[int, list[Mention]] = {}
    for i in sorted(picked, key=lambda i: -weight[i]):  # each side shown by a source that takes part in a clash
        sides.setdefault(same_side.find(position[i]), []).append(mentions[i])
    top = max(_RANK[c.severity] for c in pairs.values())
    worst = min((c for c in pairs.values() if _RANK[c.severity] == top),
                key=lambda c: (c.reason != "days", c.reason))  # the plainest reason of the worst severity
    # The event: the anchor most pairs share, described as the sentences put it.
    counts: dict[str, int] = {}
    for shared in anchors.values():
        for key in shared:
            counts[key] = counts.get(key, 0) + 1
    labelled = {k for i in members for k, _ in mentions[i].event.labels}
    key = max(sorted(counts), key=lambda k: (k in labelled, counts[k]))
    labels = sorted(
        (label, key in mentions[i].event.events)
        for i in members for k, label in mentions[i].event.labels if k == key
    )
    subject, is_noun = labels[0] if labels else (key.replace("_", " "), False)
    return Finding(
        id=fingerprint("date", key, [_value_key(m) for m in chosen]),
        kind="date",
        severity=worst.severity,
        subject=subject,
        explanation=_explain(list(sides.values()), subject, is_noun, worst.reason, articles),
        statements=tuple(statement(m.claim, articles[m.article], m.date.text) for m in chosen),
    )


def compare(inputs, guard: Guard) -> list[Finding]:
    """The registry's entry point (compare.registry)."""
    return compare_dates(inputs.claims, inputs.vectors, inputs.articles, inputs.docs, guard=guard,
                         candidates=inputs.candidates)
