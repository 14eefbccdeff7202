"""Wires the stages together: files in, a Report out. No printing, no options read from globals."""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Sequence

from claimcheck import __version__
from claimcheck.errors import ClaimcheckError
from claimcheck.records import Claim, Report


@dataclass(frozen=True)
class Options:
    model: str | None = None  # None: the bundled all-MiniLM-L6-v2
    backend: str = "torch"  # or "onnx-int8": ONNX Runtime with int8 weights (claimcheck[onnx])
    cache_dir: Path | None = None  # None: no on-disk cache
    cluster_threshold: float | None = None
    facts: Path | None = None  # facts file of office holders: explains findings, never makes them
    show_progress: bool = False
    include: tuple[str, ...] = ()  # globs of article files to read
    exclude: tuple[str, ...] = ()
    max_article_chars: int | None = None  # None: claimcheck.ingest.MAX_ARTICLE_CHARS
    follow_links_outside: bool = False  # read files reached through links that lead outside the paths given


PARALLEL_MIN_BLOCKS = 400  # below this, starting a second process costs more than it saves


def analyse(articles, nlp, workers: int = 1, while_waiting: Callable[[], None] | None = None) -> tuple[list[Claim], dict]:
    """Segment every article and extract what each sentence claims, in one spaCy pass over all blocks.

    Also returns each sentence's spaCy doc by text, so comparators that need tokens reuse this pass. With
    `workers` > 1 and enough text, the articles are split between that many processes (spaCy and the
    extractors are plain Python on one core each); the result is the same either way. `while_waiting` is
    called once the workers are running (never before: no thread may run while they are forked), for work
    this process can do meanwhile.
    """
    blocks = sum(len(a.blocks) for a in articles)
    if workers < 2 or blocks < PARALLEL_MIN_BLOCKS:
        return _analyse_here(articles, nlp)
    from claimcheck.workers import process_pool, stopped_on_failure

    chunks = _chunks(articles, workers)
    with process_pool(len(chunks)) as pool, stopped_on_failure():
        pending = pool.map(_analyse_chunk, chunks)  # with fork, every worker is started by now
        if while_waiting:
            while_waiting()
        results = list(pending)
    from claimcheck.extract.nlp import doc_list_from_bytes

    claims: list[Claim] = []
    docs: dict = {}
    for chunk_claims, texts, chunk_docs in results:
        claims.extend(chunk_claims)
        for text, doc in zip(texts, doc_list_from_bytes(chunk_docs)):
            docs.setdefault(text, doc)
    return claims, docs


def _analyse_here(articles, nlp) -> tuple[list[Claim], dict]:
    from claimcheck.extract.claims import extract_claim
    from claimcheck.segment.sentences import segment_article

    texts = [block.text for article in articles for block in article.blocks]
    # Each distinct block is tagged once: wire copy and boilerplate come back word for word.
    parsed = dict(zip(distinct := list(dict.fromkeys(texts)), nlp.pipe(distinct, batch_size=64)))
    docs = iter([parsed[t] for t in texts])
    claims: list[Claim] = []
    sentence_docs: dict = {}
    for article in articles:
        article_docs = [next(docs) for _ in article.blocks]
        for item in segment_article(article, article_docs):
            claims.append(extract_claim(item.sentence, item.span, article.published))
            if item.span.text == item.sentence.text:
                sentence_docs.setdefault(item.sentence.text, item.span.as_doc())
    return claims, sentence_docs


def _chunks(articles, n: int) -> list[list]:
    """`n` runs of consecutive articles with about the same amount of text each, order kept."""
    total = sum(len(a.text) for a in articles)
    chunks, current, size = [], [], 0
    for article in articles:
        # Cut before an article when most of it would fall past this chunk's share.
        if current and len(chunks) < n - 1 and size + len(article.text) / 2 > total * (len(chunks) + 1) / n:
            chunks.append(current)
            current = []
        current.append(article)
        size += len(article.text)
    chunks.append(current)
    return chunks


def _analyse_chunk(articles) -> tuple[list[Claim], list[str], bytes]:
    """In a worker: claims, and the sentence docs with their sentences (DocBin bytes: smaller and faster
    than pickled docs; a doc's own text may keep a trailing space its sentence does not)."""
    from claimcheck.extract.nlp import docs_to_bytes, load_nlp

    claims, docs = _analyse_here(articles, load_nlp())
    return claims, list(docs), docs_to_bytes(docs.values())


