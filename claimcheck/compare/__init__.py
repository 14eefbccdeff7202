"""Comparators: one module per kind of conflict, each returning Findings."""
from __future__ import annotations

from claimcheck.compare.common import Guard
from claimcheck.compare.registry import Inputs, run_all


def compare_all(claims, vectors, articles, facts=(), docs=None, log=None) -> list:
    """Every registered comparator's findings (compare.registry); `vectors` rows align with `claims`; `facts`
    only adds explanations; `docs` are the sentences' spaCy docs from the extract stage, reused instead of
    tagging again.

    With `log`, a comparator that fails on one claim or group skips it, and one that fails outright gives
    no findings; either way one line goes to `log` and the other comparators' findings stand. Without
    `log`, failures propagate (for tests and callers that want to see them).
    """
    guards: list[Guard] = []

    def guard_for(kind: str) -> Guard:
        guards.append(Guard(kind, log))
        return guards[-1]

    findings = run_all(Inputs(claims, vectors, articles, facts, docs), guard_for)
    for guard in guards:
        if guard.summary():
            log(guard.summary())
    return distinct_ids(findings)


def distinct_ids(findings: list) -> list:
    """Two separate disputes can share kind, subject and values (two floods, each with "about 900" against
    "1,400" homes, in a corpus of many events); each then takes the hash of its own sentences too, which is
    as stable as the id itself: it never depends on file names, offsets or input order."""
    from collections import Counter
    from dataclasses import replace

    from claimcheck.compare.common import sentence_hash

    shared = {i for i, n in Counter(f.id for f in findings).items() if n > 1}
    out = []
    for f in findings:
        if f.id in shared:
            material = "|".join(sorted({sentence_hash(s.sentence) for s in f.statements}))
            f = replace(f, id=f"{f.id}-{sentence_hash(material)[:8]}")
        out.append(f)
    return out
