"""How a CSV's lines split into fields where DuckDB's sniffer alone reads them wrong: a
control character as the delimiter (a Hive export's Ctrl-A), and a header line that alone
ends with the delimiter. On real files written here."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import appended_after_growing, read_text

from datanet_sql.ingest.reading import read_source

BACTERIA = [("y", "p", "hi", "0", "X01", "placebo"), ("n", "a", "lo", "2", "X02", "drug, +")]


@pytest.mark.parametrize(
    "delimiter, named",
    [
        ("\x01", "Ctrl-A, Hive's default"),
        ("\x1f", "the ASCII unit separator"),
        ("\x1e", "the ASCII record separator"),
    ],
)
def test_a_control_character_delimiter_splits_the_lines(
    tmp_path: Path, delimiter: str, named: str
) -> None:
    """Hive's text export separates fields with Ctrl-A: every line splits on it alike, so
    it is the delimiter, before a comma inside a value (`drug, +`)."""
    path = tmp_path / "bacteria.txt"
    lines = ["y,ap,hilo,week,id,trt".replace(",", delimiter)] + [
        delimiter.join(row) for row in BACTERIA
    ]
    path.write_text("\n".join(lines) + "\n")
    result = read_source(path, "csv", {}, {})
    assert result.rejects == []
    assert result.table.column_names == ["y", "ap", "hilo", "week", "id", "trt"]
    assert result.table.column("trt").to_pylist() == ["placebo", "drug, +"]
    assert result.table.column("week").to_pylist() == [0, 2]
    assert (
        f"{path}: delimiter {delimiter!r} ({named}), which DuckDB's sniffer does not try: "
        "every sampled line splits on it alike" in result.schema_notes
    )


def test_a_control_character_on_some_lines_only_is_no_delimiter(tmp_path: Path) -> None:
    """A Ctrl-A inside one value of a comma-separated file (pasted from a terminal) does
    not split the lines alike: the file stays comma-separated, the value as written."""
    path = tmp_path / "notes.csv"
    path.write_text("id,note\n1,a\x01b\n2,plain\n3,c\x01d\x01e\n")
    result = read_source(path, None, {}, {})
    assert result.table.column("note").to_pylist() == ["a\x01b", "plain", "c\x01d\x01e"]
    assert not any("Ctrl-A" in n for n in result.schema_notes)


def anscombe(path: Path, rows: int = 250) -> Path:
    """A CSV whose header alone ends with the delimiter over `rows` records of 5 fields."""
    lines = ["state,education,income,young,urban,"] + [
        f"S{i},{189 + i},{2824 + i},{350.5 + i},{500 + i}" for i in range(1, rows + 1)
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_a_header_alone_ending_with_the_delimiter_names_the_records(tmp_path: Path) -> None:
    """`state,...,urban,` over records of five fields: DuckDB read the file headerless,
    one row and the rest rejected as short; the empty last name is dropped, noted."""
    path = anscombe(tmp_path / "anscombe.csv")
    result = read_source(path, None, {}, {})
    assert result.rejects == []
    assert result.table.column_names == ["state", "education", "income", "young", "urban"]
    assert result.table.num_rows == 250
    assert result.table.slice(0, 1).to_pylist() == [
        {"state": "S1", "education": 190, "income": 2825, "young": 351.5, "urban": 501}
    ]
    assert (
        f"{path}: header on line 1 alone ends with the delimiter (an empty last name, which "
        "no record fills): the name dropped, the records read under the other 5"
        in result.schema_notes
    )


def test_a_short_record_under_a_wide_header_is_a_reject_with_its_number(
    tmp_path: Path,
) -> None:
    """A record past the sample the header was judged on, short a field, is a reject
    numbered as its record (the header line not counted)."""
    path = anscombe(tmp_path / "anscombe.csv")
    lines = path.read_text().splitlines()
    lines[240] = "S240,1,2"
    path.write_text("\n".join(lines) + "\n")
    result = read_source(path, None, {}, {})
    assert [(r.record_no, r.reason, r.raw) for r in result.rejects] == [
        ("240", "3 fields where the header has 5", "S240,1,2")
    ]
    assert result.table.num_rows == 249


def test_a_wide_header_loads_into_a_warehouse(tmp_path: Path) -> None:
    from ingest_helpers import load_folder

    (tmp_path / "landing").mkdir()
    anscombe(tmp_path / "landing" / "a.csv", rows=3)
    adapter = load_folder(tmp_path, "replace")
    try:
        assert adapter.fetch("select state, urban from shop.sales order by state")[1] == [
            ("S1", 501),
            ("S2", 502),
            ("S3", 503),
        ]
    finally:
        adapter.close()


@pytest.mark.parametrize(
    "text, rows",
    [
        # a record fills the header's last field: the header is the header, the short
        # records rejects, as before
        ("id,name,\n1,a\n2,b,x\n3,c\n", [{"id": 2, "name": "b", "column_3": "x"}]),
        # every line ends with the delimiter: the empty column dropped, as before
        (
            "id,name,\n1,a,\n2,b,\n3,c,\n",
            [{"id": i, "name": n} for i, n in ((1, "a"), (2, "b"), (3, "c"))],
        ),
    ],
)
def test_near_misses_of_a_wide_header_are_read_as_before(
    tmp_path: Path, text: str, rows: list[dict[str, object]]
) -> None:
    result = read_text(tmp_path, text)
    assert result.table.to_pylist() == rows
    assert not any("alone ends with the delimiter" in n for n in result.schema_notes)


def test_a_grown_file_under_a_wide_header_appends_its_new_record(tmp_path: Path) -> None:
    """Under `append` the line a file gained is read under the file's own header line
    (its layout pinned): the wide header names it too, even one record alone."""
    anscombe(tmp_path / "anscombe.csv", rows=3)
    assert appended_after_growing(
        tmp_path, "anscombe.csv", "S4,193,2828,354.5,504\n",
        "select count(*), max(urban) from shop.sales") == (3, 1, [(4, 504)])


def test_a_first_record_of_numbers_ending_with_the_delimiter_is_no_header(
    tmp_path: Path,
) -> None:
    """`1,2,` over `3,4` is a record with an empty last value, not names: no header is
    made of it (the short records stay rejects, as before, for the user to see)."""
    path = tmp_path / "numbers.csv"
    path.write_text("1,2,\n3,4\n5,6\n7,8\n")
    result = read_source(path, None, {}, {})
    assert len(result.rejects) == 3
    assert not any("alone ends with the delimiter" in n for n in result.schema_notes)
