"""`claimcheck report --store`: the report of everything a store holds, with no file read and no text embedded.

The store already holds each article's claims, vectors and spaCy docs, so this flow only compares. Its pairs
come from the store's vector index (`embed.candidates`), not from a matrix of similarities or a fixed number
of partners per sentence: a store of any size is clustered and compared on the pairs its index finds above
the lowest similarity any stage uses.
"""
from __future__ import annotations

from collections.abc import Callable

from claimcheck import __version__
from claimcheck.errors import ClaimcheckError
from claimcheck.pipeline.prepare import stopwatch
from claimcheck.pipeline.settings import Settings
from claimcheck.records import Report


def run_store(store, settings: Settings, log: Callable[[str], None] = lambda _: None,
              on_lap: Callable[[str], None] | None = None, *, engine=None) -> Report:
    """The report of every article in `store`; `engine` (None: a local one) runs the comparators."""
    from claimcheck.cluster.claims import cluster_claims, shared_claims
    from claimcheck.embed.candidates import from_store
    from claimcheck.facts import load_facts
    from claimcheck.gate.related import MIN_SIMILARITY
    from claimcheck.pipeline.engine import compare
    from claimcheck.progress import bar

    timing: dict[str, float] = {}
    lap = stopwatch(timing, on_lap)
    facts = load_facts(settings.facts) if settings.facts else ()
    stored = store.articles()
    if not stored:
        raise ClaimcheckError(f"the store {store.path} holds no article yet: run `claimcheck index` first")
    loaded = store.load(sorted(a.id for a in stored.values()))
    lap("load")
    # Down to the lowest cosine at which any comparator (or the clustering) pairs two sentences.
    texts = len(set(loaded.embedding_ids))  # from_store moves the bar once a distinct text
    with bar(texts, "Finding pairs", settings.show_progress, unit="sentence") as pairing:
        candidates = from_store(store, loaded.embedding_ids, min(MIN_SIMILARITY, 1.0 - settings.cluster_threshold),
                                progress=pairing.update)
    if candidates.capped:
        log(f"note: {candidates.capped} sentence(s) had more than {store.max_k()} near sentences in the store; "
            "each kept its nearest")
    lap("pairs")
    claims, vectors = list(loaded.claims), loaded.vectors
    clusters = cluster_claims(claims, vectors, settings.cluster_threshold, candidates=candidates)
    lap("cluster")
    if engine is None:
        from claimcheck.pipeline.local import LocalEngine

        engine = LocalEngine.from_settings(settings)
    by_id = {a.id: a for a in loaded.articles}
    findings = compare(engine, claims, vectors, by_id, facts, loaded.docs, log, candidates=candidates)
    lap("compare")
    timing.update(texts_embedded=0, texts_from_cache=0)
    stats = {"sentences": len(claims), "claims": len(claims), "clusters": len(clusters), "timing": timing}
    return Report(tool_version=__version__, articles=tuple(loaded.articles), findings=tuple(findings), skipped=(),
                  stats=stats, shared=shared_claims(clusters))
