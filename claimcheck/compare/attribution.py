"""The same words put in the mouths of different people.

Every sentence that attributes words to a speaker (a direct quote, or a reported statement with "said" or
"according to") gives a pair: who, and what. Across articles, two pairs say the same thing when their
words are the same or a close paraphrase (fuzzy overlap of the words, helped by the embedding similarity
of the sentences); those are then compared by speaker. A person is the same speaker as a shorter or
differently spelt form of their name, as the title they are given anywhere in the corpus ("the mayor"
when the corpus calls her Mayor Brandvik), and as the organisation they speak for. Two named people
credited with one direct quote cannot both be its source (error); a person against an organisation or a
role that may be theirs, or two reported statements that merely agree, is a warning.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

import numpy as np
from rapidfuzz import fuzz

from claimcheck.compare.common import fingerprint, name_sources, statement
from claimcheck.compare.offices import link_people
from claimcheck.extract.names import fold, person_key
from claimcheck.extract.speakers import MOUTHPIECES, ORG_WORDS, Attribution, Speaker, find_attribution
from claimcheck.records import Article, Claim, Finding

MIN_WORDS = 4  # shorter quotes ("a disgrace") are too common to pin on one speaker
MIN_OVERLAP = 85  # token_set_ratio of the attributed words: the same words, perhaps cut or reordered
MIN_PARAPHRASE = 65  # a looser overlap is enough when the sentences themselves are this close
MIN_SIMILARITY = 0.8  # cosine of the whole sentences, for paraphrases
PRONOUN_LOOKBACK = 2  # sentences back in which "he said" may find its speaker
SKIPPED_ROLES = {"heading", "question", "interview"}
# Rank words that make a different post of the same title: the deputy mayor is not the mayor.
_RANKS = {"deputy", "vice", "assistant", "associate", "acting", "interim", "senior", "junior", "under"}
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


def _content_words(text: str) -> set[str]:
    return {w for w in normalise(text).split() if w not in _STOP}


def same_words(a: Said, b: Said, vectors: np.ndarray) -> bool:
    """Do two attributions give the same words, or a close paraphrase of them?"""
    ca, cb = _content_words(a.words), _content_words(b.words)
    shared = ca & cb
    if len(shared) < 2 or len(shared) < min(len(ca), len(cb)) * 0.5:
        return False
    overlap = fuzz.token_set_ratio(a.words, b.words)
    if overlap >= MIN_OVERLAP:
        return True
    return overlap >= MIN_PARAPHRASE and float(vectors[a.row] @ vectors[b.row]) >= MIN_SIMILARITY


def _attributions(claims: list[Claim]) -> list[Said]:
    out = []
    for row, c in enumerate(claims):
        if c.sentence.role in SKIPPED_ROLES or c.sentence.text.rstrip(" \"'").endswith("?"):
            continue
        found: Attribution | None = find_attribution(c.sentence.text, c.entities)
        if found is None or len(found.content.split()) < MIN_WORDS:
            continue
        out.append(Said(c, row, normalise(found.content), found.content, found.direct, found.speaker, found.speaker.text))
    return out


def _person_keys(claims: list[Claim], said: list[Said]) -> set[str]:
    keys = {s.speaker.person for s in said if s.speaker.person}
    keys |= {person_key(e.text) for c in claims for e in c.entities if e.label == "PERSON"}
    keys |= {o.person_key for c in claims for o in c.offices}
    return {k for k in keys if k}


def _as_person(s: Said, known: set[str]) -> Said:
    """A one-word 'organisation' that is the surname of a person named in the corpus is that person."""
    sp = s.speaker
    if sp.kind == "org" and " " not in sp.org and any(sp.org in k.split() for k in known):
        return replace(s, speaker=Speaker(sp.text, "person", person=sp.org))
    return s


def _resolve_pronouns(said: list[Said], claims: list[Claim]) -> list[Said]:
    """'"...," he said' takes the one person named in the sentences just before it in the same article."""
    by_position = {(c.sentence.article_id, c.sentence.index): c for c in claims}
    speaker_at = {(s.claim.sentence.article_id, s.claim.sentence.index): s for s in said}
    out = []
    for s in said:
        if s.speaker.kind != "pronoun":
            out.append(s)
            continue
        article, index = s.claim.sentence.article_id, s.claim.sentence.index
        names: dict[str, str] = {}
        for back in range(1, PRONOUN_LOOKBACK + 1):
            earlier = speaker_at.get((article, index - back))
            if earlier and earlier.speaker.kind == "person":
                names.setdefault(earlier.speaker.person, earlier.value)
            c = by_position.get((article, index - back))
            for e in c.entities if c else ():
                if e.label == "PERSON":
                    names.setdefault(person_key(e.text), e.text)
            if names:
                break  # the nearest sentence that names anyone decides
        if len(names) == 1:
            (key, text), = names.items()
            out.append(replace(s, speaker=Speaker(text, "person", person=key), value=text, resolved=True))
    return out


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
    if not wa or not wb or wa[-1] != wb[-1] or set(wa) & _RANKS != set(wb) & _RANKS:
        return False
    return True


# "the company" in one article is the firm another names: a business referred to by its kind.
_BUSINESS = {"company", "firm", "corporation", "group", "operator", "utility", "airline", "business"}


def same_org(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a in _BUSINESS or b in _BUSINESS:
        return a == b or not (({a, b} - _BUSINESS) & _GENERIC_ORGS)
    wa, wb = set(a.split()), set(b.split())
    initials = lambda words: "".join(w[0] for w in words.split())  # noqa: E731
    return wa <= wb or wb <= wa or initials(a) == b or initials(b) == a or fuzz.ratio(a, b) >= 90


def _holds(person: str, other: Speaker, people: People) -> bool:
    """Could `other` (a role or an organisation) be `person`, as far as the corpus says?"""
    key = people.key(person)
    if other.role and other.role.split()[-1] not in MOUTHPIECES:
        held = people.roles.get(key, set())
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
    return None if _same_body(a, b) else "warning"


def _same_body(a: Speaker, b: Speaker) -> bool:
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


def _pick(items: list[Said]) -> Said:
    """The attribution that shows an article's speaker best: a direct quote, a named person, early."""
    return min(items, key=lambda s: (not s.direct, s.speaker.kind != "person", s.claim.sentence.index))


