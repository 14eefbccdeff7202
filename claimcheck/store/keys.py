"""Lookup keys of a claim: what finds it again besides its meaning.

Office holders are compared across the whole corpus, not only between similar sentences ("X met Harbour
Board Chairman Y" and "Z, the board's chairman, said" are about different things), so the store indexes
every claim by the offices and people it names and a check looks those up directly.
"""
from __future__ import annotations

from claimcheck.extract.names import place_key
from claimcheck.records import Claim

# Names specific enough to tell one event from another: people, organisations, places, named events.
EVENT_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT"}


def lookup_keys(claim: Claim) -> set[str]:
    keys = set()
    for office in claim.offices:
        org, _, title = office.office_key.partition("|")
        if org:  # "|mayor" alone would match every mayor the corpus names
            keys.add(f"office:{office.office_key}")
            keys.add(f"org:{org}")
        if office.person_key:
            keys.add(f"person:{office.person_key}")
    return keys


def event_keys(claims) -> set[str]:
    """The names an article mentions, as keys: two articles about one event share some of them, while two
    floods in two towns ("About 1,500 residents..." / "About 4,000 residents...") share none."""
    keys = set()
    for claim in claims:
        for entity in claim.entities:
            if entity.label in EVENT_LABELS:
                key = place_key(entity.text)
                if len(key) >= 3:
                    keys.add(key)
    return keys
