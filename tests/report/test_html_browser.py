"""The HTML report in a real headless Chromium (Debian's chromium and chromedriver, driven by selenium; no
browser is ever downloaded): what an editor sees, what a click does, and that a hostile article runs nothing.

Outside CI a machine without chromium skips these; in CI (.ci/run installs it) a missing browser fails.
"""
from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli

SEEDS = ROOT.parent / "shared" / "seeds"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"

# Two invented articles about one ferry strike (our own words), disagreeing on a figure; one carries the
# markup an attacker would plant in an article. If any of it ran, window.__pwned would be set.
HOSTILE = """Ferry strike halts crossings in Quillmouth

Ferry crews in Quillmouth walked out on Tuesday over a pay offer they called an insult.

The port authority said 48 ferries were cancelled during the strike <script>window.__pwned = 1</script> and more would follow.

A notice on the harbour gate read "><img src=x onerror="window.__pwned = 2"> and a flyer pointed to [the union's demands](javascript:window.__pwned=3).
"""
CALM = """Crossings cancelled as Quillmouth ferry crews strike

Ferry crews in Quillmouth walked out on Tuesday after talks on pay broke down.

The port authority said 31 ferries were cancelled during the strike and more would follow.

Union officials said the walkout would last until the weekend.
"""


def _say(capsys, line: str) -> None:
    """A figure the test measured, printed in the test run's output (no assertion on it)."""
    with capsys.disabled():
        print(line)


@pytest.fixture(scope="module")
def browser():
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        if os.environ.get("CI"):
            pytest.fail("chromium and chromedriver are missing: .ci/run installs them (apt-get install chromium chromium-driver)")
        pytest.skip("no chromium/chromedriver here: apt-get install chromium chromium-driver")
    os.environ.setdefault("SE_OFFLINE", "true")  # selenium must never try to fetch a driver or a browser
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1300,1800", "--no-first-run", "--disable-extensions"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def seeds_page(tmp_path_factory, embedding_cache):
    """The seeds and the two ferry articles, reported by the real command with --format html."""
    work = tmp_path_factory.mktemp("html-seeds")
    ferry = work / "ferry"
    ferry.mkdir()
    (ferry / "quillmouth-courier.txt").write_text(HOSTILE, encoding="utf-8")
    (ferry / "harbour-gazette.txt").write_text(CALM, encoding="utf-8")
    out = work / "out"
    done = run_cli("report", str(SEEDS), str(ferry), "--out", str(out), "--format", "html",
                   "--cache-dir", str(embedding_cache), "--quiet")
    assert done.returncode == 0, done.stderr
    return out / "report.html", json.loads((out / "report.json").read_text(encoding="utf-8"))


def _visible_findings(driver):
    return [el for el in driver.find_elements("css selector", "#findings .finding") if el.is_displayed()]


def test_seed_findings_are_shown_with_their_values_highlighted(browser, seeds_page, tmp_path):
    page, data = seeds_page
    browser.get(page.as_uri())
    gold = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))
    seed_ids = {p.stem for p in SEEDS.glob("*.txt")}
    seed_findings = [f for f in data["findings"] if {s["article"] for s in f["statements"]} <= seed_ids]
    assert len(seed_findings) == 2, "both headline disagreements of the seeds are found"
    assert gold  # the gold file is there: the report is scored against it in tests/test_acceptance*
    for finding in seed_findings:
        card = browser.find_element("id", f"f-{finding['id']}")
        assert card.is_displayed()
        assert finding["subject"] in card.text
        marks = [m.text for m in card.find_elements("css selector", "mark.value")]
        assert sorted(marks) == sorted(s["value"] for s in finding["statements"])
        for mark in card.find_elements("css selector", "mark.value"):
            assert mark.is_displayed()
            colour = mark.value_of_css_property("background-color")
            assert colour not in ("rgba(0, 0, 0, 0)", "transparent"), "the value is highlighted"
    browser.save_screenshot(str(tmp_path / "seeds-report.png"))
    assert (tmp_path / "seeds-report.png").stat().st_size > 10_000


