"""File names that are not plain text: bytes that are not UTF-8, right-to-left overrides, control characters.

Each file is read; its name is shown one way everywhere (those characters as U+FFFD): in every report file,
on the terminal, in the store and in every check format. The name on disk is only used to read the bytes.
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
from pathlib import Path

from tests.conftest import run_cli

HARBOUR = ("The harbour master of Quellport, Ina Varro, said 40 fishing boats sank in the storm on Monday night. "
           "Crews worked through Tuesday to clear the wrecks from the inner basin.\n")
COAST = ("The harbour master of Quellport, Ina Varro, said 75 fishing boats sank in the storm on Monday night. "
         "The coastguard closed the inner basin until Thursday.\n")
LATIN1 = b"harbour-caf\xe9-\xff.txt"  # Latin-1 bytes: not UTF-8
SHOWN = "harbour-caf\ufffd-\ufffd.txt"
RLO = "coast-\u202etxt.md"  # reads as "coast-dm.txt" where the override is obeyed
RLO_SHOWN = "coast-\ufffdtxt.md"


def write_bytes_name(folder: Path, name: bytes, content: str) -> None:
    fd = os.open(os.fsencode(folder) + b"/" + name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        os.write(fd, content.encode("utf-8"))
    finally:
        os.close(fd)


def news(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    write_bytes_name(folder, LATIN1, HARBOUR)
    (folder / RLO).write_text(COAST, encoding="utf-8")
    write_bytes_name(folder, b"empty-\x1b[31m-\xfe.txt", "")  # an escape sequence and a stray byte; skipped
    return folder


def test_names_that_are_not_utf8_or_hold_bidi_controls_are_read_and_shown_alike_in_every_report(tmp_path, embedding_cache):
    folder = news(tmp_path)
    args = ("report", folder, "--format", "markdown", "--format", "html", "--cache-dir", embedding_cache)

    first = run_cli(*args, "--out", tmp_path / "first")
    again = run_cli(*args, "--out", tmp_path / "again")  # the kept report, read back

    for done in (first, again):
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        assert f"skipped {folder}/empty-\ufffd[31m-\ufffd.txt: empty file" in done.stderr
    data = json.loads((tmp_path / "first" / "report.json").read_text(encoding="utf-8"))
    assert [(Path(a["path"]).name, a["id"], a["source"]) for a in data["articles"]] == [
        (RLO_SHOWN, "coast-\ufffdtxt", "coast-\ufffdtxt"), (SHOWN, SHOWN[:-4], SHOWN[:-4])]
    [finding] = [f for f in data["findings"] if f["kind"] == "numeric"]
    assert sorted(Path(s["path"]).name for s in finding["statements"]) == [RLO_SHOWN, SHOWN]
    for out in ("first", "again"):
        for name in ("report.json", "report.md", "report.html"):
            text = (tmp_path / out / name).read_text(encoding="utf-8")  # valid UTF-8 throughout
            assert "\u202e" not in text and "\x1b" not in text, name
            shown = text if name != "report.json" else json.dumps(json.loads(text), ensure_ascii=False)
            assert SHOWN in shown and RLO_SHOWN in shown, name
    assert json.loads((tmp_path / "again" / "report.json").read_text())["findings"] == data["findings"]


def test_a_right_to_left_override_in_a_name_is_shown_in_the_report_files_as_on_the_terminal(tmp_path, embedding_cache):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / RLO).write_text(COAST, encoding="utf-8")
    (folder / "harbour.txt").write_text(HARBOUR, encoding="utf-8")

    done = run_cli("report", folder, "--format", "markdown", "--format", "html", "--out", tmp_path / "out",
                   "--cache-dir", embedding_cache)

    assert done.returncode == 0, done.stderr
    assert "(coast-\ufffdtxt)" in done.stdout  # the terminal summary
    for name in ("report.json", "report.md", "report.html"):
        text = (tmp_path / "out" / name).read_text(encoding="utf-8")
        text = json.dumps(json.loads(text), ensure_ascii=False) if name == "report.json" else text
        assert "\u202e" not in text and RLO_SHOWN in text and "coast-\ufffdtxt" in text, name


def test_such_names_are_stored_by_index_found_unchanged_renamed_and_dropped_and_shown_alike_by_check(tmp_path, embedding_cache):
    folder = news(tmp_path)
    (tmp_path / "claimcheck.toml").write_text(f'cache_dir = "{embedding_cache}"\n')

    first = run_cli("index", "news", cwd=tmp_path)
    again = run_cli("index", "news", cwd=tmp_path)

    assert first.returncode == 0 and again.returncode == 0, first.stderr + again.stderr
    assert "2 added, 0 re-indexed, 0 renamed, 0 dropped, 0 unchanged, 1 skipped" in first.stderr
    assert "0 added, 0 re-indexed, 0 renamed, 0 dropped, 2 unchanged, 1 skipped" in again.stderr
    db = sqlite3.connect(tmp_path / ".claimcheck" / "store.sqlite3")
    try:
        assert sorted(p for (p,) in db.execute("SELECT path FROM articles")) == [f"news/{RLO_SHOWN}", f"news/{SHOWN}"]
    finally:
        db.close()

    # The terminal, GitHub and Markdown checks show the name as the reports do.
    checked = {fmt: run_cli("check", os.fsdecode(b"news/" + LATIN1), "--format", fmt, "--exit-zero", cwd=tmp_path)
               for fmt in ("github", "markdown", "text", "json")}
    for fmt, done in checked.items():
        assert done.returncode == 0, done.stderr
        assert SHOWN in done.stdout and RLO_SHOWN in done.stdout, fmt
    assert f"::error file=news/{SHOWN},line=1," in checked["github"].stdout

    # Renamed to another undecodable name: re-pointed, not analysed again; deleted: dropped.
    os.rename(os.fsencode(folder) + b"/" + LATIN1, os.fsencode(folder) + b"/harbour-\xfe\xfe-moved.txt")
    moved = run_cli("index", "news", cwd=tmp_path)
    assert "0 added, 0 re-indexed, 1 renamed, 0 dropped, 1 unchanged" in moved.stderr, moved.stderr
    os.remove(os.fsencode(folder) + b"/harbour-\xfe\xfe-moved.txt")
    dropped = run_cli("index", "news", cwd=tmp_path)
    assert re.search(r"0 added, 0 re-indexed, 0 renamed, 1 dropped, 1 unchanged", dropped.stderr), dropped.stderr


def test_two_names_that_read_the_same_once_shown_are_not_taken_for_one_article(tmp_path):
    from claimcheck.ingest import read_articles

    write_bytes_name(tmp_path, b"harbour-\xff.txt", HARBOUR)
    write_bytes_name(tmp_path, b"harbour-\xfe.txt", COAST)
    articles, skipped = read_articles([str(tmp_path)])
    shown = f"{tmp_path}/harbour-\ufffd.txt"
    assert [a.path for a in articles] == [shown]
    assert [(s.path, s.reason) for s in skipped] == [(shown, "its name reads the same as another file's once characters "
                                                             "that cannot be shown are replaced by U+FFFD; rename one "
                                                             "of them to read both")]
