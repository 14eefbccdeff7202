"""Wires the stages together: files in, a Report out. No printing, no options read from globals."""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from claimcheck import __version__
from claimcheck.errors import ClaimcheckError
from claimcheck.records import Claim, Report


@dataclass(frozen=True)
class Options:
    model: str | None = None  # None: the bundled all-MiniLM-L6-v2
    cache_dir: Path | None = None  # None: no on-disk cache
    cluster_threshold: float | None = None
    facts: Path | None = None  # facts file of office holders: explains findings, never makes them
    show_progress: bool = False
    include: tuple[str, ...] = ()  # globs of article files to read
    exclude: tuple[str, ...] = ()


def analyse(articles, nlp) -> tuple[list[Claim], dict]:
    """Segment every article and extract what each sentence claims, in one spaCy pass over all blocks.

    Also returns each sentence's spaCy doc by text, so comparators that need tokens reuse this pass.
    """
    from claimcheck.extract.claims import extract_claim
    from claimcheck.segment.sentences import segment_article

    texts = [block.text for article in articles for block in article.blocks]
    docs = iter(nlp.pipe(texts, batch_size=64))
    claims: list[Claim] = []
    sentence_docs: dict = {}
    for article in articles:
        article_docs = [next(docs) for _ in article.blocks]
        for item in segment_article(article, article_docs):
            claims.append(extract_claim(item.sentence, item.span, article.published))
            if item.span.text == item.sentence.text:
                sentence_docs.setdefault(item.sentence.text, item.span.as_doc())
    return claims, sentence_docs


def stopwatch(timing: dict) -> Callable[[str], None]:
    """`lap(stage)` records the seconds since the previous lap (or since the stopwatch started) in `timing`."""
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timing[stage] = round(now - clock, 3)
        clock = now

    return lap


@dataclass(frozen=True)
class Prepared:
    """Articles read, segmented, extracted and embedded: what every command starts from."""

    claims: list  # every sentence's claim
    factual: list  # the ones comparators look at (facts and direct quotes)
    vectors: object  # np.ndarray, one unit-length row per factual claim
    docs: dict  # spaCy docs by sentence text
    embed_stats: object


def prepare(articles, spec, cache, show_progress: bool = False, lap=lambda stage: None) -> Prepared:
    from claimcheck.embed import embed_texts
    from claimcheck.extract.nlp import load_nlp

    claims, docs = analyse(articles, load_nlp())
    factual = [c for c in claims if c.sentence.is_fact]
    lap("extract")
    vectors, stats = embed_texts([c.sentence.text for c in factual], spec, cache, show_progress)
    lap("embed")
    return Prepared(claims, factual, vectors, docs, stats)


def run(paths: Sequence[str], options: Options, log: Callable[[str], None] = lambda _: None) -> Report:
    from claimcheck.cluster.claims import DEFAULT_THRESHOLD, cluster_claims
    from claimcheck.compare import compare_all
    from claimcheck.embed.cache import EmbeddingCache
    from claimcheck.embed.encoder import resolve_model
    from claimcheck.ingest import read_articles

    timing: dict[str, float] = {}
    lap = stopwatch(timing)

    from claimcheck.facts import load_facts

    facts = load_facts(options.facts) if options.facts else ()  # a bad facts file fails before any work
    articles, skipped = read_articles(paths, options.include, options.exclude)
    for s in skipped:
        log(f"skipped {s.path}: {s.reason}")
    if not articles:
        raise ClaimcheckError(f"no article could be read from {len(paths)} path(s)" + (f" ({skipped[0].path}: {skipped[0].reason})" if skipped else ""))
    lap("ingest")
    spec = resolve_model(options.model)
    cache = EmbeddingCache(options.cache_dir)
    try:
        prepared = prepare(articles, spec, cache, options.show_progress, lap)
    finally:
        cache.close()
    claims, factual, vectors, docs, embed_stats = (prepared.claims, prepared.factual, prepared.vectors,
                                                   prepared.docs, prepared.embed_stats)
    clusters = cluster_claims(factual, vectors, options.cluster_threshold or DEFAULT_THRESHOLD)
    lap("cluster")
    by_id = {a.id: a for a in articles}
    findings = compare_all(factual, vectors, by_id, facts, docs)
    lap("compare")
    # What a run cost differs between a cold and a warm run, so it goes with the timings, the one part
    # of the report allowed to differ between runs over the same inputs.
    timing["texts_embedded"] = embed_stats.encoded
    timing["texts_from_cache"] = embed_stats.cached
    stats = {"sentences": len(claims), "claims": len(factual), "clusters": len(clusters), "timing": timing}
    return Report(
        tool_version=__version__,
        articles=tuple(articles),
        findings=tuple(findings),
        skipped=tuple(skipped),
        stats=stats,
    )
