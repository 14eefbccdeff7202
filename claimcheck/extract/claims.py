"""Run every extractor over one sentence and bundle what they found into a Claim."""
from __future__ import annotations

from datetime import date

from claimcheck.extract.dates import extract_dates
from claimcheck.extract.entities import extract_entities
from claimcheck.extract.offices import extract_offices
from claimcheck.extract.predicates import describe_all
from claimcheck.extract.quantities import extract_quantities
from claimcheck.extract.speakers import speaker_of
from claimcheck.records import Claim, Sentence


def extract_claim(sentence: Sentence, span, published: date | None) -> Claim:
    """Everything the extractors can tell about one sentence."""
    if not sentence.is_fact:
        # Headings, questions and interview turns are kept for the record but not mined for facts.
        return Claim(sentence=sentence)
    return Claim(
        sentence=sentence,
        entities=extract_entities(span),
        quantities=describe_all(span, extract_quantities(span)),
        offices=extract_offices(span),
        dates=extract_dates(span, published),
        speaker=speaker_of(sentence.text),
    )
