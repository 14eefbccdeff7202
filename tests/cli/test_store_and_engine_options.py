"""--store as a folder or a PostgreSQL URL, --engine and --ray-address, and where each setting comes from:
real subprocesses, a real PostgreSQL (pgserver, or CLAIMCHECK_TEST_POSTGRES_URL) for the URL store.

A password never comes from the command line or the config; a wrong engine is one line before any work; a
flag wins over the config, and `check` runs on the local engine whatever the config says."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import error_line, run_cli
from tests.store.newsroom import ARTICLES, CORPUS, NEW

SECRET = "s3cret-do-not-show"


def newsroom(folder: Path, cache: Path, config: str = "") -> Path:
    """folder/articles: the corpus; folder/new: the new article (About 6,800 moved; the corpus says 2,300)."""
    for sub, names in (("articles", CORPUS), ("new", (NEW,))):
        (folder / sub).mkdir(parents=True)
        for name in names:
            shutil.copy(ARTICLES / name, folder / sub / name)
    (folder / "claimcheck.toml").write_text(f'cache_dir = "{cache}"\n{config}')
    return folder


@pytest.mark.parametrize("command", [["index", "new.txt"], ["check", "new.txt"],
                                     ["baseline", "new.txt", "--write", "baseline.json"]])
@pytest.mark.parametrize("given", ["flag", "flag, in the query", "config"])
def test_a_password_in_a_store_url_is_one_line_and_never_shown(tmp_path, command, given):
    (tmp_path / "new.txt").write_text("The Ketterby leisure centre reopened on Monday, the county council said.\n")
    url = (f"postgresql://newsdesk:{SECRET}@127.0.0.1:1/corpus" if given != "flag, in the query"
           else f"postgresql://127.0.0.1:1/corpus?user=newsdesk&password={SECRET}")
    args = [*command, "--store", url]
    if given == "config":
        (tmp_path / "claimcheck.toml").write_text(f'store = "{url}"\n')
        args = [*command, *(["--store", ".claimcheck"] if command[0] == "baseline" else [])]
    before = sorted(os.listdir(tmp_path))
    line = error_line(run_cli(*args, cwd=tmp_path), "is refused", "PGPASSWORD", "~/.pgpass")
    assert SECRET not in line
    assert sorted(os.listdir(tmp_path)) == before  # no store, no folder named after the URL, no baseline


@pytest.mark.parametrize("command", [["report", "new.txt", "--out", "out"], ["index", "new.txt"]])
def test_an_unknown_engine_or_a_ray_address_without_ray_is_error_line(tmp_path, command):
    (tmp_path / "new.txt").write_text("The Ketterby leisure centre reopened on Monday, the county council said.\n")
    error_line(run_cli(*command, "--engine", "nosuch", cwd=tmp_path), "unknown engine 'nosuch'", "local or ray")
    error_line(run_cli(*command, "--ray-address", "127.0.0.1:6379", cwd=tmp_path),
             "--ray-address is for --engine ray")
    (tmp_path / "claimcheck.toml").write_text('engine = "nosuch"\n')
    error_line(run_cli(*command, cwd=tmp_path), str(tmp_path / "claimcheck.toml"), "'engine' must be one of local, ray")
    assert not (tmp_path / ".claimcheck").exists() and not (tmp_path / "out" / "report.json").exists()


def test_flags_win_over_the_config_and_check_stays_local(tmp_path, embedding_cache):
    # The config's engine could not run here: nothing listens at its address (nor is Ray needed today).
    repo = newsroom(tmp_path, embedding_cache, 'engine = "ray"\nray_address = "127.0.0.1:1"\nstore = "config-store"\n')
    index = run_cli("index", "articles", "--engine", "local", "--store", "flag-store", cwd=repo)
    assert index.returncode == 0, index.stderr
    assert "store flag-store: 2 articles" in index.stderr
    assert (repo / "flag-store" / "store.sqlite3").is_file() and not (repo / "config-store").exists()
    check = run_cli("check", f"new/{NEW}", "--store", "flag-store", "--format", "json", cwd=repo)
    assert check.returncode == 1, check.stderr
    assert [f["kind"] for f in json.loads(check.stdout)["findings"]] == ["numeric"]
    report = run_cli("report", "articles", "new", "--engine", "local", "--out", "out", cwd=repo)
    assert report.returncode == 0, report.stderr


def test_a_url_store_gives_what_a_folder_store_gives(tmp_path, embedding_cache, postgres_url):
    """`store =` a URL in the config, as for a folder: indexed from the top, checked from a folder below
    it; stored paths are relative to the config's folder either way, so both show the corpus from there."""
    checks = {}
    for kind, store in (("folder", ".claimcheck"), ("url", postgres_url)):
        repo = newsroom(tmp_path / kind, embedding_cache, f'store = "{store}"\n')
        index = run_cli("index", "articles", cwd=repo)
        assert index.returncode == 0, index.stderr
        (repo / "desk").mkdir()
        check = run_cli("check", f"../new/{NEW}", "--format", "json", cwd=repo / "desk")
        assert check.returncode == 1, check.stderr
        checks[kind] = json.loads(check.stdout)
        checks[kind].pop("timing")
    assert checks["url"] == checks["folder"]
    [finding] = checks["url"]["findings"]
    paths = {s["path"].rpartition("/")[0] for s in finding["statements"]}
    assert paths == {"../articles", "../new"}, paths
    assert not (tmp_path / "url" / ".claimcheck").exists()
