"""Settings from `claimcheck.toml` or `[tool.claimcheck]` in pyproject.toml, nearest to the current folder.

Flags on the command line override what the file says. An unknown key or a value of the wrong type is an
error naming the key and the file, so a typo is never silently ignored.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from claimcheck.errors import ClaimcheckError, shown

# key -> (type, meaning); paths are read relative to the file that names them
KEYS = {
    "model": (str, "embedding model: the bundled all-MiniLM-L6-v2 or a local model folder"),
    "backend": (str, "encoder backend: onnx (default: full precision on ONNX Runtime, no torch), torch (bfloat16 where the processor has it), torch-fp32, or onnx-int8 (int8 weights)"),
    "facts": (str, "facts file of office holders (YAML or JSON)"),
    "cache_dir": (str, "folder of the embedding cache"),
    "cluster_threshold": (float, "cosine distance within which sentences form one claim"),
    "store": (str, ("corpus store used by index and check: a folder, or a PostgreSQL URL (postgresql://user@host:5432/db; "
                    "the password from PGPASSWORD or ~/.pgpass)")),
    "fail_on": (str, "lowest severity that makes check fail: error, warning or info"),
    "include": (list, "globs of the article files to read (fnmatch; * crosses folders)"),
    "exclude": (list, "globs of files never to read as articles"),
    "max_article_chars": (int, "longest article text read, in characters (default 2,000,000); a longer one is skipped"),
    "follow_links_outside": (bool, "read files and folders reached through symbolic links that lead outside the paths given (default false)"),
    "engine": (str, "where report and index analyse: local (default: one process per core) or ray (claimcheck[scale])"),
    "ray_address": (str, "the Ray cluster engine = \"ray\" joins (default: start one on this machine)"),
}
PATH_KEYS = {"facts", "cache_dir", "store"}
FOLDER_KEYS = {"cache_dir", "store"}  # made if missing; a file (or a broken link) in their place is an error
FAIL_LEVELS = ("error", "warning", "info")
BACKENDS = ("onnx", "torch", "torch-fp32", "onnx-int8")  # encoder backends; the encoder and the CLI take the list from here
DEFAULT_BACKEND = "onnx"


@dataclass(frozen=True)
class Config:
    source: Path | None = None  # the file the settings came from
    model: str | None = None
    backend: str | None = None
    facts: Path | None = None
    cache_dir: Path | None = None
    cluster_threshold: float | None = None
    store: Path | str | None = None  # a folder, or a PostgreSQL URL (a str)
    fail_on: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    max_article_chars: int | None = None  # None: claimcheck.ingest.MAX_ARTICLE_CHARS
    follow_links_outside: bool = False
    engine: str | None = None
    ray_address: str | None = None


def is_store_url(value) -> bool:
    """A libpq URL (postgresql://...) names a server store; anything else names a folder (store.urls)."""
    from claimcheck.store.urls import is_store_url as url

    return url(value)


def store_url_refused(url: str) -> str | None:
    """Why a store URL is refused, or None. A password written in it would sit in shell history, process
    lists, CI logs and config files under version control; libpq reads it from PGPASSWORD or ~/.pgpass. An
    empty one (`postgres:@`, as pgserver gives its URL) is no secret."""
    from claimcheck.store.urls import password_of

    try:
        secret = password_of(url)
    except ValueError as exc:
        return f"it is not a URL libpq reads ({exc})"
    if secret:
        return "it holds a password: give the password with PGPASSWORD or in ~/.pgpass, never in the URL"
    return None


def find_config(start: Path) -> Path | None:
    """The nearest claimcheck.toml, or pyproject.toml with a [tool.claimcheck] table, from `start` upwards."""
    for folder in [start, *start.parents]:
        # Anything under the name counts, so a link to a device or a folder is an error, never ignored.
        own = folder / "claimcheck.toml"
        if os.path.lexists(own):
            return own
        project = folder / "pyproject.toml"
        if os.path.lexists(project) and "claimcheck" in _tool(project, _read(project)):
            return project
    return None


def _read(path: Path) -> dict:
    from claimcheck.capped_read import CONFIG_LIMIT, read_capped

    text = read_capped(path, "config", CONFIG_LIMIT)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ClaimcheckError(f"config {path}: not valid TOML: {exc}") from None
    except RecursionError:  # arrays or inline tables nested thousands deep
        raise ClaimcheckError(f"config {path}: not valid TOML: nested too deeply to read") from None


def _tool(path: Path, data: dict) -> dict:
    """pyproject.toml's [tool] table; another project's file may hold anything under that name."""
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ClaimcheckError(f"config {path}: 'tool' must be a table, not {shown(tool)}")
    return tool


def load_config(start: Path | None = None) -> Config:
    path = find_config((start or Path.cwd()).resolve())
    if path is None:
        return Config()
    data = _read(path)
    table = _tool(path, data).get("claimcheck", {}) if path.name == "pyproject.toml" else data
    if not isinstance(table, dict):
        raise ClaimcheckError(f"config {path}: [tool.claimcheck] must be a table, not {shown(table)}")
    values = {}
    for key, value in table.items():
        if key not in KEYS:
            raise ClaimcheckError(f"config {path}: unknown key {key!r} (known: {', '.join(sorted(KEYS))})")
        kind, _ = KEYS[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise ClaimcheckError(f"config {path}: {key!r} must be a {kind.__name__}, not {shown(value)}")
        values[key] = _checked(path, key, value)
    return Config(source=path, **values)


def _checked(path: Path, key: str, value):
    """A value of the right type that also makes sense; paths are relative to the file that names them."""
    if key == "store" and is_store_url(value):
        if why := store_url_refused(value):
            raise ClaimcheckError(f"config {path}: 'store' is refused: {why}")
        return value
    if key in PATH_KEYS:
        if not value.strip() or "\x00" in value:
            raise ClaimcheckError(f"config {path}: {key!r} must name a file or folder, not {shown(value)}")
        named = path.parent / value
        if key in FOLDER_KEYS and os.path.lexists(named) and not named.is_dir():
            raise ClaimcheckError(f"config {path}: {key!r} must name a folder, and {named} is not one")
        return named
    if key == "cluster_threshold" and not 0.0 < value < 2.0:
        raise ClaimcheckError(f"config {path}: 'cluster_threshold' must be a cosine distance between 0 and 2, not {shown(value)}")
    if key == "engine":
        from claimcheck.pipeline.engine import ENGINES

        if value not in ENGINES:
            raise ClaimcheckError(f"config {path}: 'engine' must be one of {', '.join(ENGINES)}, not {shown(value)}")
    if key == "ray_address" and not value.strip():
        raise ClaimcheckError(f"config {path}: 'ray_address' must name a Ray cluster (host:port, or auto), not {shown(value)}")
    if key == "backend" and value not in BACKENDS:
        raise ClaimcheckError(f"config {path}: 'backend' must be one of {', '.join(BACKENDS)}, not {shown(value)}")
    if key == "fail_on" and value not in FAIL_LEVELS:
        raise ClaimcheckError(f"config {path}: 'fail_on' must be one of {', '.join(FAIL_LEVELS)}, not {shown(value)}")
    if key == "max_article_chars" and value < 1:
        raise ClaimcheckError(f"config {path}: 'max_article_chars' must be a positive number of characters, not {shown(value)}")
    if key in ("include", "exclude"):
        if not all(isinstance(g, str) and g for g in value):
            raise ClaimcheckError(f"config {path}: {key!r} must be a list of glob strings, not {shown(value)}")
        return tuple(value)
    return value
