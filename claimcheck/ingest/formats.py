"""Per file format: decoded text -> the article records it holds (text plus raw metadata)."""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field

from claimcheck.ingest.skip import Unreadable

TEXT_FIELDS = ("text", "body", "content")
# Records one .json or .jsonl file may hold: each becomes an article with its own blocks, sentences and
# claims, so memory and time follow the record count, not the bytes (a 19 MB file of a million tiny records
# grew past 14 GB). Records past this are counted and listed in one `skipped` entry, never built.
MAX_RECORDS = 10_000
# libxml2, which parses HTML for lxml and so for trafilatura, stops at this depth of nested elements (without
# its "huge" option): nothing deeper, and nothing after it, is read.
MAX_HTML_DEPTH = 256


@dataclass(frozen=True)
class Record:
    text: str  # becomes Article.text: every offset points into it
    meta: dict = field(default_factory=dict)
    body_start: int = 0  # where cleaning starts (after Markdown front matter)
    index: int | None = None  # 1-based position in a JSON list, or line number in a JSONL file
    where: str = ""  # "item 3" / "line 3" for records of a multi-record file, for messages


def parse(path: str, text: str) -> tuple[list[Record], list[str], list[str]]:
    """The records in one file, a reason for each record that had to be left out, and a note for each repair
    made to read a record all the same (its text then differs from the file's).

    Raises Unreadable when the file as a whole yields nothing."""
    ext = os.path.splitext(path)[1].lower()
    if ext in (".md", ".markdown"):
        record, notes = _markdown(text)
        return [record], [], notes
    if ext in (".html", ".htm"):
        records, notes = _html(text)
        return records, [], notes
    if ext == ".json":
        return *_json(text), []
    if ext == ".jsonl":
        return *_jsonl(text), []
    return [Record(text)], [], []


def _markdown(text: str) -> tuple[Record, list[str]]:
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
    start, notes = _past_more_front_matter(text, _body_start(text, content))
    return Record(text, meta if isinstance(meta, dict) else {}, body_start=start), notes


def _past_more_front_matter(text: str, start: int) -> tuple[int, list[str]]:
    """Where the body starts past any further front-matter blocks (two files pasted together, or an editor's
    block added above another): their keys would otherwise be read as sentences. Only the first block's
    metadata counts; each block left out is noted."""
    import frontmatter

    notes = []
    while True:
        rest = text[start:]
        handler = frontmatter.detect_format(rest, frontmatter.handlers)
        if handler is None:
            return start, notes
        try:
            front, content = handler.split(rest)
            meta = handler.load(front)
        except Exception:  # not front matter after all (a rule, then prose): the body stays as it is
            return start, notes
        if not isinstance(meta, dict) or not meta or not content.strip():
            return start, notes
        notes.append(f"a second front-matter block (line {text.count(chr(10), 0, start) + 1}) was left out of "
                     f"the article text; only the first block's metadata is used")
        start += _body_start(rest, content)


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


def _html(text: str) -> tuple[list[Record], list[str]]:
    """The record, and notes (not reasons to skip: the record is read) on what was left out of it."""
    import trafilatura

    too_deep = f"HTML nested more than {MAX_HTML_DEPTH} elements deep"
    try:
        doc = trafilatura.bare_extraction(
            text, include_comments=False, include_tables=False, with_metadata=True
        )
    except Exception as e:  # lxml and trafilatura raise assorted errors on broken markup
        raise Unreadable(f"could not parse HTML ({type(e).__name__})") from None
    cut = _nested_too_deep_html(text)
    if doc is None or not (doc.text or "").strip():
        raise Unreadable(f"{too_deep}: no article text before that depth" if cut else "no article text found in the HTML")
    meta = {"title": doc.title, "published": doc.date, "url": doc.url, "source": doc.sitename}
    notes = [f"{too_deep}: only the text before the first element that deep was read"] if cut else []
    return [Record(doc.text, {k: v for k, v in meta.items() if v})], notes


def _nested_too_deep_html(text: str) -> bool:
    """Whether the HTML parser gave up at its depth limit. trafilatura does not say so (it returns what was
    parsed, or nothing), so the text is parsed once more, as bytes (a str with an encoding declaration is
    refused). libxml2 stops at the limit, so this is linear however deep the nesting goes."""
    if text.count("<") <= MAX_HTML_DEPTH:  # too few tags to nest that deep: most short pages end here
        return False
    from lxml import etree

    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, collect_ids=False)
    try:
        etree.fromstring(text.encode("utf-8", "surrogatepass"), parser)
    except Exception:  # whatever else is wrong with the markup, trafilatura has had its say
        pass
    return any(e.type_name == "ERR_RESOURCE_LIMIT" and "depth" in e.message.lower() for e in parser.error_log)


