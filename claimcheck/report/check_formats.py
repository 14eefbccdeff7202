"""The output formats of `claimcheck check`: each renders the check's report dict (a report dict with a
"check" key) to text, for standard output or a file."""
from __future__ import annotations

from typing import Callable

from claimcheck.report import check_markdown, check_text, github, json_writer, sarif
from claimcheck.report.writers import WRITERS, Writer, render

CHECK_FORMATS: dict[str, Callable[[dict], str]] = {
    "text": check_text.render,  # a person at a terminal
    "json": json_writer.render,  # the report dict as is, for scripts
    "github": github.render,  # annotations in a GitHub Actions log
    "sarif": sarif.render,  # code scanning
    "markdown": check_markdown.render,  # a pull-request comment
}
# Formats that also show the articles' own text: the report's own writers, given the texts by writers.render.
PAGE_FORMATS: dict[str, Writer] = {
    "html": WRITERS["html"],  # a page an editor reads in a browser
}


def render_check(fmt: str, data: dict, report) -> str:
    """The check's output in `fmt`; `report` (the check's Report) supplies the articles' text."""
    if fmt in PAGE_FORMATS:
        return render(PAGE_FORMATS[fmt], data, report)
    return CHECK_FORMATS[fmt](data)
