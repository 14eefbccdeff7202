"""Progress bars on stderr for the stages that take a while, or nothing at all.

    with bar(len(files), "Reading files", enabled) as b:
        for f in files:
            ...
            b.update()

`enabled` is `Settings.show_progress` (stderr is a terminal and no --quiet). tqdm is imported only for a bar
that is shown: `--help` and a run without a terminal never pay for it. Bars go to stderr (stdout may carry
a report) and vanish when done (leave=False), so a log keeps only its lines.
"""
from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Self


class _Off:
    """What `bar` gives when progress is off: takes every call a tqdm bar takes here and draws nothing."""

    n = 0
    total = None

    def update(self, n: int = 1) -> None:
        pass

    def set_postfix_str(self, text: str = "", refresh: bool = True) -> None:
        pass

    def refresh(self) -> None:
        pass

    def close(self) -> None:
        pass

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        pass


OFF = _Off()


def bar(total: int | None, desc: str, enabled: bool, *, unit: str = "it", file=None):
    """A tqdm bar on `file` (None: stderr, looked up now) counting to `total`, or OFF when not `enabled`."""
    if not enabled:
        return OFF
    from tqdm import tqdm

    # No monitor thread: the analysis forks its workers, and no thread may run while it does.
    tqdm.monitor_interval = 0
    return tqdm(total=total, desc=desc, unit=unit, leave=False, dynamic_ncols=True,
                file=sys.stderr if file is None else file)


def reached(b) -> Callable[[int, int], None]:
    """A `progress(done, total)` callback (what ingest.read_inputs calls) that moves bar `b` there."""

    def move(done: int, total: int) -> None:
        if b.total != total:
            b.total = total
            b.refresh()  # a count out of how many, from the first file on
        if done > b.n:
            b.update(done - b.n)

    return move


def around_bars(log: Callable[[str], None], enabled: bool, file=None) -> Callable[[str], None]:
    """`log`, made to clear the bars on `file` (None: stderr) before a line and draw them again after, so a
    line said while a bar runs is not glued to the bar. `log` itself when progress is off."""
    if not enabled:
        return log

    def said(line: str) -> None:
        from tqdm import tqdm

        with tqdm.external_write_mode(file=sys.stderr if file is None else file):
            log(line)

    return said
