"""The same words put in the mouths of different people.

Every sentence that attributes words to a speaker (a direct quote, or a reported statement with "said" or
"according to") gives a pair: who, and what. Across articles, two pairs say the same thing only when their
words are the same, character for character but for punctuation and a slip or two, or one is an excerpt
of the other; those are then compared by speaker. Similar meaning is not enough: two people quoted saying
much the same ("we will rebuild", "we are going to rebuild") are two people, not one quote given to two.
A person is the same speaker as a shorter or differently spelt form of their name, as the title they
are given anywhere in the corpus ("the mayor" when the corpus calls her Mayor Brandvik), and as the
organisation they speak for. Two named people credited with one direct quote cannot both be its source
(error); a person against an organisation or a role that may be theirs is a warning. Reported speech is
weaker evidence (two people may well say much the same): two named people there make a warning, and a
title or a body against a name nothing.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import chain, combinations, product

import numpy as np
from rapidfuzz import fuzz

from claimcheck.compare.common import Groups, Guard, fingerprint, name_sources, statement
from claimcheck.compare.offices import link_people
from claimcheck.extract.names import fold, person_key
from claimcheck.extract.speakers import MOUTHPIECES, ORG_WORDS, Attribution, Speaker, find_attribution, plain_quotes
from claimcheck.records import Article, Claim, Finding

MIN_WORDS = 4  # shorter quotes ("a disgrace") are too common to pin on one speaker
MIN_SAME = 90  # rapidfuzz ratio of the normalised words: the same words but for a slip ("this"/"the")
MIN_EXCERPT = 95  # partial_ratio: the shorter wording stands word for word inside the longer one ...
MIN_EXCERPT_WORDS = 6  # ... and is long enough not to be a stock phrase that many quotes contain
PRONOUN_LOOKBACK = 2  # sentences back in which "he said" may find its speaker
SKIPPED_ROLES = {"heading", "question", "interview"}
# Rank words that make a different post of the same title: the deputy mayor is not the mayor.
_RANKS = {"deputy", "vice", "assistant", "associate", "acting", "interim", "senior", "junior", "under"}
_GENERIC_HEADS = {"leader", "head", "chief", "boss"}  # stand for a post without naming it
_GENERIC_ORGS = ORG_WORDS  # a bare "police" or "council" is a kind of body, not a named one
_STOP = set(
    "a an the and or but of to in on at for with by from as that this these those it its is are was were be "
    "been being has have had will would shall should can could may might must do does did not no".split()
)


@dataclass(frozen=True)
class Said:
    """One attribution: a claim, its words, and who it names as their source."""

    claim: Claim
    row: int
    words: str  # the attributed words, normalised
    content: str  # the attributed words as written
    direct: bool
    speaker: Speaker
    value: str  # the speaker as written (for "he said", the name it stands for)
    resolved: bool = False  # the speaker came from an earlier sentence


@dataclass
class People:
    """What the corpus says about people: name variants, titles held, organisations spoken for."""

    canon: dict[str, str]
    roles: dict[str, set[tuple[str, str]]]  # person -> {(role, org)}
    orgs: dict[str, set[str]]  # person -> organisations
    offices: dict[str, set[str]]  # person -> unique offices ("org|title") named for them

    def key(self, person: str) -> str:
        return self.canon.get(person, person)

    def same(self, a: str, b: str) -> bool:
        wa, wb = set(a.split()), set(b.split())
        return self.key(a) == self.key(b) or wa <= wb or wb <= wa


def normalise(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", fold(text)))


@lru_cache(maxsize=65536)  # every pair asks again for the same few thousand quotes
def _content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in normalise(text).split() if w not in _STOP)


def _words_match(a: str, b: str) -> bool:
    """Do two attributions give the same words (normalised)? Nearly identical characters, or one an excerpt
    of the other; a paraphrase with the same meaning in other words is not the same quote."""
    ca, cb = _content_words(a), _content_words(b)
    shared = ca & cb
    if len(shared) < 2 or len(shared) < min(len(ca), len(cb)) * 0.5:
        return False
    if fuzz.ratio(a, b) >= MIN_SAME:
        return True
    return min(len(a.split()), len(b.split())) >= MIN_EXCERPT_WORDS and fuzz.partial_ratio(a, b) >= MIN_EXCERPT


def _sharing_words(word_sets: list[set[str]]) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, sorted, that may share enough words for `_words_match`, found without trying all
    pairs (prefix filtering): a pair must share at least t = max(2, half) of the smaller set's words, so it
    shares one of that set's s - t + 1 rarest words, and only those are looked up."""
    frequency = Counter(w for words in word_sets for w in words)
    holders: dict[str, list[int]] = {}
    for i, words in enumerate(word_sets):
        for w in words:
            holders.setdefault(w, []).append(i)
    pairs = set()
    for i, words in enumerate(word_sets):
        size = len(words)
        if size < 2:
            continue
        needed = max(2, math.ceil(size * 0.5))
        for w in sorted(words, key=lambda w: (frequency[w], w))[: size - needed + 1]:
            for j in holders[w]:
                if j != i and len(word_sets[j]) >= size:
                    pairs.add((i, j) if i < j else (j, i))
    return sorted(pairs)


