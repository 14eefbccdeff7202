"""`claimcheck report`: files in, a Report out. No printing, no options read from globals."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from claimcheck import __version__
from claimcheck.errors import ClaimcheckError
from claimcheck.pipeline.prepare import prepare, stopwatch
from claimcheck.pipeline.settings import Settings
from claimcheck.records import Report


def run(paths: Sequence[str], settings: Settings, log: Callable[[str], None] = lambda _: None,
        on_lap: Callable[[str], None] | None = None, *, engine=None) -> Report:
    """The report of the articles in `paths`; `engine` (None: a local one) analyses, embeds and compares."""
    from claimcheck.embed.encoder import resolve_model
    from claimcheck.facts import load_facts
    from claimcheck.ingest import input_digest, read_inputs
    from claimcheck.progress import bar, reached
    from claimcheck.report import memo

    timing: dict[str, float] = {}
    lap = stopwatch(timing, on_lap)

    def warn(w) -> None:
        log(f"warning: {w.path}: {w.message}")

    facts = load_facts(settings.facts) if settings.facts else ()  # a bad facts file fails before any work
    spec = resolve_model(settings.model, settings.backend, settings.cache_dir)
    key = None
    if settings.cache_dir is not None:
        with bar(None, "Hashing files", settings.show_progress, unit="file") as hashing:
            digest = input_digest(paths, settings.include, settings.exclude, settings.max_article_chars,
                                  settings.follow_links_outside, reached(hashing))
        key = memo.memo_key(digest, spec.cache_key, settings.cluster_threshold, settings.facts)
        kept = memo.load(settings.cache_dir, key, log)
        if kept is not None:  # the same files, model, settings and code as a run before: its report stands
            for s in kept.skipped:
                log(f"skipped {s.path}: {s.reason}")
            for w in kept.warnings:
                warn(w)
            lap("cached_report")
            timing.update(texts_embedded=0, texts_from_cache=0)
            return replace(kept, stats={**kept.stats, "timing": timing})
    with bar(None, "Reading files", settings.show_progress, unit="file") as reading_bar:
        reading = read_inputs(paths, settings.include, settings.exclude, settings.max_article_chars,
                              settings.follow_links_outside, reached(reading_bar))
    articles, skipped = reading.articles, reading.skipped
    for s in skipped:
        log(f"skipped {s.path}: {s.reason}")
    for w in reading.warnings:
        warn(w)
    if not articles:
        raise ClaimcheckError(f"no article could be read from {len(paths)} path(s)" + (f" ({skipped[0].path}: {skipped[0].reason})" if skipped else ""))
    lap("ingest")
    # Imported only now: a run whose report is kept never pays for the comparators (or spaCy, or torch).
    from claimcheck.cluster.claims import cluster_claims, shared_claims
    from claimcheck.embed.cache import EmbeddingCache
    from claimcheck.pipeline.engine import compare

    own_engine = engine is None  # started here, so closed here (its encoder process with it)
    if own_engine:
        from claimcheck.pipeline.local import LocalEngine

        engine = LocalEngine.from_settings(settings)
    cache = EmbeddingCache(settings.cache_dir)
    try:
        prepared = prepare(engine, articles, spec, cache, lap)
    finally:
        cache.close()
    claims, factual, vectors, docs, embed_stats = (prepared.claims, prepared.factual, prepared.vectors,
                                                   prepared.docs, prepared.embed_stats)
    clusters = cluster_claims(factual, vectors, settings.cluster_threshold)
    lap("cluster")
    by_id = {a.id: a for a in articles}
    findings = compare(engine, factual, vectors, by_id, facts, docs, log)
    if own_engine:
        engine.close()
    lap("compare")
    # What a run cost differs between a cold and a warm run, so it goes with the timings, the one part
    # of the report allowed to differ between runs over the same inputs.
    timing["texts_embedded"] = embed_stats.encoded
    timing["texts_from_cache"] = embed_stats.cached
    stats = {"sentences": len(claims), "claims": len(factual), "clusters": len(clusters), "timing": timing}
    report = Report(
        tool_version=__version__,
        articles=tuple(articles),
        findings=tuple(findings),
        skipped=tuple(skipped),
        stats=stats,
        shared=shared_claims(clusters),
        warnings=reading.warnings,
    )
    if key is not None:
        memo.save(settings.cache_dir, key, report, log)
    return report
