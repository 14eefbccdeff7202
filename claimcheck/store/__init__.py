"""The corpus store: articles already checked, with what was extracted from them and their embeddings, so
that a new article is compared with the corpus without reading or embedding the corpus again.

    store = open_store(Path(".claimcheck"))

`Store` is the interface the `index` and `check` commands use; `SqliteStore` is the one backend today (no
server needed). A server database with a vector extension can take its place behind the same methods.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from claimcheck.records import Article, Claim

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


class Store(Protocol):
    root: Path

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


def open_store(folder: Path, create: bool = False) -> Store:
    from claimcheck.store.sqlite import SqliteStore

    return SqliteStore(Path(folder), create=create)


def find_store(start: Path) -> Path | None:
    """The nearest `.claimcheck/` holding a store, from `start` upwards (as git finds `.git`)."""
    for folder in [start, *start.parents]:
        if store_file(folder / DEFAULT_FOLDER).is_file():
            return folder / DEFAULT_FOLDER
    return None
