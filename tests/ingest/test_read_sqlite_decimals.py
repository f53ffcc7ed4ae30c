"""SQLite columns declared DECIMAL or NUMERIC, whose values SQLite's NUMERIC affinity stores
as INTEGER when whole and REAL otherwise (a Django DecimalField, SQLAlchemy's Numeric): read
as their declared type, `decimal(p,s)` or `double`, never as the integers their first rows
are stored as (the later fractions were lost). A column so declared that holds other text
(dates) is read by its values as before; a BOOLEAN (also NUMERIC affinity) is untouched.
On databases the tests write."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

from datanet_sql.ingest.reading import read_source, read_table

# as Django binds a DecimalField: the decimal's text, which NUMERIC affinity stores as a number
ITEMS = [(1, "2.0", "10.00", 1), (2, "3.0", "4.50", 0), (3, "1.5", None, 1), (4, "", "0.25", 0)]


def menu(path: Path, rows: list[tuple] = ITEMS, fee: str = "numeric(8, 2)") -> Path:
    with sqlite3.connect(path) as db:
        db.execute(f'CREATE TABLE "menu_item" ("id" integer NOT NULL PRIMARY KEY, '
                   f'"fat" decimal NULL, "fee" {fee} NULL, "vegan" bool NOT NULL)')
        db.executemany("INSERT INTO menu_item VALUES (?, ?, ?, ?)", rows)
    db.close()
    return path


def test_declared_decimals_keep_their_fractions_whatever_the_first_rows_are(
        tmp_path: Path) -> None:
    result = read_source(menu(tmp_path / "menu.db"), "sqlite", {"source_table": "menu_item"}, {})
    assert not result.rejects
    schema = {f.name: str(f.type) for f in result.table.schema}
    assert schema == {"id": "int32", "fat": "double", "fee": "decimal128(8, 2)", "vegan": "int64"}
    assert result.table.to_pydict() == {
        "id": [1, 2, 3, 4], "fat": [2.0, 3.0, 1.5, None],
        "fee": [Decimal("10.00"), Decimal("4.50"), None, Decimal("0.25")], "vegan": [1, 0, 1, 0]}


def test_each_batch_is_read_as_declared(tmp_path: Path) -> None:
    """The first batch holds whole values alone: a double all the same."""
    batches = list(read_table("sqlite", str(menu(tmp_path / "menu.db")), "menu_item", {},
                              batch_rows=2))
    assert [str(b.table.schema.field("fat").type) for b in batches] == ["double", "double"]
    assert [b.table.column("fat").to_pylist() for b in batches] == [[2.0, 3.0], [1.5, None]]


def test_more_places_than_declared_is_a_reject_naming_the_value(tmp_path: Path) -> None:
    rows = [*ITEMS, (5, "1.0", "1.005", 1)]
    result = read_source(menu(tmp_path / "menu.db", rows), "sqlite",
                         {"source_table": "menu_item"}, {})
    assert [r.record_no for r in result.rejects] == ["5"]
    assert "1.005" in result.rejects[0].reason


def test_a_numeric_column_holding_dates_is_read_by_its_values(tmp_path: Path) -> None:
    """The near miss: NUMERIC with text that is no number stays as it was read before."""
    rows = [(1, "2.0", "2024-01-05", 1), (2, "3.0", "2024-02-05", 0)]
    result = read_source(menu(tmp_path / "menu.db", rows, fee="NUMERIC"), "sqlite",
                         {"source_table": "menu_item"}, {})
    assert result.table.column("fee").to_pylist() == ["2024-01-05", "2024-02-05"]
    assert str(result.table.schema.field("fat").type) == "double"


def test_the_source_columns_decide(tmp_path: Path) -> None:
    result = read_source(menu(tmp_path / "menu.db"), "sqlite", {"source_table": "menu_item"},
                         {"fat": "decimal(6,1)"})
    assert result.table.column("fat").to_pylist() == [
        Decimal("2.0"), Decimal("3.0"), Decimal("1.5"), None]


def test_integers_past_a_double_stay_exact(tmp_path: Path) -> None:
    """A bare NUMERIC of whole values past 2^53 (ids): decimal(38,0), not a rounding double."""
    rows = [(1, str(2**62 + 1), None, 1), (2, "-7", None, 0)]
    result = read_source(menu(tmp_path / "menu.db", rows), "sqlite",
                         {"source_table": "menu_item"}, {})
    assert result.table.column("fat").to_pylist() == [Decimal(2**62 + 1), Decimal(-7)]
