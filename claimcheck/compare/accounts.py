"""Two sources describe one act in ways that cannot both be true (findings of kind "other").

Three acts that news copy describes in a few fixed, mutually exclusive ways:

- How a person left a post: they resigned (quit, stepped down, stood down) or were dismissed (sacked,
  fired, dismissed, ousted, axed, deposed, let go, removed as ...). One article saying a person resigned and
  another that the same person was sacked is an error, unless the two name different posts or different
  years or months. Only plain past statements count: "would resign", "refused to quit", "was forced to
  resign", "reportedly sacked", "critics say he was pushed out" and "the sacked minister" say nothing
  either way, nor does an article that itself uses both words for the person.
- The form of one statement: a video against an audio or voice message against a written statement or
  letter, for the same speaker's same words (the groups of the attribution comparator: the same words,
  not a similar meaning). A warning: a speaker may repeat a line in several forms.
- The identifier of one thing: "Flight 302" against "Flight 320", a train or case number, the number in a
  vessel's or mission's name ("the ferry Skarvel 3"). An error, but only for close sentences (embedding
  similarity) about the same kind of thing (the same head noun and name), and only when no article gives
  two identifiers for that thing (then there are two of them).

Tokens and tags come from the claims' spaCy docs (the pipeline has no dependency parser): who left a post
is read from the words around the verb (the name before it, "who" after a name, "he" or "she" with one
person named before, the name after "sacked" in the active voice).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from claimcheck.compare.attribution import Said, quote_groups, relation
from claimcheck.compare.common import Guard, fingerprint, name_sources, statement
from claimcheck.compare.offices import link_people
from claimcheck.extract.dates import MONTHS
from claimcheck.extract.names import fold, person_key
from claimcheck.extract.offices import TITLE_HEADS, TITLE_MODIFIERS
from claimcheck.extract.speakers import SPEECH_VERBS, VAGUE, plain_quotes
from claimcheck.records import Article, Claim, Finding

SKIPPED_ROLES = {"heading", "question", "interview"}
MIN_SIMILARITY_ID = 0.6  # cosine at which two sentences with an identifier are about one thing
MAX_VALUE_TOKENS = 20  # a longer account is shown as the name and the clause with the verb

# ---- how someone left a post -------------------------------------------------------------------------

RESIGNED, DISMISSED = "resigned", "dismissed"
# Past forms only: the present ("resigns") and the bare verb ("to resign") report no act yet.
_QUIT_FORMS = {"resigned": "", "quit": "", "stepped": "down", "stood": "down"}  # form -> particle it needs
_FIRE_FORMS = {"sacked": "", "fired": "", "dismissed": "", "ousted": "", "axed": "", "deposed": "",
               "removed": "", "let": "go"}
_NEEDS_POST = {"removed"}  # "removed from the rubble" is no dismissal; "removed as minister" is
_POST_NOUNS = {"post", "office", "role", "position", "job", "cabinet", "government", "board", "command",
               "power", "team", "squad", "committee", "leadership", "presidency", "chairmanship", "seat",
               "helm", "portfolio", "ministry", "department", "company", "club", "party"}
_AUX = {"has", "have", "had", "having", "was", "were", "is", "are", "be", "been", "being", "'s", "’s", "got"}
_BE = {"was", "were", "is", "are", "be", "been", "being", "'s", "’s", "got"}
_NEGATION = {"not", "n't", "never", "nt"}
# Words that make a departure an opinion, a rumour or a forced exit, which either account may describe.
_HEDGES = {"reportedly", "allegedly", "apparently", "effectively", "supposedly", "essentially", "virtually",
           "practically", "nominally", "possibly", "probably", "likely", "unlikely", "rumoured", "rumored",
           "whether", "if", "unless", "forced", "pressured", "pressure", "pushed", "compelled", "ultimatum",
           "asked", "urged", "calls", "called", "demanded", "threatened", "refused", "offered", "expected",
           "reported", "rumours", "rumors", "speculation"}
_OPINION_STEMS = ("claim", "alleg", "suggest", "believ", "think", "thought", "specul", "accus", "deni", "deny",
                  "disput", "insist", "argu", "contend", "rumo")
_SPEECH = set(SPEECH_VERBS.split("|")) | {"say"}
_PRONOUNS = {"he", "she"}
_AFTER_WORDS = {"after", "before", "since", "following", "upon", "on", "when", "having"}


@dataclass(frozen=True)
class Departure:
    """One sentence's account of how one person left a post."""

    claim: Claim
    person: str  # person key as written; made canonical across the corpus later
    name: str  # the person as written
    how: str  # RESIGNED | DISMISSED
    verb: str  # the verb as written: "sacked", "stepped down"
    posts: frozenset[str]  # titles named for the post left ("justice secretary"), if any
    when: frozenset[str]  # years and months the sentence names
    value: str  # the account as shown: the person to the end of the verb's clause


