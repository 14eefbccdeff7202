"""Property tests: reading and cleaning survive any text, and every offset still leads back to it.

Hypothesis draws texts full of what breaks text handling: control and invisible characters, right-to-left
marks and scripts, odd spaces and line breaks, very long words and lines, numbers in every format (see
tests/fuzz.py). The default budget is small and fixed; CLAIMCHECK_FUZZ=deep runs 2,000 fresh examples:

    CLAIMCHECK_FUZZ=deep .venv/bin/python -m pytest -q -p no:cacheprovider tests/ingest/test_ingest_properties.py
"""
from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.ingest import read_articles
from claimcheck.ingest.clean import MAX_BLOCK_CHARS, _cuts, _Line, _Paragraph, clean_text
from tests.fuzz import articles, hang_guard, long_runs, unicode_text

from .helpers import assert_article_offsets_exact, assert_offsets_exact

KINDS = {"paragraph", "heading", "list_item"}


@given(articles)
def test_cleaning_any_text_keeps_every_offset_exact(text):
    blocks = clean_text(text)
    assert_offsets_exact(text, blocks)
    for block in blocks:
        assert block.text and block.text == block.text.strip()
        assert len(block.text.splitlines()) == 1  # no line break of any kind survives inside a block
        assert len(block.text) <= MAX_BLOCK_CHARS
        assert block.kind in KINDS
    assert clean_text(text) == blocks


@given(articles, st.integers(0, 400))
def test_cleaning_after_a_header_points_only_past_it(text, start):
    start = min(start, len(text))
    blocks = clean_text(text, start)
    assert_offsets_exact(text, blocks)
    assert all(block.offsets.to_original(0) >= start for block in blocks)


@given(st.lists(st.sampled_from(["word", "Word", "négo", "x-", "-", "a1", "tions", "42", "_", " ", "é", "ß"]),
                min_size=1, max_size=12))
def test_a_paragraph_built_in_pieces_reads_as_its_joined_text(pieces):
    # The joiner keeps the text in pieces (joining them at every line was quadratic); what it reads off
    # the end must be what the one-string version read.
    paragraph = _Paragraph(_Line(pieces[0], list(range(len(pieces[0]))), len(pieces[0])))
    for piece in pieces[1:]:
        paragraph.add(piece, list(range(len(piece))))
    text = "".join(pieces)
    assert paragraph.last(1) == text[-1:] and paragraph.last(2) == text[-2:]
    assert paragraph.letters_at_end() == re.search(r"([^\W\d_]*)$", text).group(1)
    paragraph.pop()
    assert paragraph.line().text == text[:-1] and len(paragraph.pos) == len(text) - 1


@given(st.lists(st.sampled_from(["Aaa", "bb.", "Cc", "dd?", '"Ee"', "ff!", "ggggggggg", "h.", "I"]), min_size=1,
                max_size=40).map(" ".join), st.integers(2, 30))
def test_a_long_paragraph_is_cut_into_parts_no_longer_than_the_limit(text, limit):
    parts = _cuts(text, limit)
    assert all(0 < b - a <= limit for a, b in parts)
    # In order, nothing lost: between two parts there is at most the one space the cut dropped.
    assert parts[0][0] == 0 and parts[-1][1] == len(text)
    for (_, end), (start, _) in zip(parts, parts[1:]):
        assert text[end:start] in ("", " ")


def test_a_line_longer_than_a_block_is_cut_into_blocks_with_exact_offsets():
    text = "Intro line.\n" + " ".join(f"word{i} more words here" for i in range(4000)) + "\nLast line here.\n"
    blocks = clean_text(text)
    assert_offsets_exact(text, blocks)
    assert len(blocks) > 3 and max(len(b.text) for b in blocks) <= MAX_BLOCK_CHARS
    assert " ".join(b.text for b in blocks[1:-1]) == text.splitlines()[1]


def test_a_megabyte_of_hard_wrapped_lines_is_cleaned_into_paragraphs():
    # Lines that carry on the one before are joined; rebuilding the paragraph at every line made this
    # quadratic (a quarter of a megabyte took two minutes). Now about a second.
    lines = [f"the council said item {i} was paid for again and the river rose\n" for i in range(16_000)]
    text = "".join(lines)
    with hang_guard(120):
        blocks = clean_text(text)
    assert_offsets_exact(text, blocks)
    assert " ".join(b.text for b in blocks) == " ".join(text.split())


def _front_matter(meta: dict) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n"


metadata_values = st.one_of(st.none(), unicode_text, st.integers(), st.floats(allow_nan=True),
                            st.dates().map(str), st.lists(unicode_text, max_size=3), st.just("2025-13-45"))


@given(articles, articles, metadata_values, metadata_values, st.binary(max_size=200), long_runs)
def test_reading_any_files_never_fails_and_offsets_stay_exact(text, other, title, published, junk, run):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        written = {
            "plain.txt": text,
            "long-line.txt": other + run * 3,
            "front.md": _front_matter({"title": title, "published": published, "source": other[:40]}) + text,
            "item.json": json.dumps({"text": text, "title": title, "published": published}, default=str),
            "items.jsonl": "\n".join(json.dumps({"body": t, "date": published}, default=str) for t in (text, other)),
            "page.html": f"<html><head><title>{html.escape(other[:60])}</title></head>"
                         f"<body><article><p>{html.escape(text)}</p><p>{html.escape(other)}</p></article></body></html>",
        }
        for name, content in written.items():
            (root / name).write_text(content, encoding="utf-8")
        (root / "junk.txt").write_bytes(junk)
        found, skipped = read_articles([folder])
        again = read_articles([folder])
    assert (found, skipped) == again
    for article in found:
        assert_article_offsets_exact(article)
        assert article.blocks
    paths = {Path(a.path).name for a in found} | {Path(s.path).name for s in skipped}
    assert paths == set(written) | {"junk.txt"}  # every file is read or listed with a reason
    assert all(s.reason for s in skipped)


def test_front_matter_or_json_nested_a_hundred_thousand_deep_is_skipped_not_a_crash(tmp_path):
    # PyYAML's C parser overflows the stack on such front matter and kills the process, so this runs in a
    # process of its own: a crash fails the test instead of the whole session.
    nested = "[" * 100_000 + "]" * 100_000
    (tmp_path / "deep.md").write_text(f"---\ntitle: {nested}\n---\nThe ferry board met on Tuesday.\n")
    (tmp_path / "deep.json").write_text(nested)
    (tmp_path / "deep.jsonl").write_text('{"text": "The harbour board met on Monday."}\n' + nested + "\n")
    script = ("import sys; from claimcheck.ingest import read_articles; "
              "found, skipped = read_articles([sys.argv[1]]); "
              "print([a.path.rsplit('/', 1)[1] for a in found]); "
              "print(sorted((s.path.rsplit('/', 1)[1], s.reason) for s in skipped))")
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "['deep.jsonl']",
        str(sorted([("deep.json", "JSON nested too deeply to read"),
                    ("deep.jsonl", "line 2: JSON nested too deeply to read"),
                    ("deep.md", "malformed front matter: nested more than 1,000 levels deep")])),
    ]
