"""MySQL's backslash-escaped text files (`SELECT ... INTO OUTFILE`, `mysqldump --tab`, no
`ENCLOSED BY`), on files written here as MySQL writes them: read unescaped (`\\,` a comma in
the value, `\\N` NULL, `\\\\` a backslash, a backslash before a line break or the tab
inside a value), the header kept, noted naming the columns; loaded into DuckDB, a grown
file's new lines too. Near misses whose backslashes are data (Windows paths and folders,
regexes, a quoted CSV, a lone `\\N`) are read as before; told so, records the escapes
split unevenly are refused, naming the file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from datanet_sql.adapters.base import Relation
from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.errors import IngestError
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import LoadJob, load
from datanet_sql.ingest.reading import read_source

NOTE = "MySQL backslash escapes read"


def mysql_field(value: Any, delimiter: str) -> str:
    """A value as `INTO OUTFILE` writes it without `ENCLOSED BY`: NULL `\\N`; the backslash,
    the delimiter and the line break after a backslash; NUL as `\\0`."""
    if value is None:
        return "\\N"
    text = str(value).replace("\\", "\\\\")
    for special in (delimiter, "\n"):
        text = text.replace(special, "\\" + special)
    return text.replace("\0", "\\0")


def outfile(path: Path, rows: list[list[Any]], delimiter: str = ",",
            newline: str = "\n") -> Path:
    path.write_text("".join(delimiter.join(mysql_field(v, delimiter) for v in row) + newline
                            for row in rows), newline="")
    return path


CARDS = [["good", "permonth", "income", "age"], ["B", 70, "[50, 75)", 37],
         ["A", 33, "[40, 50)", 42], ["C", 0, "[0, 10)", 17]]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_escaped_commas_are_values_and_the_header_is_kept(tmp_path: Path,
                                                          newline: str) -> None:
    result = read_source(outfile(tmp_path / "cards.csv", CARDS, newline=newline), None, {}, {})
    assert result.table.to_pylist() == [dict(zip(CARDS[0], row)) for row in CARDS[1:]]
    assert str(result.table.schema.field("age").type) == "int64"
    assert result.rejects == []
    notes = [n for n in result.schema_notes if NOTE in n]
    assert len(notes) == 1
    assert "cards.csv: " in notes[0] and "column(s) 3 'income'" in notes[0]
    assert "header on line 1" in " ".join(result.schema_notes)


def test_default_tab_outfile_with_every_escape(tmp_path: Path) -> None:
    """INTO OUTFILE's default: tab-separated, a tab and a line break inside a value after a
    backslash, backslashes doubled, NULL `\\N`; `\\t` `\\n` written by hand read as LOAD
    DATA reads them."""
    rows = [["id", "note", "qty"], [1, "has\ta tab", None], [2, "two\nlines", 3],
            [3, "C:\\data\\", 4], [4, "plain", None]]
    path = outfile(tmp_path / "notes.txt", rows, "\t")
    with path.open("a") as handle:
        handle.write("5\tletters\\tand\\nescapes\t\\N\n")
    result = read_source(path, "tsv", {}, {})
    assert result.table.to_pylist() == [
        {"id": 1, "note": "has\ta tab", "qty": None}, {"id": 2, "note": "two\nlines", "qty": 3},
        {"id": 3, "note": "C:\\data\\", "qty": 4}, {"id": 4, "note": "plain", "qty": None},
        {"id": 5, "note": "letters\tand\nescapes", "qty": None}]
    assert result.rejects == []
    note = next(n for n in result.schema_notes if NOTE in n)
    assert "delimiter '\\t'" in note and "'\\N' is NULL (column(s) 3 'qty')" in note


def test_a_headerless_outfile_is_not_shifted(tmp_path: Path) -> None:
    """INTO OUTFILE writes no header: a line without an escaped comma makes the plain
    reading uneven, the escaped one is even."""
    path = outfile(tmp_path / "plain.csv", [*CARDS[1:], ["D", 5, None, 51]])
    result = read_source(path, None, {}, {})
    assert result.table.column_names == ["column_1", "column_2", "column_3", "column_4"]
    assert result.table.column("column_3").to_pylist() == [
        "[50, 75)", "[40, 50)", "[0, 10)", None]
    assert any(NOTE in n for n in result.schema_notes)


def test_a_file_past_the_sample_is_read_whole(tmp_path: Path) -> None:
    rows = [["id", "band"]] + [[i, f"[{i}, {i + 5})"] for i in range(60_000)]
    path = outfile(tmp_path / "bands.csv", rows)
    assert path.stat().st_size > 1 << 20
    result = read_source(path, None, {}, {})
    assert result.table.num_rows == 60_000 and result.rejects == []
    assert result.table.slice(59_999).to_pylist() == [{"id": 59_999, "band": "[59999, 60004)"}]


@pytest.mark.parametrize(("text", "column", "values"), [
    # Windows paths: no backslash before a delimiter
    ("id,path,size\n1,C:\\data\\x.csv,5\n2,D:\\tmp\\y,6\n", "path",
     ["C:\\data\\x.csv", "D:\\tmp\\y"]),
    # folders ending in a backslash: escaped, every record would lose a field
    ("id,dir,size\n1,C:\\data\\,5\n2,D:\\tmp\\,6\n", "dir", ["C:\\data\\", "D:\\tmp\\"]),
    # regexes
    ("id,pattern\n1,^a\\d+$\n2,\\s*\\.\n", "pattern", ["^a\\d+$", "\\s*\\."]),
    # a quoted CSV: the comma after a backslash is inside quotes
    ('id,note\n1,"a\\, b"\n2,"c"\n', "note", ["a\\, b", "c"]),
    # every line one quoted field (saved again by Excel), its paths' backslashes data
    ('"id,path"\n"1,C:\\data"\n"2,D:\\tmp"\n', "path", ["C:\\data", "D:\\tmp"]),
    # a lone \N, no escaped delimiter: as before
    ("id,name\n1,\\N\n2,bo\n", "name", ["\\N", "bo"]),
])
def test_backslashes_that_are_data_are_read_as_before(tmp_path: Path, text: str, column: str,
                                                      values: list[str]) -> None:
    path = tmp_path / "data.csv"
    path.write_text(text)
    result = read_source(path, None, {}, {})
    assert result.table.column(column).to_pylist() == values
    assert result.rejects == []
    assert not any(NOTE in n for n in result.schema_notes)


@pytest.mark.parametrize(("text", "kept", "rejected"), [
    # a regex column: `\d` is no escape MySQL writes (it doubles a backslash that is data)
    ("id,pattern\n1,^\\d+$\n2,a\\,b\n", ["^\\d+$"], {"2"}),
    # LaTeX: `\,` a thin space beside `\alpha`, `\beta` (`\b` would read as a backspace)
    ("id,formula\n1,\\alpha\\,\\beta\n2,\\gamma\n", ["\\gamma"], {"1"}),
])
def test_a_backslash_before_a_letter_mysql_never_escapes_is_data(
        tmp_path: Path, text: str, kept: list[str], rejected: set[str]) -> None:
    """MySQL writes a backslash only before a backslash, the delimiter, a line break, `0`
    and `N` (and reads `t`, `n`, `r`, `b`, `Z`): one before any other character is data, so
    the file is no such export, even where an escaped reading would split it evenly. Read
    as before: the backslashes kept, the line a comma too many splits a reject."""
    path = tmp_path / "data.csv"
    path.write_text(text)
    result = read_source(path, None, {}, {})
    assert result.table.column(1).to_pylist() == kept
    assert {str(r.record_no) for r in result.rejects} == rejected
    assert not any(NOTE in n for n in result.schema_notes)


@pytest.mark.parametrize(("text", "plain", "escaped"), [
    ("1,C:\\,5\n2,D:\\,6\n", 3, 2), ("B,70,[50\\, 75)\nA,33,[40\\, 50)\n", 4, 3)])
def test_every_line_even_both_ways_is_read_as_before_and_said(
        tmp_path: Path, text: str, plain: int, escaped: int) -> None:
    """No header, a backslash before the delimiter on every line at one place: a column of
    drives (`C:\\`) or a headerless INTO OUTFILE, both readings even: read as before, the
    note naming the column and the options that read the escapes. (A folder `C:\\data\\`
    is data for sure: MySQL would have doubled the backslash before `d`.)"""
    path = tmp_path / "ambiguous.csv"
    path.write_text(text)
    result = read_source(path, None, {}, {})
    assert result.table.num_columns == plain and result.rejects == []
    assert result.table.column(f"column_{plain - 1}").to_pylist()[0].endswith("\\")
    assert not any(NOTE in n for n in result.schema_notes)
    doubt = [n for n in result.schema_notes if "every line holds a backslash" in n]
    assert len(doubt) == 1 and "ambiguous.csv: " in doubt[0]
    assert f"column(s) {plain - 1} end in one" in doubt[0]
    assert "{quote: '', escape: '\\\\'}" in doubt[0]
    told = read_source(path, None, {"quote": "", "escape": "\\"}, {})
    assert told.table.num_columns == escaped


def test_the_options_decide(tmp_path: Path) -> None:
    """`{quote: '', escape: '\\\\'}` reads the escapes with no evidence (only `\\N` and
    `\\\\` here); `{escape: ''}` reads the backslashes as data (the escaped comma then
    splits its row: a reject, as before)."""
    told = outfile(tmp_path / "told.csv", [["id", "name"], [1, None], [2, "a\\b"]])
    result = read_source(told, None, {"quote": "", "escape": "\\"}, {})
    assert result.table.to_pylist() == [{"id": 1, "name": None}, {"id": 2, "name": "a\\b"}]
    assert any(NOTE in n and "as the options say" in n for n in result.schema_notes)
    assert not any(NOTE in n for n in read_source(told, None, {}, {}).schema_notes)
    off = read_source(outfile(tmp_path / "off.csv", CARDS), None, {"escape": ""}, {})
    assert not any(NOTE in n for n in off.schema_notes)
    assert off.table.to_pylist() != [dict(zip(CARDS[0], row)) for row in CARDS[1:]]


def job(root: Path, path: str, mode: str) -> LoadJob:
    spec = {"mode": mode, "primary_key": [], "cursor": None, "path": path, "dsn": None,
            "format": None, "source_table": None, "options": {}, "on_bad_row": "reject",
            "columns": {}}
    return LoadJob("shop", "cards", Relation("cards", "shop"), "main", root, spec)


def test_loaded_into_duckdb_and_a_grown_file_reads_its_new_lines_alike(
        tmp_path: Path, adapter: DuckDBAdapter) -> None:
    path = outfile(tmp_path / "cards.csv", CARDS)
    first = load(adapter, job(tmp_path, "cards.csv", "append"), reading)
    assert first.rows == 3 and any(NOTE in n for n in first.read_notes)
    with path.open("a") as handle:   # appended with no escaped comma: still unescaped
        handle.write("D,5,\\N,51\nE,6,back\\\\slash,52\n")
    assert load(adapter, job(tmp_path, "cards.csv", "append"), reading).rows == 2
    assert adapter.fetch("select good, income, age from shop.cards order by good")[1] == [
        ("A", "[40, 50)", 42), ("B", "[50, 75)", 37), ("C", "[0, 10)", 17),
        ("D", None, 51), ("E", "back\\slash", 52)]


def test_a_folder_of_outfiles_loads_each_unescaped(tmp_path: Path,
                                                  adapter: DuckDBAdapter) -> None:
    (tmp_path / "landing").mkdir()
    outfile(tmp_path / "landing" / "a.csv", CARDS[:2])
    outfile(tmp_path / "landing" / "b.csv", [CARDS[0], *CARDS[2:]])
    result = load(adapter, job(tmp_path, "landing/*.csv", "incremental_files"), reading)
    assert result.rows == 3 and result.rejects == 0
    assert adapter.fetch("select income from shop.cards order by age")[1] == [
        ("[0, 10)",), ("[50, 75)",), ("[40, 50)",)]


@pytest.mark.parametrize("given", [{}, {"delimiter": ","}])
def test_told_escapes_that_split_records_unevenly_are_refused_naming_the_file(
        tmp_path: Path, given: dict[str, str]) -> None:
    """`C:\\data\\,5` over `C:\\temp,6`, told MySQL's: honoured, the escapes give one field
    then two. It crashed (the copy, written on the tab, was sniffed on the comma: DuckDB's
    BinderException), or lost its first record as a title; it is refused, naming the file."""
    path = tmp_path / "paths.csv"
    path.write_text("C:\\data\\,5\nC:\\temp,6\n")
    with pytest.raises(IngestError) as refused:
        read_source(path, "csv", {"quote": "", "escape": "\\", **given}, {})
    message = str(refused.value)
    assert message.startswith(f"{path}: the options say MySQL's backslash escapes")
    assert "split on ',' into different numbers of fields (record 1 has 1, record 2 has 2)" \
        in message
    assert "leave quote and escape out of the options" in message

