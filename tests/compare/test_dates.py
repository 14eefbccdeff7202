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
    # A page's date stamp is not the day of the event, nor is the day something was said.
    ("date 2025-03-04 The Brennock ferry service was suspended in February.",
     "The Brennock ferry service was suspended in February.", None),
    ("Updated: 4 March 2025 The Brennock ferry service was suspended in February.",
     "The Brennock ferry service was suspended in February.", None),
    ("Officials said Saturday the Lenmoor sawmill fire had killed two workers.",
     "The Lenmoor sawmill fire killed two workers on Friday.", None),
    ("Officials told reporters on Saturday that the Lenmoor sawmill fire killed two workers.",
     "The Lenmoor sawmill fire killed two workers on Friday.", None),
    ("The Lenmoor sawmill fire killed two workers on Thursday, officials said.",
     "The Lenmoor sawmill fire killed two workers on Friday.", "error"),
    # A month inside a name is no date; a month that is a date still counts.
    ("Thousands joined the Women's March in Dunwick.", "Thousands joined the women's protest in Dunwick on 12 April.", None),
    ("Dock workers marched at the May Day rally in Tollen.", "Dock workers marched at the rally in Tollen on 3 June.", None),
    ("Students in Ashby walked out to join the March for Safer Streets.",
     "Students in Ashby walked out on 9 April to join the protest.", None),
    ("The Dunwick protest march was held in March.", "The Dunwick protest march was held on 12 April.", "warning"),
    # One briefing, two days.
    ("The Selby council held a briefing on the flood defences on Tuesday.",
     "The Selby council briefing on the flood defences took place on Wednesday.", "error"),
    # Times of day of one event: approximate words widen a time, an exact minute does not (warnings).
    ("The Harlan grain silo exploded at 4:10 p.m.", "The Harlan grain silo exploded around 4:30 p.m.", "warning"),
    ("The Ostrava footbridge collapsed shortly before 9 a.m.", "The Ostrava footbridge collapsed at 9:40 a.m.", "warning"),
    ("The Kelby tanker ran aground around 7 pm.", "The Kelby tanker ran aground around 7.20 pm.", "warning"),
    ("The Morrow mine shaft flooded at 8 a.m. on Sunday.", "The Morrow mine shaft flooded on Sunday afternoon.", "warning"),
    ("The Corran warehouse roof caved in a little after 4:30 a.m.",
     "The Corran warehouse roof caved in around 5:15 a.m.", "warning"),
    ("Twin explosions that shook the Harlan grain silo came at 4:10 p.m.",
     "The Harlan grain silo exploded around 4:30 p.m.", "warning"),
    # Times that fit each other, times of different actions, of saying, timetables and other zones.
    ("The Harlan grain silo exploded at 4:10 p.m.", "The Harlan grain silo exploded around 4 p.m.", None),
    ("The Harlan grain silo exploded at 4:10 p.m.", "The Harlan grain silo exploded shortly after 4 p.m.", None),
    ("The Corran warehouse roof caved in early Sunday morning.", "The Corran warehouse roof caved in around 2 a.m.", None),
    ("The Kelby tanker ran aground around 7 pm.", "The Kelby tanker ran aground at about 7.10 pm.", None),
    ("Police spoke about the Harlan grain silo explosion at a press conference at 6 p.m.",
     "The Harlan grain silo exploded at 4:10 p.m.", None),
    ("Officials said at 6 p.m. that the Harlan grain silo had exploded.", "The Harlan grain silo exploded at 4:10 p.m.", None),
    ("At 3 p.m., police said the Harlan warehouse fire was under control.",
     "The Harlan warehouse fire was brought under control at 5 p.m.", None),
    ("On Monday, police said the Lenmoor sawmill fire had killed two workers.",
     "The Lenmoor sawmill fire killed two workers on Friday.", None),
    ("The Kelby ferry usually departs at 3.20 pm.", "The Kelby ferry departed at 3.45 pm.", None),
    ("The Harlan grain silo exploded at 4:10 p.m. GMT.", "The Harlan grain silo exploded at 5:10 p.m. CET.", None),
    ("Firefighters put out the Harlan warehouse fire at 6 a.m.", "The Harlan warehouse fire broke out at 2 a.m.", None),
    ("Rescuers reached the collapsed Ostrava footbridge at 11 a.m.",
     "The Ostrava footbridge collapsed shortly before 9 a.m.", None),
    # Different days are the conflict, and the date comparison reports it once.
    ("The Morrow mine shaft flooded at 8 a.m. on Sunday.", "The Morrow mine shaft flooded on Monday afternoon.", "error"),
    # One event told in other words of one class ("incident" / "crash" / "derailed"; a storm that "pounded" the
    # coast / "made landfall"): the event words carry the match where the sentences say less alike.
    ("The incident happened around 9 pm.",
     "The crash happened around 9.25 pm near Tarnby junction when a lorry left the northbound lane.", "warning"),
    ("Around 9 pm, six wagons of the Tarnby freight train derailed near the junction.",
     "The accident happened around 9.25 pm near Tarnby junction as the freight train took the bend.", "warning"),
    ("As the storm pounded the Oskarby coast on Monday, residents heard the sea wall give way.",
     "The storm made landfall near Oskarby on Saturday, bringing gales to the harbour.", "error"),
    # Words of one class said of other things, or of other events of the same story, are left alone.
    ("The storm made landfall near Oskarby on Saturday.", "Floodwater swept through Oskarby on Monday.", None),
    ("The storm made landfall near Oskarby on Saturday.",
     "Officials in Oskarby ordered residents to leave the seafront on Monday.", None),
    ("The crash happened around 9 pm near Tarnby junction.",
     "The fire at the Tarnby depot broke out around 11 pm.", None),
    ("The incident happened around 9 pm.", "The accident happened at about 9.10 pm.", None),
    # Two years as written are left alone: more often two events than one.
    ("A quake in 1939 destroyed the old Vessby bridge.", "A quake in 1999 destroyed the Vessby ferry pier.", None),
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


