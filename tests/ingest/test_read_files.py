"""Parquet globs with drifting schemas and Excel sheets with title rows, on real files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from ingest_helpers import cache_formulas, workbook

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.parquet import in_place
from datanet_sql.ingest.reading import ReadResult, read_source


def test_parquet_schemas_drifting_in_a_glob_are_unioned_and_widened(tmp_path):
    pq.write_table(pa.table({"id": pa.array([1], pa.int32()), "ref": pa.array([7], pa.int64()),
                             "amount": pa.array([1], pa.int32())}), tmp_path / "a.parquet")
    pq.write_table(pa.table({"id": pa.array([2], pa.int64()), "ref": ["R-8"],
                             "amount": pa.array([2.5]), "Channel": ["web"]}),
                   tmp_path / "b.parquet")
    result = read_source(tmp_path / "*.parquet", None, {}, {})
    assert result.table.to_pylist() == [
        {"id": 1, "ref": "7", "amount": 1.0, "channel": None},
        {"id": 2, "ref": "R-8", "amount": 2.5, "channel": "web"}]
    assert [str(t) for t in result.table.schema.types] == ["int64", "string", "double", "string"]
    notes = " | ".join(result.schema_notes)
    assert "ref: types differ between files (a.parquet: int64, b.parquet: string); read as " \
           "VARCHAR" in notes
    assert "Channel: absent from 1 of 2 files (NULL there)" in notes


def test_parquet_text_without_the_utf8_annotation_is_read_as_text_in_a_glob_too(tmp_path):
    # BYTE_ARRAY with no logical type (Hive, Impala, old Spark): `name` is text in one file
    # and annotated text in the other; `raw` holds a byte that is not UTF-8, so stays bytes
    pq.write_table(pa.table({"name": pa.array([b"Da Udine", "Café".encode(), None],
                                              pa.binary()),
                             "raw": pa.array([b"\xff\x00", b"ok", None], pa.binary())}),
                   tmp_path / "a.parquet")
    pq.write_table(pa.table({"name": ["Titian"], "raw": pa.array([b"x"], pa.binary())}),
                   tmp_path / "b.parquet")
    one = read_source(tmp_path / "a.parquet", None, {}, {})
    assert one.table.column("name").to_pylist() == ["Da Udine", "Café", None]
    assert one.table.column("raw").to_pylist() == [b"\xff\x00", b"ok", None]
    both = read_source(tmp_path / "*.parquet", None, {}, {})
    assert both.table.to_pylist() == [{"name": "Da Udine", "raw": b"\xff\x00"},
                                      {"name": "Café", "raw": b"ok"},
                                      {"name": None, "raw": None},
                                      {"name": "Titian", "raw": b"x"}]
    assert [str(t) for t in both.table.schema.types] == ["string", "binary"]
    notes = " | ".join(both.schema_notes)
    assert "column(s) name: binary in the file (BYTE_ARRAY without the UTF8 annotation" in notes
    assert "every value valid UTF-8: read as text" in notes
    assert "column raw: binary in the file (BYTE_ARRAY without the UTF8 annotation) and 1 " \
           "value(s) are not UTF-8: kept as binary" in notes
    assert "types differ" not in notes


def test_parquet_durations_are_read_as_intervals_in_every_unit(tmp_path):
    """Arrow durations (pandas timedeltas) are plain int64 counts in Parquet, which DuckDB
    alone reads as bare integers (604800 for a week): read as INTERVAL (Arrow durations in
    the result, which every warehouse loads as INTERVAL), noted, loaded or in place."""
    week, tick = dt.timedelta(weeks=1), dt.timedelta(seconds=1, microseconds=500)
    pq.write_table(pa.table({
        "id": [1, 2],
        "remission": pa.array([604800, None], pa.duration("s")),
        "ms": pa.array([1500, -2], pa.duration("ms")),
        "ns": pa.array([1_000_500_000, 0], pa.duration("ns"))}), tmp_path / "t.parquet")
    result = read_source(tmp_path / "t.parquet", None, {}, {})
    assert result.table.to_pylist() == [
        {"id": 1, "remission": week, "ms": dt.timedelta(milliseconds=1500), "ns": tick},
        {"id": 2, "remission": None, "ms": dt.timedelta(milliseconds=-2),
         "ns": dt.timedelta(0)}]
    assert "column remission: a duration in the file (Arrow duration[s], stored as a count " \
        "of seconds): read as INTERVAL" in result.schema_notes
    view = in_place(str(tmp_path / "*.parquet")).sql("duckdb")
    with duckdb.connect() as con:
        assert con.sql(view).fetchall()[0] == (1, week, dt.timedelta(milliseconds=1500), tick)


def test_a_parquet_column_without_values_in_one_file_keeps_the_others_type(tmp_path):
    """A file whose column holds only NULLs types it `null`: no type to agree or disagree
    with, so the column keeps the type the other files give it (it was read as text, the
    doubles as '-0.7'), noted."""
    pq.write_table(pa.table({"id": [1, 2], "v": pa.array([None, None], pa.null()),
                             "ok": pa.array([None, None], pa.null())}), tmp_path / "a.parquet")
    pq.write_table(pa.table({"id": [3, 4], "v": [1.5, -0.7], "ok": [True, False]}),
                   tmp_path / "b.parquet")
    result = read_source(tmp_path / "*.parquet", None, {}, {})
    assert result.table.to_pylist() == [{"id": 1, "v": None, "ok": None},
                                        {"id": 2, "v": None, "ok": None},
                                        {"id": 3, "v": 1.5, "ok": True},
                                        {"id": 4, "v": -0.7, "ok": False}]
    notes = " | ".join(result.schema_notes)
    assert "v: no values in a.parquet (Parquet type null); read as the other files type it" \
        in notes and "types differ" not in notes


def test_parquet_declared_types_reject_what_does_not_fit(tmp_path):
    pq.write_table(pa.table({"id": [1, 2, 3], "code": ["10", "x1", "30"]}), tmp_path / "c.parquet")
    result = read_source(tmp_path / "c.parquet", None, {}, {"code": "integer"})
    assert result.table.to_pylist() == [{"id": 1, "code": 10}, {"id": 3, "code": 30}]
    assert [(r.record_no, r.reason) for r in result.rejects] == [
        ("2", "code: 'x1' is not an integer")]


BUDGET = [["Budget 2024 — Finance"], ["confidential"], [],
          ["Cost Center", "Month", "Amount (EUR)", "Approved On"],
          ["A-1", "Jan", 1200.5, dt.datetime(2024, 1, 3)],
          ["A-2", "Feb", 800, dt.datetime(2024, 2, 1)],
          [], ["A-3", "Mar", "tbd", dt.datetime(2024, 3, 4)]]


def read_budget(tmp_path, **options) -> ReadResult:
    workbook(tmp_path / "finance.xlsx", {"Cover": [["hello"]], "Budget 2024": BUDGET})
    return read_source(tmp_path / "finance.xlsx", None, {"sheet": "Budget 2024", **options},
                       {"amount_eur": "double"})


def test_excel_header_row_found_under_title_rows(tmp_path):
    result = read_budget(tmp_path)
    assert result.table.column_names == ["cost_center", "month", "amount_eur", "approved_on"]
    assert result.table.column("amount_eur").to_pylist() == [1200.5, 800.0]
    assert result.table.column("approved_on").to_pylist()[0] == dt.datetime(2024, 1, 3)
    [reject] = result.rejects
    assert (reject.record_no, reject.reason) == ("4", "amount_eur: 'tbd' is not a double")
    assert result.schema_notes[:2] == [
        "finance.xlsx: header on row 4, 3 title row(s) above it skipped",
        ("columns renamed: 'Cost Center' -> cost_center, 'Month' -> month, 'Amount (EUR)' -> "
        "amount_eur, 'Approved On' -> approved_on")]


def test_excel_header_row_option_and_missing_sheet(tmp_path):
    result = read_budget(tmp_path, header_row=4)
    assert result.table.num_rows == 2
    with pytest.raises(IngestError,
                       match="no sheet 'Budget 2025'.*\n.*sheets are: Cover, Budget 2024"):
        read_source(tmp_path / "finance.xlsx", None, {"sheet": "Budget 2025"}, {})


def test_excel_first_sheet_by_default_and_an_empty_sheet(tmp_path):
    workbook(tmp_path / "b.xlsx", {"Data": [["id", "name"], [1, "a"]], "Blank": []})
    first = read_source(tmp_path / "b.xlsx", None, {}, {})
    assert first.table.to_pylist() == [{"id": 1, "name": "a"}]
    assert read_source(tmp_path / "b.xlsx", None, {"sheet": "Blank"}, {}).table.num_columns == 0


def test_excel_hidden_sheets_are_skipped_without_a_sheet_option(tmp_path):
    """A hidden sheet (here a lookup of codes) is not the table a user sees: without
    `sheet:` the first visible one is read, and the note names what was skipped."""
    from openpyxl import load_workbook

    workbook(tmp_path / "h.xlsx", {"Lookup": [["code", "label"], ["x", "ex"], ["y", "why"]],
                                   "Params": [["rate"], [0.2]],
                                   "Orders": [["order_id", "code"], [10, "x"], [11, "y"],
                                              [12, "x"]]})
    book = load_workbook(tmp_path / "h.xlsx")
    book["Lookup"].sheet_state = "hidden"
    book["Params"].sheet_state = "veryHidden"
    book.active = 2
    book.save(tmp_path / "h.xlsx")
    result = read_source(tmp_path / "h.xlsx", None, {}, {})
    assert result.table.column("order_id").to_pylist() == [10, 11, 12]
    assert result.schema_notes[0] == ("h.xlsx: sheet 'Orders' read, hidden sheet(s) before it "
                                      "skipped: Lookup, Params (name another with sheet:)")
    named = read_source(tmp_path / "h.xlsx", None, {"sheet": "Lookup"}, {})
    assert named.table.column("label").to_pylist() == ["ex", "why"]


def test_excel_a_first_sheet_listing_the_other_sheets_is_skipped(tmp_path):
    """An export's summary sheet (a sentence, then a table whose column headed as sheets holds
    the other sheets' names) is not the data: the next sheet is read, noted; a first sheet
    whose column merely shares values with sheet names, under no such header, is read."""
    workbook(tmp_path / "s.xlsx", {
        "Contents": [["Exported; each table became a worksheet."], [None],
                     ["Source", "Worksheet"], ["Q1", "North"], ["Q1", "South"]],
        "North": [["id", "qty"], [1, 5], [2, 7]], "South": [["id", "qty"], [3, 9]]})
    result = read_source(tmp_path / "s.xlsx", None, {}, {})
    assert result.table.to_pylist() == [{"id": 1, "qty": 5}, {"id": 2, "qty": 7}]
    assert result.schema_notes[0].startswith(
        "s.xlsx: sheet 'North' read, sheet 'Contents' before it skipped: it lists the "
        "workbook's sheets")
    named = read_source(tmp_path / "s.xlsx", None, {"sheet": "Contents"}, {})
    assert named.table.num_rows > 0
    workbook(tmp_path / "r.xlsx", {"Totals": [["region", "qty"], ["North", 12], ["South", 9]],
                                   "North": [["id", "qty"], [1, 5]],
                                   "South": [["id", "qty"], [3, 9]]})
    totals = read_source(tmp_path / "r.xlsx", None, {}, {})
    assert totals.table.column("region").to_pylist() == ["North", "South"]
    assert not any("skipped" in n for n in totals.schema_notes)


def with_dimension(path: Path, ref: str) -> None:
    """The workbook's sheets rewritten to declare `<dimension ref=...>` (a stale one, as
    some writers leave it), every other part of the zip kept as it was."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in parts:
            if info.filename.startswith("xl/worksheets/sheet"):
                data, count = re.subn(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'
                                      .encode(), data)
                assert count == 1
            target.writestr(info, data)


