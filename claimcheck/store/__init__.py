"""The corpus store: articles already checked, with what was extracted from them and their embeddings, so
that a new article is compared with the corpus without reading or embedding the corpus again.

    store = open_store(Path(".claimcheck"))                                   # SQLite, no server
    store = open_store("postgresql://user@host:5432/db", root=Path.cwd())      # PostgreSQL + pgvector

`Store` is the interface the `index` and `check` commands use. `SqliteStore` (one file in a folder, the
default: nothing to install or run) and `PostgresStore` (a server many machines index into and check
against at once; `pip install 'claimcheck[scale]'`) both keep to it and pass one contract test suite.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from claimcheck.records import Article, Claim
from claimcheck.store.urls import is_store_url, shown_url, store_url  # noqa: F401  (for callers)

DEFAULT_FOLDER = ".claimcheck"


@dataclass(frozen=True)
class StoredArticle:
    id: str
    path: str  # relative to the store's root (the folder holding the store folder), "/"-separated
    content_hash: str


@dataclass(frozen=True)
class Neighbour:
    claim: int  # the store's claim id
    article: str  # article id
    cluster: int
    similarity: float  # cosine


@dataclass(frozen=True)
class Loaded:
    """Stored articles read back: their records, factual claims, one vector per claim, and spaCy docs by text."""

    articles: tuple[Article, ...]
    claims: tuple[Claim, ...]
    vectors: np.ndarray
    docs: dict
    embedding_ids: tuple[int, ...] = ()  # the stored text of each claim: claims with one text share one id


@runtime_checkable  # isinstance(x, Store): every method and attribute is there (the contract tests ask)
class Store(Protocol):
    root: Path  # the folder stored article paths are relative to
    path: Path | str  # what messages call the store: its file, or its URL without the password

    def model(self) -> str | None: ...
    def mark_indexed(self) -> None: ...  # an index run finished
    def index_finished(self) -> bool: ...  # whether one ever has: a killed first index is not an empty corpus
    def articles(self) -> dict[str, StoredArticle]: ...  # by path
    def known_vectors(self, hashes: list[str]) -> dict[str, np.ndarray]: ...
    def add_articles(self, items: list[tuple[Article, list[Claim], np.ndarray, bytes | None]],
                     model: str, cluster_threshold: float) -> list[tuple[str, str]]: ...
    def drop_articles(self, paths: list[str]) -> int: ...
    def rename_article(self, old_path: str, new_path: str) -> None: ...
    def neighbours(self, vectors: np.ndarray, k: int, min_similarity: float) -> list[list[Neighbour]]: ...
    # The k nearest stored texts of each stored text (embedding ids, cosine), nearest first: what the index
    # gives for a report over the whole store (embed.candidates); k at most max_k().
    def nearest_embeddings(self, embedding_ids: list[int], k: int) -> list[list[tuple[int, float]]]: ...
    def max_k(self) -> int: ...
    def claims_with_keys(self, keys: list[str]) -> list[Neighbour]: ...
    def cluster_members(self, clusters: list[int], limit: int) -> list[Neighbour]: ...
    def event_keys(self, article_ids: list[str]) -> dict[str, set[str]]: ...  # names each article mentions
    def key_frequency(self, keys: list[str]) -> dict[str, int]: ...  # in how many articles each name occurs
    def published(self, article_ids: list[str]) -> dict: ...  # article id -> date or None
    def load(self, article_ids: list[str], claim_ids: list[int] = ()) -> Loaded: ...
    def counts(self) -> dict[str, int]: ...
    def close(self) -> None: ...


def store_file(folder: Path) -> Path:
    return Path(folder) / "store.sqlite3"


def open_store(spec: Path | str, create: bool = False, root: Path | None = None) -> Store:
    """The store at `spec`: a folder (SQLite, in `spec`/store.sqlite3), or a libpq URL starting with
    postgresql:// or postgres:// (PostgreSQL with pgvector). With `create`, it is made if missing and may be
    written (index); without, it is read from one snapshot (check, baseline).

    `root` is the folder stored article paths are relative to, for a URL store (default: the current folder;
    every run against one server store should give the same one, e.g. the repository's top). A folder
    store's root is always the folder holding it, so `root` is not used for one.
    """
    if is_store_url(spec):
        from claimcheck.store.postgres import PostgresStore

        return PostgresStore(store_url(spec), Path(root) if root is not None else Path.cwd(), create=create)
    from claimcheck.store.sqlite import SqliteStore

    return SqliteStore(Path(spec), create=create)


def relative_path(path: str, root: Path) -> str:
    """A path as a store keeps it: relative to the store's root, with "/" on every platform."""
    rel = os.path.relpath(os.path.abspath(path), root)
    return rel.replace(os.sep, "/")


def find_store(start: Path) -> Path | None:
    """The nearest `.claimcheck/` holding a store, from `start` upwards (as git finds `.git`)."""
    for folder in [start, *start.parents]:
        if store_file(folder / DEFAULT_FOLDER).is_file():
            return folder / DEFAULT_FOLDER
    return None
