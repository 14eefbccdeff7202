"""The HTML report: one self-contained page an editor reads.

Every finding with its statements side by side and the disagreeing values highlighted, filters and
sorting, the counts, a heat map of which outlets agree with which, and each article's text with its
sentences marked by the shared claim they fell into.

Article text is untrusted: every piece of it is escaped, no link is made from it, and a Content Security
Policy lets only this page's own script run (by its hash), so even a missed escape would run nothing.
Nothing is fetched: styles and the script are inline, and there are no fonts, images or CDNs.
"""
from __future__ import annotations

import base64
import hashlib
from urllib.parse import urlsplit

from claimcheck.report.agreement import agreement
from claimcheck.report.build import SEVERITIES
# HTML-escaped, and with no CI runner command in it, nor a line break: a line of the page never starts with
# article text (see runner_safe).
from claimcheck.compare.registry import KINDS  # the kinds as the comparators register them
from claimcheck.runner_safe import html_text as escape

SHOWN_STATEMENTS = 6  # statements of a finding shown side by side before "N more"
HUES = 12  # colours shared claims cycle through

STYLE = """
:root { --error: #b3261e; --warning: #a15c00; --info: #35618f; --line: #d7d7db; --muted: #5f6368; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1f1f1f; background: #fafafa; }
header, main { max-width: 1200px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 16px; }
h1 { font-size: 22px; margin: 8px 0; } h2 { font-size: 18px; margin: 28px 0 10px; } h3 { font-size: 16px; margin: 0; }
.muted { color: var(--muted); }
.counts { display: flex; flex-wrap: wrap; gap: 8px; margin: 12px 0; padding: 0; list-style: none; }
.counts li { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; }
.counts b { font-size: 18px; display: block; }
.sev { display: inline-block; border-radius: 4px; padding: 0 6px; color: #fff; font-size: 12px; font-weight: 600; text-transform: uppercase; }
.sev-error { background: var(--error); } .sev-warning { background: var(--warning); } .sev-info { background: var(--info); }
.kind { display: inline-block; border: 1px solid var(--line); border-radius: 4px; padding: 0 6px; font-size: 12px; }
.controls { position: sticky; top: 0; z-index: 2; background: #fafafa; border-bottom: 1px solid var(--line);
  padding: 8px 0; display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: center; }
.controls fieldset { border: 0; margin: 0; padding: 0; display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.controls legend { float: left; font-weight: 600; margin-right: 4px; }
.finding { background: #fff; border: 1px solid var(--line); border-left: 5px solid var(--info); border-radius: 6px;
  margin: 10px 0; padding: 10px 14px; }
.finding.error { border-left-color: var(--error); } .finding.warning { border-left-color: var(--warning); }
.finding[hidden] { display: none; }
.finding .head { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
.finding p { margin: 6px 0; }
.statements { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 10px; margin-top: 8px; }
.statement { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; background: #fcfcfd; }
.statement .who { font-weight: 600; } .statement .when { color: var(--muted); font-size: 13px; }
.statement blockquote { margin: 6px 0; }
mark.value { background: #ffe08a; padding: 0 2px; border-radius: 3px; font-weight: 600; }
.empty { color: var(--muted); font-style: italic; }
table.matrix { border-collapse: collapse; font-size: 13px; }
table.matrix th, table.matrix td { border: 1px solid var(--line); padding: 4px 6px; text-align: center; }
table.matrix th { background: #fff; font-weight: 600; max-width: 160px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
table.matrix td.self { background: #eee; }
.legend { display: flex; gap: 12px; align-items: center; font-size: 13px; margin: 6px 0; }
.legend span { display: inline-block; width: 28px; height: 14px; border: 1px solid var(--line); vertical-align: middle; }
.matrix-wrap { overflow-x: auto; }
.article { background: #fff; border: 1px solid var(--line); border-radius: 6px; margin: 8px 0; }
.article summary { cursor: pointer; padding: 8px 12px; }
.article .text { white-space: pre-wrap; padding: 4px 14px 12px; margin: 0; font: inherit; overflow-wrap: anywhere; }
.claim { border-bottom: 2px solid; border-radius: 2px; cursor: pointer; }
details.more > summary { cursor: pointer; color: var(--muted); margin-top: 8px; }
""" + "".join(f".h{k} {{ border-color: hsl({k * 137 % 360},65%,45%); background: hsl({k * 137 % 360},80%,95%); }}\n"
              for k in range(HUES)) + """
.claim.lit { outline: 2px solid #1f1f1f; }
.target { scroll-margin-top: 90px; }
.stated { background: #fff3c4; }
:target, .flash { outline: 3px solid #ffb300; }
.badge-new { background: #1e6b35; color: #fff; border-radius: 4px; padding: 0 6px; font-size: 12px; }
"""

