"""Start-up: how fast the commands a commit hook or a newcomer runs answer, each timed as a real subprocess.

    .venv/bin/python benchmarks/startup.py [--runs 7] [--articles 1000] [--skip-store]

Rows (medians of --runs; "cold" means an empty --cache-dir for every run):
- `python -c pass`, `claimcheck --help`, `report --help`, and whether torch or spaCy were imported;
- the report of the five seeds, cold and fully cached;
- `check` of one new article against a store of --articles invented articles (tests/synthetic.py), cold,
  with the default backend and beside it today's torch path (`--backend torch`), runs alternating;
- the acceptance run: seeds 000 and 002 indexed into a store, `check` of seed 001 against it, cold, the
  default against `--backend torch-fp32` (medians of 3), with both exit codes and finding ids compared.
Targets (issue 18): check <= 2.0 s; seeds report cold <= 3.0 s; acceptance ratio <= 0.45.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"
SEEDS = sorted(SHARED_SEEDS.glob("*.txt")) or sorted(
    p for p in (ROOT / "fixtures" / "flood-figure-conflict").iterdir() if p.name != "gold.json")

PROBE = ("import json, sys\nfrom claimcheck.cli import main\nmain(sys.argv[1:])\n"
         "print(json.dumps(['torch' in sys.modules, 'spacy' in sys.modules]))")
ENV = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
CLI = [sys.executable, "-m", "claimcheck"]


def run_once(args: list, fresh: Path | None = None) -> tuple[float, subprocess.CompletedProcess]:
    """One timed subprocess; `fresh` is emptied first (a cold cache dir)."""
    if fresh is not None:
        shutil.rmtree(fresh, ignore_errors=True)
    start = time.perf_counter()
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, env=ENV, cwd=ROOT)
    took = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(map(str, args))} failed ({done.returncode}):\n{done.stderr}")
    return took, done


def median_seconds(args: list, runs: int, fresh: Path | None = None) -> float:
    return statistics.median(run_once(args, fresh)[0] for _ in range(runs))


def alternating(variants: dict[str, list], runs: int, fresh: Path) -> dict[str, tuple[float, list]]:
    """Each variant `runs` times, taking turns so a busy moment of the machine falls on both alike;
    medians, and the (exit code, finding ids) of every run."""
    times: dict[str, list[float]] = {name: [] for name in variants}
    outcomes: dict[str, list] = {name: [] for name in variants}
    for _ in range(runs):
        for name, args in variants.items():
            took, done = run_once(args, fresh)
            times[name].append(took)
            data = json.loads(done.stdout) if done.stdout.strip().startswith("{") else {}
            outcomes[name].append((done.returncode, sorted(f["id"] for f in data.get("findings", []))))
    return {name: (statistics.median(times[name]), outcomes[name]) for name in variants}


def imported(args: list[str]) -> str:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=ROOT, env=ENV)
    torch, spacy = json.loads(done.stdout.strip().splitlines()[-1])
    return f"torch {'imported' if torch else 'not imported'}, spaCy {'imported' if spacy else 'not imported'}"


def same(outcomes: list) -> str:
    return "same exit code and finding ids in every run" if len({json.dumps(o) for o in outcomes}) == 1 else \
        f"DIFFERENT outcomes: {outcomes}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--articles", type=int, default=1000, help="articles in the store a check runs against")
    parser.add_argument("--skip-store", action="store_true", help="leave out the check against the big store")
    args = parser.parse_args()
    rows: list[tuple[str, float, str]] = []

    def row(name: str, seconds: float, note: str = "") -> None:
        rows.append((name, seconds, note))
        print(f"{name:52s} {seconds:7.3f} s   {note}", flush=True)

    with tempfile.TemporaryDirectory(prefix="claimcheck-startup-") as tmp:
        work = Path(tmp)
        cold = work / "cold-cache"
        row("python -c pass", median_seconds([sys.executable, "-c", "pass"], args.runs))
        row("claimcheck --help", median_seconds(CLI + ["--help"], args.runs), imported(["--help"]))
        row("claimcheck report --help", median_seconds(CLI + ["report", "--help"], args.runs),
            imported(["report", "--help"]))

        report = CLI + ["report", *SEEDS, "--out", work / "out", "--cache-dir", cold, "-q"]
        row(f"report of {len(SEEDS)} seeds, cold", median_seconds(report, args.runs, fresh=cold),
            "target <= 3.0 s")
        warm = CLI + ["report", *SEEDS, "--out", work / "out", "--cache-dir", work / "warm", "-q"]
        run_once(warm)
        row(f"report of {len(SEEDS)} seeds, fully cached", median_seconds(warm, args.runs),
            imported([str(a) for a in warm[3:]]))

        if not args.skip_store:
            from tests.synthetic import contradicting_article, write_corpus

            write_corpus(work / "corpus", args.articles, seed=0, sentences=8)
            new = contradicting_article(work / "new", seed=0, sentences=8)
            store = work / "store"
            took, _ = run_once(CLI + ["index", work / "corpus", "--store", store, "--cache-dir", work / "index-cache", "-q"])
            print(f"(indexed {args.articles} articles in {took:.1f} s)", flush=True)
            check = CLI + ["check", new, "--store", store, "--cache-dir", cold, "--format", "json"]
            result = alternating({"default": check, "torch": check + ["--backend", "torch"]}, args.runs, cold)
            row(f"check 1 article vs {args.articles}-article store, cold", result["default"][0],
                f"target <= 2.0 s; {same(result['default'][1] + result['torch'][1])}")
            row("  the same with --backend torch (the old default)", result["torch"][0],
                f"default takes {result['default'][0] / result['torch'][0]:.2f}x")

        if len(list(SHARED_SEEDS.glob("*.txt"))) >= 3:
            seeds = {p.name[:3]: p for p in SEEDS}
            store = work / "seed-store"
            run_once(CLI + ["index", seeds["000"], seeds["002"], "--store", store, "--cache-dir", work / "seed-cache", "-q"])
            check = CLI + ["check", seeds["001"], "--store", store, "--cache-dir", cold, "--format", "json"]
            result = alternating({"default": check, "torch-fp32": check + ["--backend", "torch-fp32"]},
                                 min(args.runs, 3), cold)
            ratio = result["default"][0] / result["torch-fp32"][0]
            row("acceptance: check seed 001 vs store of 000+002, cold", result["default"][0],
                f"{same(result['default'][1] + result['torch-fp32'][1])}")
            row("  the same with --backend torch-fp32", result["torch-fp32"][0],
                f"ratio {ratio:.2f} (target <= 0.45)")


if __name__ == "__main__":
    main()
