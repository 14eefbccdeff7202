"""Invented `claimcheck check` reports, built from the ferry-strike report in conftest.

A check report holds only the findings a new article takes part in, and a "check" key saying which
articles are new. With the default, Al Nord is the new article: its findings are the union spokesperson
(error, shared with two corpus articles) and the start of the strike (info).
"""
from __future__ import annotations

from dataclasses import replace

from claimcheck.records import Report
from claimcheck.report import report_to_dict, validate_report
from tests.report.conftest import make_report


def make_check_data(new=("al-nord",), *, reverse: bool = False, fail_on: str = "error",
                    baseline: str | None = None, suppressed: int = 0) -> dict:
    report = make_report(reverse)
    findings = tuple(f for f in report.findings if any(s.article_id in new for s in f.statements))
    data = report_to_dict(replace(report, findings=findings))
    data["check"] = {"new_articles": list(new), "fail_on": fail_on, "baseline": baseline,
                     "suppressed": suppressed}
    validate_report(data)  # the fixture itself must be a valid check report
    return data


def empty_check_data(**check) -> dict:
    """A check that found nothing: one new article, two corpus articles, no findings."""
    data = report_to_dict(Report("0.1.0", make_report().articles, (), ()))
    data["check"] = {"new_articles": ["al-nord"], "fail_on": "error", "baseline": None, "suppressed": 0} | check
    validate_report(data)
    return data
