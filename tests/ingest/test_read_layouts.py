"""Layouts that are not a plain table from the first cell: a sheet's table placed away from
A1, a query tool's printed result saved as CSV, fixed-width text. On real files."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from datanet_sql.errors import IngestError
from datanet_sql.ingest.reading import read_source


def sheet_with(path, cells: dict[tuple[int, int], object]) -> None:
    """A workbook whose one sheet holds `cells` ((row, column), 1-based) only."""
    book = Workbook()
    for (row, col), value in cells.items():
        book.active.cell(row=row, column=col, value=value)
    book.save(path)


def test_excel_a_table_placed_in_c2_has_no_margin_columns(tmp_path):
    cells = {(2, 3): "id", (2, 4): "name", (3, 3): 1, (3, 4): "a", (4, 3): 2, (4, 4): "b"}
    sheet_with(tmp_path / "m.xlsx", cells)
    result = read_source(tmp_path / "m.xlsx", None, {}, {})
    assert result.table.to_pylist() == [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}]
    assert result.schema_notes[:2] == [
        "m.xlsx: header on row 2, 1 blank row(s) above it skipped",
        "m.xlsx: the table starts in C2: column(s) A-B, empty, are not columns"]


def test_excel_offset_table_with_a_title_and_a_table_beside_it(tmp_path):
    cells = {(1, 2): "Stock report", (3, 2): "sku", (3, 3): "qty", (4, 2): "S1", (4, 3): 5,
             (3, 5): "code", (4, 5): "x"}
    sheet_with(tmp_path / "t.xlsx", cells)
    result = read_source(tmp_path / "t.xlsx", None, {}, {})
    assert result.table.to_pylist() == [{"sku": "S1", "qty": 5}]
    notes = result.schema_notes
    assert notes[0] == "t.xlsx: header on row 3, 2 title row(s) above it skipped"
    assert "t.xlsx: the table starts in B3: column(s) A, empty, are not columns" in notes
    assert any("columns E-E (code)" in n for n in notes)


@pytest.mark.parametrize(("cells", "columns", "note"), [
    ({}, [], "empty sheet"),
    ({(5, 5): None, (7, 2): ""}, [], "empty sheet"),
    ({(1, 1): "only"}, ["only"], "header on row 1"),
    ({(4, 3): "only"}, ["only"], "the table starts in C4"),
])
def test_excel_sheets_of_nothing_or_one_cell_read_without_a_crash(tmp_path, cells, columns,
                                                                   note):
    sheet_with(tmp_path / "s.xlsx", cells)
    result = read_source(tmp_path / "s.xlsx", None, {}, {})
    assert result.table.column_names == columns and result.table.num_rows == 0
    assert any(note in n for n in result.schema_notes)


SQLCMD = ("id  ,name        ,qty\n----,------------,-----\n   1,red apple   ,   10\n"
          "   2,pear        ,   20\n\n(2 rows affected)\n")
PSQL = " id |    name    | qty\n----+------------+-----\n  1 | red apple  |  10\n" \
       "  2 | pear       |  20\n(2 rows)\n"
MARKDOWN = "id|name|qty\n--|:--|--:\n1|red apple|10\n2|pear|20\n"
SQLPLUS = "id,name,qty\n==,====,===\n1,red apple,10\n2,pear,20\n\n2 rows selected.\n"


@pytest.mark.parametrize(("text", "dropped"), [
    (SQLCMD, ["line 2 '----,------------,-----' is a rule line",
              "line 6 '(2 rows affected)' is a row-count footer"]),
    (PSQL, ["line 2 '----+------------+-----' is a rule line",
            "line 5 '(2 rows)' is a row-count footer"]),
    (MARKDOWN, ["line 2 '--|:--|--:' is a rule line"]),
    (SQLPLUS, ["line 2 '==,====,===' is a rule line",
               "line 6 '2 rows selected.' is a row-count footer"]),
])
def test_query_tool_rule_lines_and_row_count_footers_are_not_records(tmp_path, text, dropped):
    (tmp_path / "out.csv").write_text(text)
    result = read_source(tmp_path / "out.csv", None, {}, {})
    assert result.table.column("qty").to_pylist() == [10, 20]
    assert result.table.column("id").to_pylist() == [1, 2]
    assert [v.strip() for v in result.table.column("name").to_pylist()] == ["red apple", "pear"]
    assert result.rejects == []
    for said in dropped:
        assert any(said in n and "not loaded" in n for n in result.schema_notes), said


def test_dashes_inside_the_data_and_a_row_count_as_a_value_stay_records(tmp_path):
    (tmp_path / "d.csv").write_text("code,n\nA,1\n---,2\nB,3\n(3 rows),4\n")
    result = read_source(tmp_path / "d.csv", None, {}, {})
    assert result.table.column("code").to_pylist() == ["A", "---", "B", "(3 rows)"]


MYSQL = ("+----+-----------+-------+\n| id | name      | price |\n+----+-----------+-------+\n"
         "|  1 | red apple |  0.5  |\n|  2 | pear      | 12.25 |\n+----+-----------+-------+\n"
         "2 rows in set (0.00 sec)\n")
PIPES = "| id | name | price |\n|---|---|---|\n| 1 | red apple | 0.5 |\n| 2 | pear | 12.25 |\n"


@pytest.mark.parametrize("text", [MYSQL, PIPES])
def test_a_pipe_tables_border_columns_are_dropped_and_padded_decimals_are_numbers(tmp_path,
                                                                                   text):
    """A MySQL client's or a markdown table: every line starts and ends with `|`, so the
    blank first and last columns are no columns, and its cells are padded for reading:
    DuckDB's sniffer reads padded integers but leaves padded decimals text."""
    (tmp_path / "out.txt").write_text(text)
    result = read_source(tmp_path / "out.txt", "csv", {}, {})
    assert result.table.column_names == ["id", "name", "price"]
    assert result.table.column("id").to_pylist() == [1, 2]
    assert result.table.column("price").to_pylist() == [0.5, 12.25]
    assert result.table.column("name").to_pylist() == ["red apple", "pear"]  # padding: layout
    notes = [n.split(": ", 1)[1] for n in result.schema_notes]
    assert "text values trimmed of the spaces that padded them to their column's width (a " \
        "table printed by a query tool)" in notes
    assert "every line starts with the delimiter: the empty column it makes is dropped" in notes
    assert "every line ends with the delimiter: the empty column it makes is dropped" in notes
    assert "column price: every value is a number, some padded with spaces (a table laid " \
        "out for reading): read as double" in notes


