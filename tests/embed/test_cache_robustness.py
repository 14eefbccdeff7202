"""The embedding cache when things go wrong: a damaged file is set aside (never deleted) and a new cache
started, a run killed mid-write leaves the cache as of its last commit, and two processes write at once.
Real SQLite files; the kill is a real SIGKILL of a real process."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np
import pytest

from claimcheck.embed.cache import EmbeddingCache, set_aside
from tests.conftest import ROOT

MODEL = "test-model@1"
FILE = "embeddings-v1.sqlite3"


def vectors(prefix: str, n: int, dim: int = 384) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(zlib.crc32(prefix.encode()))
    return {f"{prefix}{i}": rng.normal(size=dim).astype(np.float32) for i in range(n)}


def filled(folder: Path, n: int = 2000) -> dict[str, np.ndarray]:
    """A cache file holding n vectors, closed (so all of it is in the main file)."""
    held = vectors("held-", n)
    cache = EmbeddingCache(folder)
    cache.put_many(MODEL, held)
    cache.close()
    return held


def other_program_db(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE vectors (id INTEGER PRIMARY KEY, embedding BLOB)")  # same name, other columns
    db.execute("INSERT INTO vectors (embedding) VALUES (x'00')")
    db.commit()
    db.close()


def damaged_files(tmp_path: Path):
    """(what, bytes of a damaged cache file) for each kind of damage."""
    good = tmp_path / "good"
    filled(good)
    data = (good / FILE).read_bytes()
    wrong = tmp_path / "wrong.sqlite3"
    other_program_db(wrong)
    return {"random bytes": os.urandom(len(data)), "truncated": data[: len(data) // 2],
            "another schema": wrong.read_bytes()}


@pytest.mark.parametrize("what", ["random bytes", "truncated", "another schema"])
def test_a_damaged_cache_file_is_set_aside_with_a_warning_and_a_new_one_started(tmp_path, capsys, what):
    content = damaged_files(tmp_path)[what]
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / FILE).write_bytes(content)

    cache = EmbeddingCache(folder)
    fresh = vectors("new-", 3)
    cache.put_many(MODEL, fresh)
    assert set(cache.get_many(MODEL, list(fresh))) == set(fresh)
    cache.close()

    aside = [p for p in folder.iterdir() if p.name.startswith(f"{FILE}.damaged-")]
    assert len(aside) == 1 and aside[0].read_bytes() == content  # kept as it was: nothing is lost
    warning = capsys.readouterr().err
    assert f"embedding cache {folder / FILE} is damaged" in warning and str(aside[0]) in warning


def test_an_empty_file_is_an_empty_cache(tmp_path, capsys):
    """What a run killed between creating the file and its first commit leaves: nothing to lose, nothing to say."""
    (tmp_path / FILE).write_bytes(b"")
    cache = EmbeddingCache(tmp_path)
    cache.put_many(MODEL, vectors("a", 2))
    assert len(cache.get_many(MODEL, ["a0", "a1"])) == 2
    cache.close()
    assert capsys.readouterr().err == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == [FILE]


def test_a_damaged_page_found_while_reading_counts_as_a_miss_and_the_file_is_set_aside(tmp_path, capsys):
    held = filled(tmp_path)
    path = tmp_path / FILE
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 200_000] = os.urandom(200_000)  # the header and schema still read fine
    path.write_bytes(bytes(data))

    cache = EmbeddingCache(tmp_path)  # opens: the damage is further in
    assert cache.get_many(MODEL, list(held)) == {}  # every vector is computed again
    cache.put_many(MODEL, vectors("new-", 2))
    assert len(cache.get_many(MODEL, ["new-0", "new-1"])) == 2
    cache.close()
    assert "is damaged (database disk image is malformed)" in capsys.readouterr().err
    assert len(list(tmp_path.glob(f"{FILE}.damaged-*"))) == 1


KILL_MID_WRITE = """
import os, signal, sys
import numpy as np
from pathlib import Path
from claimcheck.embed.cache import EmbeddingCache

cache = EmbeddingCache(Path(sys.argv[1]))
rng = np.random.default_rng(0)
cache.put_many("test-model@1", {f"committed-{i}": rng.normal(size=384).astype(np.float32) for i in range(50)})
db = cache._db
db.execute("PRAGMA cache_size = 10")  # a tiny page cache: the open transaction spills pages into the WAL
db.execute("BEGIN")
db.executemany("INSERT INTO vectors VALUES ('test-model@1', ?, 384, ?)",
               [(f"uncommitted-{i}", rng.normal(size=384).astype(np.float32).tobytes()) for i in range(3000)])
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_run_killed_mid_write_leaves_the_cache_as_of_its_last_commit(tmp_path):
    killed = subprocess.run([sys.executable, "-c", KILL_MID_WRITE, str(tmp_path)], cwd=ROOT, capture_output=True,
                            timeout=120)
    assert killed.returncode == -9, killed.stderr
    assert (tmp_path / f"{FILE}-wal").stat().st_size > 100_000  # the half-done transaction did reach the disk

    cache = EmbeddingCache(tmp_path)
    assert len(cache.get_many(MODEL, [f"committed-{i}" for i in range(50)])) == 50
    assert cache.get_many(MODEL, [f"uncommitted-{i}" for i in range(3000)]) == {}
    assert cache._db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    cache.put_many(MODEL, vectors("after-", 2))
    cache.close()
    assert not list(tmp_path.glob("*.damaged-*"))


