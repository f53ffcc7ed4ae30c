"""Instants a delivery writes as Excel serial day numbers (`46357.0416666667`, see
ingest/excel_serials.py): read into the table's timestamp column, to the second, noted,
when every value is a serial near the table's instants; refused naming the column and
the file when they are far from them; numbers that are no serials (outside Excel's range)
widen the column as before, warned. Real files on DuckDB and Postgres."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from ingest_helpers import Place

from datanet_sql.errors import IngestError
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load

UTC = dt.timezone.utc
FIRST = "reported_at,gas\n2026-12-01T00:00:00Z,1.5\n2026-12-01T01:00:00Z,2.5\n"


def land(root: Path, name: str, text: str) -> None:
    path = root / "landing" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text)


def _loaded(root: Path, place: Place, first: str, second: str) -> list[str]:
    """`first` and then `second` delivered and loaded (incremental_files): the second
    load's notes."""
    job = place.job(root, "gas", "incremental_files")
    land(root, "gas-1.csv", first)
    load(place.adapter, job, reading)
    land(root, "gas-2.csv", second)
    return load(place.adapter, job, reading).notes


def _utc(rows: list[tuple]) -> list[tuple]:
    """Rows with their instants in UTC (Postgres gives them in the session's zone)."""
    return [(t.astimezone(UTC), *rest) for t, *rest in rows]


def test_serial_day_numbers_after_instants_are_read_as_the_instants(
        tmp_path: Path, place: Place) -> None:
    """The kind as a user meets it: UTC instants, then a delivery of Excel serials with
    fifteen significant digits: each the instant to the second, noted (count, date system,
    UTC), the column still a timestamp."""
    notes = _loaded(tmp_path, place, FIRST,
                    "reported_at,gas\n46357.0833333333,3.5\n46365.3333333333,4.5\n")
    assert notes[-1] == (
        "read reported_at of landing/gas-2.csv as TIMESTAMPTZ: its 2 value(s) are Excel "
        "serial day numbers (46357.0833333333 is 2026-12-01 02:00:00) in the 1900 date "
        "system, rounded to the second, taken as UTC")
    assert _utc(place.rows("gas", "reported_at, gas", "2")) == [
        (dt.datetime(2026, 12, 1, h, tzinfo=UTC), g) for h, g in ((0, 1.5), (1, 2.5), (2, 3.5))
    ] + [(dt.datetime(2026, 12, 9, 8, tzinfo=UTC), 4.5)]


def test_serials_into_a_naive_timestamp_column_and_whole_days(tmp_path: Path,
                                                               place: Place) -> None:
    """Times without a zone stay without one; a serial of whole days (`46358`) is the
    day's midnight."""
    notes = _loaded(tmp_path, place, "reported_at,gas\n2026-12-01 00:00:00,1.5\n",
                    "reported_at,gas\n46358,2.5\n46358.5,3.5\n")
    assert notes[-1].startswith("read reported_at of landing/gas-2.csv as TIMESTAMP: its 2 "
                                "value(s) are Excel serial day numbers (46358")
    assert "UTC" not in notes[-1]
    assert place.rows("gas", "reported_at, gas", "2") == [
        (dt.datetime(2026, 12, 1), 1.5), (dt.datetime(2026, 12, 2), 2.5),
        (dt.datetime(2026, 12, 2, 12), 3.5)]


@pytest.mark.parametrize("serial", ["36526.5", "44895.0416666667"])
def test_serials_far_from_the_table_s_instants_are_refused(
        tmp_path: Path, place: Place, serial: str) -> None:
    """Serials that would be years away from the table's instants (another date system, or
    numbers meaning something else): refused naming the column and the file, the table as
    it was."""
    with pytest.raises(IngestError) as error:
        _loaded(tmp_path, place, FIRST, f"reported_at,gas\n{serial},3.5\n")
    assert error.value.column == "reported_at"
    assert error.value.file == "landing/gas-2.csv"
    assert error.value.message.startswith(
        "source table shop.gas: column reported_at of landing/gas-2.csv holds numbers where "
        "the table holds instants; as Excel serial day numbers (1900 date system) they would "
        "be ")
    assert "far from the table's instants (from 2026-12-01 00:00:00 to 2026-12-01 01:00:00)" \
        in error.value.message
    assert "written as instants" in (error.value.hint or "")
    assert len(place.rows("gas")) == 2


@pytest.mark.parametrize("values", ["1796083200\n1796086800", "46357.5\n-1", "46357.5\n0.5"])
def test_numbers_that_are_no_serials_are_refused(tmp_path: Path, place: Place,
                                                 values: str) -> None:
    """The near misses: Unix seconds (past Excel's last serial), or serials beside a number
    outside their range: not certain, so never read as serials; numbers where the table
    holds instants are refused naming the file and the column (`typed_misfits`), where they
    turned the column, every earlier instant with it, to text."""
    job = place.job(tmp_path, "gas", "incremental_files")
    land(tmp_path, "gas-1.csv", FIRST)
    load(place.adapter, job, reading)
    land(tmp_path, "gas-2.csv", "reported_at,gas\n" + "".join(
        f"{v},9.5\n" for v in values.split("\n")))
    with pytest.raises(IngestError) as error:
        load(place.adapter, job, reading)
    assert (error.value.file, error.value.column) == ("landing/gas-2.csv", "reported_at")
    assert "TIMESTAMPTZ in the table shop.gas" in error.value.message
    assert "serial" not in error.value.message
    assert len(place.rows("gas")) == 2


def test_numbers_into_a_number_column_are_untouched(tmp_path: Path, place: Place) -> None:
    """The near miss: serial-like numbers into a column of numbers stay numbers."""
    notes = _loaded(tmp_path, place, "reading,gas\n46350.5,1.5\n",
                    "reading,gas\n46357.0833333333,3.5\n")
    assert notes == []
    assert place.rows("gas", "reading, gas", "1") == [(46350.5, 1.5), (46357.0833333333, 3.5)]
