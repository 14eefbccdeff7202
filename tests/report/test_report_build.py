"""report_to_dict and the schema: the contract fields are there, typed, and in a deterministic order."""
from __future__ import annotations

import copy
import json

import jsonschema
import pytest

from claimcheck.errors import ClaimcheckError
from claimcheck.records import Report
from claimcheck.report import WRITERS, load_schema, report_to_dict, validate_report

CONTRACT_ARTICLE = {"id", "path", "source", "published", "title", "url"}
CONTRACT_FINDING = {"id", "kind", "severity", "subject", "explanation", "statements"}
CONTRACT_STATEMENT = {"article", "path", "sentence", "value", "start", "end", "line"}


def test_schema_is_valid_draft_2020_12():
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_report_dict_has_the_contract_fields_and_validates(report):
    data = report_to_dict(report)
    validate_report(data)
    assert data["schema_version"] == "1"
    assert data["tool"] == {"name": "claimcheck", "version": "0.1.0"}
    assert all(set(a) == CONTRACT_ARTICLE for a in data["articles"])
    assert all(CONTRACT_FINDING <= set(f) for f in data["findings"])
    assert all(set(s) == CONTRACT_STATEMENT for f in data["findings"] for s in f["statements"])
    assert {s["path"] for s in data["skipped"]} == {"in/notes.pdf", "in/empty.txt"}
    # survives a JSON round trip unchanged: only JSON types inside
    assert json.loads(json.dumps(data)) == data


def test_ordering_and_derived_fields(report):
    data = report_to_dict(report)
    assert [a["id"] for a in data["articles"]] == ["al-nord", "bay-herald", "coast-wire"]
    assert [f["severity"] for f in data["findings"]] == ["error", "warning", "info"]
    union = data["findings"][0]
    assert [(s["article"], s["start"]) for s in union["statements"]] == [
        ("al-nord", 75), ("bay-herald", 120), ("coast-wire", 90)]
    assert data["articles"][0]["published"] == "2031-05-05"
    assert data["articles"][2]["published"] is None and data["articles"][2]["title"] is None
    assert data["summary"] == {"articles": 3, "sentences": 41, "claims": 27, "clusters": 6,
                               "findings_by_severity": {"error": 1, "warning": 1, "info": 1}}
    assert list(data["timing"]) == ["ingest", "segment"]
    assert list(data)[-1] == "timing"  # the one part allowed to vary sits apart from the rest


def test_stats_are_optional():
    data = report_to_dict(Report("0.1.0", (), (), ()))
    validate_report(data)
    assert data["summary"] == {"articles": 0, "findings_by_severity": {"error": 0, "warning": 0, "info": 0}}
    assert "timing" not in data


def test_same_inputs_in_another_order_give_identical_bytes(report_factory):
    from claimcheck.report.writers import render

    for writer in WRITERS.values():
        a = render(writer, report_to_dict(report_factory()), report_factory())
        b = render(writer, report_to_dict(report_factory(reverse=True)), report_factory(reverse=True))
        assert a.encode() == b.encode()


def _broken(report, change):
    data = copy.deepcopy(report_to_dict(report))
    change(data)
    with pytest.raises(ClaimcheckError) as err:
        validate_report(data)
    return str(err.value)


@pytest.mark.parametrize("change, where, what", [
    (lambda d: d["findings"][0].pop("severity"), "$.findings[0]", "'severity' is a required property"),
    (lambda d: d["findings"][1].update(severity="fatal"), "$.findings[1].severity", "'fatal' is not one of"),
    (lambda d: d.pop("skipped"), "at $:", "'skipped' is a required property"),
    (lambda d: d["articles"][0].pop("published"), "$.articles[0]", "'published' is a required property"),
    (lambda d: d["articles"][0].update(published="5 May 2031"), "$.articles[0].published", "does not match"),
    (lambda d: d["findings"][0]["statements"][0].update(line=0), "$.findings[0].statements[0].line",
     "less than the minimum of 1"),
    (lambda d: d["findings"][2].update(kind="vibes"), "$.findings[2].kind", "'vibes' is not one of"),
    (lambda d: d["findings"][2]["statements"].pop(), "$.findings[2].statements", "is too short"),
    (lambda d: d.update(schema_version=1), "$.schema_version", "'1' was expected"),
])
def test_invalid_report_names_the_place_and_the_problem(report, change, where, what):
    message = _broken(report, change)
    assert message.startswith("report does not match the report schema")
    assert where in message and what in message


def test_links_the_schema_cannot_express_are_checked(report):
    message = _broken(report, lambda d: d["findings"][0]["statements"][0].update(article="ghost"))
    assert "$.findings[0].statements[0].article" in message and "'ghost' is not an article" in message
    message = _broken(report, lambda d: d["findings"][1].update(id=d["findings"][0]["id"]))
    assert "$.findings: duplicate id 'f-union'" in message


def test_extra_fields_are_allowed(report):
    data = report_to_dict(report)
    data["generated_at"] = "2031-05-06T10:00:00Z"
    data["findings"][0]["confidence"] = 0.9
    validate_report(data)