def _quoted(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r'"[^"]*"', plain_quotes(text))]


def _is_verb(tok) -> bool:
    return tok.tag_.startswith("VB") or tok.tag_ == "MD"


def _person_at(doc, i: int):
    """The PERSON entity holding token i, or None."""
    tok = doc[i]
    if tok.ent_type_ != "PERSON":
        return None
    return next((e for e in doc.ents if e.start <= i < e.end and e.label_ == "PERSON"), None)


def _possessive(doc, ent) -> bool:
    """ "Ana Holm's": the name qualifies something else (spaCy may keep the "'s" in the entity)."""
    return doc[ent.end - 1].tag_ == "POS" or (ent.end < len(doc) and doc[ent.end].tag_ == "POS")


def _with_partners(doc, ent) -> list:
    """ "Ana Holm and Per Lind were sacked": the people joined to `ent` by "and" or a comma before it."""
    out, start = [ent], ent.start
    while start >= 2 and doc[start - 1].lower_ in ("and", ",") and _person_at(doc, start - 2) is not None:
        ent = _person_at(doc, start - 2)
        out.insert(0, ent)
        start = ent.start
    return out


def _subject_of(doc, k: int) -> list | None:
    """The people that token k (a name's last word, "he"/"she" or "who") stands for; None when unsure."""
    tok = doc[k]
    ent = _person_at(doc, k)
    if ent is not None:
        return _with_partners(doc, ent)
    if tok.lower_ in _PRONOUNS:
        before = {person_key(e.text): e for e in doc.ents if e.label_ == "PERSON" and e.end <= k
                  and not _possessive(doc, e)}
        return [next(iter(before.values()))] if len(before) == 1 else None
    if tok.lower_ == "who":
        # "Ola Strand as harbour master, who resigned": the nearest name, across a comma and a title only
        # (an unknown capitalised word or an "and" may be another name the clause belongs to).
        for j in range(k - 1, max(-1, k - 10), -1):
            if _person_at(doc, j) is not None:
                return [_person_at(doc, j)]
            if (_is_verb(doc[j]) or doc[j].tag_ in ("NNP", "NNPS", "CC", ":", "POS")
                    or (doc[j].tag_ == "IN" and doc[j].lower_ not in ("as", "of"))):
                return None  # "Ana Holm's deputy, who", "the aide to Ana Holm, who": someone else
    return None


def _subject_before(doc, j: int) -> list | None:
    """The subject of the nearest clause to the left of token j: a name, he/she or "who" just before a verb."""
    for k in range(j, -1, -1):
        tok = doc[k]
        if tok.lower_ in (";", ":") or tok.tag_ in ("``", "''"):
            return None
        last_of_name = tok.ent_type_ == "PERSON" and (k + 1 == len(doc) or doc[k + 1].ent_iob_ != "I")
        if tok.lower_ in _PRONOUNS or tok.lower_ == "who" or last_of_name:
            nxt = k + 1
            while nxt <= j and doc[nxt].tag_ == "RB":
                nxt += 1
            if nxt <= j and _is_verb(doc[nxt]):
                return _subject_of(doc, k)
    return None


