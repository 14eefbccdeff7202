"""The one exception type for failures the user should see as a message, not a traceback, and how such a
message words what went wrong and the value it was about."""
from __future__ import annotations

import errno
import reprlib

# Bounded in length and depth: a value from a user's file may be a long string or a list nested deep.
_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = 60


class ClaimcheckError(Exception):
    """A user-facing failure: printed as one line, mapped to exit code 2 by the CLI."""

    exit_code = 2


def reason(exc: BaseException) -> str:
    """What went wrong, as a message says it: a system error in the system's words (lower case), with
    plainer ones for the two a user meets most when writing files."""
    if isinstance(exc, OSError):
        if exc.errno == errno.ENAMETOOLONG:
            return "the name is too long for the file system"
        if exc.errno == errno.ENOSPC:
            return "no space left on the device"
        return (exc.strerror or str(exc) or type(exc).__name__).lower()
    return str(exc) or type(exc).__name__


def shown(value) -> str:
    """A value from a user's file, for a message."""
    return _REPR.repr(value)
