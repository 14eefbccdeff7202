"""What a file needed to be read goes to `warnings`, apart from `skipped`: the file is an article all the same."""
from __future__ import annotations

from claimcheck.ingest import read_articles, read_inputs
from claimcheck.records import ReadWarning

from .helpers import write

STORY = "The harbour board met on Monday and voted to close the old pier for repairs.\n"


def test_stray_windows_1252_bytes_are_a_warning_not_a_skip(tmp_path):
    head = (STORY + "Zoë and Renée said ").encode("utf-8")  # UTF-8, with a word pasted from Windows-1252
    path = write(tmp_path / "cafe.txt", head + "the caf\xe9 stayed open.\n".encode("cp1252"))
    reading = read_inputs([str(path)])
    assert [a.text.splitlines()[-1] for a in reading.articles] == ["Zoë and Renée said the café stayed open."]
    assert reading.skipped == ()
    assert reading.warnings == (ReadWarning(str(path), f"not UTF-8 in 1 place (the first at byte {len(head) + 7}): "
                                                       f"those bytes were read as Windows-1252, the rest as UTF-8"),)
    assert read_articles([str(path)]) == (reading.articles, ())  # the two-part form leaves warnings out


def test_further_front_matter_blocks_are_left_out_of_the_text_each_with_a_warning(tmp_path):
    md = write(tmp_path / "pier.md", f"---\ntitle: Pier\n---\n---\nslug: pier\n---\n---\ndesk: city\n---\n{STORY}")
    reading = read_inputs([str(md)])
    [article] = reading.articles
    assert [b.text for b in article.blocks] == [STORY.strip()]
    assert article.title == "Pier"
    assert [w.message for w in reading.warnings] == [
        "a second front-matter block (line 4) was left out of the article text; only the first block's metadata is used",
        "a second front-matter block (line 7) was left out of the article text; only the first block's metadata is used"]


def test_a_rule_then_prose_is_not_front_matter(tmp_path):
    md = write(tmp_path / "rule.md", f"---\ntitle: Pier\n---\n---\n{STORY}---\nMore text follows here today.\n")
    reading = read_inputs([str(md)])
    assert reading.warnings == ()
    assert STORY.strip() in " ".join(b.text for b in reading.articles[0].blocks)


def test_warnings_are_sorted_and_the_same_in_any_order(tmp_path):
    a = write(tmp_path / "a.txt", (STORY + "Zoë").encode("utf-8")[:-1])
    b = write(tmp_path / "b.txt", (STORY.replace("Monday", "Tuesday") + "Zoë").encode("utf-8")[:-1])
    assert read_inputs([str(b), str(a)]) == read_inputs([str(a), str(b)])
    assert [w.path for w in read_inputs([str(b), str(a)]).warnings] == [str(a), str(b)]