def compare_attribution(claims: list[Claim], vectors: np.ndarray, articles: dict[str, Article]) -> list[Finding]:
    """Findings for words that the articles attribute to different speakers; `vectors` align with `claims`."""
    said = _attributions(claims)
    known = _person_keys(claims, said)
    said = _resolve_pronouns([_as_person(s, known) for s in said], claims)
    said = [s for s in said if s.speaker.kind in ("person", "role", "org")]
    people = _people(claims, said)
    n = len(said)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(n):
        for j in range(i + 1, n):
            if find(i) != find(j) and same_words(said[i], said[j], vectors):
                parent[find(i)] = find(j)
    groups: dict[int, list[Said]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(said[i])
    findings = []
    for members in groups.values():
        finding = _finding(members, people, articles)
        if finding:
            findings.append(finding)
    return sorted(findings, key=lambda f: f.id)


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
    severities, reasons = set(), set()
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            rel = relation(chosen[a].speaker, chosen[b].speaker, people)
            if rel == "error" and not _firm(chosen[a], chosen[b]):
                rel = "warning"
                reasons.add("pronoun" if chosen[a].resolved or chosen[b].resolved else "reported")
            elif rel == "warning":
                reasons.add("role")
            if rel:
                severities.add(rel)
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


def _firm(a: Said, b: Said) -> bool:
    """An error needs quotation marks on at least one side and both speakers named where they speak;
    two reported statements that agree may simply be two people saying the same thing."""
    return (a.direct or b.direct) and not (a.resolved or b.resolved)


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