# Filters and sorting only show, hide and reorder what the page already holds; nothing is built from text.
SCRIPT = """
(function () {
  var list = document.getElementById('findings');
  if (!list) return;
  var items = Array.prototype.slice.call(list.querySelectorAll('.finding'));
  var shown = document.getElementById('shown');
  function checked(name) {
    return Array.prototype.slice.call(document.querySelectorAll('input[name=' + name + ']:checked'))
      .map(function (i) { return i.value; });
  }
  function apply() {
    var sev = checked('severity'), kind = checked('kind');
    var source = document.getElementById('source').value, n = 0;
    items.forEach(function (el) {
      var ok = sev.indexOf(el.dataset.severity) >= 0 && kind.indexOf(el.dataset.kind) >= 0 &&
        (source === '' || el.dataset.sources.split('\\n').indexOf(source) >= 0);
      el.hidden = !ok;
      if (ok) n++;
    });
    shown.textContent = n;
    document.getElementById('none').hidden = n > 0;
  }
  function sort() {
    var by = document.getElementById('sort').value;
    var keyed = items.slice().sort(function (a, b) {
      if (by === 'sources') return (b.dataset.outlets - a.dataset.outlets) || (a.dataset.order - b.dataset.order);
      if (by === 'subject' || by === 'kind') {
        return a.dataset[by].localeCompare(b.dataset[by]) || (a.dataset.order - b.dataset.order);
      }
      return a.dataset.order - b.dataset.order;
    });
    keyed.forEach(function (el) { list.appendChild(el); });
  }
  document.querySelectorAll('.controls input, .controls select').forEach(function (el) {
    el.addEventListener('change', function () { if (el.id === 'sort') sort(); else apply(); });
  });
  function reveal(id) {
    var target = document.getElementById(id);
    if (!target) return;
    var box = target.closest('details');
    if (box) box.open = true;
    target.scrollIntoView({block: 'center'});
    target.classList.add('flash');
    setTimeout(function () { target.classList.remove('flash'); }, 1600);
  }
  document.addEventListener('click', function (event) {
    var link = event.target.closest('a.goto');
    if (link) { event.preventDefault(); history.replaceState(null, '', link.getAttribute('href')); reveal(link.getAttribute('href').slice(1)); return; }
    var claim = event.target.closest('.claim');
    if (claim) {
      var lit = claim.classList.contains('lit');
      document.querySelectorAll('.claim.lit').forEach(function (el) { el.classList.remove('lit'); });
      if (!lit) document.querySelectorAll('.claim[data-claim="' + claim.dataset.claim + '"]').forEach(function (el) { el.classList.add('lit'); });
    }
  });
  if (location.hash.length > 1) reveal(decodeURIComponent(location.hash.slice(1)));
  apply();
})();
"""


