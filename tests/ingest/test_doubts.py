"""The generic doubt checks (`ingest.doubts`) on real files written here: each signal on a
file of the shape that was once read silently wrong (reduced from the benchmark's misses),
and the near misses that must stay quiet."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from datanet_sql.errors import IngestError
from datanet_sql.ingest.reading import read_source

ROWS = [(i, 50 + i % 17, 150 + i % 23) for i in range(1, 41)]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def doubts(path: Path, options: dict | None = None, stream: bool = False) -> list[str]:
    """The doubt notes of reading `path`, each without its file's label."""
    result = read_source(path, None, options or {}, {}, stream=stream)
    result.close()
    return [n.split(": doubt: ", 1)[1] for n in result.schema_notes if ": doubt: " in n]


def records(header: str, line: str) -> str:
    return header + "\n" + "".join(line.format(a=a, b=b, c=c) + "\n" for a, b, c in ROWS)


def test_annotation_lines_under_the_header_are_named(tmp_path):
    path = write(tmp_path / "clinic.csv", "id,weight,height\nSource: clinic A,,\n"
                 "Revised 2024,,\n" + records("", "{a},{b},{c}").lstrip("\n"))
    result = read_source(path, None, {}, {})
    assert result.table.column("id").to_pylist()[:2] == ["Source: clinic A", "Revised 2024"]
    assert any(n.startswith(
        f"{path}: doubt: column(s) id ('Source: clinic A', 'Revised 2024') are numbers but "
        "for their first rows: header or annotation lines read as data") for n in
        result.schema_notes)


def test_a_text_value_in_the_first_row_of_one_column_is_quiet(tmp_path):
    path = write(tmp_path / "codes.csv", "code,weight,height\nABC,61,170\n" +
                 records("", "{a},{b},{c}").lstrip("\n"))
    assert doubts(path) == []


def test_a_second_table_under_the_first_is_named(tmp_path):
    path = write(tmp_path / "birds.csv", records("site,count,area", "S{a},{b},{c}")
                 + "Legend,Count of birds,Area in ha\nS,site code,\n")
    assert doubts(path) == [
        ("column(s) count ('Count of birds', 'site code') are numbers but for their last "
        "rows: a totals line, a footnote or a second table read as rows; cut the file (or "
        "sheet) at the table's end")]


def test_one_text_value_at_the_end_is_quiet(tmp_path):
    path = write(tmp_path / "notes.csv", records("site,count,area", "S{a},{b},{c}")
                 + "S99,see note,12\n")
    assert doubts(path) == []


def test_a_missing_value_word_among_numbers_is_named(tmp_path):
    path = tmp_path / "vitals.ndjson"
    path.write_text("".join(json.dumps({"id": a, "bp": "." if a % 4 == 0 else str(b)}) + "\n"
                            for a, b, _ in ROWS))
    assert doubts(path) == [
        ("column(s) bp ('.') are numbers but for a word standing in for missing values: kept "
        "as text; pass options: {null_values: ['.']} (csv), or declare the column(s) double")]


def test_one_wide_column_holding_spaces_is_named(tmp_path):
    path = write(tmp_path / "chile.txt", records("region population sex age",
                                                 "N {b} M {c}"))
    assert doubts(path) == []  # read as space-separated: no doubt
    assert doubts(path, {"delimiter": ","}) == [
        ("one column region_population_sex_age, every value of which holds ' ' 3 time(s) "
        "('N 51 M 151'): records of 4 fields read as one; pass options: {delimiter: ' '}")]


def test_one_column_of_names_is_quiet(tmp_path):
    path = write(tmp_path / "people.csv", records("name", "Ann Lee{a}"))
    assert doubts(path) == []


def test_one_column_holding_a_control_character_is_named(tmp_path):
    """A control character no reader takes (STX) between every value's fields; the name
    cleaned of it (`id_n`) says nothing, the values do."""
    path = write(tmp_path / "feed.csv", records("id\x02n", "{a}\x02{b}"))
    assert doubts(path) == [
        ("one column id_n, every value of which holds \"\\x02\" 1 time(s) ('1\\x0251'): "
         "records of 2 fields read as one; pass options: {delimiter: \"\\x02\"}")]


def test_fields_enclosed_in_an_odd_quote_are_named(tmp_path):
    """A load file's þ-enclosed fields with nothing between them (not Concordance's layout,
    which has a delimiter): one column of them."""
    path = write(tmp_path / "load.csv", records("þDOCþþPAGESþ", "þD{a}þþ{b}þ"))
    assert doubts(path) == [
        ("one column th_docthth_pagesth, every value of which is fields enclosed in 'þ' "
         "('þD1þþ51þ'): a quote character no reader tried, records of several fields read as "
         "one; pass options: {quote: 'þ', delimiter: ...} (the character between the fields)")]


@pytest.mark.parametrize("line", ["/srv/{a}/data/", "*{a}* and *{b}*", "þór{a}"])
def test_one_column_of_paths_emphasis_or_thorns_is_quiet(tmp_path, line):
    """Near misses: values that start and end with `/` or `*` (text's own), or hold `þ`."""
    path = write(tmp_path / "paths.csv", records("path", line))
    assert doubts(path) == []


