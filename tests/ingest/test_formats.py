"""Each file format: where the text comes from and which metadata is kept."""
from __future__ import annotations

import json
from datetime import date

from claimcheck.ingest import read_articles

from .helpers import assert_article_offsets_exact, write

BODY = (
    "The harbour bridge in Port Avalon reopened to traffic on Tuesday after eleven weeks of repairs.\n"
    "Engineers replaced 42 steel cables, the council said.\n"
)


def read_one(path):
    articles, skipped = read_articles([str(path)])
    assert skipped == ()
    assert len(articles) == 1
    assert_article_offsets_exact(articles[0])
    return articles[0]


def test_plain_text_is_taken_as_is(tmp_path):
    article = read_one(write(tmp_path / "tern.txt", BODY))
    assert article.text == BODY
    assert (article.id, article.source, article.published, article.title) == ("tern", "tern", None, None)
    assert len(article.content_hash) == 64
    assert [b.kind for b in article.blocks] == ["paragraph", "paragraph"]


def test_markdown_front_matter_gives_metadata_under_any_alias(tmp_path):
    md = write(
        tmp_path / "bridge.md",
        "---\noutlet: The Daily Tern\ndate: 2023-03-14\nlink: https://example.org/bridge\ntitle: Bridge reopens\n---\n\n"
        "## Reopened\n\n" + BODY,
    )
    article = read_one(md)
    assert article.source == "The Daily Tern"
    assert article.published == date(2023, 3, 14)
    assert article.url == "https://example.org/bridge"
    assert article.title == "Bridge reopens"
    # The whole file is the text (line numbers match the file); blocks start after the front matter.
    assert article.text == md.read_text()
    assert [(b.kind, b.text[:10]) for b in article.blocks] == [
        ("heading", "Reopened"),
        ("paragraph", "The harbou"),
        ("paragraph", "Engineers "),
    ]


def test_markdown_with_an_unreadable_date_keeps_the_article(tmp_path):
    article = read_one(write(tmp_path / "d.md", "---\npublished: sometime last spring-ish\n---\n" + BODY))
    assert article.published is None


def test_markdown_with_broken_front_matter_is_skipped(tmp_path):
    md = write(tmp_path / "broken.md", "---\ntitle: [unclosed\n---\n" + BODY)
    articles, skipped = read_articles([str(md)])
    assert articles == ()
    assert skipped[0].reason.startswith("malformed front matter")


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour bridge reopens after repairs | The Daily Tern</title>
<meta property="og:site_name" content="The Daily Tern">
<meta property="og:url" content="https://example.org/news/bridge">
<meta property="article:published_time" content="2023-03-14T09:00:00Z">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav></header>
<main><article>
<h1>Harbour bridge reopens after repairs</h1>
<p>The harbour bridge in Port Avalon reopened to traffic on Tuesday after eleven weeks of repairs, the city council said.</p>
<p>Engineers replaced 42 steel cables and resurfaced the deck, according to a statement from the transport office.</p>
<h2>Costs rise</h2>
<p>The work cost 3.2 million euros, more than the 2.5 million first estimated, council member Mira Holt told reporters.</p>
<ul><li>Cyclists get a new protected lane on the east side.</li><li>Heavy lorries remain banned until the summer.</li></ul>
<p>&ldquo;We are glad it is finished,&rdquo; said Holt, adding that night closures may still occur.</p>
</article></main>
<aside><h3>Most read</h3><ul><li><a href="/a">Local Team Wins Cup Final</a></li><li><a href="/b">Storm Warning Issued For Coast</a></li></ul></aside>
<footer><p>Copyright 2023 The Daily Tern. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>
"""


def test_html_keeps_the_main_text_and_its_metadata(tmp_path):
    article = read_one(write(tmp_path / "bridge.html", PAGE))
    assert (article.source, article.published) == ("The Daily Tern", date(2023, 3, 14))
    assert article.url == "https://example.org/news/bridge"
    assert article.title.startswith("Harbour bridge reopens")
    for junk in ("Home", "Most read", "Cup Final", "Copyright", "Privacy"):
        assert junk not in article.text
    kinds = {b.text: b.kind for b in article.blocks}
    assert kinds["Costs rise"] == "heading"
    assert kinds["Cyclists get a new protected lane on the east side."] == "list_item"
    assert kinds['"We are glad it is finished," said Holt, adding that night closures may still occur.'] == "paragraph"


def test_json_object_list_and_ids(tmp_path):
    write(tmp_path / "single.json", json.dumps({"body": BODY, "source": "Tern Wire", "published": "14 March 2023"}))
    write(
        tmp_path / "batch.json",
        json.dumps([
            {"text": "The first item says the bridge reopened on Tuesday.", "outlet": "Gull Post"},
            {"content": "The second item says the bridge reopened on Wednesday.", "id": "gull-2"},
            {"title": "No text here"},
        ]),
    )
    articles, skipped = read_articles([str(tmp_path)])
    assert [(a.id, a.source) for a in articles] == [("batch#1", "Gull Post"), ("gull-2", "batch"), ("single", "Tern Wire")]
    assert articles[2].published == date(2023, 3, 14)
    assert articles[0].text == "The first item says the bridge reopened on Tuesday."
    assert [s.reason for s in skipped] == [
        "item 3: JSON object has no text (expected a non-empty 'text', 'body' or 'content' field)"
    ]


def test_malformed_json_names_line_and_column(tmp_path):
    bad = write(tmp_path / "bad.json", '{\n  "text": "The bridge reopened.",\n  "source": \n}\n')
    articles, skipped = read_articles([str(bad)])
    assert articles == ()
    assert skipped[0].path == str(bad)
    assert skipped[0].reason.startswith("malformed JSON at line 4, column 1")


def test_jsonl_one_object_per_line_and_bad_lines_skipped_alone(tmp_path):
    feed = write(
        tmp_path / "feed.jsonl",
        '{"text": "The bridge reopened on Tuesday.", "source": "Tern Wire"}\n'
        "{not json}\n"
        "\n"
        '{"text": "Cables were replaced on the bridge.", "date": "2023-03-15"}\n',
    )
    articles, skipped = read_articles([str(feed)])
    assert [(a.id, a.source, a.published) for a in articles] == [
        ("feed#1", "Tern Wire", None),
        ("feed#4", "feed", date(2023, 3, 15)),  # the index is the line number, so ids survive edits elsewhere
    ]
    assert [(s.path, s.reason[:26]) for s in skipped] == [(str(feed), "line 2: malformed JSON at ")]


def test_json_that_is_not_an_object_or_list_is_skipped(tmp_path):
    articles, skipped = read_articles([str(write(tmp_path / "n.json", "42"))])
    assert articles == () and "neither an object nor a list" in skipped[0].reason


def test_markdown_with_windows_line_ends_keeps_the_whole_body():
    from claimcheck.ingest.formats import parse

    text = "---\r\nsource: Lenfield Post\r\n---\r\n\r\nLENFIELD - About 600 homes flooded.\r\nMore rain is due.\r\n"
    (record,), problems, notes = parse("lenfield.md", text)
    assert problems == notes == [] and record.meta == {"source": "Lenfield Post"}
    assert text[record.body_start:].startswith("LENFIELD - About 600 homes flooded.")
