"""Words attributed to different speakers: a table of sentence pairs, each a conflict or a look-alike."""
import pytest

from claimcheck.compare.attribution import compare_attribution
from claimcheck.extract.speakers import find_attribution

# (sentence in article a, sentence in article b, expected severity or None for no finding)
ROWS = [
    # Two named people credited with one quote.
    ('"We will reopen the pier before the summer," said Mayor Lena Brandvik.',
     '"We will reopen the pier before the summer," said Ola Strand, the harbour master.', "error"),
    ('"The ferry timetable was never safe in winter," Vera Holm told reporters.',
     'Ola Strand said: "The ferry timetable was never safe in winter."', "error"),
    # The same words with a slip, or an excerpt of the longer quote, are still the same quote.
    ('"We will reopen the pier before the summer," said Mayor Lena Brandvik.',
     '"We will reopen this pier before the summer," Strand said.', "error"),
    ('"We will reopen the pier before the summer," said Mayor Lena Brandvik.',
     '"We will reopen the pier before the summer, and the fish market too," said Ola Strand.', "error"),
    # Two people saying much the same in other words are two quotes, not one quote given to two people.
    ('"We will reopen the pier before the summer," said Mayor Lena Brandvik.',
     '"We are going to reopen the pier before summer," Strand said.', None),
    ('"Every family that lost a home will get help from the council," said Mayor Lena Brandvik.',
     '"Every family who lost their home will be helped by the council," said Ola Strand.', None),
    # A short stock phrase inside a longer quote is not the same quote.
    ('"We will rebuild this town," said Mayor Lena Brandvik.',
     '"We will rebuild this town, and we will do it by winter," said Ola Strand.', None),
    # A person against an organisation or a role that may or may not be theirs.
    ('"Nobody in this town will lose their job," said Ola Strand.',
     '"Nobody in this town will lose their job," a spokesperson for the Harbour Board said.', "warning"),
    ('"The fire was started on purpose," said fire chief Ada Lindqvist.',
     '"The fire was started on purpose," police said.', "warning"),
    ('The mayor said: "We will reopen the pier before the summer."',
     '"We will reopen the pier before the summer," said Deputy Mayor Ola Strand.', "warning"),
    # Reported speech only: two people may well have said much the same.
    ("Brandvik said nobody in the town would lose their job.",
     "Strand said nobody in the town would lose their job.", "warning"),
    # One person in two shapes of their name.
    ('"We will reopen the pier before the summer," Brandvik told reporters.',
     'Lena Brandvik said: "We will reopen the pier before the summer."', None),
    ('"This storm was the worst in living memory," said Vera Holm, a fisherman\'s widow.',
     '"This storm was the worst in living memory," Holm told the paper.', None),
    # A quote and the same person's reported version of it.
    ('"Nobody in this town will lose their job," said Ola Strand.',
     "Strand said nobody in the town would lose their job.", None),
    # An organisation and the people who speak for it.
    ('"We take full responsibility for the outage," Lumo Energy said.',
     '"We take full responsibility for the outage," said Karin Moe, a spokeswoman for Lumo Energy.', None),
    ('"We take full responsibility for the outage," the company said in a statement.',
     '"We take full responsibility for the outage," said Lumo Energy chief executive Per Halvard.', None),
    # An unnamed speaker on one side names nobody to disagree with.
    ('"The water is safe to drink again," said health officer Mira Dahl.',
     '"The water is safe to drink again," officials said.', None),
    ('"The water is safe to drink again," said health officer Mira Dahl.',
     "The water is safe to drink again after the flood.", None),
    # Different words from different people.
    ('"We will rebuild the bridge," said Brandvik.',
     '"The bridge cannot be rebuilt this year," said Strand.', None),
    ('"The ferry will run every hour from Monday," said Ola Strand.',
     '"The ferry timetable is not final yet," said Lena Brandvik.', None),
    # Too short to pin on one speaker.
    ('Brandvik called the collapse "a disgrace".', 'Strand called the collapse "a disgrace".', None),
    # Questions are not attributions of fact.
    ('Did Brandvik say "we will reopen the pier before the summer"?',
     '"We will reopen the pier before the summer," said Ola Strand.', None),
]


@pytest.mark.parametrize("a,b,expected", ROWS)
def test_pairs(corpus, a, b, expected):
    claims, vectors, articles = corpus({"a": [a], "b": [b]})
    findings = compare_attribution(claims, vectors, articles)
    assert [f.severity for f in findings] == ([expected] if expected else [])
    assert all(f.kind == "attribution" for f in findings)


def test_both_kinds_of_rows_are_in_the_table():
    assert len(ROWS) >= 15
    assert any(r[2] for r in ROWS) and any(r[2] is None for r in ROWS)


def test_one_finding_names_every_article_that_takes_part(corpus):
    claims, vectors, articles = corpus({
        "post": ['"We will reopen the pier before the summer," said Mayor Lena Brandvik.'],
        "radio": ['Brandvik said: "We will reopen the pier before the summer."'],
        "wire": ['"We will reopen the pier before the summer," said Ola Strand, the harbour master.'],
    })
    (finding,) = compare_attribution(claims, vectors, articles)
    assert finding.severity == "error"
    assert {s.article_id: s.value for s in finding.statements} == {
        "post": "Mayor Lena Brandvik", "radio": "Brandvik", "wire": "Ola Strand",
    }
    assert finding.subject == '"We will reopen the pier before..."'
    assert "post and radio to Mayor Lena Brandvik" in finding.explanation
    assert "wire to Ola Strand" in finding.explanation