@pytest.mark.parametrize("ref", ["A1", "A1:B3"])
def test_excel_a_stale_dimension_does_not_cut_the_sheet(tmp_path, ref):
    rows = [["id", "parent", "child"], *[[i, 60 + i / 10, 70 - i / 10] for i in range(1, 51)]]
    workbook(tmp_path / "g.xlsx", {"G": rows})
    with_dimension(tmp_path / "g.xlsx", ref)
    result = read_source(tmp_path / "g.xlsx", None, {}, {})
    assert result.table.column_names == ["id", "parent", "child"]
    assert result.table.num_rows == 50
    assert result.table.to_pylist()[-1] == {"id": 50, "parent": 65.0, "child": 65.0}
    assert [str(t) for t in result.table.schema.types] == ["int64", "double", "double"]


def test_excel_a_table_beside_the_data_is_left_out(tmp_path):
    """A lookup placed right of the data after an empty column is another table: its
    columns are not the data's, nor are the rows only it fills (it is longer here)."""
    rows = [["sku", "qty", None, None, "code", "label"]]
    rows += [[f"S{i}", i, None, None, c, f"label {c}"] for i, c in zip(range(1, 3), "abcd")]
    rows += [[None, None, None, None, c, f"label {c}"] for c in "cd"]
    rows += [["S3", 3]]
    workbook(tmp_path / "side.xlsx", {"Stock": rows})
    result = read_source(tmp_path / "side.xlsx", None, {}, {})
    assert result.table.to_pylist() == [{"sku": "S1", "qty": 1}, {"sku": "S2", "qty": 2},
                                        {"sku": "S3", "qty": 3}]
    assert ("side.xlsx: columns E-F (code, label), right of the empty column C, are another "
            "table: not loaded (move it to a sheet of its own to load it)") in result.schema_notes


