"""One source asserts what another denies: a table of sentence pairs, each a conflict or a look-alike."""
import pytest

from claimcheck.compare.negation import compare_negation

# (sentence in article a, sentence in article b, expected severity or None for no finding)
ROWS = [
    # Plain assert against deny, in the article's own voice or from one speaker.
    ("The harbour minister confirmed the fish plant would close in March.",
     "The harbour minister denied that the fish plant would close in March.", "error"),
    ("Police arrested two suspects after the break-in at the museum.",
     "No arrests have been made after the break-in at the museum.", "error"),
    ("The old dam above Salka was breached during the night.",
     "The old dam above Salka was not breached during the night.", "error"),
    ("Lumo Energy has agreed to pay for the repairs.", "Lumo Energy hasn't agreed to pay for the repairs.", "error"),
    ("Nothing was damaged when the crane toppled over.",
     "The roof of the warehouse was damaged when the crane toppled over.", "error"),
    ("No one was injured in the collision on the ring road.",
     "Three people were injured in the collision on the ring road.", "error"),
    ("The council rejected claims that the water was contaminated.",
     "The water in the reservoir was contaminated, tests showed.", "error"),
    ("Rescuers could not reach the village of Nordvik.", "Rescuers reached the village of Nordvik on Tuesday.", "error"),
    # A hedge on one side, or two different speakers: a warning.
    ("The ferry may not sail on Friday because of the wind.", "The ferry will sail on Friday despite the wind.", "warning"),
    ("The minister said the fish plant would not close.", "The union said the fish plant would close.", "warning"),
    ('"The dam did not break," said engineer Ilse Bakken.', "The dam broke shortly after midnight.", "warning"),
    # Both negated.
    ("The dam was not breached, engineers said.", "The dam was not breached during the storm.", None),
    ("No arrests were made after the break-in.", "Police have not arrested anyone after the break-in.", None),
    # Negation of a different predicate.
    ("The mayor did not say when the pier would reopen.", "The mayor said the pier would reopen in June.", None),
    ("The bridge, which was not damaged, reopened on Monday.", "The bridge reopened on Monday.", None),
    ("The fire did not spread to the school.", "The fire destroyed the school.", None),
    ("It is not clear whether the pier will reopen in June.", "The pier will reopen in June.", None),
    # Figures of speech and bounds that deny nothing.
    ("The storm damaged not only the pier but also the lighthouse.", "The storm damaged the pier and the lighthouse.", None),
    ("Contractors must finish the work no later than October.", "Contractors must finish the work by October.", None),
    ("The pier will not reopen until June.", "The pier will reopen in June.", None),
    ("Not all workers at the fish plant will lose their jobs.", "Some workers at the fish plant will lose their jobs.", None),
    # Questions, and different places.
    ("Was the dam breached during the storm?", "The dam was not breached during the storm.", None),
    ("The dam in Salka was not breached.", "The dam in Nordvik was breached.", None),
    # Both hedged: nobody asserts anything.
    ("The ferry may not sail on Friday.", "The ferry might sail on Friday.", None),
]


@pytest.mark.parametrize("a,b,expected", ROWS)
def test_pairs(corpus, a, b, expected):
    claims, vectors, articles = corpus({"a": [a], "b": [b]})
    findings = compare_negation(claims, vectors, articles)
    assert [f.severity for f in findings] == ([expected] if expected else [])
    assert all(f.kind == "negation" for f in findings)


def test_both_kinds_of_rows_are_in_the_table():
    assert len(ROWS) >= 15
    assert any(r[2] for r in ROWS) and any(r[2] is None for r in ROWS)


def test_one_finding_names_every_article_that_takes_part(corpus):
    claims, vectors, articles = corpus({
        "courier": ["The old dam above Salka was breached during the night."],
        "herald": ["The old dam above Salka was breached in the night, flooding the valley."],
        "agency": ["Engineers worked through the storm.", "The old dam above Salka was not breached during the night."],
    })
    (finding,) = compare_negation(claims, vectors, articles)
    assert finding.severity == "error"
    assert {s.article_id: s.value for s in finding.statements} == {
        "courier": "was breached during the night",
        "herald": "was breached in the night",
        "agency": "was not breached during the night",
    }
    assert finding.subject.startswith("The old dam above Salka was breached")
    assert "courier and herald" in finding.explanation and "agency" in finding.explanation


def test_values_carry_the_polarity_words(corpus):
    claims, vectors, articles = corpus({
        "a": ["The harbour minister confirmed the fish plant would close in March."],
        "b": ["The harbour minister denied that the fish plant would close in March."],
    })
    (finding,) = compare_negation(claims, vectors, articles)
    assert {s.article_id: s.value for s in finding.statements} == {
        "a": "confirmed the fish plant would close in March",
        "b": "denied that the fish plant would close in March",
    }


def test_an_article_that_says_both_takes_no_side(corpus):
    claims, vectors, articles = corpus({
        "a": ["The old dam above Salka was not breached during the night.", "By morning the old dam above Salka was breached."],
        "b": ["The old dam above Salka was breached during the night."],
    })
    assert compare_negation(claims, vectors, articles) == []


def test_sentences_within_one_article_are_not_compared(corpus):
    claims, vectors, articles = corpus({"a": [
        "The old dam above Salka was breached during the night.",
        "The old dam above Salka was not breached during the night.",
    ]})
    assert compare_negation(claims, vectors, articles) == []


def test_fingerprint_does_not_depend_on_article_names(corpus):
    a, b = "The old dam above Salka was breached during the night.", "The old dam above Salka was not breached during the night."
    first = compare_negation(*corpus({"x": [a], "y": [b]}))
    second = compare_negation(*corpus({"q": [b], "p": [a]}))
    assert first[0].id == second[0].id


def test_headings_are_skipped(corpus):
    from dataclasses import replace

    claims, vectors, articles = corpus({
        "a": ["The old dam above Salka was breached during the night."],
        "b": ["The old dam above Salka was not breached during the night."],
    })
    claims = [replace(c, sentence=replace(c.sentence, role="heading")) if c.sentence.article_id == "b" else c for c in claims]
    assert compare_negation(claims, vectors, articles) == []
