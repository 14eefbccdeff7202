"""`report`, `index` and `check` killed with SIGKILL part way, run two at once on one cache or one store, and
given damaged files: real subprocesses, the real model, real files.

A run is killed at a chosen point by DRIVER, which makes the n-th call of one function of the package send
SIGKILL to its own process (the package itself knows nothing of this), then runs the command as a user
does. Nothing of the run's own cleanup (finally, atexit) happens, as with `kill -9` from outside. DRIVER
can also hold a function until a file appears, to make two runs meet at a chosen point.
Runs use the onnx-int8 backend with a model exported once for the module (about 5 s a run instead of 15
with torch; what is tested here is the same for every backend), or torch where onnxruntime is missing.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from importlib.util import find_spec
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT

# python -c DRIVER [OPTION]... COMMAND ARGS...: runs `claimcheck COMMAND ARGS...`, with, for each OPTION,
#   --kill MODULE:NAME N      SIGKILL on the N-th call of NAME (a function, or Class.method)
#   --pause MODULE:NAME FILE  NAME waits until FILE exists (and makes FILE.waiting when it starts waiting)
#   --set MODULE:NAME N       NAME = N
#   --kill-before-cache-commit  SIGKILL when the embedding cache is about to commit what it inserted
DRIVER = """
import os, signal, sys, time
from importlib import import_module

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

def wrap(real, nth):
    calls = []
    def wrapper(*args, **kwargs):
        calls.append(1)
        if len(calls) == nth:
            die()
        return real(*args, **kwargs)
    return wrapper

def pause(real, marker):
    def wrapper(*args, **kwargs):
        open(marker + ".waiting", "w").close()
        while not os.path.exists(marker):
            time.sleep(0.05)
        return real(*args, **kwargs)
    return wrapper

args = sys.argv[1:]
while args[0].startswith("--"):
    flag, *args = args
    if flag == "--kill-before-cache-commit":  # the vectors inserted, the transaction not yet committed
        import sqlite3
        class Dying(sqlite3.Connection):
            def __exit__(self, *exc):
                die()
        connect = sqlite3.connect
        sqlite3.connect = lambda *a, **k: connect(*a, factory=Dying, **k)
        continue
    (target, value), args = args[:2], args[2:]
    module, name = target.split(":")
    owner = import_module(module)
    *path, attr = name.split(".")
    for part in path:
        owner = getattr(owner, part)
    if flag == "--set":
        setattr(owner, attr, int(value))
    elif flag == "--kill":
        setattr(owner, attr, wrap(getattr(owner, attr), int(value)))
    else:
        setattr(owner, attr, pause(getattr(owner, attr), value))

