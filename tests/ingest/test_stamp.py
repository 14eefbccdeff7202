"""A page's date stamp at the top of its text is its publication date, never a sentence of the article."""
from datetime import date

import pytest

from claimcheck.ingest import read_articles
from claimcheck.ingest.stamp import leading_stamp

STAMPS = [
    (" date 2025-03-02 The river rose overnight.", date(2025, 3, 2), "The river"),
    ("Published: March 2, 2025 The river rose.", date(2025, 3, 2), "The river"),
    ("Updated 2 Mar 2025 10:15 GMT | Crews worked all night.", date(2025, 3, 2), "Crews"),
    ("Posted on Sunday, March 2, 2025 at 9:30 a.m. Crews worked.", date(2025, 3, 2), "Crews"),
]


@pytest.mark.parametrize("text,when,rest", STAMPS)
def test_a_labelled_date_at_the_top_is_a_stamp(text, when, rest):
    found, end = leading_stamp(text)
    assert found == when and text[end:].lstrip().startswith(rest)


@pytest.mark.parametrize("text", ["March 2, 2025 The river rose.", "The date 2025 was set.", "Dates 2025-03-02 x"])
def test_text_without_a_labelled_stamp_is_left_alone(text):
    assert leading_stamp(text) == (None, 0)


def test_the_stamp_dates_the_article_and_is_not_read_as_text(tmp_path):
    path = tmp_path / "river.txt"
    path.write_text(" date 2025-03-02 The river burst its banks on Sunday, officials said.\n", encoding="utf-8")
    (article,), skipped = read_articles([str(path)])
    assert article.published == date(2025, 3, 2) and not skipped
    assert all("2025-03-02" not in b.text for b in article.blocks)


def test_metadata_wins_over_the_stamp(tmp_path):
    path = tmp_path / "river.md"
    path.write_text("---\npublished: 2025-03-03\n---\ndate 2025-03-02 The river burst its banks.\n", encoding="utf-8")
    (article,), _ = read_articles([str(path)])
    assert article.published == date(2025, 3, 3)