def test_years_ago_are_counted_from_the_publication_date(corpus):
    when = {"a": date(2025, 6, 1), "b": date(2025, 6, 3)}
    texts = {"a": ["The Carrow grain was seized from a freighter nine years ago."],
             "b": ["The Carrow grain was seized from a freighter in 2019."]}
    (finding,) = compare_dates(*corpus(texts, published=when))
    assert finding.severity == "warning" and "about 2016" in finding.explanation
    texts["b"] = ["The Carrow grain was seized from a freighter in 2016."]
    assert compare_dates(*corpus(texts, published=when)) == []
    texts["b"] = ["The Carrow grain was seized from a freighter in 2017."]  # a year either way: no clear mismatch
    assert compare_dates(*corpus(texts, published=when)) == []
    # Without a publication date "nine years ago" names no year.
    assert compare_dates(*corpus(texts)) == []


def test_a_state_held_for_years_began_that_many_years_before_publication(corpus):
    when = {"a": date(2025, 6, 1), "b": date(2025, 6, 3)}
    texts = {"a": ["The Carrow rail depot has been closed for six years."],
             "b": ["The Carrow rail depot closed in 2019."]}
    assert compare_dates(*corpus(texts, published=when)) == []
    texts["b"] = ["The Carrow rail depot closed in 2012."]
    assert [f.severity for f in compare_dates(*corpus(texts, published=when))] == ["warning"]


def test_a_weekday_and_a_bracketed_date_at_odds_with_each_other(corpus):
    # 23 June 2023 was a Friday: the first article's "(June 22)" contradicts its own weekday and the other date.
    when = {"a": date(2023, 6, 24), "b": date(2023, 6, 24)}
    texts = {"a": ["The Kessel harbour board voted on Friday evening (June 22) to close the quay."],
             "b": ["The Kessel harbour board voted on 23 June to close the quay."]}
    (finding,) = compare_dates(*corpus(texts, published=when))
    assert finding.severity == "error"
    assert {s.value for s in finding.statements} == {"June 22", "23 June"}
    texts["a"] = ["The Kessel harbour board voted on Friday evening (June 23) to close the quay."]
    assert compare_dates(*corpus(texts, published=when)) == []


def test_a_time_finding_names_each_side_by_a_clashing_time(corpus):
    claims, vectors, articles = corpus({
        "gazette": ["The Harlan grain silo exploded at 4:10 p.m."],
        "courier": ["The Harlan grain silo exploded shortly before 4:30 p.m."],
        "bulletin": ["The Harlan grain silo exploded around 4:30 p.m."],
    })
    (finding,) = compare_dates(claims, vectors, articles)
    assert finding.kind == "date" and finding.severity == "warning"
    assert "4:10 p.m." in finding.explanation and "around 4:30 p.m." in finding.explanation
    assert "do not overlap" in finding.explanation
