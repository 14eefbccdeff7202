"""The file formats: every writer is a `render(report_dict) -> str` plus the extension its file takes."""
from __future__ import annotations

from typing import Callable, NamedTuple

from claimcheck.report import json_writer, markdown_writer


class Writer(NamedTuple):
    extension: str  # with the dot: ".json"
    render: Callable[[dict], str]


WRITERS: dict[str, Writer] = {
    "json": Writer(".json", json_writer.render),
    "markdown": Writer(".md", markdown_writer.render),
}
