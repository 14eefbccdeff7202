"""The encoder backends beside full-precision torch: encode speed, how close the vectors are, same findings or not.

    .venv/bin/python benchmarks/backends.py [--rounds 5] [--backend NAME ...] [--no-realnews]

Backends: torch-fp32 (the reference: the model at full precision), onnx (the default: the same model at
full precision on ONNX Runtime), torch (bfloat16 autocast on a processor with bfloat16 matrix instructions,
otherwise the same as torch-fp32) and onnx-int8 (when onnx is installed to export it).

Sentences: every factual sentence (what the pipeline embeds) of the shared seeds, of every fixture set and
of ../shared/realnews, distinct. The models are loaded first (the ONNX one exported into a temporary cache dir, timed on its
own), each encodes one warm-up batch, then they encode all the sentences in alternating rounds and the
best round of each counts (other work on the machine slows single rounds, never the best of several).

Findings: `claimcheck report` (a real subprocess, like a user) on the seeds, every fixture set and every
realnews event, with
each backend, each in its own cache dir; the finding ids and severities must be those of torch-fp32, and
every report is scored by ../shared/eval/score.py like benchmarks/accuracy.py does.
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

REFERENCE = "torch-fp32"


def backends() -> tuple[str, ...]:
    try:
        import onnx  # noqa: F401
    except ImportError:
        print("(onnx is not installed, so onnx-int8 is left out: pip install -e '.[onnx]')")
        return (REFERENCE, "onnx", "torch")
    return (REFERENCE, "onnx", "torch", "onnx-int8")


def all_sets(realnews: bool = True) -> list[tuple[str, Path | None, list[Path]]]:
    """Seeds, every fixture folder (with or without a gold file) and, unless told not to, every realnews event."""
    sets = [(name, gold, files) for group, name, gold, files in article_sets() if realnews or group != "realnews"]
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


def speed(texts: list[str], cache: Path, rounds: int, names: tuple[str, ...]) -> dict:
    import numpy as np

    from claimcheck.embed.encoder import encode, resolve_model

    specs = {b: resolve_model(None, b, cache) for b in names}
    export_s = None
    if "onnx-int8" in specs:
        from claimcheck.embed import onnx_backend

        spec = specs["onnx-int8"]
        started = time.perf_counter()
        onnx_backend.export(spec.path, spec.artifacts, spec.cache_key)
        export_s = time.perf_counter() - started
    warm = texts[:64]
    for spec in specs.values():  # loads the model and warms it up; neither is timed
        encode(spec, warm)
    best = {b: float("inf") for b in names}
    vectors = {}
    for _ in range(rounds):
        for backend, spec in specs.items():
            started = time.perf_counter()
            vectors[backend] = encode(spec, texts)
            best[backend] = min(best[backend], time.perf_counter() - started)
    close = {}
    for backend in names[1:]:
        cosine = (vectors[REFERENCE] * vectors[backend]).sum(axis=1)
        close[backend] = {"min": float(cosine.min()), "mean": float(cosine.mean()),
                          "below_0_95": int((cosine < 0.95).sum()), "worst": texts[int(np.argmin(cosine))]}
    return {"export_s": export_s, "best": best, "cosine": close,
            "precision": {b: spec.precision for b, spec in specs.items()}}


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
    parser.add_argument("--backend", action="append", default=[], help="only these besides torch-fp32 (repeatable)")
    parser.add_argument("--no-realnews", action="store_true", help="seeds and fixtures only")
    args = parser.parse_args()
    names = backends()
    if args.backend:
        names = (REFERENCE, *[b for b in names[1:] if b in args.backend])
    sets = all_sets(not args.no_realnews)
    texts = sentences(sets)
    with tempfile.TemporaryDirectory(prefix="claimcheck-backends-bench-") as tmp:
        tmp = Path(tmp)
        s = speed(texts, tmp / "speed-cache", args.rounds, names)
        rate = {b: len(texts) / s["best"][b] for b in names}
        print(f"sentences: {len(texts)} distinct factual sentences of {len(sets)} sets "
              f"(seeds, fixtures{'' if args.no_realnews else ', realnews'}); {os.cpu_count()} cores")
        if s["export_s"] is not None:
            print(f"onnx-int8 export + int8 quantization, once: {s['export_s']:.1f} s")
        for b in names:
            precision = f" ({s['precision'][b]})" if b.startswith("torch") else ""
            print(f"encode {b + precision:17s} {rate[b]:8.1f} sentences/s (best of {args.rounds} rounds, "
                  f"{s['best'][b]:.2f} s), {rate[b] / rate[REFERENCE]:.2f}x {REFERENCE}")
        for b, c in s["cosine"].items():
            print(f"cosine {b} vs {REFERENCE}: min {c['min']:.5f}, mean {c['mean']:.5f}, "
                  f"{c['below_0_95']} below 0.95; lowest: {c['worst'][:80]!r}")
        print()
        print("claimcheck report per set, each backend in its own fresh cache dir (the first onnx-int8 run")
        print("also exports the model; every run pays start-up, spaCy and extraction, not only the encoder):")
        others = names[1:]
        print(f"{'set':26s} {'findings':>8s}  " + "  ".join(f"same as fp32: {b:9s}" for b in others)
              + "  " + "  ".join(f"{b:>10s} s" for b in names))
        pairs = {b: [] for b in names}
        differ = []
        total = {b: 0.0 for b in names}
        for name, gold, files in sets:
            found, took = {}, {}
            for b in names:
                out = tmp / "reports" / b / name
                data, took[b] = report(files, out, b, tmp / f"cache-{b}")
                total[b] += took[b]
                found[b] = sorted((f["id"], f["severity"]) for f in data["findings"])
                if gold is not None:
                    pairs[b] += [str(gold), str(out / "report.json")]
            verdicts = []
            for b in others:
                same = found[b] == found[REFERENCE]
                verdicts.append(f"{'same' if same else 'DIFFERENT':>23s}")
                if not same:
                    only_r = sorted(set(found[REFERENCE]) - set(found[b]))
                    only_b = sorted(set(found[b]) - set(found[REFERENCE]))
                    differ.append(f"{name}: only {REFERENCE} {only_r}, only {b} {only_b}")
            print(f"{name:26s} {len(found[REFERENCE]):8d}  " + "  ".join(verdicts) + "  "
                  + "  ".join(f"{took[b]:12.1f}" for b in names))
        print(f"{'all (wall time)':26s} {'':10s}" + "  " * len(others) + " " * (25 * len(others))
              + "  ".join(f"{total[b]:12.1f}" for b in names))
        print()
        for b in names:
            print(f"score {b:10s} {score(pairs[b])}")
        print("findings: " + ("the same on every set, with every backend" if not differ else "DIFFERENT on " + "; ".join(differ)))
    return 0 if not differ else 1


if __name__ == "__main__":
    sys.exit(main())
