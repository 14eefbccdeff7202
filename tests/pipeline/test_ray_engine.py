"""The Ray engine on a real two-node cluster (tests/pipeline/conftest.py: a head and a worker node, one CPU
each): `report --engine ray` gives the local engine's report, the engine gives the local engine's records
and outlives its actors, and `index --engine ray` whose worker node is killed part way keeps the store
whole. Few and marked `ray`: a cluster costs seconds, each run many more."""
from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
import sys

import numpy as np
import pytest

from claimcheck.embed.cache import EmbeddingCache
from claimcheck.ingest import read_articles
from claimcheck.pipeline.engine import compare
from claimcheck.pipeline.local import LocalEngine
from claimcheck.pipeline.prepare import prepare
from claimcheck.pipeline.settings import Settings
from claimcheck.store import open_store
from tests.conftest import FIXTURES, run_cli

ray = pytest.importorskip("ray")  # claimcheck[scale]
from claimcheck.pipeline.ray_engine import RayEngine  # noqa: E402 - imports ray

pytestmark = pytest.mark.ray

# `claimcheck ARGS...` with index batches of N articles (so a small corpus is indexed in several commits).
DRIVER = """
import sys
from claimcheck.pipeline import index
index.BATCH_ARTICLES = int(sys.argv[1])
from claimcheck.cli import main
sys.exit(main(sys.argv[2:]))
"""
BATCH = 4
INDEXED = ("flood-figure-conflict", "mayor-office-conflict", "ferry-date-conflict", "museum-location-conflict",
           "union-quote-attribution", "factory-fire-mixed")


def articles_of(name: str) -> list:
    return [p for p in sorted((FIXTURES / name).iterdir()) if p.name != "gold.json"]


def without_timing(path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    data.pop("timing")
    return data


@pytest.mark.parametrize("name", ["election-night-mixed", "ferry-date-conflict"])
def test_a_report_on_ray_is_the_local_report(name, ray_cluster, tmp_path):
    files = articles_of(name)
    local = run_cli("report", *files, "--out", tmp_path / "local", "--no-cache")
    assert local.returncode == 0, local.stderr
    on_ray = run_cli("report", *files, "--out", tmp_path / "ray", "--no-cache", "--engine", "ray",
                     "--ray-address", ray_cluster.address)
    assert on_ray.returncode == 0, on_ray.stderr
    assert on_ray.stderr == ""  # Ray's own logging stays out of the run's
    expected = without_timing(tmp_path / "local" / "report.json")
    assert expected["findings"]
    assert without_timing(tmp_path / "ray" / "report.json") == expected
    assert on_ray.stdout.replace("/ray/", "/local/") == local.stdout


def test_the_engine_gives_the_local_records_and_outlives_its_actors(ray_cluster, model_spec):
    articles, _ = read_articles([str(FIXTURES / "museum-location-conflict"), str(FIXTURES / "quake-json")])
    local = prepare(LocalEngine(), articles, model_spec, EmbeddingCache(None))
    by_id = {a.id: a for a in articles}
    engine = RayEngine.from_settings(Settings(engine="ray", ray_address=ray_cluster.address))
    try:
        first = prepare(engine, articles, model_spec, EmbeddingCache(None))
        assert first.claims == local.claims and list(first.docs) == list(local.docs)
        assert np.array_equal(first.vectors, local.vectors)
        actors = list(engine._pool.live)
        # Where Ray puts the actors is its own choice (under load both may land on one node): what counts is
        # that the work was shared out and survives every worker dying.
        assert actors
        for actor in actors:  # both workers die between two batches: new ones take their work
            ray.kill(actor)
        again = prepare(engine, articles, model_spec, EmbeddingCache(None))
        assert again.claims == local.claims and np.array_equal(again.vectors, local.vectors)
        assert not set(engine._pool.live) & set(actors)
        findings = compare(engine, first.factual, first.vectors, by_id, (), first.docs)
        assert findings and findings == compare(LocalEngine(), local.factual, local.vectors, by_id, (), local.docs)
    finally:
        engine.close()
    assert ray.is_initialized() and ray.cluster_resources()["CPU"] == 2  # the cluster it joined is left running


def index(store, *options, engine="local", address=None, cwd, batch=BATCH, wait=True):
    ray_options = ("--engine", "ray", "--ray-address", address) if engine == "ray" else ()
    run = subprocess.Popen([sys.executable, "-c", DRIVER, str(batch), "index", "articles", "--store", store,
                            "--no-cache", *ray_options, *options], cwd=cwd, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
    if not wait:
        return run
    _, err = run.communicate(timeout=900)
    assert run.returncode == 0, err
    return err


def rows(folder) -> dict:
    """Each article's claims as stored, by path."""
    db = sqlite3.connect(folder / "store.sqlite3")
    try:
        found: dict = {path: [] for (path,) in db.execute("SELECT path FROM articles")}
        for path, record in db.execute("SELECT a.path, c.record FROM claims c JOIN articles a ON a.rowid = c.article "
                                       "ORDER BY a.path, c.idx"):
            found[path].append(record)
        return found
    finally:
        db.close()


def counts(folder) -> dict:
    store = open_store(folder)
    try:
        return store.counts()
    finally:
        store.close()


def test_a_worker_node_killed_mid_index_leaves_a_whole_store_and_a_rerun_completes(ray_cluster, tmp_path):
    for name in INDEXED:
        shutil.copytree(FIXTURES / name, tmp_path / "articles" / name, ignore=shutil.ignore_patterns("gold.json"))
    total = sum(len(articles_of(name)) for name in INDEXED)
    index("clean", cwd=tmp_path)
    clean = rows(tmp_path / "clean")
    assert len(clean) == total and sum(map(len, clean.values())) > 100

    run = index("ray", engine="ray", address=ray_cluster.address, cwd=tmp_path, wait=False)
    lines, killed_after = [], None
    try:
        for line in run.stderr:
            lines.append(line.rstrip("\n"))
            if killed_after is None and line.startswith("claimcheck: indexed "):  # the first batch is committed
                killed_after = len(lines)
                ray_cluster.cluster.remove_node(ray_cluster.worker, allow_graceful=False)
        run.wait(timeout=900)
    finally:
        run.kill()
        ray_cluster.worker = ray_cluster.cluster.add_node(num_cpus=1)  # the next test has its two nodes again
        ray_cluster.cluster.wait_for_nodes()
    assert killed_after is not None and lines[killed_after - 1] == f"claimcheck: indexed {BATCH}/{total} articles"
    assert "Traceback" not in "\n".join(lines)
    if run.returncode == 0:  # the batch of the dead worker went to the one left
        assert f"claimcheck: indexed {total}/{total} articles" in lines[killed_after:]
    else:  # or the run stopped, in one line
        assert run.returncode == 2 and lines[-1].startswith("claimcheck: error: the Ray worker running "), lines
    held = rows(tmp_path / "ray")
    assert held == {path: clean[path] for path in held}  # whatever was committed is whole: every claim there

    again = index("ray", cwd=tmp_path)  # the local engine goes on from there, in the same batches as the clean run
    assert re.search(r"\b(\d+) added", again).group(1) == str(total - len(held))
    assert rows(tmp_path / "ray") == clean
    assert counts(tmp_path / "ray") == counts(tmp_path / "clean")
