"""Start-up: `claimcheck --help`, and a fully cached `report` of the seeds, each the median of several runs.

    .venv/bin/python benchmarks/startup.py [--runs 7]

Every command is a real subprocess timed from outside, next to a bare `python -c pass` for scale. Also says
whether torch or spaCy were imported (targets: --help under 0.5 s; neither imported by --help or by a
fully cached run).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt")) or sorted(
    p for p in (ROOT / "fixtures" / "flood-figure-conflict").iterdir() if p.name != "gold.json")

PROBE = ("import json, sys\nfrom claimcheck.cli import main\nmain(sys.argv[1:])\n"
         "print(json.dumps(['torch' in sys.modules, 'spacy' in sys.modules]))")


def median_seconds(args: list[str], runs: int) -> float:
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, capture_output=True, env=env, cwd=ROOT, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def imported(args: list[str]) -> str:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=ROOT)
    torch, spacy = json.loads(done.stdout.strip().splitlines()[-1])
    return f"torch {'imported' if torch else 'not imported'}, spaCy {'imported' if spacy else 'not imported'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    cli = [sys.executable, "-m", "claimcheck"]
    with tempfile.TemporaryDirectory() as tmp:
        report = ["report", *map(str, SEEDS), "--out", f"{tmp}/out", "--cache-dir", f"{tmp}/cache", "-q"]
        start = time.perf_counter()
        subprocess.run(cli + report, capture_output=True, check=True, cwd=ROOT)
        cold = time.perf_counter() - start
        rows = [
            ("python -c pass", median_seconds([sys.executable, "-c", "pass"], args.runs), ""),
            ("claimcheck --help", median_seconds(cli + ["--help"], args.runs), imported(["--help"])),
            ("claimcheck report --help", median_seconds(cli + ["report", "--help"], args.runs), imported(["report", "--help"])),
            (f"report of {len(SEEDS)} seeds, cold (once)", cold, ""),
            (f"report of {len(SEEDS)} seeds, fully cached", median_seconds(cli + report, args.runs), imported(report)),
        ]
    for name, seconds, note in rows:
        print(f"{name:40s} {seconds:7.3f} s   {note}")


if __name__ == "__main__":
    main()
