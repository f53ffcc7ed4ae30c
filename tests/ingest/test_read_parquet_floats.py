"""Parquet float32 columns read as the doubles of the decimals they were written from
(51.3, never the float32's bits widened: 51.29999923706055), noted naming the column and
the files; a double column, and the files storing a column as a double, as they were. A
view over the files reads them alike, and is refused where a float32 file sits beside a
double one. On files pyarrow writes here."""

from __future__ import annotations

import math
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.parquet import in_place
from datanet_sql.ingest.reading import read_source

WEIGHTS = [51.3, 68.2, 0.1, None]


def weighings(path: Path, weight: pa.DataType) -> Path:
    """A lab's weighings, `weight` of the type given, `tare` a double."""
    pq.write_table(pa.table({"litter": ["A", "B", "I", "J"],
                             "weight": pa.array(WEIGHTS, weight),
                             "tare": pa.array([0.1, 2.675, 1e300, None], pa.float64())}), path)
    return path


def note(files: str) -> str:
    return (f"column weight: float32 in {files}: read as DOUBLE holding each value as the "
            f"shortest decimal that reads back to it (51.3, not the float32's bits widened: "
            f"51.29999923706055)")


def test_a_float32_column_is_read_as_the_decimals_written(tmp_path: Path) -> None:
    result = read_source(weighings(tmp_path / "w.parquet", pa.float32()), "parquet", {}, {})
    assert result.table.schema.field("weight").type == pa.float64()
    assert result.table.column("weight").to_pylist() == WEIGHTS
    assert result.table.column("tare").to_pylist() == [0.1, 2.675, 1e300, None]
    assert note("w.parquet") in result.schema_notes
    assert not any("tare" in n for n in result.schema_notes)


def test_a_later_float32_file_reads_as_the_earlier_doubles(tmp_path: Path) -> None:
    weighings(tmp_path / "weighing-1.parquet", pa.float64())
    weighings(tmp_path / "weighing-2.parquet", pa.float32())
    result = read_source(tmp_path / "weighing-*.parquet", "parquet", {}, {})
    assert result.table.column("weight").to_pylist() == WEIGHTS + WEIGHTS
    assert note("weighing-2.parquet") in result.schema_notes


def test_nan_and_infinities_stay(tmp_path: Path) -> None:
    path = tmp_path / "odd.parquet"
    pq.write_table(pa.table({"weight": pa.array([math.nan, math.inf, -math.inf, 3.4028235e38],
                                                pa.float32())}), path)
    weights = read_source(path, "parquet", {}, {}).table.column("weight").to_pylist()
    assert math.isnan(weights[0]) and weights[1:] == [math.inf, -math.inf, 3.4028235e38]


def test_doubles_are_read_as_they_were_unnoted(tmp_path: Path) -> None:
    result = read_source(weighings(tmp_path / "w.parquet", pa.float64()), "parquet", {}, {})
    assert result.table.column("weight").to_pylist() == WEIGHTS
    assert not any("float32" in n for n in result.schema_notes)


def test_a_view_over_float32_files_reads_the_decimals_written(tmp_path: Path) -> None:
    weighings(tmp_path / "weighing-1.parquet", pa.float32())
    weighings(tmp_path / "weighing-2.parquet", pa.float32())
    query = in_place(str(tmp_path / "weighing-*.parquet")).sql("duckdb")
    with duckdb.connect() as con:
        assert con.execute(f"SELECT weight, tare FROM ({query}) LIMIT 4").fetchall() == list(
            zip(WEIGHTS, [0.1, 2.675, 1e300, None]))


def test_a_view_over_float32_beside_double_files_is_refused(tmp_path: Path) -> None:
    weighings(tmp_path / "weighing-1.parquet", pa.float64())
    weighings(tmp_path / "weighing-2.parquet", pa.float32())
    with pytest.raises(IngestError, match=r"column weight: stored otherwise from file to file "
                       r"\(weighing-1\.parquet: double, weighing-2\.parquet: float\)"):
        in_place(str(tmp_path / "weighing-*.parquet"))
