"""`index` of the 10,000-sentence corpus with the local engine and with --engine ray, in one run.

Each is a real `claimcheck index` subprocess into a new store with no embedding cache (a cold index: the
model encodes every sentence), the engines taking turns so that load from elsewhere on the machine falls on
both alike; the median of `runs` each is printed, and Ray's overhead against local (target: at most 15%).
Ray is the one this run starts on this machine (no --ray-address): its start and the actors' loading of
spaCy and the model are in its time, as they are in a user's.
"""
from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _index(corpus: Path, store: Path, engine: str) -> float:
    shutil.rmtree(store, ignore_errors=True)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "claimcheck", "index", str(corpus), "--store", str(store),
                           "--no-cache", "--quiet", "--engine", engine], capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"index --engine {engine} failed: {done.stderr.strip()}")
    return seconds


def _held(store: Path) -> tuple[int, int]:
    import sqlite3

    db = sqlite3.connect(store / "store.sqlite3")
    try:
        return tuple(db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("articles", "claims"))
    finally:
        db.close()


def measure(work: Path, sentences: int = 10_000, runs: int = 3) -> dict:
    sys.path.insert(0, str(ROOT))
    from benchmarks.corpus import build

    corpus = work / f"corpus-{sentences}"
    work.mkdir(parents=True, exist_ok=True)
    if not corpus.is_dir():
        build(corpus, sentences)
    times: dict[str, list[float]] = {"local": [], "ray": []}
    held = {}
    for _ in range(runs):
        for engine in ("local", "ray"):
            times[engine].append(_index(corpus, work / f"store-{engine}", engine))
            held[engine] = _held(work / f"store-{engine}")
    if held["local"] != held["ray"]:
        raise SystemExit(f"the engines indexed different corpora: {held}")
    local, ray = statistics.median(times["local"]), statistics.median(times["ray"])
    print(f"\nray-index: `index` of {sentences:,} sentences ({held['local'][0]} articles, {held['local'][1]} claims),"
          f" cold, median of {runs}")
    print(f"  local engine  {local:7.1f} s   ({', '.join(f'{t:.1f}' for t in times['local'])})")
    print(f"  ray engine    {ray:7.1f} s   ({', '.join(f'{t:.1f}' for t in times['ray'])})")
    print(f"  Ray's overhead {100 * (ray - local) / local:+.1f}% of the local time (target <= +15%)")
    return {"local": local, "ray": ray}
