"""A few plain lines for the terminal: what was read, what was skipped, what disagrees."""
from __future__ import annotations

from claimcheck import runner_safe
from claimcheck.report.build import SEVERITIES, SEVERITY_RANK, count_by_severity

SHOWN_UP_TO = SEVERITY_RANK["warning"]  # info findings are counted, not listed: they are not conflicts


def plain(text) -> str:
    # Article text could carry escape sequences or bidi overrides that repaint the terminal; show them as spaces.
    return runner_safe.flatten(text)


def summary_lines(report_dict: dict) -> list[str]:
    findings = report_dict["findings"]
    skipped = report_dict["skipped"]
    lines = [f"{len(report_dict['articles'])} articles read"]
    lines.append(f"{len(skipped)} skipped" + (":" if skipped else ""))
    lines += [f"  {plain(s['path'])}: {plain(s['reason'])}" for s in skipped]
    warnings = report_dict.get("warnings") or []
    if warnings:  # files read all the same; the line is left out when there are none, as before
        lines.append(f"{len(warnings)} warning{'s' if len(warnings) > 1 else ''} (read all the same):")
        lines += [f"  {plain(w['path'])}: {plain(w['message'])}" for w in warnings]
    counts = ", ".join(f"{n} {name}" for name, n in count_by_severity(f["severity"] for f in findings).items())
    lines.append(f"{len(findings)} findings ({counts})")
    for f in findings:
        if SEVERITY_RANK.get(f["severity"], len(SEVERITIES)) <= SHOWN_UP_TO:
            lines.append(f"[{f['severity']}] {f['kind']} {plain(f['subject'])}: {_values(f['statements'])}")
    return [runner_safe.plain(line) for line in lines]  # whole lines: a path may start one ("  ::x.md: empty")


def _values(statements: list[dict]) -> str:
    """'A (a1, a2) vs B (a3)': each value as written, with the articles that give it, in report order."""
    by_value: dict[str, list[str]] = {}
    for s in statements:
        ids = by_value.setdefault(plain(s["value"]), [])
        if s["article"] not in ids:
            ids.append(s["article"])
    return " vs ".join(f"{value} ({', '.join(plain(i) for i in ids)})" for value, ids in by_value.items())
