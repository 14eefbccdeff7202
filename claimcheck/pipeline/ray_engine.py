"""The Ray engine (`--engine ray`): spaCy and the model in a pool of Ray actors, the comparators as Ray tasks.

    analyse   articles in runs of about CHUNK_CHARS characters (at least one run an actor) to the actors,
              which load spaCy once; claims and DocBin docs come back and are merged in article order, as
              the local engine merges its workers' (so both give the same records)
    embed     the cache is looked up here; only the texts it lacks go to the actors, which load the model
              once, in runs of EMBED_CHUNK texts; vectors come back in the order asked
    compare   the job put in the object store once, one task a CompareBlock; the actors are ended first,
              for their CPUs are the tasks' now

The actors: one a CPU of the cluster, no more than there are runs to give them, started at the first call
and kept for the engine's life (`index` calls analyse and embed once a batch). A worker or node that dies:
its run goes to another actor (ray_pool), a comparison is run again by Ray (ray_workers); failing that,
one line. Connecting is left for the first call (`from_settings` starts nothing), to the cluster at
`ray_address` or else a Ray started on this machine for this run, without dashboard or usage reports;
`close()` ends what this engine started, never a cluster it joined.
"""
from __future__ import annotations

import logging
import math
import os
import signal
import threading
from collections.abc import Sequence

import numpy as np
import ray

from claimcheck.errors import ClaimcheckError, reason
from claimcheck.pipeline.engine import CompareBlock, Compared, CompareJob
from claimcheck.pipeline.ray_pool import ActorPool, wait_all
from claimcheck.pipeline.ray_workers import RemoteWorker, compare_block, pack

CHUNK_CHARS = 20_000  # of article text a run: a second or two of spaCy, many times a call's overhead
EMBED_CHUNK = 256  # texts a run to the model: four of its batches of 64
CONNECT_SECONDS = 10  # for the cluster's address to answer at all


