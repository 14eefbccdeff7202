"""Very large inputs: a book is read, a 50 MB dump is skipped at once with its size and the limit."""
from __future__ import annotations

import json

import pytest

from claimcheck.config import load_config
from claimcheck.errors import ClaimcheckError
from claimcheck.ingest import MAX_ARTICLE_CHARS, read_articles
from claimcheck.records import Skipped

from .helpers import write

STORY = "The ferry to Lund Island resumed service on Friday after a week of storms.\n"


def book(chars: int) -> str:
    """Distinct paragraphs (the cleaner drops repeated lines as page furniture) up to `chars` characters."""
    paragraphs, size, n = [], 0, 0
    while size < chars:
        n += 1
        line = (f"On day {n} of the voyage the ferry carried {n * 7} passengers and {n % 40} cars to Lund Island, "
                f"and the crew logged {n * 3} miles in fair weather.\n\n")
        paragraphs.append(line)
        size += len(line)
    return "".join(paragraphs)


def test_a_book_length_file_is_read(tmp_path):
    text = book(1_100_000)  # about a 400-page book
    articles, skipped = read_articles([str(write(tmp_path / "book.txt", text))])
    assert skipped == ()
    assert len(articles[0].text) == len(text) and len(articles[0].blocks) > 5_000


def test_a_50_mb_file_is_skipped_without_being_cleaned_and_the_rest_is_read(tmp_path):
    big = tmp_path / "dump.txt"
    big.write_bytes((book(100_000).encode("utf-8") * 500)[:50_000_000])  # 50 MB of plausible prose
    small = write(tmp_path / "story.txt", STORY)

    articles, skipped = read_articles([str(big), str(small)])

    assert [a.path for a in articles] == [str(small)]
    assert skipped == (Skipped(str(big), "article too long: 50,000,000 characters, over the limit of 2,000,000 "
                                         "(max_article_chars in the config raises it)"),)


def test_the_limit_can_be_set_and_counts_each_article_of_a_collection_alone(tmp_path):
    feed = write(tmp_path / "feed.jsonl", "\n".join(json.dumps({"text": t}) for t in (STORY, STORY * 3)) + "\n")
    articles, skipped = read_articles([str(feed)], max_chars=100)
    assert [a.id for a in articles] == ["feed#1"]
    assert skipped == (Skipped(str(feed), f"line 2: article too long: {len(STORY * 3)} characters, over the limit "
                                          f"of 100 (max_article_chars in the config raises it)"),)


def test_max_article_chars_in_the_config(tmp_path):
    (tmp_path / "claimcheck.toml").write_text("max_article_chars = 5_000_000\n")
    assert load_config(tmp_path).max_article_chars == 5_000_000
    assert MAX_ARTICLE_CHARS == 2_000_000  # the default, as the README says


@pytest.mark.parametrize("value", ["0", "-1", "2.5", '"big"', "true"])
def test_max_article_chars_must_be_a_positive_whole_number(tmp_path, value):
    (tmp_path / "claimcheck.toml").write_text(f"max_article_chars = {value}\n")
    with pytest.raises(ClaimcheckError, match="max_article_chars"):
        load_config(tmp_path)
