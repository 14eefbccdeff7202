"""The onnx-int8 encoder backend beside torch: encode speed, how close the vectors are, same findings or not.

    .venv/bin/python benchmarks/onnx_backend.py [--rounds 5]

Sentences: every factual sentence (what the pipeline embeds) of the shared seeds and of every fixture set,
distinct. Both models are loaded first (the ONNX one exported into a temporary cache dir, timed on its
own), each encodes one warm-up batch, then the two encode all the sentences in alternating rounds and the
best round of each counts (other work on the machine slows single rounds, never the best of several).

Findings: `claimcheck report` (a real subprocess, like a user) on the seeds and on every fixture set, with
each backend, each in its own cache dir; the finding ids and severities must be the same, and both
reports are scored by ../shared/eval/score.py like benchmarks/accuracy.py does.
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

from benchmarks.accuracy import SCORER, SHARED, article_sets  # noqa: E402

BACKENDS = ("torch", "onnx-int8")


def all_sets() -> list[tuple[str, Path | None, list[Path]]]:
    """Seeds and every fixture folder, with or without a gold file."""
    sets = article_sets()
    named = {name for name, _, _ in sets}
    if "seeds" not in named and (SHARED / "seeds").is_dir():
        sets.insert(0, ("seeds", None, sorted((SHARED / "seeds").glob("*.txt"))))
    for folder in sorted(p for p in (ROOT / "fixtures").iterdir() if p.is_dir() and p.name not in named):
        sets.append((folder.name, None, sorted(p for p in folder.iterdir() if p.is_file() and p.name != "gold.json")))
    return sets


def sentences(sets) -> list[str]:
    from claimcheck.extract.nlp import load_nlp
    from claimcheck.ingest import read_articles
    from claimcheck.pipeline import analyse

    paths = [str(p) for _, _, files in sets for p in files]
    articles, _ = read_articles(paths, (), ())
    claims, _ = analyse(articles, load_nlp())
    return list(dict.fromkeys(c.sentence.text for c in claims if c.sentence.is_fact))


def speed(texts: list[str], cache: Path, rounds: int) -> dict:
    import numpy as np

    from claimcheck.embed import onnx_backend
    from claimcheck.embed.encoder import encode, resolve_model

    specs = {b: resolve_model(None, b, cache) for b in BACKENDS}
    started = time.perf_counter()
    onnx_backend.export(specs["onnx-int8"].path, specs["onnx-int8"].artifacts, specs["onnx-int8"].cache_key)
    export_s = time.perf_counter() - started
    warm = texts[:64]
    for spec in specs.values():  # loads the model and warms it up; neither is timed
        encode(spec, warm)
    best = {b: float("inf") for b in BACKENDS}
    vectors = {}
    for _ in range(rounds):
        for backend, spec in specs.items():
            started = time.perf_counter()
            vectors[backend] = encode(spec, texts)
            best[backend] = min(best[backend], time.perf_counter() - started)
    cosine = (vectors["torch"] * vectors["onnx-int8"]).sum(axis=1)
    worst = int(np.argmin(cosine))
    return {"export_s": export_s, "best": best, "cos_min": float(cosine.min()), "cos_mean": float(cosine.mean()),
            "below_0_95": int((cosine < 0.95).sum()), "worst": texts[worst]}


def report(files: list[Path], out: Path, backend: str, cache: Path) -> tuple[dict, float]:
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    cmd = [sys.executable, "-m", "claimcheck", "report", *map(str, files), "--out", str(out), "--quiet",
           "--backend", backend, "--cache-dir", str(cache)]
    started = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, env=env)
    return json.loads((out / "report.json").read_text(encoding="utf-8")), time.perf_counter() - started


def score(pairs: list[str]) -> str:
    if not pairs or not SCORER.is_file():
        return "(no gold)"
    done = subprocess.run([sys.executable, str(SCORER), *pairs], capture_output=True, text=True, check=True)
    return done.stdout.strip().splitlines()[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds per backend (best counts)")
    args = parser.parse_args()
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        print("onnxruntime is not installed: pip install -e '.[onnx]'")
        return 1
    sets = all_sets()
    texts = sentences(sets)
    with tempfile.TemporaryDirectory(prefix="claimcheck-onnx-bench-") as tmp:
        tmp = Path(tmp)
        s = speed(texts, tmp / "speed-cache", args.rounds)
        rate = {b: len(texts) / s["best"][b] for b in BACKENDS}
        print(f"sentences: {len(texts)} distinct factual sentences of {len(sets)} sets "
              f"(seeds and every fixture set); {os.cpu_count()} cores")
        print(f"export + int8 quantization, once: {s['export_s']:.1f} s")
        for b in BACKENDS:
            print(f"encode {b:10s} {rate[b]:8.1f} sentences/s (best of {args.rounds} rounds, {s['best'][b]:.2f} s)")
        print(f"speed ratio onnx-int8 / torch: {rate['onnx-int8'] / rate['torch']:.2f}x")
        print(f"cosine onnx-int8 vs torch: min {s['cos_min']:.4f}, mean {s['cos_mean']:.4f}, "
              f"{s['below_0_95']} below 0.95; lowest: {s['worst'][:90]!r}")
        print()
        print("claimcheck report per set, each backend in its own fresh cache dir (the first onnx-int8 run")
        print("also exports the model; every run pays start-up, spaCy and extraction, not only the encoder):")
        print(f"{'set':28s} {'findings':>8s}  same ids+severities  torch s  onnx s")
        pairs = {b: [] for b in BACKENDS}
        differ = []
        total = {b: 0.0 for b in BACKENDS}
        for name, gold, files in sets:
            found, took = {}, {}
            for b in BACKENDS:
                out = tmp / "reports" / b / name
                data, took[b] = report(files, out, b, tmp / f"cache-{b}")
                total[b] += took[b]
                found[b] = sorted((f["id"], f["severity"]) for f in data["findings"])
                if gold is not None:
                    pairs[b] += [str(gold), str(out / "report.json")]
            same = found["torch"] == found["onnx-int8"]
            if not same:
                only_t = sorted(set(found["torch"]) - set(found["onnx-int8"]))
                only_o = sorted(set(found["onnx-int8"]) - set(found["torch"]))
                differ.append(f"{name}: only torch {only_t}, only onnx-int8 {only_o}")
            print(f"{name:28s} {len(found['torch']):4d}/{len(found['onnx-int8']):<4d} {'same' if same else 'DIFFERENT':>10s}"
                  f"          {took['torch']:6.1f}  {took['onnx-int8']:6.1f}")
        print(f"{'all (wall time)':28s} {'':30s}{total['torch']:6.1f}  {total['onnx-int8']:6.1f}")
        print()
        for b in BACKENDS:
            print(f"score {b:10s} {score(pairs[b])}")
        print("findings: " + ("the same on every set" if not differ else "DIFFERENT on " + "; ".join(differ)))
    return 0 if not differ else 1


if __name__ == "__main__":
    sys.exit(main())
