"""Comparators: one module per kind of conflict, each returning Findings."""
from __future__ import annotations

from claimcheck.compare.attribution import compare_attribution
from claimcheck.compare.dates import compare_dates
from claimcheck.compare.locations import compare_locations
from claimcheck.compare.negation import compare_negation
from claimcheck.compare.numeric import compare_numeric
from claimcheck.compare.offices import compare_offices


def compare_all(claims, vectors, articles, facts=(), docs=None) -> list:
    """Every comparator's findings; `vectors` rows align with `claims`; `facts` only adds explanations;
    `docs` are the sentences' spaCy docs from the extract stage, reused instead of tagging again."""
    return (
        compare_numeric(claims, vectors, articles)
        + compare_offices(claims, articles, facts)
        + compare_dates(claims, vectors, articles, docs)
        + compare_locations(claims, vectors, articles, docs)
        + compare_attribution(claims, vectors, articles)
        + compare_negation(claims, vectors, articles)
    )
