"""NetCDF's default fill values in a CSV dumped from a NetCDF variable (`ncdump`, xarray,
CDO): 9.96921e+36 (float and double, as printed or in full), -2147483647 (int), -32767
(short) and -127 (byte) in a number column whose other values are far smaller are missing
values, read as NULL, each column noted with the count. Near misses (a fill value beside
values near it, a column of nothing else, a declared column) read as before. Files written
by the tests, read as datanet reads them."""

from __future__ import annotations

from pathlib import Path

from ingest_helpers import read_text

NOTE = ("column {} holds {} value(s) {}, netCDF's default fill value for a missing one, the "
        "column's other values far smaller: read as NULL (declare the column's type to keep "
        "them)")
# as ncdump prints a float variable's fill, its `_FillValue` named only in a `#` comment
PLANETS = ("# netcdf planets { variables: float eccen(planet) ;\n"
           "#   eccen:_FillValue = 9.96921e+36 ; }\n"
           "planet,mass,eccen\n"
           "1,0.12,0.0\n2,0.197,9.96921e+36\n3,0.21,0.34\n4,0.22,9.96921e+36\n")


def _notes(result) -> list[str]:
    """The notes without the file's path in front."""
    return [n.split(": ", 1)[1] for n in result.schema_notes]


def test_ncdump_float_fill_reads_null_and_is_noted(tmp_path: Path):
    result = read_text(tmp_path, PLANETS, "planets.csv")
    assert result.table.column("eccen").to_pylist() == [0.0, None, 0.34, None]
    assert result.table.column("mass").to_pylist() == [0.12, 0.197, 0.21, 0.22]
    assert str(result.table.schema.field("eccen").type) == "double"
    assert NOTE.format("eccen", 2, "9.96921e+36") in _notes(result)


def test_double_fill_in_full_and_integer_fills_read_null(tmp_path: Path):
    text = ("station,temp,count,flag\n"
            "a,9.969209968386869e+36,12,3\n"
            "b,14.5,-2147483647,-127\n"
            "c,15.25,40,5\n")
    result = read_text(tmp_path, text, "stations.csv")
    assert result.table.to_pylist() == [
        {"station": "a", "temp": None, "count": 12, "flag": 3},
        {"station": "b", "temp": 14.5, "count": None, "flag": None},
        {"station": "c", "temp": 15.25, "count": 40, "flag": 5}]
    notes = _notes(result)
    assert NOTE.format("temp", 1, "9.96921e+36") in notes
    assert NOTE.format("count", 1, "-2147483647") in notes
    assert NOTE.format("flag", 1, "-127") in notes


def test_short_fill_beside_values_near_it_is_kept(tmp_path: Path):
    # -32767 among values of the same order: data (a depth in mm), not a fill
    text = "id,depth,level\n1,-32767,-127\n2,-31000,-120\n3,-29000,90\n"
    result = read_text(tmp_path, text, "depths.csv")
    assert result.table.column("depth").to_pylist() == [-32767, -31000, -29000]
    assert result.table.column("level").to_pylist() == [-127, -120, 90]
    assert not any("fill value" in n for n in result.schema_notes)


def test_column_of_fills_only_and_text_columns_are_kept(tmp_path: Path):
    text = "id,value,code\n1,-32767,-127\n2,-32767,x\n"
    result = read_text(tmp_path, text, "only.csv")
    assert result.table.column("value").to_pylist() == [-32767, -32767]
    assert result.table.column("code").to_pylist() == ["-127", "x"]
    assert not any("fill value" in n for n in result.schema_notes)


def test_declared_column_keeps_the_fill(tmp_path: Path):
    from datanet_sql.ingest.reading import read_source

    (tmp_path / "planets.csv").write_text(PLANETS)
    result = read_source(tmp_path / "planets.csv", None, {}, {"eccen": "double"})
    assert result.table.column("eccen").to_pylist() == [0.0, 9.96921e+36, 0.34, 9.96921e+36]
    assert not any("fill value" in n for n in result.schema_notes)
