"""Office-holder assertions: who a sentence says holds which office.

Shapes recognised (the office may come with an organisation or country, before or after the title):
  "Union Secretary General Mikko Aalto"      organisation + title + name
  "Secretary-General Aalto"                  title + name (organisation filled in later from the corpus)
  "Mikko Aalto, the union's secretary general" name + apposition
  "Ruth van der Laan, President of the Regional Council"
  "the league's foreign policy chief, Ines Carvalho" title + comma + name
Claims for people described as future or incoming holders, and the plain shapes in sentences about a
succession, are left out: they do not say who holds the office now.

A claim can also carry a status, as a third part of its key ("org|title|status"):
  "former"     "ex-home secretary Mikko Aalto", "Ruth van der Laan, the former prime minister"
  "appointed"  "Aalto was appointed as / returns as / is back in as / replaced Berg as home secretary"
  "removed"    "Aalto was removed / sacked / is out / stepped down as home secretary", "replaced Aalto as"
A plain key (no third part) says the person holds the office; "remains as" and "stays on as" are plain.
Only a change told of one named person is read ("Aalto and Berg are out as ... respectively" is not), and
not one dated to another time ("in 2019", "years ago", "had replaced"). A claim's offsets are always its
name's; the office of a change is kept as written after the verb ("as the union's general secretary").
"""
from __future__ import annotations

import re

from claimcheck.extract.names import fold, person_key, place_key, strip_possessive
from claimcheck.records import OfficeClaim

# The word of a title that names the office itself.
TITLE_HEADS = {
    "president", "premier", "chancellor", "minister", "secretary", "chief", "head", "director",
    "governor", "mayor", "chairman", "chairwoman", "chairperson", "chair", "ceo", "cfo", "coo",
    "commissioner", "ambassador", "spokesperson", "spokesman", "spokeswoman", "representative",
    "envoy", "king", "queen", "emperor", "empress", "pope", "commander", "judge", "speaker", "leader",
    "senator", "sheriff", "prosecutor", "superintendent", "administrator", "coach", "captain",
    "rector", "dean", "provost", "chairmain", "executive", "officer", "treasurer", "registrar",
    "director-general", "secretary-general", "attorney",
}
# Words that qualify a title ("Foreign Minister", "Secretary General", "high representative").
TITLE_MODIFIERS = {
    "vice", "deputy", "first", "acting", "interim", "foreign", "defence", "defense", "finance",
    "interior", "home", "health", "justice", "trade", "economy", "economic", "education",
    "environment", "energy", "labour", "labor", "transport", "agriculture", "culture", "policy",
    "affairs", "security", "high", "general", "state", "national", "supreme", "senior", "principal",
    "fire", "police", "army", "military", "navy", "naval", "air", "force", "joint", "staff",
    "prime", "executive", "chief", "operating", "financial", "technology", "intelligence",
    "public", "works", "housing", "industry", "commerce", "treasury", "unification", "information",
    "communications", "digital", "science", "research", "innovation", "tourism", "sports", "sport",
    "youth", "women", "family", "social", "welfare", "immigration", "planning", "development",
    "infrastructure", "water", "fisheries", "mining", "oceans", "land", "legal", "political",
    "strategy", "emergency", "management", "managing", "regional", "city", "county", "state's",
    "diplomacy", "central", "bank", "business", "work", "pensions", "employment", "veterans", "rescue",
    "assistant", "associate", "of", "for", "and", "the",
}
_INNER_ONLY = {"of", "for", "and", "the"}  # joiners: allowed inside a title, never at its edges
_NOT_CURRENT = {"former", "ex", "late", "then", "future", "incoming", "next", "would-be", "previous",
                "erstwhile", "one-time", "onetime", "designate", "elect", "nominee", "new-elect"}
