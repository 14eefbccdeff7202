"""How long `claimcheck check` of one new article against an indexed corpus takes, beside a full `report` of
the same articles. Target: the check under a tenth of the report.

    .venv/bin/python benchmarks/check_vs_report.py [--articles 1000] [--sentences 8] [--cold-report]

Writes an invented corpus (tests/synthetic.py) to a temp folder, indexes it (cold: empty embedding cache),
checks one new article that contradicts an event of the corpus (with an empty embedding cache, so it pays
for loading the model and embedding its own sentences), then runs `report` over corpus + new article with
the embedding cache the index left warm, and with --cold-report also with no cache at all. Every command is
a real subprocess, timed from the outside, so start-up (Python, spaCy, torch) is included.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.synthetic import contradicting_article, write_corpus  # noqa: E402


def timed(*args, cwd) -> tuple[float, subprocess.CompletedProcess]:
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "claimcheck", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True)
    took = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"claimcheck {' '.join(map(str, args))} failed:\n{done.stderr}")
    return took, done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--sentences", type=int, default=8, help="body sentences per article")
    parser.add_argument("--cold-report", action="store_true", help="also time a report with no embedding cache")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="claimcheck-bench-") as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        paths = write_corpus(corpus, args.articles, seed=0, sentences=args.sentences)
        new = contradicting_article(work / "new", seed=0, sentences=args.sentences)
        print(f"corpus: {len(paths)} articles, {args.sentences} body sentences each; new article {new.name}")

        took, done = timed("index", corpus, "--store", work / ".claimcheck", "--cache-dir", work / "cache", cwd=work)
        summary = next(line for line in done.stderr.splitlines() if " added, " in line)
        print(f"index (cold)           {took:8.1f} s   {summary}")

        took_check, done = timed("check", new, "--store", work / ".claimcheck", "--cache-dir", work / "empty-cache",
                                 "--format", "json", cwd=work)
        data = json.loads(done.stdout)
        timing = data["timing"]
        stages = ", ".join(f"{k} {v:.2f}s" for k, v in timing.items() if not k.startswith("texts_"))
        print(f"check 1 new article    {took_check:8.1f} s   exit {done.returncode}, {len(data['findings'])} finding(s), "
              f"{int(timing['texts_embedded'])} sentences embedded ({data['summary']['claims']} claims in the new "
              f"article); stages: {stages}")

        took_warm, done = timed("report", corpus, new, "--out", work / "out", "--cache-dir", work / "cache", "-q",
                                cwd=work)
        report = json.loads((work / "out" / "report.json").read_text())
        print(f"report, warm cache     {took_warm:8.1f} s   {len(report['findings'])} findings over "
              f"{report['summary']['articles']} articles; stages: "
              + ", ".join(f"{k} {v:.1f}s" for k, v in report["timing"].items() if not k.startswith("texts_")))
        print(f"check / report (warm)  {took_check / took_warm:8.3f}   target < 0.1")
        if args.cold_report:
            took_cold, _ = timed("report", corpus, new, "--out", work / "out-cold", "--no-cache", "-q", cwd=work)
            print(f"report, no cache       {took_cold:8.1f} s")
            print(f"check / report (cold)  {took_check / took_cold:8.3f}   target < 0.1")


if __name__ == "__main__":
    main()
