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
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

import numpy as np

from claimcheck.compare.common import Groups, Guard, by_group, fingerprint, name_sources, statement
from claimcheck.embed.neighbours import similar_pairs
from claimcheck.extract.dates import MONTHS, WEEKDAYS, calendar_parts, looks_ahead, nearest_year, relative_days
from claimcheck.extract.predicates import normalise
from claimcheck.records import Article, Claim, DateMention, Finding

MIN_SIMILARITY = 0.55  # cosine; below it two sentences are about different things
APART_DAYS = 2  # reports this many days apart may mean different weeks by "on Friday"
_RANK = {"info": 0, "warning": 1, "error": 2}

# Verbs that carry no event of their own: speech, being and having, plans and light verbs ("took place").
_LIGHT_VERBS = {
    "be", "have", "do", "get", "give", "go", "come", "make", "take", "put", "keep", "let", "seem",
    "say", "tell", "add", "state", "note", "report", "claim", "confirm", "explain", "write", "ask",
    "happen", "occur", "hold", "set", "schedule", "plan", "expect", "intend", "want", "try", "need",
    "accord", "follow", "include", "remain", "become",
}
_SAME_VERB = {"start": "begin", "commence": "begin", "break_out": "begin", "finish": "end", "conclude": "end",
              "halt": "stop", "run_aground": "ground", "go_aground": "ground"}
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
    "release", "landing", "departure", "arrival", "sale",
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

    kind: str  # "day" (a calendar day as written) | "weekday" | "relative" ("yesterday") | "month"
    day: date | None  # the full calendar day, stated or resolved against the publication date
    month_day: tuple[int, int] | None  # a calendar day's month and day, with or without its year
    year: int | None  # the year as written
    weekday: int | None  # as written ("on Monday", "Monday, 28 October")
    month: int | None  # a month span's month


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


def _noun_forms(lemma: str) -> set[str]:
    """A noun and, for "-ing" nouns, the verb it comes from: "reopening" -> "reopen"."""
    forms = {lemma}
    if lemma.endswith("ing") and len(lemma) > 5:
        stem = lemma[:-3]
        forms |= {stem, stem + "e"}
        if len(stem) > 2 and stem[-1] == stem[-2]:
            forms.add(stem[:-1])  # "stabbing" -> "stab"
    return forms


def _clauses(tokens) -> list[int]:
    """The clause number of every token."""
    out, n = [], 0
    for tok in tokens:
        if tok.lower_ in _CLAUSE_BREAKS:
            n += 1
        out.append(n)
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
    """Is the noun a modifier of the next one ("raid suspect", "fire crews") rather than the event?"""
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
    inside = [any(d.start <= t.idx - base < d.end for d in dates) for t in tokens]
    clause = _clauses(tokens)
    nouns: dict[int, set[str]] = {}  # clause -> its content nouns
    for t, within, k in zip(tokens, inside, clause):
        if t.pos_ in ("NOUN", "PROPN") and not within and t.lower_ not in _TIME_WORDS:
            nouns.setdefault(k, set()).update(_noun_forms(t.lemma_.lower()))
    common = {t.lemma_.lower() for t, within in zip(tokens, inside)
              if t.pos_ == "NOUN" and not within and t.lower_ not in _TIME_WORDS}
    anchors: list[tuple[int, str, str, str]] = []  # (token, kind, key, label)
    nominal: set[int] = set()  # "-ing" verbs used as nouns
    for i, t in enumerate(tokens):
        if inside[i] or t.lower_ in _TIME_WORDS:
            continue
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
        if has_verb and not own:
            out.append(_NO_EVENT)  # "Police said on Monday that ...": the date is of the saying, not of what was said
            continue
        if not own and anchors:
            # A date alone in its clause ("On Monday, the council voted") takes the nearest clause's anchors,
            # the following one first.
            def gap(a):
                return abs(clause[a[0]] - clause[first]), clause[a[0]] < clause[first]

            nearest = min(gap(a) for a in anchors)
            own = [a for a in anchors if gap(a) == nearest]
        out.append(Event(
            verbs=frozenset(a[2] for a in own if a[1] == "verb"),
            events=frozenset(a[2] for a in own if a[1] == "event"),
            nouns=frozenset(nouns.get(clause[first], set())),
            common=frozenset(common),
            marks=frozenset(t.lower_ for t, within in zip(tokens, inside) if t.lower_ in _OCCURRENCE_WORDS
                            and not within),
            labels=tuple((a[2], a[3]) for a in own),
            late=bool(_clause_words(tokens, clause, first) & _LATE_WORDS),
            early=bool(_clause_words(tokens, clause, first) & _EARLY_WORDS),
            ahead=looks_ahead(doc, d.start),
        ))
    return out


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
    if a.verbs and b.verbs and not a.verbs & b.verbs:
        return set()
    if a.common and b.common and not a.common & b.common:
        return set()
    return ((a.verbs | a.events) & (b.verbs | b.events)) | (a.verbs & b.nouns) | (a.nouns & b.verbs)


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
    order = ("day", "weekday", "relative", "month")
    if order.index(a.when.kind) > order.index(b.when.kind):
        a, b = b, a
    wa, wb = a.when, b.when
    kinds = (wa.kind, wb.kind)
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
    if not isinstance(found, Clash) or found.reason in ("month", "months"):
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