_SUCCESSION = re.compile(
    r"\b(succeed(?:s|ed|ing)?|successor|predecessor|replac(?:e|es|ed|ing)|took office|take office|"
    r"takes office|step(?:s|ped)? down|resign(?:s|ed)?|sworn in|nominat(?:e|ed|es)|appoint(?:ed|s)?|"
    r"elect(?:ed)?|will become|to become|hand(?:s|ed)? over)\b",
    re.IGNORECASE,
)
# Adjectives before a title that say the person holds it now ("New prime minister Aalto"): not an organisation.
_SITTING = {"new", "newly", "current", "sitting", "incumbent", "outgoing", "serving"}
# Words right before an office (or its organisation) that say the person no longer holds it.
_FORMER = {"former", "ex", "ex-", "erstwhile", "one-time", "onetime", "previous"}
# Verbs of a change of office, followed by "as" + the office ("was appointed as", "stepped down as").
_TO_OFFICE = {
    "appointed", "reappointed", "named", "installed", "confirmed", "chosen", "picked", "tapped", "elected",
    "reelected", "return", "returns", "returned", "returning", "back", "restored", "reinstated", "sworn",
    "took", "takes", "take", "taking", "promoted",
}
_IN_OFFICE = {"remain", "remains", "remained", "stay", "stays", "stayed", "continue", "continues", "continued",
              "retained", "kept"}
_FROM_OFFICE = {
    "removed", "sacked", "fired", "dismissed", "ousted", "axed", "dropped", "deposed", "resigned", "resigns",
    "resign", "quit", "quits", "stepped", "steps", "step", "stood", "stands", "stand", "out", "left", "leave",
    "leaves", "departed", "departs", "replaced",
}
# Verbs that may take the office with no "as": "was made business secretary", "has become chairman".
_DIRECT = {"made", "appointed", "reappointed", "named", "elected", "reelected", "become", "becomes", "became"}
_REPLACING = {"replaced", "replaces", "replace", "replacing", "succeeded", "succeeds", "succeed", "succeeding"}
_NEEDS_PARTICLE = {"sworn": "in", "took": "over", "takes": "over", "take": "over", "taking": "over",
                   "stepped": "down", "steps": "down", "step": "down", "stood": "down", "stands": "down",
                   "stand": "down", "promoted": "to"}
