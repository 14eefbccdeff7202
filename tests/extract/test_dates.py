"""Date phrases and the days they resolve to, as a table of sentences."""
from datetime import date

import pytest

from claimcheck.extract.dates import calendar_parts, extract_dates

WED = date(2025, 10, 29)  # a Wednesday

# (sentence, publication date, expected [(phrase as written, resolved day, weekday)])
ROWS = [
    ("The Harlow footbridge reopened on October 28.", None, [("October 28", None, None)]),
    ("The Harlow footbridge reopened on October 28.", WED, [("October 28", date(2025, 10, 28), None)]),
    ("The footbridge was reopened on 30 October.", WED, [("30 October", date(2025, 10, 30), None)]),
    ("The Brask tunnel opened on 12 May 2021.", None, [("12 May 2021", date(2021, 5, 12), None)]),
    ("The footbridge reopened on Monday.", None, [("Monday", None, 0)]),
    ("The footbridge reopened on Monday.", WED, [("Monday", date(2025, 10, 27), 0)]),
    ("Thieves raided the Corran jewellers last Wednesday.", WED, [("last Wednesday", date(2025, 10, 22), 2)]),
    ("The footbridge will reopen on Friday.", WED, [("Friday", date(2025, 10, 31), 4)]),
    ("The fire broke out at the sawmill yesterday.", WED, [("yesterday", date(2025, 10, 28), None)]),
    ("The talks ended two days ago.", WED, [("two days ago", date(2025, 10, 27), None)]),
    ("The sawmill fire started late on Tuesday night.", WED, [("Tuesday", date(2025, 10, 28), 1)]),
    ("The fire started on the night of 17 September.", None, [("17 September", None, None)]),
    ("The fire started on Thursday, 18 September.", None, [("Thursday, 18 September", None, 3)]),
    ("The fire started on Sept. 17.", WED, [("Sept. 17", date(2025, 9, 17), None)]),
    ("The referendum will be held on 3 May.", WED, [("3 May", date(2026, 5, 3), None)]),
    # No single day: durations, ranges, recurring days, vague spans.
    ("The ferry was cancelled for three days.", WED, [("three days", None, None)]),
    ("The festival runs from 3 to 5 July.", WED, [("3 to 5 July", None, None)]),
    ("The fair runs between Monday and Wednesday.", WED, [("between Monday and Wednesday", None, None)]),
    ("The market opens every Saturday.", WED, [("every Saturday", None, None)]),
    ("The museum reopened this week.", WED, [("this week", None, None)]),
    ("The museum reopened in October.", WED, [("October", None, None)]),
    ("The grain was seized from a freighter nine years ago.", WED, [("nine years ago", None, None)]),
    # A month inside a name is no date.
    ("Thousands joined the Women's March in Dunwick.", WED, []),
    ("Dock workers marched at the May Day rally.", WED, []),
    ("Students walked out to join the March for Safer Streets.", WED, []),
    ("The protest march was held in March.", WED, [("March", None, None)]),
    ("Last March the protest march was held.", WED, [("Last March", None, None)]),
]


@pytest.mark.parametrize("sentence,published,expected", ROWS)
def test_dates(nlp, sentence, published, expected):
    found = extract_dates(nlp(sentence), published)
    assert [(d.text, d.resolved, d.weekday) for d in found] == expected
    for d in found:
        assert sentence[d.start:d.end] == d.text


@pytest.mark.parametrize("text,expected", [
    ("11 June", (None, 6, 11)),
    ("June 11", (None, 6, 11)),
    ("Monday, 10 May 2021", (2021, 5, 10)),
    ("2025-03-05", (2025, 3, 5)),
    ("17/09/2025", (2025, 9, 17)),
    ("03/04/2025", None),  # day first or month first cannot be told
    ("October 2024", (2024, 10, None)),
    ("3 to 5 July", None),
    ("31 June", None),
    ("three days", None),
])
def test_calendar_parts(text, expected):
    assert calendar_parts(text) == expected
