"""What a baseline holds, and what it lets through."""
from __future__ import annotations

import json

import pytest

from claimcheck.errors import ClaimcheckError
from claimcheck.gate.baseline import baseline_text, load_baseline
from claimcheck.records import Finding, Statement


def st(article: str, value: str, sentence: str, start: int = 0) -> Statement:
    return Statement(article, f"news/{article}.md", sentence, value, start, start + len(sentence), 1)


DISPUTE = Finding("num-1", "numeric", "error", "homes flooded", "They differ.", (
    st("herald", "about 900", "About 900 homes were flooded."),
    st("courier", "more than 1,500", "More than 1,500 homes were flooded."),
))


def write(tmp_path, findings) -> object:
    path = tmp_path / "baseline.json"
    path.write_text(baseline_text(findings, "0.1.0"))
    return load_baseline(path)


def test_the_same_dispute_is_held_whatever_the_files_offsets_or_order(tmp_path):
    baseline = write(tmp_path, [DISPUTE])
    moved = Finding("num-1", "numeric", "error", "homes flooded", "They differ.", (
        st("courier-renamed", "more than 1,500", "More than 1,500 homes were flooded.", start=400),
        st("herald", "about 900", "About 900 homes were flooded.", start=12),
    ))
    assert baseline.holds(moved)


def test_a_new_sentence_joining_the_dispute_is_not_held(tmp_path):
    baseline = write(tmp_path, [DISPUTE])
    joined = Finding("num-1", "numeric", "error", "homes flooded", "They differ.",
                     (*DISPUTE.statements, st("wire", "about 900", "Roughly 900 homes flooded, officials said.")))
    assert not baseline.holds(joined)


def test_another_dispute_is_not_held(tmp_path):
    baseline = write(tmp_path, [DISPUTE])
    other = Finding("num-2", "numeric", "error", "people evacuated", "They differ.", DISPUTE.statements)
    assert not baseline.holds(other)


def test_the_file_is_readable_and_sorted(tmp_path):
    baseline_file = tmp_path / "b.json"
    baseline_file.write_text(baseline_text([DISPUTE], "0.1.0"))
    data = json.loads(baseline_file.read_text())
    assert data["findings"][0]["values"] == ["about 900", "more than 1,500"]
    assert data["findings"][0]["subject"] == "homes flooded"


@pytest.mark.parametrize("content, message", [
    ("{not json", "not valid JSON"),
    ('{"findings": []}', "not a claimcheck baseline"),
    ('{"claimcheck_baseline": 1, "findings": [{"id": 3}]}', r"findings\[0\]"),
])
def test_a_broken_baseline_names_the_file_and_the_problem(tmp_path, content, message):
    path = tmp_path / "b.json"
    path.write_text(content)
    with pytest.raises(ClaimcheckError, match=message) as err:
        load_baseline(path)
    assert str(path) in str(err.value)


def test_a_missing_baseline_says_how_to_make_one(tmp_path):
    with pytest.raises(ClaimcheckError, match="claimcheck baseline"):
        load_baseline(tmp_path / "nope.json")