def _passages(claims: list[Claim]) -> list[list[int]]:
    """Rows read together: one sentence, or a quotation spread over several, from the sentence that opens
    it to the one that closes it (where the speaker usually is)."""
    rows = sorted(range(len(claims)), key=lambda r: (claims[r].sentence.article_id, claims[r].sentence.index))
    out, k = [], 0
    while k < len(rows):
        span = [rows[k]]
        if _opens_quote(claims[rows[k]].sentence.text):
            for r in rows[k + 1 : k + 4]:
                prev, cur = claims[span[-1]].sentence, claims[r].sentence
                if cur.article_id != prev.article_id or cur.index != prev.index + 1:
                    break
                span.append(r)
                if plain_quotes(cur.text).count('"') % 2:
                    break
            if plain_quotes(claims[span[-1]].sentence.text).count('"') % 2 == 0 or len(span) == 1:
                span = span[:1]  # never closed: read the sentence alone
        out.append(span)
        k += len(span)
    return out


def _opens_quote(text: str) -> bool:
    """Does the sentence open a quotation it does not close? Its last mark opens one (space before, word after)."""
    plain = plain_quotes(text)
    at = plain.rfind('"')
    return plain.count('"') % 2 == 1 and (at == 0 or plain[at - 1] in " :(") and plain[at + 1 : at + 2].isalnum()


def _attributions(claims: list[Claim], guard: Guard) -> list[Said]:
    found = (guard.run(_attribution, claims, span, claims=[claims[r] for r in span]) for span in _passages(claims))
    return [s for s in found if s is not None]


def _attribution(claims: list[Claim], span: list[int]) -> Said | None:
    """The words a passage (a sentence, or one with the sentences its quote runs on into) gives to a speaker."""
    first = claims[span[0]].sentence
    if first.role in SKIPPED_ROLES or claims[span[-1]].sentence.text.rstrip(" \"'").endswith("?"):
        return None
    text, entities, starts = "", [], []
    for r in span:
        starts.append(len(text) + (1 if text else 0))
        text = f"{text} {claims[r].sentence.text}" if text else claims[r].sentence.text
        entities += [replace(e, start=e.start + starts[-1], end=e.end + starts[-1]) for e in claims[r].entities]
    found: Attribution | None = find_attribution(text, tuple(entities))
    if found is None or len(found.content.split()) < MIN_WORDS:
        return None
    # The statement is the sentence that names the speaker.
    row = next(r for r, at in reversed(list(zip(span, starts))) if at <= found.start)
    return Said(claims[row], row, normalise(found.content), found.content, found.direct, found.speaker,
                found.speaker.text)


def _person_keys(claims: list[Claim], said: list[Said]) -> set[str]:
    keys = {s.speaker.person for s in said if s.speaker.person}
    keys |= {person_key(e.text) for c in claims for e in c.entities if e.label == "PERSON"}
    keys |= {o.person_key for c in claims for o in c.offices}
    return {k for k in keys if k}


def _org_words(claims: list[Claim], said: list[Said]) -> set[str]:
    """Words of names the corpus uses for organisations: "a spokeswoman for X", "X Foods" (an entity of
    two words or more; spaCy tags lone surnames as organisations too often to trust one word)."""
    names = {s.speaker.org for s in said if s.speaker.org}
    names |= {o.office_key.split("|", 1)[0] for c in claims for o in c.offices}
    names |= {person_key(e.text) for c in claims for e in c.entities if e.label == "ORG" and " " in person_key(e.text)}
    return {w for n in names for w in n.split()}


