"""CSV/TSV reading on real files written here: encodings, sniffing, names, bad rows."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from datanet_sql.errors import IngestError
from datanet_sql.ingest.reading import read_source


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def rows(path: Path, **kwargs) -> list[dict]:
    return read_source(path, None, kwargs.pop("options", {}), kwargs.pop("columns", {}),
                       **kwargs).table.to_pylist()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])
def test_encodings_are_detected(tmp_path, encoding):
    text = "Stadt;Größe\nMünchen;1\nZürich;2\n"
    if encoding == "cp1252":
        text = text.replace("Zürich", "Zürich €")
    path = write(tmp_path / "cities.csv", text, encoding)
    result = read_source(path, None, {}, {})
    assert result.table.column_names == ["stadt", "grosse"]
    assert result.table.column("stadt").to_pylist()[0] == "München"
    assert result.table.column("stadt").to_pylist()[1].startswith("Zürich")


def test_latin1_byte_undefined_in_cp1252_falls_back_to_latin1(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_bytes(b"name\nA\x81B\n")  # 0x81 has no cp1252 character
    assert rows(path) == [{"name": "A\x81B"}]


def test_encoding_option_overrides_detection(tmp_path):
    path = write(tmp_path / "greek.csv", "name\nαβγ\n", "cp1253")
    assert rows(path, options={"encoding": "cp1253"}) == [{"name": "αβγ"}]
    with pytest.raises(IngestError, match="unknown encoding 'klingon'"):
        rows(path, options={"encoding": "klingon"})


@pytest.mark.parametrize("delimiter", [";", "|", "\t"])
def test_delimiters_are_sniffed(tmp_path, delimiter):
    lines = [delimiter.join(r) for r in (["id", "city"], ["1", "Oslo"], ["2", "Rome"],
                                         ["3", "Lima"])]
    path = write(tmp_path / "cities.txt", "\n".join(lines) + "\n")
    assert rows(path)[2] == {"id": 3, "city": "Lima"}


def test_tsv_is_tab_separated_even_when_values_hold_commas(tmp_path):
    path = write(tmp_path / "notes.tsv", "id\tnote\n1\ta, b, c\n2\td, e\n")
    assert rows(path) == [{"id": 1, "note": "a, b, c"}, {"id": 2, "note": "d, e"}]


def test_header_names_trimmed_snake_cased_and_unique(tmp_path):
    path = write(tmp_path / "h.csv", " Order ID ,orderDate,Amount (€),amount,AMOUNT,\n"
                                     "1,2024-01-02,3.5,4,5,x\n")
    table = read_source(path, None, {}, {}).table
    assert table.column_names == ["order_id", "order_date", "amount", "amount_2", "amount_3",
                                  "column_6"]


def test_quoted_fields_keep_newlines_commas_and_quotes(tmp_path):
    path = write(tmp_path / "q.csv", 'id,note\n1,"line one\nline two, with ""quotes"""\n2,b\n')
    assert rows(path) == [{"id": 1, "note": 'line one\nline two, with "quotes"'},
                          {"id": 2, "note": "b"}]


def test_ragged_rows_are_rejects_with_record_number_and_raw_line(tmp_path):
    body = [f"{i},{i * 2},name{i}" for i in range(1, 41)]
    body[9] += ",extra"          # record 10: a field too many
    body[24] = "25,50"           # record 25: a field missing
    path = write(tmp_path / "ragged.csv", "id,double,name\n" + "\n".join(body) + "\n")
    result = read_source(path, None, {}, {})
    assert result.table.num_rows == 38
    assert [(r.record_no, r.reason, r.raw) for r in result.rejects] == [
        ("10", "4 fields where the header has 3", "10,20,name10,extra"),
        ("25", "2 fields where the header has 3", "25,50")]
    assert result.rejects[0].file == str(path)


@pytest.mark.parametrize("rows_before", [3, 1000])
def test_a_ragged_last_row_is_a_reject_not_where_the_table_starts(tmp_path, rows_before):
    """DuckDB's sniffer starts the table at a wider row near the end of its sample (skip =
    every line before it, no header): all rows but that one would be lost, silently."""
    body = "".join(f"{i},{i * 2}\n" for i in range(1, rows_before + 1))
    path = write(tmp_path / "t.csv", f"id,qty\n{body}99,1,2\n")
    result = read_source(path, None, {}, {})
    assert result.table.column_names == ["id", "qty"]
    assert result.table.num_rows == rows_before
    assert [(r.record_no, r.reason) for r in result.rejects] == [
        (str(rows_before + 1), "3 fields where the header has 2")]


