"""A Monday.com board exported to xlsx, on real workbooks: the board's name, then per group
its name alone on a row, its own header row, its items and a blank row. The group rows and
repeated headers are left out (noted naming the groups), the columns keep their types; a
lone text row that is no group's title (no blank row above it, or no header under it) is
an item, kept."""

from __future__ import annotations

import pytest
from ingest_helpers import workbook

from datanet_sql.ingest.reading import read_source

_HEADER = ["Name", "Budget", "Code"]
_GROUPS = {
    "This week": [["Roof", 1200, 7], ["Gutter", 300, 8]],
    "Next week": [["Boiler", 4100, 9], ["Floor", 900, "X1"]],
    "Done": [["Paint", 650, 10]],
}


def _board() -> list[list]:
    """The board as Monday.com exports it: its name in A1, then each group."""
    rows: list[list] = [["Renovation board"]]
    for group, items in _GROUPS.items():
        rows += [[group], _HEADER, *items, []]
    return rows


@pytest.mark.parametrize("chunk", [2, 10_000])
def test_a_board_of_groups_reads_as_its_items(tmp_path, monkeypatch, chunk):
    """Read as rows, each group's name was an item of NULLs and `budget` kept whole
    numbers only because the repeats were left out. With small chunks `code` turns to
    text after numbers were staged: the sheet is read again, the group rows left out too."""
    from datanet_sql.ingest.readers import excel

    monkeypatch.setattr(excel, "CHUNK_ROWS", chunk)
    workbook(tmp_path / "board.xlsx", {"Renovation board": _board()})
    result = read_source(tmp_path / "board.xlsx", None, {}, {})
    items = [item for group in _GROUPS.values() for item in group]
    assert result.table.column("name").to_pylist() == [n for n, _, _ in items]
    assert result.table.column("budget").to_pylist() == [b for _, b, _ in items]
    assert result.table.column("code").to_pylist() == [str(c) for _, _, c in items]
    assert str(result.table.schema.field("budget").type) == "int64"
    assert ("board.xlsx: the rows are in 3 group(s), each a name alone on a row above its "
            "own header row (a Monday.com board's groups, a report's sections): "
            "'This week' (row 2), 'Next week' (row 7), 'Done' (row 12); the group rows and "
            "repeated headers left out, the items kept, the group in no column (add it as a "
            "column where the file is made if it matters)") in result.schema_notes


def test_a_lone_name_with_no_header_under_it_is_an_item(tmp_path):
    """A near miss: an item with only its name filled, after a blank row, is an item (no
    header repeats under it)."""
    rows = [_HEADER, ["Roof", 1200, 7], [], ["Gutter"], ["Boiler", 4100, 9]]
    workbook(tmp_path / "list.xlsx", {"Items": rows})
    result = read_source(tmp_path / "list.xlsx", None, {}, {})
    assert result.table.column("name").to_pylist() == ["Roof", "Gutter", "Boiler"]
    assert result.table.column("budget").to_pylist() == [1200, None, 4100]
    assert not any("group(s)" in n for n in result.schema_notes)


def test_a_lone_name_right_under_an_item_above_a_page_header_is_an_item(tmp_path):
    """A near miss: a paged report's last item on a page with only its name, right under
    the item above it (no blank row): kept, the header repeat under it left out as a
    page's."""
    rows = [_HEADER, ["Roof", 1200, 7], ["Gutter"], _HEADER, ["Boiler", 4100, 9]]
    workbook(tmp_path / "report.xlsx", {"Report": rows})
    result = read_source(tmp_path / "report.xlsx", None, {}, {})
    assert result.table.column("name").to_pylist() == ["Roof", "Gutter", "Boiler"]
    assert any("1 row(s) repeat the header row" in n and "rows 4:" in n
               for n in result.schema_notes)
    assert not any("group(s)" in n for n in result.schema_notes)
