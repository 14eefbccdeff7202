"""The output formats of `claimcheck check`: each renders the check's report dict (a report dict with a
"check" key) to text, for standard output or a file."""
from __future__ import annotations

from typing import Callable

from claimcheck.report import check_markdown, check_text, github, json_writer, sarif

CHECK_FORMATS: dict[str, Callable[[dict], str]] = {
    "text": check_text.render,  # a person at a terminal
    "json": json_writer.render,  # the report dict as is, for scripts
    "github": github.render,  # annotations in a GitHub Actions log
    "sarif": sarif.render,  # code scanning
    "markdown": check_markdown.render,  # a pull-request comment
}
