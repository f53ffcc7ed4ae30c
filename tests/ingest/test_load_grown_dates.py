"""A CSV log that grows under `append`, its dates and datetimes written with day and month as
numbers: the order its start's values decided (a day over 12) is carried into the reading of
the lines appended to it, noted, so new lines whose days are all 12 or less are still read
as dates (alone they decide nothing, and were text: the table's column widened). New lines
deciding the other order are text, noted and warned about; a start that decided nothing
carries nothing. On DuckDB, files written here, each loaded twice."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_load_grown import fetch, grow, job

from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.errors import IngestError
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load
from datanet_sql.ingest.reading import read_source

HEADER = "seen_at,day,n\n"


def _types(adapter: DuckDBAdapter) -> dict[str, str]:
    return dict(
        fetch(
            adapter,
            "select column_name, data_type from information_schema.columns "
            "where table_schema = 'shop' and table_name = 'sales'",
        )
    )


def _grown_twice(tmp_path: Path, adapter: DuckDBAdapter, start: str, new: str):
    log = tmp_path / "log.csv"
    log.write_text(HEADER + start)
    first = load(adapter, job(tmp_path, "log.csv"), reading)
    assert first.warnings == []
    grow(log, new)
    return load(adapter, job(tmp_path, "log.csv"), reading)


def test_a_day_first_log_reads_its_ambiguous_new_lines_day_first(
    tmp_path: Path, adapter: DuckDBAdapter
) -> None:
    result = _grown_twice(
        tmp_path,
        adapter,
        "13/01/2024 09:00,13/01/2024,1\n02/03/2024 10:30,02/03/2024,2\n",
        "04/05/2024 11:00,04/05/2024,3\n06/07/2024 12:00:30,06/07/2024,4\n",
    )
    assert (result.rows, result.warnings) == (2, [])
    assert fetch(adapter, "select seen_at, day from shop.sales where n > 2 order by n") == [
        (dt.datetime(2024, 5, 4, 11, 0), dt.date(2024, 5, 4)),
        (dt.datetime(2024, 7, 6, 12, 0, 30), dt.date(2024, 7, 6)),
    ]
    assert _types(adapter) == {"seen_at": "TIMESTAMP", "day": "DATE", "n": "BIGINT"}
    assert (
        "column seen_at: datetimes read day-first (%d/%m/%Y) as on the file's start "
        "('13/01/2024 09:00' in record 1 decides there): its new lines fit either order"
        in result.read_notes
    )
    assert (
        "column day: dates read day-first (%d/%m/%Y) as on the file's start "
        "('13/01/2024' in record 1 decides there): its new lines fit either order"
        in result.read_notes
    )


def test_a_month_first_log_reads_its_ambiguous_new_lines_month_first(
    tmp_path: Path, adapter: DuckDBAdapter
) -> None:
    result = _grown_twice(
        tmp_path,
        adapter,
        "01/02/2024 08:00,01/02/2024,1\n01/13/2024 09:00,01/13/2024,2\n",
        "04/05/2024 11:00,04/05/2024,3\n",
    )
    assert (result.rows, result.warnings) == (1, [])
    assert fetch(adapter, "select seen_at, day from shop.sales where n = 3") == [
        (dt.datetime(2024, 4, 5, 11, 0), dt.date(2024, 4, 5))
    ]
    assert any("read month-first (%m/%d/%Y) as on the file's start" in n for n in result.read_notes)


def test_new_lines_deciding_the_same_order_are_noted_by_their_own_value(
    tmp_path: Path, adapter: DuckDBAdapter
) -> None:
    result = _grown_twice(
        tmp_path,
        adapter,
        "13/01/2024 09:00,13/01/2024,1\n",
        "02/03/2024 10:00,02/03/2024,2\n25/03/2024 11:00,25/03/2024,3\n",
    )
    assert (result.rows, result.warnings) == (2, [])
    assert fetch(adapter, "select day from shop.sales where n = 2") == [(dt.date(2024, 3, 2),)]
    assert (
        "column seen_at: datetimes read day-first (%d/%m/%Y): '25/03/2024 11:00' in record 2 "
        "decides" in result.read_notes
    )
    assert not any("as on the file's start" in n for n in result.read_notes)


def test_a_start_deciding_nothing_carries_nothing(tmp_path: Path, adapter: DuckDBAdapter) -> None:
    """Neither part decides: text, as the start was, with the note naming `dateformat`."""
    result = _grown_twice(
        tmp_path, adapter, "01/02/2024 08:00,01/02/2024,1\n", "04/05/2024 11:00,04/05/2024,2\n"
    )
    assert (result.rows, result.warnings) == (1, [])
    assert _types(adapter)["seen_at"] == "VARCHAR"
    assert fetch(adapter, "select seen_at from shop.sales order by n") == [
        ("01/02/2024 08:00",),
        ("04/05/2024 11:00",),
    ]
    assert not any("as on the file's start" in n for n in result.read_notes)


def test_new_lines_deciding_the_other_order_are_text_naming_both(
    tmp_path: Path, adapter: DuckDBAdapter
) -> None:
    """Day-first at the start, `01/13/2024` in the new lines: no one order reads both, so the
    new values are text and the table's columns widen, warned; never read month-first."""
    result = _grown_twice(
        tmp_path,
        adapter,
        "13/01/2024 09:00,13/01/2024,1\n",
        "02/03/2024 10:00,02/03/2024,2\n01/13/2024 11:00,01/13/2024,3\n",
    )
    assert result.rows == 2
    assert _types(adapter)["seen_at"] == "VARCHAR" and _types(adapter)["day"] == "VARCHAR"
    assert fetch(adapter, "select seen_at from shop.sales where n = 2") == [("02/03/2024 10:00",)]
    assert (
        "column seen_at: datetimes written day-first ('13/01/2024 09:00', record 1 of the file's "
        "start) and month-first ('01/13/2024 11:00', record 2 of its new lines): read as text"
        in result.read_notes
    )
    assert any(
        n.startswith("column day: dates written day-first ('13/01/2024', record 1 of the file's")
        for n in result.read_notes
    )
    assert any("column seen_at is text now, was TIMESTAMP" in w for w in result.warnings)


def test_no_source_can_spell_the_carried_orders(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text(HEADER + "13/01/2024 09:00,13/01/2024,1\n")
    with pytest.raises(IngestError, match="unknown option"):
        read_source(path, None, {"start_orders": "day-first"}, {}, "reject", None)
