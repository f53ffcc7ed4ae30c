"""Dates written with day and month as numbers (`03/04/2021`), on files written here: the
order a value decides is read, one no value decides is text with a note naming the option."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from datanet_sql.errors import IngestError
from datanet_sql.ingest.reading import read_source


def written(path: Path, days: list[str]) -> Path:
    path.write_text("id,day\n" + "".join(f"{i},{d}\n" for i, d in enumerate(days, 1)))
    return path


@pytest.mark.parametrize("days,fmt", [(["03/04/2021", "05/06/2021"], "%d/%m/%Y"),
                                      (["03-04-2021", "11-12-2021"], "%d-%m-%Y"),
                                      (["03/04/21", "05/06/21"], "%d/%m/%y")])
def test_dates_that_fit_day_first_and_month_first_alike_are_text_with_a_note(tmp_path, days,
                                                                             fmt):
    """DuckDB alone reads `03/04/2021` as 3 April (and `03/04/21` as 2003), silently."""
    result = read_source(written(tmp_path / "visits.csv", days), None, {}, {})
    assert result.table.column("day").to_pylist() == days
    month_first = fmt.replace("%d", "%D").replace("%m", "%d").replace("%D", "%m")
    assert f"{tmp_path / 'visits.csv'}: column day: every date fits day-first and month-first " \
           f"alike ({days[0]!r}): read as text; set options: {{dateformat: \"{fmt}\"}} (day " \
           f"first) or \"{month_first}\" (month first) to read them as dates" in \
           result.schema_notes


@pytest.mark.parametrize("days,read", [
    (["03/04/2021", "13/04/2021"], [dt.date(2021, 4, 3), dt.date(2021, 4, 13)]),
    (["03/04/2021", "04/13/2021"], [dt.date(2021, 3, 4), dt.date(2021, 4, 13)])])
def test_one_value_over_12_decides_the_order(tmp_path, days, read):
    result = read_source(written(tmp_path / "visits.csv", days), None, {}, {})
    assert result.table.column("day").to_pylist() == read
    assert not any("day-first" in n or "month-first" in n for n in result.schema_notes)


def test_a_value_past_the_sniffers_sample_decides_and_is_named(tmp_path):
    """The sniffer's 20,480 rows fit either order and it takes day-first; record 25,001
    says month-first, so every date is read month-first, with a note."""
    days = ["03/04/2021"] * 25_000 + ["04/13/2021"]
    result = read_source(written(tmp_path / "visits.csv", days), None, {}, {})
    assert result.table.column("day").to_pylist()[0] == dt.date(2021, 3, 4)
    assert result.table.column("day").to_pylist()[-1] == dt.date(2021, 4, 13)
    assert f"{tmp_path / 'visits.csv'}: column day: dates read month-first (%m/%d/%Y): " \
           f"'04/13/2021' in record 25001 decides; the 20,480 records before it fit either " \
           f"order" in result.schema_notes


def test_the_dateformat_option_reads_what_no_value_decides(tmp_path):
    path = written(tmp_path / "visits.csv", ["03/04/2021", "05/06/2021"])
    result = read_source(path, None, {"dateformat": "%m/%d/%Y"}, {})
    assert result.table.column("day").to_pylist() == [dt.date(2021, 3, 4), dt.date(2021, 5, 6)]
    assert not any("{dateformat:" in n for n in result.schema_notes)


def test_a_file_of_a_glob_decides_for_the_others(tmp_path):
    written(tmp_path / "a.csv", ["03/04/2021"])
    written(tmp_path / "b.csv", ["13/04/2021"])
    result = read_source(tmp_path / "*.csv", None, {}, {})
    assert sorted(result.table.column("day").to_pylist()) == [dt.date(2021, 4, 3),
                                                               dt.date(2021, 4, 13)]


@pytest.mark.parametrize("days", [["03.04.2021", "05.06.2021"], ["2021-04-03", "2021-06-05"]])
def test_dates_with_dots_or_the_year_first_are_not_ambiguous(tmp_path, days):
    result = read_source(written(tmp_path / "visits.csv", days), None, {}, {})
    assert result.table.column("day").to_pylist() == [dt.date(2021, 4, 3), dt.date(2021, 6, 5)]
    assert not any("{dateformat:" in n for n in result.schema_notes)


def test_two_digit_years_after_this_one_are_the_last_centurys_with_a_note(tmp_path):
    """DuckDB's `%y` reads `60` as 2060: a date in the future, read as 1960 instead."""
    path = written(tmp_path / "quarters.csv", ["3/31/60", "12/31/68", "1/31/24", "12/31/69"])
    result = read_source(path, None, {}, {})
    assert result.table.column("day").to_pylist() == [
        dt.date(1960, 3, 31), dt.date(1968, 12, 31), dt.date(2024, 1, 31),
        dt.date(1969, 12, 31)]
    year = dt.date.today().year
    last = year % 100
    assert f"{path}: column day: years written with two digits ('1/31/24'): 00-{last:02d} " \
           f"read as {year - last}-{year}, {last + 1:02d}-99 as {year - 99}-{year - last - 1} " \
           f"(a year after this one is taken as the last century's); set options: " \
           f"{{dateformat: \"%m/%d/%y\"}} to read 00-68 as 2000-2068 (DuckDB's rule)" in \
           result.schema_notes


def test_the_dateformat_option_reads_two_digit_years_duckdbs_way(tmp_path):
    path = written(tmp_path / "quarters.csv", ["3/31/60", "1/31/24"])
    result = read_source(path, None, {"dateformat": "%m/%d/%y"}, {})
    assert result.table.column("day").to_pylist() == [dt.date(2060, 3, 31),
                                                      dt.date(2024, 1, 31)]
    assert not any("two digits" in n for n in result.schema_notes)


def test_two_digit_years_read_day_first_are_moved_back_alike(tmp_path):
    path = written(tmp_path / "visits.csv", ["31-03-60", "01-02-03"])
    result = read_source(path, None, {}, {})
    assert result.table.column("day").to_pylist() == [dt.date(1960, 3, 31), dt.date(2003, 2, 1)]
    assert any("column day: years written with two digits" in n and "%d-%m-%y" in n
               for n in result.schema_notes)


@pytest.mark.parametrize("given", [5, "%Q", "day first"])
def test_a_dateformat_duckdb_cannot_read_dates_with_is_refused_naming_it(tmp_path, given):
    """Given to read_csv, a bad format failed the sniff as if the file could not be split
    into columns; one that is no text was ignored."""
    (tmp_path / "d.csv").write_text("id,day\n1,03/04/2021\n")
    with pytest.raises(IngestError) as refused:
        read_source(tmp_path / "d.csv", None, {"dateformat": given}, {})
    assert f"dateformat is {given!r}" in str(refused.value)
    assert '"%d/%m/%Y" (day first)' in str(refused.value)


def test_years_of_two_widths_leave_the_column_text_naming_one(tmp_path):
    """Read with `%d/%m/%Y`, `01/02/24` was the year 24, silently."""
    path = written(tmp_path / "visits.csv", ["31/12/2024", "01/02/24"])
    result = read_source(path, None, {}, {})
    assert result.table.column("day").to_pylist() == ["31/12/2024", "01/02/24"]
    assert f"{path}: column day: years written with four digits and with two ('01/02/24' in " \
           f"record 2): read as text" in result.schema_notes
