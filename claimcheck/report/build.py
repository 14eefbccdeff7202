"""Turn a `Report` record into the contract's JSON structure, and check a structure against the schema.

The dict built here is the one thing every writer renders, so all ordering decisions live here: the same
inputs in any order give the same dict, and only the top-level "timing" key may differ between runs.
"""
from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from datetime import date
from functools import lru_cache
from importlib import resources

import jsonschema

from claimcheck.errors import ClaimcheckError
from claimcheck.records import Article, Finding, Report, Statement

SCHEMA_VERSION = "1"
TOOL_NAME = "claimcheck"
SEVERITIES = ("error", "warning", "info")  # most severe first: the order findings are listed in
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}
STAT_COUNTS = ("sentences", "claims", "clusters")
REPORT_ID_LENGTH = 16  # hex digits: a 64-bit hash, ample for telling two runs apart


def report_to_dict(report: Report) -> dict:
    articles = sorted(report.articles, key=lambda a: a.id)
    findings = sorted(report.findings, key=_finding_key)
    summary = {"articles": len(articles)}
    for key in STAT_COUNTS:
        if key in report.stats:
            summary[key] = int(report.stats[key])
    summary["findings_by_severity"] = count_by_severity(f.severity for f in findings)

    head = {"schema_version": SCHEMA_VERSION, "tool": {"name": TOOL_NAME, "version": report.tool_version}}
    body = {
        "summary": summary,
        "articles": [_article(a) for a in articles],
        "findings": [_finding(f) for f in findings],
        "skipped": [{"path": s.path, "reason": s.reason}
                    for s in sorted(report.skipped, key=lambda s: (s.path, s.reason))],
        # Always written, empty or not, so a reader need not tell "none" from "an older claimcheck".
        "warnings": [{"path": w.path, "message": w.message}
                     for w in sorted(set(report.warnings), key=lambda w: (w.path, w.message))],
        "shared_claims": [{"id": c.id, "sentences": [{"article": m.article_id, "start": m.start, "end": m.end,
                                                      "line": m.line} for m in c.mentions]}
                          for c in report.shared],
    }
    data = {**head, "report_id": report_id({**head, **body}, report.articles), **body}
    timing = _timing(report.stats.get("timing"))
    if timing is not None:
        data["timing"] = timing
    return data


def report_id(data: dict, articles) -> str:
    """What every file of one report carries (report.json, report.md, report.html), so a reader can tell a
    JSON and a Markdown of different runs apart (a kill between their renames leaves such a pair).

    A hash of what the files show, timing aside, and of the articles' texts (the HTML shows them): the same
    inputs give the same files, and two runs that would write different files give different ids."""
    # allow_nan stays on: a NaN is for validate_report to name, not for the hash to trip on.
    digest = hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode())
    for a in sorted(articles, key=lambda a: a.id):
        digest.update(f"\x00{a.id}\x00{a.content_hash}".encode())
    return digest.hexdigest()[:REPORT_ID_LENGTH]


def count_by_severity(severities) -> dict[str, int]:
    """{"error": n, "warning": n, "info": n}; an unknown severity is not counted (validation rejects it)."""
    counts = {name: 0 for name in SEVERITIES}
    for severity in severities:
        if severity in counts:
            counts[severity] += 1
    return counts


def _finding_key(finding: Finding):
    return (SEVERITY_RANK.get(finding.severity, len(SEVERITIES)), finding.kind, finding.subject, finding.id)


def _statement_key(statement: Statement):
    # (article, start) is the order people expect; the rest only breaks ties so the order never depends on input
    return (statement.article_id, statement.start, statement.end, statement.value, statement.sentence)


def _article(article: Article) -> dict:
    return {
        "id": article.id,
        "path": article.path,
        "source": article.source,
        "published": _iso_date(article.published),
        "title": article.title,
        "url": article.url,
    }


def _iso_date(day: date | None) -> str | None:
    # Built by hand, not isoformat(): a datetime would add a time, and the contract wants the day only.
    return None if day is None else f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def _finding(finding: Finding) -> dict:
    return {
        "id": finding.id,
        "kind": finding.kind,
        "severity": finding.severity,
        "subject": finding.subject,
        "explanation": finding.explanation,
        "statements": [_statement(s) for s in sorted(finding.statements, key=_statement_key)],
    }


def _statement(statement: Statement) -> dict:
    return {
        "article": statement.article_id,
        "path": statement.path,
        "sentence": statement.sentence,
        "value": statement.value,
        "start": statement.start,
        "end": statement.end,
        "line": statement.line,
    }


def _timing(timing) -> dict | None:
    if not isinstance(timing, dict):
        return None
    # Sorted keys so the stage order of the pipeline does not leak into the output; NaN/inf are not JSON.
    return {str(k): round(float(v), 6) for k, v in sorted(timing.items(), key=lambda kv: str(kv[0]))
            if isinstance(v, (int, float)) and math.isfinite(v)}


def load_schema() -> dict:
    """The report schema as shipped in the package (works from an installed wheel, not only the source tree)."""
    text = resources.files("claimcheck.report").joinpath("schema.json").read_text(encoding="utf-8")
    schema = json.loads(text)
    # The kinds are the registered comparators' (compare.registry); the file lists the same for readers.
    from claimcheck.compare.registry import KINDS

    schema["$defs"]["finding"]["properties"]["kind"]["enum"] = list(KINDS)
    return schema


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(load_schema())


def validate_report(data: dict) -> None:
    """Raise ClaimcheckError naming where the report breaks the schema (or the id links the schema cannot see)."""
    errors = sorted(_validator().iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    problems = [f"at {_json_path(e.absolute_path)}: {e.message}" for e in errors]
    if not problems:
        problems = _link_problems(data)
    if problems:
        shown = "; ".join(problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise ClaimcheckError(f"report does not match the report schema: {shown}{more}")


def _json_path(parts) -> str:
    path = "$"
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def _link_problems(data: dict) -> list[str]:
    """What JSON Schema cannot express: ids are unique, statements point at listed articles, spans are ordered."""
    problems = []
    article_ids = [a["id"] for a in data["articles"]]
    for name, ids in (("articles", article_ids), ("findings", [f["id"] for f in data["findings"]])):
        dupes = sorted(i for i, n in Counter(ids).items() if n > 1)
        if dupes:
            problems.append(f"at $.{name}: duplicate id {', '.join(map(repr, dupes))}")
    known = set(article_ids)
    for i, finding in enumerate(data["findings"]):
        for j, st in enumerate(finding["statements"]):
            where = f"$.findings[{i}].statements[{j}]"
            if st["article"] not in known:
                problems.append(f"at {where}.article: {st['article']!r} is not an article of this report")
            if st["end"] < st["start"]:
                problems.append(f"at {where}: end {st['end']} is before start {st['start']}")
    for i, claim in enumerate(data.get("shared_claims", ())):
        for j, sentence in enumerate(claim["sentences"]):
            if sentence["article"] not in known:
                problems.append(f"at $.shared_claims[{i}].sentences[{j}].article: {sentence['article']!r} is not "
                                f"an article of this report")
    return problems
