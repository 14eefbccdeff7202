"""Files read all the same, with a repair (a cut-off last character, stray Windows-1252 bytes, a second
front-matter block): listed under `warnings` in the report, not under `skipped`, said on stderr unless
--quiet. Real files, the real CLI in a subprocess."""
from __future__ import annotations

import json
import shutil

import pytest

from claimcheck.report import validate_report
from tests.conftest import FIXTURES, run_cli

SET = FIXTURES / "flood-figure-conflict"
CUT = "its last 1 byte, an incomplete UTF-8 character (the file looks cut off); the rest was read"
SECOND = "a second front-matter block (line 4) was left out of the article text; only the first block's metadata is used"


@pytest.fixture(scope="module")
def news(tmp_path_factory):
    folder = tmp_path_factory.mktemp("warned") / "news"
    shutil.copytree(SET, folder, ignore=shutil.ignore_patterns("gold.json"))
    first, second, *_ = sorted(folder.glob("*.txt"))
    data = first.read_bytes() + "\nReporting by Zoë".encode("utf-8")
    first.write_bytes(data[:-1])  # a download cut in the middle of "ë"
    body = second.read_text(encoding="utf-8")
    second.unlink()
    (folder / f"{second.stem}.md").write_text(f"---\ntitle: Flood\n---\n---\ntitle: Old draft\nsource: Desk\n---\n{body}",
                                              encoding="utf-8")
    return folder, first.name, f"{second.stem}.md"


def test_repairs_go_to_warnings_and_stderr_not_to_skipped(news, tmp_path, embedding_cache):
    folder, cut, doubled = news
    done = run_cli("report", folder, "--out", tmp_path / "out", "--cache-dir", embedding_cache)
    assert done.returncode == 0, done.stderr
    data = json.loads((tmp_path / "out" / "report.json").read_text())
    validate_report(data)
    assert data["skipped"] == []
    assert [(w["path"].rsplit("/", 1)[1], w["message"]) for w in data["warnings"]] == [(cut, CUT), (doubled, SECOND)]
    assert {a["path"].rsplit("/", 1)[1] for a in data["articles"]} >= {cut, doubled}  # both read
    assert f"warning: {folder / cut}: {CUT}" in done.stderr
    markdown = (tmp_path / "out" / "report.md").read_text()
    assert "## Warnings" in markdown and "## Skipped" not in markdown
    assert "2 warnings (read all the same):" in done.stdout


def test_the_second_block_is_not_read_as_sentences_and_the_first_gives_the_metadata(news):
    from claimcheck.ingest import read_inputs

    folder, _, doubled = news
    reading = read_inputs([str(folder / doubled)])
    [article] = reading.articles
    assert article.title == "Flood"
    assert not any("Old draft" in b.text or "source:" in b.text for b in article.blocks)
    assert article.text.startswith("---\ntitle: Flood")  # offsets and line numbers still those of the file


def test_quiet_keeps_them_in_the_report_and_off_stderr(news, tmp_path, embedding_cache):
    folder, _, _ = news
    done = run_cli("report", folder, "--out", tmp_path / "out", "--cache-dir", embedding_cache, "--quiet")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert len(json.loads((tmp_path / "out" / "report.json").read_text())["warnings"]) == 2


def test_a_kept_report_says_them_again(news, tmp_path, embedding_cache):
    folder, cut, _ = news
    cache = tmp_path / "cache"
    shutil.copytree(embedding_cache, cache)
    for _ in range(2):  # the second run is served from the kept report
        done = run_cli("report", folder, "--out", tmp_path / "out", "--cache-dir", cache)
        assert done.returncode == 0, done.stderr
        assert f"warning: {folder / cut}: {CUT}" in done.stderr
