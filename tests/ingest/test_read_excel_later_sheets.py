"""A workbook of one sheet per experiment (or region, or month), read without `sheet:`: the
first sheet is the table, and the sheets after it that hold values are named in a note, which
says when they share the first one's header (one table split across sheets), so their rows
are never left out in silence. Empty sheets after it and hidden ones say nothing; a later
sheet whose XML is damaged is named as one that could not be looked at, and the first sheet
still loads."""

from __future__ import annotations

from pathlib import Path

from ingest_helpers import rezip, workbook
from openpyxl import load_workbook

from datanet_sql.ingest.reading import read_source

HEADER = ["Group", "Population", "Paralytic"]
RANDOMIZED = [HEADER, ["Vaccinated", 200745, 33], ["Placebo", 201229, 115]]
OBSERVED = [HEADER, ["Vaccinated", 221998, 38], ["Controls", 725173, 330]]


def test_sheets_after_the_first_with_the_same_header_are_named(tmp_path: Path) -> None:
    workbook(tmp_path / "polio.xlsx", {"Randomized": RANDOMIZED, "Observed": OBSERVED,
                                       "Notes": [["Source: Francis 1955"]], "Empty": []})
    result = read_source(tmp_path / "polio.xlsx", None, {}, {})
    assert [r["population"] for r in result.table.to_pylist()] == [200745, 201229]
    assert result.schema_notes[0] == (
        "polio.xlsx: sheet 'Randomized' read; sheet(s) after it holding values are not "
        "loaded: Observed, Notes; Observed has the same header as 'Randomized', so the table "
        "may be split across sheets (load each as a table of its own with sheet:)")


def test_a_sheet_named_or_alone_gets_no_note_and_hidden_ones_are_not_named(
        tmp_path: Path) -> None:
    workbook(tmp_path / "p.xlsx", {"Randomized": RANDOMIZED, "Observed": OBSERVED,
                                   "Lookup": [["code", "name"], [1, "a"]]})
    book = load_workbook(tmp_path / "p.xlsx")
    book["Lookup"].sheet_state = "hidden"
    book.save(tmp_path / "p.xlsx")
    named = read_source(tmp_path / "p.xlsx", None, {"sheet": "Observed"}, {})
    assert not any("not loaded" in n for n in named.schema_notes)
    assert [r["group"] for r in named.table.to_pylist()] == ["Vaccinated", "Controls"]
    unnamed = read_source(tmp_path / "p.xlsx", None, {}, {})
    assert [n for n in unnamed.schema_notes if "not loaded" in n] == [
        "p.xlsx: sheet 'Randomized' read; sheet(s) after it holding values are not loaded: "
        "Observed; Observed has the same header as 'Randomized', so the table may be split "
        "across sheets (load each as a table of its own with sheet:)"]
    workbook(tmp_path / "one.xlsx", {"Randomized": RANDOMIZED, "Sheet2": []})
    alone = read_source(tmp_path / "one.xlsx", None, {}, {})
    assert not any("not loaded" in n for n in alone.schema_notes)


def test_a_damaged_later_sheet_is_named_and_the_first_still_loads(tmp_path: Path) -> None:
    """The note is advice: sheet 2's XML cut short refused the whole workbook, where the
    sheet asked for reads fine."""
    workbook(tmp_path / "plain.xlsx", {"Randomized": RANDOMIZED, "Observed": OBSERVED,
                                       "Notes": [["Source: Francis 1955"]]})
    damaged = rezip(tmp_path / "plain.xlsx", tmp_path / "polio.xlsx", lambda name, data:
                    data[:len(data) // 2] if name == "xl/worksheets/sheet2.xml" else data)
    result = read_source(damaged, None, {}, {})
    assert [r["population"] for r in result.table.to_pylist()] == [200745, 201229]
    assert result.schema_notes[0] == (
        "polio.xlsx: sheet 'Randomized' read; sheet(s) after it holding values are not "
        "loaded: Notes; sheet(s) after it that could not be looked at (damaged: open the "
        "workbook in Excel, which offers to repair it): Observed (load each as a table of "
        "its own with sheet:)")
