"""The one exception type for failures the user should see as a message, not a traceback."""


class ClaimcheckError(Exception):
    """A user-facing failure: printed as one line, mapped to exit code 2 by the CLI."""

    exit_code = 2