def _leavers(doc, v: int, group_start: int, passive: bool, dismissal: bool) -> list | None:
    """Who left, for the leave verb at token v whose auxiliaries and adverbs start at group_start."""
    if dismissal and not passive:
        # "The board sacked its chief, Ana Holm": the person after the verb, across a title or two.
        for k in range(v + 1, min(len(doc), v + 7)):
            ent = _person_at(doc, k)
            if ent is not None:  # "dismissed Ana Holm's appeal" dismisses the appeal
                return None if _possessive(doc, ent) else [ent]
            if doc[k].tag_ not in ("DT", "PRP$", "JJ", "NN", "NNS", "NNP", ",", "HYPH"):
                return None
        return None
    j = group_start - 1
    if j < 0:
        return None
    tok = doc[j]
    if tok.ent_type_ == "PERSON" or tok.lower_ in _PRONOUNS or tok.lower_ == "who":
        return _subject_of(doc, j)
    if tok.lower_ == ",":
        # "Ana Holm, the harbour master, resigned" / "Ana Holm, who chaired the board, resigned": an aside
        # between commas, with no verb in it unless it is a relative clause.
        verbs = False
        for k in range(j - 1, max(-1, j - 15), -1):
            if doc[k].lower_ == ",":
                if verbs and (k + 1 >= j or doc[k + 1].lower_ not in ("who", "whose")):
                    return None
                return _subject_of(doc, k - 1) if k > 0 and _person_at(doc, k - 1) is not None else None
            verbs = verbs or _is_verb(doc[k])
        return None
    if tok.lower_ in ("and", "but", "then"):
        return _subject_before(doc, j - 1)  # "she breached the rules and resigned"
    if tok.lower_ in _AFTER_WORDS:
        if all(t.tag_ in ("RB", ",") for t in doc[:j]):
            # "After being sacked in May, Ana Holm ...": the name that opens the main clause.
            comma = next((k for k in range(v + 1, len(doc)) if doc[k].lower_ == ","), None)
            if comma is not None and comma + 1 < len(doc) and _person_at(doc, comma + 1) is not None:
                ent = _person_at(doc, comma + 1)
                if ent.end < len(doc) and _is_verb(doc[ent.end]):
                    return [ent]
            return None
        return _subject_before(doc, j - 1)  # "Ana Holm returned, after being sacked in May"
    return None


def _clause_end(doc, i: int) -> int:
    """Token index where the clause running from token i ends (punctuation, "but", a quote mark)."""
    for k in range(i, len(doc)):
        if doc[k].tag_ in (",", ".", ":", "``", "''", "-LRB-", "-RRB-") or doc[k].lower_ in ("but", ";"):
            return k
    return len(doc)


def _posts(doc, start: int, end: int) -> frozenset[str]:
    """The titles named between tokens start and end, with the words that qualify them: "justice secretary"."""
    out = set()
    for h in range(start, end):
        if fold(doc[h].text) in TITLE_HEADS and doc[h].ent_type_ != "PERSON":
            k = h
            while k > start and fold(doc[k - 1].text) in TITLE_MODIFIERS - {"of", "for", "and", "the"}:
                k -= 1
            out.add(" ".join(fold(t.text) for t in doc[k:h + 1]))
    return frozenset(p for p in out if not any(q != p and q.startswith(p + " ") for q in out))


def _when(text: str) -> frozenset[str]:
    """Years and months a sentence names ("may" left out: it is far more often the verb)."""
    low = fold(text)
    months = {m for m in MONTHS if m != "may" and re.search(rf"\b{m}\b", low)}
    return frozenset(re.findall(r"\b(?:19|20)\d\d\b", low)) | frozenset(months)


