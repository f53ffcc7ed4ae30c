"""pandas' `to_csv` of columns of several levels, on files pandas writes here: one header
line, each column's labels joined by `_`, the index's names over its columns, noted (a
`groupby(...).agg([...])`, named column levels, a tab separator, an unnamed index, three
levels); options reading the file as told; near misses (a blank first column, a header over
a row of words, R's row names, pandas' plain frames) read as before."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from datanet_sql.ingest.reading import read_source

NOTE = "pandas' to_csv of columns of several levels"


def measured() -> pd.DataFrame:
    """Readings of two metals at two concentrations, three a group."""
    return pd.DataFrame({"metal": ["Ag"] * 6 + ["Cd"] * 3,
                         "conc": [0.5, 0.5, 0.5, 1.5, 1.5, 1.5, 0.5, 0.5, 0.5],
                         "bif": [1.0, 2.0, 3.0, 4.0, 4.0, 4.0, 7.5, 8.5, 9.5],
                         "lum": [10, 20, 30, 40, 50, 60, 70, 80, 90]})


def test_a_groupby_agg_frame(tmp_path: Path) -> None:
    path = tmp_path / "metals.csv"
    measured().groupby(["metal", "conc"])[["bif"]].agg(["mean", "std", "count"]).to_csv(path)
    result = read_source(path, None, {}, {})
    assert result.table.column_names == ["metal", "conc", "bif_mean", "bif_std", "bif_count"]
    assert result.table.to_pylist() == [
        {"metal": "Ag", "conc": 0.5, "bif_mean": 2.0, "bif_std": 1.0, "bif_count": 3},
        {"metal": "Ag", "conc": 1.5, "bif_mean": 4.0, "bif_std": 0.0, "bif_count": 3},
        {"metal": "Cd", "conc": 0.5, "bif_mean": 8.5, "bif_std": 1.0, "bif_count": 3}]
    assert str(result.table.schema.field("bif_count").type) == "int64"
    assert any(f"metals.csv: {NOTE}: header lines 1-3 read as one, each column's labels "
               f"joined by '_' (bif_mean, bif_std, bif_count), the index's 2 column(s)" in n
               for n in result.schema_notes)
    assert result.rejects == []


def test_named_column_levels_tab_separated(tmp_path: Path) -> None:
    path = tmp_path / "named.tsv"
    frame = measured().groupby(["metal", "conc"])[["bif", "lum"]].agg(["min", "max"])
    frame.columns.names = ["measure", "stat"]
    frame.to_csv(path, sep="\t")
    assert path.read_text().splitlines()[:3] == [
        "measure\t\tbif\tbif\tlum\tlum", "stat\t\tmin\tmax\tmin\tmax", "metal\tconc\t\t\t\t"]
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == [
        {"metal": "Ag", "conc": 0.5, "bif_min": 1.0, "bif_max": 3.0, "lum_min": 10,
         "lum_max": 30},
        {"metal": "Ag", "conc": 1.5, "bif_min": 4.0, "bif_max": 4.0, "lum_min": 40,
         "lum_max": 60},
        {"metal": "Cd", "conc": 0.5, "bif_min": 7.5, "bif_max": 9.5, "lum_min": 70,
         "lum_max": 90}]
    assert any(f"{NOTE}: header lines 1-3" in n for n in result.schema_notes)


def test_an_unnamed_index_and_three_levels(tmp_path: Path) -> None:
    path = tmp_path / "unnamed.csv"
    frame = measured().groupby(["metal", "conc"])[["bif"]].agg(["mean", "max"])
    frame.columns = pd.MultiIndex.from_tuples([("x", *c) for c in frame.columns])
    frame.index.names = [None, None]
    frame.to_csv(path)
    assert path.read_text().splitlines()[:4] == [
        ",,x,x", ",,bif,bif", ",,mean,max", "Ag,0.5,2.0,3.0"]
    result = read_source(path, None, {}, {})
    assert result.table.column_names == ["column_1", "column_2", "x_bif_mean", "x_bif_max"]
    assert result.table.column("x_bif_max").to_pylist() == [3.0, 4.0, 9.5]
    assert result.table.column("column_1").to_pylist() == ["Ag", "Ag", "Cd"]
    assert any(f"{NOTE}: header lines 1-3" in n for n in result.schema_notes)


def test_options_header_reads_the_file_as_told(tmp_path: Path) -> None:
    path = tmp_path / "told.csv"
    measured().groupby("metal")[["bif"]].agg(["mean", "max"]).to_csv(path)
    result = read_source(path, None, {"skip": 1, "header": True}, {})
    assert result.table.column_names[1:] == ["mean", "max"]
    assert not any(NOTE in n for n in result.schema_notes)


def test_near_misses_are_read_as_before(tmp_path: Path) -> None:
    blank = tmp_path / "blank.csv"   # a spreadsheet's empty first column
    blank.write_text(",name,name\n,Ann,Lee\n,Bo,Ek\n")
    result = read_source(blank, None, {}, {})
    assert result.table.column("column_2").to_pylist() == ["name", "Ann", "Bo"]
    assert not any(NOTE in n for n in result.schema_notes)
    words = tmp_path / "words.csv"   # a header over a row of words, then a short row
    words.write_text("id,a,a\nAnn,y,z\nBob,,\n")
    result = read_source(words, None, {}, {})
    assert result.table.to_pylist() == [{"id": "Ann", "a": "y", "a_2": "z"},
                                        {"id": "Bob", "a": None, "a_2": None}]
    assert not any(NOTE in n for n in result.schema_notes)
    rownames = tmp_path / "r.csv"   # R's write.csv with row names
    rownames.write_text('"","x","x"\n"1",2,3\n"2",4,5\n')
    result = read_source(rownames, None, {}, {})
    assert result.table.to_pylist() == [{"column_1": 1, "x": 2, "x_2": 3},
                                        {"column_1": 2, "x": 4, "x_2": 5}]
    assert not any(NOTE in n for n in result.schema_notes)
    plain = tmp_path / "plain.csv"   # pandas' frame of one column level, index named
    measured().groupby("metal")[["bif"]].mean().to_csv(plain)
    result = read_source(plain, None, {}, {})
    assert result.table.to_pylist() == [{"metal": "Ag", "bif": 3.0}, {"metal": "Cd", "bif": 8.5}]
    assert not any(NOTE in n for n in result.schema_notes)


def test_windows_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "windows.csv"
    frame = measured().groupby(["metal", "conc"])[["lum"]].agg(["sum", "count"])
    frame.to_csv(path, lineterminator="\r\n")
    result = read_source(path, None, {}, {})
    assert result.table.column("lum_sum").to_pylist() == [60, 150, 240]
    assert not any("line endings mixed" in n for n in result.schema_notes)


def test_classic_mac_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "mac.csv"
    frame = measured().groupby(["metal", "conc"])[["lum"]].agg(["sum", "count"])
    frame.to_csv(path, lineterminator="\r")
    result = read_source(path, None, {}, {})
    assert result.table.column("lum_count").to_pylist() == [3, 3, 3]
    assert result.table.column("metal").to_pylist() == ["Ag", "Ag", "Cd"]
