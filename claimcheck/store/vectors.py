"""Any store's vectors as a read-only layer of the embedding cache: a sentence the corpus already holds is
never embedded again, whichever backend holds it."""
from __future__ import annotations

import numpy as np

from claimcheck.embed.encoder import vector_family


class StoreVectors:
    """A read-only cache layer (see embed.cache.LayeredCache) over a Store's `known_vectors`."""

    def __init__(self, store):
        self._store = store

    def get_many(self, model: str, hashes: list[str]) -> dict[str, np.ndarray]:
        held = self._store.model()
        return self._store.known_vectors(hashes) if held and vector_family(held) == vector_family(model) else {}

    def put_many(self, model: str, items) -> None:
        pass  # a store takes vectors only with their claims, in add_articles
