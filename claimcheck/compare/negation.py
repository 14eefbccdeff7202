"""One source asserts what another denies: "the dam was breached" / "the dam was not breached".

Each sentence is read for negation cues (not, n't, never, no, none, nothing, no one, denied, refuted,
rejected claims that, it is false that) and, for each cue, the words it negates: the predicate after "not"
("was not breached" -> breach), the thing after "no" and what happened to it ("no one was injured" ->
injure), the proposition after a denial ("denied that the plant would close" -> plant, close). A sentence
from another article that says much the same (embedding similarity, shared content words, no clash of
names or places) and contains every negated word without negating it asserts what the first denies.

Look-alikes are cues that negate nothing the other sentence says: "not only ... but also", "no later
than", "not until June", "did not say when", questions, and a negated word the other sentence negates
too. A hedge on one side only ("may not sail" / "will sail") and two different people quoted on the two
sides (each may have said what they are quoted as saying) make a warning; a plain assert-deny an error.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from claimcheck.compare.attribution import same_body, same_org, same_role
from claimcheck.compare.common import Groups, Guard, by_group, fingerprint, name_sources, statement
from claimcheck.embed.neighbours import pairs_among
from claimcheck.extract.names import fold, person_key
from claimcheck.extract.speakers import Attribution, Speaker, find_attribution, plain_quotes
from claimcheck.records import Article, Claim, Finding

MIN_SIMILARITY = 0.7  # cosine at which two sentences may state one proposition
# A negation pulls the embedding away ("No arrests were made" / "Police arrested two suspects" score
# about 0.5), so looser pairs are kept when their content words agree almost entirely.
MIN_SIMILARITY_LOOSE = 0.42
MIN_SHARED = 0.5  # share of the smaller set of content words the other sentence must contain
MIN_SHARED_LOOSE = 0.75
MIN_SIMILARITY_ECHO = 0.85  # a third article saying the same as one side joins that side
SKIPPED_ROLES = {"heading", "question", "interview"}

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[-'’][A-Za-z0-9]+)*")
_NOT = {"not", "never"}
_NOMINAL = {"no", "none", "nothing", "nobody", "neither"}
_DENY = {"deny", "refut"}  # stems: denied, denies, refuted
_DENY_NOUN = {"reject", "dismiss"}  # ... only before a claim noun: "rejected claims that"
_CLAIM_NOUNS = {"claim", "report", "suggestion", "allegation", "accusation", "rumour", "rumor", "speculation"}
_FALSE = {"false", "untrue"}  # "it is false that ..."
# Words after a cue that make it a bound or a figure of speech, not a denial.
_NOT_A_DENIAL = {"only", "just", "merely", "simply", "least", "doubt", "matter", "stranger", "unlike", "but"}
_BOUND = {"later", "earlier", "sooner", "more", "fewer", "less", "longer", "greater"}  # "no later than"
_PARTICLES = {"out", "up", "off", "over", "down", "on", "in", "away", "back"}
_FUTURE = {"will", "would", "shall", "going", "plan", "plans", "planned", "expected", "set", "scheduled", "due", "soon"}
_FAIL = {"fail", "refus"}  # failed to, refused to
_INTENT = {"plan", "intention", "intent"}
_UNIVERSAL = {"all", "every", "everyone", "everybody", "everything", "always", "entirely", "completely", "fully"}
_TEMPORAL = {"until", "till", "before"}  # "will not reopen until June" says when, not whether
_WH = {"when", "whether", "how", "why", "where", "who", "what", "which", "if"}
_SAY = {"say", "specify", "disclos", "reveal", "explain", "confirm", "know", "comment", "indicat", "announc", "detail"}
_AUX = set(
    "be am is are was were been being have has had do does did will would shall should can could may might "
    "must wo ca sha get got".split()
)
_HEDGES = {"may", "might", "could", "possibly", "probably", "likely", "unlikely", "reportedly", "allegedly",
           "apparently", "perhaps", "expected", "feared", "suspected", "believed", "appears", "seems",
           "unclear", "uncertain"}
_ASSERT = {"confirm", "say", "announc", "admit", "acknowledg", "state", "report", "insist", "declar", "told"}
_LIGHT = {"make", "take", "give", "carry", "happen", "occur", "tak", "mad", "giv"}
_STOP = set(
    "a an the and or but of to in on at for with by from as that this these those it its their his her our "
    "there here than then so such also yet ever even still just very too one any some all each every "
    "next last about into after before during while when which who whom whose what where why how "
    "said says say told according nor until till because despite against above below near since "
    "only later earlier both either per via within without single".split()
) | _AUX | _NOT | _NOMINAL | _HEDGES
_IRREGULAR = {
    "made": "make", "said": "say", "paid": "pay", "held": "hold", "found": "find", "took": "take",
    "taken": "take", "gave": "give", "given": "give", "left": "leave", "broke": "break", "broken": "break",
    "struck": "strike", "fell": "fall", "fallen": "fall", "ran": "run", "shut": "shut", "hit": "hit",
    "sank": "sink", "sunk": "sink", "spoke": "speak", "told": "told", "won": "win", "lost": "lose",
    "sold": "sell", "bought": "buy", "built": "build", "began": "begin", "begun": "begin", "met": "meet",
}
# Words news copy uses interchangeably for one outcome, by stem.
_SAME = {"hurt": "injur", "injury": "injur", "wound": "injur", "detain": "arrest", "killed": "die",
         "kill": "die", "dead": "die", "death": "die", "shut": "clos", "flood": "flood"}
_NAMES = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}


@dataclass(frozen=True)
class Token:
    text: str
    low: str
    stem: str
    start: int
    end: int


@dataclass(frozen=True)
class Cue:
    """One negation in a sentence, and the words it negates."""

    index: int  # token index of the cue
    kind: str  # "not" | "nominal" | "deny"
    anchors: tuple[str, ...]  # stems of the negated words
    start: int  # character span of the negated clause, cue included
    end: int
    universal: bool = False  # "not all", "not every": contradicts only a sentence that says all
    not_yet: bool = False  # "has not yet been done": contradicts only a sentence that says it was done


@dataclass(frozen=True)
class Reading:
    """What the comparator needs of one sentence."""

    claim: Claim
    row: int
    tokens: tuple[Token, ...]
    cues: tuple[Cue, ...]
    content: frozenset[str]  # content stems, speaker and polarity words left out
    hedged: bool
    speaker: Speaker | None  # whose words; None when the article says it in its own voice
    names: frozenset[tuple[str, str]]  # (label, key) of names and places outside the speaker


def stem(word: str) -> str:
    w = fold(word).replace("’", "'")
    if w in _IRREGULAR:
        w = _IRREGULAR[w]
    else:
        for suffix in ("ings", "ing", "ied", "ies", "ed", "es", "s"):
            if w.endswith(suffix) and len(w) - len(suffix) >= 3:
                w = w[: -len(suffix)] + ("y" if suffix in ("ied", "ies") else "")
                break
        if w.endswith("e") and len(w) > 4:
            w = w[:-1]
    return _SAME.get(w, w)


def tokenize(text: str) -> list[Token]:
    """Words with offsets; "didn't" gives "did" + "not", "cannot" gives "can" + "not"."""
    out = []
    for m in _TOKEN.finditer(text):
        word, start = m.group(), m.start()
        low = fold(word).replace("’", "'")
        if low.endswith("n't") and len(low) > 3:
            out.append(Token(word[:-3], low[:-3], stem(low[:-3]), start, m.end() - 3))
            out.append(Token(word[-3:], "not", "not", m.end() - 3, m.end()))
        elif low == "cannot":
            out.append(Token(word[:3], "can", "can", start, start + 3))
            out.append(Token(word[3:], "not", "not", start + 3, m.end()))
        else:
            out.append(Token(word, low, stem(low), start, m.end()))
    return out


def _clause_end(text: str, at: int) -> int:
    """Where the clause running through `at` ends: the next comma, semicolon, quote mark or full stop."""
    found = re.compile(r"[,;:!?\"“”()]|\.(?:\s|$)| but | and (?=[a-z]+ (?:said|says)\b)").search(text, at)
    return found.start() if found else len(text.rstrip(". "))


def _anchors(tokens: list[Token], first: int, limit: int, end: int) -> tuple[str, ...]:
    """The first content words from tokens[first] on, within the clause (character `end`)."""
    out: list[str] = []
    for k in range(first, len(tokens)):
        t = tokens[k]
        if t.start >= end or len(out) >= limit:
            break
        if t.low in _PARTICLES and not (k > 0 and tokens[k - 1].low in _AUX | _NOT):
            continue  # "carried out": the particle of a verb; only "is not over" makes it the predicate
        if t.low not in _STOP and t.stem not in _LIGHT | _ASSERT and not t.low.endswith("ly") and not t.low.isdigit():
            out.append(t.stem)
    return tuple(out)


def _cue_at(text: str, tokens: list[Token], i: int) -> Cue | None:
    t = tokens[i]
    nxt = tokens[i + 1].low if i + 1 < len(tokens) else ""
    prev = tokens[i - 1].low if i > 0 else ""
    if t.low in _NOT or t.low in _NOMINAL or (t.low in _FALSE and nxt == "that"):
        if nxt in _NOT_A_DENIAL or prev in ("or", "if", "whether"):
            return None
        if nxt in _BOUND and i + 2 < len(tokens) and tokens[i + 2].low == "than":
            return None
        if t.low == "no" and re.match(r"\s*[.,]", text[t.end:]):
            return None  # "No. 4", "No, ..."
        end = _clause_end(text, t.end)
        if any(x.low in _TEMPORAL for x in tokens[i + 1:] if x.start < end):
            return None
        if t.low in _NOT and nxt == "true" or t.low in _FALSE:
            # "it is not true that ...", "it is false that ...": what follows "that" is denied.
            first = next((k for k in range(i + 1, len(tokens)) if tokens[k].low == "that"), i + 1) + 1
            end = _clause_end(text, tokens[min(first, len(tokens) - 1)].end)
            return Cue(i, "deny", _anchors(tokens, first, 3, end), _start_of_verb_group(tokens, i), end)
        if t.low in _NOT and _non_committal(tokens, i):
            return None
        if t.low == "no" and i + 2 < len(tokens) and tokens[i + 1].stem in _INTENT and tokens[i + 2].low == "to":
            # "no plans to shut the site" denies that the site will shut.
            return Cue(i, "deny", _anchors(tokens, i + 3, 3, end), t.start, end)
        kind = "not" if t.low in _NOT else "nominal"
        first = i + 1 + (1 if t.low == "no" and nxt == "one" else 0)
        anchors = _anchors(tokens, first, 2, end)
        if anchors and set(anchors) <= {x.stem for x in tokens[:i]}:
            return None  # "a rise that ... is not a rise": says what a thing amounts to, not whether it is
        start = _start_of_verb_group(tokens, i) if kind == "not" else t.start
        # "not all workers" denies only "all workers": "some workers" agrees with it.
        not_yet = any(x.low == "yet" for x in tokens[i + 1 : i + 3])
        return Cue(i, kind, anchors, start, end, nxt in _UNIVERSAL, not_yet) if anchors else None
    if t.stem in _FAIL and nxt == "to":
        # "failed to keep pace" is "did not keep pace".
        end = _clause_end(text, t.end)
        anchors = _anchors(tokens, i + 2, 2, end)
        return Cue(i, "not", anchors, t.start, end) if anchors else None
    if t.stem in _DENY or (t.stem in _DENY_NOUN and _claim_noun_after(tokens, i)):
        first = i + 1
        while first < len(tokens) and (tokens[first].stem in _CLAIM_NOUNS or tokens[first].low in ("that", "the", "any")):
            first += 1
        end = _clause_end(text, tokens[first].start if first < len(tokens) else t.end)
        anchors = _anchors(tokens, first, 3, end)
        return Cue(i, "deny", anchors, t.start, end) if anchors else None
    return None


def _claim_noun_after(tokens: list[Token], i: int) -> bool:
    return any(tokens[k].stem in _CLAIM_NOUNS for k in range(i + 1, min(i + 3, len(tokens))))


def _non_committal(tokens: list[Token], i: int) -> bool:
    """ "did not say when", "would not confirm whether": it declines to tell, it denies nothing."""
    window = [t for t in tokens[i + 1 : i + 4] if t.low not in _AUX and not t.low.endswith("ly")]
    return len(window) >= 2 and window[0].stem in _SAY and window[1].low in _WH


def _start_of_verb_group(tokens: list[Token], i: int) -> int:
    """ "was not", "has not", "did not": the clause shown starts at the auxiliary before the cue."""
    k = i
    while k > 0 and tokens[k - 1].low in _AUX:
        k -= 1
    return tokens[k].start


def _is_hedged(tokens: list[Token]) -> bool:
    for i, t in enumerate(tokens):
        if t.low in _HEDGES and not (t.low == "could" and i + 1 < len(tokens) and tokens[i + 1].low == "not"):
            return True  # "could not" is a plain negation ("rescuers could not reach"), not a hedge
    return False


def read(claim: Claim, row: int) -> Reading | None:
    s = claim.sentence
    if s.role in SKIPPED_ROLES or s.text.rstrip(" \"'”").endswith("?"):
        return None
    return Reading(claim, row, *_read_text(s.text, claim.entities))


@lru_cache(maxsize=1 << 16)
def _read_text(text: str, entities: tuple) -> tuple:
    """What `Reading` holds beyond the claim and row, once per wording: outlets print the same sentence word
    for word, and a reading depends on nothing but the words and their names."""
    tokens = tokenize(text)
    cues = tuple(c for c in (_cue_at(text, tokens, i) for i in range(len(tokens))) if c)
    said: Attribution | None = find_attribution(text, entities)
    speaker_span = range(said.start, said.end) if said else range(0)
    # Who denies is a speaker, not part of what is denied: "The council rejected claims that ...".
    denier_end = min((tokens[c.index].start for c in cues if tokens[c.index].stem in _DENY | _DENY_NOUN), default=0)
    polarity = {tokens[c.index].stem for c in cues} | _LIGHT | _ASSERT | _DENY | _CLAIM_NOUNS
    content = frozenset(
        t.stem for t in tokens
        if t.low not in _STOP and t.stem not in polarity and t.start not in speaker_span and t.start >= denier_end
    )
    names = frozenset(
        (e.label, person_key(e.text)) for e in entities
        if e.label in _NAMES and e.start not in speaker_span and e.start >= denier_end
    )
    return tuple(tokens), cues, content, _is_hedged(tokens), _voice(said, text), names


def _voice(said: Attribution | None, text: str) -> Speaker | None:
    """Whose words these are: None for the article's own voice; a vague speaker for a quotation whose
    speaker is in another sentence."""
    if said is not None:
        return said.speaker
    if plain_quotes(text).count('"') % 2:
        return Speaker("", "vague")  # part of a quotation that runs over several sentences
    return None


def same_voice(a: Speaker | None, b: Speaker | None) -> bool:
    """Both in the articles' own voice, or both from one speaker. A denial quoted from one person and an
    assertion from another (or from the reporter) can both be reported truly: each said what they said."""
    if a is None or b is None:
        return a is b
    if "vague" in (a.kind, b.kind) or "pronoun" in (a.kind, b.kind):
        return True
    if a.kind == "person" and b.kind == "person":
        wa, wb = set(a.person.split()), set(b.person.split())
        return wa <= wb or wb <= wa
    if b.kind == "person":
        a, b = b, a
    if a.kind == "person":
        # "Lumo said" may name a company as well as a person: compare the word as an organisation too.
        return (bool(a.role) and same_role(a.role, b.role)) or same_org(a.org or a.person, b.org)
    return same_body(a, b)


def _denial_of(neg: Reading, pos: Reading) -> Cue | None:
    """The cue of `neg` whose negated words `pos` asserts without negating them, if any."""
    for cue in neg.cues:
        if not cue.anchors or not set(cue.anchors) <= pos.content:
            continue
        if cue.universal and not any(t.low in _UNIVERSAL for t in pos.tokens):
            continue
        if cue.not_yet and any(t.low in _FUTURE for t in pos.tokens):
            continue  # "not yet carried out" / "will be carried out": both true
        if any(set(cue.anchors) & set(c.anchors) for c in pos.cues):
            continue  # both negate it
        return cue
    return None


def _same_proposition(a: Reading, b: Reading, cosine: float) -> bool:
    if a.claim.sentence.article_id == b.claim.sentence.article_id or not a.content or not b.content:
        return False
    shared = len(a.content & b.content) / min(len(a.content), len(b.content))
    if cosine >= MIN_SIMILARITY:
        ok = shared >= MIN_SHARED
    else:
        ok = cosine >= MIN_SIMILARITY_LOOSE and shared >= MIN_SHARED_LOOSE and len(a.content & b.content) >= 2
    return ok and not _names_clash(a, b)


def _names_clash(a: Reading, b: Reading) -> bool:
    """Different places or names of the same kind on the two sides: two different events."""
    for label in {lab for lab, _ in a.names} & {lab for lab, _ in b.names}:
        ka = {k for lab, k in a.names if lab == label}
        kb = {k for lab, k in b.names if lab == label}
        if not any(set(x.split()) & set(y.split()) for x in ka for y in kb):
            return True
    return False


def _conflict(a: Reading, b: Reading, vectors: np.ndarray) -> tuple[Reading, Reading, Cue, str] | None:
    """(negating reading, asserting reading, cue, severity) when one denies what the other asserts."""
    cosine = float(vectors[a.row] @ vectors[b.row])
    if not _same_proposition(a, b, cosine):
        return None
    for neg, pos in ((a, b), (b, a)):
        cue = _denial_of(neg, pos)
        if cue is None:
            continue
        if neg.hedged and pos.hedged:
            return None  # both uncertain: no one asserts anything
        severity = "warning" if neg.hedged != pos.hedged or not same_voice(neg.speaker, pos.speaker) else "error"
        return neg, pos, cue, severity
    return None


def _agrees(a: Reading, b: Reading, vectors: np.ndarray) -> bool:
    """A near-repeat with the same polarity: joins the side it repeats."""
    if a.claim.sentence.article_id == b.claim.sentence.article_id:
        return False
    if float(vectors[a.row] @ vectors[b.row]) < MIN_SIMILARITY_ECHO or _names_clash(a, b):
        return False
    return bool(a.cues) == bool(b.cues)


def _asserted_clause(pos: Reading, cue: Cue) -> tuple[int, int]:
    """The clause of the asserting sentence that says what the cue denies, from its verb group."""
    text = pos.claim.sentence.text
    tokens = pos.tokens
    hit = next((i for i, t in enumerate(tokens) if t.stem in cue.anchors), 0)
    k = hit
    if cue.kind == "deny":
        # "confirmed the plant would close": start at the verb that asserts it, when there is one.
        for j in range(hit - 1, max(hit - 6, -1), -1):
            if tokens[j].stem in _ASSERT:
                k = j
                break
        else:
            k = _clause_start(tokens, text, hit)
    elif cue.kind == "nominal":
        k = _clause_start(tokens, text, hit)
    else:
        while k > 0 and tokens[k - 1].low in _AUX:
            k -= 1
    return tokens[k].start, _clause_end(text, tokens[hit].end)


def _clause_start(tokens: list[Token], text: str, hit: int) -> int:
    k = hit
    while k > 0 and not re.search(r"[,;:\"“”]", text[tokens[k - 1].end : tokens[k].start]):
        k -= 1
    return k


def _proposition(pos: Reading, cue: Cue) -> str:
    """The asserted proposition in a few words: the reported content, or the clause that asserts it."""
    said = find_attribution(pos.claim.sentence.text, pos.claim.entities)
    if said and not said.direct:
        text = said.content[: _clause_end(said.content, 0)]
    else:
        hit = next((i for i, t in enumerate(pos.tokens) if t.stem in cue.anchors), 0)
        first = _clause_start(list(pos.tokens), pos.claim.sentence.text, hit)
        text = pos.claim.sentence.text[pos.tokens[first].start : _clause_end(pos.claim.sentence.text, pos.tokens[hit].end)]
    words = re.sub(r"^that\s+", "", text.strip(" .,\"")).split()
    return " ".join(words[:8]) + ("..." if len(words) > 8 else "")


def compare_negation(claims: list[Claim], vectors: np.ndarray, articles: dict[str, Article],
                     guard: Guard | None = None, candidates=None) -> list[Finding]:
    """Findings for propositions one article asserts and another denies; `vectors` align with `claims`."""
    guard = guard or Guard("negation")
    readings = [r for r in (guard.run(read, c, row, claims=[c]) for row, c in enumerate(claims)) if r and r.content]
    n = len(readings)
    same_event_groups = Groups(n)

    conflicts: dict[tuple[int, int], tuple[Cue, str]] = {}  # (negating, asserting) -> cue, severity
    rows = [r.row for r in readings]
    negated = [i for i, r in enumerate(readings) if r.cues]  # a conflict needs a negation on one side
    first, second, _ = pairs_among(vectors, rows, min(MIN_SIMILARITY, MIN_SIMILARITY_LOOSE), queries=negated,
                                   candidates=candidates)
    for i, j in zip(first.tolist(), second.tolist()):
        found = _conflict(readings[i], readings[j], vectors)
        if found:
            neg, pos, cue, severity = found
            key = (i, j) if neg is readings[i] else (j, i)
            conflicts[key] = (cue, severity)
            same_event_groups.join(i, j)
    involved = {k for pair in conflicts for k in pair}
    first, second, _ = pairs_among(vectors, rows, MIN_SIMILARITY_ECHO, queries=involved, candidates=candidates)
    for i, j in zip(first.tolist(), second.tolist()):
        if same_event_groups.find(i) != same_event_groups.find(j) and _agrees(readings[i], readings[j], vectors):
            same_event_groups.join(j, i)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(same_event_groups.find(i), []).append(i)
    conflicts_of = by_group(conflicts, same_event_groups)
    findings = [f for root, members in groups.items()
                if root in conflicts_of and (f := guard.run(_finding, members, readings, conflicts_of[root], articles,
                                                            claims=[readings[i].claim for i in members]))]
    return sorted(findings, key=lambda f: f.id)


def _finding(members: list[int], readings: list[Reading], pairs: dict, articles: dict[str, Article]) -> Finding | None:
    """`pairs` are the conflicts within this group of readings."""
    denying, asserting = {p[0] for p in pairs}, {p[1] for p in pairs}
    negated = {a for cue, _ in pairs.values() for a in cue.anchors}

    def side_of(i: int) -> str:
        if i in denying or i in asserting:
            return "deny" if i in denying else "assert"
        return "deny" if any(set(c.anchors) & negated for c in readings[i].cues) else "assert"

    # Each article's side; an article that says both is telling a story, not taking a side.
    side: dict[str, set[str]] = {}
    for i in members:
        side.setdefault(readings[i].claim.sentence.article_id, set()).add(side_of(i))
    clear = {a for a, s in side.items() if len(s) == 1}
    pairs = {p: v for p, v in pairs.items() if {readings[k].claim.sentence.article_id for k in p} <= clear}
    if not pairs:
        return None
    weight = Counter(i for p in pairs for i in p)
    chosen: dict[str, int] = {}
    for i in sorted(members, key=lambda i: (-weight[i], readings[i].claim.sentence.index)):
        a = readings[i].claim.sentence.article_id
        if a in clear:
            chosen.setdefault(a, i)
    # The pair that shows the disagreement best: an error if there is one, between well-connected sentences.
    (neg_i, pos_i), (cue, _) = min(pairs.items(), key=lambda kv: (kv[1][1] != "error", -sum(weight[k] for k in kv[0]), kv[0]))
    shown = {p: v for p, v in pairs.items() if set(p) <= set(chosen.values())} or pairs
    severity = "error" if any(v[1] == "error" for v in shown.values()) else "warning"
    values = {}
    for a, i in chosen.items():
        r = readings[i]
        if side[a] == {"deny"}:
            own = next((c for (d, _), (c, _) in sorted(pairs.items()) if d == i), None)
            own = own or next((c for c in r.cues if set(c.anchors) & negated), cue)
            start, end = own.start, own.end
        else:
            start, end = _asserted_clause(r, cue)
        values[a] = r.claim.sentence.text[start:end].strip(" ,.")
    subject = _proposition(readings[pos_i], cue)
    key = " ".join(sorted(readings[neg_i].content & readings[pos_i].content))
    deniers = sorted(a for a in chosen if side[a] == {"deny"})
    asserters = sorted(a for a in chosen if side[a] == {"assert"})
    return Finding(
        id=fingerprint("negation", key, [fold(v) for v in values.values()]),
        kind="negation",
        severity=severity,
        subject=subject,
        explanation=_explain(deniers, asserters, values, severity, readings, chosen, articles),
        statements=tuple(
            statement(readings[i].claim, articles[a], values[a]) for a, i in sorted(chosen.items())
        ),
    )


def _explain(deniers: list[str], asserters: list[str], values: dict[str, str], severity: str,
             readings: list[Reading], chosen: dict[str, int], articles: dict[str, Article]) -> str:
    def side(ids: list[str]) -> str:
        shown = "; ".join(f"\"{values[a]}\"" for a in ids)
        return f"{name_sources([articles[a] for a in ids])} ({shown})"

    verbs = ("asserts" if len(asserters) == 1 else "assert", "denies" if len(deniers) == 1 else "deny")
    text = f"{side(asserters)} {verbs[0]} what {side(deniers)} {verbs[1]}."
    if severity == "error":
        return text + (" Both cannot be true." if len(chosen) == 2 else " They cannot all be true.")
    if len({readings[i].hedged for i in chosen.values()}) > 1:
        return text + " One side hedges (may, could, expected), so they conflict only if the hedge is dropped; check which is current."
    return text + (" The two sides come from different speakers (or one from the article's own voice); each may have"
                   " said what it is reported as saying, but not both can be right.")


def compare(inputs, guard: Guard) -> list[Finding]:
    """The registry's entry point (compare.registry)."""
    return compare_negation(inputs.claims, inputs.vectors, inputs.articles, guard=guard, candidates=inputs.candidates)
