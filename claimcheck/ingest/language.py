"""Is an article in English? The spaCy model and every extractor read English only.

py3langid (langid.py's model, shipped in its wheel: nothing is downloaded) gives each language a
probability. An article is taken for another language only when English is all but ruled out and one
other language is likely, so short, name-heavy English ("By Oskar Lindqvist", a list of results) and a
long quote in another language inside an English report stay English. Too little text to tell, or
text in no language at all (tables, code), is read as English: skipping a real article would be worse.

Most articles never need the model (loading it costs a third of a second, a sixth of a one-article check):
prose whose words are largely English function words ("the", "of", "which"...) is English, since text in
another language shares few of them. Only what this leaves open goes to py3langid.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

MIN_LETTERS = 40  # below this a guess is unreliable, and such a text is read as English
WINDOW = 2_000  # characters from the start, middle and end of a long text: enough to tell, and quick
NOT_ENGLISH = 0.01  # English less likely than this...
SURE = 0.5  # ...and another language at least this likely: the article is in that language
ALSO = 0.2  # a runner-up this likely is named too (langid tells Mandarin from Wu Chinese only so well)

# English words that carry grammar, not content. Some are words of other languages too ("in", "is", "was",
# "of"), so the test asks for many of them and for "the", which no other language writes often.
FUNCTION_WORDS = frozenset(
    "the of and to in a is that for on was with as by at from it he she his her its they their them this these "
    "those be been were are has have had will would could should not but or which who whom when where than "
    "after before into over about an said says also there what while".split())
CLEAR_WORDS = 30  # fewer words than this are left to the model
CLEAR_SHARE = 0.25  # at least this share of the words are function words...
CLEAR_THE = 0.03  # ...and this share is "the"
_WORD = re.compile(r"[a-z]+")


def not_english(text: str) -> str | None:
    """None when `text` reads as English (or is too short to tell); otherwise the reason to skip it."""
    if len(list(islice((ch for ch in text if ch.isalpha()), MIN_LETTERS))) < MIN_LETTERS:
        return None
    sample = _sample(text)
    if _plainly_english(sample):
        return None
    code, likelihood = _identifier().classify(sample)
    # "zxx" is langid's label for text in no language (tables, code); a guess of it proves nothing.
    if code in ("en", "zxx") or likelihood < SURE:  # the usual case ends here, without ranking every language
        return None
    ranked = _identifier().rank(sample)
    if dict(ranked).get("en", 0.0) >= NOT_ENGLISH:
        return None
    named = " or ".join(f"{_name(c)} ({c})" for c, p in ranked[:2] if c == code or (p >= ALSO and c != "zxx"))
    return f"written in {named}, not English: claimcheck's language model and extractors read English only"


def _plainly_english(text: str) -> bool:
    words = _WORD.findall(text.lower())
    if len(words) < CLEAR_WORDS:
        return False
    function = sum(1 for w in words if w in FUNCTION_WORDS)
    return function >= CLEAR_SHARE * len(words) and words.count("the") >= CLEAR_THE * len(words)


def _sample(text: str) -> str:
    # The whole of a long text is no better: its scores drift towards "no language" as it grows.
    if len(text) <= 3 * WINDOW:
        return text
    middle = (len(text) - WINDOW) // 2
    return "\n".join((text[:WINDOW], text[middle:middle + WINDOW], text[-WINDOW:]))


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _name(code: str) -> str:
    from babel import Locale

    return Locale("en").languages.get(code) or code
