"""A SQLite BLOB column holding each number as a double's eight bytes (an app's
`struct.pack('<d', x)`, Java's big-endian `putDouble`): read as those doubles, noted,
never as their hex; refused where the bytes are mostly but not all plausible doubles.
Near misses that keep their hex as before: hashes of eight bytes, an integer's eight
bytes, UUIDs, a column the source's `columns:` declare text. On databases the tests
write."""

from __future__ import annotations

import hashlib
import sqlite3
import struct
import uuid
from pathlib import Path

import pytest

from datanet_sql.errors import IngestError
from datanet_sql.ingest.reading import read_source, read_table

SNOW = [671.0, 723.0, None, 551.5, 0.0, 12.25]


def station(path: Path, values: list[bytes | None], kind: str = "BLOB") -> Path:
    with sqlite3.connect(path) as db:
        db.execute(f"CREATE TABLE winters (id INTEGER PRIMARY KEY, total_snow {kind})")
        db.executemany("INSERT INTO winters VALUES (?, ?)", enumerate(values, start=1))
    db.close()
    return path


def packed(order: str, numbers: list[float | None]) -> list[bytes | None]:
    return [None if n is None else struct.pack(f"{order}d", n) for n in numbers]


def read(path: Path, columns: dict[str, str] | None = None):
    return read_source(path, "sqlite", {"source_table": "winters"}, columns or {})


@pytest.mark.parametrize(("order", "spelled"), [("<", "little-endian"), (">", "big-endian")])
def test_packed_doubles_are_read_as_numbers_noted(tmp_path: Path, order: str,
                                                  spelled: str) -> None:
    result = read(station(tmp_path / "s.sqlite", packed(order, SNOW)))
    assert str(result.table.schema.field("total_snow").type) == "double"
    assert result.table.column("total_snow").to_pylist() == SNOW
    assert (f"column total_snow: declared BLOB, its 5 BLOB(s) each the eight bytes of a "
            f"{spelled} double (as an app packs a number): read as those numbers (e.g. "
            f"671.0); declare the column text in the source's columns: to read its bytes as "
            f"hex") in result.schema_notes
    assert result.rejects == []


def test_a_column_without_a_type_is_read_so_too(tmp_path: Path) -> None:
    result = read(station(tmp_path / "s.sqlite", packed("<", SNOW), kind=""))
    assert result.table.column("total_snow").to_pylist() == SNOW
    assert any(n.startswith("column total_snow: declared without a type, its 5 BLOB(s)")
               for n in result.schema_notes)


def test_every_batch_reads_the_doubles(tmp_path: Path) -> None:
    batches = list(read_table("sqlite", str(station(tmp_path / "s.sqlite", packed("<", SNOW))),
                              "winters", {}, batch_rows=2))
    assert [b.table.column("total_snow").to_pylist() for b in batches] == [
        [671.0, 723.0], [None, 551.5], [0.0, 12.25]]


def test_mostly_plausible_doubles_are_refused_naming_the_column(tmp_path: Path) -> None:
    values = packed("<", SNOW) + [b"abcdefgh"]
    with pytest.raises(IngestError) as error:
        read(station(tmp_path / "s.sqlite", values))
    message = str(error.value)
    assert "column total_snow: 5 of its first 6 BLOBs of eight bytes read as plausible " \
           "little-endian doubles, but not all (hex 6162636465666768 is" in message
    assert "s.sqlite" in message
    assert "declare the column text in the source's columns:" in message


def test_an_odd_value_past_the_sample_refuses_the_read_naming_its_record(
        tmp_path: Path) -> None:
    values = packed("<", [float(i) for i in range(1, 1002)]) + [struct.pack("<q", 7)]
    with pytest.raises(IngestError) as error:
        read(station(tmp_path / "s.sqlite", values))
    assert "column total_snow: record 1002's BLOB (hex 0700000000000000) is 3.5e-323 as a " \
           "little-endian double" in str(error.value)


def test_declared_text_keeps_the_hex(tmp_path: Path) -> None:
    result = read(station(tmp_path / "s.sqlite", packed("<", SNOW)), {"total_snow": "text"})
    assert result.table.column("total_snow").to_pylist()[:2] == [
        "0000000000f88440", "0000000000988640"]
    assert not any("double (as an app packs" in n for n in result.schema_notes)


def hashes(count: int) -> list[bytes]:
    return [hashlib.blake2b(str(i).encode(), digest_size=8).digest() for i in range(count)]


@pytest.mark.parametrize("values", [
    hashes(20),                                                  # eight-byte hashes
    [struct.pack("<q", n) for n in (671, 723, 565, 551)],        # integers' eight bytes
    [struct.pack("<d", 1.5) * 2, struct.pack("<d", 2.5) * 2, struct.pack("<d", 3.0) * 2],
    packed("<", [1.5, 2.5]),                                     # too few to tell
], ids=["hashes", "int64", "sixteen_bytes", "two"])
def test_bytes_that_are_no_doubles_stay_hex(tmp_path: Path, values: list[bytes]) -> None:
    result = read(station(tmp_path / "s.sqlite", values))
    texts = result.table.column("total_snow").to_pylist()
    assert str(result.table.schema.field("total_snow").type) == "string"
    first = values[0]
    assert texts[0] == (str(uuid.UUID(bytes=first)) if len(first) == 16 else first.hex())
    assert not any("double (as an app packs" in n for n in result.schema_notes)