def test_excel_an_unnamed_column_with_values_is_data(tmp_path):
    workbook(tmp_path / "u.xlsx", {"S": [["sku", None, "qty"], ["S1", "red", 1]]})
    result = read_source(tmp_path / "u.xlsx", None, {}, {})
    assert result.table.to_pylist() == [{"sku": "S1", "column_2": "red", "qty": 1}]


SHEET = [["Sales"], [],
         ["id", "late", "amount", "code", "when"],
         [1, None, 10, 7, dt.datetime(2024, 1, 1, 9)],
         [2, None, 20, 8, dt.datetime(2024, 1, 2, 9)],
         [],
         [3, None, 30, 9, dt.datetime(2024, 1, 3, 9)],
         [4, "x", 40.5, "A-1", dt.datetime(2024, 1, 4, 9)],
         [5, None, 50, 1.5, "soon"],
         [6, "y", 60, True, None]]


def test_excel_rows_stream_in_chunks_typed_from_the_whole_column(tmp_path, monkeypatch):
    """Chunks of 2 rows: a column empty at first, integers becoming decimals and a column
    turning to text in a later chunk (cells written as Python writes them) give the rows, types,
    record numbers and rejects of one read whole."""
    from datanet_sql.ingest.readers import excel

    workbook(tmp_path / "s.xlsx", {"S": SHEET})
    whole = read_source(tmp_path / "s.xlsx", None, {}, {"id": "integer"})
    monkeypatch.setattr(excel, "CHUNK_ROWS", 2)
    chunked = read_source(tmp_path / "s.xlsx", None, {}, {"id": "integer"})
    for result in (whole, chunked):
        assert [str(t) for t in result.table.schema.types] == [
            "int32", "string", "double", "string", "string"]
        assert result.table.to_pylist() == [
            {"id": 1, "late": None, "amount": 10.0, "code": "7", "when": "2024-01-01 09:00:00"},
            {"id": 2, "late": None, "amount": 20.0, "code": "8", "when": "2024-01-02 09:00:00"},
            {"id": 3, "late": None, "amount": 30.0, "code": "9", "when": "2024-01-03 09:00:00"},
            {"id": 4, "late": "x", "amount": 40.5, "code": "A-1",
             "when": "2024-01-04 09:00:00"},
            {"id": 5, "late": None, "amount": 50.0, "code": "1.5", "when": "soon"},
            {"id": 6, "late": "y", "amount": 60.0, "code": "True", "when": None}]
        assert result.schema_notes[0] == "s.xlsx: header on row 3, 2 title row(s) above it skipped"


