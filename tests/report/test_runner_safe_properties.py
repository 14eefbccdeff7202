"""Whatever text goes into a writer, no CI runner reads a command in what comes out, and what a program
reads back (JSON, the HTML page's text) is the text that went in. The real CLI runs
with hostile file names and articles in tests/cli/test_ci_log_commands.py; here any text is tried."""
from __future__ import annotations

import html
import json

from hypothesis import given
from hypothesis import strategies as st

from claimcheck import runner_safe
from claimcheck.report import github
from claimcheck.report.markdown_writer import escape as markdown_escape
from tests.ci_runner import runner_commands
from tests.fuzz import BIDI, CONTROL, INVISIBLE, SPACES

# Pieces of runner commands, and what hides or splits them, mixed with any text.
PIECES = ["#", "##", "[", "##[", "vso[", "VSO[", "teamcity[", ":", "::", "::error::x", "##[stop-commands]t",
          " ", "\n", "\r", "\u0600", "x"] + CONTROL + BIDI + INVISIBLE + SPACES
hostile = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=30).map("".join)


def test_the_runner_rules_find_what_a_runner_would_read():
    assert runner_commands("a ##[warning]b\n  ::error::x\nc ##VSO[task]\n#\u200b#[stop-commands]t\n") == [
        "a ##[warning]b", "  ::error::x", "c ##VSO[task]", "#\u200b#[stop-commands]t"]
    assert runner_commands("::error file=a.txt,line=3,title=t::message\na::b\n#＃[warning] ：:x\n") == []
    assert runner_commands("::error file=a.txt,line=3,title=t::says ##[warning]x\n") != []


def test_each_format_changes_only_the_character_that_makes_a_command():
    assert runner_safe.plain("##[warning]Fake.txt\n  ::error::owned") == "#＃[warning]Fake.txt\n  ：:error::owned"
    assert runner_safe.json_text('"##[warning]x"') == '"#\\u0023[warning]x"'
    assert runner_safe.html_text("##vso[x]\n::error::owned") == "#&#35;vso[x]&#10;&#58;:error::owned"
    assert markdown_escape("::error::owned ##[x]") == "\\::error::owned ##\\[x\\]"
    assert runner_safe.log_line("skipped ##[x]:\n::error::owned") == "claimcheck: skipped #＃[x]: ::error::owned"


@given(hostile)
def test_plain_text_holds_no_command_and_a_log_line_is_one_line(text):
    assert runner_commands(runner_safe.plain(text)) == []
    line = runner_safe.log_line(text)
    assert len(line.splitlines()) == 1 and runner_commands(line) == []


@given(hostile)
def test_json_holds_no_command_and_reads_back_the_same(text):
    dumped = runner_safe.json_text(json.dumps({"sentence": text, "list": [text]}, indent=2, ensure_ascii=False))
    assert runner_commands(dumped) == []
    assert json.loads(dumped) == {"sentence": text, "list": [text]}


@given(hostile)
def test_html_holds_no_command_and_reads_back_the_same(text):
    page = f"<p>{runner_safe.html_text(text)}</p>\n<p title=\"{runner_safe.html_text(text)}\"></p>"
    assert runner_commands(page) == []
    # What the page holds, as the HTML parser reads it: CR LF and a lone CR are a line feed there.
    assert html.unescape(runner_safe.html_text(text)) == text.replace("\r\n", "\n").replace("\r", "\n")


@given(hostile)
def test_markdown_holds_no_command_even_at_the_start_of_a_line(text):
    assert runner_commands(markdown_escape(text)) == []
    assert runner_commands("| " + markdown_escape(text) + " |") == []


@given(hostile, hostile, hostile)
def test_a_github_command_carries_no_command_of_its_own(path, title, message):
    line = (f"::error file={github.escape_property(path)},line=3,title={github.escape_property(title)}"
            f"::{github.escape_data(message)}")
    assert len(line.splitlines()) == 1 and runner_commands(line) == []