def test_a_title_the_corpus_gives_the_same_person_is_not_a_conflict(corpus):
    claims, vectors, articles = corpus({
        "a": ["Torvik Mayor Lena Brandvik visited the harbour on Monday.",
              '"We will reopen the pier before the summer," the mayor said.'],
        "b": ['"We will reopen the pier before the summer," Brandvik told reporters.'],
    })
    assert compare_attribution(claims, vectors, articles) == []


def test_a_title_nobody_links_to_the_person_is_a_warning(corpus):
    claims, vectors, articles = corpus({
        "a": ['"We will reopen the pier before the summer," the mayor said.'],
        "b": ['"We will reopen the pier before the summer," Brandvik told reporters.'],
    })
    (finding,) = compare_attribution(claims, vectors, articles)
    assert finding.severity == "warning" and "may be one speaker" in finding.explanation


def test_a_pronoun_takes_the_person_named_just_before(corpus):
    claims, vectors, articles = corpus({
        "a": ["Ola Strand walked along the damaged quay.", '"We will reopen the pier before the summer," he said.'],
        "b": ['"We will reopen the pier before the summer," said Mayor Lena Brandvik.'],
    })
    (finding,) = compare_attribution(claims, vectors, articles)
    assert finding.severity == "warning"
    assert {s.article_id: s.value for s in finding.statements} == {"a": "Ola Strand", "b": "Mayor Lena Brandvik"}


def test_an_article_that_credits_both_people_takes_no_side(corpus):
    claims, vectors, articles = corpus({
        "a": ['"We will reopen the pier before the summer," said Mayor Lena Brandvik.',
              'Ola Strand said: "We will reopen the pier before the summer."'],
        "b": ['"We will reopen the pier before the summer," said Ola Strand.'],
    })
    assert compare_attribution(claims, vectors, articles) == []


def test_two_holders_of_one_office_are_left_to_the_office_comparator(corpus):
    claims, vectors, articles = corpus({
        "a": ["Torvik Mayor Lena Brandvik opened the pier.", '"This pier belongs to everyone in town," Brandvik said.'],
        "b": ["Torvik Mayor Ola Strand opened the pier.", '"This pier belongs to everyone in town," Strand said.'],
    })
    assert compare_attribution(claims, vectors, articles) == []


def test_quotes_within_one_article_are_not_compared(corpus):
    claims, vectors, articles = corpus({"a": [
        '"We will reopen the pier before the summer," said Mayor Lena Brandvik.',
        '"We will reopen the pier before the summer," said Ola Strand.',
    ]})
    assert compare_attribution(claims, vectors, articles) == []


def test_fingerprint_does_not_depend_on_article_names(corpus):
    a = '"We will reopen the pier before the summer," said Mayor Lena Brandvik.'
    b = '"We will reopen the pier before the summer," said Ola Strand.'
    first = compare_attribution(*corpus({"x": [a], "y": [b]}))
    second = compare_attribution(*corpus({"q": [b], "p": [a]}))
    assert first[0].id == second[0].id


@pytest.mark.parametrize("sentence,speaker,kind,content", [
    ('"We will reopen the pier," said Mayor Lena Brandvik.', "Mayor Lena Brandvik", "person", "We will reopen the pier"),
    ('"We will reopen the pier," Brandvik told reporters on Monday.', "Brandvik", "person", "We will reopen the pier"),
    ('Lena Brandvik, the mayor of Torvik, said: "We will reopen the pier."', "Lena Brandvik", "person", "We will reopen the pier"),
    ("The pier will reopen in May, a spokesperson for the Harbour Board said.", "a spokesperson for the Harbour Board", "role", "The pier will reopen in May"),
    ("The mayor said the pier would reopen in May.", "The mayor", "role", "the pier would reopen in May"),
    ("According to the Harbour Board, the pier will reopen in May.", "the Harbour Board", "org", "the pier will reopen in May"),
    ("The pier will reopen in May, union leaders said.", "union leaders", "org", "The pier will reopen in May"),
    ('"The pier is safe," Brandvik said, "and it will stay open."', "Brandvik", "person", "The pier is safe and it will stay open"),
    ('"Nobody will lose their job," he said.', "he", "pronoun", "Nobody will lose their job"),
    ("The Harbour Board has also reported that the pier would reopen in May.", "The Harbour Board", "org",
     "the pier would reopen in May"),  # two helpers before the verb
    ("Torvik state media said the pier would reopen in May.", "Torvik state media", "org",
     "the pier would reopen in May"),  # a name and words for what it is
    ("The pier will reopen in May, according to the Office for Harbour Works (OHW).", "the Office for Harbour Works",
     "org", "The pier will reopen in May"),  # a body's short name in brackets after it
])
def test_the_speaker_finder(nlp, sentence, speaker, kind, content):
    from claimcheck.extract.entities import extract_entities

    found = find_attribution(sentence, extract_entities(nlp(sentence)[:]))
    assert (found.speaker.text, found.speaker.kind, found.content) == (speaker, kind, content)


@pytest.mark.parametrize("sentence", [
    "The pier reopened on Monday after repairs.",
    "The mayor did not say when the pier would reopen.",
    "The council rejected claims that the water was unsafe.",
])
def test_sentences_that_attribute_nothing(sentence):
    assert find_attribution(sentence) is None
