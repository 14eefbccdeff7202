"""Store locations: a URL is told from a folder, survives Path(), and is shown without its password."""
from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.store import is_store_url, shown_url
from claimcheck.store.postgres import connect_failure, said
from claimcheck.store.urls import store_url, where, with_database

SOCKET = "postgresql://postgres:@/postgres?host=/tmp/pg-socket"


@pytest.mark.parametrize("spec, is_url", [
    (SOCKET, True),
    ("postgres://desk@db.example:5433/newsroom", True),
    (Path("postgresql://desk@db.example/newsroom"), True),
    (".claimcheck", False),
    (Path("stores/postgresql"), False),
    ("postgresql-store", False),  # a folder that happens to be named so
])
def test_a_url_is_told_from_a_folder(spec, is_url):
    assert is_store_url(spec) is is_url


def test_a_url_that_went_through_path_gets_its_slashes_back():
    assert store_url(Path(SOCKET)) == SOCKET
    assert store_url(Path("postgres://desk@db.example:5433/newsroom")) == "postgres://desk@db.example:5433/newsroom"
    assert store_url(SOCKET) == SOCKET


@pytest.mark.parametrize("url, shown, place", [
    (SOCKET, "postgresql://postgres@/postgres?host=/tmp/pg-socket", "database postgres on /tmp/pg-socket"),
    ("postgres://desk:s3cret-pw@db.example:5433/newsroom", "postgres://desk@db.example:5433/newsroom",
     "database newsroom on db.example:5433"),
    ("postgresql:///corpus?host=/run/pg&port=5433&password=s3cret-pw", "postgresql:///corpus?host=/run/pg&port=5433",
     "database corpus on /run/pg port 5433"),
    ("postgresql://db.example", "postgresql://db.example", "database (the default) on db.example"),
])
def test_a_url_is_shown_without_its_password(url, shown, place):
    assert shown_url(url) == shown and "s3cret" not in shown
    assert where(url) == place


def test_another_database_on_the_same_server():
    assert with_database(SOCKET, "t1") == "postgresql://postgres:@/t1?host=/tmp/pg-socket"
    assert with_database("postgresql:///?dbname=a&host=/x", "b") == "postgresql:///?dbname=b&host=/x"


def test_a_server_message_never_repeats_the_password():
    url = "postgresql://desk:s3cret-pw@db.example/newsroom"
    assert said(RuntimeError("no such user s3cret-pw\n  DETAIL: x"), url) == "no such user *** DETAIL: x"
    line = connect_failure(RuntimeError('password authentication failed for user "desk"'), url)
    assert line == ('cannot connect to the PostgreSQL store (database newsroom on db.example): password '
                    'authentication failed for user "desk": check the user name, and give the password in PGPASSWORD '
                    'or ~/.pgpass (never on the command line)')
