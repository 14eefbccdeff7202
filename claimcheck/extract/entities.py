"""Named entities of one sentence, as spaCy's small English model finds them."""
from __future__ import annotations

from claimcheck.records import Entity

KEPT = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "DATE", "LAW", "PRODUCT"}


def extract_entities(span) -> tuple[Entity, ...]:
    base = span[0].idx if len(span) else 0
    return tuple(
        Entity(text=e.text, label=e.label_, start=e.start_char - base, end=e.end_char - base)
        for e in span.ents
        if e.label_ in KEPT
    )
