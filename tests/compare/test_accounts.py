"""One act described in mutually exclusive ways (kind "other"): a table of sentence pairs, each a conflict or a
look-alike. Names, places, flights and vessels are invented."""
import pytest

from claimcheck.compare.accounts import compare_accounts, statement_form

# (sentence in article a, sentence in article b, expected severity or None for no finding)
ROWS = [
    # How someone left a post: resigned against dismissed, for the same person.
    ("Harbour master Ola Strand resigned on Monday after the ferry collision.",
     "Ola Strand was sacked by the harbour board after the ferry collision.", "error"),
    ("Lena Brandvik stepped down as mayor of Torvik last week.",
     "The council fired Lena Brandvik last week over the pier contract.", "error"),
    ("Ms Holm said she had broken the spending rules and consequently resigned from the role.",
     "Vera Holm, who is back as transport minister, was dismissed from the role last month.", "error"),
    ("Jonas Lind and Ada Moen have also been sacked.",
     "The new premier replaces Ada Moen as energy minister, who resigned on Friday.", "error"),
    # "who" after a name that is not the one before it: no guess.
    ("Ivar Dahl has also been sacked.",
     "The new premier keeps Ivar Dahl and replaces the Karsvik Harbour Board chair, who resigned on Friday.", None),
    ("Ola Strand quit as harbour master after the storm.", "Ola Strand has been ousted as harbour master.", "error"),
    # Look-alikes: hedged, forced, attributed to critics, not yet done, a label, not a person.
    ("Ola Strand resigned as harbour master on Monday.",
     "Critics say Ola Strand was pushed out as harbour master.", None),
    ("Ola Strand resigned as harbour master on Monday.",
     "Ola Strand was reportedly sacked as harbour master on Monday.", None),
    ("Ola Strand resigned as harbour master on Monday.",
     "Ola Strand was forced to resign as harbour master on Monday.", None),
    ("Ola Strand said he would resign as harbour master.",
     "Ola Strand was sacked as harbour master on Monday.", None),
    ("Ola Strand did not resign as harbour master.",
     "Ola Strand was sacked as harbour master on Monday.", None),
    ("Ola Strand refused to quit as harbour master.",
     "Ola Strand was sacked as harbour master on Monday.", None),
    ("The sacked harbour master Ola Strand spoke to reporters on Monday.",
     "Ola Strand resigned as harbour master on Monday.", None),
    ("Ola Strand resigned as harbour master on Monday.",
     "Police fired tear gas at protesters outside the office of Ola Strand.", None),
    # Different people, posts or times.
    ("Ola Strand resigned as harbour master on Monday.", "Ivar Dahl was sacked as harbour master on Monday.", None),
    ("Ola Strand resigned as harbour master in March.",
     "Ola Strand was sacked as chairman of the ferry company in October.", None),
    ("Ola Strand resigned as harbour master in 2019.", "Ola Strand was dismissed as harbour master in 2023.", None),
    # Both sides agree.
    ("Ola Strand resigned as harbour master on Monday.", "Ola Strand quit as harbour master on Monday.", None),
    ("Ola Strand was sacked as harbour master.", "The harbour board fired Ola Strand on Monday.", None),

    # The form of one statement: the same speaker's same words as a video and as an audio message.
    ('"We have closed the old bridge until the engineers say it is safe," Ivar Dahl said in a video.',
     ('In an audio message released by his office, Ivar Dahl said: "We have closed the old bridge until the '
      'engineers say it is safe."'), "warning"),
    ('"The strike will go on until the last depot is closed," Vera Holm said in a written statement.',
     '"The strike will go on until the last depot is closed," Vera Holm said in a video posted online.', "warning"),
    # Look-alikes: the same form, a video that shows something, different words, different speakers.
    ('"We have closed the old bridge until the engineers say it is safe," Ivar Dahl said in a video.',
     '"We have closed the old bridge until the engineers say it is safe," Dahl said in a video message.', None),
    ('"We have closed the old bridge until the engineers say it is safe," Ivar Dahl said in a video.',
     ('A video showed traffic queuing at the bridge. "We have closed the old bridge until the engineers say it '
      'is safe," Ivar Dahl said.'), None),
    ("Ivar Dahl announced in a video that the ferry to Estmark would run again on Monday.",
     "Ivar Dahl said in an audio message that the market square would reopen.", None),
    ('"We have closed the old bridge until the engineers say it is safe," Ivar Dahl said in a video.',
     '"We have closed the old bridge until the engineers say it is safe," Jonas Lind said in a voice message.',
     None),

    # Identifiers of one thing.
    ("Karsvik Air Flight 302 crashed six minutes after take-off from Lenfield.",
     "Karsvik Air Flight 320 crashed six minutes after taking off from Lenfield.", "error"),
    ("The ferry Skarvel 3 sank off Westmark with 40 people on board.",
     "The ferry Skarvel 5 sank off Westmark with 40 people aboard.", "error"),
    # Look-alikes: the same identifier, two flights named in one article, different airlines, unrelated sentences.
    ("Karsvik Air Flight 302 crashed six minutes after take-off from Lenfield.",
     "Karsvik Air flight 302 came down six minutes after take-off from Lenfield.", None),
    ("Karsvik Air Flight 302 crashed shortly after Flight 310 landed safely at Lenfield.",
     "Karsvik Air Flight 320 crashed six minutes after taking off from Lenfield.", None),
    ("Karsvik Air Flight 302 crashed six minutes after take-off from Lenfield.",
     "Ashby Airways Flight 320 crashed six minutes after taking off from Lenfield.", None),
    ("Karsvik Air Flight 302 crashed six minutes after take-off from Lenfield.",
     "Passengers on flight 77 to Estmark were delayed by the snow for two hours.", None),
]


