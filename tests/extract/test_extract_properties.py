"""Property tests: every extractor survives any sentence, and everything it finds is where it says.

Sentences are drawn as in tests/fuzz.py: words the extractors key on, numbers in every format (grouped
with commas, dots, spaces or Arabic separators; signs, exponents, currencies, scales, units, ranges,
fractions; Arabic-Indic, Devanagari, Bengali and full-width digits), control, invisible and right-to-left
characters, and long runs. They are tagged by the real spaCy pipeline. The default budget is small and
fixed; CLAIMCHECK_FUZZ=deep runs 2,000 fresh examples:

    CLAIMCHECK_FUZZ=deep .venv/bin/python -m pytest -q -p no:cacheprovider tests/extract/test_extract_properties.py

The tests at the end run pathological inputs under a hang guard (never a timing assertion): a megabyte
written on one line, from file to claims, and 100,000-character sentences built from patterns aimed at
the extractors' regular expressions and loops. benchmarks/pathological.py measures how their time grows.
"""
from __future__ import annotations

import math
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.extract.claims import extract_claim
from claimcheck.extract.dates import extract_dates
from claimcheck.extract.locations import read_places
from claimcheck.extract.nlp import MAX_RUN_CHARS
from claimcheck.extract.predicates import describe_all
from claimcheck.extract.quantities import extract_quantities
from claimcheck.extract.speakers import find_attribution
from claimcheck.records import Sentence
from tests.fuzz import WORDS, articles, hang_guard, long_runs, numbers, sentences

BOUNDS = {"exact", "about", "more_than", "less_than", "range", "vague"}


def fact(text: str) -> Sentence:
    return Sentence("a", 0, text, 0, len(text), 1, "fact")


def check_claim(text: str, claim) -> None:
    """Every offset a claim gives lies in the sentence and slices to the text it claims."""
    for q in claim.quantities:
        assert 0 <= q.start < q.end <= len(text) and text[q.start:q.end] == q.text
        assert math.isfinite(q.value) and q.bound in BOUNDS
        if q.low is not None and q.high is not None:
            assert q.low <= q.high
        assert q.thing_text in text
    for e in claim.entities:
        assert 0 <= e.start < e.end <= len(text) and text[e.start:e.end] == e.text
    for o in claim.offices:
        assert 0 <= o.start < o.end <= len(text) and text[o.start:o.end] == o.person_text
        assert o.person_key and "|" in o.office_key
    for d in claim.dates:
        assert 0 <= d.start < d.end <= len(text) and text[d.start:d.end] == d.text
        assert d.weekday is None or 0 <= d.weekday <= 6
    assert claim.speaker is None or claim.speaker in text


@given(sentences, st.one_of(st.none(), st.dates()))
def test_every_extractor_reads_any_sentence(nlp, text, published):
    doc = nlp(text)
    claim = extract_claim(fact(text), doc, published)
    check_claim(text, claim)
    assert extract_claim(fact(text), nlp(text), published) == claim
    places = read_places(doc, claim.entities)
    for p in places.places:
        assert 0 <= p.start < p.end <= len(doc) and text[p.char_start:p.char_end] == p.text
    attribution = find_attribution(text, claim.entities)
    if attribution:
        assert attribution.speaker.text in text[attribution.start:attribution.end]


@given(sentences, sentences, st.one_of(st.none(), st.dates()))
def test_a_sentence_inside_a_longer_text_gives_offsets_into_its_own_text(nlp, before, text, published):
    # The pipeline hands the extractors spans of a paragraph's doc, not docs of their own.
    doc = nlp(before + "\n" + text)
    span = doc.char_span(len(before) + 1, len(doc.text), alignment_mode="expand")
    if span is None or not len(span):
        return
    check_claim(span.text, extract_claim(fact(span.text), span, published))


@given(numbers, st.sampled_from(["Officials counted {} sandbags.", "The fund holds {} in cash, {} said.",
                                 "About {} people were moved to {} shelters on Monday.", "{}"]))
def test_numbers_in_every_format_are_read_without_error(nlp, number, template):
    text = template.replace("{}", number)
    doc = nlp(text)
    claim = extract_claim(fact(text), doc, None)
    check_claim(text, claim)
    assert describe_all(doc, extract_quantities(doc)) == claim.quantities


@given(st.integers(10_000, 10**12))
def test_a_figure_with_thousands_separators_reads_as_its_value(nlp, n):
    # ASCII digits only: the tagger takes some other scripts' figures for names ("２,９０７,４２５ sandbags"
    # comes out an organisation), which then are not read as figures; that is the model, not an error.
    figure = f"{n:,}"
    text = f"Officials counted {figure} sandbags after the storm."
    found = extract_quantities(nlp(text))
    assert [(q.text, q.value, q.thing) for q in found] == [(figure, n, "sandbag")]


