"""The analyse stage: segment every article and extract what each sentence claims, in one process or split
between several (what the local engine runs)."""
from __future__ import annotations

from collections.abc import Callable

from claimcheck.records import Claim

PARALLEL_MIN_BLOCKS = 400  # below this, starting a second process costs more than it saves
POLL_SECONDS = 0.2  # how often the bar reads the workers' count

# The blocks the workers have analysed, while a bar shows it: a shared counter made before they are forked
# (a pool's tasks cannot carry one), so they inherit it. None when no bar is shown.
_done_in_workers = None


def analyse(articles, nlp, workers: int = 1, while_waiting: Callable[[], None] | None = None,
            show_progress: bool = False) -> tuple[list[Claim], dict]:
    """Segment every article and extract what each sentence claims, in one spaCy pass over all blocks.

    Also returns each sentence's spaCy doc by text, so comparators that need tokens reuse this pass. With
    `workers` > 1 and enough text, the articles are split between that many processes (spaCy and the
    extractors are plain Python on one core each); the result is the same either way. `while_waiting` is
    called once the workers are running (never before: no thread may run while they are forked), for work
    this process can do meanwhile. With `show_progress`, a bar on stderr counts the blocks analysed.
    """
    from claimcheck.progress import bar

    blocks = sum(len(a.blocks) for a in articles)
    with bar(blocks, "Analysing", show_progress, unit="block") as progress:
        if workers < 2 or blocks < PARALLEL_MIN_BLOCKS:
            return _analyse_here(articles, nlp, progress.update if show_progress else None)
        results = _analyse_in_workers(articles, workers, while_waiting, progress if show_progress else None)
    from claimcheck.extract.nlp import doc_list_from_bytes

    claims: list[Claim] = []
    docs: dict = {}
    for chunk_claims, texts, chunk_docs in results:
        claims.extend(chunk_claims)
        for text, doc in zip(texts, doc_list_from_bytes(chunk_docs)):
            docs.setdefault(text, doc)
    return claims, docs


def _analyse_in_workers(articles, workers: int, while_waiting, progress) -> list:
    """Each chunk's `_analyse_chunk` result, in order; `progress` (a bar, or None) follows the workers' count."""
    global _done_in_workers
    import multiprocessing
    from concurrent.futures import FIRST_EXCEPTION, wait

    from claimcheck.workers import process_pool, stopped_on_failure

    chunks = _chunks(articles, workers)
    _done_in_workers = multiprocessing.get_context("fork").Value("q", 0) if progress is not None else None
    try:
        with process_pool(len(chunks)) as pool, stopped_on_failure():
            pending = [pool.submit(_analyse_chunk, chunk) for chunk in chunks]  # with fork, every worker is started by now
            if while_waiting:
                while_waiting()
            while progress is not None:
                done, running = wait(pending, POLL_SECONDS, FIRST_EXCEPTION)
                progress.update(_done_in_workers.value - progress.n)
                if not running or any(f.exception() for f in done):
                    break
            return [f.result() for f in pending]  # in order, the first failure raised, as pool.map gives them
    finally:
        _done_in_workers = None


def _analyse_here(articles, nlp, progress: Callable[[int], None] | None = None) -> tuple[list[Claim], dict]:
    """`progress(n)`, when given, is called as each article's `n` blocks are analysed."""
    from claimcheck.extract.claims import extract_claim
    from claimcheck.segment.sentences import segment_article

    texts = [block.text for article in articles for block in article.blocks]
    # Each distinct block is tagged once: wire copy and boilerplate come back word for word. The tagging is
    # taken as the articles need it (nlp.pipe tags in the same batches either way), so progress is steady.
    tagged = zip(distinct := list(dict.fromkeys(texts)), nlp.pipe(distinct, batch_size=64))
    parsed: dict = {}

    def doc_of(text: str):
        while text not in parsed:  # distinct is in first-seen order: the next text tagged is the one wanted
            parsed.update([next(tagged)])
        return parsed[text]

    claims: list[Claim] = []
    sentence_docs: dict = {}
    for article in articles:
        article_docs = [doc_of(block.text) for block in article.blocks]
        for item in segment_article(article, article_docs):
            claims.append(extract_claim(item.sentence, item.span, article.published))
            if item.span.text == item.sentence.text:
                sentence_docs.setdefault(item.sentence.text, item.span.as_doc())
        if progress:
            progress(len(article.blocks))
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

    claims, docs = _analyse_here(articles, load_nlp(), _count_in_workers if _done_in_workers is not None else None)
    return claims, list(docs), docs_to_bytes(docs.values())


def _count_in_workers(blocks: int) -> None:
    with _done_in_workers.get_lock():
        _done_in_workers.value += blocks

