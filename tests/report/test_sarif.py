"""The SARIF log: valid against the official SARIF 2.1.0 schema, one result per finding, stable output.

sarif-schema-2.1.0.json beside this file is the OASIS schema (2.1.0 with errata 01), vendored unchanged.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import jsonschema
import pytest

from claimcheck.report import github, sarif
from tests.report.check_data import empty_check_data, make_check_data

SCHEMA_FILE = Path(__file__).parent / "sarif-schema-2.1.0.json"
# RFC 3986 URI-reference characters; jsonschema cannot check format "uri-reference" without extra packages.
URI_REFERENCE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:)?(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2})*$")


@lru_cache(maxsize=1)
def validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema).check_schema(schema)
    return jsonschema.Draft4Validator(schema)


def test_vendored_schema_is_the_official_draft_04_schema():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert schema["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    validator()


def assert_valid_sarif(text: str) -> dict:
    log = json.loads(text)
    errors = sorted(validator().iter_errors(log), key=lambda e: list(map(str, e.absolute_path)))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]
    for result in log["runs"][0]["results"]:
        for loc in result["locations"] + result["relatedLocations"]:
            assert URI_REFERENCE.match(loc["physicalLocation"]["artifactLocation"]["uri"])
    return log


@pytest.mark.parametrize("new", [("al-nord",), ("coast-wire",), ("al-nord", "coast-wire")])
def test_log_with_findings_is_valid(new):
    assert_valid_sarif(sarif.render(make_check_data(new)))


def test_log_without_findings_is_valid():
    log = assert_valid_sarif(sarif.render(empty_check_data()))
    run = log["runs"][0]
    assert run["results"] == [] and run["tool"]["driver"]["rules"] == []


def test_log_header_and_rules():
    log = json.loads(sarif.render(make_check_data(("coast-wire",))))
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json" and log["version"] == "2.1.0"
    driver = log["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("claimcheck", "0.1.0")
    assert [r["id"] for r in driver["rules"]] == ["entity_role", "numeric"]  # one per kind used, sorted
    assert driver["rules"][1] == {
        "id": "numeric", "shortDescription": {"text": "Articles give different figures for the same quantity."},
        "defaultConfiguration": {"level": "warning"}}
    for result in log["runs"][0]["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_result_sits_on_the_new_article_and_relates_the_others():
    data = make_check_data(("coast-wire",))
    numeric = json.loads(sarif.render(data))["runs"][0]["results"][1]
    assert numeric == {
        "ruleId": "numeric",
        "ruleIndex": 1,
        "level": "warning",
        "message": {"text": '"more than 1,500" here; [Bay Herald (in/bay-herald.txt:3)](1) says "about 900". '
                            "One outlet says about 900 passengers, another more than 1,500; the bounds do "
                            "not overlap but the figures may be from different hours."},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": "in/coast-wire.md"},
            "region": {"startLine": 9, "snippet": {"text": "More than 1,500 passengers were stranded overnight."}}}}],
        "relatedLocations": [{"id": 1, "physicalLocation": {
            "artifactLocation": {"uri": "in/bay-herald.txt"},
            "region": {"startLine": 3, "snippet": {"text": "About 900 passengers were stranded at the pier."}}},
            "message": {"text": 'Bay Herald says "about 900"'}}],
        "partialFingerprints": {"claimcheckFinding/v1": "f-count"},
    }
    # the same words as the annotation, without the workflow-command escaping, each other source a link
    finding = data["findings"][1]
    assert re.sub(r"\[([^\]]*)\]\(\d+\)", r"\1", numeric["message"]["text"]) == github.finding_message(
        finding, github.source_names(data), github.new_article_ids(data))


LINK = re.compile(r"(?<!\\)\[((?:\\.|[^\]\\])*)\]\((\d+)\)")  # SARIF 3.11.6: [text](id), \[ \] literal


def test_every_other_source_is_a_link_to_its_related_location():
    data = make_check_data(("al-nord", "coast-wire"))
    for result in assert_valid_sarif(sarif.render(data))["runs"][0]["results"]:
        related = {r["id"]: r for r in result["relatedLocations"]}
        links = LINK.findall(result["message"]["text"])
        assert sorted(int(n) for _, n in links) == sorted(related)  # one link per other statement, each resolves
        for text, n in links:
            location = related[int(n)]["physicalLocation"]
            path = location["artifactLocation"]["uri"]
            assert text.endswith(f"({path}:{location['region']['startLine']})")


def test_brackets_in_article_text_cannot_make_a_link():
    data = make_check_data(("coast-wire",))
    other = next(s for s in data["findings"][1]["statements"] if s["article"] == "bay-herald")
    other.update(value="see [here](2) \\[x]")
    data["articles"] = [dict(a, source="[Evil](99)") if a["id"] == "bay-herald" else a for a in data["articles"]]
    text = assert_valid_sarif(sarif.render(data))["runs"][0]["results"][1]["message"]["text"]
    assert [n for _, n in LINK.findall(text)] == ["1"]  # only our own link, to the one related location
    assert '\\[Evil\\](99)' in text and 'says "see \\[here\\](2) \\\\\\[x\\]"' in text


def test_severity_maps_to_level():
    levels = [r["level"] for r in json.loads(sarif.render(make_check_data(("al-nord",))))["runs"][0]["results"]]
    assert levels == ["error", "note"]  # info has no SARIF level of that name
    assert sarif.LEVELS == {"error": "error", "warning": "warning", "info": "note"}


def test_check_settings_ride_along_in_the_run_properties():
    run = json.loads(sarif.render(make_check_data(suppressed=3, baseline="ci/baseline.json")))["runs"][0]
    assert run["properties"] == {"check": {"new_articles": ["al-nord"], "fail_on": "error",
                                           "baseline": "ci/baseline.json", "suppressed": 3}}


@pytest.mark.parametrize("path, uri", [
    ("in/bay-herald.txt", "in/bay-herald.txt"),
    ("in/my file.txt", "in/my%20file.txt"),
    ("in/a:b,c.txt", "in/a%3Ab%2Cc.txt"),  # a ':' must not read as a URI scheme
    ("news/50%.md", "news/50%25.md"),
    ("in/été.txt", "in/%C3%A9t%C3%A9.txt"),
    ("in\\win\\x.txt", "in/win/x.txt"),
    ("C:\\news\\x y.txt", "file:///C:/news/x%20y.txt"),
    ("/srv/news/x.txt", "file:///srv/news/x.txt"),
    ("\\\\server\\share\\x.txt", "file://server/share/x.txt"),
])
def test_paths_become_uri_references(path, uri):
    assert sarif.artifact_uri(path) == uri
    assert URI_REFERENCE.match(uri)


def test_hostile_text_is_data_and_braces_are_doubled():
    data = make_check_data(("coast-wire",))
    numeric = data["findings"][1]
    new = next(s for s in numeric["statements"] if s["article"] == "coast-wire")
    new.update(value="{0} and\n\x1b[31m", path="in/coast wire, draft:1.md", sentence='say "hi" <b>{x}</b>')
    log = assert_valid_sarif(sarif.render(data))
    result = log["runs"][0]["results"][1]
    # placeholders stay literal, and a bracket cannot open a link
    assert result["message"]["text"].startswith('"{{0}} and\n\x1b\\[31m" here;')
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "in/coast%20wire%2C%20draft%3A1.md"
    assert location["region"]["snippet"]["text"] == 'say "hi" <b>{x}</b>'  # a snippet is the text as is


def test_same_check_in_any_order_gives_identical_bytes():
    data = make_check_data(("al-nord", "coast-wire"))
    text = sarif.render(data)
    assert text == sarif.render(make_check_data(("al-nord", "coast-wire"), reverse=True))
    assert text.endswith("}\n") and json.loads(text)
