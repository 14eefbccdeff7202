"""Ten thousand small files: every one found, read and given its own id, duplicates among them caught."""
from __future__ import annotations

import os

from claimcheck.ingest import read_articles
from claimcheck.records import Skipped


def test_ten_thousand_small_files_in_a_folder_are_all_read(tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    for n in range(10_000):
        text = f"The ferry to Lund Island carried {n} passengers on Friday after a week of storms.\n"
        if n and n % 1000 == 0:
            text = (news / "story-00000.txt").read_text()  # nine copies of the first story
        (news / f"story-{n:05d}.txt").write_text(text)

    articles, skipped = read_articles([str(news)])

    assert len(articles) == 9_991
    assert [a.id for a in articles[:3]] == ["story-00000", "story-00001", "story-00002"]
    assert len({a.id for a in articles}) == len(articles)
    first = os.path.join(str(news), "story-00000.txt")
    assert skipped == tuple(Skipped(os.path.join(str(news), f"story-{n:05d}.txt"), f"duplicate of {first}")
                            for n in range(1000, 10_000, 1000))


def test_two_thousand_files_of_one_name_get_numbered_ids(tmp_path):
    # index.txt in each of 2,000 folders (a scraped site): ids index, index~2, ... index~2000, in path order.
    for n in range(2_000):
        folder = tmp_path / f"page-{n:04d}"
        folder.mkdir()
        (folder / "index.txt").write_text(f"Page {n} says the ferry to Lund Island resumed on Friday.\n")
    articles, skipped = read_articles([str(tmp_path)])
    assert skipped == ()
    assert [a.id for a in articles] == ["index"] + [f"index~{n}" for n in range(2, 2_001)]
    assert articles[-1].path == str(tmp_path / "page-1999" / "index.txt")