def test_key_value_records_are_named(tmp_path):
    path = write(tmp_path / "metrics.txt",
                 "".join(f"host=web{a % 3},load={b},temp={c}\n" for a, b, c in ROWS))
    found = doubts(path)
    assert found == [
        ("column(s) host_web1 (host=...), load_51 (load=...), temp_151 (temp=...) start every "
        "value with the same key: key=value records read as delimited text, the names not "
        "in the header; they need a reader of their layout, or the keys stripped into a "
        "header")]
    assert doubts(path, stream=True) == found


def test_a_column_of_equations_is_quiet(tmp_path):
    path = write(tmp_path / "formulas.csv", records("id,formula", "{a},x=y+{b}"))
    assert doubts(path) == []


def test_empty_unnamed_columns_of_a_doubled_delimiter_are_named(tmp_path):
    path = write(tmp_path / "jevons.csv", records("actual||estimated", "{a}||{b}"))
    assert doubts(path, {"delimiter": "|"}) == [
        ("column(s) column_2 have no name and no value in any row: a delimiter doubled (`||`) "
        "or closing every line; pass options: {delimiter: ...} with the whole delimiter")]


def test_names_that_are_values_are_named(tmp_path):
    path = write(tmp_path / "flags.csv", records("id,false,true", "{a},true,false"))
    assert "columns false, true are named by values, not names: a line of values (an " \
        "annotation or a record) read as the header; point at the names' line (options: " \
        "{skip: N})" in doubts(path)


def test_chemical_names_that_spell_a_value_are_quiet(tmp_path):
    """Nitric oxide and nitrogen dioxide (`no`, `no2`): only a repeated name made unique
    (`no_2`) counts as the word."""
    path = write(tmp_path / "air.csv", records("no,no2,nox", "{a},{b},{c}"))
    assert doubts(path) == []
    repeated = write(tmp_path / "answers.csv", records("no,no_2,id", "{a},{b},{c}"))
    assert [d[:36] for d in doubts(repeated)] == ["columns no, no_2 are named by values"]


def test_a_line_not_split_is_named(tmp_path):
    path = write(tmp_path / "mainframe.csv", "k" * 150 + "\n" + records("", "{a}").lstrip())
    assert doubts(path) == [
        (f"a name of 150 characters ({'k' * 40}...): a whole line read as one name: the "
        "delimiter or the encoding was not found; pass options: {delimiter: ..., encoding: "
        "...}")]


def test_lines_above_the_first_row_left_out_without_a_word_are_named(tmp_path):
    path = write(tmp_path / "logger.tsv", "#Version: 1.0\n#Source: logger 7\n" +
                 records("", "{a}\t{b}\t{c}").lstrip())
    assert doubts(path) == [
        ("lines 1-2 ('#Version: 1.0') above the first row: neither header nor row, and left "
        "out without a word; if they hold the names or data, make the layout explicit "
        "(options: {skip: N, header: true})")]


def test_a_title_above_the_header_is_told_by_the_header_line(tmp_path):
    path = write(tmp_path / "titled.csv", "Monthly closing prices\n\n" +
                 records("month,price,volume", "{a},{b},{c}"))
    assert doubts(path) == []


def test_text_decoded_twice_is_named(tmp_path):
    path = tmp_path / "towns.ndjson"
    path.write_text("".join(json.dumps({"id": a, "town": "BayamÃ³n" if a == 3 else "Ponce"})
                            + "\n" for a, _, _ in ROWS), encoding="utf-8")
    assert doubts(path) == [
        ("column(s) town ('BayamÃ³n') hold text that looks decoded with the wrong code page: "
        "pass options: {encoding: ...} with the file's own (utf-8, cp1252, cp850, ...), or "
        "repair text encoded twice at its source")]


def test_an_envelope_read_as_one_record_is_named(tmp_path):
    path = write(tmp_path / "page.json", '{"meta": {"page": 1}, "next": "https://x/2"}')
    assert doubts(path) == [
        ("the file read as one record (columns meta__page, next): if it is an envelope around "
        "the records, extract them into one object a record")]


def test_a_list_of_one_record_is_quiet(tmp_path):
    path = write(tmp_path / "one.json", '[{"a": 1, "b": "x"}]')
    assert doubts(path) == []


def test_values_wrapped_in_their_types_are_named(tmp_path):
    path = tmp_path / "unions.parquet"
    pq.write_table(pa.table({"arm": [{"string": f"s{a}"} for a, _, _ in ROWS],
                             "dose": [{"long": b} for _, b, _ in ROWS],
                             "temp": [{"double": c / 3} for _, _, c in ROWS]}), path)
    assert doubts(path) == [
        ("columns arm__string, dose__long, temp__double ... end in a type's name: every value "
        "wrapped in its type (Avro's JSON unions); unwrap the values at the source (or read "
        "the Avro file itself)")]