def test_record_numbers_count_records_not_lines_and_skip_title_rows(tmp_path):
    body = ["1,\"two\nlines\"", "2,ok", "3,ok,extra"] + [f"{i},x" for i in range(4, 30)]
    path = write(tmp_path / "t.csv", "Export of 2024-05-01\n\nid,note\n" + "\n".join(body) + "\n")
    result = read_source(path, None, {}, {})
    assert [r.record_no for r in result.rejects] == ["3"]
    assert result.table.column_names == ["id", "note"]
    assert result.table.num_rows == 28


def test_empty_and_header_only_files_are_empty_tables(tmp_path):
    empty = read_source(write(tmp_path / "empty.csv", ""), None, {}, {})
    assert empty.table.num_rows == 0 and empty.table.num_columns == 0
    header = read_source(write(tmp_path / "header.csv", "a,b,c\n"), None, {}, {})
    assert header.table.num_rows == 0 and header.table.column_names == ["a", "b", "c"]


def test_decimal_commas_with_semicolons(tmp_path):
    path = write(tmp_path / "eu.csv", "Artikel;Preis\nA;1,5\nB;12,25\nC;3\n")
    assert rows(path) == [{"artikel": "A", "preis": 1.5}, {"artikel": "B", "preis": 12.25},
                          {"artikel": "C", "preis": 3.0}]


@pytest.mark.parametrize(("body", "bad"), [
    ("1;A;1,5\r\n2;B;12,25\r\n3;C;1;extra\r\n", ("3", "4 fields where the header has 3")),
    ("1;A;1,5\n3;C;1;extra\n2;B;12,25\n", ("2", "4 fields where the header has 3")),
    ("1;A;1,5\n2;B;12,25\n3;C\n", ("3", "2 fields where the header has 3")),
    ("1;A;1,5\n2;B;n/a\n4;D;2,5\n3;C;1;extra\n", None),  # n/a: no number, the column stays text
], ids=["last_crlf", "middle", "short", "not_a_number"])
def test_decimal_commas_survive_a_ragged_row(tmp_path, body, bad):
    """A ragged row made the decimal-comma sniff give up: the amounts stayed text."""
    newline = "\r\n" if "\r\n" in body else "\n"
    path = write(tmp_path / "eu.csv", "Nr;Kunde;Betrag" + newline + body, "cp1252")
    result = read_source(path, None, {}, {})
    amounts = [r["betrag"] for r in result.table.to_pylist()]
    if bad is None:
        assert amounts == ["1,5", "n/a", "2,5"]
        return
    assert amounts == [1.5, 12.25]
    assert [(r.record_no, r.reason) for r in result.rejects] == [bad]


def test_declared_types_turn_misfits_into_rejects(tmp_path):
    body = [f"{i},{i}.5,2024-01-{i:02d}" for i in range(1, 21)]
    body[3] = '4,"#VALUE!",2024-01-04'
    body[6] = "7,7.5,not a date"
    path = write(tmp_path / "d.csv", "id,amount,day\n" + "\n".join(body) + "\n")
    result = read_source(path, None, {}, {"amount": "decimal(12,2)", "Day": "date"})
    assert result.table.num_rows == 18
    assert str(result.table.schema.field("amount").type) == "decimal128(12, 2)"
    assert [(r.record_no, r.reason) for r in result.rejects] == [
        ("4", "amount: '#VALUE!' is not a decimal(12,2)"),
        ("7", "day: 'not a date' is not a date")]


def test_unknown_option_and_bad_declared_type_are_errors(tmp_path):
    path = write(tmp_path / "a.csv", "a\n1\n")
    with pytest.raises(IngestError, match="unknown option.*colour"):
        rows(path, options={"colour": "red"})
    with pytest.raises(IngestError, match="'a' is declared as 'integre"):
        rows(path, columns={"a": "integre(("})


def test_glob_of_csv_files_is_unioned_by_name(tmp_path):
    write(tmp_path / "2024-01.csv", "id,amount\n1,2.5\n")
    write(tmp_path / "2024-02.csv", "id,amount,channel\n2,3,web\n")
    result = read_source(tmp_path / "*.csv", None, {}, {})
    assert result.table.to_pylist() == [{"id": 1, "amount": 2.5, "channel": None},
                                        {"id": 2, "amount": 3.0, "channel": "web"}]


def test_a_glob_with_a_header_only_file_and_a_clash_of_types(tmp_path):
    """A header alone types nothing; a number in one file and text in another is text."""
    write(tmp_path / "a.csv", "id,amount\n1,2\n")
    write(tmp_path / "b.csv", "id;amount;note\n")   # another layout: read on its own
    result = read_source(tmp_path / "*.csv", None, {}, {})
    assert result.table.schema.types[:2] == [pa.int64(), pa.int64()]
    assert result.table.to_pylist() == [{"id": 1, "amount": 2, "note": None}]
    write(tmp_path / "c.csv", "id;amount\nx1;3\n")
    assert read_source(tmp_path / "*.csv", None, {}, {}).table.to_pylist() == [
        {"id": "1", "amount": 2, "note": None}, {"id": "x1", "amount": 3, "note": None}]


