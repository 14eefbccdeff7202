"""Ingest: read article files into `Article` records (text, metadata, cleaned blocks).

    articles, skipped = read_articles(["news/", "extra.html"])

Nothing here raises on bad input: whatever cannot be read becomes a `Skipped` with a plain reason.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from claimcheck.ingest.clean import clean_text
from claimcheck.ingest.decode import decode
from claimcheck.ingest.discover import Found, find_inputs, read_bytes, select
from claimcheck.ingest.formats import Record, parse
from claimcheck.ingest.language import not_english
from claimcheck.ingest.metadata import parse_date, pick, text_field
from claimcheck.ingest.skip import Unreadable
from claimcheck.ingest.stamp import leading_stamp
from claimcheck.records import Article, ReadWarning, Skipped

__all__ = ["MAX_ARTICLE_CHARS", "Reading", "input_digest", "read_articles", "read_inputs", "unique_id"]

# spaCy tags about 4,000 tokens a second on one core: a 1 MB book took 3.5 minutes and 1.4 GB end to end
# on 2 cores, so this many characters (a long book, ~350,000 tokens) take several minutes, and a 50 MB file
# would take hours. A longer text is nearly always a dump or a concatenation, not an article.
# `max_article_chars` in the config raises it.
MAX_ARTICLE_CHARS = 2_000_000

Progress = Callable[[int, int], None]  # progress(files done, files in all)


def input_digest(paths: Sequence[str], include: Sequence[str] = (), exclude: Sequence[str] = (),
                 max_chars: int | None = None, follow_links_outside: bool = False,
                 progress: Progress | None = None) -> str:
    """A hash of exactly what `read_articles` would read (each file's path and bytes, and what it would skip
    while finding files), without decoding or cleaning anything: the key of a kept report. `progress` is
    called as in `read_inputs`."""
    found, skipped = find_inputs(paths, follow_links_outside)
    found, ruled_out = select(found, include, exclude)
    digest = hashlib.sha256(f"max_chars\x00{max_chars or MAX_ARTICLE_CHARS}\x00".encode())
    for s in sorted(skipped + ruled_out, key=lambda s: (s.path, s.reason)):
        digest.update(f"skipped\x00{s.path}\x00{s.reason}\x00".encode())
    for done, f in enumerate(found):
        if progress:
            progress(done, len(found))
        try:
            content = hashlib.sha256(read_bytes(f.os_path)).hexdigest()
        except Unreadable as e:
            content = f"unreadable: {e}"
        digest.update(f"file\x00{f.path}\x00{content}\x00".encode())
    if progress:
        progress(len(found), len(found))
    return digest.hexdigest()


@dataclass(frozen=True)
class Reading:
    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...]  # what was not read (a file, or a record of one), and why
    warnings: tuple[ReadWarning, ...]  # files read all the same, and what was repaired or left out to read them


def read_articles(paths: Sequence[str], include: Sequence[str] = (), exclude: Sequence[str] = (),
                  max_chars: int | None = None, follow_links_outside: bool = False
                  ) -> tuple[tuple[Article, ...], tuple[Skipped, ...]]:
    """The articles and what was skipped, as `read_inputs` reads them, for callers that do not show warnings."""
    reading = read_inputs(paths, include, exclude, max_chars, follow_links_outside)
    return reading.articles, reading.skipped


def read_inputs(paths: Sequence[str], include: Sequence[str] = (), exclude: Sequence[str] = (),
                max_chars: int | None = None, follow_links_outside: bool = False,
                progress: Progress | None = None) -> Reading:
    """`include`/`exclude` are globs (from the config) on each file's path; a file they rule out is listed in
    `skipped` with the glob, so a file named on the command line never vanishes without a word. An article
    whose text is longer than `max_chars` (None: MAX_ARTICLE_CHARS) is skipped, with its length and the limit.
    A symbolic link leading outside `paths` is skipped unless `follow_links_outside`.

    Every path, id and source derived from a file name is its shown form (ingest.names.shown_name), the
    same in every output; the name on disk is only used to read the file.

    One article found twice (same text under two names, or the same words with other whitespace, markup
    or metadata) is read once: the other copy is listed as a duplicate, so it never counts as a second
    source agreeing with the first.

    `progress(done, total)`, when given, is called with the files read so far and the files to read, before
    each file and once after the last (the caller draws it; nothing here knows of terminals)."""
    max_chars = max_chars or MAX_ARTICLE_CHARS
    found, skipped = find_inputs(paths, follow_links_outside)
    found, ruled_out = select(found, include, exclude)
    skipped.extend(ruled_out)
    articles: list[Article] = []
    warnings: list[ReadWarning] = []
    first_seen: dict[tuple[str, str], str] = {}  # ("text" or "words", hash) -> where it was first seen
    ids = _Ids()
    for done, f in enumerate(found):  # sorted by path, so "earlier" and the id suffixes are deterministic
        if progress:
            progress(done, len(found))
        try:
            decoded = decode(read_bytes(f.os_path))
            records, problems, notes = parse(f.path, decoded.text)
        except Unreadable as e:
            skipped.append(Skipped(f.path, str(e)))
            continue
        except Exception as e:  # one bad file must not stop the run; the reason still says what broke
            skipped.append(Skipped(f.path, f"could not read: {type(e).__name__}: {e}"))
            continue
        # Read all the same: the report says what was repaired, apart from what was not read at all.
        warnings.extend(ReadWarning(f.path, n) for n in (decoded.note, *notes) if n)
        skipped.extend(Skipped(f.path, p) for p in problems)
        for record in records:
            prefix = f"{record.where}: " if record.where else ""
            article, reason = _read_record(f, record, max_chars, first_seen, ids)
            if reason:
                skipped.append(Skipped(f.path, prefix + reason))
            else:
                articles.append(article)
    if progress:
        progress(len(found), len(found))
    articles.sort(key=lambda a: (a.path, a.id))
    # A bad file named on the command line and found in a folder given too is listed once.
    return Reading(tuple(articles), tuple(sorted(set(skipped), key=lambda s: (s.path, s.reason))),
                   tuple(sorted(set(warnings), key=lambda w: (w.path, w.message))))


def _read_record(f: Found, record: Record, max_chars: int, first_seen: dict[tuple[str, str], str], ids: _Ids
                 ) -> tuple[Article | None, str]:
    """The article a record holds, or why it is skipped."""
    label = f"{f.path} ({record.where})" if record.where else f.path
    if len(record.text) > max_chars:  # checked before cleaning, which would take as long as the rest
        return None, (f"article too long: {len(record.text):,} characters, over the limit of {max_chars:,} "
                      f"(max_article_chars in the config raises it)")
    content_hash = hashlib.sha256(record.text.encode("utf-8")).hexdigest()
    if ("text", content_hash) in first_seen:
        return None, f"duplicate of {first_seen['text', content_hash]}"
    first_seen["text", content_hash] = label
    stamped, body_start = leading_stamp(record.text, record.body_start)
    blocks = clean_text(record.text, body_start)
    if not blocks:
        return None, "no article text left after removing page furniture"
    # The words alone, whatever the line breaks, spacing, quotes, markup or front matter around them.
    words = hashlib.sha256(" ".join(" ".join(b.text for b in blocks).split()).encode("utf-8")).hexdigest()
    if ("words", words) in first_seen:
        return None, f"duplicate of {first_seen['words', words]} (the same text; only whitespace, markup or metadata differ)"
    first_seen["words", words] = label
    reason = not_english("\n".join(b.text for b in blocks))
    if reason:
        return None, reason
    return _article(f, record, ids.take(_base_id(f, record)), content_hash, blocks, stamped), ""


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


class _Ids:
    """Hands out unique article ids; remembers the last suffix of each base, so 10,000 files named
    index.html in 10,000 folders take linear time, not quadratic."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.next: dict[str, int] = {}

    def take(self, base: str) -> str:
        n = self.next.get(base, 1)
        candidate = base if n == 1 else f"{base}~{n}"
        while candidate in self.used:
            n += 1
            candidate = f"{base}~{n}"
        self.next[base] = n + 1
        self.used.add(candidate)
        return candidate


def _article(f: Found, record: Record, article_id: str, content_hash: str, blocks, stamped=None) -> Article:
    """`stamped`: the date stamp the text opens with, the publication date when no metadata gives one."""
    meta = record.meta
    return Article(
        id=article_id,
        path=f.path,
        source=text_field(meta, "source") or _stem(f.path),
        text=record.text,
        content_hash=content_hash,
        published=parse_date(pick(meta, "published")) or stamped,
        title=text_field(meta, "title"),
        url=text_field(meta, "url"),
        blocks=blocks,
    )
