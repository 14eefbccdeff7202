"""Different holders named for one office, compared across the whole set of articles.

The sentences that name an office holder are usually about different things ("Varga met Harbour
Board Chairman Piet Ostrander" / "Jonas Weel, the Harbour Board chairman, said..."), so this comparator
does not look inside clusters: an office that has one holder at a time is a functional fact, and two
articles naming two different people for it cannot both be right.

Besides different holders it reports, for one office and one person across articles:
  - holding it against no longer holding it ("Home Secretary Aalto" / "former home secretary Aalto",
    "Aalto was removed as home secretary"): an error for two plain titles, a warning when one article
    reports a change (appointed, returns, removed, replaced), since the reports may straddle it;
  - a rank against the bare title ("Fire Chief Aalto" / "Assistant Fire Chief Aalto");
  - one name in two word orders ("Mikko Aalto" / "Aalto Mikko") for one office: a warning.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process

from claimcheck.compare.common import Guard, fingerprint, statement
from claimcheck.extract.names import acronym, fold
from claimcheck.extract.offices import split_office_key
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
# Ranks of a title compared for one person: "Assistant Chief" is not "Chief". An acting or interim holder is
# often called by the bare title, so those two only make a warning.
_RANKS = {"deputy", "vice", "assistant", "associate", "acting", "interim"}
_LOOSE_RANKS = {"acting", "interim"}
_HOLDS = ("", "appointed")  # statuses that say the person holds the office after the news
_CHANGES = ("appointed", "removed")  # statuses that report a change of holder


@dataclass(frozen=True)
class Holding:
    claim: Claim
    office: OfficeClaim
    org: str
    title: str
    person: str  # linked person key
    status: str = ""  # "" holds, "appointed", "removed", "former" (see claimcheck.extract.offices)


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

    def root(key: str) -> str:
        seen = set()
        while canon[key] != key and key not in seen:  # follow chains such as 'kerber' -> 'liisa kerber' -> ...
            seen.add(key)
            key = canon[key]
        return key

    # The same words in another order ("omar haddad" / "haddad omar") are one person written two ways;
    # compare_offices reports the order when one office joins them.
    by_words: dict[tuple[str, ...], list[str]] = {}
    for k in full:
        if len(k.split()) >= 2:
            by_words.setdefault(tuple(sorted(k.split())), []).append(k)
    for same in by_words.values():
        for k in same[1:]:
            canon[k] = same[0]
    # Initials for given names: "a l kerber" / "anna kerber", "a kerber" / "anna liisa kerber".
    by_last: dict[str, list[str]] = {}
    for k in full:
        if " " in k and not _has_initials(k):
            by_last.setdefault(k.rsplit(" ", 1)[1], []).append(k)
    for key in sorted(keys):
        if canon[key] == key and _has_initials(key):
            fits = {root(f) for f in by_last.get(key.rsplit(" ", 1)[1], ()) if _initials_fit(key, f)}
            if len(fits) == 1:
                canon[key] = fits.pop()
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
        if canon[key] != key:
            continue
        words = key.split()
        holding = set.intersection(*(with_word[w] for w in words)) if words else set()
        hosts = sorted((f for f in holding if f != key and len(f.split()) > len(words)), key=rank.get)
        if hosts and len({root(h) for h in hosts}) == 1:  # one host, or several written for one person
            canon[key] = hosts[0]
        elif not hosts and len(words) >= 2:
            # rapidfuzz scores a whole list in one call: names sharing a word's first letters are many.
            near = {f for w in words for f, _, _ in process.extract(key, with_start.get(w[:3], ()), scorer=fuzz.ratio,
                                                                      score_cutoff=90, limit=None) if f < key}
            if near:
                canon[key] = min(near, key=rank.get)

    return {k: root(k) for k in keys}


def _has_initials(key: str) -> bool:
    words = key.split()
    return len(words) >= 2 and any(len(w) == 1 for w in words[:-1])


def _initials_fit(short: str, full: str) -> bool:
    """'a l kerber' fits 'anna kerber' and 'anna liisa kerber': same family name, given names that agree
    letter by letter as far as both go."""
    a, b = short.split(), full.split()
    if a[-1] != b[-1] or len(b) < 2:
        return False
    return all(x[0] == y[0] and (len(x) == 1 or x == y) for x, y in zip(a[:-1], b[:-1]))


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


def _holdings(claims: list[Claim]) -> tuple[list[Holding], list[Holding], dict[str, str]]:
    """Office claims that someone holds an office, with organisation and title filled in; every office
    claim (any status, organisation as written); and the organisation aliases used."""
    raw, statuses = [], {}
    for c in claims:
        if c.sentence.role not in ("fact", "quote"):
            continue
        for o in c.offices:
            org, title, status = split_office_key(o.office_key)
            raw.append((c, o, org, title))
            statuses[id(o)] = status
    alias = _alias_orgs([r for r in raw if not statuses[id(r[1])]])
    raw = [(c, o, alias.get(org, org), title) for c, o, org, title in raw]
    # Organisations are named short and long ("Brightwater" / "Brightwater Polymers"): the same linking
    # as for people's names puts them under one key.
    orgs = link_people({org for _, _, org, _ in raw if org})
    alias.update({k: v for k, v in orgs.items() if k != v})
    raw = [(c, o, orgs.get(org, org), title) for c, o, org, title in raw]
    canon = link_people({o.person_key for _, o, _, _ in raw})
    everyone = [Holding(c, o, org, title, canon[o.person_key], statuses[id(o)]) for c, o, org, title in raw]
    raw = [r for r in raw if statuses[id(r[1])] in _HOLDS]
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
            out.append(Holding(c, o, org, title, person, statuses[id(o)]))
    return out, everyone, alias


def compare_offices(claims: list[Claim], articles: dict[str, Article], facts: tuple[Term, ...] = (),
                    guard: Guard | None = None) -> list[Finding]:
    guard = guard or Guard("entity_role")
    holdings, everyone, alias = _holdings(claims)
    by_office: dict[tuple[str, str], list[Holding]] = {}
    for h in holdings:
        by_office.setdefault((h.org, h.title), []).append(h)
    facts = tuple(replace(t, office_key=_aliased(t.office_key, alias, {o for o, _ in by_office})) for t in facts)
    by_key: dict[tuple[str, str], Finding] = {}
    disputed: set[tuple[str, str]] = set()  # (person, title) named in a dispute over who holds an office
    for (org, title), group in sorted(by_office.items()):
        finding = guard.run(_holder_conflict, org, title, group, articles, facts, claims=[h.claim for h in group])
        if finding:
            disputed |= {(h.person, h.title) for h in group}
        finding = finding or guard.run(_name_order, org, title, group, articles, claims=[h.claim for h in group])
        if finding:
            by_key[(org, title)] = finding
    # One office told as held by a person in one article and as left (or never reached) in another joins
    # that office's finding, if there is one: one story, one finding.
    extra = []
    for office, finding in guard.run(_status_conflicts, everyone, articles, claims=[h.claim for h in everyone]) or []:
        if office in by_key:
            by_key[office] = _joined(by_key[office], finding)
        else:
            extra.append(finding)
    findings = [by_key[k] for k in sorted(by_key)] + extra
    findings += guard.run(_rank_conflicts, everyone, articles, disputed, claims=[h.claim for h in everyone]) or []
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
    subject = _subject([h.office.office_text for h in holdings if not h.status] or [h.office.office_text for h in holdings])
    involved = [articles[a] for a in chosen]
    severity, when = _severity(involved)
    if any(h.status in _CHANGES for h in chosen.values()):
        severity, when = "warning", _STRADDLE
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


_STRADDLE = " unless the reports fall on either side of the change of holder that one of them reports"


# The word before a name that tells its change of office: "appointed Aalto as", "replaces Aalto as".
_VERB_BEFORE = re.compile(r"\b(appointed|reappointed|named|installed|picked|tapped|replaced|replaces|replace|"
                          r"replacing|succeeded|succeeds|succeed|succeeding)\s+$", re.IGNORECASE)
_FORMER_BEFORE = re.compile(r"\b(?:former|ex|erstwhile|one-time|onetime|previous)\s*-?\s*$", re.IGNORECASE)


def _shown(h: Holding) -> str:
    """The words that say it: "Home Secretary Mikko Aalto", "ex-home secretary Mikko Aalto", "Aalto would
    return as home secretary", "replaces Mikko Aalto, a close ally, as home secretary"."""
    text, o = h.claim.sentence.text, h.office
    before = text.rfind(o.office_text, 0, o.start)
    after = text.find(o.office_text, o.end)
    if before >= 0 and o.start - (before + len(o.office_text)) <= 3:
        start = before
        former = _FORMER_BEFORE.search(text, 0, before) if h.status == "former" else None
        return text[former.start() if former else start : o.end]
    if after >= 0 and (h.status or after - o.end <= 8):
        verb = _VERB_BEFORE.search(text, 0, o.start) if h.status else None
        return text[verb.start() if verb else o.start : after + len(o.office_text)]
    return f"{o.office_text} {o.person_text}"


