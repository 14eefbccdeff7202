"""The check as a person reads it on a terminal: each finding with every statement, the new ones marked.

    1 new article checked against 2 corpus articles
    [error] entity_role union spokesperson
      + in/al-nord.html:4  "Tomas Aalto"  (Al Nord)
        in/bay-herald.txt:6  "Tomas Aalto"  (Bay Herald)
        The same union has two different spokespeople in the same week.
    1 finding at or above error
"""
from __future__ import annotations

import textwrap

from claimcheck import runner_safe
from claimcheck.report.build import SEVERITIES, SEVERITY_RANK
from claimcheck.report.github import new_article_ids, source_names
from claimcheck.report.terminal import plain

WIDTH = 100
NEW, CORPUS = "  + ", "    "  # a statement's mark: "+" for a new article
INDENT = "    "


def render(data: dict) -> str:
    check = data.get("check") or {}
    new_ids = new_article_ids(data)
    names = source_names(data)
    # The store's size: the report itself lists only the corpus articles a finding cites.
    corpus = check.get("corpus_articles", sum(a["id"] not in new_ids for a in data["articles"]))
    lines = [f"{_count(len(check.get('new_articles', ())), 'new article')} checked against "
             f"{_count(corpus, 'corpus article')}"]
    for f in data["findings"]:
        lines.append(f"[{plain(f['severity'])}] {plain(f['kind'])} {plain(f['subject'])}")
        for s in f["statements"]:
            mark = NEW if s["article"] in new_ids else CORPUS
            lines.append(f"{mark}{plain(s['path'])}:{s['line']}  \"{plain(s['value'])}\"  "
                         f"({plain(names.get(s['article'], s['article']))})")
        lines += textwrap.wrap(plain(f["explanation"]), WIDTH, initial_indent=INDENT, subsequent_indent=INDENT)
    fail_on = check.get("fail_on", SEVERITIES[0])
    last = f"{_count(failing(data['findings'], fail_on), 'finding')} at or above {plain(fail_on)}"
    if check.get("suppressed"):
        last += f" ({check['suppressed']} suppressed by baseline)"
    lines.append(last)
    # Whole lines, as wrapped: a corpus path or a wrapped word of an explanation may start one.
    return runner_safe.plain("\n".join(lines)) + "\n"


def failing(findings: list[dict], fail_on: str) -> int:
    """How many findings are at or above fail_on: the ones that fail the check."""
    limit = SEVERITY_RANK.get(fail_on, 0)
    return sum(SEVERITY_RANK.get(f["severity"], len(SEVERITIES)) <= limit for f in findings)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
