"""Scale-out figures (issue 17): nearest-neighbour latency and recall of the SQLite store (sqlite-vec) against
the PostgreSQL store (pgvector HNSW) at 100,000 and 1,000,000 vectors, and `claimcheck check` of one new
article against a 100,000-sentence corpus in each store.

    .venv/bin/python benchmarks/scale.py --work DIR [--only PART ...]   # PART: neighbours, check, ray-index
    .venv/bin/python benchmarks/scale.py --quick                        # 5,000 vectors, a tiny corpus: < 1 min

PostgreSQL is a real server with pgvector that pgserver starts in DIR/pgdata (shared_buffers 4GB, as a
server of this machine's size would get). Everything built (stores, the server's databases, the corpus,
the embedding cache) stays in DIR, so a rerun with the same DIR measures again without loading or indexing
again; without --work a temporary folder is used and deleted. The first full run takes about two hours on 2
cores: indexing the corpus into both stores (about 25 minutes) and building HNSW indexes (a million vectors:
7 to 15 minutes each, four of them) take most of it; a rerun only measures, except for the builds.

neighbours: see scale_neighbours.py (what is timed) and scale_vectors.py (random and clustered vectors).
check: see scale_check.py.
ray-index: `index` of the 10,000-sentence corpus, the local engine against --engine ray: see scale_ray.py.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]  # claimcheck and tests; the scale_* modules beside this one

from scale_load import own_peak_rss  # noqa: E402
from scale_server import postgres  # noqa: E402

PARTS = ("neighbours", "check", "ray-index")
MIB = 1 << 20


def build_spec(text: str) -> tuple[int, int]:
    m, _, ef_construction = text.partition(":")
    try:
        return int(m), int(ef_construction)
    except ValueError:
        raise argparse.ArgumentTypeError(f"an HNSW build is M:EF_CONSTRUCTION, e.g. 16:64, not {text!r}") from None


def arguments(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", dest="parts", action="append", choices=PARTS, default=[],
                        help="measure only this part (may be given more than once; default: all)")
    parser.add_argument("--work", type=Path, help="keep stores, server and corpus here, for a rerun (default: a "
                                                  "temporary folder, deleted)")
    parser.add_argument("--quick", action="store_true", help="5,000 vectors and a corpus of 10 articles")
    parser.add_argument("--sizes", type=int, nargs="+", help="vector counts (default 100000 1000000)")
    parser.add_argument("--kinds", nargs="+", choices=["random", "clustered"], default=["random", "clustered"])
    parser.add_argument("--queries", type=int, help="timed queries per setting (default 200)")
    parser.add_argument("--ef-search", type=int, nargs="+", default=[40, 100, 200, 400])
    parser.add_argument("--builds", type=build_spec, nargs="+", default=[(16, 64), (16, 128), (32, 128)],
                        metavar="M:EF_C", help="HNSW builds tried up to 100,000 vectors (default 16:64 16:128 32:128)")
    parser.add_argument("--large-builds", type=build_spec, nargs="+", default=[(16, 64), (32, 128)], metavar="M:EF_C",
                        help="HNSW builds tried above 100,000 vectors, and on the corpus's vectors (default 16:64, "
                             "the store's and pgvector's default, and 32:128)")
    parser.add_argument("--maintenance-work-mem", default="4GB")
    parser.add_argument("--build-workers", type=int, default=1, help="max_parallel_maintenance_workers")
    parser.add_argument("--shared-buffers", default="4GB")
    parser.add_argument("--articles", type=int, help="corpus articles for the check (default 12500: 100,000 sentences)")
    parser.add_argument("--runs", type=int, help="checks per store (default 3; the median is printed)")
    args = parser.parse_args(argv)
    quick = args.quick
    args.parts = args.parts or list(PARTS)
    args.sizes = args.sizes or ([5000] if quick else [100_000, 1_000_000])
    args.queries = args.queries or (50 if quick else 200)
    args.articles = args.articles or (10 if quick else 12_500)
    args.runs = args.runs or (1 if quick else 3)
    if quick:
        args.builds = args.builds[:1]
        args.shared_buffers = None  # the server's default: a restart less
    return args


def ray_index(args, work: Path) -> dict:
    """`index` of the 10,000-sentence corpus (benchmarks/corpus.py), the local engine against --engine ray, in
    one run (scale_ray.py); Ray's overhead at most 15% of the local time (issue 17)."""
    from scale_ray import measure

    return measure(work / "ray-index", 300 if args.quick else 10_000, args.runs)


def neighbours(args, work: Path, server) -> list[dict]:
    """Every vector set at every size, then the check corpus's own vectors."""
    from scale_neighbours import Settings, measure
    from scale_vectors import HOLDOUT, VectorSet, corpus_set

    figures = []
    for size in args.sizes:
        settings = Settings(queries=args.queries, warmup=min(200, args.queries), ef_search=tuple(args.ef_search),
                            builds=tuple(args.builds if size <= 100_000 else args.large_builds),
                            maintenance_work_mem=args.maintenance_work_mem, workers=args.build_workers,
                            sqlite_queries=min(args.queries, 50))
        for kind in args.kinds:
            figures.append(measure(VectorSet(kind, size), work / "vectors", server, settings))
    # The real model's vectors of the check's corpus, when that part has built its store (it runs first).
    corpus = work / f"check_{args.articles}" / "sqlite-store"
    if not (corpus / "store.sqlite3").is_file():
        print(f"\ncorpus vectors: not measured (no store of the check's corpus in {corpus.parent}: measure the "
              f"check part first)")
    elif (vs := corpus_set(corpus)) is None:
        print(f"\ncorpus vectors: not measured (the check's corpus has too few sentences for {HOLDOUT} queries)")
    else:
        settings = replace(settings, builds=tuple(args.large_builds), queries=min(args.queries, HOLDOUT // 2),
                           warmup=min(200, HOLDOUT // 2))
        figures.append(measure(vs, work / "vectors", server, settings))
    return figures


def main(argv=None) -> None:
    args = arguments(argv)
    started = time.perf_counter()
    work = args.work.resolve() if args.work else Path(tempfile.mkdtemp(prefix="claimcheck-scale-"))
    (work / "vectors").mkdir(parents=True, exist_ok=True)
    figures: dict = {}
    try:
        with postgres(work / "pgdata", args.shared_buffers) as server:
            print(f"PostgreSQL {server.setting('server_version')} (pgserver), pgvector, shared_buffers "
                  f"{server.setting('shared_buffers')}; HNSW builds with maintenance_work_mem "
                  f"{args.maintenance_work_mem}, {args.build_workers} parallel worker(s); work folder {work}",
                  flush=True)
            if "check" in args.parts:  # first: its store's vectors are one of the neighbour part's sets
                from scale_check import measure_check

                figures["check"] = measure_check(work, server, args.articles, args.runs)
            if "neighbours" in args.parts:
                figures["neighbours"] = neighbours(args, work, server)
        if "ray-index" in args.parts:
            figures["ray-index"] = ray_index(args, work)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    if args.work:
        (work / "figures.json").write_text(json.dumps(figures, indent=1))
    print(f"\ntotal {time.perf_counter() - started:.0f} s; this process's peak RSS {own_peak_rss() / MIB:,.0f} MiB")


if __name__ == "__main__":
    main()