def _name_order(org, title, holdings: list[Holding], articles) -> Finding | None:
    """One holder, the same name words in another order across articles: "Mikko Aalto" / "Aalto Mikko"."""
    forms: dict[tuple[str, tuple[str, ...]], dict[str, list[Holding]]] = {}
    for h in holdings:
        words = h.office.person_key.split()
        if len(words) >= 2:
            forms.setdefault((h.person, tuple(sorted(words))), {}).setdefault(h.office.person_key, []).append(h)
    for (_, _), by_form in sorted(forms.items()):
        if len(by_form) < 2:
            continue
        arts = {k: {h.claim.sentence.article_id for h in hs} for k, hs in by_form.items()}
        both = set.intersection(*arts.values())
        sides = {k: sorted(a - both) for k, a in arts.items() if a - both}
        if len(sides) < 2:
            continue
        chosen = {}
        for k in sorted(sides):
            for h in sorted(by_form[k], key=lambda h: (h.claim.sentence.article_id, h.claim.sentence.index)):
                chosen.setdefault(h.claim.sentence.article_id, h)
        subject = _subject([h.office.office_text for h in holdings])
        told = "; ".join(
            f"{', '.join(sorted(articles[a].source for a in sides[k]))} "
            f"write{'s' if len(sides[k]) == 1 else ''} {by_form[k][0].office.person_text}"
            for k in sorted(sides)
        )
        return Finding(
            id=fingerprint("entity_role", f"{org}|{title}|name-order", sorted(sides)),
            kind="entity_role",
            severity="warning",
            subject=f"the name of the {subject}",
            explanation=(f"The sources give the {subject} one name in two word orders: {told}. "
                         "One of them has the given name and the family name the wrong way round, unless "
                         "both follow different conventions for writing it."),
            statements=tuple(statement(h.claim, articles[a], _shown(h)) for a, h in sorted(chosen.items())),
        )
    return None


