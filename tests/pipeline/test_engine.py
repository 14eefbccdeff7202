"""The engine seam: engines by name, and the compare stage split into blocks that give what compare_all gives,
also when a block is pickled and run in a fresh interpreter (as a remote engine runs it)."""
from __future__ import annotations

import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor

import pytest

from claimcheck.compare import compare_all
from claimcheck.compare.registry import PLUGINS
from claimcheck.embed.cache import EmbeddingCache
from claimcheck.errors import ClaimcheckError
from claimcheck.ingest import read_articles
from claimcheck.pipeline import engine as engines
from claimcheck.pipeline.engine import (
    CompareBlock,
    Compared,
    CompareJob,
    compare,
    open_engine,
    plan_blocks,
    run_block,
)
from claimcheck.pipeline.local import LocalEngine
from claimcheck.pipeline.prepare import prepare
from claimcheck.pipeline.settings import Settings
from tests.conftest import FIXTURES

# One conflict of every kind among them.
SETS = ("flood-figure-conflict", "mayor-office-conflict", "ferry-date-conflict", "museum-location-conflict",
        "union-quote-attribution", "plant-closure-negation", "election-night-mixed")


@pytest.fixture(scope="module")
def job(model_spec, embedding_cache):
    articles, _ = read_articles([str(FIXTURES / name) for name in SETS])
    cache = EmbeddingCache(embedding_cache)
    try:
        prepared = prepare(LocalEngine(), articles, model_spec, cache)
    finally:
        cache.close()
    return CompareJob(tuple(prepared.factual), prepared.vectors, {a.id: a for a in articles}, (), prepared.docs)


def test_engines_are_found_by_name_and_a_missing_one_says_what_to_install(monkeypatch):
    assert isinstance(open_engine(Settings()), LocalEngine)
    monkeypatch.setitem(engines.ENGINES, "ray", ("claimcheck.pipeline.no_such_engine", "RayEngine",
                                                 "pip install 'claimcheck[scale]'"))
    with pytest.raises(ClaimcheckError, match=r"^the Ray engine needs `pip install 'claimcheck\[scale\]'`"):
        open_engine(Settings(engine="ray"))
    with pytest.raises(ClaimcheckError, match="unknown engine 'nosuch'"):
        open_engine(Settings(engine="nosuch"))


def test_one_block_a_comparator_gives_what_compare_all_gives(job):
    assert [b.comparators for b in plan_blocks(job)] == [(p.module,) for p in PLUGINS]
    expected = compare_all(list(job.claims), job.vectors, job.articles, job.facts, job.docs, log=lambda _: None)
    assert {f.kind for f in expected} >= {"numeric", "entity_role", "date", "location", "attribution", "negation"}
    lines: list[str] = []
    assert compare(LocalEngine(), job.claims, job.vectors, job.articles, job.facts, job.docs, lines.append) == expected
    assert lines == []


def test_a_block_of_rows_compares_only_those_claims(job):
    ids = {i for i, a in job.articles.items() if "flood-figure-conflict" in a.path}
    flood = tuple(r for r, c in enumerate(job.claims) if c.sentence.article_id in ids)
    everything = [p.module for p in PLUGINS]
    [alone] = LocalEngine().compare(job, [CompareBlock(tuple(everything), flood)])
    claims = [job.claims[r] for r in flood]
    assert list(alone.findings) == compare_all(claims, job.vectors[list(flood)], job.articles, (), job.docs,
                                               log=lambda _: None)
    assert alone.findings and all(s.article_id in ids for f in alone.findings for s in f.statements)


def _pickled_block(data: bytes) -> bytes:
    job, block = pickle.loads(data)
    return pickle.dumps(run_block(job, block))


def test_a_block_pickled_to_a_fresh_interpreter_gives_the_same_result(job):
    """What a remote engine does: the job and a block cross as pickles, the result comes back as one."""
    block = CompareBlock(("numeric", "dates", "negation"))
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        remote = pickle.loads(pool.submit(_pickled_block, pickle.dumps((job, block))).result(timeout=600))
    assert isinstance(remote, Compared) and remote.findings
    assert remote == run_block(job, block)
