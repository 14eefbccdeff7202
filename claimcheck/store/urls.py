"""Store locations given as libpq URLs: how to tell one from a folder, and how to name one in a message.

A folder store is a path; a server store is `postgresql://user@host:5432/db` or `postgres://...` (any libpq
URL, including `postgresql://postgres:@/postgres?host=/path/to/socket-dir`). Messages name the host and the
database, never the password a URL may carry (libpq's PGPASSWORD or ~/.pgpass is where it belongs).
"""
from __future__ import annotations

from pathlib import PurePath
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

SCHEMES = ("postgresql", "postgres")


def is_store_url(spec) -> bool:
    """Whether `spec` (a str or a Path) names a server store rather than a folder."""
    text = str(spec)
    return any(text.startswith(f"{scheme}:/") for scheme in SCHEMES)


def store_url(spec) -> str:
    """The URL as libpq takes it. A URL that went through Path() lost one slash of its `//`
    ("postgresql:/user@host/db"): put it back. (That is lossy for `postgresql:///db`: pass the string.)"""
    text = str(spec)
    if isinstance(spec, PurePath):
        scheme, _, rest = text.partition(":/")
        if not rest.startswith("/"):
            text = f"{scheme}://{rest}"
    return text


def shown_url(url: str) -> str:
    """The URL without its password, for a message or a log line."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        user, _, host = netloc.rpartition("@")
        netloc = f"{user.partition(':')[0]}@{host}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "password"]
    return _join(parts.scheme, netloc, parts.path, urlencode(query, safe="/:,"))


def where(url: str) -> str:
    """'database D on HOST' for a message: what a user needs to find the server, without the password."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    database = query.get("dbname") or unquote(parts.path.lstrip("/")) or "(the default)"
    # Host and port as written (libpq also takes a list, "h1:5432,h2:5432"); a socket folder comes as ?host=.
    host = query.get("host") or unquote(parts.netloc.rpartition("@")[2]) or "the default host"
    if query.get("port"):
        host = f"{host} port {query['port']}"
    return f"database {database} on {host}"


def password_of(url: str) -> str | None:
    """The password a URL carries, if any: scrubbed from every server message that reaches the user."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    secret = query.get("password") or (unquote(parts.password) if parts.password else None)
    return secret or None


def with_database(url: str, database: str) -> str:
    """The same server and user, another database (the tests make a fresh one per test)."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    if any(k == "dbname" for k, _ in query):
        query = [(k, database if k == "dbname" else v) for k, v in query]
        return _join(parts.scheme, parts.netloc, parts.path, urlencode(query, safe="/:,"))
    return _join(parts.scheme, parts.netloc, f"/{database}", parts.query)


def _join(scheme: str, netloc: str, path: str, query: str) -> str:
    # Not urlunsplit: it drops the "//" of a URL with no host ("postgresql:///db?host=/dir").
    return f"{scheme}://{netloc}{path}{f'?{query}' if query else ''}"