def test_excel_a_column_widened_in_place_keeps_its_type(tmp_path, monkeypatch):
    """No text anywhere: the later chunks widen the staged columns, no second read."""
    from datanet_sql.ingest.readers import excel

    rows = [["n", "x", "d"], [1, None, None], [2, None, None], [3, 2.5, True]]
    workbook(tmp_path / "w.xlsx", {"W": rows})
    reads = []
    monkeypatch.setattr(excel, "CHUNK_ROWS", 1)
    original = excel._stage
    monkeypatch.setattr(excel, "_stage", lambda *a, **k: reads.append(1) or original(*a, **k))
    result = read_source(tmp_path / "w.xlsx", None, {}, {})
    assert [str(t) for t in result.table.schema.types] == ["int64", "double", "bool"]
    assert result.table.column("x").to_pylist() == [None, None, 2.5]
    assert len(reads) == 1


def test_excel_a_blank_header_row_is_refused(tmp_path):
    workbook(tmp_path / "h.xlsx", {"H": [["title"], [], ["id"], [1]]})
    with pytest.raises(IngestError, match="h.xlsx: the header row 2 is blank\n.*header_row"):
        read_source(tmp_path / "h.xlsx", None, {"header_row": 2}, {})


def test_excel_totals_rows_of_formulas_under_the_table_are_not_data(tmp_path):
    rows = [["Yields 1931"], [], ["Year", "Site", "Yield"],
            [1931, "Waseca", 48.9], [1931, "Morris", 27.0], [1932, "Crookston", 40.5], [],
            ["Total", None, "=SUM(C4:C6)"], ["Average", None, "=AVERAGE($C$4:$C$6)"]]
    workbook(tmp_path / "yields.xlsx", {"Yields": rows})
    result = read_source(tmp_path / "yields.xlsx", None, {}, {})
    assert result.table.to_pylist() == [{"year": 1931, "site": "Waseca", "yield": 48.9},
                                        {"year": 1931, "site": "Morris", "yield": 27.0},
                                        {"year": 1932, "site": "Crookston", "yield": 40.5}]
    assert "yields.xlsx: row 8 is a totals row (C8: =SUM(C4:C6)): not loaded" in \
        result.schema_notes
    assert any("row 9 is a totals row (C9: =AVERAGE($C$4:$C$6))" in n
               for n in result.schema_notes)


