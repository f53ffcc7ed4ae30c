"""Minitab's missing value, a lone `*` (`readers.missing_words.STAR`, `readers.csv_values`):
a quality engineer's worksheet saved as CSV had its five measurement columns with gaps read
as text. A column whose other values are all numbers, which outnumber its `*`, is numbers
with NULL at `*`, noted as other missing-value words are; a `*` that is a mark of its own
(ratings, significance stars, a flag in most rows) keeps its column as it was."""

from __future__ import annotations

from pathlib import Path

from ingest_helpers import load_folder, read_text

from datanet_sql.ingest.reading import read_source


def batches(gaps: dict[str, set[int]], rows: int = 30, delimiter: str = ",") -> str:
    """A worksheet of `rows` batches (`batch,yield,temp,pressure`), `*` in the `gaps` rows
    of each column."""
    def cell(name: str, i: int, value: str) -> str:
        return "*" if i in gaps.get(name, set()) else value

    lines = [delimiter.join(["batch", "yield", "temp", "pressure"])]
    lines += [delimiter.join([str(i), cell("yield", i, f"{40 + i / 4}"),
                              cell("temp", i, str(180 + i)), cell("pressure", i, f"{1.5 + i / 100}")])
              for i in range(rows)]
    return "\n".join(lines) + "\n"


def test_lone_stars_among_numbers_are_missing_noted(tmp_path: Path) -> None:
    result = read_text(tmp_path, batches({"yield": {0, 7}, "temp": {3, 4, 5}}), "worksheet.csv")
    table = result.table
    assert result.rejects == []
    assert str(table.schema.field("yield").type) == "double"
    assert str(table.schema.field("temp").type) == "int64"
    assert table.column("yield").to_pylist()[:3] == [None, 40.25, 40.5]
    assert table.column("yield").to_pylist()[7] is None
    assert table.column("temp").to_pylist()[2:7] == [182, None, None, None, 186]
    assert table.column("pressure").to_pylist()[:2] == [1.5, 1.51]
    path = tmp_path / "worksheet.csv"
    assert f"{path}: column yield: read as double (2 missing-value word(s) read as NULL: '*')" \
        in result.schema_notes
    assert f"{path}: column temp: read as integer (3 missing-value word(s) read as NULL: '*')" \
        in result.schema_notes
    assert not [n for n in result.schema_notes if "column pressure" in n]


def test_a_worksheet_loaded_holds_numbers_and_nulls(tmp_path: Path) -> None:
    """Loaded into a DuckDB file (whose own scan of a CSV must not load it otherwise)."""
    (tmp_path / "landing").mkdir()
    (tmp_path / "landing" / "worksheet.csv").write_text(batches({"temp": {1, 2}}, rows=5))
    adapter = load_folder(tmp_path, "replace")
    try:
        assert adapter.fetch("select batch, temp from shop.sales order by batch")[1] == \
            [(0, 180), (1, None), (2, None), (3, 183), (4, 184)]
    finally:
        adapter.close()


def test_a_tab_separated_worksheet_with_stars_and_other_words(tmp_path: Path) -> None:
    """Minitab's text export is tab-separated; a `*` beside an `NA` is missing too."""
    text = batches({"temp": {1, 2}}, delimiter="\t").replace("\t189\t", "\tNA\t")
    result = read_text(tmp_path, text, "worksheet.txt")
    assert result.table.column("temp").to_pylist()[:4] == [180, None, None, 183]
    assert result.table.column("temp").to_pylist()[9] is None
    assert f"{tmp_path / 'worksheet.txt'}: column temp: read as integer (3 missing-value " \
        "word(s) read as NULL: '*', 'NA')" in result.schema_notes


def test_star_ratings_stay_text(tmp_path: Path) -> None:
    """A hotel's stars, `*` to `***`: a text column, each value as written."""
    text = "hotel,stars,price\nAlba,*,40\nBrisa,**,55\nCosta,***,90\nDuna,*,38\n"
    result = read_text(tmp_path, text)
    assert result.table.column("stars").to_pylist() == ["*", "**", "***", "*"]
    assert result.table.column("price").to_pylist() == [40, 55, 90, 38]
    assert [n for n in result.schema_notes if "column stars" in n] == []


def test_significance_stars_stay_text(tmp_path: Path) -> None:
    """A model's coefficients beside their stars: the `*`-only column too keeps its marks."""
    text = ("term,estimate,p,sig,sig5\nage,1.2,0.04,*,*\nsex,0.3,0.5,,\n"
            "dose,2.1,0.001,***,*\nsite,0.9,0.03,*,\n")
    result = read_text(tmp_path, text)
    assert result.table.column("sig").to_pylist() == ["*", None, "***", "*"]
    assert result.table.column("sig5").to_pylist() == ["*", None, "*", None]
    assert str(result.table.schema.field("sig5").type) == "string"
    assert result.table.column("p").to_pylist() == [0.04, 0.5, 0.001, 0.03]
    assert [n for n in result.schema_notes if "column sig" in n] == []


def test_stars_in_most_of_a_column_keep_it_text_noted(tmp_path: Path) -> None:
    """`*` in as many rows as numbers or more may be a flag: kept as text, the note saying
    how to read it as missing; that option does so."""
    text = "id,flag\n1,*\n2,*\n3,5\n4,*\n5,*\n6,7\n"
    result = read_text(tmp_path, text, "flags.csv")
    assert result.table.column("flag").to_pylist() == ["*", "*", "5", "*", "*", "7"]
    assert f"{tmp_path / 'flags.csv'}: column flag: 4 value(s) are a lone '*' beside 2 " \
        "number(s): kept as text ('*' is Minitab's missing value, but in most of a column it " \
        "may be a mark of its own); to read '*' as missing, set options: {null_values: " \
        "['*', '']}" in result.schema_notes
    told = read_source(tmp_path / "flags.csv", None, {"null_values": ["*", ""]}, {})
    assert told.table.column("flag").to_pylist() == [None, None, 5, None, None, 7]


def test_a_star_inside_a_value_is_no_missing_mark(tmp_path: Path) -> None:
    """`12*` (a value flagged) and `**` among numbers keep the column text, as before."""
    text = "id,level\n1,12\n2,12*\n3,*\n4,15\n5,**\n" + "".join(
        f"{i},{i}\n" for i in range(6, 40))
    result = read_text(tmp_path, text)
    assert result.table.column("level").to_pylist()[:5] == ["12", "12*", "*", "15", "**"]
