"""Bytes to text: UTF-8 or a byte-order mark when present, otherwise charset_normalizer's best guess.

A file cut off in the middle of a character, or UTF-8 with a few stray bytes of another encoding, is
still read; `Decoded.note` then says what was repaired, so the report can name the file.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass

from claimcheck.ingest.skip import Unreadable

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


@dataclass(frozen=True)
class Decoded:
    text: str
    note: str = ""  # what had to be repaired to read the file, in plain words; "" when nothing


def _as_cp1252(error: UnicodeDecodeError):
    # A byte that is not UTF-8 inside a UTF-8 file is nearly always Windows-1252 pasted in ("caf\xe9").
    return error.object[error.start:error.end].decode("cp1252", "replace"), error.end


codecs.register_error("claimcheck-cp1252", _as_cp1252)


def decode_text(data: bytes) -> str:
    return decode(data).text


def decode(data: bytes) -> Decoded:
    if not data.strip():
        raise Unreadable("empty file")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text, cut = _decode(data[len(bom):], codec)
            except UnicodeDecodeError:
                raise Unreadable(f"not valid {codec.upper()} although it starts with that byte-order mark") from None
            decoded = Decoded(text, _cut_note(cut, codec))
            break
    else:
        if b"\x00" in data:  # no text encoding without a byte-order mark puts NUL bytes in prose
            raise Unreadable("binary file")
        decoded = _utf8_or_guess(data)
    if not decoded.text.strip():
        raise Unreadable("empty file")
    return decoded


def _decode(data: bytes, codec: str, errors: str = "strict") -> tuple[str, int]:
    """The text, and how many bytes at the end are an incomplete character (a file cut off mid-character).

    An incremental decoder holds back such a tail instead of failing on it, and an invalid byte anywhere
    else still raises."""
    decoder = codecs.getincrementaldecoder(codec)(errors)
    text = decoder.decode(data, final=False)
    return text, len(decoder.getstate()[0])


def _cut_note(cut: int, codec: str) -> str:
    if not cut:
        return ""
    return (f"its last {cut} byte{'s' if cut > 1 else ''}, an incomplete {codec.upper()} character "
            f"(the file looks cut off); the rest was read")


def _utf8_or_guess(data: bytes) -> Decoded:
    try:
        text, cut = _decode(data, "utf-8")
        return Decoded(text, _cut_note(cut, "utf-8"))
    except UnicodeDecodeError as e:
        first_bad = e.start
    replaced = data.decode("utf-8", "replace")  # one U+FFFD per invalid byte sequence
    bad = replaced.count("\ufffd")
    wide = len(replaced) - len(replaced.encode("ascii", "ignore")) - bad  # characters UTF-8 did decode
    if wide <= bad:  # no sign of UTF-8: another encoding altogether
        return Decoded(_guess(data))
    text, cut = _decode(data, "utf-8", "claimcheck-cp1252")
    note = (f"not UTF-8 in {bad} place{'s' if bad > 1 else ''} (the first at byte {first_bad}): "
            f"those bytes were read as Windows-1252, the rest as UTF-8")
    return Decoded(text, "; ".join(filter(None, (note, _cut_note(cut, "utf-8")))))


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
