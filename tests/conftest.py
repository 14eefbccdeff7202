"""Shared fixtures: expensive models load once per test session."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import fuzz  # noqa: F401  (hypothesis profiles for the property tests: CLAIMCHECK_FUZZ=ci|deep)
from tests.postgres import postgres_server, postgres_url  # noqa: F401  (fixtures: one PostgreSQL a session)

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = ROOT / "fixtures"

# Nothing may come from a model hub at run time; the tests prove it by running offline.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def run_cli(*args, cwd=None, env_extra=None):
    """The installed command as a user runs it: a real subprocess, offline."""
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", **(env_extra or {}))
    env.pop("GITHUB_ACTIONS", None)  # the default format must not depend on where the tests run
    return subprocess.run(
        [sys.executable, "-m", "claimcheck", *map(str, args)],
        capture_output=True, text=True, cwd=cwd or ROOT, env=env, timeout=1800,
    )


def error_line(done, *words, starts: str = "claimcheck: error: ") -> str:
    """The one line a failed run leaves on stderr (exit code 2, no traceback), holding every word given."""
    assert done.returncode == 2, (done.returncode, done.stderr)
    [line] = done.stderr.splitlines()
    assert line.startswith(starts) and "Traceback" not in done.stderr, line
    for word in words:
        assert word in line, line
    return line


@pytest.fixture(scope="session")
def embedding_cache(tmp_path_factory):
    """One embedding cache for every CLI test of the session: a sentence is embedded once per session."""
    return tmp_path_factory.mktemp("embedding-cache")


@pytest.fixture(scope="session")
def nlp():
    from claimcheck.extract.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def model_spec():
    from claimcheck.embed.encoder import resolve_model

    return resolve_model(None)


@pytest.fixture(scope="session")
def corpus(nlp, model_spec):
    """Build claims from {article id: [sentences]} with the real extractors and the real model."""
    from claimcheck.embed import embed_texts
    from claimcheck.embed.cache import EmbeddingCache
    from claimcheck.extract.claims import extract_claim
    from claimcheck.records import Article, Sentence

    def build(texts: dict, published: dict | None = None):
        articles, claims = {}, []
        for article_id, sentences in texts.items():
            text = " ".join(sentences)
            when = (published or {}).get(article_id)
            articles[article_id] = Article(article_id, f"{article_id}.txt", article_id, text, article_id, published=when)
            offset = 0
            for index, sentence in enumerate(sentences):
                record = Sentence(article_id, index, sentence, offset, offset + len(sentence), 1, "fact")
                claims.append(extract_claim(record, nlp(sentence), when))
                offset += len(sentence) + 1
        vectors, _ = embed_texts([c.sentence.text for c in claims], model_spec, EmbeddingCache(None))
        return claims, vectors, articles

    return build
