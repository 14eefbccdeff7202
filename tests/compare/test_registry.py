"""The registry is the one list of kinds: the comparators it runs, the schema, the HTML and SARIF writers."""
import json
from pathlib import Path

from claimcheck.compare.registry import KINDS, PLUGINS, RULES
from claimcheck.report import html_writer, sarif
from claimcheck.report.build import load_schema

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "claimcheck" / "report" / "schema.json"


def test_every_plugin_loads_a_comparator():
    for plugin in PLUGINS:
        assert callable(plugin.load()), plugin


def test_the_shipped_schema_file_lists_the_registered_kinds():
    shipped = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert shipped["$defs"]["finding"]["properties"]["kind"]["enum"] == list(KINDS)
    assert load_schema()["$defs"]["finding"]["properties"]["kind"]["enum"] == list(KINDS)


def test_the_writers_read_the_kinds_from_the_registry():
    assert html_writer.KINDS == KINDS
    assert set(sarif.RULE_TEXT) == set(KINDS) and sarif.RULE_TEXT == RULES


def test_a_finding_of_every_kind_gets_its_rule_in_sarif():
    data = {"tool": {"name": "claimcheck", "version": "0"}, "articles": [{"id": "a", "path": "a.txt", "source": "a"}],
            "findings": [{"id": f"x-{k}", "kind": k, "severity": "warning", "subject": "s", "explanation": "e",
                          "statements": [{"article": "a", "path": "a.txt", "sentence": "S.", "value": "v",
                                          "start": 0, "end": 2, "line": 1}]} for k in KINDS]}
    rules = sarif.sarif_log(data)["runs"][0]["tool"]["driver"]["rules"]
    assert {r["id"]: r["shortDescription"]["text"] for r in rules} == RULES
