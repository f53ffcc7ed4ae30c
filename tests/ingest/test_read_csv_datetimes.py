"""Datetimes written with day and month as numbers (`31/12/2024 13:45`, `2/1/2024 9:05 PM`),
on files written here: read in the order a value decides, as dates are (a note names the
column and the order), text with a note naming `dateformat` when no value decides."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from ingest_helpers import load_folder

from datanet_sql.errors import IngestError
from datanet_sql.ingest.reading import read_source

T = dt.datetime


def written(path: Path, stamps: list[str]) -> Path:
    path.write_text("id,at\n" + "".join(f"{i},{s}\n" for i, s in enumerate(stamps, 1)))
    return path


def read(path: Path, options: dict | None = None, columns: dict | None = None):
    result = read_source(path, None, options or {}, columns or {})
    return result.table.column("at").to_pylist(), [
        n.removeprefix(f"{path}: ") for n in result.schema_notes
    ]


@pytest.mark.parametrize(
    "stamps,expected",
    [
        (["01/02/2024 10:00", "31/12/2024 13:45"], [T(2024, 2, 1, 10), T(2024, 12, 31, 13, 45)]),
        (
            ["01/02/2024 10:00:00", "31/12/2024 13:45:07"],  # the sniffer's TIMESTAMP, day-first
            [T(2024, 2, 1, 10), T(2024, 12, 31, 13, 45, 7)],
        ),
        (["01-02-2024 10:00", "31-12-2024 13:45"], [T(2024, 2, 1, 10), T(2024, 12, 31, 13, 45)]),
    ],
)
def test_a_day_over_12_first_proves_day_first(tmp_path, stamps, expected):
    values, notes = read(written(tmp_path / "visits.csv", stamps))
    assert values == expected
    separator = stamps[0][2]
    assert (
        f"column at: datetimes read day-first (%d{separator}%m{separator}%Y): "
        f"{stamps[1]!r} in record 2 decides" in notes
    )


def test_a_day_over_12_second_proves_month_first(tmp_path):
    values, notes = read(
        written(
            tmp_path / "visits.csv",
            ["01/02/2024 10:00:00", "12/31/2024 13:45:07", "03/04/2024 11:00:00"],
        )
    )
    assert values == [T(2024, 1, 2, 10), T(2024, 12, 31, 13, 45, 7), T(2024, 3, 4, 11)]
    assert (
        "column at: datetimes read month-first (%m/%d/%Y): '12/31/2024 13:45:07' in "
        "record 2 decides" in notes
    )


@pytest.mark.parametrize(
    "stamps",
    [
        ["01/02/2024 10:00", "03/04/2024 11:00"],
        ["01/02/2024 10:00:00", "03/04/2024 11:00:00"],
        ["2/1/2024 9:05 PM", "3/1/2024 10:05 AM"],
    ],
)
def test_datetimes_that_fit_either_order_are_text_with_a_note(tmp_path, stamps):
    """With seconds, DuckDB alone read `01/02/2024 10:00:00` as 1 February, silently."""
    values, notes = read(written(tmp_path / "visits.csv", stamps))
    assert values == stamps
    assert (
        f"column at: every datetime fits day-first and month-first alike "
        f'({min(stamps)!r}): read as text; set options: {{dateformat: "%d/%m/%Y"}} (day '
        f'first) or "%m/%d/%Y" (month first) to read them as datetimes' in notes
    )


@pytest.mark.parametrize(
    "dateformat,expected",
    [
        ("%d/%m/%Y", [T(2024, 2, 1, 10), T(2024, 4, 3, 23, 15)]),
        ("%m/%d/%Y", [T(2024, 1, 2, 10), T(2024, 3, 4, 23, 15)]),
    ],
)
def test_the_dateformat_option_gives_the_datetimes_order(tmp_path, dateformat, expected):
    path = written(tmp_path / "visits.csv", ["01/02/2024 10:00", "03/04/2024 11:15 PM"])
    values, notes = read(path, {"dateformat": dateformat})
    assert values == expected
    assert not any("column at" in n for n in notes)


def test_a_dateformat_the_values_deny_leaves_them_text_naming_the_value(tmp_path):
    path = written(tmp_path / "visits.csv", ["01/02/2024 10:00", "31/12/2024 13:45"])
    values, notes = read(path, {"dateformat": "%m/%d/%Y"})
    assert values == ["01/02/2024 10:00", "31/12/2024 13:45"]
    assert (
        "column at: '31/12/2024 13:45' in record 2 is no datetime written %m/%d/%Y: read "
        "as text" in notes
    )


def test_twelve_hour_clocks_with_am_and_pm(tmp_path):
    """DuckDB alone leaves these text; 12 AM is midnight and 12 PM noon."""
    values, _ = read(
        written(
            tmp_path / "shifts.csv",
            ["2/1/2024 9:05 PM", "2/13/2024 12:05 AM", "2/14/2024 12:30 pm", "2/15/2024 7:00:30AM"],
        )
    )
    assert values == [
        T(2024, 2, 1, 21, 5),
        T(2024, 2, 13, 0, 5),
        T(2024, 2, 14, 12, 30),
        T(2024, 2, 15, 7, 0, 30),
    ]


def test_times_with_and_without_seconds_and_fractions_in_one_column(tmp_path):
    values, _ = read(
        written(
            tmp_path / "log.csv",
            ["31/12/2024 13:45", "01/02/2024 10:00:05", "02/02/2024 10:00:05.25"],
        )
    )
    assert values == [
        T(2024, 12, 31, 13, 45),
        T(2024, 2, 1, 10, 0, 5),
        T(2024, 2, 2, 10, 0, 5, 250_000),
    ]


def test_dates_among_datetimes_are_midnight_with_a_note(tmp_path):
    values, notes = read(
        written(tmp_path / "visits.csv", ["31/12/2024", "01/02/2024 10:00", "02/02/2024"])
    )
    assert values == [T(2024, 12, 31), T(2024, 2, 1, 10), T(2024, 2, 2)]
    assert (
        "column at: 2 of its 3 datetimes are dates without a time of day: read as midnight" in notes
    )


@pytest.mark.parametrize(
    "stamps", [["1.2.2024 build 7", "13.2.2024 build 8"], ["31/12/2024 13:45", "version 2"]]
)
def test_near_misses_stay_text_without_a_note(tmp_path, stamps):
    values, notes = read(written(tmp_path / "builds.csv", stamps))
    assert values == stamps
    assert not any("column at" in n for n in notes)


def test_two_digit_years_follow_the_dates_rule(tmp_path):
    """DuckDB alone read `31/12/24 13:45` as the year 31; `60` is 1960, not 2060."""
    path = written(tmp_path / "visits.csv", ["31/12/24 13:45", "1/2/60 10:00"])
    values, notes = read(path)
    assert values == [T(2024, 12, 31, 13, 45), T(1960, 2, 1, 10)]
    assert any(
        n.startswith("column at: years written with two digits")
        and '{dateformat: "%d/%m/%y"} to read 00-68 as 2000-2068' in n
        for n in notes
    )
    values, notes = read(path, {"dateformat": "%d/%m/%y"})
    assert values == [T(2024, 12, 31, 13, 45), T(2060, 2, 1, 10)]
    assert not any("two digits" in n for n in notes)


def test_datetimes_of_both_orders_are_text_with_a_note(tmp_path):
    values, notes = read(written(tmp_path / "visits.csv", ["31/12/2024 13:45", "12/31/2024 13:45"]))
    assert values == ["31/12/2024 13:45", "12/31/2024 13:45"]
    assert (
        "column at: datetimes written day-first ('31/12/2024 13:45', record 1) and "
        "month-first ('12/31/2024 13:45', record 2): read as text" in notes
    )


def test_an_impossible_datetime_leaves_the_column_text_naming_it(tmp_path):
    values, notes = read(written(tmp_path / "visits.csv", ["31/12/2024 13:45", "30/02/2024 10:00"]))
    assert values == ["31/12/2024 13:45", "30/02/2024 10:00"]
    assert (
        "column at: '30/02/2024 10:00' in record 2 is no datetime written %d/%m/%Y: read "
        "as text" in notes
    )


def test_a_declared_timestamp_column_is_read_in_the_order_its_values_decide(tmp_path):
    """DuckDB alone rejected every row: its timestamp cast reads no `31/12/2024 13:45`."""
    path = written(tmp_path / "visits.csv", ["01/02/2024 10:00", "31/12/2024 1:45 PM"])
    values, _ = read(path, columns={"at": "timestamp"})
    assert values == [T(2024, 2, 1, 10), T(2024, 12, 31, 13, 45)]


@pytest.mark.parametrize(
    "stamps,why",
    [
        (
            ["01/02/2024 10:00:00", "03/04/2024 11:00"],
            "every datetime fits day-first and month-first alike ('01/02/2024 10:00:00')",
        ),
        (
            ["31-12-2024 13:45", "30-02-2024 10:00"],
            "'30-02-2024 10:00' in record 2 is no datetime written %d-%m-%Y",
        ),
    ],
)
def test_a_declared_timestamp_column_that_cannot_be_read_is_refused(tmp_path, stamps, why):
    path = written(tmp_path / "visits.csv", stamps)
    with pytest.raises(IngestError) as refused:
        read(path, columns={"at": "timestamp"})
    assert f"column at is declared timestamp, but {why}" in str(refused.value)
    assert str(path) in str(refused.value)
    separator = stamps[0][2]
    assert f'set options: {{dateformat: "%d{separator}%m{separator}%Y"}} (day first)' in str(
        refused.value
    )


def test_a_file_of_a_glob_decides_for_the_others(tmp_path):
    written(tmp_path / "a.csv", ["01/02/2024 10:00"])
    written(tmp_path / "b.csv", ["13/02/2024 10:00"])
    values, _ = read(tmp_path / "*.csv")
    assert sorted(values) == [T(2024, 2, 1, 10), T(2024, 2, 13, 10)]


def test_datetimes_with_dots_are_day_first_as_dates_with_dots_are(tmp_path):
    """DuckDB alone leaves `01.02.2024 10:00` text; written with dots it is 1 February."""
    values, notes = read(written(tmp_path / "visits.csv", ["01.02.2024 10:00", "03.04.2024 11:00"]))
    assert values == [T(2024, 2, 1, 10), T(2024, 4, 3, 11)]
    assert "column at: datetimes read day-first (%d.%m.%Y): written with dots" in notes


def test_a_value_the_given_order_does_not_read_is_named_not_called_ambiguous(tmp_path):
    path = written(tmp_path / "visits.csv", ["01/02/2024 10:00", "03/04/2024 25:00"])
    values, notes = read(path, {"dateformat": "%d/%m/%Y"})
    assert values == ["01/02/2024 10:00", "03/04/2024 25:00"]
    assert notes[1:] == [
        "column at: '03/04/2024 25:00' in record 2 is no datetime written %d/%m/%Y: read as text"
    ]


def test_years_of_two_widths_leave_the_column_text_naming_one(tmp_path):
    """No one format reads both: DuckDB's `%Y` read `24` as the year 24, silently."""
    values, notes = read(written(tmp_path / "visits.csv", ["31/12/2024 1:45 PM", "01/02/24 10:00"]))
    assert values == ["31/12/2024 1:45 PM", "01/02/24 10:00"]
    assert (
        "column at: years written with four digits and with two ('01/02/24 10:00' in "
        "record 2): read as text"
    ) in notes


def test_a_duckdb_warehouse_loads_the_parsed_datetimes_straight_from_the_scan(tmp_path):
    """DuckDB inserts from the read's query itself (no Arrow between): the same values."""
    (tmp_path / "landing").mkdir()
    written(tmp_path / "landing" / "a.csv", ["2/1/2024 9:05 PM", "2/13/2024 12:05 AM"])
    warehouse = load_folder(tmp_path)
    try:
        assert warehouse.fetch('select id, "at" from shop.sales order by id')[1] == [
            (1, T(2024, 2, 1, 21, 5)),
            (2, T(2024, 2, 13, 0, 5)),
        ]
    finally:
        warehouse.close()