def render(data: dict, texts: dict[str, str]) -> str:
    """The page for a report dict (of `report` or of `check`), with each article's text by id."""
    articles = data["articles"]
    number = {a["id"]: i for i, a in enumerate(articles)}
    new = set(data.get("check", {}).get("new_articles", ()))
    script_hash = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
    csp = (f"default-src 'none'; script-src 'sha256-{script_hash}'; style-src 'unsafe-inline'; img-src 'none'; "
           "base-uri 'none'; form-action 'none'")
    title = "claimcheck check" if "check" in data else "claimcheck report"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{escape(csp)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        *([f'<meta name="claimcheck-report-id" content="{escape(data["report_id"])}">'] if data.get("report_id") else []),
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>",
        _header(data, title),
        "<main>",
        _controls(data),
        _findings(data, number),
        _matrix(data),
        _articles(data, texts, number, new),
        "</main>",
        f"<script>{SCRIPT}</script>",
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _header(data: dict, title: str) -> str:
    summary = data.get("summary", {})
    by = summary.get("findings_by_severity", {})
    counts = [("articles", summary.get("articles", len(data["articles"])))]
    counts += [(key, summary[key]) for key in ("sentences", "claims", "clusters") if key in summary]
    counts.append(("shared claims", len(data.get("shared_claims", ()))))
    counts += [(f"{s} findings", by.get(s, 0)) for s in SEVERITIES]
    items = "".join(f'<li data-count="{escape(name)}"><b>{value}</b>{escape(name)}</li>' for name, value in counts)
    lines = [f"<header><h1>{escape(title)}</h1>",
             f'<p class="muted">claimcheck {escape(data["tool"]["version"])}: where the articles below disagree.</p>']
    check = data.get("check")
    if check:
        lines.append(f'<p>New: {escape(", ".join(check["new_articles"]))}. Fails on {escape(check["fail_on"])} '
                     f'and above; {check["suppressed"]} finding(s) left out by the baseline.</p>')
    lines.append(f'<ul class="counts" id="counts">{items}</ul>')
    if data.get("skipped"):
        skipped = "".join(f"<li>{escape(s['path'])}: {escape(s['reason'])}</li>" for s in data["skipped"])
        lines.append(f"<details><summary>{len(data['skipped'])} file(s) skipped</summary><ul>{skipped}</ul></details>")
    if data.get("warnings"):
        warned = "".join(f"<li>{escape(w['path'])}: {escape(w['message'])}</li>" for w in data["warnings"])
        lines.append(f"<details><summary>{len(data['warnings'])} warning(s): files read all the same</summary>"
                     f"<ul>{warned}</ul></details>")
    lines.append("</header>")
    return "\n".join(lines)


def _controls(data: dict) -> str:
    findings = data["findings"]
    severities = "".join(
        f'<label><input type="checkbox" name="severity" value="{s}" checked> '
        f'<span class="sev sev-{s}">{s}</span> {sum(f["severity"] == s for f in findings)}</label>'
        for s in SEVERITIES)
    kinds = sorted({f["kind"] for f in findings} | set(KINDS), key=lambda k: (KINDS.index(k) if k in KINDS else 99, k))
    kind_boxes = "".join(
        f'<label><input type="checkbox" name="kind" value="{escape(k)}" checked> {escape(k.replace("_", " "))} '
        f'{sum(f["kind"] == k for f in findings)}</label>' for k in kinds if any(f["kind"] == k for f in findings))
    sources = sorted({a["source"] for a in data["articles"]}, key=str.casefold)
    options = "".join(f'<option value="{escape(s)}">{escape(s)}</option>' for s in sources)
    return (
        '<h2 id="findings-title">Findings</h2>'
        '<div class="controls" role="search">'
        f'<fieldset><legend>Severity</legend>{severities}</fieldset>'
        f'<fieldset><legend>Kind</legend>{kind_boxes or "<span class=muted>none</span>"}</fieldset>'
        f'<label>Source <select id="source"><option value="">all sources</option>{options}</select></label>'
        '<label>Sort by <select id="sort"><option value="severity">severity</option>'
        '<option value="kind">kind</option><option value="subject">subject</option>'
        '<option value="sources">number of sources</option></select></label>'
        f'<span class="muted">showing <b id="shown">{len(findings)}</b> of {len(findings)}</span>'
        "</div>"
    )


def _findings(data: dict, number: dict) -> str:
    articles = {a["id"]: a for a in data["articles"]}
    out = ['<div id="findings">']
    for order, finding in enumerate(data["findings"]):
        sources = sorted({articles[s["article"]]["source"] for s in finding["statements"] if s["article"] in articles})
        cards = [_statement(s, articles.get(s["article"]), number) for s in finding["statements"]]
        statements = "".join(cards[:SHOWN_STATEMENTS])
        if len(cards) > SHOWN_STATEMENTS:  # the rest one click away: a wall of cards hides the disagreement
            statements += (f'<details class="more"><summary>{len(cards) - SHOWN_STATEMENTS} more statements</summary>'
                           f'<div class="statements">{"".join(cards[SHOWN_STATEMENTS:])}</div></details>')
        out.append(
            f'<article class="finding {escape(finding["severity"])}" id="f-{escape(finding["id"])}" '
            f'data-severity="{escape(finding["severity"])}" data-kind="{escape(finding["kind"])}" '
            f'data-subject="{escape(finding["subject"].casefold())}" data-order="{order}" '
            f'data-outlets="{len(sources)}" data-sources="{escape(chr(10).join(sources))}">'
            f'<div class="head"><span class="sev sev-{escape(finding["severity"])}">{escape(finding["severity"])}</span>'
            f'<span class="kind">{escape(finding["kind"].replace("_", " "))}</span>'
            f'<h3>{escape(finding["subject"])}</h3></div>'
            f'<p>{escape(finding["explanation"])}</p>'
            f'<div class="statements">{statements}</div></article>'
        )
    out.append(f'<p id="none" class="empty"{" hidden" if data["findings"] else ""}>No finding matches.</p>')
    out.append("</div>")
    return "\n".join(out)


def _statement(statement: dict, article: dict | None, number: dict) -> str:
    source = article["source"] if article else statement["article"]
    when = article.get("published") if article else None
    where = f'{statement["path"]}, line {statement["line"]}'
    anchor = _anchor(number.get(statement["article"]), statement["start"])
    link = f'<a class="goto" href="#{anchor}">in the article</a>' if anchor else ""
    return (
        f'<div class="statement" data-article="{escape(statement["article"])}">'
        f'<div class="who">{escape(source)}</div>'
        f'<div class="when">{escape(when or "date unknown")} · {escape(where)}</div>'
        f"<blockquote>{highlight(statement['sentence'], statement['value'])}</blockquote>"
        f"{link}</div>"
    )


def highlight(sentence: str, value: str) -> str:
    """The sentence, escaped, with the first occurrence of the value marked (case-insensitive if need be)."""
    at = sentence.find(value) if value else -1
    if at < 0 and value:
        at = sentence.casefold().find(value.casefold())
        if len(sentence.casefold()) != len(sentence):  # case folding moved the offsets: do not guess
            at = -1
    if at < 0:
        suffix = f' <mark class="value">{escape(value)}</mark>' if value else ""
        return escape(sentence) + suffix
    end = at + len(value)
    return f'{escape(sentence[:at])}<mark class="value">{escape(sentence[at:end])}</mark>{escape(sentence[end:])}'


def _anchor(article_number: int | None, start: int) -> str | None:
    return None if article_number is None else f"a{article_number}-{start}"


def _matrix(data: dict) -> str:
    table = agreement(data)
    out = ['<h2 id="agreement">Which outlets agree</h2>',
           '<p class="muted">For each pair of sources, on the shared claims both report: how many they agree on, '
           "and how many findings set them against each other (errors and warnings). Red: mostly conflict; "
           "green: agreement.</p>"]
    if len(table.sources) < 2:
        out.append('<p class="empty">Fewer than two sources: nothing to compare.</p>')
        return "\n".join(out)
    out.append('<div class="legend"><span style="background:hsl(130,55%,82%)"></span>agree '
               '<span style="background:hsl(0,70%,78%)"></span>conflict '
               '<span style="background:#fff"></span>no shared claim</div>')
    head = "".join(f'<th scope="col" title="{escape(s)}">{escape(s)}</th>' for s in table.sources)
    rows = []
    for a in table.sources:
        cells = []
        for b in table.sources:
            if a == b:
                cells.append('<td class="self"></td>')
                continue
            cell = table.cell(a, b)
            judged = cell.agree + cell.conflict
            colour = "#fff" if not judged else f"hsl({round(130 * cell.agree / judged)},60%,{82 - 6 * min(judged, 4) // 4}%)"
            tip = f"{a} and {b}: {cell.shared} shared claim(s), agree on {cell.agree}, {cell.conflict} conflict(s)"
            text = f"{cell.agree} / {cell.conflict}" if judged else "·"
            cells.append(f'<td style="background:{colour}" title="{escape(tip)}" data-agree="{cell.agree}" '
                         f'data-conflict="{cell.conflict}">{text}</td>')
        rows.append(f'<tr><th scope="row" title="{escape(a)}">{escape(a)}</th>{"".join(cells)}</tr>')
    out.append(f'<div class="matrix-wrap"><table class="matrix" id="matrix"><caption class="muted">agree / conflict'
               f'</caption><tr><th></th>{head}</tr>{"".join(rows)}</table></div>')
    if table.left_out:
        out.append(f'<p class="muted">{table.left_out} more source(s) share fewer claims and are left out.</p>')
    return "\n".join(out)


def _articles(data: dict, texts: dict[str, str], number: dict, new: set) -> str:
    marks: dict[str, list] = {}
    for claim in data.get("shared_claims", ()):
        also = sorted({s["article"] for s in claim["sentences"]})
        for s in claim["sentences"]:
            marks.setdefault(s["article"], []).append((s["start"], s["end"], claim["id"], also))
    for finding in data["findings"]:  # a statement outside every shared claim still needs its place marked
        for st in finding["statements"]:
            held = marks.setdefault(st["article"], [])
            if not any(m[0] == st["start"] for m in held):
                held.append((st["start"], st["end"], None, ()))
    out = ['<h2 id="articles">Articles</h2>',
           '<p class="muted">Each sentence the tool compared is underlined in the colour of its shared claim; click '
           "one to light up the same claim in every article.</p>"]
    for article in data["articles"]:
        i = number[article["id"]]
        text = texts.get(article["id"])
        meta = [article["source"], article.get("published") or "date unknown", article["path"]]
        title = article.get("title")
        url = article.get("url")
        link = (f' · <a href="{escape(url)}" rel="noopener noreferrer nofollow">original</a>'
                if url and urlsplit(url).scheme in ("http", "https") else "")
        badge = ' <span class="badge-new">new</span>' if article["id"] in new else ""
        body = (_marked(text, sorted(marks.get(article["id"], []), key=lambda m: (m[0], m[1])), i)
                if text is not None else '<span class="empty">text not available</span>')
        out.append(
            f'<details class="article" id="article-{i}" data-article="{escape(article["id"])}">'
            f'<summary><b>{escape(title or article["id"])}</b>{badge} '
            f'<span class="muted">{escape(" · ".join(meta))}</span>{link}</summary>'
            f'<div class="text">{body}</div></details>'
        )
    return "\n".join(out)


def _marked(text: str, spans: list, i: int) -> str:
    """The article's text, escaped, with each shared-claim sentence underlined in its claim's colour and each
    statement's sentence given the anchor its "in the article" link points at."""
    out, at = [], 0
    for start, end, claim, also in spans:
        if start < at or end > len(text) or end <= start:
            continue  # overlapping or out of range: never cut the text wrongly
        out.append(escape(text[at:start]))
        if claim is None:
            out.append(f'<span class="target stated" id="{_anchor(i, start)}">{escape(text[start:end])}</span>')
        else:
            # Name the articles only when few: a wire sentence in hundreds of articles would repeat them all.
            tip = f"shared claim {claim}, in " + (", ".join(also) if len(also) <= 4 else f"{len(also)} articles")
            out.append(f'<span class="claim target h{claim % HUES}" id="{_anchor(i, start)}" data-claim="{claim}" '
                       f'title="{escape(tip)}">'
                       f"{escape(text[start:end])}</span>")
        at = end
    out.append(escape(text[at:]))
    return "".join(out)