def test_base64_json_values_are_named(tmp_path):
    path = tmp_path / "push.ndjson"
    path.write_text("".join(json.dumps({"id": a, "payload": base64.b64encode(json.dumps(
        {"w": b, "h": c}).encode()).decode()}) + "\n" for a, b, c in ROWS))
    assert doubts(path) == [
        ("column payload holds base64 of JSON (eyJ3IjogNTEsICJoIjog...): the records are "
        "inside it; decode them before loading")]


def test_rows_of_no_value_are_named(tmp_path):
    path = write(tmp_path / "used_range.csv",
                 "x,y\n" + "".join(f"{a},{b}\n" if a % 10 else ",\n" for a, b, _ in ROWS))
    assert doubts(path) == [
        ("3 row(s) (10, 20, 30) have no value in any column: lines of delimiters or blank "
        "records read as rows; delete them from the file")]


def test_more_rejects_than_rows_are_named(tmp_path):
    path = write(tmp_path / "cut.ndjson", '{"a": 1}\n{"a": 2}\n' + '{"a": 3, "b": \n' * 5)
    assert doubts(path) == [
        ("5 record(s) rejected and 2 read: more records break the layout read (1 column(s): "
         "a) than fit it, so it is likely not the file's; look at the rejects (`_rejects`) "
         "before using the table, and set `options:` (delimiter, header, skip) to the "
         "file's layout")]


def test_every_record_of_many_rejected_is_refused(tmp_path):
    path = write(tmp_path / "garbage.ndjson", "not json at all\n" * 12)
    with pytest.raises(IngestError, match="no row read: every one of its 12 record"):
        read_source(path, None, {}, {})


def test_a_few_records_all_rejected_or_declared_types_rejecting_all_stay_rejects(tmp_path):
    few = write(tmp_path / "few.ndjson", "not json at all\n" * 3)
    assert len(read_source(few, None, {}, {}).rejects) == 3
    typed = write(tmp_path / "typed.csv", "qty\n" + "x\n" * 12)
    result = read_source(typed, None, {}, {"qty": "integer"})
    assert (result.table.num_rows, len(result.rejects)) == (0, 12)


def test_a_short_file_and_a_header_alone_are_quiet(tmp_path):
    assert doubts(write(tmp_path / "short.csv", "a,b\nx,1\n")) == []
    assert doubts(write(tmp_path / "header.csv", "a,b\n")) == []


def test_the_reads_a_loader_takes_without_read_source_are_doubted(tmp_path):
    """A folder's files read in one scan (`read_each`) and NDJSON staged in a DuckDB
    warehouse (`stage_json`: its names and counts, no sample of its rows) pass the same
    checks."""
    import duckdb

    from datanet_sql.ingest.reading import read_each, stage_json

    paths = [write(tmp_path / f"metrics-{n}.csv", "".join(
        f"host=web{a % 3},load={b},temp={c}\n" for a, b, c in ROWS) + f"host=web{n},load=1,"
        "temp=2\n") for n in (1, 2)]
    parts = list(read_each(paths, None, {}, {}))
    assert all(any("key=value records read as delimited text" in n for n in p.schema_notes)
               for p in parts)
    path = write(tmp_path / "boxed.ndjson", "".join(json.dumps({"c": [b]}) + "\n"
                                                    for _, b, _ in ROWS))
    staged = stage_json(duckdb.connect(), path, str(path), {}, {}, None, "_staged")
    assert staged is not None
    assert any("the rows hold no column but their number" in n for n in staged.schema_notes)


def test_a_record_taken_for_the_header_under_a_short_first_line_is_named(tmp_path):
    """`header: true` over a header naming two of four fields: the sniffer skipped it as a
    title and took the first record for the names (29 rows, names `0`, `x0`): named, with
    the options that read every row."""
    rows = "".join(f"{a},{b},x{a},y\n" for a, b, _ in ROWS)
    path = write(tmp_path / "short_header.csv", "a,b\n" + rows)
    result = read_source(path, None, {"delimiter": ",", "header": True}, {})
    assert result.table.num_rows == len(ROWS) - 1   # the reading the doubt is about
    said = [n.split(": doubt: ", 1)[1] for n in result.schema_notes if ": doubt: " in n]
    assert said == [("line 2 ('1,51,x1,y'), taken for the header under line 1 (skipped as a "
                    "title), is written as a row is, numbers over every number column: a "
                    "record read as the names, and the names' line skipped; if the line(s) "
                    "above are the header, the rows have fields it does not name: complete it "
                    "at the source, or read every row with options: {skip: 1, header: false} "
                    "(columns column_1 on)")]
    again = read_source(path, None, {"skip": 1, "header": False}, {})
    assert again.table.num_rows == len(ROWS)
    assert again.table.column("column_1").to_pylist()[:2] == [1, 2]


@pytest.mark.parametrize("header", ["id,weight,height", "region,2019,2020", "id,1.5,2.5 kg"])
def test_a_header_of_names_or_years_under_a_title_is_quiet(tmp_path, header):
    """A title line over a header of words, of a wide table's years, or of names that are
    not plain numbers: the header is a header."""
    path = write(tmp_path / "titled.csv", "Clinic export, 2024\n" + records(header, "{a},{b},{c}"))
    assert not [n for n in doubts(path) if "taken for the header" in n]
