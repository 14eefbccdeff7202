"""Records to JSON and back, so the store keeps what the extractors found without pickling.

Pickle would run code from a store file that came with someone else's repository; JSON cannot. The codec is
driven by the dataclasses' own type hints, so a field added to a record needs no change here.
"""
from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import date
from functools import lru_cache


def dumps(record) -> str:
    return json.dumps(_plain(record), ensure_ascii=False, separators=(",", ":"))


def loads(cls, text: str):
    return _build(cls, json.loads(text))


def _plain(value):
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


@lru_cache(maxsize=None)
def _hints(cls) -> dict:
    return typing.get_type_hints(cls)


def _build(kind, data):
    if data is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        inner = [k for k in typing.get_args(kind) if k is not type(None)]
        return _build(inner[0], data)
    if origin is tuple:
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_build(args[0], v) for v in data)
        return tuple(_build(a, v) for a, v in zip(args, data))
    if dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        fields = {f.name for f in dataclasses.fields(kind) if f.init}
        return kind(**{k: _build(hints[k], v) for k, v in data.items() if k in fields})
    if kind is date:
        return date.fromisoformat(data)
    if kind is float and isinstance(data, int):
        return float(data)
    return data