SAP_LIST = (
    "-" * 26 + "\n|dept  |region  |crime  |\n" + "-" * 26 + "\n"
    "|1     |E       |28870  |\n|200   |        |2199   |\n" + "-" * 26 + "\n"
)


def test_an_sap_lists_closing_rule_line_without_a_footer_is_not_a_record(tmp_path):
    """SAP's "unconverted" list export frames the table with dashes lines above and under
    the header and at the end, no row count: the closing line is a rule, not a record."""
    (tmp_path / "list.txt").write_text(SAP_LIST)
    result = read_source(tmp_path / "list.txt", "csv", {}, {})
    assert result.table.column_names == ["dept", "region", "crime"]
    assert result.table.column("crime").to_pylist() == [28870, 2199]
    assert result.table.column("region").to_pylist() == ["E", None]
    assert result.rejects == []
    assert any(
        f"line 6 '{'-' * 26}' is a rule line" in n and "not loaded" in n
        for n in result.schema_notes
    ), result.schema_notes


def test_a_closing_dashes_line_without_a_rule_by_the_header_stays_a_record(tmp_path):
    """Without a rule by the header a last line of dashes may be data: it stays a record."""
    (tmp_path / "d.csv").write_text("code,n\nA,1\n---,\n")
    result = read_source(tmp_path / "d.csv", None, {}, {})
    assert result.table.column("code").to_pylist() == ["A", "---"]


def test_a_plain_csvs_spaces_are_kept_as_written(tmp_path):
    """Without a rule line the padding may be data (`' ACME '` as an export wrote it): only
    a table printed by a query tool has its text trimmed."""
    (tmp_path / "plain.csv").write_text("id,name\n1,  apple \n2,pear\n")
    result = read_source(tmp_path / "plain.csv", None, {}, {})
    assert result.table.column("name").to_pylist() == ["  apple ", "pear"]
    assert not any("trimmed" in n for n in result.schema_notes)


def test_padded_numbers_too_long_for_an_integer_or_codes_with_zeros_are_not_retyped(tmp_path):
    (tmp_path / "p.csv").write_text("id,code,amount\n1,007, 123456789012345678901 \n"
                                    "2,012, 5 \n")
    result = read_source(tmp_path / "p.csv", None, {}, {})
    assert result.table.column("code").to_pylist() == ["007", "012"]
    assert [int(v) for v in result.table.column("amount").to_pylist()] == \
        [123456789012345678901, 5]
    assert not any("padded with spaces" in n for n in result.schema_notes)


PRN = ["make      model           year trim              hp",
       "Ford      GT              2017 Base Coupe       647",
       "Ferrari   458 Speciale    2015 Base Coupe       597",
       "Ferrari   458 Spider      2015 Base             562",
       "Porsche   911 Carrera     2016 Base             370",
       "BMW       i8              2016 Mega World       357"]


