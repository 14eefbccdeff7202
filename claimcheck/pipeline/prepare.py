"""What every flow starts from: articles analysed and embedded through an engine; and the stopwatch that
times the stages."""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Prepared:
    """Articles read, segmented, extracted and embedded: what every command starts from."""

    claims: list  # every sentence's claim
    factual: list  # the ones comparators look at (facts and direct quotes)
    vectors: object  # np.ndarray, one unit-length row per factual claim
    docs: dict  # spaCy docs by sentence text
    embed_stats: object


def prepare(engine, articles, spec, cache, lap: Callable[[str], None] = lambda stage: None) -> Prepared:
    claims, docs = engine.analyse(articles, spec)
    factual = [c for c in claims if c.sentence.is_fact]
    lap("extract")
    vectors, stats = engine.embed([c.sentence.text for c in factual], spec, cache)
    lap("embed")
    return Prepared(claims, factual, vectors, docs, stats)


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
