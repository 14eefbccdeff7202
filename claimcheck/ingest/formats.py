"""Per file format: decoded text -> the article records it holds (text plus raw metadata)."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

from claimcheck.ingest.skip import Unreadable

TEXT_FIELDS = ("text", "body", "content")


@dataclass(frozen=True)
class Record:
    text: str  # becomes Article.text: every offset points into it
    meta: dict = field(default_factory=dict)
    body_start: int = 0  # where cleaning starts (after Markdown front matter)
    index: int | None = None  # 1-based position in a JSON list, or line number in a JSONL file
    where: str = ""  # "item 3" / "line 3" for records of a multi-record file, for messages


def parse(path: str, text: str) -> tuple[list[Record], list[str]]:
    """The records in one file, and a reason for each record that had to be left out.

    Raises Unreadable when the file as a whole yields nothing."""
    ext = os.path.splitext(path)[1].lower()
    if ext in (".md", ".markdown"):
        return [_markdown(text)], []
    if ext in (".html", ".htm"):
        return [_html(text)], []
    if ext == ".json":
        return _json(text)
    if ext == ".jsonl":
        return _jsonl(text)
    return [Record(text)], []


def _markdown(text: str) -> Record:
    import frontmatter  # imported here: each format pays only for its own parser

    if _nested_too_deep(text):
        raise Unreadable(f"malformed front matter: nested more than {MAX_NESTING:,} levels deep")
    try:
        meta, content = frontmatter.parse(text)
    except Exception as e:  # YAML, TOML and JSON front matter parsers raise their own error types
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise Unreadable(f"malformed front matter: {first}") from None
    if not content.strip():
        raise Unreadable("no text after the front matter")
    # The whole file stays Article.text (so line numbers match the file); the body is its stripped tail.
    return Record(text, meta if isinstance(meta, dict) else {}, body_start=_body_start(text, content))


def _body_start(text: str, content: str) -> int:
    """Where the body begins in the file as written. Found from the closing delimiter in `text` itself, not
    from the parsed body's length: the parser turns CRLF line ends into LF, which would shift it."""
    import frontmatter

    handler = frontmatter.detect_format(text, frontmatter.handlers)
    boundary = getattr(handler, "FM_BOUNDARY", None)
    parts = boundary.split(text, 2) if boundary is not None else []
    if len(parts) == 3:
        rest = parts[2]
        return len(text) - len(rest) + (len(rest) - len(rest.lstrip()))
    return len(text.rstrip()) - len(content)


def _html(text: str) -> Record:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            text, include_comments=False, include_tables=False, with_metadata=True
        )
    except Exception as e:  # lxml and trafilatura raise assorted errors on broken markup
        raise Unreadable(f"could not parse HTML ({type(e).__name__})") from None
    if doc is None or not (doc.text or "").strip():
        raise Unreadable("no article text found in the HTML")
    meta = {"title": doc.title, "published": doc.date, "url": doc.url, "source": doc.sitename}
    return Record(doc.text, {k: v for k, v in meta.items() if v})


def _json(text: str) -> tuple[list[Record], list[str]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise Unreadable(f"malformed JSON at line {e.lineno}, column {e.colno}: {e.msg}") from None
    except RecursionError:
        raise Unreadable("JSON nested too deeply to read") from None
    if isinstance(data, dict):
        record = _from_object(data, None, "")
        if isinstance(record, str):
            raise Unreadable(record)
        return [record], []
    if not isinstance(data, list):
        raise Unreadable("JSON holds neither an object nor a list of objects")
    if not data:
        raise Unreadable("empty JSON list")
    return _collect(_from_object(obj, i, f"item {i}") for i, obj in enumerate(data, 1))


def _jsonl(text: str) -> tuple[list[Record], list[str]]:
    results = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            results.append(f"line {n}: malformed JSON at column {e.colno}: {e.msg}")
            continue
        except RecursionError:
            results.append(f"line {n}: JSON nested too deeply to read")
            continue
        results.append(_from_object(obj, n, f"line {n}"))
    return _collect(results)


def _collect(results) -> tuple[list[Record], list[str]]:
    records, problems = [], []
    for r in results:
        (problems if isinstance(r, str) else records).append(r)
    return records, problems


def _from_object(obj, index: int | None, where: str) -> Record | str:
    """A record, or the reason (a string) why this object is not an article."""
    prefix = f"{where}: " if where else ""
    if not isinstance(obj, dict):
        return f"{prefix}not a JSON object"
    for name in TEXT_FIELDS:
        value = obj.get(name)
        if isinstance(value, str) and value.strip():
            meta = {k: v for k, v in obj.items() if k not in TEXT_FIELDS}
            return Record(value, meta, index=index, where=where)
    return f"{prefix}JSON object has no text (expected a non-empty 'text', 'body' or 'content' field)"


# Front matter nested deeper than this is refused unread: PyYAML's C parser recurses once per level, and
# near 100,000 levels ("[[[[...") it overflows the stack and kills the process instead of raising.
MAX_NESTING = 1_000


def _nested_too_deep(text: str) -> bool:
    import frontmatter

    text = text.strip()  # as frontmatter.parse finds and splits it
    handler = frontmatter.detect_format(text, frontmatter.handlers)
    try:
        front = handler.split(text)[0] if handler is not None else ""
    except ValueError:
        return False
    if front.count("[") + front.count("{") <= MAX_NESTING:
        return False
    depth = deepest = 0
    for ch in front:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth = max(0, depth - 1)
    return deepest > MAX_NESTING
