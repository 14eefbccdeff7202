"""The one form in which a file name is shown: in reports, on the terminal, in the store and in article ids.

A name on disk is bytes. Python hands bytes that are not UTF-8 to us as lone surrogates ("caf\\udcff.txt"),
which no UTF-8 writer, JSON file or SQLite TEXT column accepts; and a name may hold control characters or
bidi overrides (U+202E) that make it read as something else. Each becomes U+FFFD here, once, at the ingest
boundary, so every output shows the same name. The real path is kept only to read the file's bytes.
"""
from __future__ import annotations

import os
import unicodedata

REPLACEMENT = "\ufffd"
# Unicode categories never shown as themselves: controls, format characters (bidi overrides, zero-width
# marks), surrogates, private use, unassigned; and the line and paragraph separators.
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def shown_name(path: str) -> str:
    """`path` as claimcheck shows it: undecodable bytes, controls and bidi marks as U+FFFD."""
    if path.isascii() and path.isprintable():  # the usual name: nothing to do
        return path
    try:  # the bytes the name stands for, read as UTF-8: one U+FFFD per undecodable sequence
        text = os.fsencode(path).decode("utf-8", "replace")
    except UnicodeError:  # a surrogate that is not an undecodable byte (only a caller can make one)
        text = path
    return "".join(REPLACEMENT if unicodedata.category(c) in _HIDDEN else c for c in text)