def stopwatch(timing: dict, on_lap: Callable[[str], None] | None = None) -> Callable[[str], None]:
    """`lap(stage)` records the seconds since the previous lap (or since the stopwatch started) in `timing`,
    then calls `on_lap(stage)` (benchmarks hang their memory probe there)."""
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timing[stage] = round(now - clock, 3)
        clock = now
        if on_lap:
            on_lap(stage)

    return lap


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class Prepared:
    """Articles read, segmented, extracted and embedded: what every command starts from."""

    claims: list  # every sentence's claim
    factual: list  # the ones comparators look at (facts and direct quotes)
    vectors: object  # np.ndarray, one unit-length row per factual claim
    docs: dict  # spaCy docs by sentence text
    embed_stats: object


def preload_encoder(spec):
    """Import torch and load the model in a thread, while the spaCy workers run: this process only waits
    for them, and the import alone costs seconds. A run with everything cached never gets here (its report
    is kept), and a new article almost always brings sentences to encode. A failure is left for the embed
    stage to report."""
    import threading

    from claimcheck.embed.encoder import preload

    thread = threading.Thread(target=preload, args=(spec,), name="load-encoder", daemon=True)
    thread.start()
    return thread


def prepare(articles, spec, cache, show_progress: bool = False, lap=lambda stage: None) -> Prepared:
    from claimcheck.embed import embed_texts
    from claimcheck.extract.nlp import load_nlp

    loading = []
    claims, docs = analyse(articles, load_nlp(), workers=available_cores(),
                           while_waiting=lambda: loading.append(preload_encoder(spec)))
    factual = [c for c in claims if c.sentence.is_fact]
    lap("extract")
    for thread in loading:
        thread.join()
    vectors, stats = embed_texts([c.sentence.text for c in factual], spec, cache, show_progress)
    lap("embed")
    return Prepared(claims, factual, vectors, docs, stats)


def run(paths: Sequence[str], options: Options, log: Callable[[str], None] = lambda _: None,
        on_lap: Callable[[str], None] | None = None) -> Report:
    from claimcheck.cluster.claims import DEFAULT_THRESHOLD
    from claimcheck.embed.encoder import resolve_model
    from claimcheck.ingest import input_digest, read_articles
    from claimcheck.report import memo

    timing: dict[str, float] = {}
    lap = stopwatch(timing, on_lap)

    from claimcheck.facts import load_facts

    facts = load_facts(options.facts) if options.facts else ()  # a bad facts file fails before any work
    spec = resolve_model(options.model, options.backend, options.cache_dir)
    threshold = options.cluster_threshold or DEFAULT_THRESHOLD
    key = None
    if options.cache_dir is not None:
        key = memo.memo_key(input_digest(paths, options.include, options.exclude, options.max_article_chars,
                                         options.follow_links_outside),
                            spec.cache_key, threshold,
                            options.facts)
        kept = memo.load(options.cache_dir, key, log)
        if kept is not None:  # the same files, model, settings and code as a run before: its report stands
            for s in kept.skipped:
                log(f"skipped {s.path}: {s.reason}")
            lap("cached_report")
            timing.update(texts_embedded=0, texts_from_cache=0)
            return replace(kept, stats={**kept.stats, "timing": timing})
    articles, skipped = read_articles(paths, options.include, options.exclude, options.max_article_chars,
                                      options.follow_links_outside)
    for s in skipped:
        log(f"skipped {s.path}: {s.reason}")
    if not articles:
        raise ClaimcheckError(f"no article could be read from {len(paths)} path(s)" + (f" ({skipped[0].path}: {skipped[0].reason})" if skipped else ""))
    lap("ingest")
    # Imported only now: a run whose report is kept never pays for the comparators (or spaCy, or torch).
    from claimcheck.cluster.claims import cluster_claims, shared_claims
    from claimcheck.compare import compare_all
    from claimcheck.embed.cache import EmbeddingCache

    cache = EmbeddingCache(options.cache_dir)
    try:
        prepared = prepare(articles, spec, cache, options.show_progress, lap)
    finally:
        cache.close()
    claims, factual, vectors, docs, embed_stats = (prepared.claims, prepared.factual, prepared.vectors,
                                                   prepared.docs, prepared.embed_stats)
    clusters = cluster_claims(factual, vectors, threshold)
    lap("cluster")
    by_id = {a.id: a for a in articles}
    findings = compare_all(factual, vectors, by_id, facts, docs, log)
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
    )
    if key is not None:
        memo.save(options.cache_dir, key, report, log)
    return report
