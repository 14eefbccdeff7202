"""The PostgreSQL server benchmarks/scale.py measures: a real one, with pgvector, that pgserver starts in a
folder of the work directory (kept, so a rerun finds its databases), with the memory settings a server of
this machine's size would get.

    with postgres(work / "pgdata", shared_buffers="4GB") as server:
        url = server.database("random_100000")
"""
from __future__ import annotations

import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from claimcheck.store.urls import with_database


@dataclass(frozen=True)
class Server:
    url: str  # the server's maintenance database, as the superuser pgserver makes

    def database(self, name: str) -> str:
        """A URL to database `name`, made if missing (names are the benchmark's own: letters, digits, _)."""
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as admin:
            if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
                admin.execute(f'CREATE DATABASE "{name}"')
        return with_database(self.url, name)

    def drop(self, name: str) -> None:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def setting(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url) as conn:
            return conn.execute("SELECT current_setting(%s)", (name,)).fetchone()[0]


@contextmanager
def postgres(folder: Path, shared_buffers: str | None):
    """A running server whose data lives in `folder`, stopped on exit. shared_buffers is a server-wide setting:
    when it differs from what the folder's server has, it is set and the server restarted once (PostgreSQL's
    default, 128MB, holds a tenth of a million-vector HNSW index; every query would then copy pages from the
    operating system's cache)."""
    try:
        import psycopg

        with warnings.catch_warnings():  # platformdirs on XDG_RUNTIME_DIR, when pgserver is imported
            warnings.simplefilter("ignore")
            import pgserver
    except ImportError as exc:
        raise SystemExit(f"benchmarks/scale.py needs a PostgreSQL with pgvector from pgserver, and psycopg "
                         f"({exc}): pip install 'claimcheck[scale]' pgserver") from None

    folder.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(folder, cleanup_mode="stop")
    try:
        if shared_buffers:
            with psycopg.connect(server.get_uri(), autocommit=True) as conn:
                now = conn.execute("SELECT pg_size_bytes(current_setting('shared_buffers')), pg_size_bytes(%s)",
                                   (shared_buffers,)).fetchone()
                if now[0] != now[1]:
                    conn.execute(f"ALTER SYSTEM SET shared_buffers = '{shared_buffers}'")
            if now[0] != now[1]:
                server.cleanup()
                server = pgserver.get_server(folder, cleanup_mode="stop")
        yield Server(server.get_uri())
    finally:
        server.cleanup()
