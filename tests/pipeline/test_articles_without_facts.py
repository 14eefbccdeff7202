"""An article with no factual sentence (only questions, or only a heading) is indexed like any other: it
holds no claims, so it takes no part in a finding, but it is in the store and a re-run finds it unchanged.
Such an article used to crash `index` (its empty block of vectors could not be reshaped), rolling back its
whole batch, on every run."""
from __future__ import annotations

import json
import shutil

from tests.conftest import run_cli
from tests.pipeline.test_index_command import counts, stored_paths
from tests.store.newsroom import ARTICLES, CORPUS, NO_FACTS, newsroom

QUESTIONS = """Is Ketterby ready for the next flood?

Why did nobody warn the old market? Who will pay for the leisure centre's new floor?
"""


def test_articles_without_a_factual_sentence_are_indexed_alone_in_a_batch_and_again(tmp_path, embedding_cache):
    repo = newsroom(tmp_path, embedding_cache)
    for name in NO_FACTS:
        shutil.copy(ARTICLES / name, repo / "articles" / name)

    alone = run_cli("index", "articles/only-questions.txt", cwd=repo)
    assert alone.returncode == 0, alone.stderr
    assert counts(alone.stderr)["added"] == 1 and "1 articles, 0 claims" in alone.stderr

    batch = run_cli("index", "articles", cwd=repo)  # the heading-only one in one batch with two of facts
    assert batch.returncode == 0, batch.stderr
    assert (counts(batch.stderr)["added"], counts(batch.stderr)["unchanged"]) == (3, 1)

    again = run_cli("index", "articles", cwd=repo)
    assert again.returncode == 0, again.stderr
    assert counts(again.stderr) == {"added": 0, "re-indexed": 0, "renamed": 0, "dropped": 0, "unchanged": 4,
                                    "skipped": 0}
    assert stored_paths(repo) == sorted(f"articles/{name}" for name in (*CORPUS, *NO_FACTS))

    # Checked against that store: a new article the corpus contradicts, and a new one of only questions.
    (repo / "new" / "more-questions.txt").write_text(QUESTIONS)
    check = run_cli("check", "new", "--format", "json", cwd=repo)
    assert check.returncode == 1, check.stderr
    data = json.loads(check.stdout)
    assert data["check"]["corpus_articles"] == 4
    assert sorted(data["check"]["new_articles"]) == ["dunmoor-echo", "more-questions"]
    assert {f["kind"] for f in data["findings"]} == {"numeric"}
    stated = {s["article"] for f in data["findings"] for s in f["statements"]}
    assert "dunmoor-echo" in stated and "more-questions" not in stated and "only-questions" not in stated
