"""Nearest-neighbour latency and recall of the two stores' `neighbours` (sqlite-vec's exact search against
pgvector's HNSW index), on one vector set; the first part of benchmarks/scale.py.

Each store is loaded once into the work folder (scale_load.py) and reused by a rerun: a JSON note beside it
says what was loaded and how long that took, and which HNSW index the database holds now. Timed: one
`Store.neighbours` call per query, as `claimcheck check` makes them (the vector search, then the claims of
the vectors found), from a reader opened as `check` opens it, after warm-up queries of the same kind.
"""
from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

import claimcheck.store.postgres as pg_store
from claimcheck.store import open_store

from scale_load import Build, build_hnsw, load_postgres, load_sqlite, postgres_bytes, sqlite_bytes
from scale_vectors import Latency, VectorSet, exact_neighbours, recall

KS = (10, 16)  # 10 for recall@10; 16 is what `check` asks for (claimcheck/gate/related.py)
MIB = 1 << 20


@dataclass(frozen=True)
class Settings:
    queries: int
    warmup: int
    ef_search: tuple[int, ...]
    builds: tuple[tuple[int, int], ...]  # (m, ef_construction)
    maintenance_work_mem: str
    workers: int
    sqlite_queries: int  # sqlite-vec scans every vector: fewer queries at a million keep the run short


def measure(vs: VectorSet, work: Path, server, settings: Settings) -> dict:
    """Load (or reuse) both stores of `vs`, time them, print a block of figures; returns the figures."""
    asked = "stored sentences kept out of the set" if vs.kind == "corpus" else "new vectors of the same kind"
    print(f"\n{vs.kind}, {vs.size:,} vectors of dim {vs.dim} (queries: {settings.queries} {asked}; exact answer "
          f"by numpy brute force)", flush=True)
    started = time.perf_counter()
    vectors = vs.vectors()
    everything = vs.queries(settings.warmup + settings.queries)
    warm, queries = everything[: settings.warmup], everything[settings.warmup :]
    exact = exact_neighbours(vectors, queries, max(KS))
    print(f"  vectors and exact answers made in {time.perf_counter() - started:.1f} s", flush=True)

    note_path = work / f"{vs.name}.json"
    note = json.loads(note_path.read_text()) if note_path.is_file() else {}
    folder = work / f"sqlite_{vs.name}"
    url = server.database(vs.name)
    loaded_now = set()
    if "sqlite_load_s" not in note:  # never loaded, or a load that did not finish
        _fresh_folder(folder)
        note["sqlite_load_s"] = load_sqlite(folder, vectors)
        note_path.write_text(json.dumps(note))
        loaded_now.add("sqlite")
    if "postgres_load_s" not in note:
        server.drop(vs.name)
        url = server.database(vs.name)
        note.pop("index", None)
        note["postgres_load_s"] = load_postgres(url, vectors, work)
        note_path.write_text(json.dumps(note))
        loaded_now.add("postgres")
    earlier = {s: "" if s in loaded_now else " (loaded by an earlier run)" for s in ("sqlite", "postgres")}
    print(f"  load sqlite-vec      {note['sqlite_load_s']:7.1f} s{earlier['sqlite']}   store file "
          f"{sqlite_bytes(folder) / MIB:,.0f} MiB")
    sizes = postgres_bytes(url)
    print(f"  load PostgreSQL      {note['postgres_load_s']:7.1f} s{earlier['postgres']}   COPY, the HNSW index built after; "
          f"database now {sizes['database'] / MIB:,.0f} MiB", flush=True)
    figures = {"kind": vs.kind, "size": vs.size, "load": {k: note[k] for k in ("sqlite_load_s", "postgres_load_s")},
               "runs": []}

    print(f"  {'store':<34} {'ef':>4}  {'k':>3}  {'median ms':>9}  {'p95 ms':>7}  {'recall@k':>8}", flush=True)
    store = open_store(folder)
    try:
        n = settings.sqlite_queries if vs.size > 100_000 else settings.queries
        for k in KS:
            _timed(store, warm[:3], k)
            found, seconds = _timed(store, queries[:n], k)
            row = _row("sqlite-vec (exact)", None, k, seconds, found, exact[:n])
            figures["runs"].append(row)
    finally:
        store.close()
    if n < settings.queries:
        print(f"  (sqlite-vec: the first {n} queries)")

    held = note.get("index", {})
    # The build the database holds already goes first: it is measured without building it again.
    builds = sorted(settings.builds, key=lambda b: b != (held.get("m"), held.get("ef_construction")))
    for m, ef_construction in builds:
        build = Build(**note["index"]) if note.get("index", {}).get("m") == m and \
            note["index"]["ef_construction"] == ef_construction else None
        if build is None:
            print(f"  building HNSW m={m} ef_construction={ef_construction} ...", flush=True)
            note.pop("index", None)
            note_path.write_text(json.dumps(note))
            build = build_hnsw(url, m, ef_construction, settings.maintenance_work_mem, settings.workers)
            note["index"] = asdict(build)
            note_path.write_text(json.dumps(note))
            again = ""
        else:
            again = " (built by an earlier run)"
        peak = f", building backend peak RSS {build.leader_peak_bytes / MIB:,.0f} MiB" if build.leader_peak_bytes else ""
        print(f"  HNSW m={m} ef_construction={ef_construction}: build {build.seconds:.1f} s{again}, index "
              f"{build.index_bytes / MIB:,.0f} MiB (table {build.table_bytes / MIB:,.0f} MiB){peak}", flush=True)
        figures.setdefault("builds", []).append(asdict(build))
        for ef in settings.ef_search:
            pg_store.EF_SEARCH = ef  # what the store sets hnsw.ef_search to (at least k) for each query
            store = open_store(url, root=work)
            try:
                for k in KS:
                    _timed(store, warm, k)
                    found, seconds = _timed(store, queries, k)
                    row = _row(f"pgvector HNSW m={m} ef_c={ef_construction}", max(ef, k), k, seconds, found, exact)
                    figures["runs"].append(row)
            finally:
                store.close()
    pg_store.EF_SEARCH = _STORE_EF
    return figures


_STORE_EF = pg_store.EF_SEARCH  # the store's own setting, put back after each set


def _fresh_folder(folder: Path) -> None:
    for p in folder.glob("store.sqlite3*"):
        p.unlink()


def _timed(store, queries: np.ndarray, k: int) -> tuple[list[list[int]], list[float]]:
    found, seconds = [], []
    for q in queries:
        started = time.perf_counter()
        hits = store.neighbours(q[None, :], k, -1.0)[0]  # -1: every neighbour, however far (random vectors)
        seconds.append(time.perf_counter() - started)
        found.append([h.claim - 1 for h in hits])  # claim r + 1 holds vector row r (scale_load.py)
    return found, seconds


def _row(name: str, ef: int | None, k: int, seconds: list[float], found, exact) -> dict:
    latency = Latency.of(seconds)
    got = recall(found, exact, k)
    print(f"  {name:<34} {ef if ef else '-':>4}  {k:>3}  {latency.median_ms:9.2f}  {latency.p95_ms:7.2f}  {got:8.3f}",
          flush=True)
    return {"store": name, "ef_search": ef, "k": k, "median_ms": latency.median_ms, "p95_ms": latency.p95_ms,
            "recall": got, "queries": len(seconds)}