def read_departures(claim: Claim, doc) -> list[Departure]:
    """Each plain past account, in one sentence, of a named person resigning or being dismissed."""
    s = claim.sentence
    if s.role in SKIPPED_ROLES or s.text.rstrip(" \"'”").endswith("?"):
        return []
    quoted = _quoted(s.text)
    words = [t.lower_ for t in doc]
    out = []
    for v, tok in enumerate(doc):
        form = tok.lower_
        if form in _QUIT_FORMS:
            how, particle = RESIGNED, _QUIT_FORMS[form]
        elif form in _FIRE_FORMS:
            how, particle = DISMISSED, _FIRE_FORMS[form]
        else:
            continue
        if tok.tag_ not in ("VBD", "VBN") or any(a <= tok.idx < b for a, b in quoted):
            continue
        if particle and (v + 1 >= len(doc) or words[v + 1] != particle):
            continue
        after = words[v + 1 + bool(particle)] if v + 1 + bool(particle) < len(doc) else ""
        if form == "resigned" and after == "to":
            continue  # "resigned to defeat"
        if form == "fired" and after in ("at", "upon", "on", "into", "off", "back", "up", "shots", "rounds"):
            continue  # a shot, not a dismissal
        # The auxiliaries and adverbs before the verb: "has also been", "had consequently".
        k = v
        while k > 0 and doc[k - 1].tag_ != "POS" and (
                words[k - 1] in _AUX or doc[k - 1].tag_ in ("RB", "MD") or words[k - 1] in _NEGATION):
            k -= 1
        group = words[k:v]
        if any(w in _NEGATION for w in group) or any(doc[x].tag_ == "MD" for x in range(k, v)):
            continue  # "did not resign", "would resign"
        if k > 0 and words[k - 1] == "to":
            continue  # "to have resigned", "forced to resign"
        passive = any(w in _BE for w in group)
        if tok.tag_ == "VBN" and not any(w in _AUX for w in group) and form != "quit":
            continue  # "the sacked minister", "Ana Holm, ousted in May,": a label or an aside, not an account
        if _hedged(doc, v, words):
            continue
        end = _clause_end(doc, v + 1 + bool(particle))
        if form in _NEEDS_POST and not _names_post(doc, v + 1, end):
            continue
        people = _leavers(doc, v, k, passive, how == DISMISSED)
        if not people:
            continue
        first = min([p.start for p in people] + [k])
        if how == DISMISSED and not passive:
            end = max(end, max(p.end for p in people))
        posts = _posts(doc, v + 1, end)
        if people[-1].end < k and not any(_is_verb(t) for t in doc[people[-1].end:k]):
            posts |= _posts(doc, people[-1].end, k)  # "Ana Holm as harbour master, who resigned"
        span = doc[first:end]
        if people[-1].end <= end and (len(span) <= MAX_VALUE_TOKENS or people[-1].end >= k):
            value = span.text
        else:
            # "Ana Holm returned to the board on Monday, after being sacked in May": the name, then the clause.
            opener = k - 1 if k > 0 and doc[k - 1].lower_ in _AFTER_WORDS | {"and", "but", "then", "who"} else k
            value = f"{people[-1].text} ... {doc[opener:end].text}"
        verb = tok.text + (f" {doc[v + 1].text}" if particle else "")
        for p in people:
            key = person_key(p.text)
            if key:
                out.append(Departure(claim, key, p.text, how, verb, posts, _when(s.text), value))
    return out


def _names_post(doc, start: int, end: int) -> bool:
    """ "removed as minister", "removed from the cabinet": the clause names a post."""
    for k in range(start, min(end, start + 5)):
        w = fold(doc[k].text)
        if w in TITLE_HEADS or w in _POST_NOUNS:
            return k == start or doc[start].lower_ in ("as", "from")
    return False


def _hedged(doc, v: int, words: list[str]) -> bool:
    """A hedge, a forced exit or an opinion anywhere in the sentence before the verb (or just after it), or
    a saying verb whose subject is a crowd ("critics say")."""
    window = words[: v + 4]
    if any(w in _HEDGES for w in window):
        return True
    if any(w.startswith(_OPINION_STEMS) for w in words[:v]):
        return True
    for k in range(1, v):
        if words[k] in _SPEECH and (words[k - 1] in VAGUE or words[k - 1] in ("some", "many", "others")):
            return True
    return False


