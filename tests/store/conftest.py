"""Stores for the tests: SQLite in a temporary folder, and PostgreSQL with pgvector (tests/postgres.py: one
server per session). The PostgreSQL half is skipped, saying why, only when psycopg or pgserver cannot be imported.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from claimcheck.store import open_store
from tests.postgres import postgres_missing, server_folder, with_options, with_search_path  # noqa: F401

@dataclass(frozen=True)
class Place:
    """Where a test's store lives: a folder or a URL, and the folder its article paths are relative to."""

    kind: str  # "sqlite" or "postgresql"
    spec: Path | str
    root: Path

    def open(self, create: bool = False):
        return open_store(self.spec, create=create, root=self.root)


@pytest.fixture(params=["sqlite", "postgresql"])
def place(request, tmp_path) -> Place:
    if request.param == "sqlite":
        return Place("sqlite", tmp_path / ".claimcheck", tmp_path)
    return Place("postgresql", request.getfixturevalue("postgres_url"), tmp_path)


@pytest.fixture
def store(place):
    """A new, empty store that may be written, on each backend."""
    opened = place.open(create=True)
    yield opened
    opened.close()
