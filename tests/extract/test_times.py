"""Times of day and the minutes their wording allows, as a table of sentences."""
import pytest

from claimcheck.extract.dates import TimeMention, extract_times, times_overlap, zone_key

# (sentence, expected [(phrase as written, low, high, closed)] in minutes after midnight)
ROWS = [
    ("The silo exploded at 4:10 p.m.", [("4:10 p.m.", 970, 970, True)]),
    ("The silo exploded around 4:30 p.m.", [("around 4:30 p.m.", 975, 1005, False)]),
    ("The silo exploded around 4 pm.", [("around 4 pm", 945, 975, False)]),
    ("The tanker ran aground around 7.20 pm.", [("around 7.20 pm", 1155, 1165, False)]),
    ("The bridge fell at about 2:45 a.m.", [("at about 2:45 a.m.", 157.5, 172.5, False)]),
    ("The bridge fell shortly before 9 a.m.", [("shortly before 9 a.m.", 525, 540, True)]),
    ("The roof caved in a little after 4:30 a.m., trapping two.", [("a little after 4:30 a.m.", 270, 285, True)]),
    ("The bridge fell at 9 a.m.", [("9 a.m.", 535, 545, True)]),
    ("The quake struck at 14:30 local time.", [("14:30 local time", 870, 870, True)]),
    ("The ferry sank at noon.", [("noon", 720, 720, True)]),
    ("The mine flooded on Sunday afternoon.", [("on Sunday afternoon", 720, 1080, False)]),
    ("The roof caved in early Thursday morning.", [("early Thursday morning", 0, 540, False)]),
    ("The mine flooded at 8 a.m. Sunday morning.", [("8 a.m.", 475, 485, True)]),
    # No time of one event: bounds, ranges, timetables, page stamps, clocks that could be either half of the day.
    ("The road stayed shut until 5 p.m.", []),
    ("The toll stood at 48 as of 4 p.m. on Friday.", []),
    ("By early Monday evening, 57 hikers had been found.", []),
    ("The tanker has been missing since 6:10 a.m. Tuesday morning.", []),
    ("The shop opens from 9 a.m. to 5 p.m.", []),
    ("The roof caved in between 1 and 2 a.m.", []),
    ("The ferry usually departs at 3.20 pm.", []),
    ("UPDATED 4:45 p.m.", []),
    ("Posted/updated on: 1 July 2025 at 7:23 am", []),
    ("The vote ended at 7:20.", []),
    ("The winner finished in 2:10:22.", []),
]


@pytest.mark.parametrize("sentence,expected", ROWS)
def test_times(sentence, expected):
    found = extract_times(sentence)
    assert [(t.text, t.low, t.high, t.closed) for t in found] == expected
    for t in found:
        assert sentence[t.start:t.end] == t.text


def _at(sentence: str) -> TimeMention:
    (found,) = extract_times(sentence)
    return found


@pytest.mark.parametrize("a,b,overlap", [
    ("at 2:45 p.m.", "around 2:50 p.m.", False),  # 2:45 would itself be written as the rounder time
    ("at 2:45 p.m.", "shortly before 3 p.m.", True),
    ("around 2:50 p.m.", "shortly before 3 p.m.", True),
    ("around 7 pm", "around 7.20 pm", False),
    ("around 7 pm", "around 7.10 pm", True),
    ("at 4:10 p.m.", "around 4 p.m.", True),
    ("a little after 4:30 a.m.", "around 5 a.m.", False),
    ("around 4:15 a.m.", "a little after 4:30 a.m.", False),
    ("at 8 a.m. on Sunday", "on Sunday afternoon", False),
    ("around 7:08 a.m.", "just before 7:10 a.m.", True),
    ("around 11:55 p.m.", "late on Friday night", True),
    ("at 4:17 a.m.", "early on Monday morning", True),
])
def test_overlap(a, b, overlap):
    x, y = _at(f"The thing happened {a}."), _at(f"The thing happened {b}.")
    assert times_overlap(x, y) is overlap and times_overlap(y, x) is overlap


def test_zones_are_named_one_way():
    assert zone_key("ET") == zone_key("EDT") == zone_key("Eastern Time") == "eastern"
    assert zone_key("GMT") == zone_key("UTC") == "utc"
    assert zone_key(None) is None
