"""Dates compared across articles: a table of sentence pairs, each a conflict or a look-alike."""
from datetime import date

import pytest

from claimcheck.compare.dates import compare_dates

# (sentence in article a, sentence in article b, expected severity or None for no finding)
ROWS = [
    # The same event on two different days.
    ("The Harlow footbridge reopened on October 28.", "The footbridge in Harlow was reopened on 30 October.", "error"),
    ("A fire broke out at the Dunmore sawmill on Thursday.", "Fire broke out at the Dunmore sawmill on Tuesday.", "error"),
    ("The Kestrel Bay ferry was cancelled on Tuesday.", "The Kestrel Bay ferry was cancelled on 5 March 2025.", "error"),
    ("The Brask tunnel opened to traffic on 12 May 2021.", "The Brask tunnel opened to traffic on 12 May 2022.", "error"),
    ("Police arrested the Corran raid suspect on 2 April.", "Police arrested the Corran raid suspect on 4 April.", "error"),
    ("Councillors in Marrow voted on the harbour plan on Wednesday.",
     "The Marrow council vote on the harbour plan took place on Thursday.", "error"),
    ("The Lind Street gas explosion happened on Saturday.", "A gas explosion tore through Lind Street on Friday.", "error"),
    # A day outside the month another source gives: likely wrong, but months are loose.
    ("The Orland museum reopened in November.", "The Orland museum reopened on 28 October.", "warning"),
    # Late at night on one day, or early on the next: worth a look, not a conflict.
    ("The dam at Pellow burst late on Tuesday night.", "The dam at Pellow burst on Wednesday.", "info"),
    # Look-alikes that are not conflicts.
    ("The Kestrel Bay ferry was cancelled on Wednesday.", "The Kestrel Bay ferry was cancelled on 5 March 2025.", None),
    ("The Tollen dockworkers' strike began on 11 June.", "The Tollen dockworkers' strike began on June 11.", None),
    ("The Brask tunnel opened to traffic on Monday, 10 May 2021.", "The Brask tunnel opened to traffic on 10 May.", None),
    ("The Kestrel Bay ferry was cancelled for three days.", "The Kestrel Bay ferry was cancelled for a week.", None),
    ("The Orland museum reopened in October.", "The Orland museum reopened on 28 October.", None),
    ("The Orland museum reopened this week.", "The Orland museum reopened on Tuesday.", None),
    ("The Marrow council met on Monday to discuss the harbour plan.",
     "The Marrow council voted on the harbour plan on Wednesday.", None),
    ("The dam at Pellow burst early on Sunday morning.", "The dam at Pellow burst on Sunday afternoon.", None),
    ("The Harlow footbridge reopened on October 28.", "A choir from Harlow performed on 30 October.", None),
    ("The Tollen dockworkers' strike began on 11 June.", "The Tollen fraud trial began on 14 June.", None),
    ("The Pellow farmers' market opens every Saturday.", "The Pellow farmers' market opens on Sunday.", None),
    ("The Vask folk festival runs from 3 to 5 July.", "The Vask folk festival opened on 4 July.", None),
    ("Thieves raided the Corran jewellers last Friday.", "The Corran jewellers was raided on Friday.", None),
]


@pytest.mark.parametrize("a,b,expected", ROWS)
def test_pairs(corpus, a, b, expected):
    claims, vectors, articles = corpus({"a": [a], "b": [b]})
    findings = compare_dates(claims, vectors, articles)
    assert [f.severity for f in findings] == ([expected] if expected else [])


def test_both_kinds_of_rows_are_in_the_table():
    assert sum(1 for r in ROWS if r[2]) >= 5 and sum(1 for r in ROWS if r[2] is None) >= 10


def test_one_finding_names_every_article_that_takes_part(corpus):
    claims, vectors, articles = corpus({
        "gazette": ["The Harlow footbridge reopened on October 28."],
        "courier": ["The footbridge in Harlow was reopened on 28 October."],
        "bulletin": ["The Harlow footbridge was reopened on October 30."],
    })
    (finding,) = compare_dates(claims, vectors, articles)
    assert finding.kind == "date" and finding.severity == "error"
    assert {s.article_id: s.value for s in finding.statements} == {
        "gazette": "October 28", "courier": "28 October", "bulletin": "October 30",
    }
    assert "bulletin" in finding.explanation and "courier and gazette" in finding.explanation
    assert "cannot have happened on both days" in finding.explanation


