"""The store on a disk that fails it: full, refusing to let a file grow, read-only. Real disks, the real CLI.

`index` on a full disk (a small tmpfs filled up) or past a file size limit (RLIMIT_FSIZE: the kernel
refuses the write with EFBIG) stops with one line naming the store and the cause, and the store stays as
of its last commit; `index` again, with room, goes on from there. (A failed COMMIT used to be followed by
a ROLLBACK whose own error, "no transaction is active", hid the cause.)

A read-only store (a read-only mount, an immutable folder or file) is read by `check` as any other (it
used to be "not a usable claimcheck store (unable to open database file)"), and nothing is written beside
it; `index` says in one line that it is read-only. Mounts and chattr need root: skipped elsewhere."""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.disks import fill, privileged
from tests.store.newsroom import newsroom

STORE = Path(".claimcheck", "store.sqlite3")


def stored(repo: Path) -> list:
    """The store's articles, once it has opened as a sound SQLite file."""
    db = sqlite3.connect(repo / STORE)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return sorted(db.execute("SELECT path, content_hash FROM articles"))
    finally:
        db.close()


def one_line(run) -> str:
    assert run.returncode == 2, run.stderr
    [line] = run.stderr.splitlines()
    assert line.startswith("claimcheck: error: store ") and str(STORE) in line
    return line


# --- a full disk ------------------------------------------------------------------------------------------


def test_index_on_a_full_disk_is_one_line_and_the_store_stays_as_of_its_last_commit(tmp_path, embedding_cache):
    repo = newsroom(tmp_path, embedding_cache)
    disk = repo / ".claimcheck"
    disk.mkdir()
    with privileged("a tmpfs mount", [["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", disk]], [["umount", disk]]):
        first = run_cli("index", "articles/ketterby-gazette.txt", cwd=repo)
        assert first.returncode == 0, first.stderr
        before = stored(repo)
        # Room for the -shm file (32 KiB) a run opens beside the store, not for what the next batch writes.
        filler = fill(disk, leave=40 * 1024)
        full = run_cli("index", "articles", "new", cwd=repo)
        line = one_line(full)
        assert "the disk is full" in line and "as of its last commit" in line and "claimcheck index" in line

        filler.unlink()
        assert stored(repo) == before
        again = run_cli("index", "articles", "new", cwd=repo)
        assert again.returncode == 0, again.stderr
        assert len(stored(repo)) == 3


FSIZE_DRIVER = """
import resource, sys
from claimcheck.store import sqlite

real = sqlite.SqliteStore.add_articles
def add_articles(*args, **kwargs):  # the articles read and embedded: from here on no file grows past 8 KiB
    resource.setrlimit(resource.RLIMIT_FSIZE, (8192, resource.RLIM_INFINITY))
    return real(*args, **kwargs)
sqlite.SqliteStore.add_articles = add_articles

from claimcheck.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_index_past_a_file_size_limit_is_one_line_and_the_store_stays_as_of_its_last_commit(tmp_path,
                                                                                            embedding_cache):
    """Python ignores SIGXFSZ, so a write past RLIMIT_FSIZE fails with EFBIG: SQLite says "disk I/O error"."""
    repo = newsroom(tmp_path, embedding_cache)
    first = run_cli("index", "articles/ketterby-gazette.txt", cwd=repo)
    assert first.returncode == 0, first.stderr
    before = stored(repo)
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    limited = subprocess.run([sys.executable, "-c", FSIZE_DRIVER, "index", "articles", "new"], cwd=repo, env=env,
                             capture_output=True, text=True, timeout=900)
    line = one_line(limited)
    assert "disk I/O error" in line and "as of its last commit" in line
    assert stored(repo) == before
    again = run_cli("index", "articles", "new", cwd=repo)
    assert again.returncode == 0, again.stderr
    assert len(stored(repo)) == 3


# --- a read-only store ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def indexed(tmp_path_factory, embedding_cache):
    """A newsroom with its store indexed and closed, and the JSON of one check against it."""
    repo = newsroom(tmp_path_factory.mktemp("indexed"), embedding_cache)
    index = run_cli("index", "articles", cwd=repo)
    assert index.returncode == 0, index.stderr
    check = run_cli("check", "new", "--format", "json", cwd=repo)
    assert check.returncode == 1, check.stderr
    return repo, without_timing(check.stdout)


def without_timing(text: str) -> dict:
    data = json.loads(text)
    data.pop("timing", None)
    return data


def read_only(how: str, folder: Path):
    if how == "read-only mount":
        return privileged(how, [["mount", "--bind", folder, folder], ["mount", "-o", "remount,ro,bind", folder]],
                          [["umount", folder], ["true"]])
    target = folder if how == "immutable folder" else folder / "store.sqlite3"
    return privileged(how, [["chattr", "+i", target]], [["chattr", "-i", target]])


@pytest.mark.parametrize("how", ["read-only mount", "immutable folder", "immutable file"])
def test_check_reads_a_read_only_store_and_index_says_it_is_read_only(tmp_path, indexed, how):
    repo = tmp_path / "repo"
    shutil.copytree(indexed[0], repo)
    folder = repo / ".claimcheck"
    files = {p.name: p.read_bytes() for p in folder.iterdir()}
    with read_only(how, folder):
        check = run_cli("check", "new", "--format", "json", cwd=repo)
        assert check.returncode == 1, check.stderr
        assert without_timing(check.stdout) == indexed[1]

        index = run_cli("index", "articles", cwd=repo)
        assert "is read-only" in one_line(index)
        assert {p.name: p.read_bytes() for p in folder.iterdir()} == files  # no -wal or -shm left beside it
