"""`claimcheck index`: bring the corpus store in line with the article files.

New files are analysed and added, changed ones replaced, renamed ones re-pointed without analysing them
again, and files deleted from a folder that was indexed are dropped. Work happens in batches, each added
in one transaction: a run that is killed keeps what it committed, and the next run goes on from there.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from claimcheck.ingest.discover import NO_SUCH_FILE
from claimcheck.ingest.names import shown_name
from claimcheck.pipeline.prepare import prepare
from claimcheck.pipeline.settings import Settings
from claimcheck.records import Skipped

BATCH_ARTICLES = 100  # analysed, embedded and committed together: bounds memory and the work a kill loses


@dataclass(frozen=True)
class IndexResult:
    added: int
    replaced: int
    unchanged: int
    renamed: int
    dropped: int
    skipped: tuple[Skipped, ...]
    texts_embedded: int
    texts_from_cache: int
    seconds: float
    held: dict  # what the store holds afterwards: articles, claims, embeddings, clusters


def _under(path: str, roots: list[str]) -> bool:
    return any(root in ("", ".") or path == root or path.startswith(root.rstrip("/") + "/") for root in roots)


def _inside_any(path: str, places: set[str]) -> bool:
    """`path` is one of `places` or lies under one (a set: one lookup per folder of `path`)."""
    if "." in places or "" in places:
        return True
    while path:
        if path in places:
            return True
        path = path.rpartition("/")[0]
    return False


def index_paths(store, paths: Sequence[str], settings: Settings, log: Callable[[str], None] = lambda _: None,
                *, engine=None) -> IndexResult:
    """Bring `store` (claimcheck.store.Store) in line with the files in `paths`; `engine` (None: a local one)
    analyses and embeds the new and changed articles."""
    from claimcheck.embed.cache import EmbeddingCache, LayeredCache
    from claimcheck.embed.encoder import resolve_model
    from claimcheck.extract.nlp import docs_to_bytes
    from claimcheck.ingest import read_inputs
    from claimcheck.progress import around_bars, bar, reached
    from claimcheck.store import relative_path
    from claimcheck.store.vectors import StoreVectors

    started = time.perf_counter()
    log = around_bars(log, settings.show_progress)  # a line said while the bar runs is not glued to it
    with bar(None, "Reading files", settings.show_progress, unit="file") as reading_bar:
        reading = read_inputs(paths, settings.include, settings.exclude, settings.max_article_chars,
                              settings.follow_links_outside, reached(reading_bar))
    articles, skipped = reading.articles, list(reading.skipped)
    for w in reading.warnings:  # read all the same: the user hears what was repaired
        log(f"warning: {w.path}: {w.message}")
    held = store.articles()
    roots = [relative_path(shown_name(p), store.root) for p in paths]
    found = {relative_path(a.path, store.root): a for a in articles}
    # Something still there that could not be read this time (a broken or looping link where a folder was, a
    # folder that cannot be listed, a link not followed) is not a deletion: what the store holds of it stays.
    unread = {relative_path(s.path, store.root) for s in skipped if s.reason != NO_SUCH_FILE}
    # Only files under a path given now can be "deleted": indexing one new file must not drop the rest.
    # Paths are kept as shown (ingest.names), so a name with undecodable bytes is "there" when it was found.
    gone = {p for p in held if p not in found and _under(p, roots) and not _inside_any(p, unread)
            and not (store.root / p).exists()}
    by_hash = {s.content_hash: s for s in held.values()}

    todo, unchanged, renamed = [], 0, 0
    for rel, article in sorted(found.items()):
        stored = held.get(rel)
        if stored and stored.content_hash == article.content_hash:
            unchanged += 1
            continue
        twin = by_hash.get(article.content_hash)
        if twin and twin.path in gone:
            store.rename_article(twin.path, rel)  # a moved file keeps its analysis
            gone.discard(twin.path)
            renamed += 1
            continue
        if twin and twin.path != rel:
            skipped.append(Skipped(article.path, f"duplicate of {twin.path}, already indexed"))
            continue
        todo.append(replace(article, path=rel))
    dropped = store.drop_articles(sorted(gone))

    spec = resolve_model(settings.model, settings.backend, settings.cache_dir)
    own_engine = engine is None  # started here, so closed here (its encoder process with it)
    if own_engine:
        from claimcheck.pipeline.local import LocalEngine

        engine = LocalEngine.from_settings(settings)
    cache = LayeredCache(StoreVectors(store), EmbeddingCache(settings.cache_dir))
    added = replaced = embedded = from_cache = 0
    with bar(len(todo), "Indexing", settings.show_progress and bool(todo), unit="article") as indexing:
        for start in range(0, len(todo), BATCH_ARTICLES):
            batch = todo[start : start + BATCH_ARTICLES]
            prepared = prepare(engine, batch, spec, cache)
            embedded += prepared.embed_stats.encoded
            from_cache += prepared.embed_stats.cached
            rows = {a.id: [] for a in batch}
            for i, claim in enumerate(prepared.factual):
                rows[claim.sentence.article_id].append(i)
            items = []
            for article in batch:
                idx = rows[article.id]
                docs = [prepared.docs[prepared.factual[i].sentence.text] for i in idx
                        if prepared.factual[i].sentence.text in prepared.docs]
                items.append((article, [prepared.factual[i] for i in idx], prepared.vectors[idx],
                              docs_to_bytes(docs) if docs else None))
            for path, outcome in store.add_articles(items, spec.cache_key, settings.cluster_threshold):
                if outcome == "added":
                    added += 1
                elif outcome == "replaced":
                    replaced += 1
                elif outcome == "already indexed":
                    unchanged += 1  # a concurrent run added it first
                else:
                    skipped.append(Skipped(path, outcome))
            indexing.update(len(batch))
            log(f"indexed {min(start + BATCH_ARTICLES, len(todo))}/{len(todo)} articles")
    if own_engine:
        engine.close()
    store.mark_indexed()  # only now is the store the corpus: `check` refuses one whose first index was killed
    return IndexResult(added, replaced, unchanged, renamed, dropped, tuple(sorted(skipped, key=lambda s: (s.path, s.reason))),
                       embedded, from_cache, round(time.perf_counter() - started, 3), store.counts())