def _json(text: str) -> tuple[list[Record], list[str]]:
    try:
        if text.lstrip(" \t\n\r").startswith("["):  # a list is read item by item: only MAX_RECORDS are kept
            return _json_list(text)
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        _malformed(text)
    if isinstance(data, dict):
        record = _from_object(data, None, "")
        if isinstance(record, str):
            raise Unreadable(record)
        return [record], []
    raise Unreadable("JSON holds neither an object nor a list of objects")


def _json_list(text: str) -> tuple[list[Record], list[str]]:
    results, over = [], _Over("item")
    for i, obj in enumerate(_list_items(text), 1):
        if i <= MAX_RECORDS:
            results.append(_from_object(obj, i, f"item {i}"))
        else:
            over.add(i)
    if not results:
        raise Unreadable("empty JSON list")
    return _collect(results, over)


def _malformed(text: str):
    """Raise Unreadable with json's own message for the whole text, the same whichever way it was read."""
    try:
        json.loads(text)
    except json.JSONDecodeError as e:
        raise Unreadable(f"malformed JSON at line {e.lineno}, column {e.colno}: {e.msg}") from None
    except RecursionError:
        raise Unreadable("JSON nested too deeply to read") from None
    raise Unreadable("malformed JSON")  # only if reading item by item and json.loads ever disagreed


_SPACE = re.compile(r"[ \t\n\r]*")  # what JSON calls whitespace
_LINE = re.compile(r"([^\r\n]*)(?:\r\n|\r|\n|$)")


def _list_items(text: str):
    """The values of the JSON list `text` holds, one at a time, so that items past the limit are never all
    in memory at once. Raises JSONDecodeError (the caller asks json for its own message) or RecursionError."""
    decoder = json.JSONDecoder()
    i = _SPACE.match(text, _SPACE.match(text).end() + 1).end()  # past "["
    if text.startswith("]", i):
        i += 1
    else:
        while True:
            obj, i = decoder.raw_decode(text, i)
            yield obj
            i = _SPACE.match(text, i).end()
            if text.startswith(",", i):
                i = _SPACE.match(text, i + 1).end()
            elif text.startswith("]", i):
                i += 1
                break
            else:
                raise json.JSONDecodeError("Expecting ',' delimiter", text, i)
    if _SPACE.match(text, i).end() != len(text):
        raise json.JSONDecodeError("Extra data", text, i)


def _jsonl(text: str) -> tuple[list[Record], list[str]]:
    results, over, count = [], _Over("line"), 0
    # Line by line, without a list or a copy of every line. \r, \n and \r\n end a line; U+2028 and the other
    # breaks str.splitlines knows may stand inside a JSON string, so they do not.
    for n, match in enumerate(_LINE.finditer(text), 1):
        line = match.group(1)
        if not line.strip():
            continue
        count += 1
        if count > MAX_RECORDS:
            over.add(n)
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
    return _collect(results, over)


class _Over:
    """The records of one file past MAX_RECORDS: counted, never built; listed as one `skipped` entry."""

    def __init__(self, unit: str) -> None:
        self.unit, self.first, self.last, self.count = unit, 0, 0, 0

    def add(self, where: int) -> None:
        self.first = self.first or where
        self.last = where
        self.count += 1

    def reason(self) -> str:
        span = f"{self.unit} {self.first:,}" if self.count == 1 else f"{self.unit}s {self.first:,} to {self.last:,}"
        return (f"{span} ({self.count:,} record{'s' if self.count > 1 else ''}) not read: over the limit of "
                f"{MAX_RECORDS:,} records in one file (split the file to read them)")


def _collect(results, over: _Over | None = None) -> tuple[list[Record], list[str]]:
    records, problems = [], []
    for r in results:
        (problems if isinstance(r, str) else records).append(r)
    if over is not None and over.count:
        problems.append(over.reason())
    return records, problems


def _from_object(obj, index: int | None, where: str) -> Record | str:
    """A record, or the reason (a string) why this object is not an article."""
    prefix = f"{where}: " if where else ""
    if not isinstance(obj, dict):
        return f"{prefix}not a JSON object"
    for name in TEXT_FIELDS:
        value = obj.get(name)
        if isinstance(value, str) and value.strip():
            meta = {k: _whole(v) if isinstance(v, str) else v for k, v in obj.items() if k not in TEXT_FIELDS}
            return Record(_whole(value), meta, index=index, where=where)
    return f"{prefix}JSON object has no text (expected a non-empty 'text', 'body' or 'content' field)"


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _whole(value: str) -> str:
    """JSON may escape half a surrogate pair ("\\udcff"): no UTF-8 writer, hash or SQLite column takes that
    character, so it becomes U+FFFD, as an undecodable byte does."""
    return _LONE_SURROGATE.sub("\ufffd", value)


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
