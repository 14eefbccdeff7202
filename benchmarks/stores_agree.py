"""Do the two stores give the same `check`? SQLite against PostgreSQL, on every set accuracy.py reads.

    .venv/bin/python benchmarks/stores_agree.py [--only seeds|fixtures|realnews] [--cache-dir DIR]
                                                [--postgres URL]

For each set (the seeds, every fixture set, every ../shared/realnews event) the articles but the first are
indexed into a SQLite store and into a PostgreSQL database, then the first is checked against each, as real
subprocesses. Prints one line per set (exit codes, findings on each side, same or DIFFER) and a last line
saying whether all agreed: the finding ids, severities, the whole JSON apart from timing, and the exit code.
PostgreSQL is the server --postgres names (a database per set is made in it), else one pgserver starts here
(needs claimcheck[scale]).
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

from benchmarks.accuracy import article_sets

ROOT = Path(__file__).resolve().parent.parent


def _claimcheck(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "claimcheck", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True)


def _database(server: str) -> str:
    import psycopg

    from claimcheck.store.urls import with_database

    name = f"agree_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    return with_database(server, name)


def _check(work: Path, corpus: list[str], new: str, store: str, cache: list[str]) -> tuple[int, dict]:
    done = _claimcheck("index", *corpus, "--store", store, *cache, "-q", cwd=work)
    if done.returncode != 0:
        raise SystemExit(f"index failed in {work}: {done.stderr.strip()}")
    done = _claimcheck("check", new, "--store", store, "--format", "json", "--fail-on", "warning", *cache, cwd=work)
    data = json.loads(done.stdout)
    data.pop("timing", None)
    return done.returncode, data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", choices=("seeds", "fixtures", "realnews"))
    parser.add_argument("--cache-dir", type=Path, default=None)
    parser.add_argument("--postgres", default=None, help="a libpq URL of a server with pgvector")
    args = parser.parse_args()
    cache = ["--cache-dir", str(args.cache_dir)] if args.cache_dir else ["--no-cache"]
    server, started = args.postgres, None
    if server is None:
        import pgserver

        started = pgserver.get_server(tempfile.mkdtemp(prefix="claimcheck-agree-pg-"), cleanup_mode="stop")
        server = started.get_uri()
    agreed = 0
    sets = [s for s in article_sets() if not args.only or s[0] in args.only]
    try:
        for _, name, _, files in sets:
            work = Path(tempfile.mkdtemp(prefix="claimcheck-agree-"))
            for f in files:
                shutil.copy(f, work / f.name)
            corpus, new = [f.name for f in files[1:]], files[0].name
            sqlite = _check(work, corpus, new, ".claimcheck", cache)
            postgres = _check(work, corpus, new, _database(server), cache)
            same = sqlite == postgres
            agreed += same
            print(f"{name:40s} exit {sqlite[0]}/{postgres[0]}  findings {len(sqlite[1]['findings'])}/"
                  f"{len(postgres[1]['findings'])}  {'same' if same else 'DIFFER'}", flush=True)
            shutil.rmtree(work, ignore_errors=True)
    finally:
        if started is not None:
            started.cleanup()
    print(f"{agreed} of {len(sets)} sets: the same check on SQLite and PostgreSQL")
    return 0 if agreed == len(sets) else 1


if __name__ == "__main__":
    sys.exit(main())