_VERB_PARTICLES = {"in", "on", "over", "back", "down", "up"}
# Between a name and its verb: "is sensationally back", "was forced to leave", "has also been".
_BRIDGE = {"forced", "set", "expected", "due", "going", "to", "voted", "brought", "been", "being", "also", "now"}
_NEGATIONS = {"not", "n't", "never", "no", "neither", "nor"}
_PARTICLES = {"von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "bin", "al", "el", "ibn", "dos", "das"}
# The longest titles and organisation names run to about eight words ("Deputy Minister of Foreign Affairs
# and Trade"); reading no further keeps a sentence of nothing but title or capitalised words linear.
_MAX_TITLE_TOKENS = 16
_MAX_NAME_TOKENS = 16
_NOT_NAME_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
_GENERIC_HEADS = {"chief", "head", "leader"}


def _lower(token) -> str:
    return fold(token.text)


def _is_title_word(token) -> bool:
    return _lower(token) in TITLE_HEADS or _lower(token) in TITLE_MODIFIERS


def _is_head(token) -> bool:
    word = _lower(token)
    return word in TITLE_HEADS and not (token.tag_ in ("NNS", "NNPS") and word.endswith("s"))


def _is_plural_head(token) -> bool:
    word = _lower(token)
    return token.tag_ in ("NNS", "NNPS") and word.endswith("s") and word[:-1] in TITLE_HEADS


def _title_run_ending_at(tokens, end: int) -> int | None:
    """Start of the title run whose last token is tokens[end], or None."""
    if end < 0 or not _is_head(tokens[end]) and not (_lower(tokens[end]) in TITLE_MODIFIERS and _lower(tokens[end]) not in _INNER_ONLY):
        return None
    start = end
    while start - 1 >= 0 and end - start < _MAX_TITLE_TOKENS:
        prev = tokens[start - 1]
        if prev.text == "-" and start - 2 >= 0 and not tokens[start - 2].whitespace_ and _is_title_word(tokens[start - 2]):
            start -= 2
        elif _is_title_word(prev) and _lower(prev) not in ("the",):
            start -= 1
        else:
            break
    while start <= end and _lower(tokens[start]) in _INNER_ONLY:
        start += 1
    run = tokens[start : end + 1]
    if not any(_is_head(t) for t in run) or any(_is_plural_head(t) for t in run):
        return None
    return start


def _title_run_starting_at(tokens, start: int) -> int | None:
    """End (inclusive) of the title run that begins at tokens[start], or None."""
    end = start - 1
    i = start
    while i < len(tokens):
        tok = tokens[i]
        if _lower(tok) == "of" and i + 1 < len(tokens) and (tokens[i + 1].text[:1].isupper() or _lower(tokens[i + 1]) == "the"):
            break  # "President of the European Commission": the rest names the organisation
        if _is_title_word(tok):
            end = i
        elif tok.text == "-" and not tok.whitespace_ and i + 1 < len(tokens) and _is_title_word(tokens[i + 1]):
            pass
        else:
            break
        i += 1
    while end >= start and _lower(tokens[end]) in _INNER_ONLY:
        end -= 1
    if end < start:
        return None
    run = tokens[start : end + 1]
    if not any(_is_head(t) for t in run) or any(_is_plural_head(t) for t in run):
        return None
    return end


def _name_from(tokens, start: int) -> int | None:
    """End (exclusive) of a person's name starting at tokens[start], or None if none starts there."""
    i = start
    end = None
    while i < len(tokens):
        tok = tokens[i]
        text = tok.text
        if tok.ent_type_ in _NOT_NAME_ENTS or tok.ent_type_ == "NORP" or _is_title_word(tok) or _is_plural_head(tok):
            break
        if text[:1].isupper() and text.isalpha() or (text[:1].isupper() and re.fullmatch(r"[A-Z][\w.'-]*", text) and not text.endswith("'s")):
            end = i + 1
        elif text == "-" and not tok.whitespace_ and end == i and i + 1 < len(tokens) and tokens[i + 1].text.isalpha():
            i += 2  # "Suk-yeol": the lowercase part after a hyphen belongs to the name
            end = i
            continue
        elif fold(text) in _PARTICLES and end is not None and i + 1 < len(tokens):
            pass  # "van der Laan": only kept if a capitalised word follows
        else:
            break
        i += 1
    if end is None or not tokens[start].text[:1].isupper():
        return None
    while end > start and tokens[end - 1].text.endswith("."):
        end -= 1  # a stray full stop ends the name
    return end if end > start else None


def _name_ending_at(tokens, end: int) -> int | None:
    """Start of a person's name whose last token is tokens[end - 1], or None."""
    i = end - 1
    start = None
    while i >= 0:
        tok = tokens[i]
        if tok.ent_type_ in _NOT_NAME_ENTS or _is_head(tok):
            break
        if tok.text[:1].isupper() and tok.text.isalpha():
            start = i
        elif tok.text == "-" and not tok.whitespace_ and i - 1 >= 0:
            i -= 1
            start = i
            i -= 1
            continue
        elif tok.text.isalpha() and i + 1 < end and tokens[i + 1].text == "-" and not tok.whitespace_:
            start = i
        elif fold(tok.text) in _PARTICLES and start is not None:
            pass
        else:
            break
        i -= 1
    if start is None:
        return None
    while start < end and fold(tokens[start].text) in _PARTICLES:
        start += 1
    span = tokens[start:end]
    if any(_is_title_word(t) for t in span):
        return None
    if not any(t.ent_type_ == "PERSON" for t in span) and sum(1 for t in span if t.text[:1].isupper()) < 2:
        return None  # a lone capitalised word before a comma is too often not a person
    return start if start < end else None


def _organisation_before(tokens, start: int):
    """The organisation or country named right before a title: ('Harbour Board', first index) or ('', start)."""
    i = start - 1
    if i >= 0 and fold(tokens[i].text) in ("'s", "'"):
        i -= 1
    end = i
    if i < 0:
        return "", start
    if tokens[i].ent_type_ in ("ORG", "GPE", "NORP", "LOC"):
        while i > 0 and tokens[i].ent_iob_ == "I":  # back to where the entity begins
            i -= 1
        i -= 1
    else:
        while i >= 0 and tokens[i].text[:1].isupper() and tokens[i].tag_ in ("NNP", "NNPS", "NN", "JJ") and not _is_title_word(tokens[i]):
            if fold(tokens[i].text) in _NOT_CURRENT or fold(tokens[i].text) in _SITTING and tokens[i].tag_ == "JJ":
                break
            i -= 1
    if end - i <= 0:
        return "", start
    text = "".join(t.text_with_ws for t in tokens[i + 1 : end + 1]).strip()
    return text, i + 1


def _organisation_after(tokens, end: int):
    """'of the European Commission' after a title: ('European Commission', index after it)."""
    i = end + 1
    if i >= len(tokens) or _lower(tokens[i]) != "of":
        return "", end + 1
    i += 1
    if i < len(tokens) and _lower(tokens[i]) == "the":
        i += 1
    first = i
    while i < len(tokens) and i - first < _MAX_NAME_TOKENS and (tokens[i].text[:1].isupper() or (_lower(tokens[i]) in ("of", "and", "'s") and i + 1 < len(tokens) and tokens[i + 1].text[:1].isupper())):
        i += 1
    if i == first:
        return "", end + 1
    text = "".join(t.text_with_ws for t in tokens[first:i]).strip()
    return text, i


def _is_not_current(tokens, run_start: int, run_end: int) -> bool:
    window = [fold(t.text) for t in tokens[max(0, run_start - 3) : run_end + 1]]
    return any(w in _NOT_CURRENT or w.startswith("ex-") for w in window) or any(
        w.endswith("-elect") for w in window
    )


def _former_marker(tokens, at: int) -> int | None:
    """Index of "former" / "ex-" right before tokens[at] (an office or its organisation), else None."""
    i = at - 1
    if i >= 1 and tokens[i].text == "-" and not tokens[i - 1].whitespace_ and _lower(tokens[i - 1]) == "ex":
        return i - 1
    if i >= 0 and _lower(tokens[i]) in _FORMER:
        return i
    return None


def split_office_key(key: str) -> tuple[str, str, str]:
    """'org|title' or 'org|title|status' -> (org, title, status); status '' means holds the office."""
    org, _, rest = key.partition("|")
    title, _, status = rest.partition("|")
    return org, title, status


def organisation_key(text: str) -> str:
    text = re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE)
    return place_key(text)


