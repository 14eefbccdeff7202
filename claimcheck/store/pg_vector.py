"""numpy vectors to and from pgvector's `vector` type on a psycopg connection.

In pgvector's binary form (two 16-bit words: the length and zero, then big-endian float32s) a vector goes
over the wire as it is held, with no text to print and parse, and comes back bit for bit. (The `pgvector`
package does the same; this is the little of it the store needs, so the `scale` extra need not pull it in.)
"""
from __future__ import annotations

import struct

import numpy as np

_HEAD = struct.Struct(">HH")


def register_vector(conn) -> bool:
    """Teach `conn` the vector type: numpy arrays go as vectors (with the %b placeholder), vectors come back as
    float32 arrays. False when the database has no vector type (the extension is not in it)."""
    from psycopg.adapt import Dumper, Loader
    from psycopg.pq import Format
    from psycopg.types import TypeInfo

    info = TypeInfo.fetch(conn, "vector")
    if info is None:
        return False

    class VectorDumper(Dumper):
        format = Format.BINARY
        oid = info.oid

        def dump(self, obj) -> bytes:
            values = np.asarray(obj, dtype=">f4").ravel()
            return _HEAD.pack(values.size, 0) + values.tobytes()

    class VectorLoader(Loader):
        format = Format.BINARY

        def load(self, data) -> np.ndarray:
            size, _ = _HEAD.unpack_from(data)
            return np.frombuffer(data, dtype=">f4", count=size, offset=_HEAD.size).astype(np.float32)

    class VectorTextLoader(Loader):
        format = Format.TEXT

        def load(self, data) -> np.ndarray:
            return np.array(bytes(data).decode()[1:-1].split(","), dtype=np.float32)

    conn.adapters.register_dumper(np.ndarray, VectorDumper)
    conn.adapters.register_loader(info.oid, VectorLoader)
    conn.adapters.register_loader(info.oid, VectorTextLoader)
    return True
