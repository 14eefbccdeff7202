"""Progress bars: drawn on the stream given (stderr) when asked for, nothing at all when not, and the same
results either way; every slow stage of the flows draws one."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from claimcheck import progress
from claimcheck.ingest import input_digest, read_articles, read_inputs
from claimcheck.pipeline import analysis
from claimcheck.pipeline.engine import CompareJob, plan_blocks, run_block, run_blocks
from tests.conftest import FIXTURES, ROOT

SETS = [str(FIXTURES / "flood-figure-conflict"), str(FIXTURES / "factory-fire-mixed")]


def segments(text: str) -> list[str]:
    """What a terminal shows line by line: each \\r starts the line again."""
    return [part for line in text.split("\n") for part in line.split("\r")]


def test_progress_off_draws_nothing_and_never_imports_tqdm():
    code = (
        "import sys, io\n"
        "from claimcheck import progress\n"
        "out = io.StringIO()\n"
        "with progress.bar(3, 'Reading', False, file=out) as b:\n"
        "    b.update(); b.set_postfix_str('x')\n"
        "progress.reached(progress.bar(None, 'Reading', False))(1, 2)\n"
        "log = print\n"
        "assert progress.around_bars(log, False) is log\n"
        "print(repr(out.getvalue()), 'tqdm' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["''", "False"]
    assert done.stderr == ""


def test_a_bar_is_drawn_on_the_stream_given_and_cleared_when_done():
    out = io.StringIO()
    with progress.bar(3, "Reading files", True, unit="file", file=out) as b:
        for _ in range(3):
            b.update()
    text = out.getvalue()
    assert "Reading files:" in text and "/3" in text
    assert segments(text)[-2].strip() == "" and text.endswith("\r")  # leave=False: the line is blanked


def test_reached_moves_a_bar_to_the_count_and_total_given():
    out = io.StringIO()
    with progress.bar(None, "Reading files", True, file=out) as b:
        move = progress.reached(b)
        move(0, 4)
        assert (b.n, b.total) == (0, 4)
        move(3, 4)
        move(4, 4)
        assert (b.n, b.total) == (4, 4)


def test_a_line_logged_while_a_bar_runs_starts_a_line_of_its_own():
    out = io.StringIO()

    def log(line: str) -> None:
        out.write(line + "\n")

    with progress.bar(10, "Indexing", True, file=out) as b:
        b.update(5)
        log("glued")  # what a plain log does: the line goes on after the bar
        progress.around_bars(log, True, file=out)("said")
        b.update(5)
    shown = segments(out.getvalue())
    assert "said" in shown
    assert "glued" not in shown and any(s.startswith("Indexing") and s.endswith("glued") for s in shown)


def test_reading_files_reports_each_file_and_reads_the_same():
    seen: list[tuple[int, int]] = []
    with_calls = read_inputs(SETS, progress=lambda done, total: seen.append((done, total)))
    assert with_calls == read_inputs(SETS)
    files = sum(1 for s in SETS for p in Path(s).iterdir() if p.is_file())
    assert seen == [(done, files) for done in range(files + 1)]
    hashed: list[tuple[int, int]] = []
    assert input_digest(SETS, progress=lambda done, total: hashed.append((done, total))) == input_digest(SETS)
    assert hashed == seen


class Recorder:
    """Stands in for claimcheck.progress.bar: remembers each bar's total and what it was advanced by."""

    def __init__(self):
        self.bars: list[dict] = []

    def __call__(self, total, desc, enabled, **_):
        record = {"total": total, "desc": desc, "enabled": enabled, "done": 0}
        self.bars.append(record)

        class Bar(progress._Off):
            @property
            def n(self):
                return record["done"]

            def update(self, n=1):
                record["done"] += n

        return Bar()


@pytest.mark.parametrize("workers", [1, 2])
def test_the_analysis_bar_counts_every_block_and_changes_no_result(nlp, monkeypatch, workers):
    articles, _ = read_articles(SETS)
    blocks = sum(len(a.blocks) for a in articles)
    monkeypatch.setattr(analysis, "PARALLEL_MIN_BLOCKS", 0)
    plain_claims, plain_docs = analysis.analyse(articles, nlp, workers=workers)
    recorder = Recorder()
    monkeypatch.setattr(progress, "bar", recorder)
    claims, docs = analysis.analyse(articles, nlp, workers=workers, show_progress=True)
    assert claims == plain_claims
    assert {t: [(w.text, w.tag_, w.dep_, w.ent_type_) for w in d] for t, d in docs.items()} == \
        {t: [(w.text, w.tag_, w.dep_, w.ent_type_) for w in d] for t, d in plain_docs.items()}
    assert recorder.bars == [{"total": blocks, "desc": "Analysing", "enabled": True, "done": blocks}]
    assert analysis._done_in_workers is None  # nothing shared is left for the next run's workers