def test_fixed_width_text_is_split_at_its_columns(tmp_path):
    """Columns told by the header's words over positions blank on every line; single spaces
    inside values kept (`Base Coupe`'s falls on the same position on every line)."""
    (tmp_path / "cars.txt").write_text("\r\n".join(PRN) + "\r\n")
    result = read_source(tmp_path / "cars.txt", None, {}, {})
    table = result.table
    assert table.column_names == ["make", "model", "year", "trim", "hp"]
    assert [str(t) for t in table.schema.types] == ["string", "string", "int64", "string",
                                                    "int64"]
    assert table.column("model").to_pylist()[:2] == ["GT", "458 Speciale"]
    assert table.column("trim").to_pylist()[:3] == ["Base Coupe", "Base Coupe", "Base"]
    assert table.column("hp").to_pylist() == [647, 597, 562, 370, 357]
    assert result.schema_notes[0] == (
        "cars.txt: fixed-width text (columns aligned by spaces), split at characters 1, 11, "
        "27, 32, 49 (set options: widths: [...] to split it otherwise)")


def test_fixed_width_widths_option_and_a_refusal_when_columns_are_unclear(tmp_path):
    unclear = ["first name    last name     age", "Ann           Lee           31",
               "Bo            Chan          42"]
    (tmp_path / "p.txt").write_text("\n".join(unclear) + "\n")
    with pytest.raises(IngestError, match="cannot be told.*\n.*widths:"):
        read_source(tmp_path / "p.txt", None, {}, {})
    given = read_source(tmp_path / "p.txt", None, {"widths": [14, 14, 3]}, {})
    assert given.table.to_pylist() == [
        {"first_name": "Ann", "last_name": "Lee", "age": 31},
        {"first_name": "Bo", "last_name": "Chan", "age": 42}]


def test_space_padded_csv_and_one_column_text_are_not_fixed_width(tmp_path):
    (tmp_path / "c.csv").write_text("a,  b\n1,  x\n2,  y\n")
    assert read_source(tmp_path / "c.csv", None, {}, {}).table.column_names == ["a", "b"]
    (tmp_path / "n.txt").write_text("note\nfirst line\nsecond one here\n")
    assert read_source(tmp_path / "n.txt", None, {}, {}).table.column("note").to_pylist() == [
        "first line", "second one here"]


def test_percentages_stay_text_and_are_named(tmp_path):
    """`45%` is a number in a spelling (lossless as text, but the user meant numbers: told);
    a value with a word after its percent sign is text, as any."""
    (tmp_path / "p.csv").write_text("id,share,deal\n1,45%,50% off\n2,50.5 %,3 for 2\n")
    result = read_source(tmp_path / "p.csv", None, {}, {})
    assert result.table.column("share").to_pylist() == ["45%", "50.5 %"]
    notes = [n.split(": ", 1)[1] for n in result.schema_notes]
    assert "column share: every value is a number, some written with a percent sign, such " \
        "as '45%': kept as text; cast it in a model, removing the sign (and dividing by 100 " \
        "for a fraction)" in notes
    assert not any("column deal" in n for n in notes)


def test_a_spooled_reports_page_breaks_are_left_out_with_their_repeated_header(tmp_path):
    header, rule = "NAME   ,QTY,PRICE", "-------,---,-----"
    pages = [["apple  ,10 ,0.5  ", "pear   ,20 ,1.25 "], ["plum   ,30 ,     "],
             ["fig    ,40 ,3.5  "]]
    text = "\n" + "\n\n".join("\n".join([header, rule, *rows]) for rows in pages)
    (tmp_path / "spool.csv").write_text(text + "\n\n4 rows selected.\n")
    result = read_source(tmp_path / "spool.csv", None, {}, {})
    assert result.table.column("qty").to_pylist() == [10, 20, 30, 40]
    assert result.table.column("price").to_pylist() == [0.5, 1.25, None, 3.5]
    assert result.table.column("name").to_pylist() == ["apple", "pear", "plum", "fig"]
    assert any("2 page breaks of a report" in n and "lines 7, 8, 11, 12" in n
               for n in result.schema_notes), result.schema_notes


@pytest.mark.parametrize(("name", "text", "where"), [
    ("used.csv", "a,b\n1,2\n3,4\n,\n,\n", "2 line(s) of delimiters only at the end (lines 4-5"),
    ("used.tsv", "a\tb\n1\t2\n3\t4\n\t\n", "1 line(s) of delimiters only at the end (line 4"),
])
def test_lines_of_delimiters_only_at_the_end_are_not_records(tmp_path, name, text, where):
    """A spreadsheet saved with its used range past the data writes `,,,` lines: read, each
    was a row of NULLs. One inside the data stays a record (a row may be empty)."""
    (tmp_path / name).write_text(text)
    result = read_source(tmp_path / name, None, {}, {})
    assert result.table.to_pylist() == [{"a": 1, "b": 2}, {"a": 3, "b": 4}]
    assert any(where in note and "not loaded" in note for note in result.schema_notes)
    (tmp_path / "inside.csv").write_text("a,b\n1,2\n,\n3,4\n")
    inside = read_source(tmp_path / "inside.csv", None, {}, {})
    assert inside.table.to_pylist() == [{"a": 1, "b": 2}, {"a": None, "b": None},
                                        {"a": 3, "b": 4}]