def _settle(s: Said, name_words: set[str], org_words: set[str]) -> Said:
    """A one-word speaker is a person when it is part of a person's full name in the corpus, and an
    organisation when the corpus uses it as one and never as part of a full name."""
    sp = s.speaker
    word = sp.org if sp.kind == "org" else sp.person
    if " " in word or not word:
        return s
    in_name = word in name_words
    if sp.kind == "org" and in_name:
        return replace(s, speaker=Speaker(sp.text, "person", person=word))
    if sp.kind == "person" and not in_name and word in org_words and not sp.role:
        return replace(s, speaker=Speaker(sp.text, "org", org=word))
    return s


def _resolve_pronouns(said: list[Said], claims: list[Claim], org_words: set[str]) -> list[Said]:
    """'"...," she said' takes the speaker of the sentence just before, or the one person named there."""
    by_position = {(c.sentence.article_id, c.sentence.index): c for c in claims}
    speaker_at = {(s.claim.sentence.article_id, s.claim.sentence.index): s for s in said}
    out = []
    for s in said:
        if s.speaker.kind != "pronoun":
            out.append(s)
            continue
        if fold(s.speaker.text) not in ("he", "she"):
            continue  # "they", "we": a group, whose members no comparison can tell apart
        article, index = s.claim.sentence.article_id, s.claim.sentence.index
        found: Said | None = None
        for back in range(0, PRONOUN_LOOKBACK + 1):
            earlier = speaker_at.get((article, index - back)) if back else None
            if earlier and earlier.speaker.kind in ("person", "role"):
                found = earlier
                break
            c = by_position.get((article, index - back))
            # The sentence itself first ("Mayor X arrived. "...," he said" read as one sentence), then the ones before.
            names = {person_key(e.text): e.text for e in _unquoted_people(c)}
            names = {k: v for k, v in names.items() if not set(k.split()) <= org_words}
            if names:
                if len(names) == 1:
                    (key, text), = names.items()
                    found = replace(s, speaker=Speaker(text, "person", person=key), value=text)
                break  # the nearest sentence that names anyone decides
        if found:
            out.append(replace(s, speaker=found.speaker, value=found.value, resolved=True))
    return out


def _unquoted_people(c: Claim | None) -> list:
    if c is None:
        return []
    quoted = [m.span() for m in re.finditer(r'"[^"]*"', plain_quotes(c.sentence.text))]
    return [e for e in c.entities if e.label == "PERSON" and not any(a <= e.start < b for a, b in quoted)]


def _people(claims: list[Claim], said: list[Said]) -> People:
    canon = link_people(_person_keys(claims, said))
    people = People(canon, {}, {}, {})
    for s in said:
        sp = s.speaker
        if sp.kind == "person":
            key = people.key(sp.person)
            if sp.role:
                people.roles.setdefault(key, set()).add((sp.role, sp.org))
            if sp.org:
                people.orgs.setdefault(key, set()).add(sp.org)
    for c in claims:
        for o in c.offices:
            org, title = o.office_key.split("|", 1)
            key = people.key(o.person_key)
            people.roles.setdefault(key, set()).add((title, org))
            people.offices.setdefault(key, set()).add(o.office_key)
            if org:
                people.orgs.setdefault(key, set()).add(org)
    return people


def same_role(a: str, b: str) -> bool:
    """'mayor' ~ 'city mayor'; 'mayor' !~ 'deputy mayor'; 'minister' ~ 'foreign minister'."""
    wa, wb = a.split(), b.split()
    return bool(wa and wb) and wa[-1] == wb[-1] and set(wa) & _RANKS == set(wb) & _RANKS


# "the company" in one article is the firm another names: a business referred to by its kind.
_BUSINESS = {"company", "firm", "corporation", "group", "operator", "utility", "airline", "business"}


def same_org(a: str, b: str) -> bool:
    """Organisation keys for one body: one inside the other ("harbour board" / "torvik harbour board"),
    an acronym of the other, a near spelling, or a bare "the company" against a named firm."""
    if not a or not b:
        return False
    if a in _BUSINESS or b in _BUSINESS:
        return a == b or not (({a, b} - _BUSINESS) & _GENERIC_ORGS)
    wa, wb = set(a.split()), set(b.split())
    return wa <= wb or wb <= wa or _initials(a) == b or _initials(b) == a or fuzz.ratio(a, b) >= 90


def _initials(key: str) -> str:
    return "".join(w[0] for w in key.split())


def _holds(person: str, other: Speaker, people: People) -> bool:
    """Could `other` (a role or an organisation) be `person`, as far as the corpus says?"""
    key = people.key(person)
    if other.role and other.role.split()[-1] not in MOUTHPIECES:
        held = people.roles.get(key, set())
        if other.role.split()[-1] in _GENERIC_HEADS:
            # "the country's leader", "the agency chief": whatever top title the person holds there.
            return any(not other.org or not o or same_org(other.org, o) for _, o in held)
        return any(same_role(other.role, r) and (not other.org or not o or same_org(other.org, o)) for r, o in held)
    return bool(other.org) and any(same_org(other.org, o) for o in people.orgs.get(key, set()))


