"""pandas' Parquet of `Period` columns (int64 ordinals marked with the Arrow extension
`pandas.period` and its frequency): read as each period's start, noted, for months,
fiscal quarters and years, weeks, days and hours; a frequency without a rule (business
days) kept as the integer with a note; a plain int64 column beside them left alone. Both
as a load reads the file and as a view over it. On files pandas writes here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from datanet_sql.ingest.readers.parquet import in_place
from datanet_sql.ingest.reading import read_source


def periods_file(path: Path) -> Path:
    """Three rows of periods of several frequencies, as `DataFrame.to_parquet` writes them."""
    pd.DataFrame({
        "month": pd.period_range("1982-04", periods=3, freq="M"),
        "fiscal_quarter": pd.period_range("2000Q1", periods=3, freq="Q-MAR"),
        "fiscal_year": pd.period_range("2000", periods=3, freq="Y-JUN"),
        "week": pd.period_range("1999-12-27", periods=3, freq="W-SAT"),
        "day": pd.period_range("1969-12-31", periods=3, freq="D"),
        "hour": pd.period_range("2000-01-01 05:00", periods=3, freq="h"),
        "spend": [342.4, 327.9, 335.7],
        "visits": [147, 148, 149],
    }).to_parquet(path, index=False)
    return path


STARTS = {
    "month": [dt.date(1982, 4, 1), dt.date(1982, 5, 1), dt.date(1982, 6, 1)],
    "fiscal_quarter": [dt.date(1999, 4, 1), dt.date(1999, 7, 1), dt.date(1999, 10, 1)],
    "fiscal_year": [dt.date(1999, 7, 1), dt.date(2000, 7, 1), dt.date(2001, 7, 1)],
    "week": [dt.date(1999, 12, 26), dt.date(2000, 1, 2), dt.date(2000, 1, 9)],
    "day": [dt.date(1969, 12, 31), dt.date(1970, 1, 1), dt.date(1970, 1, 2)],
    "hour": [dt.datetime(2000, 1, 1, h) for h in (5, 6, 7)],
    "spend": [342.4, 327.9, 335.7],
    "visits": [147, 148, 149],
}


def test_each_period_is_read_as_the_date_it_starts_as_pandas_counts_it(tmp_path: Path) -> None:
    result = read_source(periods_file(tmp_path / "cafe.parquet"), "parquet", {}, {})
    assert result.table.to_pydict() == STARTS
    assert result.table.schema.field("month").type == pa.date32()
    assert result.table.schema.field("hour").type == pa.timestamp("us")
    assert result.table.schema.field("visits").type == pa.int64()
    assert ("column month: pandas Period[M] in the file (stored as int64 counts of periods "
            "since 1970): read as the date each period starts") in result.schema_notes
    assert ("column hour: pandas Period[h] in the file (stored as int64 counts of periods "
            "since 1970): read as the timestamp each period starts") in result.schema_notes
    assert not any("visits" in note for note in result.schema_notes)


def test_a_view_over_the_file_reads_the_same_starts(tmp_path: Path) -> None:
    periods_file(tmp_path / "cafe.parquet")
    query = in_place(str(tmp_path / "cafe.parquet")).sql("duckdb")
    with duckdb.connect() as con:
        assert con.execute(f"SELECT month, week, visits FROM ({query})").fetchall() == list(
            zip(STARTS["month"], STARTS["week"], STARTS["visits"]))


@pytest.mark.filterwarnings("ignore::FutureWarning")  # pandas deprecates freq B
def test_business_days_are_kept_as_the_integer_and_noted(tmp_path: Path) -> None:
    path = tmp_path / "trading.parquet"
    pd.DataFrame({"day": pd.period_range("2000-01-03", periods=2, freq="B")}).to_parquet(
        path, index=False)
    result = read_source(path, "parquet", {}, {})
    assert result.table.column("day").to_pylist() == [7827, 7828]
    assert ("column day: pandas Period in the file (frequency B), stored as int64 counts of "
            "periods since 1970: kept as that integer (convert it in a model, or write the "
            "column as dates)") in result.schema_notes


def test_an_int64_column_with_other_field_metadata_is_left_alone(tmp_path: Path) -> None:
    """A near miss: a field carrying metadata of another extension stays its integers."""
    path = tmp_path / "counts.parquet"
    field = pa.field("month", pa.int64(), metadata={b"ARROW:extension:name": b"acme.count",
                                                    b"ARROW:extension:metadata": b"{}"})
    pq.write_table(pa.table([pa.array([147, 148])], schema=pa.schema([field])), path)
    result = read_source(path, "parquet", {}, {})
    assert result.table.column("month").to_pylist() == [147, 148]
    assert not any("Period" in note for note in result.schema_notes)