def test_the_fingerprint_does_not_depend_on_names_or_order(corpus):
    first = corpus({"x": ["A fire broke out at the Dunmore sawmill on Thursday."],
                    "y": ["Fire broke out at the Dunmore sawmill on Tuesday."]})
    second = corpus({"q": ["Fire broke out at the Dunmore sawmill on Tuesday."],
                     "p": ["A fire broke out at the Dunmore sawmill on Thursday."]})
    assert compare_dates(*first)[0].id == compare_dates(*second)[0].id


def test_dates_within_one_article_are_not_compared(corpus):
    claims, vectors, articles = corpus({"a": ["The Harlow footbridge reopened on October 28.",
                                              "The Harlow footbridge was reopened on 30 October."]})
    assert compare_dates(claims, vectors, articles) == []


def test_a_relative_day_resolves_against_the_publication_date(corpus):
    # Published on Wednesday 29 October 2025, "yesterday" is 28 October.
    claims, vectors, articles = corpus(
        {"a": ["The Harlow footbridge reopened yesterday."], "b": ["The Harlow footbridge reopened on 30 October."]},
        published={"a": date(2025, 10, 29), "b": date(2025, 10, 31)},
    )
    (finding,) = compare_dates(claims, vectors, articles)
    assert finding.severity == "warning"
    assert "yesterday (28 October 2025)" in finding.explanation and "publication date" in finding.explanation


def test_a_relative_day_that_matches_is_no_conflict(corpus):
    claims, vectors, articles = corpus(
        {"a": ["The Harlow footbridge reopened yesterday."], "b": ["The Harlow footbridge reopened on 28 October."]},
        published={"a": date(2025, 10, 29), "b": date(2025, 10, 31)},
    )
    assert compare_dates(claims, vectors, articles) == []


def test_a_weekday_matches_a_date_in_the_publication_year(corpus):
    # 28 October 2025 is a Tuesday: the year comes from the publication dates.
    texts = {"a": ["The Harlow footbridge reopened on Tuesday."], "b": ["The Harlow footbridge reopened on 28 October."]}
    when = {"a": date(2025, 10, 30), "b": date(2025, 10, 30)}
    assert compare_dates(*corpus(texts, published=when)) == []
    texts["a"] = ["The Harlow footbridge reopened on Monday."]
    (finding,) = compare_dates(*corpus(texts, published=when))
    assert finding.severity == "error" and "was a Tuesday" in finding.explanation
    # Without a year nothing says which weekday 28 October was.
    assert compare_dates(*corpus(texts)) == []


def test_the_same_weekday_in_reports_a_week_apart_is_no_conflict(corpus):
    texts = {"a": ["A fire broke out at the Dunmore sawmill on Friday."],
             "b": ["Fire broke out at the Dunmore sawmill on Friday."]}
    assert compare_dates(*corpus(texts, published={"a": date(2025, 3, 8), "b": date(2025, 3, 15)})) == []


def test_different_weekdays_in_reports_days_apart_are_a_warning(corpus):
    texts = {"a": ["A fire broke out at the Dunmore sawmill on Thursday."],
             "b": ["Fire broke out at the Dunmore sawmill on Tuesday."]}
    (finding,) = compare_dates(*corpus(texts, published={"a": date(2025, 3, 8), "b": date(2025, 3, 12)}))
    assert finding.severity == "warning" and "published days apart" in finding.explanation


def test_a_date_still_to_come_may_have_been_moved(corpus):
    texts = {"a": ["The Marrow harbour referendum will be held on 14 September."],
             "b": ["The Marrow harbour referendum will be held on 21 September."]}
    assert [f.severity for f in compare_dates(*corpus(texts))] == ["error"]
    (finding,) = compare_dates(*corpus(texts, published={"a": date(2025, 6, 2), "b": date(2025, 7, 20)}))
    assert finding.severity == "warning" and "moved" in finding.explanation
