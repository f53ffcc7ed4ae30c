"""A bank's or a report's CSV export: `key,value` lines about the account above a blank line
and the real header. The sniffer took `Report,...` for the header (the table's width) and
the real header for a row, every column text. On real files."""

from __future__ import annotations

from pathlib import Path

import pytest

from datanet_sql.ingest.reading import read_source

PREAMBLE = ["Report,MSCI Switzerland (price index)", "Client,Example Pension Fund",
            "Period,1994-12-30,2012-12-31", "Currency,CHF", "Created,2013-01-02 07:15"]
ROWS = ["1994-12-30,335.747", "1995-01-02,335.75", "1995-01-03,333.131", "1995-01-04,331.2"]


@pytest.mark.parametrize("preamble", [PREAMBLE, [PREAMBLE[0], PREAMBLE[1], PREAMBLE[3]]])
def test_key_value_lines_above_a_blank_line_are_left_out(tmp_path: Path,
                                                         preamble: list[str]) -> None:
    path = tmp_path / "statement.csv"
    path.write_text("\n".join([*preamble, "", "date,close", *ROWS]) + "\n")
    result = read_source(path, None, {}, {})
    table = result.table
    assert table.column_names == ["date", "close"] and result.rejects == []
    assert str(table.schema.field("date").type) == "date32[day]"
    assert table.column("close").to_pylist() == [335.747, 335.75, 333.131, 331.2]
    header = len(preamble) + 2
    assert any(f"lines 1-{header - 1}, above the header on line {header}, key/value lines "
               f"and a blank line" in n and "'Report,MSCI" in n for n in result.schema_notes)


def test_two_tables_one_under_the_other_are_not_a_preamble(tmp_path: Path) -> None:
    """Near miss: a table of words over numbers, a blank line, another such table: nothing
    above the blank line is dropped as an account's details."""
    path = tmp_path / "two.csv"
    path.write_text("region,units\nnorth,12\nsouth,7\n\nweek,sales\n1,3.5\n2,4.5\n")
    result = read_source(path, None, {}, {})
    assert result.table.column_names == ["region", "units"]
    assert result.table.column("region").to_pylist()[:2] == ["north", "south"]
    assert not any("key/value" in n for n in result.schema_notes)


def test_a_blank_line_among_the_rows_is_no_preamble(tmp_path: Path) -> None:
    """Near miss: a header, rows, a blank line, more rows: read whole from line 1."""
    path = tmp_path / "gap.csv"
    path.write_text("site,depth\nA1,3.5\nB2,4.0\n\nC3,2.25\nD4,1.0\n")
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == [
        {"site": "A1", "depth": 3.5}, {"site": "B2", "depth": 4.0},
        {"site": "C3", "depth": 2.25}, {"site": "D4", "depth": 1.0}]
    assert not any("key/value" in n for n in result.schema_notes)
