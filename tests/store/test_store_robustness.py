"""The corpus store when things go wrong: damaged files, runs killed mid-write, readers and writers at once.

The store is the user's index of a corpus and cannot be rebuilt without the articles, so a damaged file is
renamed aside (never deleted): `check` stops and says to run `index`; `index` starts a new store and says
to index every folder again. Real SQLite files; kills are real SIGKILLs of real processes."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import numpy as np
import pytest

from claimcheck.errors import ClaimcheckError
from claimcheck.store import open_store
from tests.conftest import ROOT
from tests.store.test_sqlite_store import add, article, unit

FILE = "store.sqlite3"


def filled(folder):
    """A store of three articles, closed (so everything is in the main file)."""
    store = open_store(folder, create=True)
    for n, name in enumerate(("herald", "courier", "gazette")):
        add(store, article(name), [f"{name} sentence {i}." for i in range(40)], [n * 100 + i for i in range(40)])
    store.close()


def edited(folder, sql: str):
    filled(folder)
    db = sqlite3.connect(folder / FILE)
    db.execute(sql)
    db.commit()
    db.close()


def damage(kind: str, folder):
    """Leave a damaged store file of this kind in `folder`."""
    folder.mkdir(parents=True)
    path = folder / FILE
    if kind == "random bytes":
        path.write_bytes(os.urandom(200_000))
    elif kind == "truncated":
        filled(folder)
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif kind == "table missing":
        edited(folder, "DROP TABLE claim_keys")
    elif kind == "other columns":
        edited(folder, "ALTER TABLE articles DROP COLUMN indexed_at")
    elif kind == "no schema version":
        edited(folder, "DELETE FROM meta WHERE key = 'schema_version'")
    return path.read_bytes()


KINDS = ["random bytes", "truncated", "table missing", "other columns", "no schema version"]


def aside(folder):
    return sorted(folder.glob(f"{FILE}.damaged-*"))


@pytest.mark.parametrize("kind", KINDS)
def test_check_on_a_damaged_store_sets_it_aside_and_says_to_index_again(tmp_path, kind):
    folder = tmp_path / ".claimcheck"
    before = damage(kind, folder)
    with pytest.raises(ClaimcheckError) as raised:
        open_store(folder)
    message = str(raised.value)
    assert f"store {folder / FILE} is damaged" in message and "run `claimcheck index`" in message
    [kept] = aside(folder)
    assert str(kept) in message and kept.read_bytes() == before  # moved, byte for byte: nothing is lost
    with pytest.raises(ClaimcheckError, match="no corpus store"):  # the next check says the same plainly
        open_store(folder)


@pytest.mark.parametrize("kind", KINDS)
def test_index_on_a_damaged_store_sets_it_aside_and_starts_a_new_one(tmp_path, capsys, kind):
    folder = tmp_path / ".claimcheck"
    before = damage(kind, folder)
    store = open_store(folder, create=True)
    warning = capsys.readouterr().err
    assert f"corpus store {folder / FILE} is damaged" in warning and "index every article folder again" in warning
    assert store.counts()["articles"] == 0
    add(store, article("herald"), ["A."], [1])
    store.close()
    assert sorted(open_store(folder).articles()) == ["news/herald.md"]
    [kept] = aside(folder)
    assert str(kept) in warning and kept.read_bytes() == before


def test_a_sqlite_file_of_another_program_is_refused_and_left_alone(tmp_path):
    folder = tmp_path / "other"
    folder.mkdir()
    db = sqlite3.connect(folder / FILE)
    db.execute("CREATE TABLE notes (x)")
    db.commit()
    db.close()
    before = (folder / FILE).read_bytes()
    for create in (False, True):
        with pytest.raises(ClaimcheckError, match="not a claimcheck store"):
            open_store(folder, create=create)
    assert (folder / FILE).read_bytes() == before and not aside(folder)


def test_an_empty_file_is_a_store_not_made_yet(tmp_path, capsys):
    """What a run killed while creating the store leaves: check says there is nothing to check against,
    index makes the store in it. Nothing was in it, so nothing is set aside."""
    folder = tmp_path / ".claimcheck"
    folder.mkdir()
    (folder / FILE).write_bytes(b"")
    with pytest.raises(ClaimcheckError, match="holds nothing yet .* run `claimcheck index` first"):
        open_store(folder)
    store = open_store(folder, create=True)
    add(store, article("herald"), ["A."], [1])
    store.close()
    assert capsys.readouterr().err == "" and not aside(folder)
    assert sorted(open_store(folder).articles()) == ["news/herald.md"]


KILL = """
import os, signal, sys
from pathlib import Path
from claimcheck.store import sqlite
from tests.store.test_sqlite_store import add, article, claim, unit

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

folder, point = Path(sys.argv[1]), sys.argv[2]
if point == "creating":
    sqlite.SqliteStore._check_tables = die  # the schema is made, not yet committed
    sqlite.SqliteStore(folder, create=True)
