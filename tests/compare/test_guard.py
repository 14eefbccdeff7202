"""A comparator that fails on one claim or one group of claims skips it, with one logged line; the other
groups and the other comparators' findings stand, and the report is written."""
from __future__ import annotations

import json

import pytest

import claimcheck.compare.locations as locations
from claimcheck.compare import compare_all
from tests.conftest import run_cli

# One figure the two articles disagree on, and one event they place in two towns.
A = ["About 40 people were hurt when the roof of the Ostby market hall fell in.",
     "A fire broke out at a warehouse in Lenfield on Tuesday night."]
B = ["About 90 people were hurt when the roof of the Ostby market hall fell in.",
     "A fire broke out at a warehouse in Ashby on Tuesday night."]


@pytest.fixture(scope="module")
def two_articles(corpus):
    return corpus({"a": A, "b": B})


def test_every_comparator_finds_its_conflict_when_nothing_fails(two_articles):
    claims, vectors, articles = two_articles
    assert sorted(f.kind for f in compare_all(claims, vectors, articles, log=print)) == ["location", "numeric"]


def test_a_comparator_failing_on_one_claim_skips_it_and_the_rest_stands(two_articles, monkeypatch):
    claims, vectors, articles = two_articles
    real = locations._describe

    def broken(claim, *args):  # a bug that only one sentence's wording sets off
        if "Ashby" in claim.sentence.text:
            raise IndexError("list index out of range")
        return real(claim, *args)

    monkeypatch.setattr(locations, "_describe", broken)
    lines = []
    findings = compare_all(claims, vectors, articles, log=lines.append)
    assert [f.kind for f in findings] == ["numeric"]  # the location needs both sentences; nothing else is lost
    assert len(lines) == 1
    assert lines[0].startswith("warning: the location comparator failed on part of the claims and skipped it")
    assert "IndexError: list index out of range" in lines[0] and "(b, line 1)" in lines[0]


def test_a_comparator_failing_outright_gives_no_findings_and_one_line(two_articles, monkeypatch):
    claims, vectors, articles = two_articles

    def broken(*args, **kwargs):
        raise RuntimeError("no pairs today")

    monkeypatch.setattr(locations, "pairs_among", broken)
    lines = []
    findings = compare_all(claims, vectors, articles, log=lines.append)
    assert [f.kind for f in findings] == ["numeric"]
    assert lines == ["warning: the location comparator failed (RuntimeError: no pairs today) and gave no findings; "
                     "the other comparators' findings stand"]


def test_without_a_log_a_failure_is_raised_for_the_caller_to_see(two_articles, monkeypatch):
    claims, vectors, articles = two_articles
    monkeypatch.setattr(locations, "_describe", lambda *a: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        compare_all(claims, vectors, articles)


def test_a_place_phrase_after_a_long_clause_of_participles_no_longer_takes_the_report_down(tmp_path, embedding_cache):
    """The clause before "in the northern Vessa region" holds no event verb left after its participles
    ("formed", "involved") are set aside: describing the event once looked up a verb that was not there."""
    (tmp_path / "a.txt").write_text(
        "The Lantern Brigade, a unit formed from members of a crew involved in years of smuggling in the northern "
        "Vessa region, had earlier said they would honour a 48-hour pause starting at noon.\n")
    (tmp_path / "b.txt").write_text(
        "The Lantern Brigade said on Monday that raids went on in the northern Vessa region despite the pause.\n")
    done = run_cli("report", tmp_path / "a.txt", tmp_path / "b.txt", "--out", tmp_path / "out",
                   "--cache-dir", embedding_cache)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "comparator failed" not in done.stderr
    assert len(json.loads((tmp_path / "out" / "report.json").read_text())["articles"]) == 2
