"""Golden files for every writer, and the Markdown escaping of hostile article text.

Regenerate the golden files after an intended change with:  UPDATE_GOLDEN=1 pytest tests/report
and read the diff before committing it.
"""
from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from claimcheck.records import Report
from claimcheck.report import WRITERS, report_to_dict, summary_lines
from claimcheck.report.markdown_writer import escape

GOLDEN = Path(__file__).parent / "golden"


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8", newline="")
    assert path.exists(), f"{path} is missing: run with UPDATE_GOLDEN=1 to create it"
    assert text == path.read_bytes().decode("utf-8")


@pytest.mark.parametrize("fmt", ["json", "markdown"])  # html: tests/report/test_html_writer.py
def test_writer_matches_golden(report, fmt):
    check_golden(f"report{WRITERS[fmt].extension}", WRITERS[fmt].render(report_to_dict(report)))


def test_terminal_matches_golden(report):
    check_golden("terminal.txt", "\n".join(summary_lines(report_to_dict(report))) + "\n")


def test_terminal_lists_warnings_and_errors_only(report):
    lines = summary_lines(report_to_dict(report))
    assert lines[:4] == ["3 articles read", "2 skipped:", "  in/empty.txt: no text after cleaning",
                         "  in/notes.pdf: unsupported file type .pdf"]
    assert lines[4:6] == ["1 warning (read all the same):", "  in/coast-wire.md: its last 1 byte, an incomplete "
                          "UTF-8 character (the file looks cut off); the rest was read"]
    assert lines[6] == "3 findings (1 error, 1 warning, 1 info)"
    assert lines[7] == ("[error] entity_role union spokesperson: "
                        "Tomas Aalto (al-nord, bay-herald) vs Ida Brenner (coast-wire)")
    assert lines[8].startswith("[warning] numeric passengers stranded: about 900 (bay-herald) vs")
    assert len(lines) == 9


def test_terminal_neutralises_control_characters(report):
    data = report_to_dict(report)
    data["findings"][0]["subject"] = "spokes\x1b[31mperson\u202e"
    line = summary_lines(data)[5]
    assert "\x1b" not in line and "\u202e" not in line


def test_empty_report_renders():
    data = report_to_dict(Report("0.1.0", (), (), ()))
    assert "No disagreements found." in WRITERS["markdown"].render(data)
    assert summary_lines(data) == ["0 articles read", "0 skipped", "0 findings (0 error, 0 warning, 0 info)"]


HOSTILE = "<script>alert(1)</script> | pipe | **bold** [link](http://x.example) `code` _em_ $5 and $6"


def test_escape_neutralises_markup():
    out = escape(HOSTILE)
    assert "<" not in out and ">" not in out and "&lt;script&gt;" in out
    assert "\\| pipe \\|" in out and "\\*\\*bold\\*\\*" in out
    assert "\\[link\\]" in out and "\\`code\\`" in out and "\\_em\\_" in out and "\\$5" in out
    assert escape("a\nb\r\n c") == "a b c"  # a newline would end the quote or the table row
    assert escape("# heading") == "\\# heading" and escape("- item") == "\\- item"
    assert escape("12. item") == "12\\. item" and escape("a & b") == "a &amp; b"
    assert escape("--- rule") == "\\--- rule" and escape("+ item") == "\\+ item"
    assert escape("0.1.0") == "0.1.0" and escape("-5 degrees") == "-5 degrees" and escape("#tag") == "#tag"


def test_markdown_escapes_a_hostile_sentence(report):
    union = report.findings[1]
    hostile = replace(union, subject="**spokes**|person",
                      statements=(replace(union.statements[0], sentence=HOSTILE, value="<b>Ida</b> | x"),)
                      + union.statements[1:])
    findings = tuple(hostile if f.id == union.id else f for f in report.findings)
    md = WRITERS["markdown"].render(report_to_dict(replace(report, findings=findings)))
    assert "<script>" not in md and "<b>" not in md
    assert "> &lt;script&gt;alert(1)&lt;/script&gt; \\| pipe \\| \\*\\*bold\\*\\*" in md
    assert "**&lt;b&gt;Ida&lt;/b&gt; \\| x**" in md
    # the table row for the finding keeps its five cells: the pipe in the subject is escaped
    row = next(line for line in md.splitlines() if line.startswith("| 1 |"))
    assert row.replace("\\|", "").count("|") == 6


def test_hostile_markdown_renders_as_text(report):
    """Through a real CommonMark renderer (HTML passthrough on, as on most hosts): nothing from the text is markup."""
    markdown_it = pytest.importorskip("markdown_it")
    finding = replace(report.findings[0], subject=HOSTILE, explanation="# not a heading <img src=x onerror=y>",
                      statements=tuple(replace(s, sentence="- " + HOSTILE, value="**v**")
                                       for s in report.findings[0].statements))
    md = WRITERS["markdown"].render(report_to_dict(replace(report, findings=(finding,))))
    html = markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table").render(md)
    for tag in ("<script", "<img", "<a ", "<code>", "<em>", "<h1>not"):
        assert tag not in html
    assert "<blockquote>\n<p>- &lt;script&gt;alert(1)&lt;/script&gt; | pipe | **bold**" in html  # no list
    assert "<strong>bold</strong>" not in html and "<strong>v</strong>" not in html
    assert "<strong>**v**</strong>" in html  # the value is bold, its own asterisks are text
    row = html.split("<tbody>")[1].split("</tr>")[0]
    assert row.count("<td>") == 5
