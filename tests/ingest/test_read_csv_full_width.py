"""Numbers typed in full-width forms (`readers.full_width`): a form's CSV with a few ages
typed `２５` (a Japanese input method in full-width mode) had the column read as text, and a
co-operative's second delivery typed so turned the loaded table's integer columns to text.
A column whose every value is a number once the forms are folded to ASCII is read as
numbers, noted; a column with any other value, or digits of another script, keeps its text
as written."""

from __future__ import annotations

from pathlib import Path

from ingest_helpers import load_landing, read_text

WIDE = str.maketrans("0123456789.-", "０１２３４５６７８９．－")


def wide(value: object) -> str:
    return str(value).translate(WIDE)


def survey(typed: set[int], rows: int = 40, age: str = "{}") -> str:
    """A form's answers (`id,age,weight,town`), the `typed` rows' age and weight full-width;
    `age` spells each age (`{}` standing for its digits)."""
    lines = ["id,age,weight,town"]
    for i in range(rows):
        years, kilos = age.format(20 + i), f"{60 + i / 2}"
        if i in typed:
            years, kilos = wide(years), wide(kilos)
        lines.append(f"{i},{years},{kilos},大阪")
    return "\n".join(lines) + "\n"


def note(path: Path, column: str, held: int, example: str, kind: str) -> str:
    return (f"{path}: column {column}: {held} value(s) written in full-width digits "
            f"(U+FF10-U+FF19, as an input method in full-width mode types them), such as "
            f"{example!r}; folded to ASCII every value is a number: read as {kind}")


def test_a_few_full_width_numbers_are_numbers_noted(tmp_path: Path) -> None:
    result = read_text(tmp_path, survey({2, 9, 31}), "form.csv")
    table = result.table
    assert str(table.schema.field("age").type) == "int64"
    assert str(table.schema.field("weight").type) == "double"
    assert table.column("age").to_pylist() == list(range(20, 60))
    assert table.column("weight").to_pylist()[:4] == [60.0, 60.5, 61.0, 61.5]
    assert table.column("town").to_pylist()[0] == "大阪"
    path = tmp_path / "form.csv"
    assert note(path, "age", 3, "２２", "integer") in result.schema_notes
    assert note(path, "weight", 3, "６１．０", "double") in result.schema_notes


def test_every_value_full_width_with_minus_blanks_and_missing_words(tmp_path: Path) -> None:
    text = "station,delta\nＡ,－１２．５\nＢ,\nＣ,NA\nＤ,３\n"
    result = read_text(tmp_path, text, "deltas.csv")
    assert result.table.column("delta").to_pylist() == [-12.5, None, None, 3.0]
    assert result.table.column("station").to_pylist() == ["Ａ", "Ｂ", "Ｃ", "Ｄ"]
    assert note(tmp_path / "deltas.csv", "delta", 2, "－１２．５", "double") in result.schema_notes


def test_a_full_width_number_past_duckdbs_type_sample(tmp_path: Path) -> None:
    """DuckDB types the column from its sample (20,480 rows): one number typed full-width
    after it is folded too, in the table read from every row."""
    lines = ["id,count"] + [f"{i},{i * 3}" for i in range(1, 30_001)] + [f"30001,{wide(123)}"]
    result = read_text(tmp_path, "\n".join(lines) + "\n", "late.csv")
    counts = result.table.column("count").to_pylist()
    assert (counts[0], counts[-1], len(counts)) == (3, 123, 30_001)
    assert str(result.table.schema.field("count").type) == "int64"
    assert note(tmp_path / "late.csv", "count", 1, "１２３", "integer") in result.schema_notes


def test_a_word_among_them_keeps_the_column_text(tmp_path: Path) -> None:
    """`２５歳` (25 years old) is no number: the column stays as written, noted as numbers
    but for a few values."""
    text = survey({2}).replace(",２２,", ",２２歳,")
    result = read_text(tmp_path, text, "form.csv")
    assert result.table.column("age").to_pylist()[:3] == ["20", "21", "２２歳"]
    assert not [n for n in result.schema_notes if "full-width" in n and "column age" in n]
    assert any("column age: 1 of 40 values are not numbers ('２２歳')" in n
               for n in result.schema_notes)


def test_other_scripts_digits_and_digits_inside_words_stay_text(tmp_path: Path) -> None:
    """Arabic-Indic digits (`٢٥`) are not folded; `第１工場` (plant no. 1) is a name."""
    text = "id,age,plant\n" + "".join(
        f"{i},{'٢٥' if i == 3 else 30 + i},第{wide(i % 3)}工場\n" for i in range(40))
    result = read_text(tmp_path, text)
    assert result.table.column("age").to_pylist()[3] == "٢٥"
    assert result.table.column("plant").to_pylist()[:2] == ["第０工場", "第１工場"]
    assert not [n for n in result.schema_notes if "full-width" in n]


def test_a_delivery_typed_full_width_keeps_the_integer_columns(tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "cane-1.csv").write_text("plot,shoots,block\n1,87,A\n2,119,A\n")
    adapter, _ = load_landing(tmp_path)
    try:
        (landing / "cane-2.csv").write_text(f"plot,shoots,block\n{wide(3)},{wide(209)},C\n"
                                            f"{wide(4)},{wide(96)},C\n", encoding="utf-8")
        adapter, result = load_landing(tmp_path)
        assert adapter.fetch("select plot, shoots, block from shop.sales order by plot")[1] == [
            (1, 87, "A"), (2, 119, "A"), (3, 209, "C"), (4, 96, "C")]
        assert [t for _, t in adapter.fetch(
            "select column_name, data_type from information_schema.columns "
            "where table_schema = 'shop' and table_name = 'sales' "
            "and column_name in ('plot', 'shoots')")[1]] == ["BIGINT", "BIGINT"]
        assert result.warnings == []
        assert any(n.startswith("column shoots: 2 value(s) written in full-width digits")
                   for n in result.read_notes)
        assert not [n for n in result.notes if "widened" in n]
    finally:
        adapter.close()
