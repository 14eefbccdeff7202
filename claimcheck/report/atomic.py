"""Writing reports so that a reader (a CI job, an editor) sees the old file or the new one, never half of one."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from claimcheck.errors import ClaimcheckError
from claimcheck.records import Report
from claimcheck.report.build import report_to_dict, validate_report
from claimcheck.report.writers import DEFAULT_FORMATS, WRITERS, render

NEW_FILE_MODE = 0o644  # mkstemp makes 0600 files; a report is meant to be read by others


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` through a temp file in the same directory (os.replace is atomic only there)."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # newline="" keeps the text byte-identical on every platform (no \r\n translation).
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o7777 if path.exists() else NEW_FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        # BaseException too: a Ctrl-C midway must not leave a stray temp file next to the reports.
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_reports(report: Report, out_dir: Path, name: str, formats=DEFAULT_FORMATS) -> list[Path]:
    """Build, validate and render every format before touching the disk, then write each file atomically."""
    unknown = [f for f in formats if f not in WRITERS]
    if unknown:
        raise ClaimcheckError(f"unknown report format {', '.join(unknown)} (known: {', '.join(WRITERS)})")
    data = report_to_dict(report)
    validate_report(data)
    # Render all first: a writer that fails must not leave the json of this run beside the markdown of the last.
    rendered = [(Path(out_dir) / f"{name}{WRITERS[f].extension}", render(WRITERS[f], data, report)) for f in formats]
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    for path, text in rendered:
        write_atomic(path, text)
    return [path for path, _ in rendered]
