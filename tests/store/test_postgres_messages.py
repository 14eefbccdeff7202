"""What a user is told when a PostgreSQL store cannot be used: one line saying what is wrong and what to do,
naming the host and the database and never the password. Every case is real: a server with no pgvector
(pgserver's PostgreSQL copied without it), a role that may not create the extension, a wrong password, a
port nothing listens on."""
from __future__ import annotations

import shutil
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from claimcheck.errors import ClaimcheckError
from claimcheck.store import open_store
from claimcheck.store.urls import with_database
from tests.postgres import postgres_missing, server_folder

ROLE, RIGHT_PASSWORD, WRONG_PASSWORD = "reporter", "right-horse-battery", "wrong-staple-9431"


def as_user(url: str, user: str, password: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{user}:{password}@{parts.netloc.rpartition('@')[2]}{parts.path}?{parts.query}"


def one_line(exc_info) -> str:
    message = str(exc_info.value)
    assert "\n" not in message and "Traceback" not in message
    return message


@pytest.fixture(scope="module")
def server_without_pgvector():
    """A real PostgreSQL with no pgvector installed: pgserver's binaries copied without the extension's files.
    It also asks role `reporter` for a password (the other server trusts every local user)."""
    if postgres_missing():
        pytest.skip(f"PostgreSQL store tests skipped: {postgres_missing()}")
    try:
        import pgserver
        import pgserver._commands as commands
    except ImportError:
        pytest.skip("a server without pgvector is made from pgserver's binaries; pgserver is not installed")
    import psycopg

    folder = Path(server_folder("no-pgvector"))
    # The same layout as in site-packages: the binaries find their libraries at $ORIGIN/../../../pgserver.libs.
    wheel = Path(pgserver.__file__).parent
    install = folder / "pgserver" / "pginstall"
    for part in ("bin", "lib", "share"):
        shutil.copytree(wheel / "pginstall" / part, install / part, symlinks=True)
    shutil.copytree(wheel.parent / "pgserver.libs", folder / "pgserver.libs", symlinks=True)
    removed = [*(install / "share" / "postgresql" / "extension").glob("vector*"),
               *(install / "lib" / "postgresql").glob("vector*")]
    assert removed
    for path in removed:
        path.unlink()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(commands, "POSTGRES_BIN_PATH", install / "bin")
        server = pgserver.get_server(folder / "data", cleanup_mode="stop")
    url = server.get_uri()
    hba = Path(server.pgdata) / "pg_hba.conf"
    hba.write_text(f"local all {ROLE} scram-sha-256\n" + hba.read_text())
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"CREATE ROLE {ROLE} LOGIN PASSWORD '{RIGHT_PASSWORD}'")
        admin.execute("SELECT pg_reload_conf()")
    yield url
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(commands, "POSTGRES_BIN_PATH", install / "bin")
        server.cleanup()
    shutil.rmtree(folder, ignore_errors=True)


def test_a_server_without_pgvector_is_told_what_to_install(server_without_pgvector, tmp_path):
    with pytest.raises(ClaimcheckError) as caught:
        open_store(server_without_pgvector, create=True, root=tmp_path)
    line = one_line(caught)
    assert "does not have the pgvector extension" in line and "install pgvector" in line
    assert "postgresql-16-pgvector" in line and "database postgres on " in line


def test_a_wrong_password_names_the_server_and_never_the_password(server_without_pgvector, tmp_path, monkeypatch):
    url = server_without_pgvector.replace("postgres:@", f"{ROLE}:{WRONG_PASSWORD}@")
    with pytest.raises(ClaimcheckError) as caught:
        open_store(url, create=True, root=tmp_path)
    line = one_line(caught)
    assert "password authentication failed" in line and "PGPASSWORD" in line
    assert "database postgres on /" in line and WRONG_PASSWORD not in line
    # The right password, from PGPASSWORD as the message says: the connection is made, and the next problem
    # (no pgvector on this server) is the one reported.
    monkeypatch.setenv("PGPASSWORD", RIGHT_PASSWORD)
    with pytest.raises(ClaimcheckError, match="does not have the pgvector extension"):
        open_store(server_without_pgvector.replace("postgres:@", f"{ROLE}@"), create=True, root=tmp_path)