def relation(a: Speaker, b: Speaker, people: People) -> str | None:
    """'error' for two different people, 'warning' for a speaker that may or may not be the other, else None."""
    if a.kind == "person" and b.kind == "person":
        if people.same(a.person, b.person):
            return None
        # Both named for one office: that is the office dispute, which entity_role reports.
        if people.offices.get(people.key(a.person), set()) & people.offices.get(people.key(b.person), set()):
            return None
        return "error"
    if b.kind == "person":
        a, b = b, a
    if a.kind == "person":
        return None if _holds(a.person, b, people) else "warning"
    return None if same_body(a, b) else "warning"


def same_body(a: Speaker, b: Speaker) -> bool:
    """A role or organisation against another: the same, or one speaking for the other."""
    if a.org and b.org:
        if not same_org(a.org, b.org):
            return False
        return not (a.role and b.role) or same_role(a.role, b.role) or bool({_head(a), _head(b)} & MOUTHPIECES)
    if a.role and b.role and not same_role(a.role, b.role):
        return bool({_head(a), _head(b)} & MOUTHPIECES) and not (a.org or b.org)
    return _head(a) in MOUTHPIECES or _head(b) in MOUTHPIECES or (bool(a.role) and a.role == b.role)


def _head(s: Speaker) -> str:
    return s.role.split()[-1] if s.role else ""


def _identity(s: Said, people: People) -> str:
    sp = s.speaker
    if sp.kind == "person":
        return people.key(sp.person)
    return f"{sp.role}@{sp.org}"


@dataclass(frozen=True)
class _Given:
    """What of an attribution decides how it relates to another: who, and how it was said."""

    speaker: Speaker
    direct: bool
    resolved: bool


def _as_given(s: Said) -> _Given:
    return _Given(s.speaker, s.direct, s.resolved)


def _pick(items: list[Said]) -> Said:
    """The attribution that shows an article's speaker best: a direct quote, a named person, early."""
    return min(items, key=lambda s: (not s.direct, s.speaker.kind != "person", s.claim.sentence.index))


def compare_attribution(claims: list[Claim], vectors: np.ndarray, articles: dict[str, Article],
                        guard: Guard | None = None) -> list[Finding]:
    """Findings for words that the articles attribute to different speakers. `vectors` (aligned with
    `claims`) are not used: the same meaning in other words is not the same quote."""
    guard = guard or Guard("attribution")
    groups, people = quote_groups(claims, guard)
    findings = []
    for members in groups:
        finding = guard.run(_finding, members, people, articles, claims=[s.claim for s in members])
        if finding:
            findings.append(finding)
    return sorted(findings, key=lambda f: f.id)


def quote_groups(claims: list[Claim], guard: Guard) -> tuple[list[list[Said]], People]:
    """The attributions with a speaker who can be named (person, role or organisation), in groups that give
    the same words, and what the corpus says about the people; each group in order of first appearance."""
    said = _attributions(claims, guard)
    name_words = {w for k in _person_keys(claims, said) if " " in k for w in k.split()}
    org_words = _org_words(claims, said)
    said = _resolve_pronouns([_settle(s, name_words, org_words) for s in said], claims, org_words)
    said = [s for s in said if s.speaker.kind in ("person", "role", "org")]
    people = _people(claims, said)
    n = len(said)
    linked = Groups(n)

    # Outlets quote the same words word for word: each wording is compared with the others once, not each
    # copy with each copy (which grows with the square of the copies).
    copies: dict[str, list[int]] = {}
    for i, s in enumerate(said):
        copies.setdefault(s.words, []).append(i)
    wordings = list(copies)
    for wording, rows in copies.items():
        if len(rows) > 1 and _words_match(wording, wording):
            for i in rows[1:]:
                linked.join(rows[0], i)
    for u, v in _sharing_words([_content_words(w) for w in wordings]):
        rows_u, rows_v = copies[wordings[u]], copies[wordings[v]]
        if linked.find(rows_u[0]) == linked.find(rows_v[0]):
            continue
        if _words_match(wordings[u], wordings[v]):
            linked.join(rows_u[0], rows_v[0])
    groups: dict[int, list[Said]] = {}
    for i in range(n):
        groups.setdefault(linked.find(i), []).append(said[i])
    return list(groups.values()), people