@pytest.mark.parametrize("chunk", [1, 10_000])
def test_excel_totals_rows_of_values_are_left_out_and_type_no_column(tmp_path, monkeypatch,
                                                                     chunk):
    """Totals typed or pasted as values: the label sits in the year column (integers), the
    numbers are the sums of the columns above (`Grand total` too, the sum of the same
    rows); read as a row the label would make the year text and double every sum."""
    from datanet_sql.ingest.readers import excel

    monkeypatch.setattr(excel, "CHUNK_ROWS", chunk)
    rows = [["Year", "Site", "Yield", "Plots"], [1931, "Waseca", 48.9, 3],
            [1931, "Morris", 27.0, 2], [1932, "Crookston", 40.55, 4], [],
            ["Total", None, 116.45, 9], ["Grand total", None, 116.5, None]]
    workbook(tmp_path / "yields.xlsx", {"Yields": rows})
    result = read_source(tmp_path / "yields.xlsx", None, {}, {})
    assert result.table.column("year").to_pylist() == [1931, 1931, 1932]
    assert [str(t) for t in result.table.schema.types] == ["int64", "string", "double", "int64"]
    assert result.table.column("plots").to_pylist() == [3, 2, 4]
    assert "yields.xlsx: row 6 is a totals row ('Total' | 116.45 | 9: each number the sum of " \
           "its column above): not loaded" in result.schema_notes
    assert any(n.startswith("yields.xlsx: row 7 is a totals row ('Grand total' | 116.5")
               for n in result.schema_notes)


def test_excel_a_row_labelled_total_whose_numbers_are_not_the_sums_stays_a_row(tmp_path):
    """A product called `Total Care` with its own quantities is a record, and so is a
    `Total` row above a real totals row."""
    rows = [["Product", "Units", "Price"], ["Shampoo", 4, 3.5], ["Total Care", 2, 8.0],
            ["Total", 1, 1.0]]
    workbook(tmp_path / "shop.xlsx", {"Shop": rows})
    result = read_source(tmp_path / "shop.xlsx", None, {}, {})
    assert result.table.column("product").to_pylist() == ["Shampoo", "Total Care", "Total"]
    assert not any("totals" in n for n in result.schema_notes)
    workbook(tmp_path / "sums.xlsx", {"Shop": [*rows, ["Total", 7, None]]})
    summed = read_source(tmp_path / "sums.xlsx", None, {}, {})
    assert summed.table.column("product").to_pylist() == ["Shampoo", "Total Care", "Total"]
    assert [n for n in summed.schema_notes if "totals" in n] == [
        ("sums.xlsx: row 5 is a totals row ('Total' | 7: each number the sum of its column "
         "above): not loaded")]


