"""`claimcheck check`: the new articles against each other and against the related part of the corpus.

Only the new articles are read, segmented and embedded; stored articles come back from the store with
their claims, vectors and spaCy docs. Findings in which no new article takes part are left out: the corpus
was checked when it was indexed.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from claimcheck import __version__
from claimcheck.errors import ClaimcheckError
from claimcheck.pipeline.prepare import prepare, stopwatch
from claimcheck.pipeline.settings import Settings
from claimcheck.records import Report


@dataclass(frozen=True)
class CheckResult:
    report: Report  # its findings all involve a new article; baseline findings already left out
    new_articles: tuple[str, ...]  # ids
    suppressed: int  # findings the baseline holds

    def failing(self, fail_on: str) -> int:
        from claimcheck.report.build import SEVERITY_RANK

        return sum(SEVERITY_RANK[f.severity] <= SEVERITY_RANK[fail_on] for f in self.report.findings)


def check_paths(store, paths: Sequence[str], settings: Settings, facts=(), baseline=None,
                log: Callable[[str], None] = lambda _: None, *, engine=None) -> CheckResult:
    """Check the articles in `paths` against `store` (claimcheck.store.Store) and each other. `facts` are the
    facts file's terms, loaded by the caller before the store is opened; `baseline` (gate.baseline.Baseline)
    holds findings to leave out; `engine` (None: a local one) analyses, embeds and compares."""
    import numpy as np

    from claimcheck.cluster.claims import cluster_claims, shared_claims
    from claimcheck.embed.cache import EmbeddingCache, LayeredCache
    from claimcheck.embed.encoder import resolve_model, vector_family
    from claimcheck.gate.related import related
    from claimcheck.ingest import read_inputs
    from claimcheck.pipeline.engine import compare
    from claimcheck.progress import bar, reached
    from claimcheck.store import relative_path
    from claimcheck.store.vectors import StoreVectors

    if not store.index_finished():
        raise ClaimcheckError(f"store {store.path}: its first `claimcheck index` did not finish, so it is not the "
                              f"corpus yet: run `claimcheck index` again")
    timing: dict[str, float] = {}
    lap = stopwatch(timing)

    with bar(None, "Reading files", settings.show_progress, unit="file") as reading_bar:
        reading = read_inputs(paths, settings.include, settings.exclude, settings.max_article_chars,
                              settings.follow_links_outside, reached(reading_bar))
    articles, skipped = reading.articles, reading.skipped
    if not articles:  # said in one line by the caller (nothing_to_check_line), not a line per file
        return _nothing_to_check(store, paths, reading)
    for s in skipped:
        log(f"skipped {s.path}: {s.reason}")
    for w in reading.warnings:
        log(f"warning: {w.path}: {w.message}")
    held = store.articles()
    by_hash = {s.content_hash: s for s in held.values()}
    # A new article already in the store (indexed before the check, or an older version at the same path)
    # is compared with the rest of the corpus, never with itself.
    own = {held[p].id for a in articles if (p := relative_path(a.path, store.root)) in held}
    own |= {by_hash[a.content_hash].id for a in articles if a.content_hash in by_hash}
    stored_ids = {s.id for s in held.values()} - own  # an article's own stored copy is never shown beside it
    articles = [replace(a, id=_fresh_id(a.id, stored_ids)) for a in articles]
    lap("ingest")

    spec = resolve_model(settings.model, settings.backend, settings.cache_dir)
    model = store.model()
    if model is not None and vector_family(model) != vector_family(spec.cache_key):
        raise ClaimcheckError(f"store {store.path} was built with model {model!r}, not {spec.cache_key!r}: "
                              f"check with the model the corpus was indexed with")
    own_engine = engine is None  # started here, so closed here (its encoder process with it)
    if own_engine:
        from claimcheck.pipeline.local import LocalEngine

        engine = LocalEngine.from_settings(settings)
    user_cache = EmbeddingCache(settings.cache_dir)
    try:
        new = prepare(engine, articles, spec, LayeredCache(StoreVectors(store), user_cache), lap)
    finally:
        user_cache.close()
    threshold = settings.cluster_threshold
    whole, office_claims = related(store, new.factual, new.vectors, threshold, own, len(held),
                                  [a.published for a in articles])
    corpus = store.load(whole, office_claims)
    lap("related")

    claims = list(new.factual) + list(corpus.claims)
    vectors = np.concatenate([new.vectors.reshape(len(new.factual), -1), corpus.vectors.reshape(len(corpus.claims), -1)]) \
        if len(corpus.claims) else new.vectors
    corpus_articles = [replace(a, path=_shown(a.path, store.root)) for a in corpus.articles]
    by_id = {a.id: a for a in [*articles, *corpus_articles]}
    docs = {**corpus.docs, **new.docs}
    new_ids = {a.id for a in articles}
    findings = [f for f in compare(engine, claims, vectors, by_id, facts, docs, log)
                if any(s.article_id in new_ids for s in f.statements)]
    if own_engine:
        engine.close()
    lap("compare")
    suppressed = 0
    if baseline is not None:
        kept = [f for f in findings if not baseline.holds(f)]
        suppressed = len(findings) - len(kept)
        findings = kept
    cited = {s.article_id for f in findings for s in f.statements}
    shown = [*articles, *(a for a in corpus_articles if a.id in cited)]
    timing["texts_embedded"] = new.embed_stats.encoded
    timing["texts_from_cache"] = new.embed_stats.cached
    stats = {"sentences": len(new.claims), "claims": len(new.factual), "timing": timing,
             "corpus_articles": len(held), "compared_articles": len(corpus.articles)}
    # The claims the new articles share with the articles shown: the picture of who agrees with whom.
    shared = shared_claims(cluster_claims(claims, vectors, threshold), {a.id for a in shown})
    shared = tuple(c for c in shared if any(m.article_id in new_ids for m in c.mentions))
    report = Report(__version__, tuple(shown), tuple(findings), tuple(skipped), stats, shared, reading.warnings)
    return CheckResult(report, tuple(sorted(new_ids)), suppressed)


def nothing_to_check_line(result: CheckResult) -> str | None:
    """The one line a check with no new article to read says instead of a result; None for any other check."""
    if result.new_articles:
        return None
    skipped = result.report.skipped
    first = f" ({skipped[0].path}: {skipped[0].reason})" if skipped else ""
    return f"nothing to check: {len(skipped)} file(s) skipped{first}"


def _nothing_to_check(store, paths: Sequence[str], reading) -> CheckResult:
    """Every path was skipped: nothing in it is an article (a commit of images, a config file, a draft in
    another language). A pre-commit hook passes whatever was staged, so that is a clean check (exit 0), not a
    failure. A path that is not there at all is a mistake in the command or the workflow, and stays one."""
    from claimcheck.ingest.discover import NO_SUCH_FILE

    missing = [s for s in reading.skipped if s.reason == NO_SUCH_FILE]
    if missing:
        raise ClaimcheckError(f"no new article could be read from {len(paths)} path(s) ({missing[0].path}: "
                              f"{missing[0].reason})")
    stats = {"sentences": 0, "claims": 0, "timing": {}, "corpus_articles": len(store.articles()),
             "compared_articles": 0}
    report = Report(__version__, (), (), reading.skipped, stats, (), reading.warnings)
    return CheckResult(report, (), 0)


def _fresh_id(wanted: str, taken: set[str]) -> str:
    """New articles keep their own id unless the corpus already uses it for another article."""
    candidate, n = wanted, 1
    while candidate in taken:
        n += 1
        candidate = f"{wanted}~new{'' if n == 2 else n - 1}"
    return candidate


def _shown(stored: str, root) -> str:
    """A stored path (relative to the store's root) as seen from the current folder."""
    return os.path.relpath(os.path.join(root, stored)).replace(os.sep, "/")
