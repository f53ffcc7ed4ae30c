"""A glob of Parquet files that spell a column's name otherwise: a Snowflake unload's
`LOG_RADON` beside pandas' `log_radon`, an export's `Order ID` beside `order_id`. One
column each, noted; a file holding two names alike but for case is refused, naming them.
Files whose names agree, or differ for real, read as before. On real files."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from datanet_sql.errors import IngestError
from datanet_sql.ingest.reading import read_source

HOMES = {"log_radon": [0.788, 0.788, 1.065], "basement": [1, 0, 1],
         "county_name": ["AITKIN", "AITKIN", "ANOKA"]}
MORE = {"log_radon": [2.116, 1.411], "basement": [0, 1], "county_name": ["MARSHALL", "MARTIN"]}


def write(path: Path, columns: dict[str, list]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table(columns), path)


def test_a_snowflake_unload_beside_pandas_files_is_one_column_per_name(tmp_path: Path) -> None:
    write(tmp_path / "radon" / "part-1.parquet", HOMES)
    write(tmp_path / "radon" / "part-2.parquet", {k.upper(): v for k, v in MORE.items()})
    result = read_source(tmp_path / "radon" / "*.parquet", None, {}, {})
    assert result.table.column_names == ["log_radon", "basement", "county_name"]
    assert result.table.to_pydict() == {k: HOMES[k] + MORE[k] for k in HOMES}
    assert result.schema_notes == [(
        "column names spelled otherwise in some files (in case, or so that the cleaned name "
        "is the same) read as one column each, named as the first file holding it names it: "
        "part-2.parquet: LOG_RADON as log_radon, BASEMENT as basement, COUNTY_NAME as "
        "county_name")]


def test_names_of_one_cleaned_name_are_one_column_their_types_and_partitions_kept(
        tmp_path: Path) -> None:
    """`Order ID` and `order_id` are both `order_id` in the warehouse; the second file's
    int64 widens the first's int32, and the Hive folders still give `year`."""
    write(tmp_path / "orders" / "year=2023" / "a.parquet",
          {"Order ID": pa.array([7, 8], pa.int32()), "Total": [9.5, 3.25]})
    write(tmp_path / "orders" / "year=2024" / "b.parquet",
          {"order_id": pa.array([4_000_000_000], pa.int64()), "TOTAL": [1.0]})
    result = read_source(tmp_path / "orders" / "*" / "*.parquet", None, {}, {})
    assert sorted(result.table.to_pylist(), key=lambda r: r["order_id"]) == [
        {"order_id": 7, "total": 9.5, "year": 2023},
        {"order_id": 8, "total": 3.25, "year": 2023},
        {"order_id": 4_000_000_000, "total": 1.0, "year": 2024}]
    assert "b.parquet: order_id as Order ID, TOTAL as Total" in result.schema_notes[0]
    assert any("Order ID: types differ between files" in n for n in result.schema_notes)


def test_files_spelling_names_alike_or_naming_other_columns_read_as_before(
        tmp_path: Path) -> None:
    """The near miss: `rate` and `rates` are two columns (their cleaned names differ),
    each NULL in the other file's rows, and nothing is said of spellings."""
    write(tmp_path / "rates" / "1.parquet", {"id": [1], "rate": [0.5]})
    write(tmp_path / "rates" / "2.parquet", {"id": [2], "rates": [0.25]})
    result = read_source(tmp_path / "rates" / "*.parquet", None, {}, {})
    assert result.table.to_pylist() == [{"id": 1, "rate": 0.5, "rates": None},
                                        {"id": 2, "rate": None, "rates": 0.25}]
    assert not any("spelled otherwise" in n for n in result.schema_notes)


def test_a_file_holding_two_names_alike_but_for_case_is_refused(tmp_path: Path) -> None:
    """DuckDB reads Parquet names blind to case: read, `rate` would hold `Rate`'s values."""
    write(tmp_path / "twin.parquet", {"Rate": [1.5, 2.5], "rate": [3.5, 4.5]})
    with pytest.raises(IngestError) as raised:
        read_source(tmp_path / "twin.parquet", None, {}, {})
    assert "twin.parquet" in str(raised.value)
    assert "columns 'Rate' and 'rate': one name but for case in one file" in str(raised.value)


def test_two_names_of_one_cleaned_name_no_file_spells_otherwise_stay_two_columns(
        tmp_path: Path) -> None:
    """The second file's `county_name` is the first's `county_name`, spelled alike."""
    write(tmp_path / "kept" / "1.parquet", {"County Name": ["A"], "county_name": ["a"]})
    write(tmp_path / "kept" / "2.parquet", {"county_name": ["b"]})
    result = read_source(tmp_path / "kept" / "*.parquet", None, {}, {})
    assert result.table.to_pydict() == {"county_name": ["A", None],
                                        "county_name_2": ["a", "b"]}
    assert not any("spelled otherwise" in n for n in result.schema_notes)


def test_another_file_spelling_such_a_name_a_third_way_is_refused(tmp_path: Path) -> None:
    """Which of the first file's two the `COUNTY_NAME` of the second continues is a guess."""
    write(tmp_path / "mixed" / "1.parquet", {"County Name": ["A"], "county_name": ["a"]})
    write(tmp_path / "mixed" / "2.parquet", {"COUNTY_NAME": ["B"]})
    with pytest.raises(IngestError) as raised:
        read_source(tmp_path / "mixed" / "*.parquet", None, {}, {})
    assert "1.parquet" in str(raised.value)
    assert ("columns 'County Name' and 'county_name' are one column once cleaned "
            "(county_name), and other files spell it 'COUNTY_NAME': which of them those "
            "continue cannot be told") in str(raised.value)