def test_excel_formulas_that_are_not_a_totals_row_stay_rows(tmp_path):
    """A running total (another column's range) and a sum of the row's own cells are data
    (their values cached, as Excel saves them)."""
    rows = [["Month", "Sales", "To date", "Both"]]
    rows += [[m, 10 * m, f"=SUM(B$2:B{m + 1})", f"=B{m + 1}+C{m + 1}"] for m in range(1, 4)]
    workbook(tmp_path / "sales.xlsx", {"Sales": rows})
    cache_formulas(tmp_path / "sales.xlsx", lambda cell: 1.0)
    result = read_source(tmp_path / "sales.xlsx", None, {}, {})
    assert result.table.column("month").to_pylist() == [1, 2, 3]
    assert not any("totals" in n for n in result.schema_notes)


def test_excel_numbers_stored_as_text_among_number_cells_are_read_as_numbers(tmp_path):
    """Excel's "Number Stored as Text" cells in a number column are numbers mistyped; a
    column of text cells only (codes with their zeros) and one with a word stay text."""
    rows = [["Animal", "Body", "Brain", "Code", "Note"],
            ["Beaver", 1.35, 8, "007", 1], ["Cow", "465", "423", "012", "2"],
            ["Wolf", 36.33, 119, "100", "many"], ["Goat", " 27.66 ", "1e2", "200", 4]]
    workbook(tmp_path / "animals.xlsx", {"Animals": rows})
    result = read_source(tmp_path / "animals.xlsx", None, {}, {})
    assert result.table.to_pylist() == [
        {"animal": "Beaver", "body": 1.35, "brain": 8.0, "code": "007", "note": "1"},
        {"animal": "Cow", "body": 465.0, "brain": 423.0, "code": "012", "note": "2"},
        {"animal": "Wolf", "body": 36.33, "brain": 119.0, "code": "100", "note": "many"},
        {"animal": "Goat", "body": 27.66, "brain": 100.0, "code": "200", "note": "4"}]
    notes = [n for n in result.schema_notes if "Stored as Text" in n]
    assert notes == [
        f"animals.xlsx: column {name}: 2 text cell(s) spell numbers (Excel's \"Number Stored "
        f"as Text\"), among number cells: read as numbers; declare the column varchar to keep "
        f"every cell as text" for name in ("body", "brain")]


def test_excel_integers_stored_as_text_keep_an_integer_column(tmp_path):
    workbook(tmp_path / "n.xlsx", {"N": [["id", "n"], [1, 10], [2, "20"], [3, None]]})
    result = read_source(tmp_path / "n.xlsx", None, {}, {})
    assert result.table.column("n").to_pylist() == [10, 20, None]
    assert str(result.table.schema.field("n").type) == "int64"
    assert any("column n: 1 text cell(s) spell numbers" in n for n in result.schema_notes)


