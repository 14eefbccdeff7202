"""PostgreSQL with pgvector for the tests: a real server that pgserver starts once per session in a temporary
folder, or the one CLAIMCHECK_TEST_POSTGRES_URL names. Every test gets a database of its own (or, where the
server's user may not make databases, a schema of its own). The fixtures are registered in tests/conftest.py,
so one server serves the whole session.

Tests that need it are skipped, saying why, only when psycopg or pgserver cannot be imported.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import uuid
import warnings
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

import pytest

from claimcheck.store.urls import with_database

POSTGRES_ENV = "CLAIMCHECK_TEST_POSTGRES_URL"


def postgres_missing() -> str | None:
    """Why PostgreSQL tests cannot run here, or None."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install 'claimcheck[scale]')"
    if not os.environ.get(POSTGRES_ENV):
        try:
            with warnings.catch_warnings():  # platformdirs on XDG_RUNTIME_DIR, when pgserver is imported
                warnings.simplefilter("ignore")
                import pgserver  # noqa: F401
        except ImportError:
            return f"pgserver is not installed and {POSTGRES_ENV} is not set"
    return None


@pytest.fixture(scope="session")
def postgres_server():
    """A libpq URL of a server with pgvector, as a user with the right to make databases."""
    missing = postgres_missing()
    if missing:
        pytest.skip(f"PostgreSQL store tests skipped: {missing}")
    if os.environ.get(POSTGRES_ENV):
        yield os.environ[POSTGRES_ENV]
        return
    import pgserver

    folder = Path(server_folder("postgres"))
    server = pgserver.get_server(folder / "data", cleanup_mode="stop")
    try:
        yield server.get_uri()
    finally:
        server.cleanup()
        shutil.rmtree(folder, ignore_errors=True)


def server_folder(name: str) -> str:
    """A temporary folder for a server's files, outside pytest's: run as root, pgserver starts PostgreSQL as its
    own user, which must reach the folder, and every pytest session (anyone's, on this machine) makes
    /tmp/pytest-of-root private again."""
    return tempfile.mkdtemp(prefix=f"claimcheck-test-{name}-")


def with_options(url: str, *settings: str) -> str:
    """The same URL with server settings for the connection (libpq's options parameter, `-cname=value`),
    added to any it has."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    given = " ".join(v for k, v in query if k == "options")
    query = [(k, v) for k, v in query if k != "options"] + [("options", " ".join(filter(None, [given, *settings])))]
    return f"{parts.scheme}://{parts.netloc}{parts.path}?{urlencode(query, quote_via=quote, safe='/')}"


def with_search_path(url: str, schemas: str) -> str:
    return with_options(url, f"-csearch_path={schemas}")


@pytest.fixture
def postgres_url(postgres_server):
    """A URL to an empty database made for this test, dropped after it."""
    import psycopg
    from psycopg import sql

    name = f"claimcheck_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        try:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            made = "DATABASE"
        except psycopg.errors.InsufficientPrivilege:
            admin.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(name)))
            made = "SCHEMA"
    if made == "DATABASE":
        yield with_database(postgres_server, name)
    else:
        yield with_search_path(postgres_server, f"{name},public")
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        if made == "DATABASE":
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        else:
            admin.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(name)))
