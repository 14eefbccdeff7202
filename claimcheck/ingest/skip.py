"""The one way a reading step says "this input cannot become an article"."""


class Unreadable(Exception):
    """Raised by a reading step; the message is the plain-words reason stored in `Skipped.reason`."""
