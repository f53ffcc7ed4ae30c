"""R's missing value `NA` by kind of file (`readers/csv_r_missing.py`): a bare `NA` is
missing where quoting tells it from the text `"NA"` (`write.csv`), and in the text columns
of an unquoted file whose number columns use it (`write.table(quote = FALSE)`); the near
misses keep the text 'NA'. On files written here as R writes them."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import invoke, query

from datanet_sql.ingest.reading import read_source

# write.csv(data.frame(name = c("a", "b", "c"), region = c("NA", NA, "EU"), n = c(1, NA, 3)))
WRITE_CSV = '"name","region","n"\n"a","NA",1\n"b",NA,NA\n"c","EU",3\n'
# write.table(chile, quote = FALSE, row.names = FALSE): NA for missing text and numbers
WRITE_TABLE = "region population age vote\nN 175000 65 Y\nNA 175000 NA NA\nSA 250000 29 N\n"


def write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


@pytest.mark.parametrize("text", [
    WRITE_CSV,
    # readr's write_csv before 2.1.3: quotes only the text NA (and what needs quotes)
    'name,region,n\na,"NA",1\nb,NA,NA\nc,EU,3\n',
])
def test_write_csv_bare_na_is_missing_and_quoted_na_is_text(tmp_path: Path, text: str) -> None:
    path = write(tmp_path / "regions.csv", text)
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == [{"name": "a", "region": "NA", "n": 1},
                                        {"name": "b", "region": None, "n": None},
                                        {"name": "c", "region": "EU", "n": 3}]
    assert any(str(path) in n and "column region: bare NA read as missing" in n
               and "a quoted \"NA\" kept as the text 'NA'" in n for n in result.schema_notes)
    assert not any("column name:" in n for n in result.schema_notes)


def test_write_csv_quoted_empty_text_stays_an_empty_string(tmp_path: Path) -> None:
    path = write(tmp_path / "regions.csv", '"name","region","n"\n"a","",1\n"b",NA,2\n')
    result = read_source(path, None, {}, {})
    assert result.table.column("region").to_pylist() == ["", None]


def test_quoted_na_alone_is_text_without_a_note(tmp_path: Path) -> None:
    path = write(tmp_path / "regions.csv", '"name","region","n"\n"a","NA",1\n"b","EU",2\n')
    result = read_source(path, None, {}, {})
    assert result.table.column("region").to_pylist() == ["NA", "EU"]
    assert not any("NA read as missing" in n for n in result.schema_notes)


def test_write_table_unquoted_na_in_text_is_missing_with_a_note(tmp_path: Path) -> None:
    path = write(tmp_path / "chile.txt", WRITE_TABLE)
    result = read_source(path, None, {}, {})
    assert result.table.column("region").to_pylist() == ["N", None, "SA"]
    assert result.table.column("vote").to_pylist() == ["Y", None, "N"]
    assert result.table.column("age").to_pylist() == [65, None, 29]
    for name in ("region", "vote"):
        assert any(str(path) in n and f"column {name}: 1 NA read as missing" in n
                   and f"columns: {{{name}: varchar}}" in n for n in result.schema_notes)


def test_the_notes_declaration_keeps_the_text(tmp_path: Path) -> None:
    path = write(tmp_path / "chile.txt", WRITE_TABLE)
    result = read_source(path, None, {}, {"region": "varchar"})
    assert result.table.column("region").to_pylist() == ["N", "NA", "SA"]
    assert result.table.column("vote").to_pylist() == ["Y", None, "N"]
    assert not any("column region: " in n for n in result.schema_notes)


def test_unquoted_text_na_is_kept_where_no_number_uses_na(tmp_path: Path) -> None:
    path = write(tmp_path / "countries.csv", "id,country,people\n1,NA,2540000\n2,FR,68000000\n")
    result = read_source(path, None, {}, {})
    assert result.table.column("country").to_pylist() == ["NA", "FR"]
    assert not any("NA read as missing" in n for n in result.schema_notes)


def test_null_values_option_is_the_users_word(tmp_path: Path) -> None:
    path = write(tmp_path / "regions.csv", WRITE_CSV)
    result = read_source(path, None, {"null_values": [""]}, {})
    assert result.table.column("region").to_pylist() == ["NA", "NA", "EU"]


def test_datanet_ingest_loads_write_csv_into_duckdb(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "landing").mkdir()
    (tmp_path / "datanet.yml").write_text("name: shop\n")
    (tmp_path / "targets.yml").write_text("dev: {type: duckdb, path: dw.duckdb}\n")
    (tmp_path / "sources" / "r.yml").write_text(
        "sources:\n  - name: r\n    tables:\n      - name: regions\n"
        "        path: landing/*.csv\n        load: {mode: incremental_files}\n")
    write(tmp_path / "landing" / "regions.csv", WRITE_CSV)
    done = invoke("ingest", "--project-dir", tmp_path)
    assert done.exit_code == 0, done.output
    assert query(tmp_path, "select name, region, n from r.regions order by name") == [
        ("a", "NA", 1), ("b", None, None), ("c", "EU", 3)]


def test_write_csv_columns_keep_the_types_the_na_gave_them(tmp_path: Path) -> None:
    """Only the NA changes: a date or logical column with a bare NA stays text, as before,
    rather than typed by a second sniff past the checks of day and month order."""
    path = write(tmp_path / "days.csv", '"name","day","ok"\n"a","03/04/2021",TRUE\n'
                                        '"b",NA,NA\n"c","05/06/2021",FALSE\n')
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == [
        {"name": "a", "day": "03/04/2021", "ok": "TRUE"},
        {"name": "b", "day": None, "ok": None},
        {"name": "c", "day": "05/06/2021", "ok": "FALSE"}]
