"""Bytes to text: UTF-8 or a byte-order mark when present, otherwise charset_normalizer's best guess."""
from __future__ import annotations

from claimcheck.ingest.skip import Unreadable

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def decode_text(data: bytes) -> str:
    if not data.strip():
        raise Unreadable("empty file")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError:
                raise Unreadable(f"not valid {codec.upper()} although it starts with that byte-order mark") from None
            break
    else:
        if b"\x00" in data:  # no text encoding without a byte-order mark puts NUL bytes in prose
            raise Unreadable("binary file")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _guess(data)
    if not text.strip():
        raise Unreadable("empty file")
    return text


def _guess(data: bytes) -> str:
    import charset_normalizer  # only for files that are not UTF-8

    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise Unreadable("binary file")
    # Short Western texts often fit several single-byte code pages equally well; cp1252 (a superset of
    # Latin-1 in practice) is by far the likeliest of them, so it wins ties.
    for m in matches:
        if m.encoding == "cp1252" and m.chaos <= best.chaos:
            best = m
    return str(best)
