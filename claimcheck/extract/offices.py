"""Office-holder assertions: who a sentence says holds which office.

Shapes recognised (the office may come with an organisation or country, before or after the title):
  "Union Secretary General Mikko Aalto"      organisation + title + name
  "Secretary-General Aalto"                  title + name (organisation filled in later from the corpus)
  "Mikko Aalto, the union's secretary general" name + apposition
  "Ruth van der Laan, President of the Regional Council"
  "the league's foreign policy chief, Ines Carvalho" title + comma + name
Claims for people described as former, future or incoming holders, and sentences about a succession,
are left out: they do not say who holds the office now.
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
    "diplomacy", "central", "bank", "of", "for", "and", "the",
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
            if fold(tokens[i].text) in _NOT_CURRENT:
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


def organisation_key(text: str) -> str:
    text = re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE)
    return place_key(text)


def title_key(words: list[str]) -> str:
    """Word order and joiners do not matter: 'Minister of Foreign Affairs' ~ 'Foreign Minister'."""
    content = {w for w in words if w not in _INNER_ONLY and w not in ("affairs", "-")}
    if content <= _GENERIC_HEADS | {"chief"}:
        return "head"
    return " ".join(sorted(content))


def _claim(tokens, span_start_char, run_start, run_end, org_text, name_start, name_end, org_after=False) -> OfficeClaim | None:
    run = tokens[run_start : run_end + 1]
    words = [w for w in re.findall(r"[a-z]+", fold(" ".join(t.text for t in run)))]
    name_tokens = tokens[name_start:name_end]
    person_text = "".join(t.text_with_ws for t in name_tokens).strip()
    person_text = strip_possessive(person_text)
    key = person_key(person_text)
    if not key or len(key) < 2:
        return None
    title_text = "".join(t.text_with_ws for t in run).strip()
    if org_after:
        office_text = f"{title_text} of {org_text}"
    else:
        office_text = f"{org_text} {title_text}".strip() if org_text else title_text
    office_key = f"{organisation_key(org_text) if org_text else ''}|{title_key(words)}"
    first = name_tokens[0].idx - span_start_char
    return OfficeClaim(
        office_key=office_key,
        office_text=office_text,
        person_key=key,
        person_text=person_text,
        start=first,
        end=first + len(person_text),
    )


def extract_offices(span) -> tuple[OfficeClaim, ...]:
    """Office-holder claims in one sentence (a spaCy Span or Doc); offsets relative to the sentence."""
    tokens = list(span)
    if not tokens or _SUCCESSION.search(span.text):
        return ()
    base = tokens[0].idx
    claims: dict[tuple[str, str], OfficeClaim] = {}

    def add(claim):
        if claim and (claim.office_key, claim.person_key) not in claims:
            claims[(claim.office_key, claim.person_key)] = claim

    for i, tok in enumerate(tokens):
        # Title before the name: "[org] Title Name" and "[org's] Title, Name".
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is not None and (_is_title_word(nxt) and _lower(nxt) not in _INNER_ONLY or nxt.text == "-" and not tok.whitespace_):
            run_start = None  # the title goes on: the run is taken at its last word
        else:
            run_start = _title_run_ending_at(tokens, i)
        if run_start is not None and not _is_not_current(tokens, run_start, i):
            org_text, org_start = _organisation_before(tokens, run_start)
            after_org, name_at = _organisation_after(tokens, i)
            if after_org and not org_text:
                org_text = after_org
            if after_org:
                if name_at < len(tokens) and tokens[name_at].text == "(":  # "(EU)" after the organisation
                    close = next((k for k in range(name_at, min(name_at + 6, len(tokens))) if tokens[k].text == ")"), None)
                    name_at = close + 1 if close is not None else name_at
            if name_at < len(tokens) and tokens[name_at].text == ",":
                lead = org_start - 1
                if lead >= 0 and _lower(tokens[lead]) in ("the", "a", "an"):
                    lead -= 1
                if lead >= 0 and tokens[lead].text == ",":
                    name_at = len(tokens)  # "Name, Title of Org, ..." is an apposition, read below
                else:
                    name_at += 1
            name_end = _name_from(tokens, name_at) if name_at < len(tokens) else None
            if name_end is not None:
                add(_claim(tokens, base, run_start, i, org_text, name_at, name_end, org_after=org_text == after_org != ""))
        # Name before the title: "Name, [the] [org('s)] Title [of org]".
        if tok.text == "," and i > 0:
            name_start = _name_ending_at(tokens, i)
            if name_start is None:
                continue
            j = i + 1
            if j < len(tokens) and _lower(tokens[j]) in ("the", "a", "an"):
                j += 1
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
            if _is_not_current(tokens, k, k):
                continue
            run_end = _title_run_starting_at(tokens, k)
            if run_end is None:
                continue
            if run_end + 1 < len(tokens) and _name_from(tokens, run_end + 1):
                continue  # "Name, President Other": the title belongs to the name after it
            after_org, _ = _organisation_after(tokens, run_end)
            add(_claim(tokens, base, k, run_end, org_text or after_org, name_start, i, org_after=not org_text and bool(after_org)))
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
