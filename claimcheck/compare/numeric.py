"""Figures for the same counted thing that the sources give differently.

Two figures are compared when they count the same thing (same head noun and unit, no clash of
nationality or other proper modifiers) in sentences that say much the same (cosine similarity of their
embeddings). Each figure is an interval: its wording ("more than", "about", a range) and, for round
numbers, the rounding a reader allows. Disjoint intervals cannot both be true (error); overlapping ones
that differ a lot can be reconciled only under a condition the explanation states (warning).
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace

import numpy as np

from claimcheck.compare.common import Groups, Guard, by_group, fingerprint, statement
from claimcheck.embed.neighbours import pairs_among
from claimcheck.extract.frames import (
    OPENING_SOURCE,
    ORDINALS,
    CountFrame,
    comparable,
    sentence_frames,
)
from claimcheck.extract.names import fold
from claimcheck.extract.predicates import TOTAL
from claimcheck.extract.units import MONEY_UNITS, MONTHS
from claimcheck.extract.vocabulary import ELSEWHERE, HUMAN_OUTCOMES, thing_class
from claimcheck.records import Article, Claim, Finding, Quantity

MIN_SIMILARITY = 0.45  # cosine; below it two sentences are about different things
MIN_SIMILARITY_UNIT_ONLY = 0.6  # when only the unit says two measurements are of the same thing
# A measurement of a named thing ("magnitude 6.4 earthquake") is a property of it, however differently the
# sentences around it go on; noun and unit together say enough to need only loosely related sentences.
MIN_SIMILARITY_MEASURE = 0.3
# Two figures in one frame (the same outcome for the same people in the same place: "40 were killed" and "the
# death toll rose to 46") need only sentences on one topic; how alike the rest of the sentence is says little.
MIN_SIMILARITY_FRAME = 0.3
MIN_GAP = 0.25  # relative difference below which overlapping figures are treated as the same
ROUND_TOLERANCE = 0.03  # "20,000" as written may stand for anything rounded to it

_SHARES = {"percent", "percentage point", "basis point"}
_BOUND_WORDS = {
    "exact": "an exact figure",
    "about": "an estimate",
    "more_than": "a lower bound",
    "less_than": "an upper bound",
    "range": "a range",
}


@dataclass(frozen=True)
class Mention:
    claim: Claim
    quantity: Quantity
    row: int  # the claim's row in the vector matrix


def interval(q: Quantity) -> tuple[float, float]:
    """What the wording allows, widened for an exact figure by the rounding a reader grants it:
    half its last digit ('63%' may be 63.4), and a few percent for a round number ('20,000')."""
    low = q.low if q.low is not None else -math.inf
    high = q.high if q.high is not None else math.inf
    if q.bound == "exact":
        written = re.search(r"\d[\d,]*(?:\.(\d+))?", q.text)
        slack = 0.5  # a number in words ("five") is a whole number
        if written:
            shown = float(written.group(0).replace(",", "")) or 1.0
            scale = q.value / shown  # "1.2 million": the digits shown stand for millions
            slack = 0.5 * 10 ** -len(written.group(1) or "") * scale
        # A round thousand may stand for a rounded figure; "100 were women" counts them.
        if float(q.value).is_integer() and int(q.value) % 100 == 0 and abs(q.value) >= 1000:
            slack = max(slack, abs(q.value) * ROUND_TOLERANCE)
        low, high = q.value - abs(slack), q.value + abs(slack)
    return low, high


def _modifiers(q: Quantity) -> set[str]:
    """Capitalised words before the counted noun: 'Estmarkian reservists' -> {'estmarkian'}."""
    words = q.thing_text.split()
    return {fold(w) for w in words[:-1] if w[:1].isupper()}


# Nouns that count people in general: they stand for any more specific count of people ("23 people
# injured" and "23 workers injured") when the same thing happened to both.
GENERIC_THINGS = {"people", "person", "other", "others", "individual", "those", "one"}


def same_thing(a: Quantity, b: Quantity) -> bool:
    """Do two figures count the same thing? Same noun (or a generic one), unit, predicate and part.

    A measurement with a unit ("magnitude 5.8", "12 km") may lack a noun on one side; then the unit
    stands for it, and the caller asks for closer sentences (MIN_SIMILARITY_UNIT_ONLY).
    """
    if a.unit != b.unit:
        return False
    if (a.predicate == TOTAL) != (b.predicate == TOTAL):
        return False  # "61 seats" in "34 of 61 seats" is the whole, not a count of what was won
    if a.partitive != b.partitive and not (a.predicate and a.predicate == b.predicate):
        return False  # "two of its piers" is a part: only the same act on both sides makes it the same count
    measured = is_measure(a.unit)  # "magnitude 6.4 ... struck" / "... shook": one measure
    if a.predicate and b.predicate and a.predicate != b.predicate and not measured:
        return False  # "two workers died" / "23 workers were injured": two different counts
    if not a.thing or not b.thing:
        # Only a physical unit can stand in for the missing noun; percentages and money are of anything.
        return measured and bool(a.thing or b.thing or a.predicate == b.predicate)
    if thing_class(a.thing) != thing_class(b.thing):
        generic = a.thing in GENERIC_THINGS or b.thing in GENERIC_THINGS
        if not (generic and a.predicate and a.predicate == b.predicate):
            return False
    ma, mb = _modifiers(a), _modifiers(b)
    return not (ma and mb and not (ma & mb))


_PERIOD_NOUNS = {"year", "month", "quarter", "season", "week", "decade", "century", "term", "half"}
_RELATIVE = {"last", "this", "next", "previous", "current", "coming", "past", "first", "second", "third", "fourth"}
_DURATION = re.compile(r"^\W*(?:about|around|nearly|almost|some|more than|over|just|only)?\s*(?:\d[\d,.]*|an?|several|"
                       r"(?:a\s+)?few|many|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
                       r"twenty|thirty|forty|fifty|hundred)(?:-[a-z]+)?)\s+"
                       r"(?:years?|months?|weeks?|days?|hours?|decades?)\b", re.I)


def periods(claim: Claim, q: Quantity | None = None, calendar_only: bool = False) -> set[str]:
    """The words that put a sentence's figures in a span of time: '2023', 'last year', 'march', 'monday'.

    Not a duration ("for four days", "12 years") and not the figure `q` itself. With `calendar_only`, not a
    day either: a running count (a toll) reported "as of Sunday" and "on Monday" is one count at two times,
    where a measure of an event on two days ("a magnitude 5.5 quake hit on Jan. 3") is of two events.
    """
    found: set[str] = set()
    for e in claim.entities:
        if e.label != "DATE" or (q and e.start < q.end and q.start < e.end) or _DURATION.match(e.text):
            continue
        words = fold(e.text).split()
        for k, w in enumerate(words):
            if re.fullmatch(r"1[5-9]\d\d|20\d\d", w) or w.rstrip(".") in MONTHS:
                found.add(w.rstrip("."))
            elif w in _RELATIVE and k + 1 < len(words) and words[k + 1].rstrip("s") in _PERIOD_NOUNS:
                found.add(f"{w} {words[k + 1].rstrip('s')}")
            elif not calendar_only and w not in _PERIOD_FILLER and w not in _RELATIVE:
                found.add(w)
    return found


_PERIOD_FILLER = {"on", "in", "the", "of", "by", "since", "at", "a", "an", "year", "years", "month", "months",
                  "week", "weeks", "day", "days", "morning", "afternoon", "evening", "night", "hours", "early", "late"}


def _disjoint(pa: set[str], pb: set[str]) -> bool:
    """Figures for different periods ('last year' / 'this year', 2023 / 2024) count different things."""
    return bool(pa and pb and not (pa & pb))


def is_measure(unit: str) -> bool:
    """A physical measurement ('km', 'magnitude'), as against a plain count, money or a share."""
    return bool(unit) and unit not in MONEY_UNITS and unit not in _SHARES


_ACTORS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
_SPEECH = re.compile(r"^\W{0,3}\s*(?:also |later |earlier |previously |further |then |has |have |had )*"
                     r"(?:said|says|say|told|tells|reported|reports|estimated|"
                     r"estimates|announced|stated|claimed|confirmed|added)\b", re.IGNORECASE)


def actors(claim: Claim, q: Quantity) -> list[frozenset[str]]:
    """Names before a figure, other than whoever is quoted giving it: who the figure is about.

    "The Alliance won 34 seats" and "The Green List won five seats" count seats of different parties;
    "The agency said 600 homes..." names only the speaker, who is left out (speakers may disagree).
    """
    text = claim.sentence.text
    opening = OPENING_SOURCE.match(text)  # "According to X, citing Y, ...": sources, not actors
    source_end = opening.end() if opening else 0
    found = []
    for e in claim.entities:
        if e.label not in _ACTORS or e.end > q.start or e.end <= source_end:
            continue
        if _SPEECH.match(text[e.end :]) or text[max(0, e.start - 13) : e.start].lower().endswith("according to "):
            continue
        if claim.speaker and e.text in claim.speaker:
            continue  # "Estmarkian state media said": a part of the speaker's name
        words = frozenset(w for w in fold(e.text).split() if w not in ("the", "of", "and"))
        if words:
            found.append(words)
    return found


def _other_actors(sa: list[frozenset[str]], sb: list[frozenset[str]]) -> bool:
    """Both figures are about named actors (`actors`), and no name on one side is a shorter or longer form of
    one on the other ('Alliance' / 'Civic Alliance' are one; 'Green Valley List' / 'Tarrent Valley' are not)."""
    return bool(sa and sb) and not any(x <= y or y <= x for x in sa for y in sb)


def _published_apart(a: Mention, b: Mention, articles: dict[str, Article]) -> bool:
    """Reports from different days may give a running count at different times: worth a warning."""
    da = articles[a.claim.sentence.article_id].published
    db = articles[b.claim.sentence.article_id].published
    return bool(da and db and da != db)


def _needed_similarity(a: Quantity, b: Quantity) -> float:
    if not (a.thing and b.thing):
        # The same verb says what the unit measures as a noun would ("lasted 44 days" / "spent 49 days").
        return MIN_SIMILARITY if a.predicate and a.predicate == b.predicate else MIN_SIMILARITY_UNIT_ONLY
    if is_measure(a.unit) and a.thing == b.thing:
        return MIN_SIMILARITY_MEASURE
    if a.thing == b.thing and a.predicate and a.predicate == b.predicate:
        # The same thing and the same act ("destroyed a quarter of the city" / "destroyed a fifth of the city"):
        # a frame of its own, whatever else the sentences say.
        return MIN_SIMILARITY_MEASURE
    return MIN_SIMILARITY


def relation(a: Quantity, b: Quantity) -> str | None:
    """'error' when both cannot be true, 'warning' when only under a condition, None when they agree."""
    return _relation(a, b, interval(a), interval(b))


def _relation(a: Quantity, b: Quantity, span_a: tuple[float, float], span_b: tuple[float, float]) -> str | None:
    """`relation` with both intervals already worked out (once per figure, not once per pair)."""
    lo_a, hi_a = span_a
    lo_b, hi_b = span_b
    # Intervals that only touch ("21" is 20.5-21.5, "22" is 21.5-22.5) hold no figure both could mean.
    eps = 1e-9 * max(abs(a.value), abs(b.value), 1e-12)
    if hi_a <= lo_b + eps or hi_b <= lo_a + eps:
        return "error"
    scale = max(abs(a.value), abs(b.value)) or 1.0
    if abs(a.value - b.value) / scale > MIN_GAP and "vague" not in (a.bound, b.bound):
        return "warning"
    return None


def _reconciled(quantities: list[Quantity]) -> bool:
    """An exact figure that every other wording allows, and that none is far from, settles the matter ("more
    than 50", "nearly 60", "57"). "At least 2,000" beside "5,200" is allowed by it but is no report of it: a
    lower bound that far under the figure is an earlier or another count."""
    spans = [interval(q) for q in quantities]
    return any(
        q.bound == "exact" and all(lo <= q.value <= hi for lo, hi in spans)
        and all(abs(o.value - q.value) / (max(abs(o.value), abs(q.value)) or 1.0) <= MIN_GAP for o in quantities)
        for q in quantities
    )


def _describe(m: Mention, articles: dict[str, Article]) -> str:
    who = articles[m.claim.sentence.article_id].source
    said = f" (attributed to {m.claim.speaker})" if m.claim.speaker else ""
    return f"{who} gives {m.quantity.text}{said}, {_BOUND_WORDS.get(m.quantity.bound, 'a figure')}"


def camps(chosen: list[Mention]) -> list[list[Mention]]:
    """Sources whose figures agree with each other, largest camp first."""
    groups: list[list[Mention]] = []
    for m in chosen:
        home = next((g for g in groups if all(relation(m.quantity, o.quantity) is None for o in g)), None)
        if home is None:
            groups.append([m])
        else:
            home.append(m)
    return sorted(groups, key=lambda g: -len(g))


def _explain(chosen: list[Mention], severity: str, articles: dict[str, Article]) -> str:
    thing = chosen[0].quantity.thing_text or chosen[0].quantity.thing
    groups = camps(chosen)
    if severity == "error" and len(groups) > 1 and len(groups[0]) > 1:
        # Count the sides so a reader sees at once where the weight of reporting lies.
        sides = "; ".join(
            f"{len(g)} of {len(chosen)} sources agree ({', '.join(_describe(m, articles) for m in g)})"
            if len(g) > 1 else _describe(g[0], articles)
            for g in groups
        )
        return f"{sides}. These figures for {thing} cannot all be true."
    parts = "; ".join(_describe(m, articles) for m in chosen)
    if severity == "error":
        return f"{parts}. These figures for {thing} cannot all be true."
    lows = [interval(m.quantity)[0] for m in chosen]
    highs = [interval(m.quantity)[1] for m in chosen]
    low, high = max(lows), min(highs)
    if low > high:  # a warning only because the reports are from different days: no one figure fits all
        return f"{parts}. These figures for {thing} cannot all be true at the same time."
    unit = chosen[0].quantity.unit
    shown = f" {_UNIT_NAMES.get(unit, unit)}" if unit else ""
    if math.isinf(high):
        condition = f"the figure is at least {_num(low)}{shown}"
    elif math.isinf(low):
        condition = f"the figure is at most {_num(high)}{shown}"
    else:
        condition = f"the figure lies between {_num(low)} and {_num(high)}{shown}"
    return f"{parts}. Both can be true only if {condition}; check which the sources mean."


_UNIT_NAMES = {"second": "seconds", "percent": "percent", "dollar": "dollars", "km": "km"}


def _num(x: float) -> str:
    """A bound as a reader wants it: whole numbers with separators, small ones with their decimals."""
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:,.3g}"


def compare_numeric(claims: list[Claim], vectors: np.ndarray, articles: dict[str, Article],
                    guard: Guard | None = None, candidates=None) -> list[Finding]:
    """Findings for figures that disagree across articles; `vectors` rows align with `claims`."""
    guard = guard or Guard("numeric")
    # Once per figure, not once per pair; a sentence whose figures cannot be read is left out.
    years = {a: (art.published.year if art.published else None) for a, art in articles.items()}
    read = []
    for row, c in enumerate(claims):
        if not (c.sentence.is_fact and c.quantities):
            continue
        framed_claim = guard.run(sentence_frames, c, years.get(c.sentence.article_id), claims=[c])
        if framed_claim is None:
            continue
        for q, frame in zip(c.quantities, framed_claim):
            # A figure with no counted noun or unit is read only when its frame says what happened to whom
            # ("82 more were hurt").
            if q.bound != "vague" and (q.thing or q.unit or _is_framed(frame)):
                m = Mention(c, _in_seconds(q), row)
                read.append((m, _read_mention(m, frame)))
    mentions = [m for m, _ in read]
    who = [r[0] for _, r in read]
    when = [r[1] for _, r in read]
    spans = [r[2] for _, r in read]
    frames = [r[3] for _, r in read]
    framed = [_is_framed(f) for f in frames]
    splits = _splits(mentions, frames, framed)
    n = len(mentions)
    related = Groups(n)

    conflicts: dict[tuple[int, int], str] = {}
    agreeing: set[tuple[int, int]] = set()  # comparable pairs whose figures agree, both orders
    lowest = min(MIN_SIMILARITY, MIN_SIMILARITY_UNIT_ONLY, MIN_SIMILARITY_MEASURE)
    first, second, _ = pairs_among(vectors, [m.row for m in mentions], lowest, candidates=candidates)
    more_first, more_second = _frame_pairs(mentions, frames, framed, vectors, candidates)
    # Both sources of pairs, each pair once, in order (as one sorted array of i * n + j: sorting a million
    # tuples in Python costs a second on a large corpus).
    keys = np.unique(np.concatenate([first.astype(np.int64) * n + second, more_first * n + more_second]))
    claimant = [_claimant(m.claim) for m in mentions]
    person = [_is_person(m.claim) for m in mentions]
    for i, j in zip((keys // n).tolist(), (keys % n).tolist()):
        a, b = mentions[i], mentions[j]
        if a.claim.sentence.article_id == b.claim.sentence.article_id:
            continue
        if framed[i] or framed[j]:
            # A figure for what happened to people is comparable only within its frame: "38 died" is no
            # count of "67 people aboard", nor the toll of one town the toll of the whole event.
            if not (framed[i] and framed[j] and comparable(frames[i], frames[j], splits[i], splits[j])):
                continue
            if a.quantity.unit != b.quantity.unit or (a.quantity.predicate == TOTAL) != (b.quantity.predicate == TOTAL):
                continue
            needed = MIN_SIMILARITY_FRAME
        elif frames[i].reference and a.quantity.unit == b.quantity.unit:
            # Two times after one moment, or two distances from one place: the reference says what is measured
            # ("12 minutes apart" / "about 10 seconds apart"), whatever the nouns.
            needed = MIN_SIMILARITY
        elif not same_thing(a.quantity, b.quantity):
            continue
        else:
            needed = _needed_similarity(a.quantity, b.quantity)
            if frames[i].qualifiers & ORDINALS and is_measure(a.quantity.unit):
                needed = min(needed, MIN_SIMILARITY_MEASURE)  # "the second quake" on both sides names one event
        if not _same_setting(frames[i], frames[j]):
            continue
        if _other_claimants(claimant[i], claimant[j], person[i] or person[j]):
            continue  # "police put it at 5,000" and "organisers said 20,000": each outlet may report both
        if _other_actors(who[i], who[j]):
            continue
        if _disjoint(when[i], when[j]) and not _published_apart(a, b, articles):
            continue  # reports of one day that name different days count different things
        if float(vectors[a.row] @ vectors[b.row]) < needed:
            continue
        related.join(i, j)
        rel = _relation(a.quantity, b.quantity, spans[i], spans[j])
        if rel:
            conflicts[(i, j)] = rel
        else:
            agreeing.update({(i, j), (j, i)})

    in_article: dict[str, list[int]] = {}
    for k, m in enumerate(mentions):
        in_article.setdefault(m.claim.sentence.article_id, []).append(k)

    def echoed(i: int, j: int) -> bool:
        """Does i's article also give a figure that agrees with j ("from 8 percent to 3 percent")?"""
        return any((k, j) in agreeing for k in in_article[mentions[i].claim.sentence.article_id])

    conflicts = {(i, j): r for (i, j), r in conflicts.items() if not (echoed(i, j) or echoed(j, i))}

    topics: dict[int, list[int]] = {}
    for i in range(n):
        topics.setdefault(related.find(i), []).append(i)
    conflicts_of = by_group(conflicts, related)
    findings = []
    for root, members in topics.items():
        pairs = conflicts_of.get(root)
        if pairs:
            found = guard.run(_finding, mentions, members, pairs, articles, claims=[mentions[i].claim for i in members])
            if found:
                findings.append(found)
    return findings


def _read_mention(m: Mention, frame: CountFrame) -> tuple[list[frozenset[str]], set[str], tuple[float, float], CountFrame]:
    """Who gives the figure, for which periods, its interval and its frame."""
    return (actors(m.claim, m.quantity), periods(m.claim, m.quantity, calendar_only=_is_framed(frame)),
            interval(m.quantity), frame)


def _claimant(claim: Claim) -> frozenset[str]:
    return frozenset(w for w in fold(claim.speaker or "").split() if w not in _CLAIMANT_FILLER)


_CLAIMANT_FILLER = {"the", "a", "an", "of", "and", "said", "says", "according", "to", "officials", "official",
                    "local", "state", "national", "its", "their", "his", "her", "spokesman", "spokeswoman",
                    "spokesperson", "told", "reporters"}


def _other_claimants(a: frozenset[str], b: frozenset[str], a_person: bool) -> bool:
    """Both figures are attributed to bodies (not people: `a_person` says whether either claimant is one)
    with no word in common: two estimates, not two reports of one ("police put the crowd at 5,000" /
    "organisers said 20,000"). A figure with no claimant, the same claimant on both sides, or a person (who
    may speak for the body on the other side: "the commission said" / "its chair, Ann Lee, said") is one the
    outlets disagree on."""
    return bool(a and b and not (a & b)) and not a_person


def _is_person(claim: Claim) -> bool:
    speaker = claim.speaker or ""
    return any(e.label == "PERSON" and (e.text in speaker or speaker in e.text) for e in claim.entities)


_SECONDS = {"second": 1.0, "minute": 60.0, "hour": 3600.0, "day": 86400.0, "week": 604800.0}


def _in_seconds(q: Quantity) -> Quantity:
    """Durations in one unit, so "twelve minutes" and "10 seconds" compare (months and years vary in length)."""
    factor = _SECONDS.get(q.unit)
    if factor is None or factor == 1.0 and q.unit == "second":
        return q
    return replace(q, unit="second", value=q.value * factor, low=None if q.low is None else q.low * factor,
                   high=None if q.high is None else q.high * factor)


def _is_framed(f: CountFrame) -> bool:
    """A count of what happened to people: compared by frame, not by how alike the sentences are."""
    return f.outcome in HUMAN_OUTCOMES and bool(f.population)


def _same_setting(a: CountFrame, b: CountFrame) -> bool:
    """What every kind of figure must share to be compared, whatever it counts or measures: the same reference
    ("20 km east of Lenfield" is no depth, nor a distance from Ashby; "eight hours after" no supply of hours),
    both reported or both predicted, and no different ordinals ("the first quake" / "the second quake")."""
    if a.reference != b.reference or a.modality != b.modality:
        return False
    oa, ob = a.qualifiers & ORDINALS, b.qualifiers & ORDINALS
    return oa == ob


def _splits(mentions: list[Mention], frames: list[CountFrame], framed: list[bool]) -> list[bool]:
    """Does a figure's article split its frame's count by place ("32 dead in Lenfield, 22 in Ashby")? Then a
    place it names marks a part, not the event's place."""
    seen: dict[tuple, dict[tuple, set[float]]] = {}
    for k, f in enumerate(frames):
        if framed[k] and not f.qualifiers & ELSEWHERE:  # "170 more elsewhere" leaves the main count whole
            key = (mentions[k].claim.sentence.article_id, f.outcome, f.population, mentions[k].quantity.unit)
            # A grade ("critical" / "serious" condition) splits a count as a place does.
            seen.setdefault(key, {}).setdefault((f.places, f.detail), set()).add(mentions[k].quantity.value)
    split_keys = set()
    for key, by_place in seen.items():
        values = list(by_place.values())
        # Two place sets with no figure in common: the article gives different counts for different places.
        if len(by_place) > 1 and any(not (x & y) for i, x in enumerate(values) for y in values[i + 1:]):
            split_keys.add(key)
    return [framed[k] and (mentions[k].claim.sentence.article_id, f.outcome, f.population,
                           mentions[k].quantity.unit) in split_keys for k, f in enumerate(frames)]


def _frame_pairs(mentions: list[Mention], frames: list[CountFrame], framed: list[bool], vectors: np.ndarray,
                 candidates=None) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (first, second arrays, first < second) of figures with one outcome whose sentences are on one topic,
    found by frame rather than by the nearest whole sentences (a long sentence with three figures is near none
    of the short ones)."""
    buckets: dict[tuple, list[int]] = {}
    for k, f in enumerate(frames):
        if framed[k]:
            buckets.setdefault((f.outcome, mentions[k].quantity.unit), []).append(k)
    firsts, seconds = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    for members in buckets.values():
        if len(members) < 2:
            continue
        if candidates is not None:
            x, y, _ = candidates.among([mentions[k].row for k in members], MIN_SIMILARITY_FRAME)
        else:
            rows = vectors[[mentions[k].row for k in members]]
            x, y = np.nonzero(np.triu(rows @ rows.T, 1) >= MIN_SIMILARITY_FRAME)
        index = np.asarray(members, dtype=np.int64)
        firsts.append(index[x])
        seconds.append(index[y])
    return np.concatenate(firsts), np.concatenate(seconds)


def _finding(mentions: list[Mention], members: list[int], pairs: dict, articles: dict[str, Article]) -> Finding | None:
    """The finding of one group of related figures, given its conflicting pairs; None when they reconcile."""
    weight = Counter(i for p in pairs for i in p)
    chosen_by_article: dict[str, Mention] = {}
    for i in sorted(members, key=lambda i: (-weight[i], mentions[i].claim.sentence.index)):
        m = mentions[i]
        chosen_by_article.setdefault(m.claim.sentence.article_id, m)
    chosen = [chosen_by_article[a] for a in sorted(chosen_by_article)]
    severity = "error" if "error" in pairs.values() else "warning"
    if severity == "warning" and _reconciled([mentions[i].quantity for i in members]):
        return None
    dated = [articles[m.claim.sentence.article_id].published for m in chosen]
    later_note = ""
    if severity == "error" and all(dated) and len(set(dated)) > 1:
        severity = "warning"  # reported at different times: the later figure may supersede
        later_note = " The reports were published on different days; the later figure may supersede the earlier."
    thing = chosen[0].quantity.thing
    return Finding(
        id=fingerprint("numeric", f"{thing}|{chosen[0].quantity.unit}", [m.quantity.text for m in chosen]),
        kind="numeric",
        severity=severity,
        subject=max((m.quantity.thing_text for m in chosen), key=len) or thing,
        explanation=_explain(chosen, severity, articles) + later_note,
        statements=tuple(
            statement(m.claim, articles[m.claim.sentence.article_id], m.quantity.text) for m in chosen
        ),
    )


def compare(inputs, guard: Guard) -> list[Finding]:
    """The registry's entry point (compare.registry)."""
    return compare_numeric(inputs.claims, inputs.vectors, inputs.articles, guard=guard, candidates=inputs.candidates)
