"""Whether the files of one report (NAME.json, NAME.md, NAME.html) come from the same run.

`write_reports` writes every file in full before it replaces the first, but the renames are still one after
another: a kill between them leaves a new report.json beside the last run's report.md. Every file carries the
report's `report_id` (report.build.report_id), so a reader can tell; `check_pairing` says so in one line.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from claimcheck.errors import ClaimcheckError
from claimcheck.report.markdown_writer import MARKDOWN_ID_PREFIX

_IDS = {
    ".md": re.compile(re.escape(MARKDOWN_ID_PREFIX) + r"([0-9a-f]+) -->\s*\Z"),
    ".html": re.compile(r'<meta name="claimcheck-report-id" content="([0-9a-f]+)">'),
}


def report_id_in(path: Path) -> str | None:
    """The report id a report file carries; None for a file without one (an older claimcheck wrote it)."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        rid = json.loads(text).get("report_id")
        return rid if isinstance(rid, str) else None
    pattern = _IDS.get(path.suffix)
    match = pattern.search(text) if pattern else None
    return match.group(1) if match else None


def check_pairing(paths) -> str | None:
    """The id the files at `paths` share (None when none carries one); ClaimcheckError naming them when
    they come from different runs, or when one lacks an id the others have."""
    ids = {Path(p): report_id_in(p) for p in paths}
    found = set(ids.values())
    if len(found) <= 1:
        return found.pop() if found else None
    shown = ", ".join(f"{p} ({rid or 'no id'})" for p, rid in ids.items())
    raise ClaimcheckError(f"these report files come from different runs: {shown}; run `claimcheck report` "
                          f"again to write them together")
