"""The HTML page, read as text: self-contained, every piece of article text escaped, values highlighted,
links into the article text, shared claims marked, and the same bytes for the same report.

The page in a real browser (filters, clicks, scripts that must not run) is tests/report/test_html_browser.py.
"""
from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser

from claimcheck.records import Article, Finding, Mention, Report, SharedClaim, Statement
from claimcheck.report import WRITERS, report_to_dict, validate_report
from claimcheck.report.html_writer import SCRIPT, highlight
from claimcheck.report.writers import render

HOSTILE = ('Harbour master <script>window.__pwned = 1</script> said 40 ferries sailed. '
           'Read "><img src=x onerror="window.__pwned = 2"> and [more](javascript:window.__pwned=3).')
CALM = "The harbour master said 55 ferries sailed on Sunday. Tickets sold out."


def _report() -> Report:
    hostile = Article("quay-post", "in/quay-post.txt", "Quay <Post>", HOSTILE, "h1", title="<b>Ferries</b>",
                      url="javascript:window.__pwned=4")
    calm = Article("bay-news", "in/bay-news.txt", "Bay News", CALM, "h2", url="https://bay.example/ferries")
    first = HOSTILE.index(" Read")
    second = CALM.index(" Tickets")
    finding = Finding("f-ferries", "numeric", "error", "ferries <sailed>", "40 & 55 cannot both be right.", (
        Statement("quay-post", hostile.path, HOSTILE[:first], "40 ferries", 0, first, 1),
        Statement("bay-news", calm.path, CALM[:second], "55 ferries", 0, second, 1),
    ))
    shared = (SharedClaim(0, (Mention("bay-news", 0, second, 1), Mention("quay-post", 0, first, 1))),)
    return Report("0.1.0", (hostile, calm), (finding,), (), {"sentences": 4, "claims": 3, "clusters": 2}, shared)


def _page(report: Report) -> str:
    data = report_to_dict(report)
    validate_report(data)
    return render(WRITERS["html"], data, report)


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.scripts, self.attrs = [], [], []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend((tag, k, v) for k, v in attrs)
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def test_the_page_is_self_contained_and_runs_only_its_own_script():
    page = _page(_report())
    tags = _Tags()
    tags.feed(page)
    assert tags.tags.count("script") == 1 and tags.scripts == [SCRIPT]
    assert "img" not in tags.tags and "link" not in tags.tags and "iframe" not in tags.tags
    # Nothing is loaded from elsewhere: the only outside address is the article's own web page, as a link.
    urls = [v for _, k, v in tags.attrs if k in ("src", "href") and v and not v.startswith("#")]
    assert urls == ["https://bay.example/ferries"]
    assert not any(k.startswith("on") for _, k, _ in tags.attrs)
    csp = next(v for t, k, v in tags.attrs if t == "meta" and k == "content" and "script-src" in (v or ""))
    assert "default-src 'none'" in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]


def test_hostile_article_text_is_shown_as_text():
    page = _page(_report())
    assert "<script>window" not in page and "<img" not in page and 'href="javascript' not in page
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page
    assert "&quot;&gt;&lt;img src=x onerror=&quot;window.__pwned = 2&quot;&gt;" in page
    assert "Quay &lt;Post&gt;" in page and "&lt;b&gt;Ferries&lt;/b&gt;" in page and "ferries &lt;sailed&gt;" in page


def test_values_are_highlighted_in_their_sentences():
    page = _page(_report())
    assert '<mark class="value">40 ferries</mark>' in page
    assert 'The harbour master said <mark class="value">55 ferries</mark> sailed on Sunday.' in page
    assert highlight("Crews said 5 < 6 ships.", "5 < 6") == 'Crews said <mark class="value">5 &lt; 6</mark> ships.'
    assert highlight("About TEN boats.", "ten") == 'About <mark class="value">TEN</mark> boats.'
    # A value the sentence does not hold is still shown, after it, never lost.
    assert highlight("No figure here.", "12") == 'No figure here. <mark class="value">12</mark>'


def test_each_statement_links_to_its_sentence_in_the_article_text():
    page = _page(_report())
    links = re.findall(r'<a class="goto" href="#([^"]+)">', page)
    assert len(links) == 2
    for anchor in links:
        assert page.count(f'id="{anchor}"') == 1
    # The anchored sentence is the shared claim's, marked with its claim number, inside the article's text.
    assert re.search(r'<span class="claim target h0" id="a0-0" data-claim="0"[^>]*>The harbour master said 55 ferries '
                     r'sailed on Sunday\.</span> Tickets sold out\.', page)


def test_the_text_around_marks_is_kept_whole():
    page = _page(_report())
    text = re.sub(r"<[^>]+>", "", page.split('<div class="text">', 2)[1].split("</div>", 1)[0])
    from html import unescape

    assert unescape(text) == CALM


def test_counts_filters_and_matrix_are_there():
    page = _page(_report())
    assert '<li data-count="articles"><b>2</b>articles</li>' in page
    assert '<li data-count="shared claims"><b>1</b>shared claims</li>' in page
    assert '<li data-count="error findings"><b>1</b>error findings</li>' in page
    assert 'name="severity" value="error" checked' in page and 'name="kind" value="numeric" checked' in page
    assert '<option value="Quay &lt;Post&gt;">Quay &lt;Post&gt;</option>' in page
    assert 'data-agree="0" data-conflict="1"' in page  # the two outlets: one shared claim, in conflict


def test_same_report_same_bytes_whatever_the_order():
    report = _report()
    shuffled = replace(report, articles=tuple(reversed(report.articles)),
                       findings=tuple(replace(f, statements=tuple(reversed(f.statements))) for f in report.findings))
    assert _page(report) == _page(shuffled)


def test_a_report_with_nothing_found_still_renders():
    report = replace(_report(), findings=(), shared=())
    page = _page(report)
    assert 'id="none" class="empty">No finding matches.' in page
    assert "Fewer than two sources" not in page  # two sources, no shared claim: an empty but valid matrix
