"""One article under two names is read once; the other copy is listed as a duplicate of the first."""
from __future__ import annotations

import json

from claimcheck.ingest import read_articles
from claimcheck.records import Skipped

from .helpers import write

STORY = (
    "Some 4,000 people left their homes in Lenfield on Tuesday after the River Dunmere burst its banks.\n"
    "Council leader Gwen Talbot said the county had asked for emergency funding.\n"
)
SAME_TEXT = "(the same text; only whitespace, markup or metadata differ)"


def test_a_byte_for_byte_copy_is_a_duplicate_of_the_first_name(tmp_path):
    first = write(tmp_path / "a/herald.txt", STORY)
    copy = write(tmp_path / "b/herald-copy.txt", STORY)
    articles, skipped = read_articles([str(tmp_path)])
    assert [a.path for a in articles] == [str(first)]
    assert skipped == (Skipped(str(copy), f"duplicate of {first}"),)


def test_the_same_words_with_other_whitespace_markup_or_metadata_are_a_duplicate(tmp_path):
    first = write(tmp_path / "a/herald.txt", STORY)
    copies = [
        # Windows line endings, doubled spaces and a paragraph wrapped at another width.
        write(tmp_path / "b/crlf.txt", STORY.replace("\n", "\r\n").replace(" left ", "  left ").replace(" after ", "\nafter ")),
        # Markdown with front matter naming another outlet: syndicated copy is still one report.
        write(tmp_path / "c/wire.md", f"---\nsource: Another Outlet\npublished: 2024-03-05\n---\n\n{STORY}"),
        # A web page holding the same paragraphs.
        write(tmp_path / "d/page.html", "<html><body><article>" + "".join(f"<p>{line}</p>" for line in STORY.splitlines())
              + "</article></body></html>"),
        # A no-break space is only typography.
        write(tmp_path / "e/typeset.txt", STORY.replace("Council leader", "Council\u00a0leader")),
    ]

    articles, skipped = read_articles([str(tmp_path)])

    assert [a.path for a in articles] == [str(first)]
    assert skipped == tuple(Skipped(str(c), f"duplicate of {first} {SAME_TEXT}") for c in copies)


def test_a_copy_with_a_word_changed_is_another_article(tmp_path):
    # Not a duplicate: an edited copy may be the very disagreement the tool is for (the limit of the rule).
    write(tmp_path / "a.txt", STORY)
    write(tmp_path / "b.txt", STORY.replace("4,000", "4,150"))
    articles, skipped = read_articles([str(tmp_path)])
    assert len(articles) == 2 and skipped == ()


def test_duplicates_inside_a_collection_name_the_record(tmp_path):
    feed = write(tmp_path / "feed.jsonl", "\n".join(json.dumps({"text": t}) for t in (STORY, "Other news.", STORY)))
    articles, skipped = read_articles([str(feed)])
    assert [a.id for a in articles] == ["feed#1", "feed#2"]
    assert skipped == (Skipped(str(feed), f"line 3: duplicate of {feed} (line 1)"),)
