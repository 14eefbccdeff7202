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

from scale_load import Build, build_hnsw, database_bytes, load_postgres, load_sqlite, sqlite_bytes
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

    note = Note(work / f"{vs.name}.json")
    folder, url = _loaded(vs, vectors, work, server, note)
    figures = {"kind": vs.kind, "size": vs.size, "load": {k: note[k] for k in ("sqlite_load_s", "postgres_load_s")},
               "runs": [], "builds": []}
    print(f"  {'store':<34} {'ef':>4}  {'k':>3}  {'median ms':>9}  {'p95 ms':>7}  {'recall@k':>8}", flush=True)
    n = settings.sqlite_queries if vs.size > 100_000 else settings.queries
    store = open_store(folder)
    try:
        for k in KS:
            _timed(store, warm[:3], k)
            found, seconds = _timed(store, queries[:n], k)
            figures["runs"].append(_row("sqlite-vec (exact)", None, k, seconds, found, exact[:n]))
    finally:
        store.close()
    if n < settings.queries:
        print(f"  (sqlite-vec: the first {n} queries)")

    held = note.get("index") or {}
    # The build the database holds already goes first: it is measured without building it again.
    for m, ef_construction in sorted(settings.builds, key=lambda b: b != (held.get("m"), held.get("ef_construction"))):
        build = _built(url, m, ef_construction, settings, note)
        figures["builds"].append(asdict(build))
        try:
            for ef in settings.ef_search:
                pg_store.EF_SEARCH = ef  # what the store sets hnsw.ef_search to (at least k) for each query
                store = open_store(url, root=work)
                try:
                    for k in KS:
                        _timed(store, warm, k)
                        found, seconds = _timed(store, queries, k)
                        figures["runs"].append(_row(f"pgvector HNSW m={m} ef_c={ef_construction}", max(ef, k), k,
                                                    seconds, found, exact))
                finally:
                    store.close()
        finally:
            pg_store.EF_SEARCH = _STORE_EF
    return figures


class Note(dict):
    """What was loaded and built for one vector set, and how long it took, kept in a JSON file beside the stores;
    saved after every step, so a killed run leaves no claim of a load or build it did not finish."""

    def __init__(self, path: Path):
        super().__init__(json.loads(path.read_text()) if path.is_file() else {})
        self.path = path

    def save(self) -> None:
        self.path.write_text(json.dumps(self))


def _loaded(vs: VectorSet, vectors: np.ndarray, work: Path, server, note: Note) -> tuple[Path, str]:
    """The SQLite folder and PostgreSQL URL of `vs`, each loaded now unless an earlier run did."""
    folder = work / f"sqlite_{vs.name}"
    now = set()
    if "sqlite_load_s" not in note:
        for p in folder.glob("store.sqlite3*"):  # what a load that did not finish left
            p.unlink()
        note["sqlite_load_s"] = load_sqlite(folder, vectors)
        note.save()
        now.add("sqlite")
    if "postgres_load_s" not in note:
        server.drop(vs.name)
        note.pop("index", None)
        note["postgres_load_s"] = load_postgres(server.database(vs.name), vectors, work)
        note.save()
        now.add("postgres")
    url = server.database(vs.name)
    earlier = {s: "" if s in now else " (loaded by an earlier run)" for s in ("sqlite", "postgres")}
    print(f"  load sqlite-vec      {note['sqlite_load_s']:7.1f} s{earlier['sqlite']}   store file "
          f"{sqlite_bytes(folder) / MIB:,.0f} MiB")
    print(f"  load PostgreSQL      {note['postgres_load_s']:7.1f} s{earlier['postgres']}   COPY, the HNSW index built "
          f"after; database now {database_bytes(url) / MIB:,.0f} MiB", flush=True)
    return folder, url


def _built(url: str, m: int, ef_construction: int, settings: Settings, note: Note) -> Build:
    """The store's HNSW index with these parameters: the one the database holds, or built now."""
    held = note.get("index") or {}
    if (held.get("m"), held.get("ef_construction")) == (m, ef_construction):
        build, again = Build(**held), " (built by an earlier run)"
    else:
        print(f"  building HNSW m={m} ef_construction={ef_construction} ...", flush=True)
        note.pop("index", None)
        note.save()
        build, again = build_hnsw(url, m, ef_construction, settings.maintenance_work_mem, settings.workers), ""
        note["index"] = asdict(build)
        note.save()
    peak = f", building backend peak RSS {build.leader_peak_bytes / MIB:,.0f} MiB" if build.leader_peak_bytes else ""
    print(f"  HNSW m={m} ef_construction={ef_construction}: build {build.seconds:.1f} s{again}, index "
          f"{build.index_bytes / MIB:,.0f} MiB (table {build.table_bytes / MIB:,.0f} MiB){peak}", flush=True)
    return build


_STORE_EF = pg_store.EF_SEARCH  # the store's own setting, put back after each build's queries


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
