"""The pull-request comment: a short table, escaped, capped in rows and in size."""
from __future__ import annotations

import pytest

from claimcheck.report import check_markdown
from claimcheck.report.check_markdown import render
from tests.report.check_data import empty_check_data, make_check_data


def test_comment_for_a_check_with_findings():
    assert render(make_check_data(("coast-wire",), suppressed=1)) == """\
### claimcheck: 2 new conflicts

1 new article checked against 2 corpus articles; 1 finding at or above error; 1 suppressed by the baseline.

| Severity | Kind | Subject | New article says | Others say |
|---|---|---|---|---|
| error | entity\\_role | union spokesperson | **Ida Brenner** (Coast Wire, in/coast-wire.md:5)<br>\
“Union spokesperson Ida Brenner said talks had failed.” | **Tomas Aalto** (Al Nord, in/al-nord.html:4)<br>\
**Tomas Aalto** (Bay Herald, in/bay-herald.txt:6) |
| warning | numeric | passengers stranded | **more than 1,500** (Coast Wire, in/coast-wire.md:9)<br>\
“More than 1,500 passengers were stranded overnight.” | **about 900** (Bay Herald, in/bay-herald.txt:3) |
"""


def test_comment_without_findings():
    assert render(empty_check_data(fail_on="warning")) == (
        "### claimcheck: no new conflicts\n\n"
        "1 new article checked against 2 corpus articles; 0 findings at or above warning.\n")


def test_comment_counts_the_whole_store():
    assert "checked against 40 corpus articles;" in render(empty_check_data(corpus_articles=40))


def test_one_finding_is_singular():
    data = make_check_data(("coast-wire",))
    data["findings"] = data["findings"][:1]
    assert render(data).startswith("### claimcheck: 1 new conflict\n")


HOSTILE = "<script>alert(1)</script> | pipe | **bold** [link](http://x.example)"


def hostile_check() -> dict:
    data = make_check_data(("coast-wire",))
    numeric = data["findings"][1]
    numeric["subject"] = "a | b " + HOSTILE
    for s in numeric["statements"]:
        s.update(value="x|y <b>z</b>", sentence="- " + HOSTILE, path="in/odd|name.md")
    return data


def test_article_text_is_escaped_and_keeps_the_table_whole():
    md = render(hostile_check())
    assert "<script" not in md and "<b>" not in md
    row = md.splitlines()[-1]
    assert row.startswith("| warning | numeric | a \\| b &lt;script&gt;alert(1)&lt;/script&gt; \\| pipe \\|")
    assert "**x\\|y &lt;b&gt;z&lt;/b&gt;** (Coast Wire, in/odd\\|name.md:9)" in row
    assert row.replace("\\|", "").count("|") == 6  # five cells


def test_hostile_comment_renders_as_text():
    markdown_it = pytest.importorskip("markdown_it")
    html = markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table").render(render(hostile_check()))
    for tag in ("<script", "<b>", "<a ", "<em>", "<ul>", "<li>"):
        assert tag not in html
    assert "<strong>bold</strong>" not in html
    rows = html.split("<tbody>")[1].split("</tr>")[:-1]
    assert len(rows) == 2 and all(r.count("<td>") == 5 for r in rows)


def many_findings(n: int, *, huge: bool = False) -> dict:
    data = make_check_data(("coast-wire",))
    base = data["findings"][0]
    # every character escaped to several: the worst case for the size of the comment
    big = " &<|>&" * 20_000 if huge else ""
    findings = []
    for i in range(n):
        statements = [dict(s, sentence=s["sentence"] + big, value=s["value"] + big, path=s["path"] + big)
                      for s in base["statements"]]
        others = [dict(statements[0], article=f"wire-{j}") for j in range(12)] if huge else []
        findings.append(dict(base, id=f"f{i:03d}", subject=f"subject {i}{big}", statements=statements + others))
    data["findings"] = findings
    return data


def test_at_most_twenty_findings_are_listed():
    md = render(many_findings(27))
    rows = [line for line in md.splitlines() if line.startswith("| error |")]
    assert len(rows) == check_markdown.MAX_FINDINGS == 20
    assert "subject 19" in rows[-1]
    assert md.startswith("### claimcheck: 27 new conflicts\n")
    assert md.endswith("\n\n… and 7 more.\n")


def test_huge_text_stays_under_the_comment_limit():
    md = render(many_findings(25, huge=True))
    assert len(md) < 65_000
    rows = [line for line in md.splitlines() if line.startswith("| error |")]
    assert 1 <= len(rows) < 20 and md.endswith(f"… and {25 - len(rows)} more.\n")  # the size cap cut it
    first = rows[0]
    assert "“Union spokesperson Ida Brenner said talks had failed. &amp;&lt;\\|&gt;&amp; &amp;" in first
    assert "…”" in first  # the sentence is clipped, with an ellipsis
    assert "<br>… and 9 more |" in first  # others beyond five are counted, not listed
    assert all(r.replace("\\|", "").count("|") == 6 for r in rows)


def test_same_check_in_any_order_gives_the_same_comment():
    assert render(make_check_data(("al-nord", "coast-wire"))) == \
        render(make_check_data(("al-nord", "coast-wire"), reverse=True))
