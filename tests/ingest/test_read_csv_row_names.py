"""R's `write.table` with its row names: a header one field short of every record, read as
`read.table(header = TRUE)` reads it back (the first field the row names, `column_1`), and
the files that look alike read as before. On files written here as R writes them."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import appended_after_growing, read_text

from datanet_sql.ingest.reading import read_source

POSSUM = [("C3", 1, "Vic", "m", "8", 94.1), ("C5", 2, "Vic", "f", "NA", 92.5),
          ("C10", 3, "other", "f", "6", 94.0)]
NOTE = ("header on line 1 names one field fewer than every record (R's write.table writes "
        "the row names first, unnamed): the first field read as column column_1 (the row "
        "names), the header naming the other 5")


def write_table(path: Path, sep: str = " ", rows=POSSUM, newline: str = "\n") -> Path:
    """`write.table(possum, path, sep = sep)`: names and text quoted, `NA` bare, the row
    names first on every record and not in the header."""
    lines = [sep.join(f'"{n}"' for n in ("case", "site", "sex", "age", "hdlngth"))]
    lines += [sep.join([f'"{name}"', str(case), f'"{site}"', f'"{sex}"', age, f"{length:g}"])
              for name, case, site, sex, age, length in rows]
    path.write_text(newline.join(lines) + newline)
    return path


EXPECTED = [
    {"column_1": "C3", "case": 1, "site": "Vic", "sex": "m", "age": 8, "hdlngth": 94.1},
    {"column_1": "C5", "case": 2, "site": "Vic", "sex": "f", "age": None, "hdlngth": 92.5},
    {"column_1": "C10", "case": 3, "site": "other", "sex": "f", "age": 6, "hdlngth": 94.0},
]


@pytest.mark.parametrize(
    "sep, newline, name",
    [(" ", "\n", "possum.txt"), ("\t", "\n", "possum.tsv"), (",", "\n", "possum.csv"),
     (";", "\n", "possum.csv"), (" ", "\r\n", "possum.txt")],
)
def test_write_table_row_names_are_a_first_column(
    tmp_path: Path, sep: str, newline: str, name: str
) -> None:
    """Space (R's default), tab, comma or semicolon, LF or CRLF (R on Windows): the row
    names are column_1, every other column under its own name, `NA` a NULL, noted."""
    path = write_table(tmp_path / name, sep, newline=newline)
    result = read_source(path, None, {}, {})
    assert result.rejects == []
    assert result.table.to_pylist() == EXPECTED
    assert f"{path}: {NOTE}" in result.schema_notes


def test_row_names_one_to_n_are_kept_as_write_csv_keeps_them(tmp_path: Path) -> None:
    """R's default row names `"1"`, `"2"` ... load as `write.csv`'s `""` column does: an
    integer column_1, so the same frame written either way is the same table."""
    table = tmp_path / "cats.txt"
    table.write_text('"sex" "bwt"\n"1" "F" 2\n"2" "M" 3.5\n')
    csv = tmp_path / "cats.csv"
    csv.write_text('"","sex","bwt"\n"1","F",2\n"2","M",3.5\n')
    read = [read_source(p, None, {}, {}).table.to_pylist() for p in (table, csv)]
    assert read[0] == read[1] == [
        {"column_1": 1, "sex": "F", "bwt": 2.0}, {"column_1": 2, "sex": "M", "bwt": 3.5}]


def test_a_quote_escaped_as_r_escapes_it_stays_in_its_value(tmp_path: Path) -> None:
    """`qmethod = "escape"`, write.table's default: `\\"` inside a quoted value."""
    path = tmp_path / "said.txt"
    path.write_text('"name" "said"\n"r1" "bob" "he \\"hi\\" there"\n"r2" "al" "x y"\n')
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == [
        {"column_1": "r1", "name": "bob", "said": 'he "hi" there'},
        {"column_1": "r2", "name": "al", "said": "x y"},
    ]


def test_a_later_record_of_another_width_is_a_reject_with_its_number(tmp_path: Path) -> None:
    """A record past the sample, short the row names' field, is a reject numbered as its
    record (the header line not counted), the others read as R reads them."""
    rows = [(f"R{i}", i, "Vic", "m", str(i % 9), 90.5) for i in range(1, 301)]
    path = write_table(tmp_path / "possum.txt", rows=rows)
    lines = path.read_text().splitlines()
    lines[250] = '250 "Vic" "m" 7 90.5'
    path.write_text("\n".join(lines) + "\n")
    result = read_source(path, None, {}, {})
    assert [r.record_no for r in result.rejects] == ["250"]
    assert result.table.num_rows == 299
    assert result.table.column_names[:2] == ["column_1", "case"]


@pytest.mark.parametrize(
    "text, rows",
    [
        # one long row among many: the header is the header, the long row a reject
        (
            '"a","b"\n"x",1\n"y",2,3\n"z",3\n',
            [{"a": "x", "b": 1}, {"a": "z", "b": 3}],
        ),
        # a header one field longer than the rows (an empty last name): as before
        ("id,name,\n1,a\n2,b\n3,c\n", [{"id": i, "name": n} for i, n in
                                        ((1, "a"), (2, "b"), (3, "c"))]),
        # write.csv: the row names' header cell written `""`: one width, as before
        ('"","a"\n"1",5\n"2",6\n', [{"column_1": 1, "a": 5}, {"column_1": 2, "a": 6}]),
        # every record a field longer only by a delimiter ending it: not row names
        ('"a","b"\n"x",1,\n"y",2,\n', [{"a": "x", "b": 1}, {"a": "y", "b": 2}]),
    ],
)
def test_near_misses_are_read_as_before(
    tmp_path: Path, text: str, rows: list[dict[str, object]]
) -> None:
    result = read_text(tmp_path, text)
    assert result.table.to_pylist() == rows
    assert not any("row names" in n for n in result.schema_notes)


@pytest.mark.parametrize(
    "text",
    [
        'a b\nx 1 2\ny 3 4\n',            # nothing quoted (write.table(quote = FALSE))
        '"a" "b"\nx 1 2\ny 3 4\n',        # the row names unquoted: not R's quoting
        '"a" "a"\n"x" 1 2\n"y" 3 4\n',    # one name twice: no data frame's header
        '"a"\n"x" 1\n"y" 3\n',            # a single name: a title as much as a header
    ],
)
def test_files_without_r_s_evidence_are_not_read_with_row_names(
    tmp_path: Path, text: str
) -> None:
    """Without every piece of R's evidence no first field becomes row names (such files
    read as before: DuckDB's sniffer decides)."""
    path = tmp_path / "near.txt"
    path.write_text(text)
    result = read_source(path, None, {}, {})
    assert not any("row names" in n for n in result.schema_notes)


def test_write_table_files_load_into_a_warehouse(tmp_path: Path) -> None:
    from ingest_helpers import load_folder

    (tmp_path / "landing").mkdir()
    write_table(tmp_path / "landing" / "a.csv", "\t")
    adapter = load_folder(tmp_path, "replace")
    try:
        assert adapter.fetch(
            'select column_1, site, age from shop.sales order by "case"')[1] == [
            ("C3", "Vic", 8), ("C5", "Vic", None), ("C10", "other", 6)]
    finally:
        adapter.close()


def test_a_grown_write_table_file_appends_its_new_record(tmp_path: Path) -> None:
    """Under `append` the record a file gained is read under its own header line (its
    layout pinned): the row names are column_1 for it too, even one record alone."""
    write_table(tmp_path / "possum.txt")
    assert appended_after_growing(
        tmp_path, "possum.txt", '"C11" 4 "Vic" "m" 5 93.2\n',
        'select column_1, "case", age from shop.sales where "case" = 4') == (3, 1, [("C11", 4, 5)])
