"""The few ONNX protobuf messages bert_graph writes, encoded without the onnx package.

Importing onnx costs about 0.4 s (its numpy dtypes extension), a fifth of the budget of a one-article check,
to write what is a handful of fields in protobuf's wire format: varints and length-prefixed bytes. Field
numbers are onnx.proto's (onnx/onnx.proto3 in the onnx repository); the tests parse these bytes with the
onnx package and compare them with onnx.helper's messages, so a wrong number cannot go unnoticed.
"""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np

FLOAT, INT64 = 1, 7  # TensorProto.DataType
_ATTR_FLOAT, _ATTR_INT, _ATTR_INTS = 1, 2, 7  # AttributeProto.AttributeType
_DTYPES = {np.dtype(np.float32): FLOAT, np.dtype(np.int64): INT64}


def _varint(value: int) -> bytes:
    value &= (1 << 64) - 1  # negative int64s are written as their 64-bit two's complement, in 10 bytes
    out = bytearray()
    while value > 0x7F:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def _key(field: int, wire: int) -> bytes:
    return _varint(field << 3 | wire)


# A message is a list of byte chunks, joined once at the end: nesting copies no weights.
Message = list


def _int(field: int, value: int) -> Message:
    return [_key(field, 0) + _varint(value)]


def _size(message: Message) -> int:
    return sum(len(chunk) for chunk in message)


def _bytes(field: int, value: bytes | str | Message) -> Message:
    if isinstance(value, str):
        value = [value.encode("utf-8")]
    elif isinstance(value, bytes | memoryview):
        value = [value]
    return [_key(field, 2) + _varint(_size(value)), *value]


def _float(field: int, value: float) -> Message:
    return [_key(field, 5) + np.float32(value).astype("<f4").tobytes()]


def _joined(parts: Iterable[Message]) -> Message:
    return [chunk for part in parts for chunk in part]


def tensor(name: str, array: np.ndarray) -> Message:
    """TensorProto: dims 1, data_type 2, name 8, raw_data 9 (little-endian)."""
    array = np.ascontiguousarray(array, dtype=array.dtype.newbyteorder("<"))
    return _joined([*(_int(1, d) for d in array.shape), _int(2, _DTYPES[array.dtype.newbyteorder("=")]),
                    _bytes(8, name), _bytes(9, memoryview(array).cast("B"))])


def _attribute(name: str, value) -> Message:
    """AttributeProto: name 1, f 2, i 3, ints 8, type 20."""
    if isinstance(value, float):
        return _joined([_bytes(1, name), _float(2, value), _int(20, _ATTR_FLOAT)])
    if isinstance(value, int):
        return _joined([_bytes(1, name), _int(3, value), _int(20, _ATTR_INT)])
    return _joined([_bytes(1, name), *(_int(8, v) for v in value), _int(20, _ATTR_INTS)])


def node(op_type: str, inputs: list[str], outputs: list[str], **attributes) -> Message:
    """NodeProto: input 1, output 2, op_type 4, attribute 5 (sorted by name, as onnx.helper writes them)."""
    return _joined([*(_bytes(1, i) for i in inputs), *(_bytes(2, o) for o in outputs), _bytes(4, op_type),
                    *(_bytes(5, _attribute(k, attributes[k])) for k in sorted(attributes))])


def value_info(name: str, elem_type: int, dims: list[int | str]) -> Message:
    """ValueInfoProto name 1, type 2 -> TypeProto tensor_type 1 -> elem_type 1, shape 2 -> dim 1 ->
    dim_value 1 or dim_param 2."""
    shape = _joined(_bytes(1, _int(1, d) if isinstance(d, int) else _bytes(2, d)) for d in dims)
    return _joined([_bytes(1, name), _bytes(2, _bytes(1, _int(1, elem_type) + _bytes(2, shape)))])


def model(nodes: list[Message], initializers: list[Message], inputs: list[Message], outputs: list[Message], *,
          graph_name: str, ir_version: int, opset: int, producer: str) -> bytes:
    """ModelProto: ir_version 1, producer_name 2, graph 7, opset_import 8 (domain 1, version 2).
    GraphProto: node 1, name 2, initializer 5, input 11, output 12."""
    graph = _joined([*(_bytes(1, n) for n in nodes), _bytes(2, graph_name), *(_bytes(5, t) for t in initializers),
                     *(_bytes(11, i) for i in inputs), *(_bytes(12, o) for o in outputs)])
    opset_id = _joined([_bytes(1, ""), _int(2, opset)])
    return b"".join(_joined([_int(1, ir_version), _bytes(2, producer), _bytes(7, graph), _bytes(8, opset_id)]))