def title_key(words: list[str]) -> str:
    """Word order and joiners do not matter: 'Minister of Foreign Affairs' ~ 'Foreign Minister'."""
    content = {w for w in words if w not in _INNER_ONLY and w not in ("affairs", "-")}
    if content <= _GENERIC_HEADS | {"chief"}:
        return "head"
    return " ".join(sorted(content))


def _claim(tokens, span_start_char, run_start, run_end, org_text, name_start, name_end, org_after=False,
           status: str = "", office_span: tuple[int, int] | None = None) -> OfficeClaim | None:
    """`status` for status claims; `office_span` (first and last token) when the office is to be shown as
    written after a verb ("as the union's general secretary"), so a report can find it in the sentence."""
    run = tokens[run_start : run_end + 1]
    words = [w for w in re.findall(r"[a-z]+", fold(" ".join(t.text for t in run)))]
    name_tokens = tokens[name_start:name_end]
    person_text = "".join(t.text_with_ws for t in name_tokens).strip()
    person_text = strip_possessive(person_text)
    key = person_key(person_text)
    if not key or len(key) < 2:
        return None
    title_text = "".join(t.text_with_ws for t in run).strip()
    if office_span is not None:
        office_text = "".join(t.text_with_ws for t in tokens[office_span[0] : office_span[1] + 1]).strip()
    elif org_after:
        office_text = f"{title_text} of {org_text}"
    else:
        office_text = f"{org_text} {title_text}".strip() if org_text else title_text
    office_key = f"{organisation_key(org_text) if org_text else ''}|{title_key(words)}"
    if status:
        office_key += f"|{status}"
    first = name_tokens[0].idx - span_start_char
    return OfficeClaim(
        office_key=office_key,
        office_text=office_text,
        person_key=key,
        person_text=person_text,
        start=first,
        end=first + len(person_text),
    )


def _pluperfect(tokens, v: int) -> bool:
    """'had replaced', 'had been sacked': an earlier state, not the news."""
    return any(_lower(t) == "had" for t in tokens[max(0, v - 3) : v])


