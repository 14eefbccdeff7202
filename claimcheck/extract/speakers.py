"""Who a sentence attributes its words to, and which words: the speaker finder.

News copy attributes in a handful of shapes, and this module knows them by their punctuation:
  "We will reopen the pier," said Mayor Lena Brandvik.       quote, then verb + speaker
  "We will reopen the pier," Brandvik told reporters.        quote, then speaker + verb
  Brandvik said: "We will reopen the pier."                  speaker + verb, then the quote
  The pier will reopen in May, a council spokesperson said.  reported, attribution at the end
  Brandvik said the pier would reopen in May.                reported, attribution first
  According to the council, the pier will reopen in May.     "according to", either end
The speaker is described as well as found: a person's name, a role ("the mayor"), an organisation
("the Harbour Board"), or a pronoun or vague crowd ("officials") that names nobody. What each kind may
stand for is decided by the comparators, which see the whole corpus.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from claimcheck.extract.names import fold, person_key
from claimcheck.extract.offices import TITLE_HEADS, TITLE_MODIFIERS
from claimcheck.records import Entity

# Verbs that attribute words to a speaker. "called"/"described" take partial quotes ("called it 'a mess'").
SPEECH_VERBS = (
    "said|says|say|told|tells|added|adds|stated|states|explained|insisted|warned|announced|noted|stressed|"
    "emphasised|emphasized|claimed|claims|declared|confirmed|confirms|denied|denies|admitted|acknowledged|"
    "argued|promised|pledged|vowed|wrote|writes|tweeted|posted|replied|responded|recalled|remarked|"
    "conceded|maintained|predicted|complained|urged|asserted|reiterated|cautioned|observed|testified|"
    "estimated|reported|called|described|suggested|disclosed|revealed|assured|told reporters"
)
# Up to two helpers before the verb: "has also reported", "had earlier said".
_VERB = rf"(?:(?:(?:has|had|have|also|later|then|previously|again|earlier) ){{0,2}}(?:{SPEECH_VERBS}))"

# Words that make a speaker a role, an organisation or no one in particular.
ROLE_WORDS = set(TITLE_HEADS) | {
    "spokesperson", "spokesman", "spokeswoman", "official", "officer", "source", "aide", "adviser",
    "advisor", "engineer", "manager", "lawyer", "attorney", "inspector", "chief", "owner", "founder",
    "analyst", "expert", "witness", "resident", "worker", "employee", "member", "negotiator", "researcher",
    "scientist", "doctor", "paramedic", "firefighter", "trooper", "detective", "lieutenant", "sergeant",
    "constable", "colonel", "general", "admiral", "councillor", "councilor", "lawmaker", "legislator",
    "senator", "mp", "congressman", "congresswoman", "deputy", "coordinator", "organiser", "organizer",
}
ORG_WORDS = {
    "police", "company", "firm", "ministry", "department", "council", "authority", "authorities",
    "agency", "government", "administration", "office", "service", "board", "commission", "committee",
    "union", "association", "federation", "institute", "university", "hospital", "court", "army", "navy",
    "military", "force", "forces", "group", "corporation", "corp", "inc", "ltd", "plc", "bank", "party",
    "parliament", "cabinet", "embassy", "council's", "company's", "operator", "utility", "network",
    "station", "airline", "railway", "railways", "trust", "foundation", "bureau", "directorate", "watchdog",
    "regulator", "prosecutors", "coastguard", "brigade", "municipality", "county", "city", "state",
}
# Speakers that name nobody: no comparator can tell whether two of them are one.
VAGUE = {
    "officials", "authorities", "sources", "witnesses", "residents", "experts", "analysts", "reports",
    "critics", "observers", "people", "locals", "neighbours", "neighbors", "others", "some", "many",
    "media", "spokespeople", "representatives", "organisers", "organizers", "workers", "staff",
    "investigators", "rescuers", "diplomats", "campaigners", "activists", "survivors", "families",
}
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}
# Words that say "the same role": the comparators compare role heads, not their spellings.
_SAME_ROLE = {"spokesman": "spokesperson", "spokeswoman": "spokesperson", "chairman": "chair",
              "chairwoman": "chair", "chairperson": "chair", "councilor": "councillor", "advisor": "adviser"}
# Roles that speak for an organisation rather than hold a post of their own.
MOUTHPIECES = {"spokesperson", "official", "source", "representative", "aide", "adviser", "officer",
               "member", "employee", "worker", "staff"}

_CAP = r"[A-Z][\w'’.-]*"
_PARTICLE = r"(?:von|van|der|den|de|da|del|della|di|du|al|el|bin|ibn|la|le|dos|das)"
# A name runs to a dozen words at most: reading no further keeps a long run of capitalised words (or of
# initials, "A. B. C.") from being read again from every place a speaker may start.
_NAME = rf"{_CAP}(?: (?:{_CAP}|{_PARTICLE}(?= [A-Z]))){{0,11}}"
_DET = r"(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)"
# Words that end a speaker phrase rather than belong to it: auxiliaries, negation, verbs of saying.
_NOT_IN_SPEAKER = (
    r"(?:is|are|was|were|be|been|has|have|had|do|does|did|will|would|can|could|may|might|must|should|shall|"
    rf"not|never|no|also|then|later|previously|again|that|which|who|whose|to|and|but|or|{SPEECH_VERBS})\b"
)
_WORD = rf"(?!{_NOT_IN_SPEAKER})[\w'’-]+"
_LOWER = rf"(?!{_NOT_IN_SPEAKER})(?![a-z]+ed\b)[a-z][\w'’-]*"  # "the council rejected" is no speaker
# The shapes a speaker takes, longest first so a regex alternation prefers them.
_SPEAKER = (
    rf"(?:(?:{_NAME} )?(?:{_LOWER} ){{0,2}}{_LOWER} {_NAME}"  # Harbour Board spokesman Tor Vik / police chief Ada Lind
    rf"|{_DET} (?:{_WORD} ){{0,5}}?{_LOWER}(?: (?:for|of|at|from|with) (?:the )?{_NAME})?"  # the mayor / a spokesperson for X
    # Brandvik / the Harbour Board / Lumo officials / Lumo state news agency / the Office for Relief Work
    rf"|(?:[Tt]he )?{_NAME}(?: (?:for|of) (?:the )?{_NAME}){{0,2}}(?: {_LOWER}){{0,3}}"
    rf"|[Hh]e|[Ss]he|[Tt]hey|[Ww]e|[Pp]olice|[Oo]fficials|[Aa]uthorities|[Pp]rosecutors|[Ii]nvestigators"
    rf"|[Ww]itnesses|[Rr]esidents|[Ss]ources|[Ee]xperts|[Aa]nalysts|[Rr]escuers"
    rf"|(?:{_LOWER} ){{0,2}}{_LOWER})"  # after a comma: "..., union leaders said"
)


def _apposition(name: str) -> str:
    """ "Lena Brandvik, the mayor of Torvik," between a name and its verb (or after it, to the full stop);
    a relative clause or a participle ("who has led", "adding") is not one."""
    return (
        rf"(?:, (?P<{name}>(?!(?:who|which|whose|adding|saying|as|when|while|after)\b)"
        rf"(?:[Tt]he |[Aa]n? )?[A-Z]?[\w'’-]+(?: [^,\"]{{1,70}}?)?)(?:,|(?=[.!]?$)))?"
    )


_QUOTED = re.compile(r"\"([^\"]+)\"")
# What may follow an attribution at the end of a sentence: when, where and to whom, never a new clause.
_TAIL = (
    r"(?P<tail>(?: (?:on|in|at|during|late|early|this|last|yesterday|today|earlier|later|to|after|before|"
    r"when|while|reporters|journalists|[a-z]+ing)\b[^\"]{0,80})?)[.!]?$"
)

# "..., said X." / "..., X said." after the (last) quote.
_AFTER_QUOTE = re.compile(
    rf"\"\s*,?\s*(?:{_VERB} (?P<s1>{_SPEAKER})(?![\w'’-]){_apposition('a1')}|(?P<s2>{_SPEAKER}){_apposition('a2')} {_VERB}\b)"
)
# "X said: "..."" / "X told reporters on Monday, "...""
_BEFORE_QUOTE = re.compile(rf"(?:^|, |\. )(?P<s>{_SPEAKER}){_apposition('a')} {_VERB}\b[^\"]{{0,60}}?[:,]?\s*\"")
# "The pier will reopen, the mayor said." / "..., said the mayor."
_AT_END = re.compile(
    rf", (?:{_VERB} (?P<s1>{_SPEAKER}){_apposition('a1')}|(?P<s2>{_SPEAKER}){_apposition('a2')} {_VERB}){_TAIL}"
)
# "... according to the Relief Office (RO)": the body's short name may follow it in brackets.
_ACRONYM = r"(?: \([A-Z][\w.&-]{1,15}\))?"
_ACCORDING_END = re.compile(rf",? according to (?P<s>{_SPEAKER}){_ACRONYM}{_apposition('a')}{_TAIL}")
_ACCORDING_START = re.compile(rf"^According to (?P<s>{_SPEAKER}){_apposition('a')},\s+")
# "The mayor said (on Monday) (that) the pier would reopen." at the start or after an opening phrase.
_AT_START = re.compile(
    rf"(?:^|^[A-Z][^,\"]{{0,40}}, )(?P<s>{_SPEAKER}){_apposition('a')} {_VERB}\b"
    rf"(?P<mid>(?: (?!that\b)[a-z][\w'’-]*){{0,3}}?)(?: on \w+| in a statement| at a [\w ]{{1,30}}?)?,?(?: that)? "
)
_NAMING = re.compile(r"\b(?:called|described)\b")
_LEADING_JUNK = re.compile(r"^(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir) ")


@dataclass(frozen=True)
class Speaker:
    """A speaker as written, and what it names."""

    text: str  # as written: "Mayor Lena Brandvik", "a spokesperson for the Harbour Board"
    kind: str  # "person" | "role" | "org" | "pronoun" | "vague"
    person: str = ""  # person key: "lena brandvik"
    role: str = ""  # title, head last: "mayor", "deputy mayor", "spokesperson"
    org: str = ""  # organisation key: "harbour board"


@dataclass(frozen=True)
class Attribution:
    """Words a sentence attributes to a speaker."""

    speaker: Speaker
    start: int  # offsets of the speaker in the sentence's text
    end: int
    content: str  # the quoted words (direct) or the reported clause (indirect), as written
    direct: bool  # True when `content` is in quotation marks


def plain_quotes(text: str) -> str:
    """Typographic double quotes made straight, so one set of patterns fits (same length as the input)."""
    return text.translate(str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"'}))


def role_key(word: str) -> str:
    word = fold(word)
    return _SAME_ROLE.get(word, word)


def describe_speaker(text: str, entities: tuple[Entity, ...] = (), offset: int = 0, apposition: str = "") -> Speaker:
    """What a speaker phrase names. `entities` are the sentence's, `offset` where the phrase starts in it;
    `apposition` is what follows the name between commas ("Lena Brandvik, the mayor of Torvik, said")."""
    text = text.strip().rstrip(",")
    lowered = fold(text)
    if lowered in PRONOUNS:
        return Speaker(text, "pronoun")
    if lowered in VAGUE:
        return Speaker(text, "vague")
    head, org_part = _split_org(text)
    spans = [(e.start - offset, e.end - offset, e.label) for e in entities]
    runs: list[tuple[list[str], set[str]]] = []  # capitalised runs with their entity labels
    role: list[str] = []
    org: list[str] = []
    pending: list[str] = []  # title modifiers waiting for a head: "Deputy" in "Deputy Mayor"
    pos, open_run = 0, False
    for tok in _LEADING_JUNK.sub("", head).split():
        at = text.find(tok, pos)
        pos = at + len(tok)
        word = fold(tok.rstrip(",.")).removesuffix("'s")
        label = next((lab for s, e, lab in spans if s <= at < e), "")
        if word in ROLE_WORDS and label != "PERSON" and word not in ORG_WORDS:
            role.extend(pending + [word])
            pending, open_run = [], False
        elif word in TITLE_MODIFIERS and label != "PERSON" and word not in ORG_WORDS:
            pending.append(word)
            open_run = False
        elif word in ORG_WORDS or word in VAGUE:
            # An organisation word claims the capitalised run and modifiers before it: "Torvik Police".
            if open_run and runs:
                org.extend(runs.pop()[0])
            org.extend(pending + ([word] if word not in VAGUE else []))
            pending, open_run = [], False
        elif tok[:1].isupper():
            if not open_run:
                runs.append(([], set()))
            runs[-1][0].extend(pending + [word])
            runs[-1][1].add(label)
            pending, open_run = [], True
        else:
            open_run = False
    if pending and runs:
        runs[-1][0].extend(pending)  # modifiers with no head after them are part of a name: "Lumo Energy"
    people = [r for r in runs if "PERSON" in r[1] or not r[1] & _ORG_LABELS]
    if not people and len(runs) == 1 and not role and not org and _surname_like(runs[0][0], head):
        people = runs  # spaCy often tags a lone surname as an organisation: "Brandvik said"
    org.extend(w for r in runs if r not in people for w in r[0])
    org_key = " ".join(org) or person_key(org_part)
    heads = [w for w in role if w in ROLE_WORDS]
    role_text = " ".join(role_key(w) for w in role) if heads else ""
    extra = describe_speaker(apposition) if apposition else None
    if extra and extra.kind in ("role", "org"):
        role_text, org_key = role_text or extra.role, org_key or extra.org
    if people:
        return Speaker(text, "person", person=person_key(" ".join(people[-1][0])), role=role_text, org=org_key)
    if role_text:
        return Speaker(text, "role", role=role_text, org=org_key)
    if org_key:
        return Speaker(text, "org", org=org_key)
    return Speaker(text, "vague")


_ORG_LABELS = {"ORG", "GPE", "NORP", "LOC", "FAC"}


def _surname_like(words: list[str], written: str) -> bool:
    """One capitalised word that is not an acronym: more likely a surname than an organisation."""
    token = _LEADING_JUNK.sub("", written).strip()
    return len(words) == 1 and " " not in token and not token.isupper() and not written.lower().startswith("the ")


def _split_org(text: str) -> tuple[str, str]:
    found = re.search(r" (?:for|of|at|from|with) (?:the )?(.+)$", text)
    if not found:
        return text, ""
    return text[: found.start()], found.group(1)


def find_attribution(text: str, entities: tuple[Entity, ...] = ()) -> Attribution | None:
    """The speaker and the words attributed to them, or None when the sentence attributes nothing.

    A quotation that runs over several sentences leaves one quote mark in its first and last sentence:
    a lone mark at the start opens a quote that runs to the end; anywhere else it closes one that began
    before the sentence ("It is a pay cut," she said.).
    """
    plain, shift = plain_quotes(text), 0
    if plain.count('"') == 1:
        if plain.lstrip().startswith('"'):
            plain += '"'
        else:
            plain, shift = '"' + plain, 1
    quoted = list(_QUOTED.finditer(plain))
    if quoted and sum(len(m.group(1).split()) for m in quoted) >= 3:
        found = _last(_AFTER_QUOTE, plain) or _first(_BEFORE_QUOTE, plain) or _first(_AT_START, plain)
        found = found or _first(_AT_END, plain) or _first(_ACCORDING_START, plain) or _first(_ACCORDING_END, plain)
        if found:
            content = " ".join(m.group(1).strip(" ,.") for m in quoted)
            return _attribution(text, entities, found, content, True, shift)
    for pattern, content_after in ((_ACCORDING_START, True), (_AT_START, True), (_ACCORDING_END, False), (_AT_END, False)):
        m = pattern.search(plain)
        if not m:
            continue
        if _NAMING.search(m.group()):
            continue  # "called the collapse 'a disgrace'" names a thing; only its quoted words are attributed
        content = (plain[m.end():] if content_after else plain[: m.start()]).strip(" ,.;:\"")
        if len(content.split()) >= 3:
            return _attribution(text, entities, m, content, False, shift)
    return None


def _attribution(text: str, entities, m: re.Match, content: str, direct: bool, shift: int = 0) -> Attribution:
    groups = m.groupdict()
    key = next(k for k in ("s", "s1", "s2") if groups.get(k))
    start, end = m.start(key) - shift, m.end(key) - shift
    while end > start and text[end - 1] in ".,":
        end -= 1  # the full stop after "said Lena Brandvik." is not part of her name
    apposition = groups.get({"s": "a", "s1": "a1", "s2": "a2"}[key]) or ""
    speaker = describe_speaker(text[start:end], entities, start, apposition)
    return Attribution(speaker, start, end, content, direct)


def _first(pattern: re.Pattern, text: str) -> re.Match | None:
    return pattern.search(text)


def _last(pattern: re.Pattern, text: str) -> re.Match | None:
    found = None
    for found in pattern.finditer(text):
        pass
    return found


def speaker_of(text: str) -> str | None:
    """Drop-in for `claims.speaker_of`: the speaker as written, or None (also for a bare pronoun, which
    names no one without the sentences around it)."""
    found = find_attribution(text)
    return found.speaker.text if found and found.speaker.kind != "pronoun" else None
