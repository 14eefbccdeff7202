"""Different holders named for one office, compared across the whole set of articles.

The sentences that name an office holder are usually about different things ("Varga met Harbour
Board Chairman Piet Ostrander" / "Jonas Weel, the Harbour Board chairman, said..."), so this comparator
does not look inside clusters: an office that has one holder at a time is a functional fact, and two
articles naming two different people for it cannot both be right.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process

from claimcheck.compare.common import Guard, fingerprint, statement
from claimcheck.extract.names import acronym, fold
from claimcheck.facts import Term, record_note
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
    """Map every person key to one canonical key: 'kerber' and 'anna liisa kerber' are one person.

    A short name joins a longer one whose words contain it, but only when exactly one longer name fits;
    spelling variants of full names join when nearly identical.
    """
    canon = {k: k for k in keys}
    full = sorted(keys, key=lambda k: (-len(k.split()), k))
    rank = {f: i for i, f in enumerate(full)}
    # Names by word and by a word's first three letters, so each key is tried against the few names that
    # could contain it or be spelt nearly like it, not against all of them.
    with_word: dict[str, set[str]] = {}
    with_start: dict[str, list[str]] = {}  # full names (two words or more) only: the only ones spelt alike
    for f in full:
        for w in f.split():
            with_word.setdefault(w, set()).add(f)
            if " " in f:
                with_start.setdefault(w[:3], []).append(f)
    for key in sorted(keys, key=lambda k: (len(k.split()), k)):
        words = key.split()
        holding = set.intersection(*(with_word[w] for w in words)) if words else set()
        hosts = sorted((f for f in holding if f != key and len(f.split()) > len(words)), key=rank.get)
        if len(hosts) == 1:
            canon[key] = hosts[0]
        elif not hosts and len(words) >= 2:
            # rapidfuzz scores a whole list in one call: names sharing a word's first letters are many.
            near = {f for w in words for f, _, _ in process.extract(key, with_start.get(w[:3], ()), scorer=fuzz.ratio,
                                                                      score_cutoff=90, limit=None) if f < key}
            if near:
                canon[key] = min(near, key=rank.get)

    def root(key: str) -> str:
        seen = set()
        while canon[key] != key and key not in seen:  # follow chains such as 'kerber' -> 'liisa kerber' -> ...
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


def _holdings(claims: list[Claim]) -> tuple[list[Holding], dict[str, str]]:
    """Office claims with organisation and title filled in, and the organisation aliases used."""
    raw = []
    for c in claims:
        if c.sentence.role not in ("fact", "quote"):
            continue
        for o in c.offices:
            org, title = o.office_key.split("|", 1)
            raw.append((c, o, org, title))
    alias = _alias_orgs(raw)
    raw = [(c, o, alias.get(org, org), title) for c, o, org, title in raw]
    # Organisations are named short and long ("Brightwater" / "Brightwater Polymers"): the same linking
    # as for people's names puts them under one key.
    orgs = link_people({org for _, _, org, _ in raw if org})
    alias.update({k: v for k, v in orgs.items() if k != v})
    raw = [(c, o, orgs.get(org, org), title) for c, o, org, title in raw]
    canon = link_people({o.person_key for _, o, _, _ in raw})
    # An office named without its organisation ("Mayor Kerber") takes the one the same person is
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
    return out, alias


def compare_offices(claims: list[Claim], articles: dict[str, Article], facts: tuple[Term, ...] = (),
                    guard: Guard | None = None) -> list[Finding]:
    guard = guard or Guard("entity_role")
    holdings, alias = _holdings(claims)
    by_office: dict[tuple[str, str], list[Holding]] = {}
    for h in holdings:
        by_office.setdefault((h.org, h.title), []).append(h)
    facts = tuple(replace(t, office_key=_aliased(t.office_key, alias, {o for o, _ in by_office})) for t in facts)
    findings = []
    for (org, title), group in sorted(by_office.items()):
        finding = guard.run(_holder_conflict, org, title, group, articles, facts, claims=[h.claim for h in group])
        if finding:
            findings.append(finding)
    return findings + (guard.run(_title_clashes, holdings, articles, claims=[h.claim for h in holdings]) or [])


def _aliased(office_key: str, alias: dict[str, str], orgs: set[str]) -> str:
    """A facts-file office under the key the corpus uses for it (acronym or longer name)."""
    org, title = office_key.split("|", 1)
    org = alias.get(org, org)
    if org not in orgs:
        wider = [o for o in orgs if set(org.split()) <= set(o.split()) or set(o.split()) <= set(org.split())]
        org = wider[0] if len(wider) == 1 else org
    return f"{org}|{title}"


def _holder_conflict(org, title, holdings: list[Holding], articles, facts) -> Finding | None:
    """One office, different holders in different articles."""
    people_by_article: dict[str, set[str]] = {}
    for h in holdings:
        people_by_article.setdefault(h.claim.sentence.article_id, set()).add(h.person)
    # An article that names two holders itself is describing a change, not asserting one holder.
    clear = {a: next(iter(p)) for a, p in people_by_article.items() if len(p) == 1}
    if len(set(clear.values())) < 2:
        return None
    chosen: dict[str, Holding] = {}
    for h in sorted(holdings, key=lambda h: (-len(h.office.person_text), h.claim.sentence.index)):
        a = h.claim.sentence.article_id
        if a in clear:
            chosen.setdefault(a, h)
    subject = _subject([h.office.office_text for h in holdings])
    involved = [articles[a] for a in chosen]
    severity, when = _severity(involved)
    counts = Counter(clear.values())
    shown = {p: max((chosen[a].office.person_text for a in chosen if clear[a] == p), key=len) for p in counts}
    sides = "; ".join(
        f"{_count(n, len(chosen))} ({', '.join(sorted(articles[a].source for a in chosen if clear[a] == p))}) "
        f"{'name' if n > 1 else 'names'} {shown[p]}"
        for p, n in sorted(counts.items(), key=lambda kv: (-kv[1], shown[kv[0]]))
    )
    dates = {a.published for a in involved}
    day = max(dates) if None not in dates else None
    explanation = (
        f"The sources disagree on who is {subject}: {sides}. "
        f"One office has one holder at a time, so they cannot all be right{when}."
        + record_note(facts, f"{org}|{title}", day, shown)
    )
    return Finding(
        id=fingerprint("entity_role", f"{org}|{title}", sorted(counts)),
        kind="entity_role",
        severity=severity,
        subject=subject,
        explanation=explanation,
        statements=tuple(statement(h.claim, articles[a], h.office.person_text) for a, h in sorted(chosen.items())),
    )


def _title_clashes(holdings: list[Holding], articles) -> list[Finding]:
    """One person given two offices of one kind in one organisation: 'Foreign Minister Cho' / 'Defence Minister Cho'.

    Only titles with the same head word clash; a chief executive who is also called site director is left
    alone, since one person can hold two different kinds of post.
    """
    by_person: dict[tuple[str, str], list[Holding]] = {}
    for h in holdings:
        by_person.setdefault((h.person, h.org), []).append(h)
    findings = []
    for (person, org), group in sorted(by_person.items()):
        titles = {h.title for h in group}
        heads = {t: set(t.split()) & (_UNIQUE_WORDS | _NEEDS_PORTFOLIO) for t in titles}
        clashing = sorted(
            t for t in titles if any(u != t and heads[t] & heads[u] for u in titles)
        )
        articles_by_title = {t: {h.claim.sentence.article_id for h in group if h.title == t} for t in clashing}
        if len(clashing) < 2 or len(set().union(*articles_by_title.values())) < 2:
            continue
        if any(len({t for t in clashing if a in articles_by_title[t]}) > 1 for a in articles_by_title[clashing[0]]):
            continue  # one article gives both titles: more likely two posts than a contradiction
        chosen: dict[str, Holding] = {}
        for h in sorted(group, key=lambda h: (h.claim.sentence.index, h.title)):
            if h.title in clashing:
                chosen.setdefault(h.claim.sentence.article_id, h)
        name = max((h.office.person_text for h in group), key=len)
        sides = "; ".join(
            f"{', '.join(sorted(articles[a].source for a, h in chosen.items() if h.title == t))} "
            f"call{'s' if sum(1 for h in chosen.values() if h.title == t) == 1 else ''} {name} "
            f"{next(h.office.office_text for h in chosen.values() if h.title == t)}"
            for t in clashing
        )
        severity, when = _severity([articles[a] for a in chosen])
        findings.append(Finding(
            id=fingerprint("entity_role", f"person|{person}|{org}", clashing),
            kind="entity_role",
            severity=severity,
            subject=f"the post of {name}",
            explanation=f"The sources give {name} different posts: {sides}. One person does not hold both{when}.",
            statements=tuple(statement(h.claim, articles[a], h.office.office_text) for a, h in sorted(chosen.items())),
        ))
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
