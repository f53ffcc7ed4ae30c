"""ThingsBoard's telemetry answer saved as JSON (`values/timeseries?keys=...`): one object
keyed by telemetry key, each a list of `{"ts": <epoch ms>, "value": "<text>"}`. Read as a
row per instant, `ts` the UTC timestamp and a column a key, the strings typed as a CSV's;
keys at other instants NULL there, a newest-first answer put in time order, a key with
two values at one instant refused, a key of exactly 100 values (the API's default limit)
noted; near misses (lists of records that merely hold `ts` and `value` beside other keys,
or a `ts` that is no integer) read as before. Files written by the tests, read, and loaded
into DuckDB."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from ingest_helpers import load_landing

from datanet_sql.errors import IngestError
from datanet_sql.ingest.reading import read_source

START = 1780272000000   # 2026-06-01 00:00:00 UTC, in epoch milliseconds
DAY = 86_400_000


def _at(day: int) -> datetime.datetime:
    return datetime.datetime(2026, 6, 1) + datetime.timedelta(days=day)


def _series(values: list[Any], first: int = 0) -> list[dict[str, Any]]:
    """A key's points as ThingsBoard answers them: a day apart, each value a string."""
    return [{"ts": START + (first + i) * DAY, "value": v} for i, v in enumerate(values)]


def _read(path: Path, answer: Any):
    path.write_text(json.dumps(answer))
    return read_source(path, None, {}, {})


def test_keys_are_aligned_by_ts_into_a_row_per_instant(tmp_path: Path):
    answer = {"sal": _series(["7.6", "7.7", "4.3"]), "trend": _series(["4", "5", "0"]),
              "valve": _series(["true", "false", "true"])}
    result = _read(tmp_path / "salinity.json", answer)
    assert result.table.to_pylist() == [
        {"ts": _at(0), "sal": 7.6, "trend": 4, "valve": True},
        {"ts": _at(1), "sal": 7.7, "trend": 5, "valve": False},
        {"ts": _at(2), "sal": 4.3, "trend": 0, "valve": True}]
    types = {f.name: str(f.type) for f in result.table.schema}
    assert types == {"ts": "timestamp[us]", "sal": "double", "trend": "int64", "valve": "bool"}
    assert ("salinity.json: ThingsBoard's telemetry answer (per key a list of ts and value): "
            "3 key(s) aligned by ts into 3 rows, in time order; ts (epoch milliseconds, UTC) "
            "read as timestamps; the values typed as a CSV's") in result.schema_notes
    assert result.rejects == []


def test_keys_at_other_instants_are_null_there_and_newest_first_is_ordered(tmp_path: Path):
    answer = {"temperature": list(reversed(_series(["21.5", "22.0", "22.5"]))),
              "door": _series(["open"], first=1)}
    result = _read(tmp_path / "room.json", answer)
    assert result.table.to_pylist() == [
        {"ts": _at(0), "temperature": 21.5, "door": None},
        {"ts": _at(1), "temperature": 22.0, "door": "open"},
        {"ts": _at(2), "temperature": 22.5, "door": None}]
    note = next(n for n in result.schema_notes if "ThingsBoard" in n)
    assert "; the answer was newest first (ThingsBoard's default orderBy=DESC)" in note
    assert "; NULL where a key has no value at an instant: door (2)" in note


def test_strict_types_and_pages_saved_together(tmp_path: Path):
    """`useStrictDataTypes=true` sends numbers as numbers; two pages (NDJSON) overlapping
    at one point read as one answer, the point kept once."""
    pages = [{"sal": _series([7.6, 7.7])}, {"sal": _series([7.7, 4.3], first=1)}]
    path = tmp_path / "salinity.json"
    path.write_text("".join(json.dumps(page) + "\n" for page in pages))
    result = read_source(path, None, {}, {})
    assert result.table.column("sal").to_pylist() == [7.6, 7.7, 4.3]
    assert result.table.column("ts").to_pylist() == [_at(0), _at(1), _at(2)]
    note = next(n for n in result.schema_notes if "ThingsBoard" in n)
    assert "; 1 value(s) given twice at one instant (pages overlapping) kept once" in note


def test_a_key_with_two_values_at_one_instant_is_refused(tmp_path: Path):
    answer = {"sal": [*_series(["7.6", "7.7"]), {"ts": START, "value": "9.9"}]}
    with pytest.raises(IngestError, match=r"salinity.json.*key sal holds two values at ts "
                                          r"1780272000000 \('7.6' and '9.9'\)"):
        _read(tmp_path / "salinity.json", answer)


def test_a_key_of_the_default_limit_is_noted(tmp_path: Path):
    result = _read(tmp_path / "salinity.json", {"sal": _series([str(i) for i in range(100)])})
    assert result.table.num_rows == 100
    note = next(n for n in result.schema_notes if "ThingsBoard" in n)
    assert note.endswith("; sal hold(s) exactly 100 values, the API's default limit: the "
                         "answer may have been cut (fetch with a larger limit, or page by "
                         "startTs and endTs)")


@pytest.mark.parametrize("answer", [
    {"sal": [{"ts": START, "value": "7.6", "quality": "good"}]},   # a key of its own
    {"sal": [{"ts": "2026-06-01", "value": "7.6"}, {"ts": "2026-06-02", "value": "7.7"}]},
    {"sal": [{"ts": START, "value": "7.6"}], "site": "pamlico"},   # a scalar beside
])
def test_near_misses_read_as_before(tmp_path: Path, answer: dict[str, Any]):
    result = _read(tmp_path / "near.json", answer)
    assert result.table.num_rows == 1
    assert "ts" not in result.table.column_names
    assert not any("ThingsBoard" in n for n in result.schema_notes)


def test_an_answer_loads_into_duckdb(tmp_path: Path):
    (tmp_path / "landing").mkdir()
    answer = {"sal": _series(["7.6", "7.7"]), "dis": _series(["23.01", "22.87"])}
    (tmp_path / "landing" / "salinity.json").write_text(json.dumps(answer))
    adapter, result = load_landing(tmp_path, pattern="*.json")
    assert result.rows == 2
    assert adapter.fetch("select ts, sal, dis from shop.sales order by ts")[1] == [
        (_at(0), 7.6, 23.01), (_at(1), 7.7, 22.87)]
