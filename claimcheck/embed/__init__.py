"""Embedding stage: each distinct text is encoded once, and never again while the cache holds it."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from claimcheck.embed.cache import EmbeddingCache, text_hash
from claimcheck.embed.encoder import ModelSpec, encode


@dataclass(frozen=True)
class EmbedStats:
    texts: int  # texts asked for
    distinct: int  # distinct among them
    cached: int  # found in the cache
    encoded: int  # sent to the model


def embed_texts(texts: list[str], spec: ModelSpec, cache: EmbeddingCache, show_progress: bool = False,
                encoder=None):
    """One unit-length vector per text (rows in the order given) and what it cost. `encoder`
    (embed.encoder_process) encodes in another process when it can."""
    hashes = [text_hash(t) for t in texts]
    distinct = dict(zip(hashes, texts))
    vectors = cache.get_many(spec.cache_key, list(distinct))
    missing = [h for h in distinct if h not in vectors]
    if missing:
        wanted = [distinct[h] for h in missing]
        fresh = encoder.encode(wanted) if encoder is not None else None
        if fresh is None:
            fresh = encode(spec, wanted, show_progress=show_progress)
        new = dict(zip(missing, fresh))
        cache.put_many(spec.cache_key, new)
        vectors.update(new)
    matrix = np.stack([vectors[h] for h in hashes]) if hashes else np.zeros((0, 384), dtype=np.float32)
    return matrix, EmbedStats(len(texts), len(distinct), len(distinct) - len(missing), len(missing))
