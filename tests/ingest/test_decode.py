"""Bytes to text: encodings, and files that are not text at all."""
from __future__ import annotations

import os

import pytest

from claimcheck.ingest import read_articles, read_inputs
from claimcheck.ingest.decode import Decoded, decode, decode_text
from claimcheck.ingest.skip import Unreadable
from claimcheck.records import ReadWarning, Skipped

from .helpers import write

TEXT = "The café on Rue Verte reopened on Monday, the owner told the naïve reporter.\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        b"\xff\xfe" + TEXT.encode("utf-16-le"),
        b"\xfe\xff" + TEXT.encode("utf-16-be"),
        TEXT.encode("latin-1"),
    ],
    ids=["utf-8", "utf-8 with BOM", "utf-16-le BOM", "utf-16-be BOM", "latin-1"],
)
def test_text_decodes_the_same_whatever_the_encoding(data):
    assert decode_text(data) == TEXT  # a byte-order mark is not part of the text


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty file"),
        (b"  \n\t\r\n", "empty file"),
        (b"\xff\xfe" + " \n".encode("utf-16-le"), "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (bytes(range(1, 256)) * 3, "binary file"),  # no NUL, but no encoding makes sense of it
    ],
    ids=["empty", "whitespace", "utf-16 whitespace", "nul bytes", "noise"],
)
def test_non_text_is_refused_with_a_reason(data, reason):
    with pytest.raises(Unreadable, match=reason):
        decode_text(data)


def test_read_articles_reports_binary_and_empty_files(tmp_path):
    write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    write(tmp_path / "blank.md", b"\n\n   \n")
    write(tmp_path / "latin.txt", TEXT.encode("latin-1"))
    write(tmp_path / "wide.txt", b"\xff\xfe" + TEXT.encode("utf-16-le"))

    articles, skipped = read_articles([str(tmp_path)])

    assert sorted((os.path.basename(s.path), s.reason) for s in skipped) == [
        ("blank.md", "empty file"),
        ("image.txt", "binary file"),
        # Both decode to the same text, so the later one (in path order) is a duplicate.
        ("wide.txt", f"duplicate of {tmp_path / 'latin.txt'}"),
    ]
    assert [a.id for a in articles] == ["latin"]
    assert articles[0].text == TEXT


def test_a_file_cut_off_inside_a_character_is_read_without_it_and_said_so(tmp_path):
    data = (TEXT + "Reporting by Zoë").encode("utf-8")[:-1]  # a download cut in the middle of "ë"
    cut = write(tmp_path / "cut.txt", data)

    reading = read_inputs([str(cut)])

    assert reading.articles[0].text == TEXT + "Reporting by Zo"  # not mojibake: the rest is still UTF-8
    assert reading.skipped == ()  # read, so not skipped: a warning says what was repaired
    assert reading.warnings == (ReadWarning(str(cut), "its last 1 byte, an incomplete UTF-8 character (the file "
                                                      "looks cut off); the rest was read"),)


def test_utf16_cut_off_after_its_byte_order_mark_is_read_too():
    decoded = decode(b"\xff\xfe" + TEXT.encode("utf-16-le")[:-1])
    assert decoded.text == TEXT[:-1]
    assert "incomplete UTF-16-LE character" in decoded.note


def test_stray_windows_1252_bytes_in_utf8_are_read_as_such():
    # A UTF-8 file with one pasted Windows-1252 "é": the rest must not turn into mojibake.
    data = "The naïve owner said “thank you” on Monday. ".encode("utf-8") + b"Caf\xe9 Verte reopened."
    decoded = decode(data)
    assert decoded.text == "The naïve owner said “thank you” on Monday. Café Verte reopened."
    assert decoded.note == ("not UTF-8 in 1 place (the first at byte 52): those bytes were read as Windows-1252, "
                            "the rest as UTF-8")


def test_a_clean_file_needs_no_note():
    assert decode(TEXT.encode("utf-8")) == Decoded(TEXT)
    assert decode(TEXT.encode("latin-1")) == Decoded(TEXT)
