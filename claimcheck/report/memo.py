"""Finished reports kept by what went into them, so a re-run on unchanged input costs a file read.

The key covers everything a report depends on: every input file's path and bytes (and what discovery
skipped), the model, the cluster threshold, the facts file's bytes and claimcheck's own code (so an
upgrade, or an edit while developing, never serves a stale report). A hit skips spaCy, torch and the
comparators altogether. Entries sit in the cache folder beside the embeddings, are written atomically, are
stored as JSON (never pickle: a cache file must not be able to run code), and only the newest `KEEP` stay.
An entry that cannot be read is renamed aside (KEY.json.damaged-TIME, never pruned) and computed again.
"""
from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

from claimcheck import __version__

FOLDER = "reports-v1"
KEEP = 32


@lru_cache(maxsize=1)
def _code_digest() -> str:
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".json") and path.is_file():
            digest.update(str(path.relative_to(package)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def memo_key(inputs: str, model_key: str, cluster_threshold: float, facts: Path | None) -> str:
    """`inputs` is `claimcheck.ingest.input_digest` of the run's paths."""
    digest = hashlib.sha256()
    for part in (_code_digest(), inputs, model_key, repr(cluster_threshold)):
        digest.update(part.encode() + b"\x00")
    digest.update(Path(facts).read_bytes() if facts else b"no facts")
    return digest.hexdigest()


def load(cache_dir: Path | None, key: str, log=lambda _: None):
    """The report kept under `key`, or None. An unreadable entry is set aside, with a line saying so."""
    if cache_dir is None:
        return None
    path = Path(cache_dir) / FOLDER / f"{key}.json"
    try:
        with open(path, "rb") as f:
            inode = os.fstat(f.fileno()).st_ino  # what is set aside must be this file, not a newer entry
            data = f.read()
    except OSError:
        return None
    from claimcheck.embed.cache import set_aside
    from claimcheck.records import Report
    from claimcheck.store.codec import loads

    try:
        report = loads(Report, data.decode("utf-8"))
    except Exception as exc:  # a damaged entry is rebuilt, never trusted
        try:
            aside = set_aside(path, inode)
        except OSError:  # a read-only cache folder: the entry stays, and is computed again each time
            aside = None
        log(f"set aside an unreadable cached report {path} ({type(exc).__name__})"
            f"{f' as {aside}' if aside else ''}; computing it again")
        return None
    try:
        os.utime(path)  # recently used: pruned last
    except OSError:  # pruned by another run meanwhile: what was read stands
        pass
    return report


def save(cache_dir: Path | None, key: str, report, log=lambda _: None) -> None:
    """Keep `report`; a cache folder that cannot take it (a full disk, say) costs only the next run's time."""
    if cache_dir is None:
        return
    from claimcheck.errors import ClaimcheckError
    from claimcheck.report.atomic import write_atomic
    from claimcheck.store.codec import dumps

    folder = Path(cache_dir) / FOLDER
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / f"{key}.json", dumps(report))
        entries = sorted(folder.glob("*.json"), key=_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except (OSError, ClaimcheckError) as exc:
        log(f"warning: could not keep this report in {folder} for the next run ({exc}); the report itself is whole")


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:  # removed by another run meanwhile
        return 0.0
