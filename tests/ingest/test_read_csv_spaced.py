"""Fields split by single spaces (R's `write.table(quote = FALSE, row.names = FALSE)`, a
tool's `sep = " "`): read split on the space, noted; prose, aligned tables and files with a
real delimiter read as before. On files written here as those tools write them."""

from __future__ import annotations

from pathlib import Path

import pytest

from datanet_sql.ingest.reading import read_source

CHILE = [("N", 175000, "M", 65, 1.0082, "Y"), ("N", 175000, "F", 29, -1.29617, "N"),
         ("SA", 250000, "F", None, -1.08507, "U")]


def write_table(path: Path, newline: str = "\n") -> Path:
    """`write.table(chile, path, quote = FALSE, row.names = FALSE)`: `NA` for missing."""
    lines = ["region population sex age statusquo vote"]
    lines += [" ".join("NA" if v is None else f"{v:g}" if isinstance(v, float) else str(v)
                       for v in row) for row in CHILE]
    path.write_text(newline.join(lines) + newline)
    return path


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_single_spaces_split_the_fields(tmp_path: Path, newline: str) -> None:
    path = write_table(tmp_path / "chile.txt", newline)
    result = read_source(path, None, {}, {})
    assert result.rejects == []
    assert [tuple(r.values()) for r in result.table.to_pylist()] == CHILE
    assert list(result.table.column_names) == [
        "region", "population", "sex", "age", "statusquo", "vote"]
    assert any("delimiter ' ' (R's write.table without quotes" in n and str(path) in n
               for n in result.schema_notes)


@pytest.mark.parametrize(
    "text",
    [
        # prose: a one-column file of sentences, word counts varying
        "notes\nThe pump failed at noon\nRestarted by hand\nAll good\n",
        # sentences that happen to have as many words as the first line: no names there
        "It was late.\nWe went home.\nShe ran fast.\n",
        # a header of numbers: a record, not names
        "1 2 3\n4 5 6\n7 8 9\n",
        # one name twice: no table's header
        "a a\n1 2\n3 4\n",
        # a record of another width
        "a b\n1 2\n3 4 5\n",
        # a single word per line: one column anyway
        "name\nx\ny\n",
    ],
)
def test_text_that_is_no_space_table_reads_as_one_column(tmp_path: Path, text: str) -> None:
    path = tmp_path / "near.txt"
    path.write_text(text)
    result = read_source(path, None, {}, {})
    assert len(result.table.column_names) == 1
    assert not any("delimiter ' '" in n for n in result.schema_notes)


def test_an_aligned_table_is_not_split_on_single_spaces(tmp_path: Path) -> None:
    """Columns padded by doubled spaces are a fixed-width table, read as before."""
    path = tmp_path / "aligned.txt"
    path.write_text("name   age  city\nann     31  Oslo\nbob      4  Rome\ncarla  102  Nice\n")
    result = read_source(path, None, {}, {})
    assert not any("delimiter ' '" in n for n in result.schema_notes)
    assert result.table.to_pylist() == [{"name": "ann", "age": 31, "city": "Oslo"},
                                         {"name": "bob", "age": 4, "city": "Rome"},
                                         {"name": "carla", "age": 102, "city": "Nice"}]


def test_a_real_delimiter_keeps_values_with_spaces(tmp_path: Path) -> None:
    path = tmp_path / "cities.csv"
    path.write_text("city name,country code\nNew York,US\nSao Paulo,BR\n")
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == [{"city_name": "New York", "country_code": "US"},
                                        {"city_name": "Sao Paulo", "country_code": "BR"}]
    assert not any("delimiter ' '" in n for n in result.schema_notes)


def test_a_space_separated_file_loads_into_a_warehouse(tmp_path: Path) -> None:
    from ingest_helpers import load_folder

    (tmp_path / "landing").mkdir()
    write_table(tmp_path / "landing" / "a.csv")
    adapter = load_folder(tmp_path, "replace")
    try:
        assert adapter.fetch("select region, age, statusquo from shop.sales order by age")[1] \
            == [("N", 29, -1.29617), ("N", 65, 1.0082), ("SA", None, -1.08507)]
    finally:
        adapter.close()