def _mentions(claims: list[Claim], known_docs: dict | None, guard: Guard) -> list[Mention]:
    from claimcheck.extract.nlp import sentence_docs  # the shared pipeline; loaded only when dates exist

    rows = [(row, c) for row, c in enumerate(claims) if c.sentence.is_fact and c.dates]
    reads = {row: guard.run(lambda c: [read_when(d) for d in c.dates], c, claims=[c]) for row, c in rows}
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
            if before and before[-1].lower() in _BOUNDS:
                continue
            if w is not None and (e.verbs or e.events or e.nouns):
                out.append(Mention(c, d, w, e, row))
    return out


def _phrase(m: Mention) -> str:
    """The date as it would read after the event: "on Monday (28 October 2024)", "in October"."""
    text = m.date.text
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
                  docs: dict | None = None, guard: Guard | None = None) -> list[Finding]:
    """Findings for events the sources put on different days; `vectors` rows align with `claims`."""
    guard = guard or Guard("date")
    mentions = _mentions(claims, docs, guard)
    n = len(mentions)
    linked = Groups(n)

    verdicts: dict[tuple[int, int], Clash | str] = {}
    anchors: dict[tuple[int, int], set[str]] = {}
    for i, j in similar_pairs(vectors[[m.row for m in mentions]], MIN_SIMILARITY):
        a, b = mentions[i], mentions[j]
        if a.article == b.article:
            continue
        shared = shared_anchors(a.event, b.event)
        if not shared or float(vectors[a.row] @ vectors[b.row]) < MIN_SIMILARITY:
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
        """Does i's article also give a date that agrees with j ("on Monday, October 28" written twice)?"""
        return any(agrees(k, j) for k in in_article[mentions[i].article] if k != i)

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
    return sorted(findings, key=lambda f: f.id)


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
    # Sides: the sources that agree with each other ("on Monday" and "October 28" may be one day).
    position = {i: k for k, i in enumerate(picked)}
    same_side = Groups(len(picked))
    for (x, y), verdict in verdicts.items():
        if verdict == SAME and x in position and y in position:
            same_side.join(position[x], position[y])
    sides: dict[int, list[Mention]] = {}
    for i in picked:
        sides.setdefault(same_side.find(position[i]), []).append(mentions[i])
    top = max(_RANK[c.severity] for c in pairs.values())
    worst = min((c for c in pairs.values() if _RANK[c.severity] == top),
                key=lambda c: (c.reason != "days", c.reason))  # the plainest reason of the worst severity
    # The event: the anchor most pairs share, described as the sentences put it.
    counts: dict[str, int] = {}
    for shared in anchors.values():
        for key in shared:
            counts[key] = counts.get(key, 0) + 1
    key = max(sorted(counts), key=lambda k: counts[k])
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
