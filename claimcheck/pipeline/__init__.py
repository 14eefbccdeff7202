"""Wires the stages together, one flow a command, each taking its settings, engine and store as arguments:

    settings  Settings: every option resolved once (command line over config over defaults), and StoreSpec
    engine    the Engine protocol (analyse, embed, compare), the engines by name, and the compare blocks
    local     LocalEngine: one process per core for spaCy (analysis), the model and comparators here
    prepare   articles analysed and embedded through an engine; the stage stopwatch
    report    `claimcheck report`: files in, a Report out (kept in the cache by report.memo)
    index     `claimcheck index`: bring a store in line with the article files
    check     `claimcheck check`: new articles against the related part of a store

No printing and no options read from globals: the CLI resolves the settings, opens the engine and the store,
and hands them in.
"""
from claimcheck.pipeline.analysis import analyse
from claimcheck.pipeline.check import CheckResult, check_paths
from claimcheck.pipeline.engine import ENGINES, Engine, open_engine
from claimcheck.pipeline.index import IndexResult, index_paths
from claimcheck.pipeline.local import LocalEngine
from claimcheck.pipeline.prepare import Prepared, prepare, stopwatch
from claimcheck.pipeline.report import run
from claimcheck.pipeline.settings import Settings, StoreSpec, resolve_settings

Options = Settings  # its name before the settings were resolved in one place

__all__ = ["ENGINES", "CheckResult", "Engine", "IndexResult", "LocalEngine", "Options", "Prepared", "Settings",
           "StoreSpec", "analyse", "check_paths", "index_paths", "open_engine", "prepare",
           "resolve_settings", "run", "stopwatch"]
