"""Where the heavy stages run: the `Engine` protocol, the records it takes and gives, and the engines by name.

An engine does three things for the flows (report, index, check), which do everything else (reading files,
caches, the store, clustering, the report) in this process:

    analyse(articles, spec)        -> (claims, docs)       segment and extract; spaCy
    embed(texts, spec, cache)      -> (vectors, EmbedStats) the sentence vectors; the model
    compare(job, blocks)           -> [Compared, ...]       the comparators, one result per block

Whatever crosses an engine's boundary is a plain record that pickles: Articles, Claims, numpy arrays,
CompareJob / CompareBlock / Compared, findings, strings. Three things stay in this process: spaCy docs come
back as docs (an engine may carry them as DocBin bytes, as the local one does between its processes), the
embedding cache (an engine looks up and stores vectors here and sends only the misses out), and logging
(warnings come back as lines in `Compared`, and the flow logs them).

An engine is made cheap (`from_settings` starts nothing: a report kept from an earlier run never pays for a
cluster) and `close()` releases what it started. A new engine is one module whose class has
`from_settings(settings)`, named in ENGINES; the module imports its own dependencies at its top, so a
missing extra is one line before any work.
"""
from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from claimcheck.errors import ClaimcheckError

if TYPE_CHECKING:
    import numpy as np

    from claimcheck.embed import EmbedStats
    from claimcheck.embed.encoder import ModelSpec
    from claimcheck.pipeline.settings import Settings
    from claimcheck.records import Article, Claim, Finding

# name -> (module, class, what to install when the module cannot be imported)
ENGINES: dict[str, tuple[str, str, str]] = {
    "local": ("claimcheck.pipeline.local", "LocalEngine", ""),
    "ray": ("claimcheck.pipeline.ray_engine", "RayEngine", "pip install 'claimcheck[scale]'"),
}


@dataclass(frozen=True)
class CompareJob:
    """What the comparators read, sent once for all the blocks of one comparison (Inputs of compare.registry)."""

    claims: tuple  # the factual claims
    vectors: object  # np.ndarray, one unit-length row per claim
    articles: dict  # article id -> Article
    facts: tuple = ()  # the facts file's terms: they explain findings, never make them
    docs: dict | None = None  # sentence text -> spaCy doc, from the analyse stage
    candidates: object = None  # embed.candidates.Candidates from a store's vector index (None: found per block)


@dataclass(frozen=True)
class CompareBlock:
    """One unit of comparison work: these comparators (compare.registry Plugin.module names, in registry
    order) over these claims (rows of the job; None: all). A block's findings only involve its rows, so a
    block of rows must hold every claim its comparators could pair with one of them."""

    comparators: tuple[str, ...]
    rows: tuple[int, ...] | None = None


@dataclass(frozen=True)
class Compared:
    """One block's findings, in registry order, and its warnings: a comparator that failed on part of the
    claims (or outright) is one line each, and the flow logs them."""

    findings: tuple
    warnings: tuple[str, ...] = ()


class Engine(Protocol):
    name: str

    @classmethod
    def from_settings(cls, settings: Settings) -> Engine: ...

    def analyse(self, articles: Sequence[Article], spec: ModelSpec | None = None) -> tuple[list[Claim], dict]:
        """Every article's sentences and their claims, in article order (what segment + extract give), and
        the sentences' spaCy docs by text. `spec` names the model `embed` will use next, for an engine that
        loads it meanwhile."""

    def embed(self, texts: Sequence[str], spec: ModelSpec, cache) -> tuple[np.ndarray, EmbedStats]:
        """One unit-length vector per text, rows in the order given. `cache` (get_many/put_many by model
        key and text hash, embed.cache) lives in this process: only texts it does not hold are encoded,
        and it is given what was."""

    def compare(self, job: CompareJob, blocks: Sequence[CompareBlock]) -> list[Compared]:
        """Each block's `run_block(job, block)`, in the order of `blocks`."""

    def close(self) -> None: ...


def open_engine(settings: Settings) -> Engine:
    """The engine `settings.engine` names; a missing optional dependency is one line saying what to install."""
    try:
        module, cls, extra = ENGINES[settings.engine]
    except KeyError:
        raise ClaimcheckError(f"unknown engine {settings.engine!r}: give --engine {' or '.join(ENGINES)}") from None
    try:
        found = importlib.import_module(module)
    except ImportError as exc:
        if not extra:
            raise
        raise ClaimcheckError(f"the {settings.engine.capitalize()} engine needs `{extra}` ({exc})") from None
    return getattr(found, cls).from_settings(settings)


def plan_blocks(job: CompareJob) -> list[CompareBlock]:
    """One block a comparator, over all claims: each comparator reads the whole job (an office has one
    holder across the corpus), so the blocks are exact, and an engine may run them side by side."""
    from claimcheck.compare.registry import PLUGINS

    return [CompareBlock((plugin.module,)) for plugin in PLUGINS]


def run_block(job: CompareJob, block: CompareBlock) -> Compared:
    """The comparators of `block` over its rows, each under a Guard of its own, as compare_all runs them: a
    failure on one claim or group skips it, and one line says so. Runs wherever the engine puts it."""
    import numpy as np

    from claimcheck.compare.common import Guard
    from claimcheck.compare.registry import PLUGINS, Inputs

    claims, vectors = list(job.claims), job.vectors
    if block.rows is not None:
        if job.candidates is not None:
            raise ValueError("a block of rows cannot take the job's candidate pairs: they number the job's rows")
        rows = list(block.rows)
        claims = [claims[r] for r in rows]
        vectors = np.asarray(vectors)[rows]
    # Given only when there are some, so a registry without the field still reads the job.
    extra = {"candidates": job.candidates} if job.candidates is not None else {}
    inputs = Inputs(claims, vectors, job.articles, job.facts, job.docs, **extra)
    findings: list = []
    warnings: list[str] = []
    for plugin in PLUGINS:
        if plugin.module in block.comparators:
            guard = Guard(plugin.kind, lambda _: None)  # catches; its summary() is the one line
            findings += guard.run_all(lambda g, plugin=plugin: plugin.load()(inputs, g))
            if line := guard.summary():
                warnings.append(line)
    return Compared(tuple(findings), tuple(warnings))


def run_blocks(job: CompareJob, blocks: Sequence[CompareBlock], show_progress: bool = False) -> list[Compared]:
    """Each block's `run_block`, one after another in this process (the local engine's compare); with
    `show_progress`, a bar on stderr counts the blocks and names the comparators running."""
    from claimcheck.progress import bar

    results = []
    with bar(len(blocks), "Comparing", show_progress, unit="block") as progress:
        for block in blocks:
            progress.set_postfix_str(", ".join(block.comparators))
            results.append(run_block(job, block))
            progress.update()
    return results


def compare(engine: Engine, claims, vectors, articles: dict, facts=(), docs=None, log=lambda _: None,
            candidates=None) -> list[Finding]:
    """The compare stage through `engine`: what compare.compare_all gives, blocks merged in order."""
    from claimcheck.compare import distinct_ids

    job = CompareJob(tuple(claims), vectors, articles, tuple(facts), docs, candidates)
    results = engine.compare(job, plan_blocks(job))
    for result in results:
        for line in result.warnings:
            log(line)
    return distinct_ids([f for result in results for f in result.findings])
