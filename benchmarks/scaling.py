"""Time and peak memory of each stage of `report` on corpora of about 1,000, 10,000 and 100,000 sentences.

    .venv/bin/python benchmarks/scaling.py [--sizes 1000 10000 100000] [--keep DIR]

Each corpus is built from the fixtures (benchmarks/corpus.py: copies with other names and figures). Each run
is a fresh Python process that calls the pipeline as `claimcheck report` does and writes the JSON and
Markdown reports; a thread samples the memory of that process and its workers (proportional set size)
every 20 ms, and each stage's peak is the highest sample while it ran. Every size is run cold (empty
cache folder) and then warm (the cache the cold run filled). "after embed" is cluster + compare + write:
the stages that must not grow with the square of the corpus.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

AFTER_EMBED = ("cluster", "compare", "write")


def _descendants(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            found += [child, *_descendants(child)]
    return found


def _pss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:  # the process ended between listing and reading
        pass
    return 0


def _rss() -> int:
    """This process and its workers (spaCy runs in one process per core): the sum of their proportional set
    sizes, so pages a forked worker shares with its parent are counted once, not twice."""
    me = os.getpid()
    return sum(_pss(pid) for pid in [me, *_descendants(me)])


class MemoryProbe:
    """Peak resident memory per stage, sampled by a thread (no tracing: it must not slow the stages down)."""

    def __init__(self):
        self.peaks: dict[str, int] = {}
        self._peak = _rss()
        self._stop = threading.Event()
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self):
        while not self._stop.wait(0.02):
            self._peak = max(self._peak, _rss())

    def lap(self, stage: str) -> None:
        self.peaks[stage] = max(self._peak, _rss())
        self._peak = _rss()

    def stop(self):
        self._stop.set()


def run_once(corpus: Path, cache: Path, out: Path) -> dict:
    """One `report` run in this process; what each stage took."""
    start = time.perf_counter()
    probe = MemoryProbe()
    from claimcheck.pipeline import Options, run
    from claimcheck.report import write_reports

    probe.lap("start-up")
    started = time.perf_counter() - start
    result = run([str(corpus)], Options(cache_dir=cache), on_lap=probe.lap)
    clock = time.perf_counter()
    write_reports(result, out, "report")
    timing = dict(result.stats["timing"], write=round(time.perf_counter() - clock, 3))
    probe.lap("write")
    probe.stop()
    return {
        "timing": {"start-up": round(started, 3), **timing},
        "peaks": probe.peaks,
        "total": round(time.perf_counter() - start, 2),
        "sentences": result.stats["sentences"],
        "claims": result.stats["claims"],
        "clusters": result.stats["clusters"],
        "findings": len(result.findings),
        "articles": len(result.articles),
    }


def child(corpus: Path, cache: Path, out: Path) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", str(corpus), str(cache), str(out)],
                          capture_output=True, text=True, env=dict(os.environ, HF_HUB_OFFLINE="1"))
    if done.returncode:
        sys.exit(done.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


def show(size: int, cold: dict, warm: dict) -> None:
    mib = 1 << 20
    print(f"\n~{size:,} sentences: {cold['articles']} articles, {cold['sentences']} sentences, {cold['claims']} claims, "
          f"{cold['clusters']} clusters, {cold['findings']} findings (warm run: {warm['findings']} findings)")
    print(f"  {'stage':10s} {'cold s':>9s} {'peak MiB':>9s} {'warm s':>9s}")
    for stage, took in cold["timing"].items():
        if stage.startswith("texts_"):
            continue
        print(f"  {stage:10s} {took:9.2f} {cold['peaks'].get(stage, 0) / mib:9.0f} {warm['timing'].get(stage, 0):9.2f}")
    after = sum(cold["timing"].get(s, 0) for s in AFTER_EMBED)
    print(f"  {'after embed':10s} {after:9.2f}")
    print(f"  {'total':10s} {cold['total']:9.2f} {max(cold['peaks'].values()) / mib:9.0f} {warm['total']:9.2f}"
          f"   warm {cold['total'] / warm['total']:.1f}x faster; embedded {cold['timing']['texts_embedded']:.0f} "
          f"texts cold, {warm['timing']['texts_embedded']:.0f} warm")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--keep", type=Path, default=None, help="build the corpora here and keep them")
    parser.add_argument("--child", nargs=3, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_once(*args.child)))
        return

    from benchmarks.corpus import build

    with tempfile.TemporaryDirectory(prefix="claimcheck-scaling-") as tmp:
        base = args.keep or Path(tmp)
        after = {}
        for size in args.sizes:
            corpus = base / f"corpus-{size}"
            if not corpus.is_dir():
                build(corpus, size)
            cache = Path(tmp) / f"cache-{size}"
            cold = child(corpus, cache, Path(tmp) / f"out-{size}-cold")
            warm = child(corpus, cache, Path(tmp) / f"out-{size}-warm")
            show(size, cold, warm)
            after[size] = (cold["sentences"], sum(cold["timing"].get(s, 0) for s in AFTER_EMBED))
        sizes = sorted(after)
        for a, b in zip(sizes, sizes[1:]):
            (na, ta), (nb, tb) = after[a], after[b]
            print(f"\nafter-embed stages, {na:,} -> {nb:,} sentences ({nb / na:.1f}x): {ta:.2f} s -> {tb:.2f} s "
                  f"({tb / max(ta, 1e-9):.1f}x)")


if __name__ == "__main__":
    main()
