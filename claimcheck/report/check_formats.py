"""The output formats of `claimcheck check`: each renders the check's report dict (a report dict with a
"check" key) to text, for standard output or a file."""
from __future__ import annotations

from typing import Callable

from claimcheck.report import check_markdown, check_text, github, html_writer, json_writer, sarif

CHECK_FORMATS: dict[str, Callable[[dict], str]] = {
    "text": check_text.render,  # a person at a terminal
    "json": json_writer.render,  # the report dict as is, for scripts
    "github": github.render,  # annotations in a GitHub Actions log
    "sarif": sarif.render,  # code scanning
    "markdown": check_markdown.render,  # a pull-request comment
}
# Formats that also show the articles' own text: render(data, texts by article id).
PAGE_FORMATS: dict[str, Callable[[dict, dict], str]] = {
    "html": html_writer.render,  # a page an editor reads in a browser
}


def render_check(fmt: str, data: dict, report) -> str:
    """The check's output in `fmt`; `report` (the check's Report) supplies the articles' text."""
    if fmt in PAGE_FORMATS:
        return PAGE_FORMATS[fmt](data, {a.id: a.text for a in report.articles})
    return CHECK_FORMATS[fmt](data)