def test_glob_sharing_a_layout_is_one_scan_with_rejects_per_file(tmp_path):
    for month in (1, 2, 3):
        extra = "\n9,9,9" if month == 2 else ""
        write(tmp_path / f"2024-0{month}.csv", f"id,amount\n{month},{month}.5{extra}\n")
    result = read_source(tmp_path / "*.csv", None, {}, {})
    assert result.table.to_pylist() == [{"id": m, "amount": m + 0.5} for m in (1, 2, 3)]
    assert [(Path(r.file).name, r.record_no) for r in result.rejects] == [("2024-02.csv", "2")]


def test_a_non_utf8_byte_past_the_encoding_sample_is_still_decoded(tmp_path):
    path = tmp_path / "long.csv"
    path.write_bytes(b"id,city\n" + b"1,Oslo\n" * 200_000 + "2,Zürich\n".encode("cp1252"))
    result = read_source(path, None, {}, {})
    assert result.table.num_rows == 200_001 and not result.rejects
    assert result.table.column("city").to_pylist()[-1] == "Zürich"


def test_a_single_quote_is_sniffed_as_the_quote(tmp_path):
    path = write(tmp_path / "q.csv", "id;name;city\n1;'Smith; John';'Paris'\n"
                                     "2;'Doe; Jane';'Rome'\n3;'Roe';'Oslo'\n")
    assert rows(path) == [{"id": 1, "name": "Smith; John", "city": "Paris"},
                          {"id": 2, "name": "Doe; Jane", "city": "Rome"},
                          {"id": 3, "name": "Roe", "city": "Oslo"}]


def test_rejects_of_a_crlf_file_with_quoted_newlines(tmp_path):
    body = "\r\n".join(["id,qty,note", "1,2,a", '2,"#N/A","x\r\ny"', "3,4,b", "4,5"] +
                       [f"{i},{i},c" for i in range(5, 30)])
    path = write(tmp_path / "win.csv", body + "\r\n")
    result = read_source(path, None, {}, {"qty": "integer"})
    assert [(r.record_no, r.reason, r.raw) for r in result.rejects] == [
        ("2", "qty: '#N/A' is not an integer", '2,"#N/A","x\r\ny"'),
        ("4", "2 fields where the header has 3", "4,5")]
    assert result.table.num_rows == 27


def test_a_character_cut_by_a_read_chunk_then_ascii_is_not_utf8(tmp_path):
    """ASCII chunks are not decoded; one that follows the cut start of a UTF-8 sequence is."""
    from datanet_sql.ingest.readers.encoding import detect_encoding

    cut, whole = tmp_path / "cut.csv", tmp_path / "whole.csv"
    cut.write_bytes(b"a" * ((1 << 20) - 1) + b"\xc3" + b"b" * 10)
    whole.write_bytes(b"a" * ((1 << 20) - 1) + "é".encode() + b"b" * 10)
    for limit in (None, 2 << 20):  # the whole file, and a sample past the cut
        assert (detect_encoding(cut, limit), detect_encoding(whole, limit)) == ("cp1252", "utf-8")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_line_endings_that_change_midway_are_read_as_one_kind(tmp_path, encoding):
    """Two exports pasted together, CRLF then LF: DuckDB's parser stops at the first line
    ending unlike the ones before it (strict mode) and its sniffer gives up."""
    lines = ["id,amount,town"] + [f"{i},{i}.5,Ville {i}" for i in range(1, 61)]
    text = "".join(line + ("\r\n" if n <= 30 else "\n") for n, line in enumerate(lines))
    result = read_source(write(tmp_path / "pasted.csv", text, encoding), None, {}, {})
    assert result.table.num_rows == 60 and not result.rejects
    assert result.table.column("town").to_pylist()[::29] == ["Ville 1", "Ville 30", "Ville 59"]
    assert result.table.column("amount").to_pylist()[59] == 60.5
    assert any("line endings" in note for note in result.schema_notes)


def test_a_glob_with_a_file_of_mixed_line_endings(tmp_path):
    write(tmp_path / "a.csv", "id,town\r\n1,Aa\r\n2,Bb\n3,Cc\n")
    write(tmp_path / "b.csv", "id,town\n4,Dd\n")
    result = read_source(tmp_path / "*.csv", None, {}, {})
    assert sorted(result.table.to_pylist(), key=lambda r: r["id"]) == [
        {"id": 1, "town": "Aa"}, {"id": 2, "town": "Bb"}, {"id": 3, "town": "Cc"},
        {"id": 4, "town": "Dd"}]
