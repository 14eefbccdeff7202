"""The local engine, the default: spaCy in one process per core, the model and the comparators in this one."""
from __future__ import annotations

import threading
from collections.abc import Sequence

from claimcheck.pipeline.analysis import analyse
from claimcheck.pipeline.engine import CompareBlock, Compared, CompareJob, run_blocks
from claimcheck.workers import available_cores


class LocalEngine:
    name = "local"

    def __init__(self, workers: int | None = None, show_progress: bool = False):
        self.workers = workers or available_cores()
        self.show_progress = show_progress
        self._loading: list[threading.Thread] = []
        self._encoder = None  # embed.encoder_process.EncoderProcess, for the default backend

    @classmethod
    def from_settings(cls, settings) -> LocalEngine:
        return cls(show_progress=settings.show_progress)

    def analyse(self, articles: Sequence, spec=None) -> tuple[list, dict]:
        if spec is not None and spec.backend == "onnx" and self.workers > 1 and self._encoder is None:
            from claimcheck.embed.encoder_process import EncoderProcess

            # Before spaCy: the model loads on the other core meanwhile (see encoder_process).
            self._encoder = EncoderProcess(spec, self.show_progress)
        from claimcheck.extract.nlp import load_nlp

        def meanwhile():
            if spec is not None and self._encoder is None:
                self._loading.append(preload_encoder(spec))

        return analyse(articles, load_nlp(), workers=self.workers, while_waiting=meanwhile,
                       show_progress=self.show_progress)

    def embed(self, texts: Sequence[str], spec, cache):
        from claimcheck.embed import embed_texts

        while self._loading:
            self._loading.pop().join()
        encoder = self._encoder if self._encoder is not None and self._encoder.spec == spec else None
        return embed_texts(list(texts), spec, cache, self.show_progress, encoder)

    def compare(self, job: CompareJob, blocks: Sequence[CompareBlock]) -> list[Compared]:
        return run_blocks(job, blocks, self.show_progress)

    def close(self) -> None:
        while self._loading:
            self._loading.pop().join()
        if self._encoder is not None:
            self._encoder.close()
            self._encoder = None


def preload_encoder(spec) -> threading.Thread:
    """Import torch and load the model in a thread, while the spaCy workers run: this process only waits
    for them, and the import alone costs seconds. A run with everything cached never gets here (its report
    is kept), and a new article almost always brings sentences to encode. A failure is left for the embed
    stage to report."""
    from claimcheck.embed.encoder import preload

    thread = threading.Thread(target=preload, args=(spec,), name="load-encoder", daemon=True)
    thread.start()
    return thread
