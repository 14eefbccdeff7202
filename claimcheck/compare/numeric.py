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
from dataclasses import dataclass

import numpy as np

from claimcheck.compare.common import Guard, Groups, by_group, fingerprint, statement
from claimcheck.embed.neighbours import similar_pairs
from claimcheck.extract.names import fold
from claimcheck.extract.predicates import TOTAL
from claimcheck.extract.units import MONEY_UNITS
from claimcheck.records import Article, Claim, Finding, Quantity

MIN_SIMILARITY = 0.45  # cosine; below it two sentences are about different things
MIN_SIMILARITY_UNIT_ONLY = 0.6  # when only the unit says two measurements are of the same thing
# A measurement of a named thing ("magnitude 6.4 earthquake") is a property of it, however differently the
# sentences around it go on; noun and unit together say enough to need only loosely related sentences.
MIN_SIMILARITY_MEASURE = 0.3
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
        if float(q.value).is_integer() and int(q.value) % 100 == 0 and int(q.value) != 0:
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
    if a.thing != b.thing:
        generic = a.thing in GENERIC_THINGS or b.thing in GENERIC_THINGS
        if not (generic and a.predicate and a.predicate == b.predicate):
            return False
    ma, mb = _modifiers(a), _modifiers(b)
    return not (ma and mb and not (ma & mb))


_PERIOD_FILLER = {"on", "in", "the", "of", "by", "since", "at", "a", "an", "year", "years", "month", "months",
                  "week", "weeks", "day", "days", "morning", "afternoon", "evening", "night", "hours", "early", "late"}


def periods(claim: Claim) -> set[str]:
    """The words that tell which time span a sentence puts its figures in: 'last', '2023', 'thursday'."""
    return {
        w for e in claim.entities if e.label == "DATE" for w in fold(e.text).split() if w not in _PERIOD_FILLER
    }


def _disjoint(pa: set[str], pb: set[str]) -> bool:
    """Figures for different periods ('last year' / 'this year', 2023 / 2024) count different things."""
    return bool(pa and pb and not (pa & pb))


def is_measure(unit: str) -> bool:
    """A physical measurement ('km', 'magnitude'), as against a plain count, money or a share."""
    return bool(unit) and unit not in MONEY_UNITS and unit not in _SHARES


_ACTORS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
_SPEECH = re.compile(r"^\W{0,3}\s*(?:has |have |had )?(?:said|says|say|told|tells|reported|reports|estimated|"
                     r"estimates|announced|stated|claimed|confirmed|added)\b", re.IGNORECASE)


def actors(claim: Claim, q: Quantity) -> list[frozenset[str]]:
    """Names before a figure, other than whoever is quoted giving it: who the figure is about.

    "The Alliance won 34 seats" and "The Green List won five seats" count seats of different parties;
    "The agency said 600 homes..." names only the speaker, who is left out (speakers may disagree).
    """
    text = claim.sentence.text
    found = []
    for e in claim.entities:
        if e.label not in _ACTORS or e.end > q.start:
            continue
        if _SPEECH.match(text[e.end :]) or text[max(0, e.start - 13) : e.start].lower().endswith("according to "):
            continue
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
        return MIN_SIMILARITY_UNIT_ONLY
    if is_measure(a.unit) and a.thing == b.thing:
        return MIN_SIMILARITY_MEASURE
    return MIN_SIMILARITY


def relation(a: Quantity, b: Quantity) -> str | None:
    """'error' when both cannot be true, 'warning' when only under a condition, None when they agree."""
    return _relation(a, b, interval(a), interval(b))


def _relation(a: Quantity, b: Quantity, span_a: tuple[float, float], span_b: tuple[float, float]) -> str | None:
    """`relation` with both intervals already worked out (once per figure, not once per pair)."""
    lo_a, hi_a = span_a
    lo_b, hi_b = span_b
    if hi_a < lo_b or hi_b < lo_a:
        return "error"
    scale = max(abs(a.value), abs(b.value)) or 1.0
    if abs(a.value - b.value) / scale > MIN_GAP and "vague" not in (a.bound, b.bound):
        return "warning"
    return None


def _reconciled(quantities: list[Quantity]) -> bool:
    """An exact figure that every other wording allows settles the matter ("more than 50", "nearly 60", "57")."""
    spans = [interval(q) for q in quantities]
    return any(
        q.bound == "exact" and all(lo <= q.value <= hi for lo, hi in spans) for q in quantities
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
    if math.isinf(high):
        condition = f"the figure is at least {low:,.0f}"
    elif math.isinf(low):
        condition = f"the figure is at most {high:,.0f}"
    else:
        condition = f"the figure lies between {low:,.0f} and {high:,.0f}"
    return f"{parts}. Both can be true only if {condition}; check which the sources mean."


def compare_numeric(claims: list[Claim], vectors: np.ndarray, articles: dict[str, Article],
                    guard: Guard | None = None) -> list[Finding]:
    """Findings for figures that disagree across articles; `vectors` rows align with `claims`."""
    guard = guard or Guard("numeric")
    mentions = [
        Mention(c, q, row)
        for row, c in enumerate(claims)
        if c.sentence.is_fact
        for q in c.quantities
        if (q.thing or q.unit) and q.bound != "vague"
    ]
    # Once per mention, not once per pair; a figure that cannot be read is left out.
    read = [(m, r) for m in mentions if (r := guard.run(_read_mention, m, claims=[m.claim])) is not None]
    mentions = [m for m, _ in read]
    who = [r[0] for _, r in read]
    when = [r[1] for _, r in read]
    spans = [r[2] for _, r in read]
    n = len(mentions)
    related = Groups(n)

    conflicts: dict[tuple[int, int], str] = {}
    agreeing: set[tuple[int, int]] = set()  # comparable pairs whose figures agree, both orders
    lowest = min(MIN_SIMILARITY, MIN_SIMILARITY_UNIT_ONLY, MIN_SIMILARITY_MEASURE)
    for i, j in similar_pairs(vectors[[m.row for m in mentions]], lowest):
        a, b = mentions[i], mentions[j]
        if a.claim.sentence.article_id == b.claim.sentence.article_id:
            continue
        if not same_thing(a.quantity, b.quantity):
            continue
        if _other_actors(who[i], who[j]):
            continue
        if _disjoint(when[i], when[j]) and not _published_apart(a, b, articles):
            continue  # reports of one day that name different days count different things
        needed = _needed_similarity(a.quantity, b.quantity)
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


def _read_mention(m: Mention) -> tuple[list[frozenset[str]], set[str], tuple[float, float]]:
    """Who gives the figure, for which periods, and its interval."""
    return actors(m.claim, m.quantity), periods(m.claim), interval(m.quantity)


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
