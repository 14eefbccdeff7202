"""Checking one article against an indexed corpus of 1,000 articles reads and embeds that article only.

The corpus is invented (tests/synthetic.py: many events, five outlets each) and indexed once for the module;
the time of the same check beside a full report is a benchmark (benchmarks/check_vs_report.py), not a test.
"""
from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli
from tests.synthetic import new_article, write_corpus

ARTICLES = 1000


@pytest.fixture(scope="module")
def big_store(tmp_path_factory, embedding_cache):
    work = tmp_path_factory.mktemp("big")
    write_corpus(work / "corpus", ARTICLES, seed=3, sentences=6)
    result = run_cli("index", "corpus", "--cache-dir", embedding_cache, cwd=work)
    assert result.returncode == 0, result.stderr
    assert f"{ARTICLES} added" in result.stderr
    return work


def test_one_new_article_is_all_that_gets_embedded(big_store):
    sentences = 6  # the generator writes exactly this many body sentences (the title is a heading, not a claim)
    planned = new_article(big_store / "new", seed=3, change="count", sentences=sentences)
    # The new article is dated the day after its event, so a figure against the corpus is a warning.
    result = run_cli("check", planned.path, "--format", "json", "--no-cache", "--fail-on", "warning", cwd=big_store)
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    embedded = data["timing"]["texts_embedded"] + data["timing"]["texts_from_cache"]
    # Every sentence the new article has, and nothing else: its claims are all there is to embed (some of
    # its wording may already be in the store, which then costs nothing).
    assert embedded == data["summary"]["claims"] == sentences
    assert data["timing"]["texts_embedded"] >= 1
    assert data["check"]["new_articles"] == [planned.path.stem]
    # The planted figure is found against the event's own articles.
    assert [f["kind"] for f in data["findings"]] == ["numeric"]
    assert data["check"]["corpus_articles"] == ARTICLES
    assert data["check"]["compared_articles"] < 50  # the event's own articles and a few look-alikes, not the corpus