def _departure_findings(departures: list[Departure], people_keys: set[str], articles: dict[str, Article],
                        guard: Guard) -> list[Finding]:
    canon = link_people(people_keys | {d.person for d in departures})
    by_person: dict[str, list[Departure]] = {}
    for d in departures:
        by_person.setdefault(canon.get(d.person, d.person), []).append(d)
    findings = []
    for person, items in sorted(by_person.items()):
        found = guard.run(_departure_finding, person, items, articles, claims=[d.claim for d in items])
        if found:
            findings.append(found)
    return findings


def _departure_finding(person: str, items: list[Departure], articles: dict[str, Article]) -> Finding | None:
    by_article: dict[str, list[Departure]] = {}
    for d in items:
        by_article.setdefault(d.claim.sentence.article_id, []).append(d)
    # An article that says both of one person (two posts, two times, "resigned before he could be sacked")
    # takes no side.
    chosen = {a: ds[0] for a, ds in sorted(by_article.items()) if len({d.how for d in ds}) == 1}
    quit_side = [d for d in chosen.values() if d.how == RESIGNED]
    fire_side = [d for d in chosen.values() if d.how == DISMISSED]
    pairs = [(q, f) for q in quit_side for f in fire_side if _same_departure(q, f)]
    if not pairs:
        return None
    shown = sorted({id(d): d for p in pairs for d in p}.values(), key=lambda d: d.claim.sentence.article_id)
    name = max((d.name for d in shown), key=lambda n: (len(n.split()), len(n), n))
    posts = sorted({p for d in shown for p in d.posts})
    what = f"the post of {' / '.join(posts)}" if posts else "their post"
    resigned = [d for d in shown if d.how == RESIGNED]
    dismissed = [d for d in shown if d.how == DISMISSED]

    def side(ds: list[Departure], what: str) -> str:
        sources = name_sources([articles[d.claim.sentence.article_id] for d in ds])
        verbs = "\", \"".join(sorted({fold(d.verb) for d in ds}))
        return f"{sources} say{'s' if len(ds) == 1 else ''} {name} {what} (\"{verbs}\")"

    explanation = (f"{side(resigned, 'resigned')}; {side(dismissed, 'was dismissed')}. One departure from one post "
                   "cannot be both a resignation and a dismissal; check which account is right.")
    return Finding(
        id=fingerprint("other", f"departure|{person}|{'/'.join(posts)}", [RESIGNED, DISMISSED]),
        kind="other",
        severity="error",
        subject=f"how {name} left {what} (resigned vs dismissed)",
        explanation=explanation,
        statements=tuple(statement(d.claim, articles[d.claim.sentence.article_id], d.value) for d in shown),
    )


def _same_departure(a: Departure, b: Departure) -> bool:
    """Not told apart by the post (both name one, and they differ) or the time (both name one, and they differ)."""
    heads = ({p.split()[-1] for p in a.posts}, {p.split()[-1] for p in b.posts})
    if heads[0] and heads[1] and not heads[0] & heads[1]:
        return False
    return not (a.when and b.when and not a.when & b.when)


# ---- the form of one statement -----------------------------------------------------------------------

_MEDIA = {
    "video": r"video(?:taped)?(?:[- ](?:message|statement|address|clip|recording|posted|released))?",
    "audio message": r"(?:audio(?: (?:message|statement|recording|clip|file|note))?"
                       r"|voice (?:message|note|recording|memo|clip))",
    "written statement": r"(?:written (?:statement|message|response|reply)|letter|text message)",
}
_MEDIUM = "|".join(f"(?P<m{i}>{p})" for i, p in enumerate(_MEDIA.values()))
_NOT_THE_FORM = r"(?![- ](?:call|conference|link|interview|chat|feed|footage|game|showed|shows|of)\b)"
_DET = r"(?:an?|the|his|her|its|their|one)\s+(?:[\w-]+\s+){0,3}?"
_FRAMES = [
    # "said in a video", "announced in an audio message", "told reporters in a letter"
    re.compile(rf"\b(?:{SPEECH_VERBS})\b(?:\s+\w+ly)?(?:\s+reporters)?\s+(?:in|via|through|on)\s+{_DET}(?:{_MEDIUM})\b"
               rf"{_NOT_THE_FORM}", re.IGNORECASE),
    # "In a recorded message shared by the council, X said"
    re.compile(rf"^\W*(?:in|via|through|on)\s+{_DET}(?:{_MEDIUM})\b{_NOT_THE_FORM}[^,\"]{{0,80}}(?=,)", re.IGNORECASE),
    # "..., according to a voice message the mayor's office posted"
    re.compile(rf"\baccording to\s+{_DET}(?:{_MEDIUM})\b{_NOT_THE_FORM}[^,.;\"]{{0,60}}", re.IGNORECASE),
]