def _status_conflicts(everyone: list[Holding], articles) -> list[tuple[tuple[str, str], Finding]]:
    """One person told as holding an office in one article and as its former or removed holder in another."""
    groups: dict[tuple[str, str, str], list[Holding]] = {}
    for h in everyone:
        if h.claim.sentence.role == "fact" and is_unique_office(h.title):
            groups.setdefault((h.person, h.org, h.title), []).append(h)
    out = []
    for (person, org, title), group in sorted(groups.items()):
        by_article: dict[str, set[str]] = {}
        for h in group:
            by_article.setdefault(h.claim.sentence.article_id, set()).add(h.status)
        holds = {a for a, st in by_article.items() if st <= set(_HOLDS)}
        gone = {a for a, st in by_article.items() if not st & set(_HOLDS)}
        if not holds or not gone:
            continue  # an article that says both tells of a change itself
        chosen: dict[str, Holding] = {}
        for h in sorted(group, key=lambda h: (not h.status, h.claim.sentence.index)):
            if h.claim.sentence.article_id in holds | gone:
                chosen.setdefault(h.claim.sentence.article_id, h)
        name = max((h.office.person_text for h in group), key=len)
        subject = _subject([h.office.office_text for h in group])
        if any(h.status in _CHANGES for h in chosen.values()):
            severity, when = "warning", _STRADDLE
            why = "One of them reports a change of office: they agree only if the reports fall on either side of it."
        else:
            severity, when = _severity([articles[a] for a in chosen])
            why = f"One person cannot be both the holder and a former holder of an office{when}."
        told = "; ".join(
            f"{', '.join(sorted(articles[a].source for a in side))} "
            f"{'says' if len(side) == 1 else 'say'} \"{_shown(chosen[min(side)])}\""
            for side in (sorted(holds), sorted(gone))
        )
        finding = Finding(
            id=fingerprint("entity_role", f"status|{person}|{org}|{title}", sorted({h.status for h in chosen.values()})),
            kind="entity_role",
            severity=severity,
            subject=f"whether {name} is {subject}",
            explanation=f"The sources disagree on whether {name} holds the post of {subject}: {told}. {why}",
            statements=tuple(statement(h.claim, articles[a], _shown(h)) for a, h in sorted(chosen.items())),
        )
        out.append(((org, title), finding))
    return out


