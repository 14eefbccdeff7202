"""HTML nested deeper than the parser goes (libxml2 stops at 256 elements): said so, not "no article text"."""
from __future__ import annotations

import json

from claimcheck.ingest import read_articles
from claimcheck.ingest.formats import MAX_HTML_DEPTH
from tests.conftest import run_cli
from tests.fuzz import hang_guard

from .helpers import write

PARAGRAPH = ("<p>The lighthouse keeper of Corrow Point, Elsa Brenn, said the lamp failed twice during the gale on "
             "Friday night. A relief crew from Harl arrived on Saturday morning.</p>")
LATER = "<p>The harbour board of Corrow will inspect the lamp housing on Monday, Elsa Brenn said.</p>"


def page(body: str) -> str:
    return f"<html><head><title>Corrow Point</title></head><body><article>{body}</article></body></html>"


def nested(depth: int, inner: str) -> str:
    return "<div>" * depth + inner + "</div>" * depth


def test_html_nested_too_deep_is_skipped_or_noted_with_what_it_is(tmp_path, embedding_cache):
    folder = tmp_path / "news"
    write(folder / "deep.html", page(nested(300_000, PARAGRAPH)))
    write(folder / "partly-deep.html", page(PARAGRAPH + nested(1_000, "<p>Deep inside.</p>") + LATER))
    write(folder / "shallow.html", page(nested(200, LATER)))  # deep, but within the parser's reach

    done = run_cli("report", folder, "--out", tmp_path / "out", "--cache-dir", embedding_cache)

    assert done.returncode == 0, done.stderr
    data = json.loads((tmp_path / "out" / "report.json").read_text())
    assert sorted(a["id"] for a in data["articles"]) == ["partly-deep", "shallow"]
    reasons = {s["path"].rsplit("/", 1)[1]: s["reason"] for s in data["skipped"]}
    assert reasons["deep.html"] == "HTML nested more than 256 elements deep: no article text before that depth"
    assert "partly-deep.html" not in reasons  # read, so not skipped: a warning says what was left out
    warnings = {w["path"].rsplit("/", 1)[1]: w["message"] for w in data["warnings"]}
    assert warnings == {"partly-deep.html": "HTML nested more than 256 elements deep: only the text before the "
                                            "first element that deep was read"}
    assert "shallow.html" not in reasons


def test_the_depth_check_is_linear_however_deep_the_nesting(tmp_path):
    assert MAX_HTML_DEPTH == 256
    deep = write(tmp_path / "deep.html", page(nested(2_000_000, PARAGRAPH)))  # 22 MB
    with hang_guard(60):
        articles, skipped = read_articles([str(deep)])
    assert articles == ()
    assert [s.reason for s in skipped] == ["HTML nested more than 256 elements deep: no article text before that depth"]
