"""Excel's Data > Subtotal outline between a sheet's groups, on real workbooks: the
subtotal rows are left out (noted), rows that only look like them stay."""

from __future__ import annotations

import pytest
from ingest_helpers import workbook

from datanet_sql.ingest.reading import read_source

_HEADER = ["Year", "Region", "Sales", "Units"]
_NORTH = [[2001, "North", 10.5, 3], [2002, "North", 4.25, 1]]
_SOUTH = [[2001, "South", 7.0, 2], [2003, "South", 1.0, 5], [2004, "South", 2.0, 1]]


@pytest.mark.parametrize("chunk", [1, 10_000])
def test_subtotal_rows_between_groups_are_left_out_and_noted(tmp_path, monkeypatch, chunk):
    """`North Total` after North's rows, `South Total` after South's, `Grand Total` at the
    end, as Excel's Data > Subtotal writes them (pasted as values): 5 rows, not 8."""
    from datanet_sql.ingest.readers import excel

    monkeypatch.setattr(excel, "CHUNK_ROWS", chunk)
    rows = [
        _HEADER,
        *_NORTH,
        [None, "North Total", 14.75, 4],
        *_SOUTH,
        [None, "South Total", 10.0, 8],
        [None, "Grand Total", 24.75, 12],
    ]
    workbook(tmp_path / "sales.xlsx", {"Sales": rows})
    result = read_source(tmp_path / "sales.xlsx", None, {}, {})
    assert result.table.to_pylist() == [
        dict(zip(["year", "region", "sales", "units"], r)) for r in [*_NORTH, *_SOUTH]
    ]
    assert [str(t) for t in result.table.schema.types] == ["int64", "string", "double", "int64"]
    assert (
        "sales.xlsx: 3 subtotal row(s) of Excel's Data > Subtotal ('North Total', ..., "
        "'Grand Total'; the first on row 4), each number its group's total, count or "
        "average: not loaded"
    ) in result.schema_notes
    assert not any("is a totals row" in n for n in result.schema_notes)


def test_subtotals_by_count_and_average_and_in_an_integer_column(tmp_path):
    """Excel's Count and Average functions; the group column is the year (integers), whose
    label `2001 Count` would have made it text."""
    rows = [
        ["Year", "Sales"],
        [2001, 4.0],
        [2001, 6.0],
        ["2001 Count", 2],
        [2002, 3.0],
        ["2002 Average", 3.0],
        ["Grand Count", 3],
    ]
    workbook(tmp_path / "years.xlsx", {"Years": rows})
    result = read_source(tmp_path / "years.xlsx", None, {}, {})
    assert result.table.to_pylist() == [
        {"year": 2001, "sales": 4.0},
        {"year": 2001, "sales": 6.0},
        {"year": 2002, "sales": 3.0},
    ]
    assert any(
        n.startswith(
            "years.xlsx: 3 subtotal row(s) of Excel's Data > Subtotal "
            "('2001 Count', ..., 'Grand Count'; the first on row 4)"
        )
        for n in result.schema_notes
    )


def test_rows_named_like_subtotals_whose_numbers_are_not_the_groups_stay_rows(tmp_path):
    """`Total Care` (a product), `North Total` whose numbers are not North's sums, and
    `Rent Total` under rows of other names are data; so is a `Grand Total` whose numbers
    are not the sums."""
    rows = [
        _HEADER,
        *_NORTH,
        [2005, "Total Care", 2.0, 1],
        [None, "North Total", 99.0, 4],
        [2006, "Rent", 5.0, 1],
        [2006, "Power", 1.0, 1],
        [None, "Rent Total", 6.0, 2],
        [None, "Grand Total", 1.0, 1],
    ]
    workbook(tmp_path / "shop.xlsx", {"Shop": rows})
    result = read_source(tmp_path / "shop.xlsx", None, {}, {})
    assert result.table.column("region").to_pylist() == [
        "North",
        "North",
        "Total Care",
        "North Total",
        "Rent",
        "Power",
        "Rent Total",
        "Grand Total",
    ]
    assert not any("subtotal" in n or "totals row" in n for n in result.schema_notes)


def test_a_grand_total_alone_stays_a_totals_row(tmp_path):
    """Without group subtotals a last `Grand Total` row is the totals row it always was
    (its own note), not an outline."""
    rows = [_HEADER, *_NORTH, [None, "Grand Total", 14.75, 4]]
    workbook(tmp_path / "north.xlsx", {"North": rows})
    result = read_source(tmp_path / "north.xlsx", None, {}, {})
    assert result.table.num_rows == 2
    assert any("row 4 is a totals row ('Grand Total' | 14.75 | 4" in n for n in result.schema_notes)
    assert not any("subtotal" in n for n in result.schema_notes)