def _joined(first: Finding, second: Finding) -> Finding:
    """Two findings about one office as one: the statements of both, the milder severity."""
    seen = {(s.article_id, s.value) for s in first.statements}
    extra = tuple(s for s in second.statements if (s.article_id, s.value) not in seen)
    return replace(first, severity="warning" if "warning" in (first.severity, second.severity) else first.severity,
                   explanation=f"{first.explanation} {second.explanation}", statements=first.statements + extra)


def _rank_split(title: str) -> tuple[frozenset, frozenset]:
    words = set(title.split())
    rest = words - _RANKS
    if rest <= {"chief", "head", "leader"}:
        rest = {"head"}
    return frozenset(rest), frozenset(words & _RANKS)


def _rank_conflicts(everyone: list[Holding], articles, disputed: set[tuple[str, str]] = frozenset()) -> list[Finding]:
    """One person given a title with a rank in one article and without it (or another rank) in another:
    "Fire Chief Aalto" / "Assistant Fire Chief Aalto". A person already in a dispute over who holds the bare
    office ("Mayor Oduya" against "Mayor Kerber") is left to that finding: it is one story."""
    by_base: dict[tuple[str, frozenset], list[Holding]] = {}
    for h in everyone:
        if h.status in _HOLDS and h.claim.sentence.role in ("fact", "quote"):
            base, _ = _rank_split(h.title)
            if is_unique_office(" ".join(sorted(base))) or "chief" in base:
                by_base.setdefault((h.person, base), []).append(h)
    findings = []
    for (person, base), group in sorted(by_base.items(), key=lambda kv: (kv[0][0], sorted(kv[0][1]))):
        ranks = {h: _rank_split(h.title)[1] for h in group}
        orgs = {h.org for h in group if h.org}
        if len(set(ranks.values())) < 2 or len(orgs) > 1 or any((h.person, h.title) in disputed for h in group):
            continue  # two organisations: perhaps two posts
        by_article: dict[str, set[frozenset]] = {}
        for h in group:
            by_article.setdefault(h.claim.sentence.article_id, set()).add(ranks[h])
        clear = {a: next(iter(r)) for a, r in by_article.items() if len(r) == 1}
        if len(set(clear.values())) < 2:
            continue  # an article that gives both is left alone: one may be shorthand for the other
        chosen: dict[str, Holding] = {}
        for h in sorted(group, key=lambda h: h.claim.sentence.index):
            if h.claim.sentence.article_id in clear:
                chosen.setdefault(h.claim.sentence.article_id, h)
        differ = set().union(*clear.values()) - set.intersection(*(set(r) for r in clear.values()))
        if differ <= _LOOSE_RANKS:
            severity, when = "warning", " unless an acting holder is being called by the full title"
        else:
            severity, when = _severity([articles[a] for a in chosen])
        name = max((h.office.person_text for h in group), key=len)
        told = "; ".join(
            f"{', '.join(sorted(articles[a].source for a in clear if clear[a] == r))} "
            f"call{'s' if sum(1 for a in clear if clear[a] == r) == 1 else ''} {name} "
            f"{next(h.office.office_text for a, h in sorted(chosen.items()) if clear[a] == r)}"
            for r in sorted(set(clear.values()), key=sorted)
        )
        findings.append(Finding(
            id=fingerprint("entity_role", f"rank|{person}|{' '.join(sorted(base))}", sorted(" ".join(sorted(r)) for r in set(clear.values()))),
            kind="entity_role",
            severity=severity,
            subject=f"the rank of {name}",
            explanation=f"The sources give {name} different ranks of one post: {told}. One person does not hold both{when}.",
            statements=tuple(statement(h.claim, articles[a], _shown(h)) for a, h in sorted(chosen.items())),
        ))
    return findings


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
        if any(h.status in _CHANGES for h in chosen.values()):
            severity, when = "warning", " unless the reports fall on either side of the move that one of them reports"
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


def compare(inputs, guard: Guard) -> list[Finding]:
    """The registry's entry point (compare.registry)."""
    return compare_offices(inputs.claims, inputs.articles, inputs.facts, guard=guard)
