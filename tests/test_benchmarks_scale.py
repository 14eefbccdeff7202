"""benchmarks/scale.py --quick runs end to end on a real PostgreSQL (pgserver) and a real SQLite store, and what
it prints is what was measured: sqlite-vec is exact, HNSW recall grows with ef_search, both stores give a
`check` the same findings, and a rerun with the same --work reuses what the first run built.

One run of the whole quick mode (about 30 s: two `index` and two `check` subprocesses load the model), then
one rerun of its neighbour part.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "benchmarks" / "scale.py"


def run(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], check=False, cwd=ROOT, capture_output=True,
                          text=True, timeout=600)


@pytest.fixture(scope="module")
def quick():
    pytest.importorskip("psycopg", reason="benchmarks/scale.py needs psycopg (claimcheck[scale])")
    pytest.importorskip("pgserver", reason="benchmarks/scale.py starts PostgreSQL with pgserver")
    # Outside pytest's temporary folders: run as root, pgserver starts PostgreSQL as its own user, which must
    # reach the folder (as tests/store/conftest.py's server_folder says).
    work = Path(tempfile.mkdtemp(prefix="claimcheck-test-scale-"))
    try:
        first = run("--quick", "--work", work)
        assert first.returncode == 0, first.stderr
        figures = json.loads((work / "figures.json").read_text())
        again = run("--quick", "--work", work, "--only", "neighbours")
        assert again.returncode == 0, again.stderr
        yield first.stdout, figures, again.stdout
    finally:
        shutil.rmtree(work, ignore_errors=True)


def test_sqlite_vec_is_exact_and_hnsw_recall_grows_with_ef_search(quick):
    _, figures, _ = quick
    sets = {(f["kind"], f["size"]) for f in figures["neighbours"]}
    assert sets == {("random", 5000), ("clustered", 5000)}
    for vector_set in figures["neighbours"]:
        runs = vector_set["runs"]
        exact = [r for r in runs if r["store"].startswith("sqlite-vec")]
        assert [r["k"] for r in exact] == [10, 16]
        assert all(r["recall"] == 1.0 and r["median_ms"] > 0 for r in exact)
        hnsw = {(r["ef_search"], r["k"]): r for r in runs if r["store"].startswith("pgvector")}
        assert set(hnsw) == {(ef, k) for ef in (40, 100, 200, 400) for k in (10, 16)}
        assert all(0.0 < r["recall"] <= 1.0 and r["p95_ms"] >= r["median_ms"] > 0 for r in hnsw.values())
        assert hnsw[200, 10]["recall"] > hnsw[40, 10]["recall"]
    clustered = next(f for f in figures["neighbours"] if f["kind"] == "clustered")
    # Clustered vectors are the easy case: at 5,000 of them a wide search finds nearly every true neighbour.
    assert max(r["recall"] for r in clustered["runs"] if r["ef_search"] == 200) >= 0.9


def test_check_finds_the_same_against_both_stores(quick):
    out, figures, _ = quick
    check = figures["check"]
    assert check["same_findings"] is True
    assert check["SQLite"]["median_s"] > 0 and check["PostgreSQL"]["median_s"] > 0
    assert "10 added" in check["index"]["PostgreSQL"]["summary"]
    assert "same findings from both stores: yes" in out


def test_the_ray_index_part_times_both_engines_on_one_corpus(quick):
    out, _, _ = quick
    assert "ray-index: `index` of 300 sentences" in out  # the engines indexed the same articles and claims
    assert "local engine" in out and "ray engine" in out and "Ray's overhead" in out


def test_a_rerun_reuses_the_stores_and_the_index(quick):
    _, _, again = quick
    assert again.count("(loaded by an earlier run)") == 4  # two sets, two stores each
    assert again.count("(built by an earlier run)") == 2
    assert "building HNSW" not in again


def test_a_bad_build_spec_is_one_clear_line():
    done = run("--quick", "--builds", "16x64")
    assert done.returncode == 2
    assert "an HNSW build is M:EF_CONSTRUCTION, e.g. 16:64, not '16x64'" in done.stderr
    assert "Traceback" not in done.stderr