class RayEngine:
    name = "ray"

    def __init__(self, address: str | None = None, show_progress: bool = False):
        self.address = address
        self.show_progress = show_progress  # Ray runs have no bar: work finishes on other machines in any order
        self._pool: ActorPool | None = None
        self._spec = None  # the model the actors preload, from the first analyse
        self._connected = False
        self._shutdown_at_close = False  # True when this engine called ray.init
        self._terminate = signal.SIG_DFL  # the SIGTERM handler before ray.init replaced it
        self._terminated = False

    @classmethod
    def from_settings(cls, settings) -> RayEngine:
        return cls(settings.ray_address, settings.show_progress)

    def analyse(self, articles: Sequence, spec=None) -> tuple[list, dict]:
        from claimcheck.extract.nlp import doc_list_from_bytes
        from claimcheck.pipeline.analysis import _chunks

        if not articles:
            return [], {}
        self._spec = self._spec or spec
        pool = self._actors(len(articles))
        chars = sum(len(a.text) for a in articles)
        count = max(len(pool.live), self._wanted(len(articles)), math.ceil(chars / CHUNK_CHARS))
        runs = _chunks(list(articles), min(len(articles), count))
        claims: list = []
        docs: dict = {}
        for run_claims, texts, run_docs in pool.map("analyse", "analyse", runs):
            claims.extend(run_claims)
            for text, doc in zip(texts, doc_list_from_bytes(run_docs)):
                docs.setdefault(text, doc)
        return claims, docs

    def embed(self, texts: Sequence[str], spec, cache):
        """What embed.embed_texts gives (the same cache use and EmbedStats), with the encoding done by the actors."""
        from claimcheck.embed import EmbedStats
        from claimcheck.embed.cache import text_hash

        hashes = [text_hash(t) for t in texts]
        distinct = dict(zip(hashes, texts))
        vectors = cache.get_many(spec.cache_key, list(distinct))
        missing = [h for h in distinct if h not in vectors]
        if missing:
            new = dict(zip(missing, self._encode([distinct[h] for h in missing], spec)))
            cache.put_many(spec.cache_key, new)
            vectors.update(new)
        matrix = np.stack([vectors[h] for h in hashes]) if hashes else np.zeros((0, 384), dtype=np.float32)
        return matrix, EmbedStats(len(texts), len(distinct), len(distinct) - len(missing), len(missing))

    def _encode(self, texts: list[str], spec) -> np.ndarray:
        # Longest first, as the model batches them: each run holds texts of about one length (little padding).
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        runs = [order[i : i + EMBED_CHUNK] for i in range(0, len(order), EMBED_CHUNK)]
        pool = self._actors(len(runs))
        done = pool.map("embed", "embed", [[texts[i] for i in run] for run in runs], spec)
        out = np.empty((len(texts), done[0].shape[1]), dtype=np.float32)
        for run, vectors in zip(runs, done):
            out[run] = vectors
        return out

    def compare(self, job: CompareJob, blocks: Sequence[CompareBlock]) -> list[Compared]:
        self._connect()
        if self._pool is not None:
            self._pool.release()
            self._pool = None
        packed = ray.put(pack(job))  # once: every block's task reads the same object
        return wait_all("compare", [compare_block.remote(packed, block) for block in blocks])

    def close(self) -> None:
        if self._pool is not None:
            self._pool.release()
            self._pool = None
        if self._shutdown_at_close:
            ray.shutdown()  # stops the Ray this engine started, or leaves the cluster it joined
            self._shutdown_at_close = self._connected = False
            if signal.getsignal(signal.SIGTERM) == self._on_sigterm:
                signal.signal(signal.SIGTERM, self._terminate)
            if self._terminated:
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                os.kill(os.getpid(), signal.SIGTERM)

    def _wanted(self, work: int) -> int:
        return min(work, int(ray.cluster_resources().get("CPU", 0)) or 1)

    def _actors(self, work: int) -> ActorPool:
        """The pool, grown to one actor a CPU of the cluster or one a run of `work`, whichever is fewer."""
        self._connect()
        if self._pool is None:
            spec = self._spec
            self._pool = ActorPool(lambda: RemoteWorker.remote(spec))
        self._pool.grow(self._wanted(work))
        return self._pool

    def _connect(self) -> None:
        if self._connected:
            return
        if ray.is_initialized():  # this process already joined a cluster (an application, a test): use it
            self._connected = True
            return
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # never report usage to anyone
        quiet = {"logging_level": logging.ERROR, "log_to_driver": False}
        if self.address and (why := unreachable(self.address)):
            raise ClaimcheckError(f"could not join the Ray cluster at {self.address}: {why} (check --ray-address "
                                  f"or ray_address in the config)")
        terminate = signal.getsignal(signal.SIGTERM)
        try:
            if self.address:
                ray.init(address=self.address, **quiet)
            else:
                from claimcheck.workers import available_cores

                # "local": a Ray of this run's own, never one some other program left running here.
                ray.init(address="local", num_cpus=available_cores(), include_dashboard=False, **quiet)
        except Exception as exc:  # noqa: BLE001 - Ray raises ConnectionError, RuntimeError, ValueError...
            first = reason(exc).splitlines()[0]
            if self.address:
                raise ClaimcheckError(f"could not join the Ray cluster at {self.address}: {first} (check "
                                      f"--ray-address or ray_address in the config)") from None
            raise ClaimcheckError(f"could not start Ray on this machine: {first} (run without --engine ray, "
                                  f"or give --ray-address of a running cluster)") from None
        self._connected = self._shutdown_at_close = True
        # Ray's own handler prints a stack dump and exits 1, this tool's "findings" code. Ours unwinds the run
        # (close() ends the Ray it started), then lets SIGTERM end the process as it ends a local run.
        if threading.current_thread() is threading.main_thread():
            self._terminate = terminate
            signal.signal(signal.SIGTERM, self._on_sigterm)

    def _on_sigterm(self, signum, frame) -> None:
        self._terminated = True
        raise SystemExit(128 + signum)


def unreachable(address: str) -> str | None:
    """Why nothing answers at a host:port address, or None. Ray itself would retry an address where nothing
    listens for ever, logging as it goes; "auto" and other forms are left to Ray."""
    import socket

    host, _, port = address.removeprefix("ray://").rpartition(":")
    if not host or not port.isdigit():
        return None
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=CONNECT_SECONDS).close()
    except OSError as exc:
        return f"nothing answers there ({reason(exc)})"
    return None
