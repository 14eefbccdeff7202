"""What runs on the Ray cluster: the actor that analyses and embeds, and the task that runs comparators.

Imported by Ray on every node (by reference, so claimcheck must be installed there as here); it imports
spaCy, the model and the comparators only where they are used.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, replace

import ray

from claimcheck.pipeline.engine import CompareBlock, Compared, CompareJob, run_block

COMPARE_RETRIES = 3  # Ray runs a comparison again when its worker or node dies (a task has no state to lose)


class Worker:
    """spaCy loaded once, when the actor starts, and the model too when the run names it (as the local
    engine loads it while spaCy runs): the first batch does not wait for either."""

    def __init__(self, spec=None):
        from claimcheck.extract.nlp import load_nlp

        load_nlp()  # first: it hides torch while spaCy loads
        if spec is not None:
            from claimcheck.embed.encoder import preload

            preload(spec)  # a failure is left for embed, which gives its message

    def ready(self) -> bool:
        return True

    def analyse(self, articles) -> tuple:
        """Claims, sentence texts and their docs as DocBin bytes, as the local engine's workers give them."""
        from claimcheck.pipeline.analysis import _analyse_chunk

        return _analyse_chunk(articles)

    def embed(self, texts, spec):
        from claimcheck.embed.encoder import encode

        return encode(spec, list(texts))


# One CPU each: spaCy and the model run on one core per actor (Ray sets OMP_NUM_THREADS to match).
RemoteWorker = ray.remote(num_cpus=1, max_restarts=0, max_task_retries=0)(Worker)


@dataclass(frozen=True)
class PackedJob:
    """A CompareJob as it travels: the docs as DocBin bytes (a tenth of their pickle, and no vocabulary per
    doc), and a token that lets a worker running several blocks unpack it once."""

    token: str
    job: CompareJob  # without its docs
    doc_texts: tuple[str, ...]
    doc_bytes: bytes | None


def pack(job: CompareJob) -> PackedJob:
    if not job.docs:
        return PackedJob(uuid.uuid4().hex, job, (), None)
    from claimcheck.extract.nlp import docs_to_bytes

    return PackedJob(uuid.uuid4().hex, replace(job, docs=None), tuple(job.docs), docs_to_bytes(job.docs.values()))


_unpacked: dict[str, CompareJob] = {}  # the last job this worker process unpacked


def unpack(packed: PackedJob) -> CompareJob:
    if packed.token not in _unpacked:
        job = packed.job
        if packed.doc_bytes is not None:
            from claimcheck.extract.nlp import doc_list_from_bytes

            job = replace(job, docs=dict(zip(packed.doc_texts, doc_list_from_bytes(packed.doc_bytes))))
        _unpacked.clear()
        _unpacked[packed.token] = job
    return _unpacked[packed.token]


@ray.remote(num_cpus=1, max_retries=COMPARE_RETRIES)
def compare_block(packed: PackedJob, block: CompareBlock) -> Compared:
    return run_block(unpack(packed), block)
