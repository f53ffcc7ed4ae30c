"""pandas' index stored in a Parquet file as `__index_level_0__`, on files pandas writes
here: a filtered frame's row labels kept under pandas' name (data, noted), a stored
0..n-1 left out (noted), a RangeIndex (metadata only) and a named index read as columns
as they are, and a column of that name that no pandas metadata marks left alone."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from datanet_sql.ingest.reading import read_source

_FRAME = pd.DataFrame({"store": ["a", "b", "c", "d"], "sales": [10, 20, 30, 40]})


def _read(path):
    result = read_source(path, None, {}, {})
    return result.table, result.schema_notes


def test_a_filtered_frames_index_is_kept_under_pandas_name(tmp_path):
    """`df[df.sales != 20].to_parquet(path)`: the index 0, 2, 3 (the rows the filter kept)
    is data: kept last as `__index_level_0__`, not cleaned to `index_level_0`, noted. (Not
    a filter keeping an arithmetic run of rows: pandas 3 keeps that index a RangeIndex,
    stored in the metadata alone, where pandas 2 stores the column.)"""
    _FRAME[_FRAME.sales != 20].to_parquet(tmp_path / "kept.parquet")
    table, notes = _read(tmp_path / "kept.parquet")
    assert table.column_names == ["store", "sales", "__index_level_0__"]
    assert table.column("__index_level_0__").to_pylist() == [0, 2, 3]
    assert any(n.startswith("column(s) __index_level_0__: pandas' index") and
               "not 0..n-1" in n and "kept as data under pandas' name" in n for n in notes)


def test_a_stored_default_index_is_left_out(tmp_path):
    """`to_parquet(path, index=True)` of a frame with a RangeIndex stores 0..n-1 as a
    column: the row numbers, which carry nothing, left out, noted."""
    _FRAME.to_parquet(tmp_path / "numbered.parquet", index=True)
    assert "__index_level_0__" in pq.read_schema(tmp_path / "numbered.parquet").names
    table, notes = _read(tmp_path / "numbered.parquet")
    assert table.column_names == ["store", "sales"]
    assert table.column("sales").to_pylist() == [10, 20, 30, 40]
    assert any("unnamed and 0..n-1" in n and "left out" in n for n in notes)


def test_an_index_of_text_is_kept(tmp_path):
    """An unnamed index of labels (no integers) is data."""
    _FRAME.set_index("store").rename_axis(None).to_parquet(tmp_path / "labels.parquet")
    table, _ = _read(tmp_path / "labels.parquet")
    assert table.column_names == ["sales", "__index_level_0__"]
    assert table.column("__index_level_0__").to_pylist() == ["a", "b", "c", "d"]


def test_a_range_index_and_a_named_index_are_columns_as_written(tmp_path):
    """Near misses: a RangeIndex is metadata only (no column, nothing to do), a named
    index (`set_index("store")`) is the column `store`; neither is noted."""
    _FRAME.to_parquet(tmp_path / "range.parquet")
    _FRAME.set_index("store").to_parquet(tmp_path / "named.parquet")
    table, notes = _read(tmp_path / "range.parquet")
    assert table.column_names == ["store", "sales"]
    assert not any("pandas' index" in n for n in notes)
    table, notes = _read(tmp_path / "named.parquet")
    assert sorted(table.column_names) == ["sales", "store"]
    assert table.column("store").to_pylist() == ["a", "b", "c", "d"]
    assert not any("pandas' index" in n for n in notes)


def test_a_column_of_that_name_without_pandas_metadata_is_a_column(tmp_path):
    """A near miss: a file whose writer was not pandas (no pandas metadata) with a column
    called `__index_level_0__` holding 0..n-1: an ordinary column, cleaned as any other."""
    pq.write_table(pa.table({"__index_level_0__": [0, 1, 2], "v": [5, 6, 7]}),
                   tmp_path / "plain.parquet")
    table, notes = _read(tmp_path / "plain.parquet")
    assert table.column_names == ["index_level_0", "v"]
    assert table.column("index_level_0").to_pylist() == [0, 1, 2]
    assert not any("pandas' index" in n for n in notes)


def test_a_glob_leaves_the_index_out_only_when_every_file_counts_its_rows(tmp_path):
    """Parts each written with `index=True` (0..n-1 in each): left out; a part whose index
    is a filter's labels makes the index data in every file, kept."""
    (tmp_path / "even").mkdir()
    (tmp_path / "mixed").mkdir()
    for name, frame in {"p1": _FRAME[:2], "p2": _FRAME[2:].reset_index(drop=True)}.items():
        frame.to_parquet(tmp_path / "even" / f"{name}.parquet", index=True)
    _FRAME[:2].to_parquet(tmp_path / "mixed" / "p1.parquet", index=True)
    _FRAME[2:].to_parquet(tmp_path / "mixed" / "p2.parquet", index=True)
    table, _ = _read(tmp_path / "even" / "*.parquet")
    assert sorted(table.column_names) == ["sales", "store"]
    assert len(table) == 4
    table, _ = _read(tmp_path / "mixed" / "*.parquet")
    assert "__index_level_0__" in table.column_names
    assert sorted(table.column("__index_level_0__").to_pylist()) == [0, 1, 2, 3]
