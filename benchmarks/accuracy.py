"""Recall and precision on the shared seeds and every fixture set, micro-averaged by the shared scorer.

    .venv/bin/python benchmarks/accuracy.py [--verbose] [--facts fixtures/facts.yaml]

Runs `claimcheck report` (a real subprocess, like a user) on each set's articles and hands all
(gold, report) pairs to ../shared/eval/score.py at once, which micro-averages them. Prints one line per
set and the overall line last.
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


def article_sets() -> list[tuple[str, Path, list[Path]]]:
    sets = []
    if (SHARED / "seeds" / "gold.json").is_file():
        sets.append(("seeds", SHARED / "seeds" / "gold.json", sorted((SHARED / "seeds").glob("*.txt"))))
    for folder in sorted(p for p in (ROOT / "fixtures").iterdir() if (p / "gold.json").is_file()):
        files = sorted(p for p in folder.iterdir() if p.is_file() and p.name != "gold.json")
        sets.append((folder.name, folder / "gold.json", files))
    return sets


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--facts", default=None)
    args = parser.parse_args()
    if not SCORER.is_file():
        print(f"no scorer at {SCORER}; nothing to measure")
        return 0
    pairs = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, gold, files in article_sets():
            out = Path(tmp) / name
            cmd = [sys.executable, "-m", "claimcheck", "report", *map(str, files), "--out", str(out), "--quiet"]
            if args.facts:
                cmd += ["--facts", args.facts]
            subprocess.run(cmd, check=True, cwd=ROOT)
            one = subprocess.run([sys.executable, str(SCORER), str(gold), str(out / "report.json")]
                                 + (["--verbose"] if args.verbose else []), capture_output=True, text=True, check=True)
            lines = one.stdout.strip().splitlines()
            print(f"{name:28s} {lines[-1]}")
            if args.verbose:
                print("\n".join("    " + line for line in lines[1:-1] if "<-" not in line))
            pairs += [str(gold), str(out / "report.json")]
        total = subprocess.run([sys.executable, str(SCORER), *pairs], capture_output=True, text=True, check=True)
    print(f"{'all (micro-averaged)':28s} {total.stdout.strip().splitlines()[-1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
