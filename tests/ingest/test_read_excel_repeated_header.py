"""The header row repeated above every page of a report rendered to Excel, on real
workbooks: the repeats are left out (noted with their rows), the columns keep their types;
a row repeating only some of the names is a row."""

from __future__ import annotations

import pytest
from ingest_helpers import workbook

from datanet_sql.ingest.reading import read_source

_HEADER = ["Ward", "Patients", "Days"]
_ROWS = [[f"W{i}", i * 3, i % 7] for i in range(1, 8)]


def _paged(page: int, blank: bool = False) -> list[list]:
    """The rows under a header again above every `page` rows (a blank row between pages
    where `blank`), as a report server renders a paged table."""
    rows: list[list] = []
    for start in range(0, len(_ROWS), page):
        if start and blank:
            rows.append([])
        rows += [_HEADER, *_ROWS[start:start + page]]
    return rows


@pytest.mark.parametrize("chunk", [2, 10_000])
def test_a_header_repeated_above_every_page_is_left_out(tmp_path, monkeypatch, chunk):
    """Pages of 3 rows: the header on rows 1, 5 and 9. Read as rows, the repeats made
    `patients` and `days` text and added 2 rows (with small chunks, a column turns to
    text after numbers were staged: the sheet is read again, the repeats left out too)."""
    from datanet_sql.ingest.readers import excel

    monkeypatch.setattr(excel, "CHUNK_ROWS", chunk)
    workbook(tmp_path / "wards.xlsx", {"Report": _paged(3)})
    result = read_source(tmp_path / "wards.xlsx", None, {}, {})
    assert result.table.to_pylist() == [
        {"ward": w, "patients": p, "days": d} for w, p, d in _ROWS
    ]
    assert [str(t) for t in result.table.schema.types] == ["string", "int64", "int64"]
    assert ("wards.xlsx: 2 row(s) repeat the header row (a paged report's header above "
            "every page, or tables pasted together), rows 5, 9: left out"
            ) in result.schema_notes


def test_a_page_header_after_a_blank_row_is_no_second_table(tmp_path):
    """A blank row between pages: the header after it repeats the first, so the table goes
    on (a header of other names there is a second table, see test_read_excel_stacked)."""
    workbook(tmp_path / "wards.xlsx", {"Report": _paged(4, blank=True)})
    result = read_source(tmp_path / "wards.xlsx", None, {}, {})
    assert result.table.column("patients").to_pylist() == [p for _, p, _ in _ROWS]
    assert not any("second table" in n for n in result.schema_notes)
    assert any("1 row(s) repeat the header row" in n and "rows 7:" in n
               for n in result.schema_notes)


def test_a_row_repeating_some_of_the_names_is_a_row(tmp_path):
    """A near miss: a row holding two of the names and a value is data, kept as written
    (its column turns to text, named by the note on a few values that are not numbers)."""
    rows = [_HEADER, *_ROWS[:3], ["Ward", "Patients", 4], *_ROWS[3:]]
    workbook(tmp_path / "wards.xlsx", {"Report": rows})
    result = read_source(tmp_path / "wards.xlsx", None, {}, {})
    assert result.table.column("ward").to_pylist()[3] == "Ward"
    assert result.table.column("days").to_pylist()[3] == 4
    assert len(result.table) == len(_ROWS) + 1
    assert not any("repeat the header" in n for n in result.schema_notes)
