"""The files besides articles a user (or a pull request) points claimcheck at: config, facts, baseline.
Whatever is wrong with one (the wrong shape, nested thousands deep, a link to a device, too large) is one
line naming the file, exit code 2, before any article is analysed. Real subprocesses."""
from __future__ import annotations

import os

import pytest

from tests.conftest import error_line, run_cli

ARTICLE = "About 40 people were hurt when the roof of the Ostby market hall fell in on Monday.\n"


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "hall.txt").write_text(ARTICLE)
    return tmp_path


@pytest.mark.parametrize("text,says", [
    ("[tool]\nclaimcheck = 5\n", "[tool.claimcheck] must be a table, not 5"),
    ("tool = 5\n", "'tool' must be a table, not 5"),
    ("tool = [1, 2]\n", "'tool' must be a table, not [1, 2]"),
    ("[tool]\nclaimcheck = 'on'\n", "[tool.claimcheck] must be a table, not 'on'"),
])
def test_a_pyproject_whose_tool_or_claimcheck_is_not_a_table(folder, text, says):
    (folder / "pyproject.toml").write_text(text)
    error_line(run_cli("report", "hall.txt", "--out", "out", cwd=folder), str(folder / "pyproject.toml"), says)


def test_a_config_nested_thousands_deep(folder):
    (folder / "claimcheck.toml").write_text("include = " + "[" * 50_000 + "]" * 50_000 + "\n")
    error_line(run_cli("report", "hall.txt", "--out", "out", cwd=folder), "nested too deeply")


@pytest.mark.parametrize("key", ["cache_dir", "store"])
def test_a_folder_setting_that_names_a_file(folder, key):
    (folder / "notes.txt").write_text("not a folder\n")
    (folder / "claimcheck.toml").write_text(f'{key} = "notes.txt"\n')
    line = error_line(run_cli("report", "hall.txt", "--out", "out", cwd=folder), f"'{key}' must name a folder")
    assert str(folder / "notes.txt") in line
    assert (folder / "notes.txt").read_text() == "not a folder\n"


def test_a_config_linked_to_a_device_is_refused_not_read_or_ignored(folder):
    os.symlink("/dev/zero", folder / "claimcheck.toml")
    error_line(run_cli("report", "hall.txt", "--out", "out", cwd=folder), "not a regular file")


@pytest.mark.parametrize("how", ["named", "linked"])
def test_facts_from_dev_zero_are_refused_not_read_without_end(folder, how):
    facts = "/dev/zero"
    if how == "linked":
        os.symlink("/dev/zero", folder / "facts.yaml")
        facts = "facts.yaml"
    error_line(run_cli("report", "hall.txt", "--out", "out", "--facts", facts, "--no-cache", cwd=folder),
                        "facts file", "not a regular file")


def test_a_facts_file_over_the_size_limit_is_refused(folder):
    with open(folder / "facts.yaml", "wb") as f:
        f.write(b"offices:\n" + b"#" * (16 * 1024 * 1024))
    error_line(run_cli("report", "hall.txt", "--out", "out", "--facts", "facts.yaml", cwd=folder),
                        "larger than 16 MB, the most claimcheck reads of a facts file")


def test_a_facts_file_nested_thousands_deep(folder):
    (folder / "facts.yaml").write_text("offices:\n  " + "- " * 100_000 + "x\n")
    error_line(run_cli("report", "hall.txt", "--out", "out", "--facts", "facts.yaml", cwd=folder),
                        "facts file", "nested too deeply")


@pytest.mark.parametrize("text,says", [
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"claimcheck_baseline": 1, "findings": ' + "[" * 900 + "]" * 900 + "}", "findings[0] needs an 'id'"),
])
def test_a_baseline_nested_thousands_deep(folder, text, says):
    (folder / "baseline.json").write_text(text)
    done = run_cli("check", "hall.txt", "--against", folder, "--baseline", "baseline.json", cwd=folder)
    error_line(done, "baseline", says)


def test_a_baseline_linked_to_a_device_is_refused(folder):
    os.symlink("/dev/zero", folder / "baseline.json")
    done = run_cli("check", "hall.txt", "--against", folder, "--baseline", "baseline.json", cwd=folder)
    error_line(done, "baseline", "not a regular file")
