"""Ingest: read article files into `Article` records (text, metadata, cleaned blocks).

    articles, skipped = read_articles(["news/", "extra.html"])

Nothing here raises on bad input: whatever cannot be read becomes a `Skipped` with a plain reason.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence

from claimcheck.ingest.clean import clean_text
from claimcheck.ingest.decode import decode_text
from claimcheck.ingest.discover import Found, find_inputs, read_bytes, select
from claimcheck.ingest.formats import Record, parse
from claimcheck.ingest.metadata import parse_date, pick, text_field
from claimcheck.ingest.skip import Unreadable
from claimcheck.records import Article, Skipped

__all__ = ["input_digest", "read_articles", "unique_id"]


def input_digest(paths: Sequence[str], include: Sequence[str] = (), exclude: Sequence[str] = ()) -> str:
    """A hash of exactly what `read_articles` would read (each file's path and bytes, and what it would skip
    while finding files), without decoding or cleaning anything: the key of a kept report."""
    found, skipped = find_inputs(paths)
    found, ruled_out = select(found, include, exclude)
    digest = hashlib.sha256()
    for s in sorted(skipped + ruled_out, key=lambda s: (s.path, s.reason)):
        digest.update(f"skipped\x00{s.path}\x00{s.reason}\x00".encode())
    for f in found:
        try:
            content = hashlib.sha256(read_bytes(f.path)).hexdigest()
        except Unreadable as e:
            content = f"unreadable: {e}"
        digest.update(f"file\x00{f.path}\x00{content}\x00".encode())
    return digest.hexdigest()


def read_articles(paths: Sequence[str], include: Sequence[str] = (), exclude: Sequence[str] = ()
                  ) -> tuple[tuple[Article, ...], tuple[Skipped, ...]]:
    """`include`/`exclude` are globs (from the config) on each file's path; a file they rule out is listed in
    `skipped` with the glob, so a file named on the command line never vanishes without a word."""
    found, skipped = find_inputs(paths)
    found, ruled_out = select(found, include, exclude)
    skipped.extend(ruled_out)
    articles: list[Article] = []
    first_with_hash: dict[str, str] = {}  # content hash -> where it was first seen
    used_ids: set[str] = set()
    for f in found:  # sorted by path, so "earlier" and the id suffixes are deterministic
        try:
            records, problems = parse(f.path, decode_text(read_bytes(f.path)))
        except Unreadable as e:
            skipped.append(Skipped(f.path, str(e)))
            continue
        except Exception as e:  # one bad file must not stop the run; the reason still says what broke
            skipped.append(Skipped(f.path, f"could not read: {type(e).__name__}: {e}"))
            continue
        skipped.extend(Skipped(f.path, p) for p in problems)
        for record in records:
            label = f"{f.path} ({record.where})" if record.where else f.path
            prefix = f"{record.where}: " if record.where else ""
            content_hash = hashlib.sha256(record.text.encode("utf-8")).hexdigest()
            if content_hash in first_with_hash:
                skipped.append(Skipped(f.path, f"{prefix}duplicate of {first_with_hash[content_hash]}"))
                continue
            first_with_hash[content_hash] = label
            blocks = clean_text(record.text, record.body_start)
            if not blocks:
                skipped.append(Skipped(f.path, f"{prefix}no article text left after removing page furniture"))
                continue
            article_id = _unique(_base_id(f, record), used_ids)
            articles.append(_article(f, record, article_id, content_hash, blocks))
    articles.sort(key=lambda a: (a.path, a.id))
    skipped.sort(key=lambda s: (s.path, s.reason))
    return tuple(articles), tuple(skipped)


def _stem(path: str) -> str:
    return os.path.splitext(os.path.basename(os.path.normpath(path)))[0]


def _base_id(f: Found, record: Record) -> str:
    given = text_field(record.meta, "id")
    if given:
        return given
    return _stem(f.path) if record.index is None else f"{_stem(f.path)}#{record.index}"


def unique_id(base: str, taken) -> str:
    """`base`, or `base~2`, `base~3`... the first that `taken(candidate)` does not claim."""
    candidate, n = base, 1
    while taken(candidate):
        n += 1
        candidate = f"{base}~{n}"
    return candidate


def _unique(base: str, used: set[str]) -> str:
    candidate = unique_id(base, used.__contains__)
    used.add(candidate)
    return candidate


def _article(f: Found, record: Record, article_id: str, content_hash: str, blocks) -> Article:
    meta = record.meta
    return Article(
        id=article_id,
        path=f.path,
        source=text_field(meta, "source") or _stem(f.path),
        text=record.text,
        content_hash=content_hash,
        published=parse_date(pick(meta, "published")),
        title=text_field(meta, "title"),
        url=text_field(meta, "url"),
        blocks=blocks,
    )
