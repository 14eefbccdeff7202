"""Checks shared by the ingest tests."""
from __future__ import annotations

from pathlib import Path

from claimcheck.records import Article, Block

SINGLE_QUOTES = "'\u2018\u2019\u201a\u201b\u2032"
DOUBLE_QUOTES = '"\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb'


def assert_offsets_exact(text: str, blocks: tuple[Block, ...]) -> None:
    """Every block character maps to the same character in `text`, or to what the cleaner normalised."""
    for block in blocks:
        previous = -1
        for i, ch in enumerate(block.text):
            j = block.offsets.to_original(i)
            assert j > previous, f"offsets go backwards in {block.text!r} at {i}"
            previous = j
            original = text[j]
            if ch == original:
                continue
            if ch == "'":
                assert original in SINGLE_QUOTES, (block.text, i, original)
            elif ch == '"':
                assert original in DOUBLE_QUOTES, (block.text, i, original)
            else:
                # Spaces stand for any whitespace run, and for the line break where two lines were joined.
                assert ch == " " and original.isspace(), (block.text, i, repr(original))


def assert_article_offsets_exact(article: Article) -> None:
    assert_offsets_exact(article.text, article.blocks)


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path