def test_the_analysis_bar_goes_to_stderr_only_when_asked(nlp, capsys):
    articles, _ = read_articles(SETS[:1])
    analysis.analyse(articles, nlp)
    assert capsys.readouterr() == ("", "")
    analysis.analyse(articles, nlp, show_progress=True)
    out, err = capsys.readouterr()
    assert out == "" and "Analysing:" in err


def test_the_compare_bar_counts_blocks_and_names_their_comparators(capsys):
    job = CompareJob((), np.zeros((0, 384), dtype=np.float32), {}, (), {})
    blocks = plan_blocks(job)
    expected = [run_block(job, block) for block in blocks]
    assert run_blocks(job, blocks) == expected
    assert capsys.readouterr() == ("", "")
    assert run_blocks(job, blocks, show_progress=True) == expected
    out, err = capsys.readouterr()
    assert out == "" and "Comparing:" in err and f"/{len(blocks)}" in err
    assert all(name in err for block in blocks for name in block.comparators)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from claimcheck.pipeline.settings import StoreSpec

    db = StoreSpec(tmp_path_factory.mktemp("progress") / "store").open(create=True)
    yield db
    db.close()


def flow_settings(show: bool, cache):
    from claimcheck.pipeline.settings import Settings

    return Settings(cache_dir=cache, show_progress=show)


def test_index_check_and_store_report_draw_their_bars_and_only_when_asked(store, embedding_cache, capsys):
    from claimcheck.pipeline.check import check_paths
    from claimcheck.pipeline.index import index_paths
    from claimcheck.pipeline.local import LocalEngine
    from claimcheck.pipeline.store_report import run_store

    engine = LocalEngine(workers=1)  # the flows' own bars only; the engine's are tested above
    lines: list[str] = []

    def log(line: str) -> None:
        lines.append(line)
        sys.stderr.write(line + "\n")

    result = index_paths(store, SETS[:1], flow_settings(True, embedding_cache), log, engine=engine)
    out, err = capsys.readouterr()
    assert result.added == 4 and out == ""
    assert "Reading files:" in err and "Indexing:" in err
    assert "indexed 4/4 articles" in segments(err)  # said between the bars, on a line of its own

    index_paths(store, SETS[1:], flow_settings(False, embedding_cache), log, engine=engine)
    assert "\r" not in capsys.readouterr().err

    checked = check_paths(store, SETS[:1], flow_settings(True, embedding_cache), engine=engine)
    out, err = capsys.readouterr()
    assert out == "" and "Reading files:" in err
    plain = check_paths(store, SETS[:1], flow_settings(False, embedding_cache), engine=engine)
    assert (plain.report.findings, plain.new_articles) == (checked.report.findings, checked.new_articles)
    assert capsys.readouterr() == ("", "")

    shown = run_store(store, flow_settings(True, embedding_cache), engine=engine)
    out, err = capsys.readouterr()
    assert out == "" and "Finding pairs:" in err
    quiet = run_store(store, flow_settings(False, embedding_cache), engine=engine)
    assert capsys.readouterr() == ("", "")
    assert quiet.findings == shown.findings and quiet.shared == shown.shared


def test_the_report_flow_draws_its_bars_and_only_when_asked(tmp_path, embedding_cache, capsys):
    from claimcheck.pipeline.local import LocalEngine
    from claimcheck.pipeline.report import run

    engine = LocalEngine(workers=1)
    quiet = run(SETS, flow_settings(False, None), engine=engine)
    assert capsys.readouterr() == ("", "")
    shown = run(SETS, flow_settings(True, tmp_path / "cache"), engine=engine)
    out, err = capsys.readouterr()
    assert out == "" and "Hashing files:" in err and "Reading files:" in err
    assert shown.findings == quiet.findings and shown.articles == quiet.articles