def _subject_before(tokens, v: int) -> tuple[int, int] | None:
    """(start, end) of the one name whose verb is tokens[v]: "Aalto was forced to leave", "Aalto, who ..., was"."""
    i = v - 1
    steps = 0
    while i >= 0 and steps < 6:
        word = _lower(tokens[i])
        if word in _NEGATIONS or word == "had":
            return None
        if tokens[i].pos_ in ("AUX", "ADV", "PART") or word in _BRIDGE:
            i -= 1
            steps += 1
            continue
        break
    if i < 0:
        return None
    end = i + 1
    if tokens[i].text == ",":  # a relative clause or apposition between the name and its verb
        j = i - 1
        while j >= 0 and i - j <= 30 and tokens[j].text not in (",", ".", ";", ":", "(", ")", '"', "“", "”"):
            j -= 1
        if j < 1 or tokens[j].text != "," or not tokens[j + 1].text[:1].islower():
            return None
        end = j
    start = _name_ending_at(tokens, end)
    if start is None or start > 0 and _lower(tokens[start - 1]) in ("and", "&", "or", "nor"):
        return None  # "Aalto and Berg are out as ...": who held which is not said
    return start, end


def _offices_after(tokens, at: int) -> list[tuple[int, int, str, bool, int, int]]:
    """Offices named from tokens[at] on ("the union's chairman", "deputy mayor and treasurer"): (title start,
    title end, organisation, organisation written after the title, first and last token of the office)."""
    n = len(tokens)
    if at < n and _lower(tokens[at]) == "the":
        at += 1
    if at < n and _lower(tokens[at]) in _SITTING:  # "as the new chairman"
        at += 1
    if at >= n:
        return []
    org_text, k = "", at
    while k < n and k - at < _MAX_NAME_TOKENS and not _is_title_word(tokens[k]) and (
            tokens[k].ent_type_ in ("ORG", "GPE", "NORP") or tokens[k].tag_ in ("NNP", "NNPS")):
        k += 1
    if k > at:
        org_text = "".join(t.text_with_ws for t in tokens[at:k]).strip()
        if k < n and fold(tokens[k].text) in ("'s", "'"):
            k += 1
    elif k + 1 < n and fold(tokens[k + 1].text) in ("'s", "'"):
        k += 2  # "as the city's mayor": the organisation is filled in from elsewhere
    run_end = _title_run_starting_at(tokens, k) if k < n else None
    if run_end is None:
        return []
    if run_end + 1 < n and (fold(tokens[run_end + 1].text) in ("'s", "'") or _name_from(tokens, run_end + 1)):
        return []  # "as the minister's adviser", "as Mayor Kerber said": not this person's office
    after_org, after_end = _organisation_after(tokens, run_end)
    last = after_end - 1 if after_org else run_end
    org, org_after = (org_text, False) if org_text else (after_org, bool(after_org))
    # "deputy prime minister and justice secretary": two offices, each with its own head word
    cuts = [m for m in range(k + 1, run_end) if _lower(tokens[m]) == "and"
            and any(_is_head(t) for t in tokens[k:m]) and any(_is_head(t) for t in tokens[m + 1 : run_end + 1])]
    bounds = list(zip([k] + [m + 1 for m in cuts], [m - 1 for m in cuts] + [run_end]))
    return [(s, e, org, org_after, at if p == 0 else s, last if p == len(bounds) - 1 else e)
            for p, (s, e) in enumerate(bounds)]


def _not_one_change_now(tokens) -> bool:
    """'was appointed as mayor in 2019', '... two years ago': an old change, not this event's; '... as mayor
    and treasurer respectively': who took which post is told by position, which is not read here."""
    words = [_lower(t) for t in tokens]
    if any(w in ("ago", "previously", "once", "respectively") for w in words):
        return True
    return any(w == "in" and any(re.fullmatch(r"(1[89]|20)\d\d", x) for x in words[m + 1 : m + 3])
               for m, w in enumerate(words))


