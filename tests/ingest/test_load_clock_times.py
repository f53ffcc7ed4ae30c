"""Deliveries that write one duration column two ways, on real files loaded into real
DuckDB and Postgres warehouses: seconds (`6060`) then h:mm:ss clock times (`1:41:00`), or the
reverse, refused naming the file, the columns and a value, the table left as it was; free
text in a number column still widens it to text with a warning, and clock times after clock
times, or decimals after integers, load as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import invoke, land, load_landing, local_or_pg_place, query

from datanet_sql.errors import IngestError
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load

FIRST = "id,time,net,sex\n1,6060,6000,F\n2,5400,5390,M\n"
CLOCKS = "id,time,net,sex\n3,1:41:00,1:40:30,F\n4,0:59:59,0:59:00,M\n"


def _load(place, root: Path) -> None:
    load(place.adapter, place.job(root, "race", "incremental_files"), reading)


@pytest.mark.parametrize("kind", ["duckdb", "postgres"])
def test_clock_times_after_seconds_are_refused_naming_file_columns_and_a_value(tmp_path, kind):
    with local_or_pg_place(kind, tmp_path, "canvasclock_clock") as place:
        land(tmp_path, "race-1.csv", FIRST)
        _load(place, tmp_path)
        land(tmp_path, "race-2.csv", CLOCKS)
        with pytest.raises(IngestError) as refused:
            _load(place, tmp_path)
        message = str(refused.value)
        assert message.startswith(
            "landing/race-2.csv: column time: TIME here (e.g. '00:59:59'), BIGINT in the table "
            "shop.race; column net: TIME here (e.g. '00:59:00'), BIGINT in the table "
            "shop.race: numbers against h:mm:ss clock times")
        assert "the batch is refused, nothing of it loaded" in message
        assert "`columns: {time: varchar, net: varchar}`" in message
        assert refused.value.column == "time, net"
        assert place.rows("race", "id, time, net") == [(1, 6060, 6000), (2, 5400, 5390)]


def test_seconds_after_clock_times_are_refused_too(tmp_path):
    with local_or_pg_place("duckdb", tmp_path, "canvasclock_clock") as place:
        land(tmp_path, "race-1.csv", CLOCKS)
        _load(place, tmp_path)
        land(tmp_path, "race-2.csv", FIRST)
        with pytest.raises(IngestError, match=r"^landing/race-2.csv: column time: BIGINT "
                                              r"here \(e.g. '5400'\), TIME in the table"):
            _load(place, tmp_path)


def test_minutes_past_an_hour_read_as_text_are_clock_times_too(tmp_path):
    """`101:00` (minutes and seconds) is no TIME, so the reader leaves it text: every value a
    clock duration, it is refused as the TIME column is."""
    with local_or_pg_place("duckdb", tmp_path, "canvasclock_clock") as place:
        land(tmp_path, "race-1.csv", FIRST)
        _load(place, tmp_path)
        land(tmp_path, "race-2.csv", "id,time,net,sex\n3,101:00,100:30.5,F\n4,59:59,59:00,M\n")
        with pytest.raises(IngestError, match=r"^landing/race-2.csv: column time: clock "
                                              r"times here \(e.g. '101:00'\), BIGINT in "
                                              r"the table shop.race; column net: clock times"):
            _load(place, tmp_path)
        assert place.rows("race", "id, time") == [(1, 6060), (2, 5400)]


def test_through_the_command_no_traceback(tmp_path):
    (tmp_path / "sources").mkdir()
    (tmp_path / "datanet.yml").write_text("name: race\n")
    (tmp_path / "targets.yml").write_text("dev: {type: duckdb, path: dw.duckdb}\n")
    (tmp_path / "sources" / "race.yml").write_text(
        "sources:\n  - name: race\n    tables:\n      - name: results\n"
        "        path: landing/*.csv\n        load: {mode: incremental_files}\n")
    land(tmp_path, "race-1.csv", FIRST)
    assert invoke("ingest", "--project-dir", tmp_path).exit_code == 0
    land(tmp_path, "race-2.csv", CLOCKS)
    result = invoke("ingest", "--project-dir", tmp_path)
    assert result.exit_code == 1
    assert "landing/race-2.csv: column time: TIME here" in result.stderr
    assert "Traceback" not in result.output
    assert query(tmp_path, "select count(*) from race.results") == [(2,)]


def test_near_miss_free_text_in_a_number_column_still_widens_with_a_warning(tmp_path):
    """A word among the clock times (`DNF`): text, as before, with the warning."""
    land(tmp_path, "race-1.csv", FIRST)
    load_landing(tmp_path)[0].close()
    land(tmp_path, "race-2.csv", "id,time,net,sex\n3,DNF,DNF,F\n4,101:00,100:00,M\n")
    adapter, result = load_landing(tmp_path)
    assert result.warnings and result.warnings[0].startswith(
        "column time is text now, was BIGINT")
    assert adapter.fetch("select time from shop.sales order by id")[1] == [
        ("6060",), ("5400",), ("DNF",), ("101:00",)]


def test_near_miss_clock_times_twice_and_decimals_after_integers_load(tmp_path):
    land(tmp_path, "race-1.csv", CLOCKS)
    load_landing(tmp_path)[0].close()
    land(tmp_path, "race-2.csv", "id,time,net,sex\n5,2:01:02,2:00:00,M\n")
    adapter, result = load_landing(tmp_path)
    assert result.warnings == []
    assert [r[0] for r in adapter.fetch("select cast(time as varchar) from shop.sales "
                                        "order by id")[1]] == ["01:41:00", "00:59:59",
                                                               "02:01:02"]
    adapter.close()
    (tmp_path / "dw.duckdb").unlink()
    for name in ("race-1.csv", "race-2.csv"):
        (tmp_path / "landing" / name).unlink()
    land(tmp_path, "race-1.csv", FIRST)
    load_landing(tmp_path)[0].close()
    land(tmp_path, "race-2.csv", "id,time,net,sex\n3,6060.5,6000.25,F\n")
    adapter, result = load_landing(tmp_path)
    assert result.warnings == []
    assert adapter.fetch("select time from shop.sales order by id")[1] == [
        (6060.0,), (5400.0,), (6060.5,)]
