"""Settings from `claimcheck.toml` or `[tool.claimcheck]` in pyproject.toml, nearest to the current folder.

Flags on the command line override what the file says. An unknown key or a value of the wrong type is an
error naming the key and the file, so a typo is never silently ignored.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from claimcheck.errors import ClaimcheckError

# key -> (type, meaning); paths are read relative to the file that names them
KEYS = {
    "model": (str, "embedding model: the bundled all-MiniLM-L6-v2 or a local model folder"),
    "facts": (str, "facts file of office holders (YAML or JSON)"),
    "cache_dir": (str, "folder of the embedding cache"),
    "cluster_threshold": (float, "cosine distance within which sentences form one claim"),
}
PATH_KEYS = {"facts", "cache_dir"}


@dataclass(frozen=True)
class Config:
    source: Path | None = None  # the file the settings came from
    model: str | None = None
    facts: Path | None = None
    cache_dir: Path | None = None
    cluster_threshold: float | None = None


def find_config(start: Path) -> Path | None:
    """The nearest claimcheck.toml, or pyproject.toml with a [tool.claimcheck] table, from `start` upwards."""
    for folder in [start, *start.parents]:
        own = folder / "claimcheck.toml"
        if own.is_file():
            return own
        project = folder / "pyproject.toml"
        if project.is_file() and "claimcheck" in _read(project).get("tool", {}):
            return project
    return None


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ClaimcheckError(f"config {path}: cannot read it: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ClaimcheckError(f"config {path}: not valid TOML: {exc}") from None


def load_config(start: Path | None = None) -> Config:
    path = find_config((start or Path.cwd()).resolve())
    if path is None:
        return Config()
    data = _read(path)
    table = data.get("tool", {}).get("claimcheck", {}) if path.name == "pyproject.toml" else data
    values = {}
    for key, value in table.items():
        if key not in KEYS:
            raise ClaimcheckError(f"config {path}: unknown key {key!r} (known: {', '.join(sorted(KEYS))})")
        kind, _ = KEYS[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise ClaimcheckError(f"config {path}: {key!r} must be a {kind.__name__}, not {value!r}")
        values[key] = (path.parent / value) if key in PATH_KEYS else value
    return Config(source=path, **values)