def _status_claims(tokens, base) -> list[OfficeClaim]:
    """Changes of office: "Aalto was appointed as / returns as / stepped down as / is no longer home secretary",
    "Aalto replaced Berg as home secretary", "the board named Aalto as chairman"."""
    n = len(tokens)
    out: list[OfficeClaim] = []
    if _not_one_change_now(tokens):
        return out

    def emit(name, offices, status):
        for s, e, org, org_after, shown_from, shown_to in offices:
            claim = _claim(tokens, base, s, e, org, name[0], name[1], org_after=org_after, status=status,
                           office_span=(shown_from, shown_to))
            if claim:
                out.append(claim)

    for v, tok in enumerate(tokens):
        word = _lower(tok)
        first = v - 2 if v >= 2 and tokens[v - 1].text == "-" and _lower(tokens[v - 2]) == "re" else v
        if word == "no" and v + 1 < n and _lower(tokens[v + 1]) == "longer":
            subject = _subject_before(tokens, v)
            if subject:
                emit(subject, _offices_after(tokens, v + 2), "removed")
            continue
        if _pluperfect(tokens, first):
            continue
        if word in _REPLACING and v + 1 < n and tokens[v + 1].text[:1].isupper():
            # "Aalto replaced Berg[, the ...,] as chairman": Aalto holds it now, Berg no longer.
            obj_end = _name_from(tokens, v + 1)
            if obj_end is None:
                continue
            k = obj_end
            if k < n and tokens[k].text == ",":
                close = next((m for m in range(k + 1, min(k + 25, n)) if tokens[m].text == ","), None)
                k = close + 1 if close is not None else n
            if k >= n or _lower(tokens[k]) != "as":
                continue
            offices = _offices_after(tokens, k + 1)
            emit((v + 1, obj_end), offices, "removed")
            subject = _subject_before(tokens, first)
            if subject:
                emit(subject, offices, "appointed")
            continue
        if word in ("appointed", "reappointed", "named", "installed", "picked", "tapped") and v + 1 < n \
                and tokens[v + 1].text[:1].isupper():
            # "The board appointed Ines Carvalho as chairman"
            obj_end = _name_from(tokens, v + 1)
            if obj_end is not None and obj_end < n and _lower(tokens[obj_end]) == "as":
                emit((v + 1, obj_end), _offices_after(tokens, obj_end + 1), "appointed")
            continue
        if word not in _TO_OFFICE and word not in _IN_OFFICE and word not in _FROM_OFFICE and word not in _DIRECT:
            continue
        if word in _REPLACING and word != "replaced":
            continue
        status = "" if word in _IN_OFFICE else "removed" if word in _FROM_OFFICE else "appointed"
        k = v + 1
        need = _NEEDS_PARTICLE.get(word)
        if need:
            if k >= n or _lower(tokens[k]) != need:
                continue
            k += 1
        while k < n and k - v <= 3 and _lower(tokens[k]) in _VERB_PARTICLES:
            k += 1
        if need == "to":
            at = k
        elif k < n and _lower(tokens[k]) == "as":
            at = k + 1
        elif word in _DIRECT and k == v + 1 and (word.startswith("bec") or first > 0 and tokens[first - 1].pos_ == "AUX"):
            at = k  # "was made business secretary", "became chairman"
        else:
            continue
        subject = _subject_before(tokens, first)
        if subject:
            emit(subject, _offices_after(tokens, at), status)
    return out


