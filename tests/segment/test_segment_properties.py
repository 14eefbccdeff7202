"""Property tests: sentences of any text come out whole, short enough, and pointing into the article.

The texts are drawn as in tests/fuzz.py (controls, right-to-left text, invisible characters, long runs,
numbers in every format) and go through the real cleaner and the real spaCy pipeline. The default budget
is small and fixed; CLAIMCHECK_FUZZ=deep runs 2,000 fresh examples:

    CLAIMCHECK_FUZZ=deep .venv/bin/python -m pytest -q -p no:cacheprovider tests/segment/test_segment_properties.py
"""
from __future__ import annotations

from hypothesis import given

from claimcheck.ingest.clean import clean_text
from claimcheck.records import Article
from claimcheck.segment.sentences import MAX_SENTENCE_CHARS, block_roles, segment_article, sentence_role
from tests.fuzz import articles, unicode_text

ROLES = {"fact", "heading", "question", "interview", "quote"}
# What cleaning may change in a character: typographic quotes become plain ones.
_PLAIN = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                        "\u00ab": '"', "\u00bb": '"'})


def segment(nlp, text):
    article = Article("a", "a.txt", "a", text, "h", blocks=clean_text(text))
    return [item.sentence for item in segment_article(article, [nlp(b.text) for b in article.blocks])]


def _is_subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(ch in chars for ch in short)


@given(articles)
def test_every_sentence_points_back_to_where_the_article_has_it(nlp, text):
    sentences = segment(nlp, text)
    for s in sentences:
        assert 0 <= s.start < s.end <= len(text)
        assert s.text and s.text == s.text.strip() and any(ch.isalnum() for ch in s.text)
        # The first and last characters are the article's own; in between, cleaning only dropped
        # invisible characters and line-break hyphens, joined lines and squeezed whitespace.
        assert s.text[0] == text[s.start].translate(_PLAIN)
        assert s.text[-1] == text[s.end - 1].translate(_PLAIN)
        squeezed = "".join(text[s.start:s.end].translate(_PLAIN).split())
        assert _is_subsequence("".join(s.text.split()), squeezed)
        assert s.line == text.count("\n", 0, s.start) + 1
        assert s.role in ROLES
        assert len(s.text) <= MAX_SENTENCE_CHARS
    assert [s.index for s in sentences] == list(range(len(sentences)))
    assert all(a.end <= b.start for a, b in zip(sentences, sentences[1:]))
    assert segment(nlp, text) == sentences


@given(articles)
def test_a_text_without_sentence_punctuation_is_cut_into_short_sentences(nlp, text):
    # The sentence recogniser leaves such a text as one sentence however long; the segmenter cuts it.
    line = " ".join(text.split()) + " and the council met again" * 60
    sentences = segment(nlp, line)
    assert sentences and all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    for s in sentences:
        assert line[s.start].translate(_PLAIN) == s.text[0] and line[s.end - 1].translate(_PLAIN) == s.text[-1]


@given(unicode_text)
def test_roles_are_read_from_any_text(text):
    assert sentence_role("fact", text) in ROLES
    blocks = clean_text(text)
    assert len(block_roles(blocks)) == len(blocks)
