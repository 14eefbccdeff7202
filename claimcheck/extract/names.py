"""Normalising names of people, organisations and places, so spelling variants agree.

"Anna-Liisa Kerber", "Anna Liisa Kerber" and "anna liisa kerber" share one key; "South African", "South Africa's"
and "South Korea" share one place key. These keys group claims; they never decide a conflict alone.
"""
from __future__ import annotations

import re
import unicodedata

_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "rev", "gen", "col", "lt", "sgt"}
_POSSESSIVE = re.compile(r"(?:'s|'|’s|’)$")
_RUN_INITIALS = re.compile(r"[A-Z]{2,3}")

# Demonyms that suffix-stripping cannot tie to their country (the regular ones, such as
# "Estonian"/"Estonia", are handled by `place_key`).
_IRREGULAR_DEMONYMS = {
    "french": "france", "british": "britain", "english": "england", "dutch": "netherlands",
    "welsh": "wales", "scottish": "scotland", "irish": "ireland", "swiss": "switzerland",
    "danish": "denmark", "swedish": "sweden", "finnish": "finland", "polish": "poland",
    "spanish": "spain", "turkish": "turkey", "greek": "greece", "thai": "thailand",
    "filipino": "philippines", "philippine": "philippines", "peruvian": "peru", "norwegian": "norway",
    "icelandic": "iceland", "flemish": "flanders", "portuguese": "portugal", "us": "united states",
    "u.s.": "united states", "american": "united states", "america": "united states",
    "usa": "united states", "uk": "united kingdom", "u.k.": "united kingdom",
    "lebanese": "lebanon", "vietnamese": "vietnam", "chinese": "china", "japanese": "japan",
    "bangladeshi": "bangladesh", "pakistani": "pakistan", "israeli": "israel", "iraqi": "iraq",
    "kuwaiti": "kuwait", "qatari": "qatar", "saudi": "saudi arabia", "emirati": "united arab emirates",
    "afghan": "afghanistan", "kazakh": "kazakhstan", "uzbek": "uzbekistan", "tajik": "tajikistan",
    "kyrgyz": "kyrgyzstan", "somali": "somalia", "malagasy": "madagascar", "cypriot": "cyprus",
    "maltese": "malta", "argentine": "argentina", "argentinian": "argentina",
}
_DEMONYM_SUFFIXES = ("ians", "ian", "eans", "ean", "ans", "an", "ese", "ish", "ia", "a", "e", "i", "n", "o", "y")


def strip_possessive(name: str) -> str:
    """"Kerber's" -> "Kerber"."""
    return _POSSESSIVE.sub("", name.strip())


def fold(text: str) -> str:
    """Lowercase, accents removed, typographic quotes made plain."""
    if text.isascii():  # most words: nothing to decompose or replace
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("’", "'").replace("‘", "'").lower()


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(text))


def person_key(name: str) -> str:
    """'Anna-Liisa Kerber' -> 'anna liisa kerber'; honorifics dropped; 'AL Kerber' -> 'a l kerber'."""
    name = strip_possessive(name)
    parts = name.split()
    if len(parts) >= 2 and any(_RUN_INITIALS.fullmatch(p) for p in parts[:-1]):
        # Given names written as run-together initials read as "A L Kerber" and "A.L. Kerber" do.
        name = " ".join(" ".join(p) if i < len(parts) - 1 and _RUN_INITIALS.fullmatch(p) else p
                        for i, p in enumerate(parts))
    return " ".join(w for w in words(name) if w not in _HONORIFICS)


def _stem(word: str) -> str:
    """Strip demonym and country endings until none is left: 'germany' and 'german' both give 'germ'."""
    changed = True
    while changed:
        changed = False
        for suffix in _DEMONYM_SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word, changed = word[: -len(suffix)], True
                break
    return word


def place_key(text: str) -> str:
    """A key under which a country's name and its demonym agree: 'South African' ~ "South Africa's"."""
    text = fold(strip_possessive(text))
    text = re.sub(r"^the\s+", "", text)
    text = _IRREGULAR_DEMONYMS.get(text, text)
    parts = text.split()
    if parts and parts[-1] in _IRREGULAR_DEMONYMS:
        parts = parts[:-1] + _IRREGULAR_DEMONYMS[parts[-1]].split()
    return " ".join(parts[:-1] + [_stem(parts[-1])]) if parts else ""


def acronym(name: str) -> str:
    """Initials of the capitalised words: 'National Intelligence Service' -> 'NIS'."""
    caps = [w for w in re.findall(r"[A-Za-z][\w'-]*", name) if w[0].isupper()]
    return "".join(w[0] for w in caps).upper() if len(caps) >= 2 else ""
