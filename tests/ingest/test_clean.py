"""Cleaning an article's text into blocks, with offsets that lead back to the original."""
from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.ingest import read_articles
from claimcheck.ingest.clean import clean_text

from .helpers import assert_article_offsets_exact, assert_offsets_exact

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def blocks(text: str) -> list[tuple[str, str]]:
    result = clean_text(text)
    assert_offsets_exact(text, result)
    return [(b.kind, b.text) for b in result]


def texts(text: str) -> list[str]:
    return [t for _, t in blocks(text)]


# --- normalising ---------------------------------------------------------------------------------

def test_quotes_and_spaces_are_normalised():
    text = "  \u201cWe will rebuild,\u201d\tthe mayor\u00a0said \u2018firmly\u2019  on Tuesday.  \n"
    assert texts(text) == ["\"We will rebuild,\" the mayor said 'firmly' on Tuesday."]


def test_dashes_stay_and_invisible_characters_go():
    text = "The road \u2014 closed since May \u2014 reopens in June; the toll is 2\u20133 euros.\n"
    assert texts(text) == [text.strip()]
    assert texts("The coun\u00adcil met\u200b on Monday.\n") == ["The council met on Monday."]


def test_offsets_point_back_into_the_original_text():
    text = "Intro line here.\r\n\r\n  \u2022  Officials  counted 12 boats.\r\nThe port re\nopened on Friday.\n"
    result = clean_text(text)
    assert_offsets_exact(text, result)
    item = result[1]
    assert item.text == "Officials counted 12 boats."
    start = item.offsets.to_original(0)
    assert text[start:].startswith("Officials")
    # The end of a block maps to the end of its text in the original.
    assert text[: item.offsets.to_original(len(item.text))].endswith("12 boats.")


def test_cleaning_can_start_after_a_header():
    text = "header: ignored\n---\nThe body starts here.\n"
    result = clean_text(text, start=text.index("The body"))
    assert [b.text for b in result] == ["The body starts here."]
    assert_offsets_exact(text, result)


# --- rejoining lines -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, joined",
    [
        ("Talks on a new trade deal will continue as the negotia\ntions resume next week.\n",
         "Talks on a new trade deal will continue as the negotiations resume next week."),
        ("The minister announce\ns her plans on Friday.\n",
         "The minister announces her plans on Friday."),
        ("The plan covers the recon-\nstruction of the old pier.\n",
         "The plan covers the reconstruction of the old pier."),
        ("She is a well-\nknown engineer.\n",
         "She is a well-known engineer."),
    ],
    ids=["broken word", "broken suffix", "line-break hyphen", "compound hyphen kept"],
)
def test_words_broken_across_lines_are_rejoined(text, joined):
    assert texts(text) == [joined]


def test_a_sentence_carried_on_to_the_next_line_becomes_one_paragraph():
    text = "The mayor said the budget for the\nharbour would grow, and the\nimportance of ferries was clear.\n"
    assert blocks(text) == [
        ("paragraph", "The mayor said the budget for the harbour would grow, and the importance of ferries was clear.")
    ]


def test_two_real_words_are_not_glued_together():
    assert texts("The crowd walked in\nto the hall at noon.\n") == ["The crowd walked in to the hall at noon."]


def test_each_finished_line_is_its_own_block():
    text = "The ferry left at nine.\nIt arrived at noon.\n\nPassengers cheered.\n"
    assert texts(text) == ["The ferry left at nine.", "It arrived at noon.", "Passengers cheered."]


# --- page furniture ------------------------------------------------------------------------------

ARTICLE = """Skip to content
Quick access to search Direct access to the menu
Home | World | Business
Ferry service to Lund Island resumes
The ferry to Lund Island resumed service on Friday after a week of storms, the operator said.
Share this article
Advertisement
About 300 passengers made the first crossing, according to the harbour master.
Comments (12)
* * *
desk-2024-0117@example.org
https://example.org/ferry
Read more
The operator will add two extra crossings on weekends.
Most read
  \u2022 Local Team Wins Cup Final
  \u2022 Storm Warning Issued For Coast
[News] Top Stories
  \u2022 New Bridge Opens Downtown
  \u2022 Museum Reopens After Flood
[News] Top Stories
  \u2022 New Bridge Opens Downtown
  \u2022 Museum Reopens After Flood
Sign up for our newsletter
Comments7
Share it on social media...
"""


def test_page_furniture_is_dropped():
    assert blocks(ARTICLE) == [
        ("heading", "Ferry service to Lund Island resumes"),
        ("paragraph", "The ferry to Lund Island resumed service on Friday after a week of storms, the operator said."),
        ("paragraph", "About 300 passengers made the first crossing, according to the harbour master."),
        ("paragraph", "The operator will add two extra crossings on weekends."),
    ]


def test_a_repeated_sentence_keeps_its_first_appearance():
    text = "The mayor said the port is safe.\nRepairs took eleven weeks.\nThe mayor said the port is safe.\n"
    assert texts(text) == ["The mayor said the port is safe.", "Repairs took eleven weeks."]


def test_sentence_bullets_are_list_items_without_their_marker():
    text = (
        "The council agreed to:\n"
        "- widen the harbour entrance by ten metres.\n"
        "* Repair the north pier before winter.\n"
        "\u2022 keep the night ferry running\n"
        "2. Publish the costs every quarter.\n"
    )
    assert blocks(text) == [
        ("paragraph", "The council agreed to:"),
        ("list_item", "widen the harbour entrance by ten metres."),
        ("list_item", "Repair the north pier before winter."),
        ("list_item", "keep the night ferry running"),
        ("list_item", "Publish the costs every quarter."),
    ]


def test_headline_bullets_not_under_furniture_are_kept_as_headings():
    text = "Coverage so far:\n- Ferry Service Resumes After Storms\n- Harbour Master Counts Passengers\n"
    assert [k for k, _ in blocks(text)] == ["paragraph", "heading", "heading"]


# --- headings ------------------------------------------------------------------------------------

def test_headings():
    text = (
        "# Storm Season\n"
        "Costs rise\n"
        "The repairs cost 3.2 million euros.\n"
        "\u201cA Hard Winter\u201d\n"
        "Officials expect more storms.\n"
        "By Ana Ruiz\n"
        "The last line has no full stop but is long enough to be a sentence of the article\n"
    )
    assert [k for k, _ in blocks(text)] == [
        "heading",  # Markdown heading, marker removed
        "heading",  # short, unpunctuated, followed by text
        "paragraph",
        "heading",  # Title Case in quotes
        "paragraph",
        "heading",  # a byline
        "paragraph",  # long and last: a sentence missing its full stop
    ]
    assert texts(text)[0] == "Storm Season"


def test_a_line_ending_in_a_colon_is_not_a_heading():
    assert blocks("He said:\n\u201cWe are ready.\u201d\n") == [("paragraph", "He said:"), ("paragraph", '"We are ready."')]


# --- the seed articles ---------------------------------------------------------------------------

@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed articles not available")
def test_seed_articles():
    articles, _ = read_articles([str(SEEDS)])
    assert len(articles) == 5
    for article in articles:
        assert article.blocks
        assert_article_offsets_exact(article)
        for block in article.blocks:
            for junk in ("Comments0", "[Latest]", "Share it on"):
                assert junk not in block.text
    assert any("collaborative efforts" in b.text for a in articles for b in a.blocks)
