"""The CI recipes the README offers, tried for real: the GitHub Actions job's script runs in a git
repository with a base branch and a pull-request branch, and the pre-commit hook's entry runs on the files
pre-commit would pass it."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import FIXTURES, ROOT

WORKFLOW = ROOT / "examples" / "claimcheck-workflow.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
NEW = Path(__file__).parent / "articles" / "lenfield-evening-post.txt"


def git(repo, *args):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=repo, check=True,
                   capture_output=True)


def newsroom(tmp_path: Path) -> Path:
    repo = tmp_path / "newsroom"
    shutil.copytree(FIXTURES / "flood-figure-conflict", repo / "articles" / "flood", ignore=shutil.ignore_patterns("gold.json"))
    shutil.copytree(FIXTURES / "quake-json", repo / "articles" / "quake", ignore=shutil.ignore_patterns("gold.json"))
    (repo / ".gitignore").write_text(".claimcheck/\nnew-articles.txt\n")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "corpus")
    git(repo, "update-ref", "refs/remotes/origin/main", "main")  # as actions/checkout leaves it
    git(repo, "switch", "-q", "-c", "pr")
    shutil.copy(NEW, repo / "articles" / "flood" / NEW.name)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "new article")
    return repo


def env_for(tmp_path: Path, embedding_cache: Path, **extra) -> dict:
    # The job's ~/.cache/claimcheck: the session's embedding cache, so nothing is embedded twice.
    home_cache = tmp_path / "xdg-cache"
    home_cache.mkdir(exist_ok=True)
    if not (home_cache / "claimcheck").exists():
        os.symlink(embedding_cache, home_cache / "claimcheck")
    bin_dir = str(Path(sys.executable).parent)
    return dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}", XDG_CACHE_HOME=str(home_cache),
                HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", **extra)


def test_the_github_actions_job_annotates_the_contradiction_and_fails(tmp_path, embedding_cache):
    repo = newsroom(tmp_path)
    steps = yaml.safe_load(WORKFLOW.read_text())["jobs"]["claimcheck"]["steps"]
    script = next(s["run"] for s in steps if s.get("name") == "Check the new articles against the corpus")
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True).stdout.strip()
    env = env_for(tmp_path, embedding_cache, GITHUB_ACTIONS="true", GITHUB_SHA=head, BASE_REF="main")
    # GitHub runs `run:` scripts with bash -e -o pipefail.
    result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=repo, env=env,
                            capture_output=True, text=True, timeout=1200)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("::error file=articles/flood/lenfield-evening-post.txt,line=2,")
    assert "river-news-agency" in lines[0] and "4,150" in lines[0]
    # The store holds the base branch only: the pull request's article is not part of the corpus.
    import sqlite3

    db = sqlite3.connect(repo / ".claimcheck" / "store.sqlite3")
    assert not db.execute("SELECT 1 FROM articles WHERE path LIKE '%lenfield-evening-post%'").fetchone()
    db.close()


def test_the_pre_commit_hook_entry_checks_the_staged_files(tmp_path, embedding_cache):
    (hook,) = yaml.safe_load(HOOKS.read_text())
    assert hook["id"] == "claimcheck" and hook["language"] == "python"
    repo = newsroom(tmp_path)
    env = env_for(tmp_path, embedding_cache)
    subprocess.run(["claimcheck", "index", "articles/quake", "articles/flood/ossery-today.txt",
                    "articles/flood/river-news-agency.txt"], cwd=repo, env=env, check=True, capture_output=True)
    staged = ["articles/flood/lenfield-evening-post.txt", "articles/flood/valley-courier.txt"]
    import re

    assert all(re.search(hook["files"], f) for f in staged)
    result = subprocess.run([*hook["entry"].split(), *staged], cwd=repo, env=env, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 1, result.stderr
    assert "About 9,000" in result.stdout
