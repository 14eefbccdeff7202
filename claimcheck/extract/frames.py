"""What a figure counts, read as a frame: what happened (outcome), to whom (population), where.

"At least 40 people were killed in Lenfield", "the death toll in Lenfield rose to 46" and "46 deaths were
confirmed in Lenfield" are one frame (die, people, {lenfield}); "12 others were wounded" is another
(injure, people), and "nine of the dead were children" another still (die, child). Comparators match figures
by frame, not by how alike their whole sentences are: a long sentence with three figures gives three frames,
each comparable on its own.

Reading is from the figure's own words (its predicate and counted noun, as the quantity extractor found them)
and the few words around it, with the general vocabulary of `extract.vocabulary`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise

from claimcheck.extract import gazetteer
from claimcheck.extract import vocabulary as V
from claimcheck.records import Claim, Quantity


@dataclass(frozen=True)
class CountFrame:
    outcome: str  # "die", "injure", "miss", ... or "" when the figure says nothing happened to what it counts
    population: str  # "people", "child", "troop", ... or the counted noun itself when no class holds it
    places: frozenset[str]  # where the count applies, as words of place names: {"lenfield"}; empty when unsaid
    qualifiers: frozenset[str]  # what narrows it: "rebel-held", "elsewhere", "first" (quake), "year 1998"
    partitive: bool = False  # "nine of them": a part of a count given elsewhere
    subgroup: bool = False  # "12 children were among the dead": a part of the people counted
    reference: str = ""  # what a distance or a time is measured from: "east of:lenfield", "after" ("2 hours after")
    modality: str = ""  # "forecast" for a figure predicted, expected or feared, not one observed
    detail: str = ""  # a grade within the outcome: "critical" or "serious" condition
    origin: frozenset[str] = frozenset()  # place words of the country whose body gives a figure with no place


# Words between a figure and what it is about that carry no meaning for the frame.
_CLAUSE_END = re.compile(r"[;:()\"“”—–]|,\s|\s(?:and|but|while|whereas|as|after|before|when|including|"
                         r"according|said|says|told)\b")
# Where the place words of a clause end: coordinated figures share a trailing place ("12 dead and 40 hurt in
# Lenfield"), so "and" does not end it.
_PLACE_END = re.compile(r"[;:()\"“”—–]|,\s+(?!and\b)(?![A-Z])|\s(?:according|said|says|told|while|whereas|that|which|who|"
                        r"where|when|after|before|since)\b")
_PARTITIVE = re.compile(r"\s+of\s+(?:them|those|these|the|its|their|whom|which)\b", re.I)
# An agent, not a count of victims: "two blasts killed 40 people".
_AGENT = re.compile(r"\s*(?:have\s+|has\s+|had\s+)?(?:killed|injured|wounded|hurt)\s+(?:at\s+least\s+|more\s+than\s+|"
                    r"about\s+|around\s+|nearly\s+|over\s+|up\s+to\s+|some\s+)?(?:\d|the\b|a\b|an\b|his\b|her\b|their\b|"
                    r"its\b|[A-Z])")
_COMPASS = (r"(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:[- ]?(?:north|south|east|west)"
            r"(?:east|west)?)?(?:ern)?")
# "20 km (12 miles) north-east of Lenfield", "200 km from Lenfield": a distance from a reference place.
_OFFSET_PLACE = re.compile(rf"\)?\s*(?:\([^)]{{0,30}}\)\s*)?(?:{_COMPASS}\s+of|from|outside|short\s+of|away\s+from)\s+"
                           r"(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}?(?P<ref>[A-Z][\w'-]+)", re.I)
# "eight hours after it lost contact", "an hour into the dive": a time from a reference moment.
# ("some 20 seconds and about 50 metres apart": a second measure may stand between.)
_OFFSET_TIME = re.compile(r"\s*(?:\([^)]{0,30}\)\s*)?(?:and\s+(?:about\s+|some\s+)?[\d.,]+\s+[a-z]+\s+)?"
                          r"(?:after|into|later|before|earlier|ago|since|apart)\b", re.I)
_FOR_BEFORE = re.compile(r"\b(?:for|over|during|in)\s+(?:the\s+(?:past|last|next)\s+|nearly\s+|almost\s+|about\s+|just\s+)?$", re.I)
_FORECAST = re.compile(r"\b(?:predict\w*|forecast\w*|expect\w*|project\w*|could|may|might|would|warn\w*|fear\w*|"
                       r"possibl\w*|potential\w*|estimat\w+\s+to\s+reach|up\s+to\s+\S+\s+\S+\s+predicted)\b", re.I)
_AFTER_EVENT = re.compile(r"\b(?:after|following|since|before|than)\s+(?:the\s+|a\s+|an\s+)?$", re.I)
_LIVING = re.compile(r"\b(?:home\s+to|population\s+of|community\s+of|inhabited\s+by|populated\s+by|"
                     r"(?:city|town|village)\s+of)\s*$", re.I)
# "According to Lenwire, citing Estmark's fire service, ...": who the sentence's figures come from.
OPENING_SOURCE = re.compile(r"^(?:(?:According to|Citing|citing)\b[^,;]{1,80},\s*){1,2}")
_CAPITALISED = re.compile(r"(?<![\w'’])[A-Z][\w'’-]*")
# "In Lenfield, 40 people ...": a place that opens the sentence holds for all its figures.
_OPENING_PLACE = re.compile(r"\s*(?:In|Across|Throughout|At)\b[^,;]{1,60},")
# What may stand between a framed figure and one that shares its frame: "..., 22 in ...", "... and five in ...".
_ELIDED = re.compile(r"(?:\s+(?:people|others?))?(?:\s+(?:\w+\s+){0,3}?(?:in|at|on)\s+[^,;]{1,40})?\s*(?:,|and|,\s*and)\s+(?:another\s+|a\s+further\s+)?", re.I)
_NEXT_FIGURE = re.compile(r"\s(?:and|while|whereas)\s+(?:another\s+|a\s+further\s+|at\s+least\s+|more\s+than\s+)?\d")
_LIST_JOIN = re.compile(r",?\s+(?:and|&)\s+(?:the\s+)?|,\s+", re.I)
LISTED = "(several places)"
_AMONG_WORD = re.compile(r"\b(?:among|including|includes?)\b", re.I)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_OPENING_YEAR = re.compile(r"\s*(?:In|By|During|Back in)\s+(?:\w+\s+)?(?:1[89]\d\d|20\d\d)\b")
ORDINALS = {"first", "second", "third", "fourth", "initial", "later", "earlier", "previous", "subsequent", "main"}
_ORDINAL = re.compile(rf"\b(?:{'|'.join(sorted(ORDINALS))})\b", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_AMONG = re.compile(r"\b(?:among|of)\s+(?:the|those|them)?\s*(?P<w>\w+)"
                    r"|\b(?:the|those)\s+(?P<v>\w+)\s+(?:include[sd]?|are|were)\s+(?:at\s+least\s+)?$", re.I)
_IS_A = re.compile(r"^\s*(?:--|[—–-])?\s*(?:of\s+(?:those|them|the)\s+\w+\s+)?(?:more\s+|others?\s+)?"
                   r"(?:were|are|was|is)\s+(?:all\s+)?(?P<w>[a-z]+)\b", re.I)
_IS_A_BEFORE = re.compile(r"\b(?:were|are|was|is)\s+(?P<w>[a-z]+)\s+at\s+$", re.I)  # "were women at 98"
_CONDITION = re.compile(r"\b(?:in\s+(?:a\s+)?(?P<grade>serious|critical|grave)(?:\s+but\s+stable)?\s+condition|"
                        r"(?P<adverb>critically|seriously)(?:\s+(?:injured|wounded|hurt|ill))?|in\s+intensive\s+care)\b", re.I)
# The grade of a condition, however worded; "in intensive care" names none.
_GRADES = {"serious": "serious", "seriously": "serious", "critical": "critical", "critically": "critical",
           "grave": "critical"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
# A compass word right before a place name: "north-west Estmark", "northwestern Estmark", "southern Estmark".
_SIDE = re.compile(rf"\b({_COMPASS})\s+$", re.I)
# A place word governed by the figure's clause: "in Lenfield", "across Lenfield and Ashby", "in the port town of
# Lenfield", "in Westmarch's Lenfield"; not a name further on ("in the storm that reached Lenfield").
_LOCATIVE = re.compile(r"\b(?:in|across|at|near|outside|throughout|of|on|and)\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}$", re.I)


def count_frame(claim: Claim, q: Quantity, published_year: int | None = None) -> CountFrame:
    """The frame of figure `q` of `claim`; a year other than `published_year` in the sentence marks a count
    of another time ("the 1998 floods killed 400")."""
    text = claim.sentence.text
    rest = _after_thing(text, q)
    after = _clause_after(text, rest)
    before = text[max(0, q.start - 40): q.start]
    grade = _CONDITION.search(after[:60])  # "33 others remain in serious condition"
    outcome = "condition" if grade else _outcome(q, after, before)
    if outcome in ("die", "injure") and _AGENT.match(text, rest):
        outcome = ""  # "two blasts killed 40 people": the blasts are no count of the dead
    population = _population(q, after, outcome, before)
    if not outcome and (population in V.PEOPLE_CLASSES.values() or not population
                        or V.PEOPLE_CLASSES.get(q.thing.lower()) == "people"):
        outcome = _among(text[: q.start])  # "Among the dead, 12 were children"
        if outcome and not population:
            population = "people"
    places, qualifiers = _where(claim, q, text[rest: rest + 160])
    near = text[max(0, q.start - 60): rest + 80]  # a year in the figure's own words: "the 1998 floods killed 400"
    opening = _OPENING_YEAR.match(text)  # "In 1998, a storm ... killed 400": the year holds for the whole sentence
    near += " " + opening.group(0) if opening else ""
    qualifiers |= {f"year {y}" for y in _YEAR.findall(near) if published_year is None or int(y) != published_year}
    qualifiers |= _ordinals(text, q.start)
    partitive = bool(_PARTITIVE.match(text, q.end))
    # "including 26 foreigners", "26 foreigners were among the dead": a part of those counted.
    subgroup = (population in V.SUBGROUPS or population not in V.PEOPLE_CLASSES.values() and population.isalpha()
                and population[:1].islower() and _named_group(q, population)
                or bool(_AMONG_WORD.search(text, max(0, q.start - 25), q.start))
                or bool(_AMONG_WORD.search(after)))
    detail = _GRADES.get((grade.group("grade") or grade.group("adverb") or "").lower(), "") if grade else ""
    return CountFrame(outcome, population, places, frozenset(qualifiers), partitive, subgroup,
                      _reference(text, q), _modality(text, q, rest), detail, frozenset() if places else _origin(claim))


def _origin(claim: Claim) -> frozenset[str]:
    """The country of the body a sentence credits its figures to ("Estmark's fire service said", "Estmarkian
    state media reported", "citing Estmark's fire service"), as place words; empty when it names none."""
    opening = OPENING_SOURCE.match(claim.sentence.text)
    for source in (claim.speaker or "", opening.group(0) if opening else ""):
        for m in _CAPITALISED.finditer(source):
            word = m.group(0)
            before = source[: m.start()].split()
            if word.endswith(("'s", "’s")) and before and before[-1][:1].isupper() and before[-1] != "Citing":
                continue  # "Ann Jordan's aide": a person's name, not a country's
            country = gazetteer.nation(word)
            if country:
                return frozenset(w for w in _WORD.findall(country) if w not in V.PLACE_FILLER)
    return frozenset()


def sentence_frames(claim: Claim, published_year: int | None = None) -> list[CountFrame]:
    """The frame of every figure of a sentence. A figure that says nothing of its own right after a framed
    one takes that frame with its own place: in "32 died in Lenfield, 22 in Ashby" the 22 died too."""
    frames = [count_frame(claim, q, published_year) for q in claim.quantities]
    text = claim.sentence.text
    for k in range(1, len(frames)):
        q, prev = claim.quantities[k], frames[k - 1]
        if frames[k].outcome or q.thing or q.predicate or not prev.outcome:
            continue
        if _ELIDED.fullmatch(text[claim.quantities[k - 1].end: q.start]) or _ELIDED.fullmatch(
                text[_after_thing(text, claim.quantities[k - 1]): q.start]):
            frames[k] = replace(frames[k], outcome=prev.outcome, population=prev.population)
    return frames


def _ordinals(text: str, start: int) -> set[str]:
    """Ordinals that pick which of several like events a figure is about ("the second quake measured 7.5"), but
    not one that names the event the figure comes after ("after the first quake, a 7.5 aftershock")."""
    found = set()
    for m in _ORDINAL.finditer(text, max(0, start - 80), start):
        if not _AFTER_EVENT.search(text, max(0, m.start() - 20), m.start()):
            found.add(m.group(0).lower())
    return found


def _reference(text: str, q: Quantity) -> str:
    if q.unit in V.DISTANCE_UNITS:
        m = _OFFSET_PLACE.match(text, q.end)
        if m:
            return "from:" + m.group("ref").lower()
    if q.unit in V.DURATION_UNITS and _OFFSET_TIME.match(text, q.end) and not _FOR_BEFORE.search(text, 0, q.start):
        return "after"  # "eight hours after contact was lost"; "for 12 years before he left" is a duration
    return ""


def _modality(text: str, q: Quantity, rest: int) -> str:
    """A figure in a prediction, warning or estimate of what may come is no report of what happened."""
    window = text[max(0, q.start - 40): min(len(text), rest + 40)]
    return "forecast" if _FORECAST.search(window) else ""


def _after_thing(text: str, q: Quantity) -> int:
    """Where the words after a figure's counted noun begin (the noun is not evidence of what happened)."""
    if q.thing_text:
        at = text.find(q.thing_text, q.end, q.end + 40 + len(q.thing_text))
        if at != -1:
            return at + len(q.thing_text)
    return q.end


def _clause_after(text: str, start: int) -> str:
    """The words from `start` up to the end of the clause: where a figure's verb and condition are."""
    rest = text[start: start + 120]
    m = _CLAUSE_END.search(rest)
    return rest[: m.start()] if m else rest


def _outcome(q: Quantity, after: str, before: str) -> str:
    if _LIVING.search(before):  # "a town of about 9,000 people", "home to 9,000 residents"
        return "live"
    thing = q.thing.lower()
    noun = V.OUTCOME_NOUNS.get(thing) or V.OUTCOME_NOUNS.get(thing.split()[-1] if thing else "")
    if noun:  # "the death toll rose to 40", "46 deaths"
        return noun
    if q.predicate in V.OUTCOMES and q.predicate not in V.LIGHT_VERBS:
        return V.OUTCOMES[q.predicate]
    if q.predicate and q.predicate not in V.LIGHT_VERBS:
        return ""  # another act: "300 victims were buried", "40 passengers were carried"
    for word in _WORD.findall(after.lower())[:6]:  # "10,000 are believed missing", "three confirmed dead"
        if word in V.OUTCOME_WORDS:
            return V.OUTCOME_WORDS[word]
    return ""


def _population(q: Quantity, after: str, outcome: str, before: str = "") -> str:
    thing = q.thing.lower()
    words = q.thing_text.lower().split()
    if thing in V.OUTCOME_NOUNS or (thing and thing.split()[-1] in V.OUTCOME_NOUNS):
        return "people"  # a toll counts people
    if not thing or (thing == "people" and not q.thing_text):  # no noun, or only "those missing"
        m = _IS_A.match(after) or _IS_A_BEFORE.search(before)  # "Among the dead, 12 were children", "four were teenagers"
        word = m.group("w").lower() if m else ""
        if word in V.PEOPLE_CLASSES:
            return V.PEOPLE_CLASSES[word]
        if word and word not in V.OUTCOME_WORDS and not word.endswith("ed") and word not in V.LIGHT_AFTER_BE:
            return word[:-1] if word.endswith("s") and not word.endswith("ss") else word
        return "people" if outcome in V.HUMAN_OUTCOMES else ""
    if "foreign" in words and thing in V.PEOPLE_CLASSES:
        return "foreigner"  # "26 foreign victims"
    named = [w for w in q.thing_text.split()[:-1] if w[:1].isupper()]
    if named and V.PEOPLE_CLASSES.get(thing) == "people":
        return named[-1].lower()  # "34 Jewish people", "12 Dutch residents": a group among those counted
    return V.PEOPLE_CLASSES.get(thing, thing)


def _named_group(q: Quantity, population: str) -> bool:
    """A population read from a name ("34 Jewish people", "20 of those missing are Jewish"): a group among
    those counted, never the whole count."""
    return population.capitalize() in q.thing_text.split() or not q.thing_text


def _among(before: str) -> str:
    """The outcome of the group a figure is taken from: "of those killed", "among the dead"."""
    for m in _AMONG.finditer(before):  # also "the missing include 34 ..."
        outcome = V.OUTCOME_WORDS.get((m.group("w") or m.group("v")).lower())
        if outcome:
            return outcome
    return ""


def _where(claim: Claim, q: Quantity, after: str) -> tuple[frozenset[str], frozenset[str]]:
    """Place names in the figure's clause that follow a locative word ("in", "across", "town of"), and the
    words that narrow them ("rebel-held", "elsewhere"); for a toll whose noun comes first ("the toll in
    Lenfield rose to 40"), the words between the noun and the figure count as well."""
    text = claim.sentence.text
    end = _PLACE_END.search(after)
    after = after[: end.start()] if end else after
    start = text.find(after, q.end) if after else q.end
    # "40 died in Lenfield and 22 in Ashby": a figure that has its own place before the next figure keeps
    # to it ("12 dead and 40 hurt in Lenfield" share the place named after both).
    for m in _NEXT_FIGURE.finditer(after):
        if any(e.label in _PLACE_LABELS and start <= e.start < start + m.start() for e in claim.entities):
            after = after[: m.start()]
            break
    spans = [(start, start + len(after))]
    if q.thing_text and q.thing.lower() in V.OUTCOME_NOUNS:
        at = text.rfind(q.thing_text, 0, q.start)
        if at != -1:
            spans.append((at + len(q.thing_text), q.start))
    opening = _OPENING_PLACE.match(text)
    if opening and opening.end() <= q.start:
        spans.append((0, opening.end()))
    places: set[str] = set()
    qualifiers: set[str] = set()
    for start, end in spans:
        found = [e for e in claim.entities if e.label in _PLACE_LABELS and start <= e.start < end
                 and _LOCATIVE.search(text[max(start, e.start - 40): e.start])]
        for e in found:
            places.update(w for w in _WORD.findall(e.text.lower()) if w not in V.PLACE_FILLER)
            side = _SIDE.search(text, max(0, e.start - 20), e.start)
            if side:  # "in northwestern Estmark": a part of Estmark, not all of it
                qualifiers.add("side " + re.sub(r"[- ]|ern$", "", side.group(1).lower()))
        if any(_LIST_JOIN.fullmatch(text[x.end: y.start]) for x, y in pairwise(found)):
            qualifiers.add(LISTED)  # "across Lenfield and Ashby": both places, not one named in full
        window = text[start:end].lower()
        qualifiers.update(w for w in _WORD.findall(window) if w.endswith(V.CONTROL_SUFFIXES) or w in V.ELSEWHERE)
    return frozenset(places), frozenset(qualifiers)


def comparable(a: CountFrame, b: CountFrame, a_splits: bool = False, b_splits: bool = False) -> bool:
    """Do two frames count the same thing in the same place and time?

    A place said on one side only is the event's place, unless that side's article splits the count by place
    (`a_splits`: it gives other counts of this frame for other places): then it is a part ("12 of the dead in
    Lenfield"). Two different places are two counts, unless one names more of the same place ("Lenfield" and
    "Lenfield, Westmarch")."""
    if a.outcome != b.outcome:
        return False
    # A figure with no place, in an article that splits its count by place, is the count of the country whose
    # body gives it ("Estmark's fire service said 40 died").
    if not a.places and a_splits and a.origin:
        a = replace(a, places=a.origin)
    if not b.places and b_splits and b.origin:
        b = replace(b, places=b.origin)
    if a.population != b.population:
        # "11 workers were injured" and "23 people were injured" count the same injured, unless one names a
        # part of them ("four children were among the injured").
        generic = "people" in (a.population, b.population)
        if not generic or a.subgroup or b.subgroup:
            return False
    named_group = a.subgroup and b.subgroup and a.population == b.population and a.population != "people"
    if a.partitive != b.partitive and a.outcome != "condition" and not named_group:
        return False  # "nine of them died at the scene" is part of the toll; a count "in serious condition" is a part anyway
    if (a.qualifiers - ORDINALS - {LISTED}) != (b.qualifiers - ORDINALS - {LISTED}):
        return False
    if a.detail and b.detail and a.detail != b.detail and (a_splits or b_splits):
        return False  # an article that gives "17 critical and 25 serious" holds them apart
    if a.places == b.places:
        # Unplaced in an article that splits its count by place, a figure may be any of the parts: it is
        # compared only with a figure from an article that gives one count.
        return not (not a.places and a_splits and b_splits)
    if not a.places or not b.places:
        placed = a if a.places else b
        if LISTED in placed.qualifiers:
            return True  # "across Lenfield and Ashby": the whole event, as a figure with no place gives it
        return not (a_splits if a.places else b_splits) and not (b_splits if a.places else a_splits)
    # A place and more words for it ("Lenfield" / "Lenfield, Westmarch"), not one of several listed ("across
    # Lenfield and Ashby" holds the Lenfield count).
    listed = LISTED in a.qualifiers or LISTED in b.qualifiers
    return (a.places < b.places or b.places < a.places) and not (a_splits or b_splits or listed)
