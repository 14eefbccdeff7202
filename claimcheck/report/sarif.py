"""A SARIF 2.1.0 log of a check, for code scanning (GitHub's upload-sarif and other SARIF viewers).

Plain dicts rather than the sarif-om package: the log is small, and a dependency would buy nothing the
schema test does not already check. One result per finding, placed on the new article's statement; the
other articles' statements are its related locations.
"""
from __future__ import annotations

import json
import re
from urllib.parse import quote

from claimcheck.compare.registry import RULES
from claimcheck.report.github import new_article_ids, source_names, split_statements
from claimcheck.runner_safe import json_text

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
# Finding severities vary within a kind, and each result carries its own level; the rule's default is
# SARIF's own default.
DEFAULT_LEVEL = "warning"
RULE_TEXT = RULES  # one sentence per kind, as the comparators register them
FINGERPRINT = "claimcheckFinding/v1"
_DRIVE = re.compile(r"^[A-Za-z]:/")


def render(data: dict) -> str:
    return json_text(json.dumps(sarif_log(data), indent=2, ensure_ascii=False, allow_nan=False)) + "\n"


def sarif_log(data: dict) -> dict:
    names = source_names(data)
    new_ids = new_article_ids(data)
    kinds = sorted({f["kind"] for f in data["findings"]})
    rule_index = {kind: i for i, kind in enumerate(kinds)}
    driver = {"name": data["tool"]["name"], "version": data["tool"]["version"],
              "rules": [_rule(kind) for kind in kinds]}
    run = {"tool": {"driver": driver},
           "results": [_result(f, rule_index[f["kind"]], names, new_ids) for f in data["findings"]]}
    if "check" in data:
        run["properties"] = {"check": data["check"]}
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def artifact_uri(path: str) -> str:
    """A file path as a URI reference: forward slashes, percent-encoded, absolute paths as file: URIs.

    Everything but unreserved characters and '/' is encoded, so a ':' in a relative path cannot read as
    a URI scheme and a space or '%' cannot break the reference.
    """
    p = str(path).replace("\\", "/")
    if _DRIVE.match(p):
        return "file:///" + p[:2] + quote(p[2:], safe="/")
    if p.startswith("//"):  # a UNC path: //server/share/...
        return "file:" + quote(p, safe="/")
    if p.startswith("/"):
        return "file://" + quote(p, safe="/")
    return quote(p, safe="/")


def _rule(kind: str) -> dict:
    return {"id": kind, "shortDescription": {"text": RULE_TEXT.get(kind, "Articles disagree on the same point.")},
            "defaultConfiguration": {"level": DEFAULT_LEVEL}}


def _result(finding: dict, rule_index: int, names: dict[str, str], new_ids: set[str]) -> dict:
    primary, others = split_statements(finding, new_ids)
    return {
        "ruleId": finding["kind"],
        "ruleIndex": rule_index,
        "level": LEVELS.get(finding["severity"], DEFAULT_LEVEL),
        "message": {"text": _linked_message(finding, primary, others, names)},
        "locations": [_location(primary)],
        "relatedLocations": [
            dict(id=i, **_location(s), message={"text": _message_text(
                f'{names.get(s["article"], s["article"])} says "{s["value"]}"')})
            for i, s in enumerate(others, 1)],
        "partialFingerprints": {FINGERPRINT: finding["id"]},
    }


def _linked_message(finding: dict, primary: dict, others: list[dict], names: dict[str, str]) -> str:
    """The annotation's words (github.finding_message), each other source an embedded link to its related
    location ("[Bay Herald (in/bay-herald.txt:3)](1)", SARIF 2.1.0 3.11.6), so a viewer such as GitHub code
    scanning links to where the other side is said."""
    parts = [f'"{_literal(primary["value"])}" here']
    parts += [f'[{_literal(names.get(s["article"], s["article"]))} ({_literal(s["path"])}:{s["line"]})]({i}) '
              f'says "{_literal(s["value"])}"' for i, s in enumerate(others, 1)]
    text = "; ".join(parts) + "."
    explanation = finding["explanation"].strip()
    return f"{text} {_literal(explanation)}" if explanation else text


_BRACKET = re.compile(r"(\\*)([\[\]])")


def _literal(text: str) -> str:
    """Text from an article or a path inside a message with links: braces doubled (placeholders), and each
    square bracket escaped with a backslash (SARIF reads [text](n) as a link), a backslash before one too."""
    return _BRACKET.sub(lambda m: m.group(1) * 2 + "\\" + m.group(2), _message_text(str(text)))


def _location(statement: dict) -> dict:
    region = {"startLine": int(statement["line"]), "snippet": {"text": statement["sentence"]}}
    return {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(statement["path"])}, "region": region}}


def _message_text(text: str) -> str:
    # SARIF reads {0}, {1}... in a message as placeholders, and asks for literal braces to be doubled.
    return text.replace("{", "{{").replace("}", "}}")
