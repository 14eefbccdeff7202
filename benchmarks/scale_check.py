"""`claimcheck check` of one new article against a large corpus in PostgreSQL, beside the same check against
SQLite; the second part of benchmarks/scale.py.

The corpus is invented (tests/synthetic.py, as benchmarks/check_vs_report.py uses it) and indexed into both
stores once by `claimcheck index`, with one embedding cache, so the second index reads no model; a JSON note
in the work folder keeps the index times, and a rerun reuses the stores. Each check is a real subprocess
with an empty embedding cache of its own, as on a fresh CI runner: it pays start-up, loading spaCy and the
model, and embedding the new article's sentences. Checks of the two stores take turns.
"""
from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.synthetic import contradicting_article, write_corpus  # noqa: E402

SENTENCES = 8  # body sentences per article


def claimcheck(*args, cwd: Path) -> tuple[float, subprocess.CompletedProcess]:
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "claimcheck", *map(str, args)], check=False, cwd=cwd, env=env,
                          capture_output=True, text=True)
    took = time.perf_counter() - started
    if done.returncode not in (0, 1):
        sys.exit(f"claimcheck {' '.join(map(str, args))} failed (exit {done.returncode}):\n{done.stderr}")
    return took, done


def measure_check(work: Path, server, articles: int, runs: int) -> dict:
    folder = work / f"check_{articles}"
    folder.mkdir(parents=True, exist_ok=True)
    note_path = folder / "stores.json"
    note = json.loads(note_path.read_text()) if note_path.is_file() else {}
    corpus = folder / "corpus"
    if "corpus" not in note:
        shutil.rmtree(corpus, ignore_errors=True)
        write_corpus(corpus, articles, seed=0, sentences=SENTENCES)
        note["new"] = str(contradicting_article(folder / "new", seed=0, sentences=SENTENCES).relative_to(folder))
        note["corpus"] = articles
        note_path.write_text(json.dumps(note))
    new = folder / note["new"]
    stores = {"SQLite": folder / "sqlite-store", "PostgreSQL": server.database(f"check_{articles}")}
    print(f"\ncheck of one new article against {articles:,} invented articles of {SENTENCES} body sentences each "
          f"(tests/synthetic.py; about {articles * SENTENCES:,} sentences); new article {new.name}", flush=True)
    for name, store in stores.items():
        key = f"index {name}"
        if key not in note:  # never indexed, or an index that did not finish: `index` goes on from there
            took, done = claimcheck("index", corpus, "--store", store, "--cache-dir", folder / "cache",
                                    cwd=folder)
            summary = next((line for line in done.stderr.splitlines() if " added, " in line), "").strip()
            note[key] = {"seconds": took, "summary": summary}
            note_path.write_text(json.dumps(note))
            earlier = ""
        else:
            earlier = " (indexed by an earlier run)"
        print(f"  index into {name:<10} {note[key]['seconds']:8.1f} s{earlier}   {note[key]['summary']}", flush=True)

    times: dict[str, list[float]] = {name: [] for name in stores}
    related: dict[str, list[float]] = {name: [] for name in stores}
    findings: dict[str, set] = {}
    for run in range(runs):
        for name, store in stores.items():
            cache = folder / f"check-cache-{name}"
            shutil.rmtree(cache, ignore_errors=True)
            took, done = claimcheck("check", new, "--store", store, "--cache-dir", cache, "--format", "json",
                                    cwd=folder)
            data = json.loads(done.stdout)
            times[name].append(took)
            related[name].append(data["timing"].get("related", float("nan")))
            findings.setdefault(name, {(f["id"], f["kind"], f["severity"]) for f in data["findings"]})
            if run == 0:
                stages = ", ".join(f"{k} {v:.2f}s" for k, v in data["timing"].items() if not k.startswith("texts_"))
                print(f"  check, {name:<10} run 1: {took:6.2f} s, exit {done.returncode}, {len(data['findings'])} "
                      f"finding(s); stages: {stages}", flush=True)
    out = {}
    for name in stores:
        out[name] = {"median_s": statistics.median(times[name]), "related_median_s": statistics.median(related[name]),
                     "runs": times[name]}
        print(f"  check against {name:<10} median {out[name]['median_s']:6.2f} s of {runs} ("
              f"{', '.join(f'{t:.2f}' for t in times[name])}); finding the related articles in the store "
              f"(stage 'related') median {out[name]['related_median_s']:.2f} s", flush=True)
    same = len({frozenset(v) for v in findings.values()}) == 1
    print(f"  same findings from both stores: {'yes' if same else 'NO'}", flush=True)
    out["same_findings"] = same
    out["index"] = {name: note[f"index {name}"] for name in stores}
    return out