WRITER = """
import sys
import numpy as np
from pathlib import Path
from claimcheck.embed.cache import EmbeddingCache

folder, name = Path(sys.argv[1]), sys.argv[2]
for batch in range(40):
    cache = EmbeddingCache(folder)  # opened again and again: creating the file and WAL recovery race too
    rng = np.random.default_rng(batch)
    shared = {f"shared-{batch}-{i}": rng.normal(size=384).astype(np.float32) for i in range(20)}
    own = {f"{name}-{batch}-{i}": rng.normal(size=384).astype(np.float32) for i in range(20)}
    cache.put_many("test-model@1", {**shared, **own})
    assert len(cache.get_many("test-model@1", list(shared) + list(own))) == 40
    cache.close()
"""


def test_two_processes_writing_one_new_cache_at_once_both_finish_and_lose_nothing(tmp_path):
    runs = [subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), name], cwd=ROOT, stderr=subprocess.PIPE,
                             text=True) for name in ("first", "second")]
    errors = [run.communicate(timeout=300)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], errors  # no "database is locked"
    cache = EmbeddingCache(tmp_path)
    keys = [f"{who}-{b}-{i}" for who in ("shared", "first", "second") for b in range(40) for i in range(20)]
    assert len(cache.get_many(MODEL, keys)) == len(keys)
    cache.close()


def test_set_aside_never_overwrites_and_takes_the_wal_along(tmp_path):
    path = tmp_path / FILE
    for n in range(2):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").write_text(f"damaged {n}{suffix}")
        assert set_aside(path) is not None
    assert not any(Path(f"{path}{suffix}").exists() for suffix in ("", "-wal", "-shm"))
    kept = sorted(p.read_text() for p in tmp_path.iterdir())
    assert kept == sorted(f"damaged {n}{suffix}" for n in range(2) for suffix in ("", "-wal", "-shm"))


def test_set_aside_leaves_a_file_another_run_has_already_put_in_its_place(tmp_path):
    """Two runs find the same damaged file; the first sets it aside and starts a new cache. The second
    must not set that new cache aside too."""
    path = tmp_path / FILE
    path.write_text("damaged")
    damaged_inode = path.stat().st_ino
    assert set_aside(path, damaged_inode) is not None  # the first run
    path.write_text("the new cache")
    assert set_aside(path, damaged_inode) is None  # the second run
    assert path.read_text() == "the new cache"
    assert set_aside(tmp_path / "gone.sqlite3") is None


def test_a_partial_onnx_export_of_a_killed_run_is_removed_and_a_running_one_left(tmp_path):
    """An export is built in a partial folder and renamed into place; a run killed meanwhile leaves its
    partial folder (about 100 MB) behind, which the next export removes at once when its process is gone."""
    from claimcheck.embed.onnx_backend import _owner, _remove_stale_partials

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    host = _owner().rsplit("-", 1)[0]
    folder = tmp_path / "onnx" / "slug"
    killed = tmp_path / "onnx" / f".slug.partial-{host}-{gone.stdout.strip()}-x1"
    running = tmp_path / "onnx" / f".slug.partial-{_owner()}-x2"  # this process: alive
    for partial in (killed, running):
        partial.mkdir(parents=True)
        (partial / "model.fp32.onnx").write_bytes(b"half a model")
    _remove_stale_partials(folder)
    assert not killed.exists() and running.exists()


def test_a_lock_met_while_opening_is_waited_out(tmp_path, monkeypatch):
    import sqlite3

    from claimcheck.embed.cache import EmbeddingCache

    real = EmbeddingCache._connect_once
    calls = []

    def busy_twice(self):
        calls.append(1)
        if len(calls) <= 2:  # what SQLite says at once when another run switches the new file to WAL
            raise sqlite3.OperationalError("database is locked")
        return real(self)

    monkeypatch.setattr(EmbeddingCache, "_connect_once", busy_twice)
    cache = EmbeddingCache(tmp_path / "cache")
    try:
        cache.put_many("test-model@1", {"a": np.ones(384, dtype=np.float32)})
        assert len(calls) == 3 and list(cache.get_many("test-model@1", ["a"])) == ["a"]
    finally:
        cache.close()
