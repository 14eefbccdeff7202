"""Recall and precision on the shared seeds, every fixture set and every real-news event, micro-averaged
by the shared scorer.

    .venv/bin/python benchmarks/accuracy.py [--verbose] [--facts FILE] [--only realnews|fixtures|seeds]
                                            [--set NAME] [--keep DIR] [--cache-dir DIR]

Runs `claimcheck report` (a real subprocess, like a user) on each set's articles and hands the (gold,
report) pairs to ../shared/eval/score.py, which micro-averages them. Prints one line per set, a total per
group (seeds and fixtures, which the rules were written beside; realnews, which they were not), and the
overall line last. `--keep DIR` leaves each set's reports in DIR/<set>/ for reading.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
NOT_ARTICLES = {"gold.json", "meta.json", "README.md"}


def _articles(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.name not in NOT_ARTICLES)


def article_sets() -> list[tuple[str, str, Path, list[Path]]]:
    """(group, name, gold file, articles) for every set with a gold file."""
    sets = []
    if (SHARED / "seeds" / "gold.json").is_file():
        sets.append(("seeds", "seeds", SHARED / "seeds" / "gold.json", sorted((SHARED / "seeds").glob("*.txt"))))
    for folder in sorted(p for p in (ROOT / "fixtures").iterdir() if (p / "gold.json").is_file()):
        sets.append(("fixtures", folder.name, folder / "gold.json", _articles(folder)))
    realnews = SHARED / "realnews"
    if realnews.is_dir():
        for folder in sorted(p for p in realnews.iterdir() if (p / "gold.json").is_file()):
            sets.append(("realnews", folder.name, folder / "gold.json", _articles(folder)))
    return sets


def score(pairs: list[str], min_severity: str, verbose: bool = False) -> list[str]:
    cmd = [sys.executable, str(SCORER), *pairs, "--min-severity", min_severity] + (["--verbose"] if verbose else [])
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip().splitlines()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--verbose", action="store_true", help="list each finding's match and each miss")
    parser.add_argument("--facts", default=None)
    parser.add_argument("--only", choices=["seeds", "fixtures", "realnews"], action="append",
                        help="score only these groups (repeatable)")
    parser.add_argument("--set", dest="names", action="append", default=[],
                        help="score only sets whose name contains this (repeatable)")
    parser.add_argument("--cache-dir", default=None, help="passed to claimcheck report")
    parser.add_argument("--keep", type=Path, default=None, help="keep the reports in this folder")
    parser.add_argument("--min-severity", choices=["info", "warning", "error"], default="warning")
    args = parser.parse_args()
    if not SCORER.is_file():
        print(f"no scorer at {SCORER}; nothing to measure")
        return 0
    groups: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        keep = args.keep or Path(tmp)
        for group, name, gold, files in article_sets():
            if args.only and group not in args.only:
                continue
            if args.names and not any(n in name for n in args.names):
                continue
            out = keep / name
            cmd = [sys.executable, "-m", "claimcheck", "report", *map(str, files), "--out", str(out), "--quiet"]
            if args.facts:
                cmd += ["--facts", args.facts]
            if args.cache_dir:
                cmd += ["--cache-dir", args.cache_dir]
            subprocess.run(cmd, check=True, cwd=ROOT)
            lines = score([str(gold), str(out / "report.json")], args.min_severity, args.verbose)
            print(f"{name:36s} {lines[-1]}", flush=True)
            if args.verbose:
                print("\n".join("    " + line for line in lines[1:-1] if "<-" not in line))
            groups.setdefault(group, []).extend([str(gold), str(out / "report.json")])
        for group, pairs in groups.items():
            print(f"{'total ' + group:36s} {score(pairs, args.min_severity)[-1]}")
        everything = [p for pairs in groups.values() for p in pairs]
        print(f"{'all (micro-averaged)':36s} {score(everything, args.min_severity)[-1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
