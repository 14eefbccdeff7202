"""GitHub Actions workflow commands: one `::error file=…,line=…,title=…::message` line per finding.

The runner turns each line into an annotation on the new article's line, so a pull request shows the
conflict where the change is. The helpers that say what a finding is about (which statement is the new
article's, the one-line message) live here too: the SARIF log says the same thing.
"""
from __future__ import annotations

import unicodedata

from claimcheck.runner_safe import plain_data

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
# Bidi controls could make an annotation read differently from what it holds ("Trojan Source").
_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def new_article_ids(data: dict) -> set[str]:
    """Ids of the articles this check is about; empty for a report that is not a check."""
    return set((data.get("check") or {}).get("new_articles", ()))


def source_names(data: dict) -> dict[str, str]:
    # Without metadata an article's source may be empty: the id still tells which article it is.
    return {a["id"]: a["source"] or a["id"] for a in data["articles"]}


def split_statements(finding: dict, new_ids: set[str]) -> tuple[dict, list[dict]]:
    """(the first statement of a new article, every other statement), in report order.

    Falls back to the first statement when no new article takes part (a report that is not a check).
    """
    statements = finding["statements"]
    primary = next((s for s in statements if s["article"] in new_ids), statements[0])
    return primary, [s for s in statements if s is not primary]


def finding_title(finding: dict) -> str:
    return f"claimcheck {finding['kind']}: {finding['subject']}"


def finding_message(finding: dict, names: dict[str, str], new_ids: set[str]) -> str:
    """'"more than 1,500" here; Bay Herald (in/bay-herald.txt:3) says "about 900". <explanation>'"""
    primary, others = split_statements(finding, new_ids)
    parts = [f'"{primary["value"]}" here']
    parts += [f'{names.get(s["article"], s["article"])} ({s["path"]}:{s["line"]}) says "{s["value"]}"'
              for s in others]
    text = "; ".join(parts) + "."
    explanation = finding["explanation"].strip()
    return f"{text} {explanation}" if explanation else text


def escape_data(text) -> str:
    """The message part of a command: a raw newline would end the command and let the rest start another,
    and a `##[` inside it is a command to the runner's legacy parser."""
    return plain_data(_clean(text)).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text) -> str:
    """A property value: ',' separates properties and ':' (as '::') ends them."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _clean(text) -> str:
    # CR and LF stay for the escaping to encode, and the Unicode line and paragraph separators become LF (some
    # readers end a line there too); a tab becomes a space; other controls go.
    out = []
    for c in str(text):
        if c in "\r\n":
            out.append(c)
        elif c in "\u2028\u2029":
            out.append("\n")
        elif c == "\t":
            out.append(" ")
        elif unicodedata.category(c) != "Cc" and c not in _BIDI:
            out.append(c)
    return "".join(out)


def render(data: dict) -> str:
    names = source_names(data)
    new_ids = new_article_ids(data)
    lines = []
    for finding in data["findings"]:
        primary, _ = split_statements(finding, new_ids)
        command = COMMANDS.get(finding["severity"], "warning")
        lines.append(f"::{command} file={escape_property(primary['path'])},line={int(primary['line'])},"
                     f"title={escape_property(finding_title(finding))}"
                     f"::{escape_data(finding_message(finding, names, new_ids))}")
    return "".join(line + "\n" for line in lines)
