"""A small newsroom for the CLI tests of the store, all invented: two articles about a flood at Ketterby
that agree (About 2,300 residents moved), a new one that says About 6,800, and two with no factual
sentence at all (only questions; only a heading)."""
from __future__ import annotations

import shutil
from pathlib import Path

ARTICLES = Path(__file__).parent / "articles"
CORPUS = ("ketterby-gazette.txt", "ambel-valley-post.txt")
NEW = "dunmoor-echo.txt"  # About 6,800 residents moved; the corpus says About 2,300
NO_FACTS = ("only-questions.txt", "only-a-heading.md")


def newsroom(folder: Path, cache: Path) -> Path:
    """folder/articles holds the corpus, folder/new the new article; claimcheck.toml points at `cache`."""
    (folder / "articles").mkdir(parents=True)
    (folder / "new").mkdir()
    for name in CORPUS:
        shutil.copy(ARTICLES / name, folder / "articles" / name)
    shutil.copy(ARTICLES / NEW, folder / "new" / NEW)
    (folder / "claimcheck.toml").write_text(f'cache_dir = "{cache}"\n')
    return folder