@dataclass(frozen=True)
class Form:
    medium: str
    start: int
    end: int


def statement_form(text: str) -> Form | None:
    """The form a sentence gives its speaker's words in, when it frames the saying ("said in a video"),
    not when it mentions one ("a video showed"); quoted words are not read."""
    plain = plain_quotes(text)
    blank = re.sub(r'"[^"]*"', lambda m: " " * len(m.group()), plain)
    found = {}
    for pattern in _FRAMES:
        for m in pattern.finditer(blank):
            medium = next(name for i, name in enumerate(_MEDIA) if m.group(f"m{i}"))
            found.setdefault(medium, Form(medium, m.start(), m.end()))
    return next(iter(found.values())) if len(found) == 1 else None


def _form_findings(groups: list[list[Said]], people, articles: dict[str, Article], guard: Guard) -> list[Finding]:
    findings = []
    for members in groups:
        found = guard.run(_form_finding, members, people, articles, claims=[s.claim for s in members])
        if found:
            findings.append(found)
    return findings


def _form_finding(members: list[Said], people, articles: dict[str, Article]) -> Finding | None:
    formed: dict[str, tuple[Said, Form]] = {}
    for s in sorted(members, key=lambda s: (s.claim.sentence.article_id, s.claim.sentence.index)):
        form = statement_form(s.claim.sentence.text)
        if form is not None:
            formed.setdefault(s.claim.sentence.article_id, (s, form))
    pairs = [(a, b) for a, b in combinations(sorted(formed), 2)
             if formed[a][1].medium != formed[b][1].medium
             and relation(formed[a][0].speaker, formed[b][0].speaker, people) is None]
    if not pairs:
        return None
    ids = sorted({a for p in pairs for a in p})
    media = sorted({formed[a][1].medium for a in ids})
    speaker = max((formed[a][0].value for a in ids), key=lambda v: (len(v), v))
    quote = min((formed[a][0].content for a in ids), key=len)  # the shorter: the words both give
    head = " ".join(quote.split()[:6]) + ("..." if len(quote.split()) > 6 else "")

    def value(a: str) -> str:
        s, form = formed[a]
        text = s.claim.sentence.text
        at = text.find(s.speaker.text) if s.speaker.text else -1
        start, end = form.start, form.end
        if at >= 0:
            start, end = min(start, at), max(end, at + len(s.speaker.text))
        return text[start:end].strip(" ,.")

    def side(medium: str) -> str:
        given = [a for a in ids if formed[a][1].medium == medium]
        verb = "calls" if len(given) == 1 else "call"
        return f"{name_sources([articles[a] for a in given])} {verb} it a{'n' if medium[0] in 'aeiou' else ''} {medium}"

    sides = "; ".join(side(m) for m in media)
    return Finding(
        id=fingerprint("other", f"form|{' '.join(min(s.words for s in members).split()[:8])}", media),
        kind="other",
        severity="warning",
        subject=f"the form of {speaker}'s statement \"{head}\" ({' vs '.join(media)})",
        explanation=(f"The sources give the same words of {speaker} in different forms: {sides}. One statement "
                     "has one form, though a speaker may repeat a line in another; check how it was made."),
        statements=tuple(statement(formed[a][0].claim, articles[a], value(a)) for a in ids),
    )


# ---- identifiers of one thing ------------------------------------------------------------------------

_ID_NOUNS = r"(?i:flight|train|case|route|bus|docket)"
_NAMED_NOUNS = (r"(?i:ship|vessel|ferry|boat|trawler|tanker|freighter|yacht|submarine|rocket|satellite|mission|"
                r"spacecraft)")
