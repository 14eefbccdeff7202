"""Comparators: one module per kind of conflict, each returning Findings."""
from __future__ import annotations

from claimcheck.compare.attribution import compare_attribution
from claimcheck.compare.common import Guard
from claimcheck.compare.dates import compare_dates
from claimcheck.compare.locations import compare_locations
from claimcheck.compare.negation import compare_negation
from claimcheck.compare.numeric import compare_numeric
from claimcheck.compare.offices import compare_offices


def compare_all(claims, vectors, articles, facts=(), docs=None, log=None) -> list:
    """Every comparator's findings; `vectors` rows align with `claims`; `facts` only adds explanations;
    `docs` are the sentences' spaCy docs from the extract stage, reused instead of tagging again.

    With `log`, a comparator that fails on one claim or group skips it, and one that fails outright gives
    no findings; either way one line goes to `log` and the other comparators' findings stand. Without
    `log`, failures propagate (for tests and callers that want to see them).
    """
    comparators = (
        ("numeric", lambda g: compare_numeric(claims, vectors, articles, guard=g)),
        ("entity_role", lambda g: compare_offices(claims, articles, facts, guard=g)),
        ("date", lambda g: compare_dates(claims, vectors, articles, docs, guard=g)),
        ("location", lambda g: compare_locations(claims, vectors, articles, docs, guard=g)),
        ("attribution", lambda g: compare_attribution(claims, vectors, articles, guard=g)),
        ("negation", lambda g: compare_negation(claims, vectors, articles, guard=g)),
    )
    findings = []
    for kind, compare in comparators:
        guard = Guard(kind, log)
        findings += guard.run_all(compare)
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
