"""Finding files: folders, explicit paths, bad paths, and reading each file once."""
from __future__ import annotations

import os

import pytest

from claimcheck.ingest import read_articles
from claimcheck.ingest.discover import MAX_BYTES
from claimcheck.records import Skipped

from .helpers import write

STORY = "The ferry to Lund Island resumed service on Friday after a week of storms.\n"


def test_folder_is_expanded_recursively_in_sorted_order(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "news/b.txt", "Second story about the ferry.\n")
    write(tmp_path / "news/a.md", "First story about the ferry.\n")
    write(tmp_path / "news/deep/c.html", "<html><body><article><p>" + "Third story about the ferry. " * 5 + "</p></article></body></html>")
    write(tmp_path / "news/deep/notes.pdf", b"%PDF-1.4 not an article")  # ignored silently inside a folder
    write(tmp_path / "news/.hidden.txt", "Editor scratch file.\n")  # hidden: never an article

    articles, skipped = read_articles(["news"])

    assert [a.path for a in articles] == [
        os.path.join("news", "a.md"),
        os.path.join("news", "b.txt"),
        os.path.join("news", "deep", "c.html"),
    ]
    assert [a.id for a in articles] == ["a", "b", "c"]
    assert skipped == ()


def test_result_does_not_depend_on_argument_order(tmp_path):
    a = write(tmp_path / "a.txt", "Alpha reported the ferry resumed.\n")
    b = write(tmp_path / "b.txt", "Beta reported the ferry resumed.\n")
    assert read_articles([str(b), str(a)]) == read_articles([str(a), str(b)])


def test_explicit_unsupported_file_is_skipped_with_a_reason(tmp_path):
    pdf = write(tmp_path / "report.pdf", b"%PDF-1.4")
    articles, skipped = read_articles([str(pdf)])
    assert articles == ()
    assert len(skipped) == 1 and skipped[0].path == str(pdf)
    assert "unsupported file type .pdf" in skipped[0].reason


def test_missing_path_is_skipped(tmp_path):
    missing = str(tmp_path / "nowhere.txt")
    assert read_articles([missing]) == ((), (Skipped(missing, "no such file or directory"),))


def test_same_file_given_twice_is_read_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "news/story.txt", STORY)
    articles, skipped = read_articles(["news/story.txt", "news", "./news/story.txt"])
    assert len(articles) == 1 and skipped == ()
    assert articles[0].path == "./news/story.txt"  # the first name in sorted order wins


def test_identical_content_under_another_name_is_skipped_as_duplicate(tmp_path):
    first = write(tmp_path / "a_copy.txt", STORY)
    second = write(tmp_path / "b_copy.txt", STORY)
    articles, skipped = read_articles([str(second), str(first)])
    assert [a.path for a in articles] == [str(first)]
    assert [(s.path, s.reason) for s in skipped] == [(str(second), f"duplicate of {first}")]


def test_same_stem_in_two_folders_gets_distinct_ids(tmp_path):
    write(tmp_path / "one/story.txt", "The first outlet says the ferry resumed.\n")
    write(tmp_path / "two/story.txt", "The second outlet says the ferry resumed.\n")
    articles, _ = read_articles([str(tmp_path)])
    assert [a.id for a in articles] == ["story", "story~2"]
    assert all(a.source.startswith("story") for a in articles)


def test_directory_loop_is_reported_not_followed_forever(tmp_path):
    write(tmp_path / "news/story.txt", STORY)
    os.symlink(tmp_path / "news", tmp_path / "news/again")
    articles, skipped = read_articles([str(tmp_path / "news")])
    assert len(articles) == 1
    assert [s.path for s in skipped] == [str(tmp_path / "news/again")]
    assert "directory loop" in skipped[0].reason


def test_unreadable_file_is_skipped(tmp_path, monkeypatch):
    story = write(tmp_path / "locked.txt", STORY)

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    # Root can read any file, so the refusal is simulated where the module opens files.
    monkeypatch.setattr("claimcheck.ingest.discover.open", denied, raising=False)
    assert read_articles([str(story)])[1][0].reason == "permission denied: cannot read this file"


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_permission_denied_on_a_real_file(tmp_path):
    story = write(tmp_path / "locked.txt", STORY)
    story.chmod(0)
    assert read_articles([str(story)])[1][0].reason == "permission denied: cannot read this file"


def test_include_and_exclude_globs_choose_files_and_say_so(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "news/story.md", STORY)
    write(tmp_path / "news/drafts/idea.md", STORY.replace("Friday", "Monday"))
    write(tmp_path / "news/notes.txt", STORY.replace("Friday", "Sunday"))
    articles, skipped = read_articles(["news"], include=["*.md"], exclude=["*/drafts/*"])
    assert [a.path for a in articles] == [os.path.join("news", "story.md")]
    assert sorted(skipped, key=lambda s: s.path) == [
        Skipped(os.path.join("news", "drafts", "idea.md"), "excluded by the config glob '*/drafts/*'"),
        Skipped(os.path.join("news", "notes.txt"), "matches no include glob ('*.md')"),
    ]


def test_a_file_link_loop_is_reported_whether_found_in_a_folder_or_named(tmp_path):
    write(tmp_path / "news/story.txt", STORY)
    os.symlink("b.txt", tmp_path / "news/a.txt")  # a.txt -> b.txt -> a.txt: never reaches a file
    os.symlink("a.txt", tmp_path / "news/b.txt")

    articles, skipped = read_articles([str(tmp_path / "news"), str(tmp_path / "news/a.txt")])

    assert [a.id for a in articles] == ["story"]
    loop = "symbolic link loop: following its links never reaches a file or folder"
    assert skipped == (  # a.txt is named and found in the folder, and listed once
        Skipped(str(tmp_path / "news/a.txt"), loop),
        Skipped(str(tmp_path / "news/b.txt"), loop),
    )


def test_folders_linking_to_each_other_are_walked_once_each(tmp_path):
    # Seven folders each linking to the six others: following every link would visit each folder by
    # thousands of paths (it grows factorially), so each real folder is walked once, by its shortest name.
    names = [f"desk{i}" for i in range(7)]
    for name in names:
        write(tmp_path / name / f"{name}.txt", f"The {name} reported the ferry to Lund Island resumed.\n")
    for name in names:
        for other in names:
            if other != name:
                os.symlink(tmp_path / other, tmp_path / name / f"to-{other}")

    articles, skipped = read_articles([str(tmp_path)])

    assert [a.path for a in articles] == [str(tmp_path / name / f"{name}.txt") for name in names]
    assert skipped == ()


def test_a_folder_that_cannot_be_listed_is_skipped_and_the_rest_read(tmp_path, monkeypatch):
    write(tmp_path / "news/story.txt", STORY)
    write(tmp_path / "news/locked/other.txt", "Another outlet says the ferry resumed on Friday.\n")
    real_scandir = os.scandir

    def scandir(path):
        if os.path.basename(path) == "locked":  # root may list any folder, so the refusal is simulated
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr("claimcheck.ingest.discover.os.scandir", scandir)
    articles, skipped = read_articles([str(tmp_path / "news")])
    assert [a.id for a in articles] == ["story"]
    assert skipped == (Skipped(os.path.join(str(tmp_path / "news"), "locked"), "permission denied: cannot list this folder"),)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    huge = tmp_path / "dump.txt"
    with open(huge, "wb") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: no disk or memory spent, and never read
    assert read_articles([str(huge)]) == ((), (Skipped(
        str(huge), "file too large: 52,428,801 bytes, over the limit of 52,428,800 bytes (50 MB) for one input file"),))
