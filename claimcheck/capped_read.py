"""Reading the small files a user points claimcheck at besides articles: the config, a facts file, a
baseline. Each is read whole and parsed in memory, so each has a size limit, and only a regular file is
read: `--facts /dev/zero` (or a link to it, which a pull request can add) would otherwise fill the memory,
and a pipe or a terminal could keep the run waiting for ever."""
from __future__ import annotations

import os
import stat
from pathlib import Path

from claimcheck.errors import ClaimcheckError, reason

MB = 1024 * 1024
# Far above any real file of the kind: a baseline of 100,000 findings is about 40 MB.
CONFIG_LIMIT = 1 * MB
FACTS_LIMIT = 16 * MB
BASELINE_LIMIT = 64 * MB


def read_capped(path: Path, what: str, limit: int) -> str:
    """The UTF-8 text of `path`, or a ClaimcheckError naming `what` and the file and saying what is wrong."""
    try:
        # O_NONBLOCK: opening a pipe with no writer would otherwise wait here; it is refused just below.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise ClaimcheckError(f"{what} {path}: no such file") from None
    except (IsADirectoryError, PermissionError, OSError, ValueError) as exc:
        raise ClaimcheckError(f"{what} {path}: cannot read it: {reason(exc)}") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise ClaimcheckError(f"{what} {path}: is a folder, not a file")
        if not stat.S_ISREG(mode):
            raise ClaimcheckError(f"{what} {path}: not a regular file (a device, pipe or socket); claimcheck reads "
                                  f"a {what} only from a regular file")
        data = b""
        while len(data) <= limit:  # a file still growing cannot get past the limit either
            chunk = os.read(fd, limit + 1 - len(data))
            if not chunk:
                break
            data += chunk
    except OSError as exc:
        raise ClaimcheckError(f"{what} {path}: cannot read it: {reason(exc)}") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise ClaimcheckError(f"{what} {path}: larger than {limit // MB} MB, the most claimcheck reads of a {what}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ClaimcheckError(f"{what} {path}: not UTF-8 text (byte {exc.start})") from None
