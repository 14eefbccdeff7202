"""Bad input files through the real command: each is named in `skipped` (and on stderr) with what is wrong,
and the run goes on with the rest."""
from __future__ import annotations

import json
import os
from pathlib import Path

from tests.conftest import FIXTURES, run_cli

FLOOD = FIXTURES / "flood-figure-conflict"
GERMAN = ("Die Stadt Lenfield wurde am Dienstag überflutet, nachdem der Fluss Dunmere über die Ufer getreten war. "
          "Rund 4.000 Menschen mussten ihre Häuser verlassen, ein Mann kam ums Leben.\n")


def report(out: Path) -> dict:
    return json.loads((out / "report.json").read_text())


def test_every_kind_of_bad_file_is_listed_and_the_good_ones_are_read(tmp_path, embedding_cache):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "river.txt").write_bytes((FLOOD / "river-news-agency.txt").read_bytes())
    (folder / "wide.txt").write_bytes(b"\xff\xfe" + (FLOOD / "valley-courier.txt").read_text().encode("utf-16-le"))
    (folder / "latin.txt").write_bytes((FLOOD / "westmarch-herald.txt").read_text().encode("latin-1"))  # its £
    cut = ((FLOOD / "ossery-today.txt").read_text() + "Reporting by Zoë\n").encode("utf-8")[:-2]
    (folder / "cut.txt").write_bytes(cut)  # ends inside the "ë"
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (folder / "dump.txt").write_bytes((FLOOD / "river-news-agency.txt").read_bytes() * 30_000)  # ~50 MB
    (folder / "german.txt").write_text(GERMAN, encoding="utf-8")
    (folder / "zz-copy.txt").write_bytes((FLOOD / "river-news-agency.txt").read_bytes())
    os.symlink("loop-b.txt", folder / "loop-a.txt")
    os.symlink("loop-a.txt", folder / "loop-b.txt")
    os.symlink(folder, folder / "again")  # a folder inside itself

    result = run_cli("report", folder, "--out", tmp_path / "out", "--cache-dir", embedding_cache)

    assert result.returncode == 0, result.stderr
    data = report(tmp_path / "out")
    assert [a["source"] for a in data["articles"]] == ["cut", "latin", "river", "wide"]
    size = (folder / "dump.txt").stat().st_size
    assert {Path(s["path"]).name: s["reason"] for s in data["skipped"]} == {
        "again": "directory loop: this folder links back to one that contains it",
        "dump.txt": f"article too long: {size:,} characters, over the limit of 2,000,000 "
                    f"(max_article_chars in the config raises it)",
        "empty.txt": "empty file",
        "german.txt": "written in German (de), not English: claimcheck's language model and extractors read English only",
        "image.txt": "binary file",
        "loop-a.txt": "symbolic link loop: following its links never reaches a file or folder",
        "loop-b.txt": "symbolic link loop: following its links never reaches a file or folder",
        "zz-copy.txt": f"duplicate of {folder / 'river.txt'}",
    }
    for s in data["skipped"]:  # the same line, path and reason, goes to the terminal
        assert f"skipped {s['path']}: {s['reason']}" in result.stderr
    # Read all the same, so a warning, not a skip.
    assert [(Path(w["path"]).name, w["message"]) for w in data["warnings"]] == [
        ("cut.txt", "its last 1 byte, an incomplete UTF-8 character (the file looks cut off); the rest was read")]
    assert f"warning: {data['warnings'][0]['path']}: {data['warnings'][0]['message']}" in result.stderr
    # The UTF-16 and Latin-1 files were read as text, not mojibake: their figures ("more than 1,400 homes",
    # "some 1,450 houses") still disagree with the agency's.
    homes = [f for f in data["findings"] if f["kind"] == "numeric"]
    assert [sorted(Path(s["path"]).name for s in f["statements"]) for f in homes] == [["latin.txt", "river.txt", "wide.txt"]]
    assert "Traceback" not in result.stderr


def test_a_copy_counts_once_and_never_agrees_with_itself(tmp_path, embedding_cache):
    # river-news-agency says about 600 homes flooded, valley-courier more than 1,400: one finding, one
    # source a side. Copies of river-news-agency (exact; with Windows line endings; as Markdown with blank
    # lines, double spaces and another source in its front matter) must not make it two, three or four
    # sources against one, nor agree with it.
    one = tmp_path / "a"
    one.mkdir()
    for name in ("river-news-agency.txt", "valley-courier.txt"):
        (one / name).write_bytes((FLOOD / name).read_bytes())
    copies = tmp_path / "b"
    copies.mkdir()
    river = (FLOOD / "river-news-agency.txt").read_text()
    (copies / "river-copy.txt").write_text(river)
    (copies / "river-crlf.txt").write_bytes(river.replace("\n", "\r\n").encode())
    (copies / "river-wire.md").write_text("---\nsource: Another Wire\n---\n\n" + river.replace("\n", "\n\n").replace(". ", ".  "))

    alone = run_cli("report", one, "--out", tmp_path / "alone", "--cache-dir", embedding_cache)
    doubled = run_cli("report", one, copies, "--out", tmp_path / "doubled", "--cache-dir", embedding_cache)

    assert alone.returncode == 0 and doubled.returncode == 0, alone.stderr + doubled.stderr
    first = str(one / "river-news-agency.txt")
    assert [(Path(s["path"]).name, s["reason"]) for s in report(tmp_path / "doubled")["skipped"]] == [
        ("river-copy.txt", f"duplicate of {first}"),
        ("river-crlf.txt", f"duplicate of {first} (the same text; only whitespace, markup or metadata differ)"),
        ("river-wire.md", f"duplicate of {first} (the same text; only whitespace, markup or metadata differ)"),
    ]
    numeric = [f for f in report(tmp_path / "doubled")["findings"] if f["kind"] == "numeric"]
    assert numeric, "the flood figures still disagree"
    for finding in numeric:
        sides = [Path(s["path"]).name for s in finding["statements"]]
        assert sorted(set(sides)) == ["river-news-agency.txt", "valley-courier.txt"]
    # Everything the report says (findings, shared claims, counts) is what it says without the copies (the
    # report id differs with `skipped`, as every file that lists it does).
    strip = lambda data: {k: v for k, v in data.items() if k not in ("timing", "skipped", "report_id")}
    assert strip(report(tmp_path / "doubled")) == strip(report(tmp_path / "alone"))


def test_the_article_length_limit_comes_from_the_config(tmp_path, embedding_cache):
    folder = tmp_path / "news"
    folder.mkdir()
    for f in sorted((FIXTURES / "flood-figure-conflict").glob("*.txt")):
        (folder / f.name).write_bytes(f.read_bytes())
    (tmp_path / "claimcheck.toml").write_text("max_article_chars = 1000\n")
    done = run_cli("report", "news", "--out", "out", "--cache-dir", embedding_cache, cwd=tmp_path)
    assert done.returncode == 2  # every article is over the limit: nothing left to read
    assert "over the limit of 1,000 (max_article_chars in the config raises it)" in done.stderr
