"""`claimcheck check` as a CI job runs it: a newsroom folder with a corpus indexed from the fixtures, new
articles checked against it by a real subprocess with the real model, every output format compared with a
golden file. Regenerate the golden files with UPDATE_GOLDEN=1 after a deliberate change."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import FIXTURES, run_cli

HERE = Path(__file__).parent
ARTICLES = HERE / "articles"
GOLDEN = HERE / "golden"
SARIF_SCHEMA = HERE.parent / "report" / "sarif-schema-2.1.0.json"
CONTRADICTS = "lenfield-evening-post.txt"  # 9,000 residents evacuated; the corpus has 4,150
AGREES = "dunmere-weekly.txt"  # the same flood, the same figures, in other words
FORMATS = ("text", "json", "github", "sarif", "markdown")


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory, embedding_cache):
    """A repository of articles (every fixture set), with its claimcheck.toml and an indexed store."""
    repo = tmp_path_factory.mktemp("newsroom")
    shutil.copytree(FIXTURES, repo / "articles", ignore=shutil.ignore_patterns("facts.yaml", "README.md"))
    (repo / "claimcheck.toml").write_text(f'exclude = ["*/gold.json"]\ncache_dir = "{embedding_cache}"\n')
    (repo / "new").mkdir()
    for name in (CONTRADICTS, AGREES):
        shutil.copy(ARTICLES / name, repo / "new" / name)
    result = run_cli("index", "articles", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert "45 added" in result.stderr
    assert "gold.json: excluded by the config glob '*/gold.json'" in result.stderr
    return repo


def check(repo, *args):
    return run_cli("check", *args, cwd=repo)


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


def without_timing(text: str) -> str:
    data = json.loads(text)
    data.pop("timing", None)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_contradicting_article_fails_the_check_with_one_finding_in_every_format(newsroom, fmt):
    result = check(newsroom, f"new/{CONTRADICTS}", "--format", fmt)
    assert result.returncode == 1, result.stderr
    out = without_timing(result.stdout) if fmt == "json" else result.stdout
    golden(f"contradicting.{fmt}", out)


def test_the_json_holds_exactly_the_expected_finding(newsroom):
    data = json.loads(check(newsroom, f"new/{CONTRADICTS}", "--format", "json").stdout)
    (finding,) = data["findings"]
    assert (finding["kind"], finding["severity"]) == ("numeric", "error")
    assert {s["path"]: s["value"] for s in finding["statements"]} == {
        f"new/{CONTRADICTS}": "About 9,000",
        "articles/flood-figure-conflict/river-news-agency.txt": "4,150",
    }
    assert data["check"]["new_articles"] == ["lenfield-evening-post"]


def test_the_sarif_output_is_valid_sarif_2_1_0(newsroom):
    sarif = json.loads(check(newsroom, f"new/{CONTRADICTS}", "--format", "sarif").stdout)
    schema = json.loads(SARIF_SCHEMA.read_text())
    jsonschema.validators.validator_for(schema)(schema).validate(sarif)
    (result,) = sarif["runs"][0]["results"]
    assert result["partialFingerprints"]
    assert len(result["relatedLocations"]) == 1


def test_an_agreeing_article_passes_with_no_findings(newsroom):
    result = check(newsroom, f"new/{AGREES}", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["findings"] == []


def test_only_the_new_articles_sentences_are_embedded(newsroom):
    data = json.loads(check(newsroom, f"new/{AGREES}", "--format", "json", "--no-cache").stdout)
    # Five body sentences and a heading: the heading is not a claim; nothing of the corpus is embedded again.
    assert data["timing"]["texts_embedded"] == 5
    assert data["summary"]["articles"] == 1


def test_a_baseline_holding_the_finding_lets_the_check_pass(newsroom, tmp_path):
    recorded = run_cli("baseline", f"new/{CONTRADICTS}", "--store", ".claimcheck", "--write", tmp_path / "b.json",
                       cwd=newsroom)
    assert recorded.returncode == 0, recorded.stderr
    assert "1 finding(s) recorded" in recorded.stdout
    result = check(newsroom, f"new/{CONTRADICTS}", "--baseline", tmp_path / "b.json")
    assert result.returncode == 0, result.stderr
    assert "1 suppressed" in result.stdout


def test_a_baseline_from_a_full_report_holds_the_same_finding(newsroom, tmp_path):
    recorded = run_cli("baseline", "articles/flood-figure-conflict", f"new/{CONTRADICTS}", "--write",
                       tmp_path / "b.json", cwd=newsroom)
    assert recorded.returncode == 0, recorded.stderr
    assert check(newsroom, f"new/{CONTRADICTS}", "--baseline", tmp_path / "b.json").returncode == 0


def test_the_baseline_still_holds_after_a_rename_and_an_edit_elsewhere(newsroom, tmp_path):
    run_cli("baseline", f"new/{CONTRADICTS}", "--store", ".claimcheck", "--write", tmp_path / "b.json", cwd=newsroom)
    moved = tmp_path / "renamed-story.txt"
    text = (newsroom / "new" / CONTRADICTS).read_text()
    moved.write_text(text + "Schools in the town will reopen on Monday, the council said.\n")
    result = check(newsroom, moved, "--baseline", tmp_path / "b.json", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["check"]["suppressed"] == 1


def test_a_new_article_joining_a_baselined_dispute_is_reported(newsroom, tmp_path):
    run_cli("baseline", f"new/{CONTRADICTS}", "--store", ".claimcheck", "--write", tmp_path / "b.json", cwd=newsroom)
    second = tmp_path / "second-outlet.txt"
    second.write_text("About 9,000 residents were evacuated from Lenfield after the River Dunmere rose, "
                      "according to the county council.\n")
    result = check(newsroom, f"new/{CONTRADICTS}", second, "--baseline", tmp_path / "b.json", "--format", "json")
    assert result.returncode == 1, result.stderr


def test_exit_zero_and_fail_on(newsroom):
    assert check(newsroom, f"new/{CONTRADICTS}", "--exit-zero").returncode == 0
    assert check(newsroom, f"new/{CONTRADICTS}", "--fail-on", "warning").returncode == 1
    assert check(newsroom, f"new/{AGREES}", "--fail-on", "info").returncode == 0


def test_output_goes_to_a_file_and_logs_to_stderr(newsroom, tmp_path):
    result = check(newsroom, f"new/{CONTRADICTS}", "--format", "sarif", "--output", tmp_path / "out.sarif")
    assert result.returncode == 1
    assert result.stdout == ""
    assert json.loads((tmp_path / "out.sarif").read_text())["version"] == "2.1.0"


def test_against_a_folder_needs_no_store(newsroom, tmp_path, embedding_cache):
    result = run_cli("check", newsroom / "new" / CONTRADICTS, "--against", newsroom / "articles" / "flood-figure-conflict",
                     "--format", "json", "--cache-dir", embedding_cache, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    (finding,) = json.loads(result.stdout)["findings"]
    assert {s["value"] for s in finding["statements"]} == {"About 9,000", "4,150"}


def test_a_missing_store_is_exit_2_with_one_line(newsroom, tmp_path):
    result = check(newsroom, f"new/{AGREES}", "--store", tmp_path / "nowhere")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "run `claimcheck index` first" in result.stderr


def test_a_bad_config_value_is_exit_2_naming_key_and_file(tmp_path):
    (tmp_path / "claimcheck.toml").write_text('fail_on = "sometimes"\n')
    result = run_cli("check", "x.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "fail_on" in result.stderr and "claimcheck.toml" in result.stderr


def test_the_html_page_of_a_check_shows_the_finding_and_the_new_article(newsroom, tmp_path):
    page = tmp_path / "check.html"
    result = check(newsroom, f"new/{CONTRADICTS}", "--format", "html", "--output", str(page))
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""  # the page went to the file
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<title>claimcheck check</title>" in html
    assert '<mark class="value">About 9,000</mark>' in html and '<mark class="value">4,150</mark>' in html
    assert 'data-article="lenfield-evening-post"><summary>' in html and '<span class="badge-new">new</span>' in html
    # The JSON form of the same check lists the claims the new article shares with the corpus article shown.
    data = json.loads(check(newsroom, f"new/{CONTRADICTS}", "--format", "json").stdout)
    assert data["shared_claims"] and all(
        any(s["article"] == "lenfield-evening-post" for s in c["sentences"]) for c in data["shared_claims"])
    assert 'class="claim target' in html
