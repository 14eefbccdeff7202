"""The store is a folder (holding store.sqlite3). A file named instead, by `store =` in claimcheck.toml or by
`--store`, or a folder that would have to be made inside a file, is one line and exit 2 for every command
that takes a store, before any work; the file is left as it was. (`index` used to crash in mkdir on the
config key, and `--store` printed click's usage, three lines.)"""
from __future__ import annotations

import pytest

from tests.conftest import run_cli

ARTICLE = "The Ketterby leisure centre reopened on Monday, the county council said.\n"
COMMANDS = {
    "index": ["index", "new.txt"],
    "check": ["check", "new.txt"],
    "baseline --store": ["baseline", "new.txt", "--write", "baseline.json"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("named_by", ["config", "flag", "flag, a folder inside the file"])
def test_a_store_that_names_a_file_is_one_line_and_exit_2(tmp_path, command, named_by):
    (tmp_path / "new.txt").write_text(ARTICLE)
    notes = tmp_path / "notes.txt"
    notes.write_text("not a store\n")
    args = list(COMMANDS[command])
    if named_by == "config":
        (tmp_path / "claimcheck.toml").write_text('store = "notes.txt"\n')
        if command == "baseline --store":
            args += ["--store", "notes.txt"]  # baseline reads a store only when given --store
    else:
        args += ["--store", "notes.txt" if named_by == "flag" else "notes.txt/store"]
    run = run_cli(*args, cwd=tmp_path)
    assert run.returncode == 2, run.stderr
    [line] = run.stderr.splitlines()
    assert line.startswith("claimcheck: error: ") and "notes.txt" in line
    assert notes.read_text() == "not a store\n" and not (tmp_path / "baseline.json").exists()
