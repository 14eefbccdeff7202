"""The file formats: every writer renders a report dict (and, if it shows them, the articles' texts by id)
to a string, and names the extension its file takes."""
from __future__ import annotations

from typing import Callable, NamedTuple

from claimcheck.report import html_writer, json_writer, markdown_writer


class Writer(NamedTuple):
    extension: str  # with the dot: ".json"
    render: Callable[..., str]  # render(data) or, with `texts`, render(data, texts)
    texts: bool = False  # whether it shows the articles' own text


WRITERS: dict[str, Writer] = {
    "json": Writer(".json", json_writer.render),
    "markdown": Writer(".md", markdown_writer.render),
    "html": Writer(".html", html_writer.render, texts=True),
}
DEFAULT_FORMATS = ("json", "markdown")


def render(writer: Writer, data: dict, report) -> str:
    """`data` in the writer's format; `report` (the Report it was built from) supplies the articles' text."""
    if writer.texts:
        return writer.render(data, {a.id: a.text for a in report.articles})
    return writer.render(data)
