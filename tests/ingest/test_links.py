"""Symbolic links among the articles: a link leading outside the paths given is not followed unless asked; a
link that cannot be followed is listed whatever its name; and `index` never drops articles because a
folder became a link it cannot follow."""
from __future__ import annotations

import json
import os
import re
import sqlite3
from pathlib import Path

from tests.conftest import run_cli

OUTSIDE_FILE = ("symbolic link to a file outside the paths given on the command line: not followed "
                "(--follow-links-outside or follow_links_outside in the config allows it)")
OUTSIDE_FOLDER = OUTSIDE_FILE.replace("a file", "a folder")
SECRET = "ghp_Tidewater0000token"
FERRY = ("The ferry from Orlin Quay to Saltreach resumed on Wednesday, the operator Brannock Lines said. "
         "Its captain, Tomas Weld, said 120 passengers made the first crossing.\n")
OTHER = ("Brannock Lines restarted the Orlin Quay ferry to Saltreach on Wednesday. "
         "Captain Tomas Weld said 85 passengers made the first crossing.\n")


def checkout(tmp_path: Path) -> Path:
    """A repository checkout as CI sees it: a token in .git/config, a file outside, and article links."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".git" / "config").write_text(f'[http]\n\textraheader = "AUTHORIZATION: basic {SECRET}"\n')
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "notes.txt").write_text(f"Deploy notes for the harbour desk: the key is {SECRET}.\n")
    articles = repo / "articles"
    (articles / "2024").mkdir(parents=True)
    (articles / "2024" / "ferry.txt").write_text(FERRY)
    (articles / "other.txt").write_text(OTHER)
    os.symlink("../.git/config", articles / "config.txt")  # what a pull request can add
    os.symlink(tmp_path / "elsewhere" / "notes.txt", articles / "notes.md")
    os.symlink(tmp_path / "elsewhere", articles / "shared")  # a folder outside
    os.symlink("2024", articles / "latest")  # a folder link that stays inside: read as before
    return repo


def test_a_link_leading_outside_the_paths_given_is_listed_as_skipped_and_never_read(tmp_path, embedding_cache):
    repo = checkout(tmp_path)

    done = run_cli("report", "articles", "--format", "html", "--out", tmp_path / "out",
                   "--cache-dir", embedding_cache, cwd=repo)

    assert done.returncode == 0, done.stderr
    data = json.loads((tmp_path / "out" / "report.json").read_text())
    assert sorted(a["path"] for a in data["articles"]) == ["articles/2024/ferry.txt", "articles/other.txt"]
    assert [(s["path"], s["reason"]) for s in data["skipped"]] == [
        ("articles/config.txt", OUTSIDE_FILE), ("articles/notes.md", OUTSIDE_FILE), ("articles/shared", OUTSIDE_FOLDER)]
    for text in (done.stdout, done.stderr, *(p.read_text() for p in (tmp_path / "out").iterdir())):
        assert SECRET not in text
    # A pull request's new file is given by name; a link there is not followed either.
    checked = run_cli("check", "articles/config.txt", "--against", "articles", "--format", "github",
                      "--cache-dir", embedding_cache, cwd=repo)
    assert checked.returncode == 0  # nothing left to check: not a failure of the tool (see gate/test_nothing_to_check)
    assert f"nothing to check: 1 file(s) skipped (articles/config.txt: {OUTSIDE_FILE})" in checked.stderr and SECRET not in checked.stdout + checked.stderr


def test_links_outside_are_followed_when_the_flag_or_the_config_allows_it(tmp_path, embedding_cache):
    repo = checkout(tmp_path)
    flagged = run_cli("report", "articles", "--follow-links-outside", "--out", tmp_path / "flag",
                      "--cache-dir", embedding_cache, cwd=repo)
    (repo / "claimcheck.toml").write_text("follow_links_outside = true\n")
    configured = run_cli("report", "articles", "--out", tmp_path / "config", "--cache-dir", embedding_cache, cwd=repo)

    for out, done in (("flag", flagged), ("config", configured)):
        assert done.returncode == 0, done.stderr
        data = json.loads((tmp_path / out / "report.json").read_text())
        assert sorted(a["path"] for a in data["articles"]) == [
            "articles/2024/ferry.txt", "articles/config.txt", "articles/notes.md", "articles/other.txt"]


def test_a_link_that_cannot_be_followed_is_listed_whatever_its_name(tmp_path, embedding_cache):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "ferry.txt").write_text(FERRY)
    os.symlink("photos-2023", folder / "photos")  # a folder link whose target is gone
    os.symlink("drafts", folder / "drafts")  # a link to itself

    done = run_cli("report", folder, "--out", tmp_path / "out", "--cache-dir", embedding_cache)

    assert done.returncode == 0, done.stderr
    skipped = json.loads((tmp_path / "out" / "report.json").read_text())["skipped"]
    assert [(Path(s["path"]).name, s["reason"]) for s in skipped] == [
        ("drafts", "symbolic link loop: following its links never reaches a file or folder"),
        ("photos", "broken link: its target does not exist")]


def counts(stderr: str) -> str:
    return re.search(r"\d+ added, .* skipped", stderr).group(0)


def stored(repo: Path) -> list[str]:
    db = sqlite3.connect(repo / ".claimcheck" / "store.sqlite3")
    try:
        return sorted(p for (p,) in db.execute("SELECT path FROM articles"))
    finally:
        db.close()


def test_an_indexed_folder_that_became_a_broken_or_looping_link_keeps_its_articles(tmp_path, embedding_cache):
    repo = tmp_path / "repo"
    region = repo / "articles" / "region"
    region.mkdir(parents=True)
    (region / "ferry.txt").write_text(FERRY)
    (region / "other.txt").write_text(OTHER)
    (repo / "articles" / "top.txt").write_text("The Saltreach council met on Thursday to discuss the harbour wall.\n")
    (repo / "claimcheck.toml").write_text(f'cache_dir = "{embedding_cache}"\n')
    assert run_cli("index", "articles", cwd=repo).returncode == 0
    held = stored(repo)
    assert held == ["articles/region/ferry.txt", "articles/region/other.txt", "articles/top.txt"]
    region.rename(repo / "region-moved-away")

    os.symlink("region-gone", region)
    broken = run_cli("index", "articles", cwd=repo)
    given = run_cli("index", "articles/region", cwd=repo)  # the link itself given
    os.remove(region)
    os.symlink("region", region)
    looping = run_cli("index", "articles", cwd=repo)

    for done, reason in ((broken, "broken link: its target does not exist"),
                         (given, "broken link: its target does not exist"),
                         (looping, "symbolic link loop: following its links never reaches a file or folder")):
        assert done.returncode in (0, 2), done.stderr
        assert f"skipped articles/region: {reason}" in done.stderr
        assert stored(repo) == held
    assert counts(broken.stderr) == "0 added, 0 re-indexed, 0 renamed, 0 dropped, 1 unchanged, 1 skipped"
    # Really gone (no link either): dropped, as before.
    os.remove(region)
    gone = run_cli("index", "articles", cwd=repo)
    assert counts(gone.stderr) == "0 added, 0 re-indexed, 0 renamed, 2 dropped, 1 unchanged, 0 skipped"