store = sqlite.SqliteStore(folder, create=True)
add(store, article("herald"), ["Herald one.", "Herald two."], [1, 2])  # committed
real, calls = sqlite.SqliteStore._add_one, []
def add_one(*args):
    calls.append(1)
    if len(calls) == 3:  # two articles written in the open transaction, the third under way
        die()
    return real(*args)
sqlite.SqliteStore._add_one = add_one
store.add_articles([(article(name), [claim(name, 0, f"{name} said.")], unit(n)[None], None)
                    for n, name in enumerate(("a", "b", "c"))], "test-model@1", 0.45)
"""


def kill(folder, point):
    done = subprocess.run([sys.executable, "-c", KILL, str(folder), point], cwd=ROOT, capture_output=True, timeout=120)
    assert done.returncode == -9, done.stderr


def test_a_store_killed_while_being_created_is_not_mistaken_for_an_empty_corpus(tmp_path):
    folder = tmp_path / ".claimcheck"
    kill(folder, "creating")
    assert (folder / FILE).exists()
    with pytest.raises(ClaimcheckError, match="holds nothing yet"):
        open_store(folder)
    store = open_store(folder, create=True)
    add(store, article("herald"), ["A."], [1])
    assert store.counts()["articles"] == 1


def test_an_index_killed_mid_transaction_leaves_the_store_as_of_its_last_commit(tmp_path):
    folder = tmp_path / ".claimcheck"
    kill(folder, "adding")
    assert (folder / f"{FILE}-wal").exists()  # killed: no clean close folded the log back in
    store = open_store(folder)
    assert sorted(store.articles()) == ["news/herald.md"]  # not a, not b
    assert store._db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    store.close()
    store = open_store(folder, create=True)
    assert add(store, article("a"), ["A."], [3]) == [("news/a.md", "added")]
    assert (store.counts()["articles"], store.counts()["claims"]) == (2, 3)
    assert not aside(folder)


def test_a_reader_sees_one_snapshot_while_an_index_replaces_an_article(tmp_path):
    """check asks the store several questions over seconds; an index committing meanwhile must not leave it
    holding claims whose vectors have gone."""
    folder = tmp_path / ".claimcheck"
    writer = open_store(folder, create=True)
    add(writer, article("herald"), ["The bridge closed.", "Ten homes flooded."], [1, 2])
    reader = open_store(folder)
    hits = reader.neighbours(unit(2)[None], k=1, min_similarity=0.9)[0]
    add(writer, article("herald", "edited"), ["The bridge reopened."], [3])  # replaced: old claims and vectors go
    assert writer.counts()["claims"] == 1
    loaded = reader.load([], [h.claim for h in hits])
    assert [c.sentence.text for c in loaded.claims] == ["Ten homes flooded."]
    assert np.allclose(loaded.vectors[0], unit(2))
    reader.close()
    later = open_store(folder)
    assert [c.sentence.text for c in later.load(["herald"]).claims] == ["The bridge reopened."]


def test_a_reader_opens_while_an_index_holds_the_write_lock(tmp_path, monkeypatch):
    from claimcheck.store import sqlite

    folder = tmp_path / ".claimcheck"
    writer = open_store(folder, create=True)
    add(writer, article("herald"), ["A."], [1])
    writer._db.execute("BEGIN IMMEDIATE")  # an index in the middle of a batch
    monkeypatch.setattr(sqlite, "BUSY_TIMEOUT_S", 1)  # were it to wait for the lock, it would fail, not hang
    reader = open_store(folder)
    assert sorted(reader.articles()) == ["news/herald.md"]
    writer._db.execute("COMMIT")


ADDER = """
import sys
from pathlib import Path
from claimcheck.store import open_store
from tests.store.test_sqlite_store import add, article

names = [f"article-{i}" for i in range(30)]
if sys.argv[2] == "backwards":
    names.reverse()
for name in names:
    store = open_store(Path(sys.argv[1]), create=True)
    [(path, outcome)] = add(store, article(name), [f"{name} says one thing.", "Both say this."], [len(name), 7])
    print(outcome.replace(" ", "-"))
    store.close()
"""


def test_two_processes_adding_to_one_store_at_once_hold_each_article_once(tmp_path):
    folder = tmp_path / ".claimcheck"
    runs = [subprocess.Popen([sys.executable, "-c", ADDER, str(folder), order], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for order in ("forwards", "backwards")]
    outs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err for _, err in outs]
    outcomes = [line for out, _ in outs for line in out.split()]
    assert sorted(set(outcomes)) == ["added", "already-indexed"]
    assert outcomes.count("added") == 30 and len(outcomes) == 60
    store = open_store(folder)
    assert len(store.articles()) == 30
    assert store.counts()["claims"] == 60