from claimcheck.cli import main
sys.exit(main(args))
"""

SETS = ("flood-figure-conflict", "mayor-office-conflict")
FILES = [p for name in SETS for p in sorted((FIXTURES / name).iterdir()) if p.name != "gold.json"]
NEW = ROOT / "tests" / "gate" / "articles" / "lenfield-evening-post.txt"  # 9,000 evacuated; the corpus says 4,150
BACKEND = "onnx-int8" if find_spec("onnxruntime") and find_spec("onnx") else "torch"


def start(*args, driver=(), cwd=ROOT) -> subprocess.Popen:
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.Popen([sys.executable, "-c", DRIVER, *map(str, driver), *map(str, args)], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(run: subprocess.Popen) -> subprocess.CompletedProcess:
    out, err = run.communicate(timeout=900)
    return subprocess.CompletedProcess(run.args, run.returncode, out, err)


def claimcheck(*args, driver=(), cwd=ROOT) -> subprocess.CompletedProcess:
    return finish(start(*args, driver=driver, cwd=cwd))


def killed(*args, driver, cwd=ROOT) -> None:
    run = claimcheck(*args, driver=driver, cwd=cwd)
    assert run.returncode == -9, f"not killed where meant to be: {run.stderr}"


def added(stderr: str) -> int:
    return int(re.search(r"(\d+) added", stderr).group(1))


def without_timing(text: str) -> dict:
    data = json.loads(text)
    data.pop("timing")
    return data


@pytest.fixture(scope="module")
def model_cache(tmp_path_factory):
    """A cache folder holding only the exported onnx model: copied to start each run with a fresh cache."""
    folder = tmp_path_factory.mktemp("model-cache")
    if BACKEND == "onnx-int8":
        from claimcheck.embed import onnx_backend
        from claimcheck.embed.encoder import resolve_model

        spec = resolve_model(None, BACKEND, folder)
        onnx_backend.export(spec.path, spec.artifacts, spec.cache_key)
    return folder


@pytest.fixture
def fresh_cache(tmp_path, model_cache):
    cache = tmp_path / "cache"
    shutil.copytree(model_cache, cache)
    return cache


def report(out, cache):
    return claimcheck("report", *FILES, "--out", out, "--cache-dir", cache, "--backend", BACKEND)


def killed_report(out, cache, *driver):
    killed("report", *FILES, "--out", out, "--cache-dir", cache, "--backend", BACKEND, driver=driver)


@pytest.fixture(scope="module")
def expected(tmp_path_factory, model_cache):
    """The report of one uninterrupted run, alone, on a cache of its own: {file name: text}."""
    out, cache = tmp_path_factory.mktemp("expected"), tmp_path_factory.mktemp("expected-cache") / "cache"
    shutil.copytree(model_cache, cache)
    run = report(out, cache)
    assert run.returncode == 0, run.stderr
    return {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()}


def is_expected(out: Path, expected: dict) -> None:
    assert sorted(os.listdir(out)) == ["report.json", "report.md"]  # nothing else: no temp files
    assert without_timing((out / "report.json").read_text()) == without_timing(expected["report.json"])
    assert (out / "report.md").read_text() == expected["report.md"]


def vector_count(folder: Path) -> int:
    """How many vectors the cache holds, once it has opened as a sound SQLite file."""
    from claimcheck.embed.cache import EmbeddingCache

    cache = EmbeddingCache(folder)
    try:
        assert cache._db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return cache._db.execute("SELECT COUNT(*) FROM vectors").fetchone()[0]
    finally:
        cache.close()


def kept_reports_are_whole(cache: Path) -> bool:
    """Only finished entries (one per code version: the package may be edited while the tests run)."""
    names = os.listdir(cache / "reports-v1")
    return bool(names) and all(n.endswith(".json") and not n.startswith(".") for n in names)


# --- report ----------------------------------------------------------------------------------------------


def test_a_report_killed_at_any_point_leaves_the_old_files_or_new_ones_and_a_usable_cache(tmp_path, fresh_cache,
                                                                                        expected):
    from claimcheck.report import write_reports
    from tests.report.conftest import make_report

    out = tmp_path / "out"
    write_reports(make_report(), out, "report")  # a previous, complete report of other articles
    previous = {p.name: p.read_text() for p in out.iterdir()}

    def files_are(json_from: dict, md_from: dict) -> None:
        assert sorted(os.listdir(out)) == ["report.json", "report.md"]  # no temp files
        assert without_timing((out / "report.json").read_text()) == without_timing(json_from["report.json"])
        assert (out / "report.md").read_text() == md_from["report.md"]

    # Every sentence encoded and inserted, not committed: the cache holds none of them.
    killed_report(out, fresh_cache, "--kill-before-cache-commit")
    files_are(previous, previous)
    assert vector_count(fresh_cache) == 0

    # Vectors committed, findings being computed.
    killed_report(out, fresh_cache, "--kill", "claimcheck.pipeline.local:LocalEngine.compare", 1)
    files_are(previous, previous)
    assert vector_count(fresh_cache) > 0

    # The report computed; keeping it in the cache, written and synced but not yet in place.
    killed_report(out, fresh_cache, "--kill", "claimcheck.report.atomic:_link", 1)
    files_are(previous, previous)
    assert os.listdir(fresh_cache / "reports-v1") == []

    # report.json replaced, report.md not yet (3rd link: the kept report, report.json, report.md).
    killed_report(out, fresh_cache, "--kill", "claimcheck.report.atomic:_link", 3)
    files_are(expected, previous)

    again = report(out, fresh_cache)
    assert again.returncode == 0, again.stderr
    is_expected(out, expected)
    assert vector_count(fresh_cache) == json.loads(expected["report.json"])["timing"]["texts_embedded"]
    assert kept_reports_are_whole(fresh_cache)
    assert not list(fresh_cache.glob("*damaged*"))


def test_two_reports_at_once_on_one_cache_both_come_out_whole(tmp_path, fresh_cache, expected):
    runs = [start("report", *FILES, "--out", tmp_path / name, "--cache-dir", fresh_cache, "--backend", BACKEND)
            for name in ("one", "two")]
    done = [finish(run) for run in runs]
    assert [d.returncode for d in done] == [0, 0], [d.stderr for d in done]  # no "database is locked"
    for name in ("one", "two"):
        is_expected(tmp_path / name, expected)
    assert vector_count(fresh_cache) == json.loads(expected["report.json"])["timing"]["texts_embedded"]
    assert kept_reports_are_whole(fresh_cache)


@pytest.mark.skipif(BACKEND != "onnx-int8", reason="needs onnxruntime and onnx")
def test_two_reports_at_once_export_the_onnx_model_once_between_them(tmp_path, expected):
    cache = tmp_path / "cache"  # no exported model yet: both runs export, one rename wins
    runs = [start("report", *FILES, "--out", tmp_path / name, "--cache-dir", cache, "--backend", BACKEND)
            for name in ("one", "two")]
    done = [finish(run) for run in runs]
    assert [d.returncode for d in done] == [0, 0], [d.stderr for d in done]
    for name in ("one", "two"):
        is_expected(tmp_path / name, expected)
    assert len(os.listdir(cache / "onnx")) == 1  # the model folder, and no partial export left


def test_a_damaged_cache_is_set_aside_with_a_warning_and_the_report_is_the_same(tmp_path, fresh_cache, expected):
    damaged = os.urandom(100_000)
    (fresh_cache / "embeddings-v1.sqlite3").write_bytes(damaged)
    run = report(tmp_path / "out", fresh_cache)
    assert run.returncode == 0, run.stderr
    is_expected(tmp_path / "out", expected)
    [aside] = fresh_cache.glob("embeddings-v1.sqlite3.damaged-*")
    assert aside.read_bytes() == damaged
    assert f"embedding cache {fresh_cache / 'embeddings-v1.sqlite3'} is damaged" in run.stderr
    assert str(aside) in run.stderr


# --- index and check -------------------------------------------------------------------------------------


def newsroom(folder: Path, cache: Path) -> Path:
    """A folder of articles with its claimcheck.toml; the store goes to folder/.claimcheck."""
    for name in SETS:
        shutil.copytree(FIXTURES / name, folder / "articles" / name, ignore=shutil.ignore_patterns("gold.json"))
    (folder / "new").mkdir()
    shutil.copy(NEW, folder / "new" / NEW.name)
    (folder / "claimcheck.toml").write_text(f'cache_dir = "{cache}"\nbackend = "{BACKEND}"\n')
    return folder


def store_rows(repo: Path) -> dict:
    """What the store holds, article by article, in a form two stores can be compared by."""
    db = sqlite3.connect(repo / ".claimcheck" / "store.sqlite3")
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = db.execute("SELECT a.path, a.content_hash, c.idx, c.cluster, c.record FROM articles a"
                          " JOIN claims c ON c.article = a.rowid ORDER BY a.path, c.idx").fetchall()
        return {"claims": rows, "articles": sorted(db.execute("SELECT path, content_hash FROM articles")),
                "embeddings": db.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0]}
    finally:
        db.close()


def check_json(repo: Path) -> dict:
    run = claimcheck("check", f"new/{NEW.name}", "--format", "json", "--exit-zero", cwd=repo)
    assert run.returncode == 0, run.stderr
    return without_timing(run.stdout)


@pytest.fixture(scope="module")
def indexed(tmp_path_factory, model_cache):
    """One uninterrupted `index` of the articles and one `check` of a new article against it."""
    cache = tmp_path_factory.mktemp("indexed-cache") / "cache"
    shutil.copytree(model_cache, cache)
    repo = newsroom(tmp_path_factory.mktemp("indexed"), cache)
    run = claimcheck("index", "articles", cwd=repo)
    assert run.returncode == 0, run.stderr
    checked = check_json(repo)
    assert [f["kind"] for f in checked["findings"]] == ["numeric"]
    return {"repo": repo, "store": store_rows(repo), "check": checked}


def test_an_index_killed_part_way_leaves_a_store_that_a_new_index_completes(tmp_path, fresh_cache, indexed):
    from claimcheck.errors import ClaimcheckError
    from claimcheck.store import open_store

    repo = newsroom(tmp_path / "repo", fresh_cache)
    # Killed while creating the store: a check must not take the empty file for an empty corpus.
    killed("index", "articles", cwd=repo, driver=["--kill", "claimcheck.store.sqlite:SqliteStore._check_tables", 1])
    with pytest.raises(ClaimcheckError, match="holds nothing yet"):
        open_store(repo / ".claimcheck")
    # Batches of 3 articles: the first committed, the second killed with 1 article written, 1 under way.
    killed("index", "articles", cwd=repo, driver=["--set", "claimcheck.pipeline.index:BATCH_ARTICLES", 3,
                                                  "--kill", "claimcheck.store.sqlite:SqliteStore._add_one", 5])
    store = open_store(repo / ".claimcheck")
    assert sorted(store.articles()) == [f"articles/{p.parent.name}/{p.name}" for p in FILES[:3]]
    store.close()

    again = claimcheck("index", "articles", cwd=repo)
    assert again.returncode == 0, again.stderr
    assert added(again.stderr) == 5 and "3 unchanged" in again.stderr
    assert store_rows(repo) == indexed["store"]
    assert check_json(repo) == indexed["check"]
    assert not list((repo / ".claimcheck").glob("*damaged*"))


def test_two_index_runs_at_once_build_the_same_store_as_one(tmp_path, fresh_cache, indexed):
    repo = newsroom(tmp_path / "repo", fresh_cache)
    done = [finish(run) for run in [start("index", "articles", cwd=repo) for _ in range(2)]]
    assert [d.returncode for d in done] == [0, 0], [d.stderr for d in done]
    assert sum(added(d.stderr) for d in done) == len(FILES)
    assert store_rows(repo) == indexed["store"]


def test_a_check_during_an_index_sees_the_store_as_it_was_when_it_started(tmp_path, fresh_cache, indexed):
    """The check opens the store, then waits while an index re-indexes an article the check is about to
    read (deleting its claims and vectors, adding new ones); then it reads. It must report on the store it
    opened, not on a mix of the two, and not fail."""
    repo = newsroom(tmp_path / "repo", fresh_cache)
    shutil.copytree(indexed["repo"] / ".claimcheck", repo / ".claimcheck")
    edited = repo / "articles" / "flood-figure-conflict" / "river-news-agency.txt"
    edited.write_text(edited.read_text().replace("4,150 residents", "4,350 residents"))  # in the check's finding
    go = tmp_path / "go"
    check = start("check", f"new/{NEW.name}", "--format", "json", "--exit-zero", cwd=repo,
                  driver=["--pause", "claimcheck.gate.related:related", go])  # the store open, nothing read yet
    while not Path(f"{go}.waiting").exists():
        assert check.poll() is None, check.communicate()
        time.sleep(0.05)
    index = claimcheck("index", "articles", cwd=repo)
    assert index.returncode == 0, index.stderr
    assert "1 re-indexed" in index.stderr
    go.touch()
    check = finish(check)
    assert check.returncode == 0, check.stderr
    assert without_timing(check.stdout) == indexed["check"]
    assert check_json(repo) != indexed["check"]  # a check started now sees the change


def test_a_damaged_store_is_set_aside_index_rebuilds_it_and_check_says_what_to_do(tmp_path, fresh_cache, indexed):
    repo = newsroom(tmp_path / "repo", fresh_cache)
    store = repo / ".claimcheck" / "store.sqlite3"
    store.parent.mkdir()
    damaged = os.urandom(100_000)
    store.write_bytes(damaged)
    run = claimcheck("index", "articles", cwd=repo)
    assert run.returncode == 0, run.stderr
    [aside] = store.parent.glob("store.sqlite3.damaged-*")
    assert aside.read_bytes() == damaged
    assert f"{Path('.claimcheck', 'store.sqlite3')} is damaged" in run.stderr  # the store's full path, named
    assert str(aside.name) in run.stderr and "index every article folder again" in run.stderr
    assert store_rows(repo) == indexed["store"]

    store.write_bytes(damaged)
    run = claimcheck("check", f"new/{NEW.name}", cwd=repo)
    assert run.returncode == 2
    [line] = run.stderr.splitlines()
    assert f"{Path('.claimcheck', 'store.sqlite3')} is damaged" in line and "run `claimcheck index`" in line
    assert len(list(store.parent.glob("store.sqlite3.damaged-*"))) == 2