def test_a_bracketed_figure_of_the_other_sign_keeps_its_interval_the_right_way_round(nlp):
    # Found by the interval property: the bracket inherits the bound by scaling, and a negative ratio
    # used to give low > high.
    text = "Temperatures of around -10C (14F) were recorded."
    celsius, fahrenheit = extract_quantities(nlp(text))
    assert (celsius.low, celsius.high) == (-11.0, -9.0)
    assert fahrenheit.bound == "about" and fahrenheit.low == pytest.approx(12.6) and fahrenheit.high == pytest.approx(15.4)


@given(st.text(st.sampled_from(["a", "!", '"', "(", "1", ",", ".", "-", " ", "\u0661", "\u200b"]), max_size=2000)
       | long_runs | articles)
def test_the_tokenizer_keeps_every_character_of_any_text(nlp, text):
    doc = nlp.make_doc(text)
    assert doc.text == text
    assert all(len(t.text) <= MAX_RUN_CHARS for t in doc if not t.is_space)
    if not any(len(run) > MAX_RUN_CHARS for run in text.split()):
        assert [(t.text, t.whitespace_) for t in doc] == [(t.text, t.whitespace_) for t in nlp.tokenizer.tokenizer(text)]


@given(st.sampled_from(["1000000000 days ago", "9" * 5000 + " days ago", "on Monday", "next Friday",
                        "last night", "3 May", "yesterday", "May 2024"]), st.dates())
def test_dates_resolve_against_any_publication_date(nlp, phrase, published):
    # Counting back from 1 January of year 1 (or a billion days back) names no calendar day; no error.
    for d in extract_dates(nlp(f"The depot closed {phrase}."), published):
        assert d.resolved is None or d.resolved.year >= 1


def one_megabyte_line() -> str:
    """Invented prose on one line with no sentence punctuation: figures, titles and names included."""
    rng = random.Random(7)
    words = WORDS + ["4,500", "12%", "$3.4bn", "1.2", "million", "2024", "Quayside", "Mayor", "Essel"]
    out, size = [], 0
    while size < 1 << 20:
        word = rng.choice(words).strip(".")
        out.append(word)
        size += len(word) + 1
    return " ".join(out)[: 1 << 20]


def test_a_megabyte_on_one_line_is_read_through_to_claims(nlp, tmp_path):
    from claimcheck.ingest import read_articles
    from claimcheck.pipeline import analyse
    from claimcheck.segment.sentences import MAX_SENTENCE_CHARS

    text = one_megabyte_line()
    (tmp_path / "one-line.txt").write_text(text, encoding="utf-8")
    (tmp_path / "digits.txt").write_text(("123,456,789," * 90_000)[: 1 << 20], encoding="utf-8")
    with hang_guard(240):  # the whole run takes about a minute on one core, nearly all of it spaCy's
        found, skipped = read_articles([str(tmp_path)])
        assert [a.path for a in found] == [str(tmp_path / "one-line.txt")], skipped
        assert [s.reason for s in skipped] == ["no article text left after removing page furniture"]
        claims, _ = analyse(found, nlp)
    assert len(claims) > 1000
    assert all(len(c.sentence.text) <= MAX_SENTENCE_CHARS for c in claims)
    for claim in claims:
        assert text[claim.sentence.start] == claim.sentence.text[0]
        assert text[claim.sentence.end - 1] == claim.sentence.text[-1]
    assert any(c.quantities for c in claims)


PATHOLOGICAL = {
    "one word": "abcdefghij",
    "digits and commas": "1,2,3,4,",
    "numbers": "1, 22, 4,444, ",
    "number words": "one two three twenty-five hundred and ",
    "dash chains": "1-2-3-",
    "ranges": "3-5 between 3 and 5 from 4 to 6 ",
    "money and bounds": "more than $5bn, about \u20ac6m, up to 7 km, ",
    "vague amounts": "thousands hundreds tens of thousands ",
    "dates": "Monday 12 June 2024, every Friday, 3 days ago, ",
    "capitalised words": "Aaa Bbb Ccc ",
    "initials": '"a b c d" said A. B. ',
    "title words": "Deputy Minister of ",
    "names and titles": "Aaa Bbb, the mayor, ",
    "places": "in Aaa, Bbb town of Ccc near Ddd ",
    "quotes": '"',
    "brackets": "([{",
    "punctuation": "!?.,;:",
    "right-to-left": "\u202e\u0642\u0627\u0644 \u0661\u066c\u0662\u0663\u0664 \u05e9\u05dc\u05d5\u05dd ",
}


@pytest.mark.parametrize("unit", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_extractors_finish_on_a_long_pathological_sentence(nlp, unit):
    # 100,000 characters as one sentence (tokens only, no tagger: the point is the extractors' own
    # patterns and loops). Each used to re-read the sentence for every figure, word or entity in it.
    text = (unit * (100_000 // len(unit) + 1))[:100_000]
    doc = nlp.make_doc(text)
    with hang_guard(120):  # a few seconds at most now; hours when a pattern was quadratic
        claim = extract_claim(fact(text), doc, None)
        read_places(doc)
    check_claim(text, claim)