def test_a_filter_changes_the_list(browser, seeds_page):
    page, data = seeds_page
    browser.get(page.as_uri())
    everything = len(_visible_findings(browser))
    assert everything == len(data["findings"]) == int(browser.find_element("id", "shown").text)
    errors = sum(f["severity"] == "error" for f in data["findings"])
    assert 0 < errors < everything
    browser.find_element("css selector", 'input[name="severity"][value="error"]').click()
    shown = _visible_findings(browser)
    assert len(shown) == everything - errors
    assert all(el.get_attribute("data-severity") != "error" for el in shown)
    assert browser.find_element("id", "shown").text == str(everything - errors)
    browser.find_element("css selector", 'input[name="severity"][value="error"]').click()
    assert len(_visible_findings(browser)) == everything

    from selenium.webdriver.support.ui import Select

    Select(browser.find_element("id", "source")).select_by_value("harbour-gazette")
    shown = _visible_findings(browser)
    assert len(shown) == 1 and "ferries" in shown[0].text


def test_sorting_reorders_the_findings(browser, seeds_page):
    page, _ = seeds_page
    browser.get(page.as_uri())
    from selenium.webdriver.support.ui import Select

    def subjects():
        return [el.get_attribute("data-subject") for el in _visible_findings(browser)]

    by_severity = subjects()
    Select(browser.find_element("id", "sort")).select_by_value("subject")
    assert subjects() == sorted(by_severity)
    Select(browser.find_element("id", "sort")).select_by_value("severity")
    assert subjects() == by_severity


def test_a_statement_links_into_its_article_text(browser, seeds_page):
    page, _ = seeds_page
    browser.get(page.as_uri())
    link = browser.find_elements("css selector", "#findings a.goto")[0]
    target_id = link.get_attribute("href").split("#", 1)[1]
    target = browser.find_element("id", target_id)
    assert not target.is_displayed()  # inside a closed article
    link.click()
    assert target.is_displayed()
    assert browser.execute_script(
        "var r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight;", target)


def test_the_hostile_article_runs_nothing_and_reads_as_text(browser, seeds_page, tmp_path):
    page, _ = seeds_page
    browser.get(page.as_uri())
    for details in browser.find_elements("css selector", "details.article"):
        browser.execute_script("arguments[0].open = true", details)
    time.sleep(0.3)  # an image error handler, had one been made, fires on its own
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    assert browser.execute_script("return document.scripts.length") == 1
    assert browser.execute_script("return document.images.length") == 0
    hrefs = browser.execute_script("return Array.from(document.links, a => a.getAttribute('href'))")
    assert not [h for h in hrefs if not h.startswith("#")], hrefs  # no article gave a URL, so no way out
    article = browser.find_element("css selector", 'details.article[data-article="quillmouth-courier"]')
    assert "<script>window.__pwned = 1</script>" in article.text
    assert '"><img src=x onerror="window.__pwned = 2">' in article.text
    assert "[the union's demands](javascript:window.__pwned=3)" in article.text
    browser.save_screenshot(str(tmp_path / "hostile-article.png"))


def test_the_report_of_a_10000_sentence_corpus_opens_and_responds(browser, tmp_path, embedding_cache, capsys):
    from tests.synthetic import write_corpus

    corpus = tmp_path / "corpus"
    write_corpus(corpus, 1260, seed=7)  # 8 body sentences each, and a headline: over 10,000 sentences
    out = tmp_path / "out"
    done = run_cli("report", str(corpus), "--out", str(out), "--format", "html", "--cache-dir", str(embedding_cache),
                   "--quiet")
    assert done.returncode == 0, done.stderr
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert data["summary"]["sentences"] >= 10_000
    page = out / "report.html"
    started = time.perf_counter()
    browser.get(page.as_uri())  # returns once the page has loaded
    wall = time.perf_counter() - started
    load_ms = browser.execute_script(
        "var t = performance.getEntriesByType('navigation')[0]; return Math.round(t.loadEventEnd - t.startTime);")
    assert len(browser.find_elements("css selector", "#findings .finding")) == len(data["findings"]) > 0
    filter_ms = browser.execute_script(
        "var box = document.querySelector('input[name=severity][value=error]'); var t0 = performance.now();"
        "box.click(); document.body.offsetHeight; return Math.round(performance.now() - t0);")
    shown = int(browser.find_element("id", "shown").text)
    assert shown == sum(f["severity"] != "error" for f in data["findings"])
    browser.save_screenshot(str(tmp_path / "corpus-report.png"))
    _say(capsys, f"\nHTML report of {data['summary']['sentences']} sentences, {len(data['findings'])} findings, "
                  f"{len(data['articles'])} articles: {page.stat().st_size / 1e6:.1f} MB; loads in {load_ms} ms in "
                  f"Chromium ({wall:.2f} s from the driver); a severity filter takes {filter_ms} ms")
