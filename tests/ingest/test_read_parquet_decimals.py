"""Parquet files of one glob whose decimal column changes scale between deliveries (an old
system's `decimal(3,1)`, its upgrade's `decimal(6,3)`): read, and loaded, as the decimal
holding both, every value exact; past 38 digits as DOUBLE, noted. On real files."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from ingest_helpers import local_or_pg_place

from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load
from datanet_sql.ingest.reading import read_source


def delivery(folder: Path, name: str, values: list[str | None], precision: int, scale: int) -> Path:
    """A Parquet file of `id` and `tfr` (a decimal(precision, scale)) in `folder`."""
    folder.mkdir(exist_ok=True)
    path = folder / name
    tfr = pa.array(
        [None if v is None else Decimal(v) for v in values], pa.decimal128(precision, scale)
    )
    pq.write_table(pa.table({"id": list(range(len(values))), "tfr": tfr}), path)
    return path


def test_decimals_of_two_scales_are_read_as_the_decimal_holding_both(tmp_path: Path) -> None:
    delivery(tmp_path / "landing", "part-1.parquet", ["6.9", None, "99.9"], 3, 1)
    delivery(tmp_path / "landing", "part-2.parquet", ["3.210", "999.999"], 6, 3)
    result = read_source(tmp_path / "landing" / "*.parquet", None, {}, {})
    assert result.table.column("tfr").to_pylist() == [
        Decimal("6.9"),
        None,
        Decimal("99.9"),
        Decimal("3.21"),
        Decimal("999.999"),
    ]
    assert result.table.schema.field("tfr").type == pa.decimal128(6, 3)
    assert (
        "tfr: types differ between files (part-1.parquet: decimal128(3, 1), part-2.parquet: "
        "decimal128(6, 3)); decimal(3,1) and decimal(6,3) unified as decimal(6,3), which "
        "holds every value exactly" in result.schema_notes
    )


def test_neither_files_decimal_alone_holds_both_so_one_wider_than_either_is_taken(
    tmp_path: Path,
) -> None:
    """decimal(3,1) holds 99.9, decimal(3,3) holds 0.456: the one holding both needs two
    integer digits and three decimals, decimal(5,3) (DuckDB's own pick as well)."""
    delivery(tmp_path / "landing", "a.parquet", ["99.9"], 3, 1)
    delivery(tmp_path / "landing", "b.parquet", ["0.456"], 3, 3)
    result = read_source(tmp_path / "landing" / "*.parquet", None, {}, {})
    assert result.table.column("tfr").to_pylist() == [Decimal("99.9"), Decimal("0.456")]
    assert result.table.schema.field("tfr").type == pa.decimal128(5, 3)
    assert any(
        "decimal(3,1) and decimal(3,3) unified as decimal(5,3)" in n for n in result.schema_notes
    )


def test_decimals_no_decimal_of_38_digits_holds_are_read_as_double_noted(tmp_path: Path) -> None:
    """decimal(38,0) and decimal(10,5) together need 43 digits: DOUBLE, noted. DuckDB's scan
    over both files would first make them decimal(38,0), reading 1.23456 as 1: each file is
    read on its own, its column cast there (a column one file lacks still NULL there)."""
    delivery(tmp_path / "landing", "a.parquet", ["1" + "0" * 36, None], 38, 0)
    delivery(tmp_path / "landing", "b.parquet", ["1.23456"], 10, 5)
    pq.write_table(
        pq.read_table(tmp_path / "landing" / "b.parquet").append_column("unit", pa.array(["kg"])),
        tmp_path / "landing" / "b.parquet",
    )
    result = read_source(tmp_path / "landing" / "*.parquet", None, {}, {})
    assert result.table.to_pylist() == [
        {"id": 0, "tfr": 1e36, "unit": None},
        {"id": 1, "tfr": None, "unit": None},
        {"id": 0, "tfr": 1.23456, "unit": "kg"},
    ]
    assert any(
        "decimal(38,0) and decimal(10,5) unified as DOUBLE: no decimal of at most 38 "
        "digits holds them all, so the values are no longer exact" in n
        for n in result.schema_notes
    )


def test_one_scale_in_every_file_is_no_drift(tmp_path: Path) -> None:
    delivery(tmp_path / "landing", "a.parquet", ["6.9"], 3, 1)
    delivery(tmp_path / "landing", "b.parquet", ["2.5"], 3, 1)
    result = read_source(tmp_path / "landing" / "*.parquet", None, {}, {})
    assert result.table.schema.field("tfr").type == pa.decimal128(3, 1)
    assert not any("tfr" in n for n in result.schema_notes)


def test_a_glob_of_two_scales_loads_as_the_decimal_holding_both(tmp_path: Path) -> None:
    delivery(tmp_path / "landing", "part-1.parquet", ["6.9", None], 3, 1)
    delivery(tmp_path / "landing", "part-2.parquet", ["3.210"], 6, 3)
    with local_or_pg_place("duckdb", tmp_path, "dn_dec") as place:
        job = place.job(tmp_path, "un98", "replace", path="landing/*.parquet")
        assert load(place.adapter, job, reading).rows == 3
        types = {c.name: c.type.upper() for c in place.adapter.list_columns(job.relation)}
        assert types["tfr"] == "DECIMAL(6,3)"
        assert place.rows("un98", "id, tfr", "id, tfr") == [
            (0, Decimal("3.210")),
            (0, Decimal("6.900")),
            (1, None),
        ]


@pytest.mark.parametrize(
    ("later", "widened"),
    [
        ((["3.210", "999.999"], 6, 3), ["widened tfr DECIMAL(3, 1) -> DECIMAL(6, 3)"]),
        ((["0.456"], 3, 3), ["widened tfr DECIMAL(3, 1) -> DECIMAL(5, 3)"]),
        ((["2.5"], 2, 1), []),
    ],
)
def test_a_later_file_of_another_decimal_widens_the_loaded_column_to_hold_both(
    tmp_path: Path, later: tuple[list[str], int, int], widened: list[str]
) -> None:
    """Schema evolution widens a loaded decimal column as the reader unifies a glob's: to
    the decimal holding both (DuckDB's own supertype drops scale past 38 digits); a later
    file whose decimal the column already holds changes nothing."""
    delivery(tmp_path / "landing", "a.parquet", ["6.9", "99.9"], 3, 1)
    with local_or_pg_place("duckdb", tmp_path, "dn_dec") as place:
        job = place.job(tmp_path, "un98", "incremental_files", path="landing/*.parquet")
        load(place.adapter, job, reading)
        values, precision, scale = later
        delivery(tmp_path / "landing", "b.parquet", values, precision, scale)
        result = load(place.adapter, job, reading)
        assert result.notes == widened
        assert sorted(v for (v,) in place.rows("un98", "tfr")) == sorted(
            Decimal(v) for v in ["6.9", "99.9", *values]
        )
