"""A store whose file opens as a sound SQLite database, with every table there, but with damaged pages inside
(a bad sector, a partial copy): found only when a check reads them, and then one line naming the file and what
to run, never SQLite's or sqlite-vec's own words alone, a traceback or a crash. Real store files, bytes
overwritten where the table's pages lie (SQLite's dbstat says where)."""
from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
import sqlean
import sqlite_vec

from claimcheck.errors import ClaimcheckError
from claimcheck.store import open_store
from tests.conftest import ROOT
from tests.store.test_sqlite_store import unit
from tests.store.test_store_robustness import FILE, filled

PAGE = 4096


def pages_of(path, table: str) -> list[int]:
    db = sqlean.connect(str(path))
    db.enable_load_extension(True)
    sqlite_vec.load(db)
    try:
        return [n for (n,) in db.execute("SELECT pageno FROM dbstat WHERE name = ? ORDER BY pageno", (table,))]
    finally:
        db.close()


def overwrite(path, pages: list[int], byte: bytes = b"\xa5") -> None:
    with open(path, "r+b") as f:
        for n in pages:
            f.seek((n - 1) * PAGE)
            f.write(byte * PAGE)


def use(folder):
    """What a check does with the store: its articles, their claims and vectors, the nearest stored texts."""
    store = open_store(folder)
    try:
        held = store.articles()
        store.load(sorted(a.id for a in held.values()))
        store.neighbours(np.stack([unit(s) for s in range(5)]), 10, 0.0)
    finally:
        store.close()


def one_line_about(exc: ClaimcheckError, path) -> None:
    message = str(exc)
    assert "\n" not in message
    assert message.startswith(f"store {path} is damaged (")
    assert "claimcheck index" in message


@pytest.mark.parametrize("table", ["vectors_vector_chunks00", "vectors_chunks", "claims", "articles"])
def test_a_damaged_page_found_mid_check_is_one_line_naming_the_store_and_what_to_run(tmp_path, table):
    folder = tmp_path / "store"
    filled(folder)
    path = folder / FILE
    pages = pages_of(path, table)
    assert pages, f"no pages of {table}"
    overwrite(path, pages[1:] or pages)  # the table's root page kept where it can be: the file still opens
    with pytest.raises(ClaimcheckError) as caught:
        use(folder)
    one_line_about(caught.value, path)
    assert "vectors blob read error" not in str(caught.value).split("(", 1)[0]  # no raw words leading the line


def test_zeroed_vector_pages_say_the_vector_index_is_damaged(tmp_path):
    folder = tmp_path / "store"
    filled(folder)
    path = folder / FILE
    overwrite(path, pages_of(path, "vectors_vector_chunks00")[1:], b"\x00")
    with pytest.raises(ClaimcheckError) as caught:
        use(folder)
    one_line_about(caught.value, path)
    assert "vector index cannot be read" in str(caught.value)


# Each of sqlite-vec's own tables, gone from the schema: before, a missing vectors_rowids crashed the process
# (SIGSEGV inside sqlite-vec) and the others gave sqlite-vec's words alone. Now the store is set aside on
# opening, as a store with one of claimcheck's own tables missing is. In a subprocess: a crash must fail the
# test, not end the test run.
SCRIPT = """
import sys
from pathlib import Path
from claimcheck.errors import ClaimcheckError
from claimcheck.store import open_store
try:
    open_store(Path(sys.argv[1]))
except ClaimcheckError as exc:
    print(exc)
"""


@pytest.mark.parametrize("table", ["vectors_rowids", "vectors_chunks", "vectors_info", "vectors_vector_chunks00"])
def test_a_vec0_table_missing_sets_the_store_aside_with_one_line(tmp_path, table):
    folder = tmp_path / "store"
    filled(folder)
    path = folder / FILE
    db = sqlean.connect(str(path), isolation_level=None)
    db.execute("PRAGMA writable_schema = ON")  # the table's schema row gone, as a damaged first page can leave
    db.execute("DELETE FROM sqlite_master WHERE name = ? OR tbl_name = ?", (table, table))
    db.close()
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(folder)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, (done.returncode, done.stderr)
    [line] = done.stdout.splitlines()
    assert line.startswith(f"store {path} is damaged (table {table} missing); moved it to ")
    assert "run `claimcheck index`" in line
    assert len(list(folder.glob(f"{FILE}.damaged-*"))) == 1