_NUMBER_WORD = r"(?i:no\.?|number|#)"
_UNITS = (r"(?!\s*(?i:minutes?|hours?|days?|weeks?|km|kilomet\w*|miles?|metres?|meters?|feet|people|passengers|"
          r"times|per|percent|%|am|pm|a\.m|p\.m)\b)")
# "Ethiopian Airlines Flight ET302", "train number 12841", "Case No. 4512/2021"
_ID = re.compile(
    rf"(?P<qual>(?:[A-Z][\w&'-]*\s+){{0,3}})(?P<noun>{_ID_NOUNS})\s+(?:{_NUMBER_WORD}\s*)?"
    rf"(?P<id>[A-Z]{{0,3}}\s?\d[\d/-]*[A-Z]?)\b(?![.,:]\d){_UNITS}"
)
_NAME_WORD = r"(?!(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
             r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|A|An)\b)[A-Z][\w'-]+"
# "the ferry Skarvel 3", "the vessel Sea Star II"; "the Korvan 2 mission"
_NAMED = [
    re.compile(rf"\b(?P<noun>{_NAMED_NOUNS})\s+(?:(?:the|named|called)\s+)?(?P<name>(?:{_NAME_WORD}\s+){{1,3}})"
               rf"(?P<id>\d{{1,4}}|[IVX]{{2,5}})\b(?![.,:]\d){_UNITS}"),
    re.compile(rf"(?P<name>(?:{_NAME_WORD}\s+){{1,3}})(?P<id>\d{{1,4}}|[IVX]{{2,5}})\s+(?P<noun>{_NAMED_NOUNS})\b"),
]
_NOT_A_QUALIFIER = {"the", "a", "an", "on", "in", "of", "and", "that", "this", "its", "his", "her", "their"}


@dataclass(frozen=True)
class Identifier:
    claim: Claim
    row: int
    key: str  # the kind of thing: "flight", "ferry skarvel"
    qualifier: frozenset[str]  # words that narrow it: the airline before "Flight"
    ident: str  # normalised: "et302"
    text: str  # as written


def read_identifiers(claim: Claim, row: int) -> list[Identifier]:
    s = claim.sentence
    if s.role in SKIPPED_ROLES:
        return []
    text = s.text
    quoted = _quoted(text)
    out = []
    for m in _ID.finditer(text):
        noun = m.group("noun")
        if noun.islower() and noun != "flight" and not re.search(_NUMBER_WORD, m.group(0)[len(m.group("qual")):]):
            continue  # "in case 3 people", "train 12 drivers": a lower-case noun needs "No." or "number"
        ident = re.sub(r"[\s-]", "", m.group("id")).lower()
        if re.fullmatch(r"(?:19|20)\d\d", ident) or any(a <= m.start("id") < b for a, b in quoted):
            continue  # a year, or words in someone's mouth
        qual = frozenset(fold(w) for w in m.group("qual").split() if fold(w) not in _NOT_A_QUALIFIER)
        out.append(Identifier(claim, row, noun.lower(), qual, ident, m.group(0).strip()))
    for m in (m for pattern in _NAMED for m in pattern.finditer(text)):
        name = " ".join(fold(w) for w in m.group("name").split())
        ident = m.group("id").lower()
        if any(a <= m.start("id") < b for a, b in quoted):
            continue
        out.append(Identifier(claim, row, f"{m.group('noun').lower()} {name}", frozenset(), ident, m.group(0).strip()))
    return out


def _identifier_findings(ids: list[Identifier], vectors: np.ndarray, articles: dict[str, Article],
                         guard: Guard) -> list[Finding]:
    by_key: dict[str, list[Identifier]] = {}
    for x in ids:
        by_key.setdefault(x.key, []).append(x)
    findings = []
    for key, items in sorted(by_key.items()):
        found = guard.run(_identifier_finding, key, items, vectors, articles, claims=[x.claim for x in items])
        if found:
            findings.append(found)
    return findings


def _identifier_finding(key: str, items: list[Identifier], vectors: np.ndarray,
                        articles: dict[str, Article]) -> Finding | None:
    per_article: dict[str, set[str]] = {}
    for x in items:
        per_article.setdefault(x.claim.sentence.article_id, set()).add(x.ident)
    if len({i for v in per_article.values() for i in v}) < 2 or any(len(v) > 1 for v in per_article.values()):
        return None  # one identifier everywhere, or an article that gives two: two things, not one
    # Two identifiers are never in one article (see above), so each pair of them is a pair of articles; the
    # close sentences of each pair are found with one product of their rows, not by trying every pair.
    by_ident: dict[str, list[Identifier]] = {}
    for x in items:
        by_ident.setdefault(x.ident, []).append(x)
    pairs = []
    for u, v in combinations(sorted(by_ident), 2):
        xs, ys = by_ident[u], by_ident[v]
        near = vectors[[x.row for x in xs]] @ vectors[[y.row for y in ys]].T
        pairs += [
            (xs[i], ys[j]) for i, j in np.argwhere(near >= MIN_SIMILARITY_ID).tolist()
            if not (xs[i].qualifier and ys[j].qualifier and not xs[i].qualifier & ys[j].qualifier)
        ]
    if not pairs:
        return None
    chosen: dict[str, Identifier] = {}
    for a, b in pairs:
        chosen.setdefault(a.claim.sentence.article_id, a)
        chosen.setdefault(b.claim.sentence.article_id, b)
    shown = [chosen[a] for a in sorted(chosen)]
    values = sorted({x.ident for x in shown})
    sides = "; ".join(
        f"{name_sources([articles[x.claim.sentence.article_id] for x in shown if x.ident == v])} "
        f"(\"{next(x.text for x in shown if x.ident == v)}\")" for v in values
    )
    return Finding(
        id=fingerprint("other", f"identifier|{key}", values),
        kind="other",
        severity="error",
        subject=f"the identifier of the {key}",
        explanation=(f"The sources give one {key} different identifiers: {sides}. No article names more than one, "
                     "so they describe one thing; one identifier is wrong."),
        statements=tuple(statement(x.claim, articles[x.claim.sentence.article_id], x.text) for x in shown),
    )


# ---- all three ---------------------------------------------------------------------------------------

def compare_accounts(claims: list[Claim], vectors: np.ndarray, articles: dict[str, Article],
                     docs: dict | None = None, guard: Guard | None = None) -> list[Finding]:
    """Findings of kind "other"; `vectors` align with `claims`, `docs` are spaCy docs by sentence text."""
    guard = guard or Guard("other")
    findings: list[Finding] = []

    leave_words = re.compile(r"\b(?:resigned|quit|stepped down|stood down|sacked|fired|dismissed|ousted|axed|"
                             r"deposed|removed|let go)\b", re.IGNORECASE)
    leaving = [c for c in claims if leave_words.search(c.sentence.text)]
    if leaving:
        # The shared pipeline, loaded only when a sentence may tell of a departure.
        from claimcheck.extract.nlp import sentence_docs

        parsed = sentence_docs((c.sentence.text for c in leaving), docs)
        departures = [d for c in leaving
                      for d in (guard.run(read_departures, c, parsed[c.sentence.text], claims=[c]) or [])]
        if departures:
            keys = {person_key(e.text) for c in claims for e in c.entities if e.label == "PERSON"} - {""}
            findings += _departure_findings(departures, keys, articles, guard)

    if any(statement_form(c.sentence.text) for c in claims):
        groups, people = quote_groups(claims, guard)
        findings += _form_findings([g for g in groups if len(g) > 1], people, articles, guard)

    ids = [x for r, c in enumerate(claims) for x in (guard.run(read_identifiers, c, r, claims=[c]) or [])]
    if ids:
        findings += _identifier_findings(ids, vectors, articles, guard)
    return sorted(findings, key=lambda f: f.id)


def compare(inputs, guard: Guard) -> list[Finding]:
    """The registry's entry point (compare.registry)."""
    return compare_accounts(inputs.claims, inputs.vectors, inputs.articles, inputs.docs, guard=guard)
