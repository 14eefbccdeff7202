"""No CI runner reads a command in claimcheck's output, whatever the file names and article text hold.

GitHub Actions acts on `##[name]` anywhere in a line of a job's log and on a line that starts with
`::name ...::` (after its leading whitespace); Azure Pipelines on `##vso[`, TeamCity on `##teamcity[`.
A file named `##[warning]Fake.txt` or an article with the line `::error::owned` would otherwise add fake
annotations to a pull request (or, with `##[stop-commands]`, hide the real ones). Every stream and every
format is checked here, with real runs of the command; what a program reads back (JSON, SARIF, the HTML
page's text) stays what the articles hold.
"""
from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from tests.ci_runner import OWN_GITHUB_COMMAND, runner_commands
from tests.conftest import run_cli

NEW_ARTICLE = ("Ferry crews in Quillmouth walked out on Tuesday.\n\n"
               "The port authority said 48 ferries were cancelled during the strike ##[warning]x.\n\n"
               "::error::owned\n\n"
               "  ::warning file=a.txt::indented ##vso[task.complete result=Failed]done\n")
CORPUS_ARTICLE = ("---\n"
                  'source: "::error::Quillmouth ##vso[task.complete result=Failed]Post"\n'
                  'title: "Ferry strike #\\u200b#[error]z ##TeamCity[buildStatus text=x]\\n::error::owned"\n'
                  "---\n\n"
                  "Ferry crews in Quillmouth walked out on Tuesday after talks on pay broke down.\n\n"
                  "The port authority said 31 ferries were cancelled during the strike.\n")
# Sorted first, so its source begins the explanation: a line of its own in the Markdown report.
EARLY_ARTICLE = ("---\nsource: \"::notice::Early Wire\"\n---\n\n"
                 "Ferry crews in Quillmouth walked out on Tuesday.\n\n"
                 "The port authority said 55 ferries were cancelled during the strike.\n")
NEW, CORPUS, EARLY = "##[warning]Fake.txt", "::warning title=x::y.md", "!early.md"
EMPTY = ("##[error]empty.txt", "::warning title=x::empty.txt", "late\n::error::owned.txt")  # skipped


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    """One folder: the new article and two corpus articles disagree on a figure; three files are empty."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / NEW).write_text(NEW_ARTICLE, encoding="utf-8")
    (folder / CORPUS).write_text(CORPUS_ARTICLE, encoding="utf-8")
    (folder / EARLY).write_text(EARLY_ARTICLE, encoding="utf-8")
    for name in EMPTY:
        (folder / name).write_bytes(b"")
    return folder


@pytest.fixture(scope="module")
def store(articles, embedding_cache, tmp_path_factory):
    corpus = tmp_path_factory.mktemp("store")
    done = run_cli("index", CORPUS, EARLY, "--store", corpus, "--cache-dir", embedding_cache, cwd=articles)
    assert done.returncode == 0, done.stderr
    return corpus


def _skipped_paths(data: dict) -> set[str]:
    # Every empty file is skipped; a name with a line break in it may be shown otherwise (it is never run).
    assert len(data["skipped"]) == len(EMPTY)
    return {s["path"] for s in data["skipped"]}


def _assert_clean(*outputs: str) -> None:
    for output in outputs:
        assert runner_commands(output) == []


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif", "markdown", "html"])
def test_no_check_format_prints_a_runner_command(articles, store, embedding_cache, fmt):
    # Run in the folder, so a corpus statement's line in the text format starts with its path.
    done = run_cli("check", NEW, *EMPTY, "--store", store, "--format", fmt, "--cache-dir", embedding_cache,
                   cwd=articles)
    assert done.returncode == 1, done.stderr  # the figures disagree
    _assert_clean(done.stdout, done.stderr)
    assert all(line.startswith("claimcheck: ") for line in done.stderr.splitlines())
    assert len(done.stderr.splitlines()) == len(EMPTY) + 1  # a line per skipped file, one for the count
    if fmt == "json":
        data = json.loads(done.stdout)
        assert data["check"]["new_articles"] and _skipped_paths(data) >= set(EMPTY[:2])
        sentences = {s["sentence"] for f in data["findings"] for s in f["statements"]}
        assert any("##[" in s for s in sentences), "read back, the sentence is what the article says"
        assert {a["source"] for a in data["articles"]} >= {"::error::Quillmouth ##vso[task.complete result=Failed]Post"}
    if fmt == "sarif":
        result = json.loads(done.stdout)["runs"][0]["results"][0]
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "%23%23%5Bwarning%5DFake.txt"
        assert "##[" in result["locations"][0]["physicalLocation"]["region"]["snippet"]["text"]
        assert any("::error::Quillmouth ##vso[" in r["message"]["text"] for r in result["relatedLocations"])
    if fmt == "github":
        assert OWN_GITHUB_COMMAND.match(done.stdout), "the annotation itself is still made"
    if fmt == "html":
        assert "\n::error::owned\n" in html.unescape(done.stdout), "the page shows the article as it is"


def test_report_files_terminal_and_log_hold_no_runner_command(articles, embedding_cache):
    out = articles.parent / "report-out" / "##[notice]out"
    done = run_cli("report", NEW, CORPUS, EARLY, *EMPTY, "--out", out, "--format", "markdown", "--format", "html",
                   "--cache-dir", embedding_cache, cwd=articles)
    assert done.returncode == 0, done.stderr
    files = {p.suffix: p.read_text(encoding="utf-8") for p in Path(out).iterdir()}
    assert sorted(files) == [".html", ".json", ".md"]
    _assert_clean(done.stdout, done.stderr, *files.values())
    assert [line for line in done.stdout.splitlines() if line.startswith("wrote ")] == [
        f"wrote {out.parent / '#＃[notice]out'}/report{suffix}" for suffix in (".json", ".md", ".html")]
    # A line per skipped file (ingest shows the line break in a name as U+FFFD; see the next test for a path
    # that reaches a log line as it is).
    assert len(done.stderr.splitlines()) == len(EMPTY)
    assert all(line.startswith("claimcheck: skipped ") for line in done.stderr.splitlines())
    data = json.loads(files[".json"])
    assert _skipped_paths(data) >= set(EMPTY[:2])
    assert {a["path"] for a in data["articles"]} == {NEW, CORPUS, EARLY}
    assert {a["title"] for a in data["articles"]} >= {"Ferry strike #\u200b#[error]z ##TeamCity[buildStatus text=x]\n"
                                                      "::error::owned"}
    assert any("strike ##[" in s["sentence"] for f in data["findings"] for s in f["statements"])


def test_a_warning_naming_a_path_with_a_line_break_stays_one_line(articles, embedding_cache, tmp_path):
    # A damaged store is set aside with a warning naming it twice; its folder's name holds a line break.
    folder = tmp_path / "store\n::error::fake"
    folder.mkdir()
    (folder / "store.sqlite3").write_bytes(b"not a database " * 400)
    done = run_cli("index", EARLY, "--store", folder, "--cache-dir", embedding_cache, cwd=articles)
    assert done.returncode == 0, done.stderr
    _assert_clean(done.stderr)
    lines = done.stderr.splitlines()
    assert [line.split(" ", 2)[:2] for line in lines if "damaged" in line] == [["claimcheck:", "warning:"]]
    assert len(lines) == 4  # the warning, "indexed 1/1", the counts and what the store holds
