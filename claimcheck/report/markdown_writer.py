"""The Markdown report: what a person reads. Everything taken from articles is escaped, so a sentence that
holds Markdown or HTML shows as text and cannot add links, scripts, tables or emphasis to the report."""
from __future__ import annotations

import re

from claimcheck.report.build import count_by_severity
from claimcheck.runner_safe import markdown_text

# HTML-significant characters become entities (a backslash does not stop every renderer from reading HTML);
# Markdown punctuation that can start inline markup gets a backslash. `$` too: GitHub renders $...$ as math.
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_BACKSLASHED = set("\\`*_[]|~$")
# Text that begins a line (a quote, a list item, a paragraph) must not open a block there: a heading, a list
# item or a rule. Only the marker forms CommonMark reads are escaped, so "0.1.0" or "-5" stay as written.
_BLOCK_MARK = re.compile(r"^([#+-])(?=[\s#-]|$)")
_ORDERED_MARK = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
MARKDOWN_ID_PREFIX = "<!-- claimcheck report_id: "  # the last line: hidden where Markdown is rendered


def escape(text) -> str:
    """Inline-safe Markdown for untrusted text, on one line (a newline would end the quote or table row)."""
    flat = " ".join(str(text).split())
    out = "".join(_ENTITIES.get(c) or ("\\" + c if c in _BACKSLASHED else c) for c in flat)
    out = _BLOCK_MARK.sub(r"\\\1", out)
    # Last: a CI runner command in it (a `::` it starts with) gets a backslash of its own.
    return markdown_text(_ORDERED_MARK.sub(r"\1\\\2", out))


def render(report_dict: dict) -> str:
    articles = report_dict["articles"]
    findings = report_dict["findings"]
    skipped = report_dict["skipped"]
    sources = {a["id"]: a["source"] for a in articles}
    tool = report_dict["tool"]

    lines = [f"# {escape(tool['name'])} report", ""]
    lines.append(f"{escape(tool['name'])} {escape(tool['version'])}: {len(articles)} articles read, "
                 f"{len(skipped)} skipped, {len(findings)} findings "
                 f"({_counts(findings)}).")
    lines.append("")

    lines += ["## Findings by severity", ""]
    if findings:
        lines += ["| # | Severity | Kind | Subject | Articles |", "|---|---|---|---|---|"]
        for n, f in enumerate(findings, 1):
            ids = _unique(s["article"] for s in f["statements"])
            lines.append(f"| {n} | {escape(f['severity'])} | {escape(f['kind'])} | {escape(f['subject'])} | "
                         f"{escape(', '.join(ids))} |")
    else:
        lines.append("No disagreements found.")
    lines.append("")

    for n, f in enumerate(findings, 1):
        lines += [f"### {n}. {escape(f['subject'])}", ""]
        lines += [f"- Severity: **{escape(f['severity'])}**", f"- Kind: {escape(f['kind'])}",
                  f"- Id: {escape(f['id'])}", ""]
        lines += [escape(f["explanation"]), ""]
        for s in f["statements"]:
            outlet = sources.get(s["article"], "")
            # Without metadata the outlet is the article id: name it once.
            who = escape(outlet) if outlet in ("", s["article"]) else f"{escape(outlet)} (article {escape(s['article'])})"
            lines += [f"> {escape(s['sentence'])}", ">",
                      f"> {who or escape(s['article'])}, line {s['line']}: **{escape(s['value'])}**", ""]

    lines += ["## Articles", ""]
    if articles:
        lines += ["| Id | Source | Published | Title | Path |", "|---|---|---|---|---|"]
        for a in articles:
            cells = [a["id"], a["source"], a["published"] or "", a["title"] or "", a["path"]]
            lines.append("| " + " | ".join(escape(c) for c in cells) + " |")
    else:
        lines.append("No articles were read.")
    lines.append("")

    if skipped:
        lines += ["## Skipped", ""]
        lines += [f"- {escape(s['path'])}: {escape(s['reason'])}" for s in skipped]
        lines.append("")

    warnings = report_dict.get("warnings") or []
    if warnings:  # read all the same: what was repaired, so a reader can look at the file
        lines += ["## Warnings", ""]
        lines += [f"- {escape(w['path'])}: {escape(w['message'])}" for w in warnings]
        lines.append("")

    if report_dict.get("report_id"):  # ties this file to the report.json of the same run (report.pairing)
        lines.append(f"{MARKDOWN_ID_PREFIX}{report_dict['report_id']} -->")
    return "\n".join(lines).rstrip("\n") + "\n"


def _counts(findings: list[dict]) -> str:
    return ", ".join(f"{n} {name}" for name, n in count_by_severity(f["severity"] for f in findings).items())


def _unique(items) -> list:
    return list(dict.fromkeys(items))