def extract_offices(span) -> tuple[OfficeClaim, ...]:
    """Office-holder claims in one sentence (a spaCy Span or Doc); offsets relative to the sentence."""
    tokens = list(span)
    if not tokens:
        return ()
    base = tokens[0].idx
    claims: dict[tuple[str, str], OfficeClaim] = {}
    # In a sentence about a succession the plain shapes are not the news: only the change itself is read.
    succession = bool(_SUCCESSION.search(span.text))

    def add(claim):
        if claim and (claim.office_key, claim.person_key) not in claims:
            claims[(claim.office_key, claim.person_key)] = claim

    for claim in _status_claims(tokens, base):
        add(claim)
    for i, tok in enumerate(tokens):
        # Title before the name: "[org] Title Name" and "[org's] Title, Name".
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is not None and (_is_title_word(nxt) and _lower(nxt) not in _INNER_ONLY or nxt.text == "-" and not tok.whitespace_):
            run_start = None  # the title goes on: the run is taken at its last word
        else:
            run_start = _title_run_ending_at(tokens, i)
        former = None  # index of "former" / "ex" before the office: a claim that the person no longer holds it
        if run_start is not None:
            org_text, org_start = _organisation_before(tokens, run_start)
            if _is_not_current(tokens, run_start, i):
                former = _former_marker(tokens, org_start)
                if former is None:
                    run_start = None
            elif succession:
                run_start = None
        if run_start is not None:
            after_org, name_at = _organisation_after(tokens, i)
            if after_org and not org_text:
                org_text = after_org
            if after_org:
                if name_at < len(tokens) and tokens[name_at].text == "(":  # "(EU)" after the organisation
                    close = next((k for k in range(name_at, min(name_at + 6, len(tokens))) if tokens[k].text == ")"), None)
                    name_at = close + 1 if close is not None else name_at
            if name_at < len(tokens) and tokens[name_at].text == ",":
                lead = (org_start if former is None else former) - 1
                if lead >= 0 and _lower(tokens[lead]) in ("the", "a", "an"):
                    lead -= 1
                if lead >= 0 and tokens[lead].text == ",":
                    name_at = len(tokens)  # "Name, Title of Org, ..." is an apposition, read below
                else:
                    name_at += 1
            name_end = _name_from(tokens, name_at) if name_at < len(tokens) else None
            if name_end is not None:
                add(_claim(tokens, base, run_start, i, org_text, name_at, name_end, org_after=org_text == after_org != "",
                           status="former" if former is not None else ""))
        # Name before the title: "Name, [the] [org('s)] Title [of org]".
        if tok.text == "," and i > 0:
            name_start = _name_ending_at(tokens, i)
            if name_start is None:
                continue
            j = i + 1
            if j < len(tokens) and _lower(tokens[j]) in ("the", "a", "an"):
                j += 1
            former = None
            if j < len(tokens) and _lower(tokens[j]) in _FORMER:
                former, j = j, j + 1
            elif j + 1 < len(tokens) and _lower(tokens[j]) == "ex" and tokens[j + 1].text == "-":
                former, j = j, j + 2
            org_text = ""
            k = j
            while k < len(tokens) and (tokens[k].ent_type_ in ("ORG", "GPE", "NORP") or tokens[k].tag_ in ("NNP", "NNPS")) and not _is_title_word(tokens[k]):
                k += 1
            if k > j:
                org_text = "".join(t.text_with_ws for t in tokens[j:k]).strip()
                if k < len(tokens) and fold(tokens[k].text) in ("'s", "'"):
                    k += 1
            elif k + 1 < len(tokens) and fold(tokens[k + 1].text) in ("'s", "'"):
                k += 2  # "the city's mayor": a generic owner, the organisation is filled in from elsewhere
            if former is None and (succession or _is_not_current(tokens, k, k)):
                continue
            run_end = _title_run_starting_at(tokens, k)
            if run_end is None:
                continue
            if run_end + 1 < len(tokens) and (_name_from(tokens, run_end + 1) or fold(tokens[run_end + 1].text) in ("'s", "'")):
                continue  # "Name, President Other": the title belongs to the name after it ("the president's office")
            after_org, _ = _organisation_after(tokens, run_end)
            add(_claim(tokens, base, k, run_end, org_text or after_org, name_start, i, org_after=not org_text and bool(after_org),
                       status="former" if former is not None else ""))
    return tuple(sorted(claims.values(), key=lambda c: (c.start, c.office_key)))


def office_key_from_text(text: str) -> str:
    """The grouping key of an office written on its own: 'Mayor of Saltmere' / 'Saltmere Mayor' -> 'saltmere|mayor'."""
    words = re.findall(r"[\w'’.-]+", text)
    lowered = [fold(w).strip(".") for w in words]
    if "of" in lowered:
        cut = lowered.index("of")
        title, org = lowered[:cut], words[cut + 1 :]
        if title and all(w in TITLE_HEADS or w in TITLE_MODIFIERS for w in title):
            return f"{organisation_key(' '.join(org))}|{title_key(title)}"
    cut = len(lowered)
    while cut > 0 and (lowered[cut - 1] in TITLE_HEADS or lowered[cut - 1] in TITLE_MODIFIERS):
        cut -= 1
    title = [w for part in lowered[cut:] for w in part.split("-")]
    if not any(w in TITLE_HEADS for w in title):
        return ""
    return f"{organisation_key(' '.join(words[:cut]))}|{title_key(title)}"
