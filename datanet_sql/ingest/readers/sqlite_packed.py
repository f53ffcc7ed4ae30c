"""Numbers an app packed as BLOBs: a SQLite column whose values are each a double's 8 bytes.

An app that serialises a number itself (Python's `struct.pack('<d', x)`, Java's
`ByteBuffer.putDouble`, big-endian) stores its IEEE 754 bytes, and SQLite keeps them as a
BLOB in a column declared BLOB (or not at all). Read as bytes they were the hex text
`0000000000f88440`, no number at all. Decoding them is a guess (eight bytes could be a
hash, a 64-bit id, a timestamp), so it is made only where it is safe: a column of BLOB
affinity holding BLOBs alone (`_LEAST` at least, NULL aside), every one eight bytes, and
every one in a sample (`_SAMPLE`, which is the whole column in most tables) a plausible
finite double in one byte order (0, or between `_SMALLEST` and `_LARGEST` in magnitude:
random bytes land there about one time in twenty, an integer's eight bytes as a tiny
subnormal, the other byte order's as a huge or tiny one). Such a column is read as doubles,
noted naming it, the byte order and a value. Where most of the sample is plausible but not
all of it, or both byte orders are with different values, the read is refused, naming the
column and a value; where few are (a column of hashes), its bytes stay hex as before
(`database.uuid_text`). A value past the sample that is not plausible refuses the read
too. A column the source's `columns:` declare is read as they say (text: the hex). The
counts are one aggregate scan over the BLOB-affinity columns, in SQLite (`length` of a BLOB
reads its size, not its bytes).
"""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass, field
from typing import Any

from sqlglot import exp

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.names import snake_case
from datanet_sql.ingest.readers.sql import column
from datanet_sql.ingest.readers.sqlite_blanks import affinity

_SIZE = 8           # a double's bytes
_LEAST = 3          # BLOBs a column holds before its bytes are read as doubles
_SAMPLE = 1000      # BLOBs decoded to decide
_SMALLEST, _LARGEST = 1e-9, 1e15   # the magnitudes of a plausible double (or 0)
_ORDERS = {"<": "little-endian", ">": "big-endian"}
_HINT = "declare the column text in the source's columns: to read its bytes as hex"


@dataclass
class Packed:
    """The columns read as packed doubles: {column: its byte order (struct's `<` or `>`)},
    and the notes saying so."""

    orders: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def read_as(db: Any, table: exp.Table, kinds: dict[str, str],
            user: dict[str, tuple[exp.DataType, str]], location: str) -> Packed:
    """The columns of `table` (in the SQLite file at `location`) to read as packed doubles
    (see the module docstring); `kinds`: each column's declared type; `user`: the source's
    `columns:`, parsed."""
    names = [n for n, kind in kinds.items()
             if affinity(kind) == "BLOB" and snake_case(n) not in user]
    if not names:
        return Packed()
    row = db.execute(exp.select(*(a for n in names for a in _counts(n)))
                     .from_(table).sql("sqlite")).fetchone()
    packed = Packed()
    for index, name in enumerate(names):
        blobs, eights, others = row[3 * index:3 * index + 3]
        if blobs < _LEAST or eights != blobs or others:
            continue
        sample = [r[0] for r in db.execute(
            exp.select(column(name)).from_(table).where(_is_blob(name)).limit(_SAMPLE)
            .sql("sqlite"))]
        order = _order(name, sample, location)
        if order:
            packed.orders[name] = order
            packed.notes.append(
                f"column {name}: declared {kinds[name] or 'without a type'}, its {blobs} "
                f"BLOB(s) each the eight bytes of a {_ORDERS[order]} double (as an app packs "
                f"a number): read as those numbers (e.g. {_decoded(order, sample[0])!r}); "
                f"{_HINT}")
    return packed


def unpack(name: str, order: str, values: list[Any], records: list[Any], location: str
           ) -> list[Any]:
    """A batch of the column `name` with its BLOBs read as doubles in byte `order`; one
    that is not a plausible double (past the sample decided on) refuses the read, naming
    its record (`records`: the batch's record numbers)."""
    decoded = [_decoded(order, v) if isinstance(v, bytes) else v for v in values]
    for record, value, number in zip(records, values, decoded):
        if isinstance(value, bytes) and not _plausible(number):
            raise IngestError(
                f"column {name}: record {record}'s BLOB (hex {value.hex()}) is {number!r} "
                f"as a {_ORDERS[order]} double, though the column's first BLOBs read as "
                f"plausible doubles: its bytes may not be numbers", file=location, hint=_HINT)
    return decoded


def _order(name: str, sample: list[bytes], location: str) -> str | None:
    """The byte order every BLOB of `sample` reads as a plausible double in; None where
    few read so in either (bytes that are no numbers); a refusal where it is unsure."""
    read = {order: [_decoded(order, v) for v in sample] for order in _ORDERS}
    sure = [order for order, numbers in read.items() if all(map(_plausible, numbers))]
    if len(sure) == 2 and read["<"] != read[">"]:
        raise IngestError(
            f"column {name}: its BLOBs of eight bytes read as plausible doubles in both byte "
            f"orders (e.g. {read['<'][0]!r} or {read['>'][0]!r}): which one is a guess",
            file=location, hint=_HINT)
    if sure:
        return sure[0]
    order = max(read, key=lambda o: sum(map(_plausible, read[o])))
    plausible = sum(map(_plausible, read[order]))
    if plausible * 2 <= len(sample):
        return None
    odd = next(v for v, n in zip(sample, read[order]) if not _plausible(n))
    raise IngestError(
        f"column {name}: {plausible} of its first {len(sample)} BLOBs of eight bytes read "
        f"as plausible {_ORDERS[order]} doubles, but not all (hex {odd.hex()} is "
        f"{_decoded(order, odd)!r}): whether they are numbers is a guess",
        file=location, hint=_HINT)


def _decoded(order: str, value: bytes) -> float:
    return struct.unpack(f"{order}d", value)[0]


def _plausible(number: float) -> bool:
    """Whether a decoded double is one an app stores: finite, 0 or of a magnitude data
    has (not a subnormal an integer's bytes make, nor the 1e200 that text's bytes do)."""
    return math.isfinite(number) and (number == 0 or _SMALLEST <= abs(number) < _LARGEST)


def _is_blob(name: str) -> exp.Expression:
    return exp.EQ(this=exp.func("typeof", column(name)), expression=exp.Literal.string("blob"))


def _counts(name: str) -> list[exp.Expression]:
    """How many of the column's values are BLOBs, BLOBs of eight bytes, and other values
    (NULL aside)."""
    def count(condition: exp.Expression) -> exp.Expression:
        return exp.Count(this=exp.Case(ifs=[exp.If(this=condition, true=exp.Literal.number(1))]))

    eight = exp.and_(_is_blob(name), exp.EQ(this=exp.func("length", column(name)),
                                            expression=exp.convert(_SIZE)))
    other = exp.and_(exp.not_(_is_blob(name)), exp.not_(exp.Is(this=column(name),
                                                                expression=exp.Null())))
    return [count(_is_blob(name)), count(eight), count(other)]
