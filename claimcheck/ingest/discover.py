"""Expand the paths given on the command line into the files to read, and read their bytes."""
from __future__ import annotations

import errno
import os
from collections import deque
from dataclasses import dataclass
from fnmatch import fnmatchcase

from claimcheck.ingest.skip import Unreadable
from claimcheck.records import Skipped

SUPPORTED = (".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl")
MB = 1024 * 1024
# Far above any article, but a JSON Lines collection may hold thousands; stops a stray dump or disk image
# filling memory. Each article's text has its own, lower limit (MAX_ARTICLE_CHARS in ingest/__init__.py).
MAX_BYTES = 50 * MB


@dataclass(frozen=True)
class Found:
    path: str  # as the user would write it: the given path, or the given folder joined with the relative path
    key: str  # the real path, so one file named twice (or via a link) is read once


def supported(path: str) -> bool:
    return os.path.splitext(path)[1].lower() in SUPPORTED


def find_inputs(paths) -> tuple[list[Found], list[Skipped]]:
    if isinstance(paths, (str, os.PathLike)):  # one path, not a sequence of one-letter paths
        paths = [paths]
    found: list[Found] = []
    skipped: list[Skipped] = []
    for given in paths:
        given = os.fspath(given)
        problem = _stat_problem(given)
        if problem:
            skipped.append(Skipped(given, problem))
        elif os.path.isdir(given):
            _walk(given, found, skipped)
        elif not supported(given):
            ext = os.path.splitext(given)[1] or "(none)"
            skipped.append(Skipped(given, f"unsupported file type {ext}; expected one of {', '.join(SUPPORTED)}"))
        elif not os.path.isfile(given):
            skipped.append(Skipped(given, "not a regular file"))
        else:
            found.append(Found(given, os.path.realpath(given)))
    # Sort so the result does not depend on argument order; the first name of a file wins.
    unique: dict[str, Found] = {}
    for f in sorted(found, key=lambda f: f.path):
        unique.setdefault(f.key, f)
    return list(unique.values()), skipped


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
        return "broken link: its target does not exist" if os.path.islink(path) else "no such file or directory"
    except PermissionError:
        return "permission denied"
    except OSError as e:
        if e.errno == errno.ELOOP:
            return "symbolic link loop: following its links never reaches a file or folder"
        return (e.strerror or str(e)).lower()
    except ValueError:  # a NUL byte in the name
        return "invalid path"
    return None


def _walk(root: str, found: list[Found], skipped: list[Skipped]) -> None:
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
            skipped.append(Skipped(folder, "permission denied: cannot list this folder"))
            continue
        except OSError as e:
            skipped.append(Skipped(folder, f"cannot list folder: {(e.strerror or str(e)).lower()}"))
            continue
        for entry in entries:
            if entry.name.startswith("."):  # hidden entries are editor, VCS or OS files, never articles
                continue
            path = os.path.join(folder, entry.name)
            try:
                is_dir = entry.is_dir()  # follows links, hence the check on real paths below
            except OSError:  # a link loop: reported below when its name looks like an article
                is_dir = False
            if is_dir:
                real = os.path.realpath(path)
                if real in ancestors:
                    skipped.append(Skipped(path, "directory loop: this folder links back to one that contains it"))
                elif real not in seen:  # else its files are already found under another name
                    seen.add(real)
                    queue.append((path, ancestors | {real}))
            elif supported(entry.name):  # other extensions inside folders are ignored silently
                problem = _stat_problem(path)
                if problem:
                    skipped.append(Skipped(path, problem))
                elif not os.path.isfile(path):
                    skipped.append(Skipped(path, "not a regular file"))  # a FIFO or device would block or never end
                else:
                    found.append(Found(path, os.path.realpath(path)))


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
        raise Unreadable("no such file or directory") from None
    except OSError as e:
        raise Unreadable(f"cannot read file: {(e.strerror or str(e)).lower()}") from None
    if len(data) > MAX_BYTES:
        raise Unreadable(_too_large(len(data)))
    return data


def _too_large(size: int) -> str:
    return f"file too large: {size:,} bytes, over the limit of {MAX_BYTES:,} bytes ({MAX_BYTES // MB} MB) for one input file"
