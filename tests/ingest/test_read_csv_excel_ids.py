"""A CSV whose long numbers Excel wrote in its General format when it saved the file
(`1.20002E+12`, see readers/csv_excel_ids.py), read alone: read as numbers, the column
named in a note with an example and what to do if they are ids; a first delivery so is
loaded with the note. Near misses read as before without a note: short exponents, more
digits than Excel keeps, long numbers written out, a column of E-notation mixed with plain
numbers. On files the tests write, read by DuckDB."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import load_landing, read_text

NOTE = ("column mpan: its values are written as Excel writes a number of 12 digits or more "
        "when it saves a file as CSV (1.20002E+12: six significant digits, the rest lost), "
        "read as numbers; if they are ids, their digits cannot be recovered: ask for the "
        "file as exported before it was opened in Excel")


def _notes(result) -> list[str]:
    return [n.split(": ", 1)[1] for n in result.schema_notes]


def test_long_numbers_excel_rounded_are_read_and_noted(tmp_path: Path) -> None:
    result = read_text(tmp_path, "mpan,cost\n1.20002E+12,1.5\n1.2E+12,2.5\n,3.5\n"
                                 "1.20004E+12,4.5\n", "plants.csv")
    assert result.table.column("mpan").to_pylist() == [1200020000000.0, 1.2e12, None,
                                                      1200040000000.0]
    assert NOTE in _notes(result)


def test_a_first_delivery_so_is_loaded_with_the_note(tmp_path: Path) -> None:
    """With no table before it nothing tells ids from amounts: loaded, the note carried to
    the load's notes."""
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "plants-1.csv").write_text("mpan,cost\n1.20002E+12,1.5\n1.20003E+12,2.5\n")
    adapter, result = load_landing(tmp_path, "incremental_files", "*.csv")
    assert any(NOTE in n for n in result.read_notes)
    assert adapter.fetch("select mpan from shop.sales order by 1")[1] == [
        (1200020000000.0,), (1200030000000.0,)]


@pytest.mark.parametrize("values", [
    "1.5E+3\n2.25E+4",                     # short numbers in E-notation (a scientist's)
    "1.2000233E+12\n1.2000234E+12",        # more digits than Excel's General keeps
    "1200023300000.0\n1200023400000.0",    # long numbers written out
    "1.20002E+12\n1200023400000",          # E-notation beside a long number written out
    "1.20002E-12\n1.20003E-12",            # small numbers
])
def test_near_misses_read_without_the_note(tmp_path: Path, values: str) -> None:
    result = read_text(tmp_path, "mpan,cost\n" + "".join(
        f"{v},1.5\n" for v in values.split("\n")))
    assert not any("Excel writes a number" in n for n in result.schema_notes)
    assert result.table.column("mpan").to_pylist() == [float(v) for v in values.split("\n")]