def test_a_server_nobody_listens_on_is_named_without_the_password(tmp_path):
    pytest.importorskip("psycopg")
    with pytest.raises(ClaimcheckError) as caught:
        open_store(f"postgresql://editor:{WRONG_PASSWORD}@127.0.0.1:1/newsroom", create=True, root=tmp_path)
    line = one_line(caught)
    assert line.startswith("cannot connect to the PostgreSQL store (database newsroom on 127.0.0.1:1)")
    assert "server is running" in line and WRONG_PASSWORD not in line
    with pytest.raises(ClaimcheckError) as caught:
        open_store(f"postgresql://editor@/newsroom?host={tmp_path / 'no-socket-here'}", root=tmp_path)
    assert f"database newsroom on {tmp_path / 'no-socket-here'}" in one_line(caught)


def test_a_url_libpq_cannot_read_is_one_line(tmp_path):
    pytest.importorskip("psycopg")
    with pytest.raises(ClaimcheckError) as caught:
        open_store(f"postgresql://editor:{WRONG_PASSWORD}@host/db?no_such_option=1", root=tmp_path)
    line = one_line(caught)
    assert "not a PostgreSQL URL libpq can read" in line and WRONG_PASSWORD not in line


def test_without_psycopg_the_user_is_told_which_extra_to_install(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as on a machine without the `scale` extra
    with pytest.raises(ClaimcheckError) as caught:
        open_store("postgresql://editor@db.example/newsroom", create=True, root=tmp_path)
    assert one_line(caught) == "PostgreSQL stores need `pip install 'claimcheck[scale]'`"


@pytest.fixture
def admin_database(postgres_server):
    """A new database without the vector extension in it, on the server with pgvector; needs the right to make
    databases and roles (skipped on a CLAIMCHECK_TEST_POSTGRES_URL server without it)."""
    import psycopg

    name = f"claimcheck_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        try:
            admin.execute(f"CREATE DATABASE {name}")
            # No superuser: may not create an untrusted extension such as vector.
            admin.execute(f"CREATE ROLE {name} LOGIN PASSWORD '{RIGHT_PASSWORD}'")
            admin.execute(f"GRANT ALL ON DATABASE {name} TO {name}")
        except psycopg.errors.InsufficientPrivilege as exc:
            pytest.skip(f"the test server's user may not make databases and roles: {exc}")
    yield name, with_database(postgres_server, name)
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.execute(f"DROP ROLE IF EXISTS {name}")


def test_a_user_who_may_not_create_the_extension_is_told_who_can(admin_database, tmp_path):
    name, url = admin_database
    with pytest.raises(ClaimcheckError) as caught:
        open_store(as_user(url, name, RIGHT_PASSWORD), create=True, root=tmp_path)
    line = one_line(caught)
    assert f"pgvector is installed on the server, but not in database {name}" in line
    assert f"user {name} may not add it" in line and "CREATE EXTENSION vector;" in line


def test_the_extension_in_a_schema_off_the_search_path_is_named(admin_database, tmp_path):
    import psycopg

    _, url = admin_database
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute("CREATE SCHEMA extensions")
        admin.execute("CREATE EXTENSION vector SCHEMA extensions")
    with pytest.raises(ClaimcheckError) as caught:
        open_store(url, create=True, root=tmp_path)
    line = one_line(caught)
    assert "pgvector extension is in schema extensions, which is not on this connection's search_path" in line
    from tests.postgres import with_search_path

    store = open_store(with_search_path(url, "public,extensions"), create=True, root=tmp_path)
    assert store.counts()["articles"] == 0
    store.close()