def test_excel_merged_cells_below_the_header_are_named(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Oats trial"])
    sheet.append(["Block", "Variety", "Yield"])
    for block in ("I", "II"):
        for n, variety in enumerate(("Victory", "Golden", "Marvellous")):
            sheet.append([block if n == 0 else None, variety, 100 + n])
    sheet.merge_cells("A1:C1")   # the title: above the header, not the table's
    sheet.merge_cells("A3:A5")
    sheet.merge_cells("A6:A8")
    book.save(tmp_path / "oats.xlsx")
    result = read_source(tmp_path / "oats.xlsx", None, {}, {})
    assert result.table.column("block").to_pylist() == ["I", None, None, "II", None, None]
    merged = [n for n in result.schema_notes if "merged" in n]
    assert merged == [("oats.xlsx: column block: 2 merged range(s) (A3:A5, A6:A8): the value is "
                       "in each range's first cell, the cells it covers read as NULL, as Excel "
                       "stores them (fill it down in a model if every row needs it)")]


def test_hive_partition_folders_are_columns(tmp_path: Path) -> None:
    """`year=1969/part-0.parquet`: the year is only in the folder's name (Hive, Spark and
    pyarrow's partitioned writes), so it is read from there as a column, noted; a key that is
    also a column of the files leaves the files' own column."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    for year, deaths in ((1969, [1687, 1508]), (1970, [1407])):
        folder = tmp_path / "drivers" / f"year={year}"
        folder.mkdir(parents=True)
        pq.write_table(pa.table({"month": list(range(1, len(deaths) + 1)), "deaths": deaths}),
                       folder / "part-0.parquet")
    result = read_source(tmp_path / "drivers" / "year=*" / "*.parquet", None, {}, {})
    assert sorted(result.table.to_pylist(), key=lambda r: (r["year"], r["month"])) == [
        {"month": 1, "deaths": 1687, "year": 1969}, {"month": 2, "deaths": 1508, "year": 1969},
        {"month": 1, "deaths": 1407, "year": 1970}]
    assert "*.parquet: column(s) year read from the folder names (Hive partitions, " \
           "year=1969/...)" in result.schema_notes

    pq.write_table(pa.table({"month": [3], "deaths": [1], "year": [2000]}),
                   tmp_path / "drivers" / "year=1970" / "part-1.parquet")
    own = read_source(tmp_path / "drivers" / "year=*" / "*.parquet", None, {}, {})
    assert sorted(own.table.column("year").to_pylist(), key=str) == [2000, None, None, None]


def test_excel_error_cells_are_null_and_counted(tmp_path: Path) -> None:
    """`#DIV/0!` and `#N/A` are formulas that failed: no value, so NULL, and no reason to
    read a column of numbers as text; the note counts them."""
    path = tmp_path / "phones.xlsx"
    workbook(path, {"calls": [["year", "calls"], [50, 4.4], [51, "#DIV/0!"], [52, 5.3],
                              [53, "#N/A"], [54, 29]]})
    result = read_source(path, None, {}, {})
    assert result.table.column("calls").to_pylist() == [4.4, None, 5.3, None, 29.0]
    assert "phones.xlsx: column calls: 2 error cell(s) (#DIV/0!, #N/A, ...: formulas that " \
           "failed) read as NULL" in result.schema_notes


def test_excel_formulas_stored_without_values_are_named(tmp_path: Path) -> None:
    """A workbook written by a script holds formulas without their results: openpyxl reads
    the cells as empty, so the column is computed from each row's numbers, and the note
    says why (more in test_read_excel_formulas)."""
    path = tmp_path / "wtloss.xlsx"
    workbook(path, {"w": [["days", "weight", "weight_lb"], [0, 184.35, "=B2*2.20462"],
                          [4, 182.51, "=B3*2.20462"]]})
    result = read_source(path, None, {}, {})
    assert result.table.column("weight_lb").to_pylist() == [184.35 * 2.20462,
                                                            182.51 * 2.20462]
    assert "wtloss.xlsx: column weight_lb: formulas stored without their values (the workbook " \
           "was written by a program that does not calculate them, e.g. C2 =B2*2.20462): " \
           "computed from the numbers of each formula's row, as Excel computes them; open " \
           "and save it in Excel or LibreOffice to store Excel's own values" \
           in result.schema_notes
    assert not [n for n in result.schema_notes if "column weight:" in n]


def test_excel_numbers_but_a_few_text_cells_stay_text_and_are_named(tmp_path: Path) -> None:
    path = tmp_path / "readings.xlsx"
    rows = [[i, i * 1.5] for i in range(1, 41)]
    rows[4][1], rows[30][1] = "n.d.", "<0.5"
    workbook(path, {"r": [["site", "level"], *rows, [41, "7"]]})
    result = read_source(path, None, {}, {})
    assert result.table.column("level").to_pylist()[2:5] == ["4.5", "6", "n.d."]
    assert "readings.xlsx: column level: 2 of 41 values are not numbers ('<0.5', 'n.d.'): " \
           "kept as text; declare it (columns: {level: double}) to read numbers, those rows " \
           "becoming rejects" in result.schema_notes
