"""NaN for a missing number in a CSV, as a LabVIEW PC writes it with Microsoft's C runtime
(`%E`: `2.760000E+001`, three exponent digits, the integer columns too; `NaN` for missing),
as numpy writes it (`nan`), and as that runtime's `printf` spells a NaN before Visual Studio
2015 (`1.#QNAN0E+000`, `-1.#IND00E+000`): read as NULL, each column noted with how many;
infinity kept. Near misses (the word `NaN` or `Nan` in a text column, a header named so, a
file of plain numbers) read as before. Files written by the tests, read, and loaded into
DuckDB by the warehouse's own scan (which gives the batch to the path that reads NaN as
NULL)."""

from __future__ import annotations

import math
from pathlib import Path

from ingest_helpers import load_landing, read_text

NAN_NOTE = ("column {} holds {} NaN value(s) (as LabVIEW, MATLAB, numpy and C's printf "
            "write a missing number): read as NULL")
# mice as a LabVIEW PC writes them with `%E` (MSVC: three exponent digits), NaN for missing
LABVIEW = ("body_weight,bone_density,sex,gen\n"
           "3.139000E+001,4.482576E-001,F,4.000000E+000\n"
           "3.798000E+001,NaN,F,8.000000E+000\n"
           "3.789000E+001,NaN,M,7.000000E+000\n"
           "2.747000E+001,3.685138E-001,M,1.100000E+001\n")


def _notes(result) -> list[str]:
    """The notes without the file's path in front."""
    return [n.split(": ", 1)[1] for n in result.schema_notes]


def test_labview_percent_e_with_nan_reads_numbers_and_null(tmp_path: Path):
    result = read_text(tmp_path, LABVIEW, "mice.csv")
    assert result.table.to_pylist() == [
        {"body_weight": 31.39, "bone_density": 0.4482576, "sex": "F", "gen": 4.0},
        {"body_weight": 37.98, "bone_density": None, "sex": "F", "gen": 8.0},
        {"body_weight": 37.89, "bone_density": None, "sex": "M", "gen": 7.0},
        {"body_weight": 27.47, "bone_density": 0.3685138, "sex": "M", "gen": 11.0}]
    assert str(result.table.schema.field("bone_density").type) == "double"
    assert NAN_NOTE.format("bone_density", 2) in _notes(result)


def test_numpy_nan_is_null_and_infinity_kept(tmp_path: Path):
    result = read_text(tmp_path, "x,y\n1.5,nan\n2.5,inf\n3.5,2.0\n", "savetxt.csv")
    assert result.table.column("x").to_pylist() == [1.5, 2.5, 3.5]
    y = result.table.column("y").to_pylist()
    assert y[0] is None and math.isinf(y[1]) and y[2] == 2.0
    assert NAN_NOTE.format("y", 1) in _notes(result)


def test_msvc_printf_nan_spellings_are_missing_words(tmp_path: Path):
    text = ("time,level\n0.000000E+000,2.760000E+001\n1.000000E+000,1.#QNAN0E+000\n"
            "2.000000E+000,-1.#IND00E+000\n3.000000E+000,2.810000E+001\n")
    result = read_text(tmp_path, text, "levels.csv")
    assert result.table.column("level").to_pylist() == [27.6, None, None, 28.1]
    assert ("column level: read as double (2 missing-value word(s) read as NULL: "
            "'-1.#IND00E+000', '1.#QNAN0E+000')") in _notes(result)


def test_near_misses_read_as_before(tmp_path: Path):
    words = read_text(tmp_path, "name,NaN\nNaN,1\nNan,2\nBob,3\n", "names.csv")
    assert words.table.to_pylist() == [{"name": "NaN", "na_n": 1}, {"name": "Nan", "na_n": 2},
                                       {"name": "Bob", "na_n": 3}]
    plain = read_text(tmp_path, "x,y\n1.000000E+000,2.5\n2.000000E+000,3.5\n", "plain.csv")
    assert plain.table.to_pylist() == [{"x": 1.0, "y": 2.5}, {"x": 2.0, "y": 3.5}]
    for result in (words, plain):
        assert not any("NaN value" in n or "missing-value" in n for n in result.schema_notes)


def test_a_labview_delivery_loads_nan_as_null_into_duckdb(tmp_path: Path):
    """incremental_files, run by run: the plain delivery, then the LabVIEW one; the
    warehouse's own scan met NaN in it and gave it to the path that reads it as NULL."""
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "mice-1.csv").write_text("body_weight,bone_density,sex,gen\n"
                                        "27.6,0.616,F,4\n23.03,,F,4\n")
    load_landing(tmp_path)[0].close()
    (landing / "mice-2.csv").write_text(LABVIEW)
    adapter, result = load_landing(tmp_path)
    assert result.rows == 4
    assert adapter.fetch("select body_weight, bone_density, gen from shop.sales "
                         "order by body_weight")[1] == [
        (23.03, None, 4), (27.47, 0.3685138, 11), (27.6, 0.616, 4), (31.39, 0.4482576, 4),
        (37.89, None, 7), (37.98, None, 8)]
    assert any(n.endswith(NAN_NOTE.format("bone_density", 2)) for n in result.read_notes)
