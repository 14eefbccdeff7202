"""GitHub Actions annotations: one workflow command per finding, on the new article's line, escaped."""
from __future__ import annotations

import copy

from claimcheck.report import github
from tests.report.check_data import empty_check_data, make_check_data


def test_one_command_per_finding_on_the_new_article():
    # Coast Wire is new: its statement is where the annotation goes, whatever the report order.
    out = github.render(make_check_data(("coast-wire",)))
    assert out == (
        '::error file=in/coast-wire.md,line=5,title=claimcheck entity_role%3A union spokesperson::'
        '"Ida Brenner" here; Al Nord (in/al-nord.html:4) says "Tomas Aalto"; '
        'Bay Herald (in/bay-herald.txt:6) says "Tomas Aalto". '
        'The same union has two different spokespeople in the same week.\n'
        '::warning file=in/coast-wire.md,line=9,title=claimcheck numeric%3A passengers stranded::'
        '"more than 1,500" here; Bay Herald (in/bay-herald.txt:3) says "about 900". '
        'One outlet says about 900 passengers, another more than 1,500; the bounds do not overlap but the '
        'figures may be from different hours.\n')


def test_severity_picks_the_command():
    lines = github.render(make_check_data(("al-nord",))).splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["::error", "::notice"]  # info is a notice
    assert lines[1].startswith("::notice file=in/al-nord.html,line=2,")
    assert github.COMMANDS == {"error": "error", "warning": "warning", "info": "notice"}


def test_no_findings_print_nothing():
    assert github.render(empty_check_data()) == ""


def test_escaping_follows_the_runner():
    assert github.escape_data("100% sure\r\nnext: a, b") == "100%25 sure%0D%0Anext: a, b"
    assert github.escape_property("in/a:b,c 50%.txt") == "in/a%3Ab%2Cc 50%25.txt"
    # other control characters and bidi overrides go; a tab becomes a space
    assert github.escape_data("a\x1b[31mb\x00c\u202ed\te") == "a[31mbcd e"


def test_hostile_text_stays_inside_its_command():
    data = make_check_data(("coast-wire",))
    numeric = data["findings"][1]
    new = next(s for s in numeric["statements"] if s["article"] == "coast-wire")
    new["value"] = "50%\n::error file=x::injected"
    new["path"] = "in/coast: wire, draft.md"
    numeric["subject"] = "passengers, stranded: total"
    out = github.render(data)
    assert out.count("\n") == 2 and all(line.startswith("::") for line in out.splitlines())
    line = out.splitlines()[1]
    assert line.startswith("::warning file=in/coast%3A wire%2C draft.md,line=9,"
                           "title=claimcheck numeric%3A passengers%2C stranded%3A total::")
    assert '::"50%25%0A::error file=x::injected" here; Bay Herald' in line


def test_same_check_in_any_order_gives_the_same_lines():
    data = make_check_data(("al-nord", "coast-wire"))
    before = copy.deepcopy(data)
    assert github.render(data) == github.render(make_check_data(("al-nord", "coast-wire"), reverse=True))
    assert data == before  # rendering does not touch the dict


def test_report_without_a_check_annotates_the_first_statement():
    data = make_check_data()
    del data["check"]
    assert github.render(data).startswith("::error file=in/al-nord.html,line=4,")