def _finding(members: list[Said], people: People, articles: dict[str, Article]) -> Finding | None:
    by_article: dict[str, list[Said]] = {}
    for s in members:
        by_article.setdefault(s.claim.sentence.article_id, []).append(s)
    if len(by_article) < 2:
        return None
    # An article that gives the words to two different speakers itself is not pinning them on one.
    chosen = {
        a: _pick(items) for a, items in sorted(by_article.items())
        if all(relation(x.speaker, y.speaker, people) is None for x in items for y in items)
    }
    ids = sorted(chosen)
    # Pairs of distinct speakers as each article gives them, not pairs of articles: a hundred outlets that
    # name one of two speakers make one pair to look at, not five thousand.
    given = Counter(_as_given(chosen[a]) for a in ids)
    severities, reasons = _outcomes(given, people)
    if not severities:
        return None
    severity = "error" if "error" in severities else "warning"
    picks = [chosen[a] for a in ids]
    quote = max((s.content for s in picks if s.direct), key=len, default=max((s.content for s in picks), key=len))
    key = min(s.words for s in picks)
    return Finding(
        id=fingerprint("attribution", " ".join(key.split()[:8]), sorted({_identity(s, people) for s in picks})),
        kind="attribution",
        severity=severity,
        subject=_head_of(quote),
        explanation=_explain(picks, quote, severity, reasons, people, articles),
        statements=tuple(statement(s.claim, articles[s.claim.sentence.article_id], s.value) for s in picks),
    )


def _outcomes(given: Counter, people: People) -> tuple[set[str], set[str]]:
    """The severities and warning reasons that the pairs of speakers (as given) make."""
    severities: set[str] = set()
    reasons: set[str] = set()
    direct = [g for g in given if g.direct]
    reported = [g for g in given if not g.direct]
    twice = [g for g, n in given.items() if n > 1]  # one speaker given by two articles
    # Reported speech on both sides can only add a warning for two different people: once one such pair is
    # found, the rest (often most pairs) are skipped.
    for pairs, only_reported in (
        (chain(combinations(direct, 2), product(direct, reported), ((g, g) for g in twice if g.direct)), False),
        (chain(((g, g) for g in twice if not g.direct), combinations(reported, 2)), True),
    ):
        for sa, sb in pairs:
            if only_reported and "reported" in reasons:
                break
            rel = relation(sa.speaker, sb.speaker, people)
            if rel and not (sa.direct or sb.direct):
                # Reported speech only: two people may well have said much the same; only two named
                # people are worth a look, and a body or a title against a name is not.
                rel = "warning" if rel == "error" else None
                if rel:
                    reasons.add("reported")
            elif rel == "error" and (sa.resolved or sb.resolved):
                rel = "warning"
                reasons.add("pronoun")
            elif rel == "warning":
                reasons.add("role")
            if rel:
                severities.add(rel)
            if rel == "error":
                return severities, reasons  # settled: the reasons only explain a warning
    return severities, reasons


def _head_of(quote: str, n: int = 6) -> str:
    words = quote.split()
    return f"\"{' '.join(words[:n])}{'...' if len(words) > n else ''}\""


_WHY_WARNING = {
    "role": "They may be one speaker (a title or an organisation and the person speaking for it)",
    "reported": "Different people are named, but as reported speech two people may have said much the same",
    "pronoun": "Different people are named, but one speaker is given only as a pronoun, read from the sentence before",
}


def _explain(picks: list[Said], quote: str, severity: str, reasons: set[str], people: People,
             articles: dict[str, Article]) -> str:
    sides: dict[str, list[Said]] = {}
    for s in picks:
        sides.setdefault(_identity(s, people), []).append(s)
    parts = "; ".join(
        f"{name_sources([articles[s.claim.sentence.article_id] for s in group])} to "
        f"{max((s.value for s in group), key=lambda v: (len(v), v))}"
        for group in sorted(sides.values(), key=lambda g: (-len(g), g[0].value))
    )
    text = f"The sources attribute \"{quote}\" to different speakers: {parts}."
    if severity == "error":
        return text + " Two different people cannot both be the source of the same words; check who said them."
    why = "; ".join(_WHY_WARNING[r] for r in sorted(reasons))
    return f"{text} {why}; check who said them."


def compare(inputs, guard: Guard) -> list[Finding]:
    """The registry's entry point (compare.registry)."""
    return compare_attribution(inputs.claims, inputs.vectors, inputs.articles, guard=guard)
