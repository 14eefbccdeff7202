"""Different holders named for one office, compared across the whole set of articles.

The sentences that name an office holder are usually about different things ("Yoon spoke with NATO
Secretary General Mark Rutte" / "Jens Stoltenberg, NATO Secretary General, said..."), so this comparator
does not look inside clusters: an office that has one holder at a time is a functional fact, and two
articles naming two different people for it cannot both be right.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz

from claimcheck.compare.common import fingerprint, statement
from claimcheck.extract.names import acronym, fold
from claimcheck.records import Article, Claim, Finding, OfficeClaim

# Titles held by one person at a time within an organisation or country.
_UNIQUE_WORDS = {
    "president", "premier", "chancellor", "mayor", "governor", "chairman", "chairwoman", "chairperson",
    "chair", "ceo", "cfo", "coo", "king", "queen", "emperor", "empress", "pope", "speaker", "head",
    "sheriff", "superintendent", "rector", "provost", "dean", "treasurer", "registrar",
}
# Titles unique only with a portfolio: "foreign minister", "secretary general", "army commander".
_NEEDS_PORTFOLIO = {"minister", "secretary", "director", "commander", "representative", "executive",
                    "officer", "attorney", "prosecutor", "commissioner"}
# Ranks of which an organisation has several.
_SEVERAL = {"deputy", "vice", "assistant", "associate", "under", "senior", "junior", "acting"}
DIFFERENT_TERMS_DAYS = 60  # reports further apart than this may describe different terms of office


@dataclass(frozen=True)
class Holding:
    claim: Claim
    office: OfficeClaim
    org: str
    title: str
    person: str  # linked person key


def is_unique_office(title: str) -> bool:
    words = set(title.split())
    if words & _SEVERAL:
        return False
    if words & _UNIQUE_WORDS:
        return True
    return bool(words & _NEEDS_PORTFOLIO) and len(words - _NEEDS_PORTFOLIO) >= 1


def link_people(keys: set[str]) -> dict[str, str]:
    """Map every person key to one canonical key: 'yoon' and 'yoon suk yeol' are one person.

    A short name joins a longer one whose words contain it, but only when exactly one longer name fits;
    spelling variants of full names join when nearly identical.
    """
    canon = {k: k for k in keys}
    full = sorted(keys, key=lambda k: (-len(k.split()), k))
    for key in sorted(keys, key=lambda k: (len(k.split()), k)):
        words = key.split()
        hosts = [f for f in full if f != key and len(f.split()) > len(words) and set(words) <= set(f.split())]
        if len(hosts) == 1:
            canon[key] = hosts[0]
        elif not hosts and len(words) >= 2:
            near = [f for f in full if f != key and len(f.split()) >= 2 and fuzz.ratio(key, f) >= 90 and f < key]
            if near:
                canon[key] = near[0]

    def root(key: str) -> str:
        seen = set()
        while canon[key] != key and key not in seen:  # follow chains such as 'yoon' -> 'yoon suk' -> ...
            seen.add(key)
            key = canon[key]
        return key

    return {k: root(k) for k in keys}


def _alias_orgs(holdings: list[tuple[Claim, OfficeClaim, str, str]]) -> dict[str, str]:
    """'european union' -> 'eu' when the corpus also uses the acronym."""
    keys = {org for _, _, org, _ in holdings if org}
    alias = {}
    for _, office, org, _ in holdings:
        if not org:
            continue
        short = fold(acronym(office.office_text.rsplit(" of ", 1)[-1])) if " of " in office.office_text else ""
        short = short or fold(acronym(office.office_text))
        if short and short != org and short in keys:
            alias[org] = short
    return alias


def _holdings(claims: list[Claim]) -> list[Holding]:
    raw = []
    for c in claims:
        if c.sentence.role not in ("fact", "quote"):
            continue
        for o in c.offices:
            org, title = o.office_key.split("|", 1)
            raw.append((c, o, org, title))
    alias = _alias_orgs(raw)
    canon = link_people({o.person_key for _, o, _, _ in raw})
    raw = [(c, o, alias.get(org, org), title) for c, o, org, title in raw]
    # An office named without its organisation ("President Yoon") takes the one the same person is
    # given elsewhere with the same title; a bare "chief" takes the organisation's only other title.
    known: dict[tuple[str, str], set[str]] = {}
    titles_of_org: dict[str, set[str]] = {}
    for c, o, org, title in raw:
        if org:
            known.setdefault((canon[o.person_key], title), set()).add(org)
            if title != "head":
                titles_of_org.setdefault(org, set()).add(title)
    out = []
    for c, o, org, title in raw:
        person = canon[o.person_key]
        if not org:
            orgs = known.get((person, title), set())
            if len(orgs) != 1:
                continue
            org = next(iter(orgs))
        if title == "head":
            titles = titles_of_org.get(org, set())
            if len(titles) != 1:
                continue
            title = next(iter(titles))
        if is_unique_office(title):
            out.append(Holding(c, o, org, title, person))
    return out


def compare_offices(claims: list[Claim], articles: dict[str, Article]) -> list[Finding]:
    by_office: dict[tuple[str, str], list[Holding]] = {}
    for h in _holdings(claims):
        by_office.setdefault((h.org, h.title), []).append(h)
    findings = []
    for (org, title), holdings in sorted(by_office.items()):
        people_by_article: dict[str, set[str]] = {}
        for h in holdings:
            people_by_article.setdefault(h.claim.sentence.article_id, set()).add(h.person)
        # An article that names two holders itself is describing a change, not asserting one holder.
        clear = {a: next(iter(p)) for a, p in people_by_article.items() if len(p) == 1}
        if len(set(clear.values())) < 2:
            continue
        chosen: dict[str, Holding] = {}
        for h in sorted(holdings, key=lambda h: (-len(h.office.person_text), h.claim.sentence.index)):
            a = h.claim.sentence.article_id
            if a in clear:
                chosen.setdefault(a, h)
        subject = _subject([h.office.office_text for h in holdings])
        severity, when = _severity([articles[a] for a in chosen])
        counts = Counter(clear.values())
        shown = {p: max((chosen[a].office.person_text for a in chosen if clear[a] == p), key=len) for p in counts}
        sides = "; ".join(
            f"{_count(n, len(chosen))} ({', '.join(sorted(articles[a].source for a in chosen if clear[a] == p))}) "
            f"{'name' if n > 1 else 'names'} {shown[p]}"
            for p, n in sorted(counts.items(), key=lambda kv: (-kv[1], shown[kv[0]]))
        )
        explanation = (
            f"The sources disagree on who is {subject}: {sides}. "
            f"One office has one holder at a time, so they cannot all be right{when}."
        )
        findings.append(
            Finding(
                id=fingerprint("entity_role", f"{org}|{title}", sorted(counts)),
                kind="entity_role",
                severity=severity,
                subject=subject,
                explanation=explanation,
                statements=tuple(
                    statement(h.claim, articles[a], h.office.person_text) for a, h in sorted(chosen.items())
                ),
            )
        )
    return findings


def _count(n: int, total: int) -> str:
    return f"{n} of {total} sources"


def _subject(texts: list[str]) -> str:
    """The most common way the sources write the office, preferring forms that name the organisation."""
    counts = Counter(texts)
    return max(counts, key=lambda t: (" " in t, counts[t], len(t), t))


def _severity(involved: list[Article]) -> tuple[str, str]:
    dates = [a.published for a in involved if a.published]
    if len(dates) == len(involved) and dates and (max(dates) - min(dates)).days > DIFFERENT_TERMS_DAYS:
        return "warning", " unless the reports, published months apart, describe different terms"
    return "error", ""
