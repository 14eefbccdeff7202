"""Writing reports so that a reader (a CI job, an editor) sees the old file or the new one, never half of one."""
from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

from claimcheck.errors import ClaimcheckError, reason
from claimcheck.records import Report
from claimcheck.report.build import report_to_dict, validate_report
from claimcheck.report.writers import DEFAULT_FORMATS, WRITERS, render

NEW_FILE_MODE = 0o644  # mkstemp makes 0600 files; a report is meant to be read by others


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` through a temp file in the same directory (os.replace is atomic only there)."""
    write_all_atomic([(Path(path), text)])


def write_all_atomic(items) -> None:
    """Write each (path, text) as write_atomic does, every file in full before the first is replaced: a
    failure or a kill while writing leaves all the old files; then the renames follow one another at once.

    On Linux a temp file has no name while it is written (O_TMPFILE), so even SIGKILL, which no handler
    sees, leaves nothing behind; it is named only for the instant between link and rename.
    """
    staged: list[_Staged] = []
    path = None
    try:
        for path, text in items:
            staged.append(file := _Staged(Path(path)))
            file.write(text)
        for file in staged:
            path = file.path
            file.commit()
    except OSError as exc:  # disk full, permission refused, a folder gone: the user's files stay as they were
        raise ClaimcheckError(f"cannot write {path}: {reason(exc)}") from None
    finally:
        # Also on BaseException: a Ctrl-C midway must not leave a stray temp file next to the reports.
        for file in staged:
            file.discard()


class _Staged:
    """A complete, synced file in `path`'s folder, not yet in `path`'s place."""

    def __init__(self, path: Path):
        self.path = path
        self.name: str | None = None  # the temp file's name, while it has one
        self.fd = _unnamed(path.parent)
        if self.fd is None:
            self.fd, self.name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")

    def write(self, text: str) -> None:
        mode = self.path.stat().st_mode & 0o7777 if self.path.exists() else NEW_FILE_MODE
        # newline="" keeps the text byte-identical on every platform (no \r\n translation).
        with open(self.fd, "w", encoding="utf-8", newline="", closefd=False) as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.fchmod(self.fd, mode)

    def commit(self) -> None:
        if self.name is None:
            self.name = _link(self.fd, self.path)
        os.replace(self.name, self.path)
        self.name = None

    def discard(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
        if self.name is not None:
            try:
                os.unlink(self.name)
            except FileNotFoundError:
                pass
            self.name = None


def _unnamed(folder: Path) -> int | None:
    """An open file in `folder` that has no name yet, or None where the system has no such thing."""
    try:
        fd = os.open(folder, os.O_TMPFILE | os.O_WRONLY, 0o600)
    except (AttributeError, OSError):  # not Linux, or a file system without unnamed files
        return None
    if not os.path.exists(f"/proc/self/fd/{fd}"):  # it could not be given a name later
        os.close(fd)
        return None
    return fd


def _link(fd: int, path: Path) -> str:
    """Give the unnamed file `fd` a temp name beside `path` (a link cannot replace a file, a rename can)."""
    folder = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        while True:
            name = f".{path.name}.{secrets.token_hex(4)}.tmp"
            try:
                # dst_dir_fd makes Python call linkat, which follows /proc's link to the open file.
                os.link(f"/proc/self/fd/{fd}", name, dst_dir_fd=folder, follow_symlinks=True)
                return str(path.parent / name)
            except FileExistsError:
                continue
    finally:
        os.close(folder)


def check_writable(path: Path) -> None:
    """Fail now, before any analysis, when `path` could not be written later: its folder cannot be made or
    written to, the name is too long, or a folder stands in its place. Makes the folder, as the write would.

    Tried for real, with a file of the longest name the atomic write uses, since permissions, read-only
    mounts, /proc and name limits all show only when a file is made."""
    path = Path(path)
    try:
        if path.is_dir():  # is_dir itself may fail, on a name too long
            raise ClaimcheckError(f"cannot write {path}: it is a folder")
        make_folder(path.parent, path)
        probe = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise ClaimcheckError(f"cannot write {path}: {reason(exc)}") from None


def make_folder(folder: Path, for_path: Path | None = None) -> None:
    """Make `folder` and its parents; a failure is one line naming the file it was for (or the folder)."""
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ClaimcheckError(f"cannot write {for_path or folder}: {reason(exc)}") from None


def report_path(out_dir: Path, name: str, fmt: str) -> Path:
    return Path(out_dir) / f"{name}{WRITERS[fmt].extension}"


def write_reports(report: Report, out_dir: Path, name: str, formats=DEFAULT_FORMATS) -> list[Path]:
    """Build, validate and render every format before touching the disk, then write each file atomically."""
    unknown = [f for f in formats if f not in WRITERS]
    if unknown:
        raise ClaimcheckError(f"unknown report format {', '.join(unknown)} (known: {', '.join(WRITERS)})")
    data = report_to_dict(report)
    validate_report(data)
    # Render all first: a writer that fails must not leave the json of this run beside the markdown of the last.
    rendered = [(report_path(out_dir, name, f), render(WRITERS[f], data, report)) for f in formats]
    make_folder(out_dir)  # any other failure to write is named by write_all_atomic, the user's files untouched
    write_all_atomic(rendered)  # all written before any is replaced: a kill meanwhile leaves the last run's set
    return [path for path, _ in rendered]