@pytest.mark.parametrize("a,b,expected", ROWS)
def test_pairs(corpus, a, b, expected):
    claims, vectors, articles = corpus({"a": [a], "b": [b]})
    findings = compare_accounts(claims, vectors, articles)
    assert [f.severity for f in findings] == ([expected] if expected else [])
    assert all(f.kind == "other" for f in findings)


def test_both_kinds_of_rows_are_in_the_table():
    assert len(ROWS) >= 25
    assert any(r[2] for r in ROWS) and any(r[2] is None for r in ROWS)


def test_a_departure_finding_names_both_accounts(corpus):
    claims, vectors, articles = corpus({
        "post": ["Harbour master Ola Strand resigned on Monday after the ferry collision."],
        "radio": ["Ola Strand quit on Monday, the harbour board said."],
        "wire": ["Ola Strand was sacked by the harbour board after the ferry collision."],
    })
    (finding,) = compare_accounts(claims, vectors, articles)
    assert finding.severity == "error" and finding.kind == "other"
    assert {s.article_id for s in finding.statements} == {"post", "radio", "wire"}
    assert "Ola Strand" in finding.subject
    assert "resigned" in finding.explanation and "dismissed" in finding.explanation


def test_an_article_that_gives_both_accounts_takes_no_side(corpus):
    claims, vectors, articles = corpus({
        "a": ["Ola Strand resigned as harbour master in the spring.", "Ola Strand was sacked by the ferry company."],
        "b": ["Ola Strand was sacked as harbour master."],
    })
    assert compare_accounts(claims, vectors, articles) == []


def test_departures_within_one_article_are_not_compared(corpus):
    claims, vectors, articles = corpus({"a": [
        "Ola Strand resigned as harbour master on Monday.", "Ivar Dahl was sacked as harbour master on Monday.",
    ]})
    assert compare_accounts(claims, vectors, articles) == []


def test_fingerprint_does_not_depend_on_article_names(corpus):
    a = "Harbour master Ola Strand resigned on Monday after the ferry collision."
    b = "Ola Strand was sacked by the harbour board after the ferry collision."
    first = compare_accounts(*corpus({"x": [a], "y": [b]}))
    second = compare_accounts(*corpus({"q": [b], "p": [a]}))
    assert first[0].id == second[0].id


@pytest.mark.parametrize("sentence,medium", [
    ('"We will hold the line," Ivar Dahl said in a video.', "video"),
    ('In an audio message released by his office, Ivar Dahl said: "We will hold the line."', "audio message"),
    ("The bridge stays shut, according to a voice message Ivar Dahl's office sent out.", "audio message"),
    ('"We will hold the line," Vera Holm said in a letter to the council.', "written statement"),
    ('"We will hold the line," Ivar Dahl said.', None),
    ("A video showed queues on the road to Estmark.", None),
    ('"The video shows everything," Ivar Dahl said.', None),
    ("Ivar Dahl told reporters in a video call that the talks had failed.", None),
])
def test_the_form_reader(sentence, medium):
    found = statement_form(sentence)
    assert (found.medium if found else None) == medium
