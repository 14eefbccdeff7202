"""Every setting a run uses, resolved once: the command line over the config file over the defaults.

The flows (report, index, check) and the engines read a `Settings`, never the config file or the command
line, and never apply a default of their own.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from claimcheck.cluster.claims import DEFAULT_THRESHOLD
from claimcheck.config import DEFAULT_BACKEND, Config, is_store_url, store_url_refused
from claimcheck.errors import ClaimcheckError


@dataclass(frozen=True)
class StoreSpec:
    """Where the corpus store is: a folder (holding store.sqlite3), or a PostgreSQL URL without a password."""

    location: Path | str  # a str only for a URL
    root: Path | None = None  # for a URL, what article paths are kept relative to; a folder store's is its parent

    @property
    def is_url(self) -> bool:
        return isinstance(self.location, str)

    def open(self, create: bool = False):
        from claimcheck.store import open_store

        if self.is_url:
            return open_store(self.location, create=create, root=self.root)
        return open_store(self.location, create=create)

    def __str__(self) -> str:
        return str(self.location)


@dataclass(frozen=True)
class Settings:
    model: str | None = None  # None: the bundled all-MiniLM-L6-v2
    backend: str = DEFAULT_BACKEND  # one of config.BACKENDS
    cache_dir: Path | None = None  # None: no on-disk cache
    cluster_threshold: float = DEFAULT_THRESHOLD
    facts: Path | None = None  # facts file of office holders: explains findings, never makes them
    show_progress: bool = False
    include: tuple[str, ...] = ()  # globs of article files to read
    exclude: tuple[str, ...] = ()
    max_article_chars: int | None = None  # None: claimcheck.ingest.MAX_ARTICLE_CHARS
    follow_links_outside: bool = False  # read files reached through links that lead outside the paths given
    engine: str = "local"  # a name in claimcheck.pipeline.engine.ENGINES
    ray_address: str | None = None  # for engine "ray"; None: a Ray started on this machine
    store: StoreSpec | None = None  # None: no store (a report of files alone)
    fail_on: str = "error"  # lowest severity that fails `check`


def store_location(value: str | Path, named_by: str) -> Path | str:
    """A --store value as given: a URL stays a str (refused when it holds a password), anything else is a folder."""
    text = str(value)
    if is_store_url(text):
        if why := store_url_refused(text):
            raise ClaimcheckError(f"{named_by} is refused: {why}")
        return text
    return Path(value)


def resolve_settings(config: Config, *, cwd: Path, model: str | None = None, backend: str | None = None,
                     cache_dir: Path | None = None, no_cache: bool = False, facts: Path | None = None,
                     show_progress: bool = False, follow_links: bool | None = None, engine: str | None = None,
                     ray_address: str | None = None, store: Path | str | None = None,
                     fail_on: str | None = None) -> Settings:
    """The command line's values (None where not given) over `config`'s over the defaults.

    The store: --store, then `store =` in the config, then the nearest .claimcheck/ from `cwd` up, else
    `cwd`/.claimcheck (as given, not made absolute: messages show it as the user wrote it). Article paths
    in a URL store are kept relative to `cwd` for --store, and to the config file's folder for `store =`,
    as a folder store's are to the folder holding it (a config's folder names are relative to the file).
    """
    from claimcheck.embed.cache import default_cache_dir
    from claimcheck.pipeline.engine import ENGINES

    engine = engine or config.engine or "local"
    if engine not in ENGINES:
        raise ClaimcheckError(f"unknown engine {engine!r}: give --engine {' or '.join(ENGINES)}")
    if ray_address is not None and engine != "ray":
        raise ClaimcheckError(f"--ray-address is for --engine ray, and the engine is {engine}")
    return Settings(
        model=model or config.model,
        backend=backend or config.backend or DEFAULT_BACKEND,
        cache_dir=None if no_cache else (cache_dir or config.cache_dir or default_cache_dir()),
        cluster_threshold=config.cluster_threshold or DEFAULT_THRESHOLD,
        facts=facts or config.facts,
        show_progress=show_progress,
        include=config.include,
        exclude=config.exclude,
        max_article_chars=config.max_article_chars,
        follow_links_outside=config.follow_links_outside if follow_links is None else follow_links,
        engine=engine,
        ray_address=ray_address or config.ray_address,
        store=_store(store, config, cwd),
        fail_on=fail_on or config.fail_on or "error",
    )


def _store(given: Path | str | None, config: Config, cwd: Path) -> StoreSpec:
    from claimcheck.store import DEFAULT_FOLDER, find_store

    if given:
        location = store_location(given, "--store")
        return StoreSpec(location, cwd if isinstance(location, str) else None)
    if config.store:  # checked when the config was read: a folder made absolute, or a URL without a password
        return StoreSpec(config.store, config.source.parent if isinstance(config.store, str) else None)
    return StoreSpec(find_store(cwd) or Path(DEFAULT_FOLDER))
