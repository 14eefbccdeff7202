"""Expand the paths given on the command line into the files to read, and read their bytes."""
from __future__ import annotations

import errno
import os
from collections import deque
from dataclasses import dataclass
from fnmatch import fnmatchcase

from claimcheck.errors import reason
from claimcheck.ingest.names import shown_name
from claimcheck.ingest.skip import Unreadable
from claimcheck.records import Skipped

SUPPORTED = (".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl")
MB = 1024 * 1024
# Far above any article, but a JSON Lines collection may hold thousands; stops a stray dump or disk image
# filling memory. Each article's text has its own, lower limit (MAX_ARTICLE_CHARS in ingest/__init__.py).
MAX_BYTES = 50 * MB
NO_SUCH_FILE = "no such file or directory"  # the one reason that means nothing is there any more
OUTSIDE = ("symbolic link to a {} outside the paths given on the command line: not followed "
           "(--follow-links-outside or follow_links_outside in the config allows it)")


@dataclass(frozen=True)
class Found:
    path: str  # as shown (names.shown_name) of the path the user would write: given, or folder joined with the rest
    key: str  # the real path, so one file named twice (or via a link) is read once
    os_path: str  # the path to open, undecodable bytes and all; only ever used to read the file


def supported(path: str) -> bool:
    return os.path.splitext(path)[1].lower() in SUPPORTED


def find_inputs(paths, follow_links_outside: bool = False) -> tuple[list[Found], list[Skipped]]:
    """The files to read under `paths`, and what could not be looked at. A symbolic link whose target lies
    outside every given path (an article folder in a checkout linking to /etc/passwd or ../.git/config) is
    listed as skipped, not read, unless `follow_links_outside`."""
    if isinstance(paths, (str, os.PathLike)):  # one path, not a sequence of one-letter paths
        paths = [paths]
    paths = [os.fspath(p) for p in paths]
    inside = (lambda real: True) if follow_links_outside else _inside(paths)
    found: list[Found] = []
    skipped: list[Skipped] = []
    for given in paths:
        problem = _stat_problem(given)
        if problem:
            skipped.append(Skipped(shown_name(given), problem))
        elif os.path.isdir(given):
            _walk(given, found, skipped, inside)
        elif not supported(given):
            ext = os.path.splitext(shown_name(given))[1] or "(none)"
            skipped.append(Skipped(shown_name(given), f"unsupported file type {ext}; expected one of {', '.join(SUPPORTED)}"))
        elif not os.path.isfile(given):
            skipped.append(Skipped(shown_name(given), "not a regular file"))
        elif not inside(real := os.path.realpath(given)):
            skipped.append(Skipped(shown_name(given), OUTSIDE.format("file")))
        else:
            found.append(Found(shown_name(given), real, given))
    # Sort so the result does not depend on argument order; the first name of a file wins.
    unique: dict[str, Found] = {}
    for f in sorted(found, key=lambda f: (f.path, os.fsencode(f.os_path))):
        unique.setdefault(f.key, f)
    # Two names that differ only in what cannot be shown (b"caf\xff", b"caf\xfe") would read as one article
    # in every output and in the store: the first is read, the other named.
    shown: dict[str, Found] = {}
    kept = []
    for f in unique.values():
        if f.path in shown:
            skipped.append(Skipped(f.path, "its name reads the same as another file's once characters that cannot "
                                           "be shown are replaced by U+FFFD; rename one of them to read both"))
        else:
            shown[f.path] = f
            kept.append(f)
    return kept, skipped


def _inside(paths: list[str]):
    """Whether a real path lies inside the paths given: a given folder as it resolves (the user named it,
    links and all), a given file where it stands (its own link, if it is one, is not taken on trust)."""
    roots = []
    for given in paths:
        try:
            if os.path.isdir(given):
                roots.append(os.path.realpath(given))
            else:
                head, tail = os.path.split(os.path.normpath(given))
                roots.append(os.path.join(os.path.realpath(head or "."), tail))
        except (OSError, ValueError):
            continue
    prefixes = tuple(r.rstrip(os.sep) + os.sep for r in roots)
    roots = set(roots)
    return lambda real: real in roots or real.startswith(prefixes)


