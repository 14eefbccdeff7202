"""The check as a pull-request comment: a heading, one line of counts, and a table of findings.

Short on purpose: at most MAX_FINDINGS rows, long text clipped, and the whole comment kept under LIMIT
characters (GitHub refuses a comment over 65,536). All article text goes through `escape`, so a sentence
cannot add markup, HTML or table cells to the comment.
"""
from __future__ import annotations

from claimcheck.report.check_text import failing
from claimcheck.report.github import new_article_ids, source_names, split_statements
from claimcheck.report.markdown_writer import escape
from claimcheck.report.terminal import plain

MAX_FINDINGS = 20
MAX_OTHERS = 5  # statements listed under "Others say" before "… and N more"
LIMIT = 60_000  # characters in the whole comment, with room to spare under GitHub's cap
CLIP = {"subject": 120, "value": 100, "source": 80, "path": 160, "sentence": 200}
HEADER = ["| Severity | Kind | Subject | New article says | Others say |", "|---|---|---|---|---|"]


def render(data: dict) -> str:
    check = data.get("check") or {}
    new_ids = new_article_ids(data)
    names = source_names(data)
    findings = data["findings"]
    # The store's size: the report itself lists only the corpus articles a finding cites.
    corpus = check.get("corpus_articles", sum(a["id"] not in new_ids for a in data["articles"]))
    fail_on = check.get("fail_on", "error")

    heading = f"### claimcheck: {_count(len(findings), 'new conflict')}" if findings else \
        "### claimcheck: no new conflicts"
    counts = (f"{_count(len(check.get('new_articles', ())), 'new article')} checked against "
              f"{_count(corpus, 'corpus article')}; {_count(failing(findings, fail_on), 'finding')} "
              f"at or above {escape(fail_on)}")
    if check.get("suppressed"):
        counts += f"; {check['suppressed']} suppressed by the baseline"
    lines = [heading, "", counts + ".", ""]

    if findings:
        lines += HEADER
        size = sum(len(line) + 1 for line in lines)
        shown = 0
        for finding in findings[:MAX_FINDINGS]:
            row = _row(finding, names, new_ids)
            if size + len(row) + 1 > LIMIT - 100:  # 100: room for the "… and N more" line
                break
            lines.append(row)
            size += len(row) + 1
            shown += 1
        lines.append("")
        if shown < len(findings):
            lines += [f"… and {len(findings) - shown} more.", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _row(finding: dict, names: dict[str, str], new_ids: set[str]) -> str:
    primary, others = split_statements(finding, new_ids)
    said = f"{_said(primary, names)}<br>“{_cell(primary['sentence'], 'sentence')}”"
    rest = [_said(s, names) for s in others[:MAX_OTHERS]]
    if len(others) > MAX_OTHERS:
        rest.append(f"… and {len(others) - MAX_OTHERS} more")
    cells = [escape(finding["severity"]), escape(finding["kind"]), _cell(finding["subject"], "subject"),
             said, "<br>".join(rest)]
    return "| " + " | ".join(cells) + " |"


def _said(statement: dict, names: dict[str, str]) -> str:
    """'**about 900** (Bay Herald, in/bay-herald.txt:3)'"""
    source = names.get(statement["article"], statement["article"])
    return (f"**{_cell(statement['value'], 'value')}** ({_cell(source, 'source')}, "
            f"{_cell(statement['path'], 'path')}:{int(statement['line'])})")


def _cell(text, field: str) -> str:
    # Clipped before escaping, so the cut can never split an entity or leave a lone backslash.
    flat = plain(text)
    limit = CLIP[field]
    if len(flat) > limit:
        flat = flat[:limit - 1].rstrip() + "…"
    return escape(flat)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
