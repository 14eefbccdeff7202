"""The terminal output of `claimcheck check`, the table of check formats, and the "check" key of the schema."""
from __future__ import annotations

import copy
import json

import pytest

from claimcheck.errors import ClaimcheckError
from claimcheck.report import json_writer, validate_report
from claimcheck.report.check_formats import CHECK_FORMATS
from claimcheck.report.check_text import render
from tests.report.check_data import empty_check_data, make_check_data


def test_text_lists_each_finding_with_the_new_statements_marked():
    assert render(make_check_data(("al-nord",), suppressed=2)) == """\
1 new article checked against 2 corpus articles
[error] entity_role union spokesperson
  + in/al-nord.html:4  "Tomas Aalto"  (Al Nord)
    in/bay-herald.txt:6  "Tomas Aalto"  (Bay Herald)
    in/coast-wire.md:5  "Ida Brenner"  (Coast Wire)
    The same union has two different spokespeople in the same week.
[info] date start of the strike
  + in/al-nord.html:2  "le 3 mai"  (Al Nord)
    in/bay-herald.txt:2  "on Monday"  (Bay Herald)
    A weekday and a date that may be the same day.
1 finding at or above error (2 suppressed by baseline)
"""


def test_text_without_findings():
    assert render(empty_check_data()) == ("1 new article checked against 2 corpus articles\n"
                                          "0 findings at or above error\n")


def test_text_counts_the_whole_store_not_only_the_articles_findings_cite():
    assert render(empty_check_data(corpus_articles=40)).startswith("1 new article checked against 40 corpus articles\n")


@pytest.mark.parametrize("fail_on, last", [("error", "1 finding at or above error"),
                                           ("warning", "2 findings at or above warning"),
                                           ("info", "2 findings at or above info")])
def test_last_line_counts_what_fails_the_check(fail_on, last):
    assert render(make_check_data(("coast-wire",), fail_on=fail_on)).splitlines()[-1] == last


def test_long_explanations_wrap_under_the_statements():
    lines = render(make_check_data(("coast-wire",))).splitlines()
    i = lines.index("    One outlet says about 900 passengers, another more than 1,500; the bounds do not overlap "
                    "but the")
    assert lines[i + 1] == "    figures may be from different hours."
    assert all(len(line) <= 100 for line in lines)


def test_text_from_articles_cannot_drive_the_terminal():
    data = make_check_data()
    data["findings"][0]["subject"] = "spokes\x1b[31mperson\u202e"
    data["findings"][0]["statements"][0]["value"] = "Tomas\nAalto\x07"
    out = render(data)
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
    assert '  + in/al-nord.html:4  "Tomas Aalto"  (Al Nord)' in out.splitlines()


def test_check_formats_cover_the_cli_choices():
    from claimcheck.cli import FORMATS
    from claimcheck.report.check_formats import PAGE_FORMATS

    assert sorted(CHECK_FORMATS) == ["github", "json", "markdown", "sarif", "text"]
    assert sorted(FORMATS) == sorted([*CHECK_FORMATS, *PAGE_FORMATS])
    data = make_check_data(("al-nord", "coast-wire"))
    assert CHECK_FORMATS["json"] is json_writer.render
    assert json.loads(CHECK_FORMATS["json"](data)) == data


@pytest.mark.parametrize("fmt", sorted(CHECK_FORMATS))
def test_every_format_is_deterministic_and_leaves_the_dict_alone(fmt):
    data = make_check_data(("al-nord", "coast-wire"))
    before = copy.deepcopy(data)
    out = CHECK_FORMATS[fmt](data)
    assert data == before
    reordered = make_check_data(("al-nord", "coast-wire"), reverse=True)
    if fmt == "json":
        del data["timing"], reordered["timing"]  # the one part of a report allowed to vary
        out = CHECK_FORMATS[fmt](data)
    assert out == CHECK_FORMATS[fmt](reordered)
    assert out.endswith("\n")


def test_schema_accepts_the_check_key_and_rejects_a_bad_one():
    validate_report(make_check_data(baseline="ci/claimcheck-baseline.json", suppressed=4))
    for bad in ({"fail_on": "fatal"}, {"suppressed": -1}, {"baseline": 3}, {"new_articles": "al-nord"}):
        data = make_check_data()
        data["check"].update(bad)
        with pytest.raises(ClaimcheckError, match=r"\$\.check"):
            validate_report(data)
    data = make_check_data()
    del data["check"]["suppressed"]
    with pytest.raises(ClaimcheckError, match="suppressed"):
        validate_report(data)