def select(found: list[Found], include=(), exclude=()) -> tuple[list[Found], list[Skipped]]:
    """Keep the files that match an `include` glob (when any are given) and no `exclude` glob.

    Globs are matched against the path with "/" separators, and `*` crosses folders (fnmatch), so
    "*/drafts/*" rules out every drafts folder and "*.md" keeps Markdown anywhere.
    """
    kept, ruled_out = [], []
    for f in found:
        path = f.path.replace(os.sep, "/")
        hit = next((g for g in exclude if fnmatchcase(path, g)), None)
        if hit:
            ruled_out.append(Skipped(f.path, f"excluded by the config glob {hit!r}"))
        elif include and not any(fnmatchcase(path, g) for g in include):
            ruled_out.append(Skipped(f.path, f"matches no include glob ({', '.join(map(repr, include))})"))
        else:
            kept.append(f)
    return kept, ruled_out


def _stat_problem(path: str) -> str | None:
    try:
        os.stat(path)
    except FileNotFoundError:
        return "broken link: its target does not exist" if os.path.islink(path) else NO_SUCH_FILE
    except PermissionError:
        return "permission denied"
    except OSError as e:
        if e.errno == errno.ELOOP:
            return "symbolic link loop: following its links never reaches a file or folder"
        return reason(e)
    except ValueError:  # a NUL byte in the name
        return "invalid path"
    return None


def _walk(root: str, found: list[Found], skipped: list[Skipped], inside) -> None:
    """Breadth first, each real folder once: a file reached through several links is found under its
    shortest name, and folders that link to one another cannot multiply the walk."""
    seen = {os.path.realpath(root)}
    queue = deque([(root, frozenset(seen))])  # each folder with the real paths of the folders on its way
    while queue:
        folder, ancestors = queue.popleft()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except PermissionError:
            skipped.append(Skipped(shown_name(folder), "permission denied: cannot list this folder"))
            continue
        except OSError as e:
            skipped.append(Skipped(shown_name(folder), f"cannot list folder: {reason(e)}"))
            continue
        for entry in entries:
            if entry.name.startswith("."):  # hidden entries are editor, VCS or OS files, never articles
                continue
            path = os.path.join(folder, entry.name)
            try:
                is_dir = entry.is_dir()  # follows links, hence the check on real paths below
            except OSError:  # a link loop: reported below
                is_dir = False
            if is_dir:
                real = os.path.realpath(path)
                if real in ancestors:
                    skipped.append(Skipped(shown_name(path), "directory loop: this folder links back to one that contains it"))
                elif not inside(real):
                    skipped.append(Skipped(shown_name(path), OUTSIDE.format("folder")))
                elif real not in seen:  # else its files are already found under another name
                    seen.add(real)
                    queue.append((path, ancestors | {real}))
                continue
            problem = _stat_problem(path) if supported(entry.name) or _is_link(entry) else None
            if problem:  # a broken or looping link is named whatever it is called: it may have been a folder
                skipped.append(Skipped(shown_name(path), problem))
            elif not supported(entry.name):  # other extensions inside folders are ignored silently
                continue
            elif not os.path.isfile(path):
                skipped.append(Skipped(shown_name(path), "not a regular file"))  # a FIFO or device would block or never end
            elif not inside(real := os.path.realpath(path)):
                skipped.append(Skipped(shown_name(path), OUTSIDE.format("file")))
            else:
                found.append(Found(shown_name(path), real, path))


def _is_link(entry: os.DirEntry) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return False


def read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > MAX_BYTES:
                raise Unreadable(_too_large(size))
            data = f.read(MAX_BYTES + 1)  # a file still growing cannot get past the limit either
    except PermissionError:
        raise Unreadable("permission denied: cannot read this file") from None
    except FileNotFoundError:
        raise Unreadable(NO_SUCH_FILE) from None
    except OSError as e:
        raise Unreadable(f"cannot read file: {reason(e)}") from None
    if len(data) > MAX_BYTES:
        raise Unreadable(_too_large(len(data)))
    return data


def _too_large(size: int) -> str:
    return f"file too large: {size:,} bytes, over the limit of {MAX_BYTES:,} bytes ({MAX_BYTES // MB} MB) for one input file"
