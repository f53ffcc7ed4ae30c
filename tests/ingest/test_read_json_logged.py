"""JSON log lines behind a log collector's prefix (syslog RFC 3164 and 5424, journald, CRI
and `docker logs -t`) read as their objects, noted naming the prefix; a line of no prefix
stays a reject with its number; near misses (NDJSON whose values hold `{` or log-like
text, a text log with a few JSON lines) read as before. Files written by the tests, read,
and loaded into DuckDB."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ingest_helpers import load_landing

from datanet_sql.ingest.reading import read_source

RECORDS = [{"day": "2004-01-01", "nox": 11.98, "site": "ad"},
           {"day": "2004-01-02", "nox": 16.99, "site": "ba"},
           {"day": "2004-01-03", "nox": 12.32, "site": "ef"}]
SHAPES = {
    "rsyslog": ("Jan  {d} 00:05:01 sensor01 noxd[4242]: ", "syslog (RFC 3164)"),
    "priority": ("<34>Jan {d:2} 00:05:01 sensor01 noxd: ", "syslog (RFC 3164)"),
    "journald-iso": ("2004-01-0{d}T00:05:01+0100 sensor01 noxd[7]: ", "syslog (RFC 3164)"),
    "rfc5424": ("<165>1 2004-01-0{d}T00:05:01.003Z sensor01 noxd 4242 ID47 - ",
                "syslog (RFC 5424)"),
    "rfc5424-sd": (('<165>1 2004-01-0{d}T00:05:01Z sensor01 noxd - - [origin ip="10.0.0.{d}"'
                   '][meta seq="{d}"] '), "syslog (RFC 5424)"),
    "cri": ("2004-01-0{d}T00:05:01.000000000Z stdout F ", "a container runtime's log (CRI)"),
    "docker": ("2004-01-0{d}T00:05:01.123456789Z ",
               "a container log with timestamps (docker logs -t)"),
}


def _read(path: Path, text: str):
    path.write_text(text)
    return read_source(path, None, {}, {})


def _logged(prefix: str, records: list[dict]) -> str:
    return "".join(prefix.format(d=i + 1) + json.dumps(r) + "\n"
                   for i, r in enumerate(records))


@pytest.mark.parametrize("kind", SHAPES)
def test_log_lines_behind_a_prefix_are_read_as_their_objects(tmp_path: Path, kind: str):
    prefix, shape = SHAPES[kind]
    result = _read(tmp_path / "nox.ndjson", _logged(prefix, RECORDS))
    assert result.table.select(["nox", "site"]).to_pylist() == [
        {"nox": r["nox"], "site": r["site"]} for r in RECORDS]
    assert str(result.table.schema.field("day").type) == "date32[day]"
    assert result.rejects == []
    first = prefix.format(d=1).strip()
    assert result.schema_notes == [
        (f"nox.ndjson: JSON log lines behind a prefix of {shape} (first: {first!r}): read "
        f"the objects, the prefixes left out (the collector's time, host and program, not "
        f"the records' fields)")]


def test_cri_partial_lines_are_joined_to_their_record_and_lines_keep_numbers(tmp_path):
    """The runtime splits a long line into `P` pieces ended by an `F` one; a line without
    the prefix (a collector's own message) stays a reject numbered as in the file."""
    text = json.dumps(RECORDS[1])
    cut = len(text) // 2
    stamp = "2004-01-02T00:05:01.000000000Z stdout"
    lines = [f"{stamp} F {json.dumps(RECORDS[0])}",
             f"{stamp} P {text[:cut]}", f"{stamp} P {text[cut:cut + 3]}",
             f"{stamp} F {text[cut + 3:]}"] + \
        [f"{stamp} F {json.dumps(dict(RECORDS[2], n=n))}" for n in range(8)] + \
        ["collector restarted"]
    result = _read(tmp_path / "pod.log.ndjson", "\n".join(lines) + "\n")
    assert result.table.column("site").to_pylist() == ["ad", "ba"] + ["ef"] * 8
    assert [(r.record_no, r.raw) for r in result.rejects] == [("13", "collector restarted")]


def test_the_last_line_without_a_line_end_loses_its_prefix_too(tmp_path: Path):
    prefix = SHAPES["rsyslog"][0]
    result = _read(tmp_path / "n.ndjson", _logged(prefix, RECORDS).rstrip("\n"))
    assert result.table.column("site").to_pylist() == ["ad", "ba", "ef"]
    assert result.rejects == []


@pytest.mark.parametrize("records", [
    [{"msg": "Jan  1 00:05:01 host app[1]: {\"a\": 1}", "n": 1},
     {"msg": "{ not json", "n": 2}],
    [{"template": "{name} says {greeting}", "n": 1}, {"template": "}{", "n": 2}],
])
def test_ndjson_whose_values_hold_braces_or_log_lines_reads_as_before(tmp_path, records):
    result = _read(tmp_path / "p.ndjson", "".join(json.dumps(r) + "\n" for r in records))
    assert result.table.to_pylist() == records
    assert result.schema_notes == []


def test_a_text_log_with_a_few_json_lines_stays_rejects(tmp_path: Path):
    """Most lines are messages, not objects: no prefix is taken, every line a reject."""
    prefix = SHAPES["rsyslog"][0].format(d=1)
    lines = [f"{prefix}{json.dumps(RECORDS[0])}"] + [f"{prefix}started worker {n}"
                                                     for n in range(5)]
    result = _read(tmp_path / "s.ndjson", "\n".join(lines) + "\n")
    assert result.table is None or result.table.num_rows == 0
    assert len(result.rejects) == 6
    assert not any("prefix" in note for note in result.schema_notes)


def test_two_prefix_shapes_half_and_half_read_as_before(tmp_path: Path):
    text = _logged(SHAPES["rsyslog"][0], RECORDS[:2]) + _logged(SHAPES["cri"][0], RECORDS[:2])
    result = _read(tmp_path / "m.ndjson", text)
    assert len(result.rejects) == 4
    assert not any("prefix" in note for note in result.schema_notes)


def test_a_syslog_delivery_loads_into_duckdb(tmp_path: Path):
    (tmp_path / "landing").mkdir()
    (tmp_path / "landing" / "nox.ndjson").write_text(_logged(SHAPES["rsyslog"][0], RECORDS))
    adapter, result = load_landing(tmp_path, pattern="*.ndjson")
    assert result.rows == 3
    assert adapter.fetch("select site, nox from shop.sales order by day")[1] == [
        ("ad", 11.98), ("ba", 16.99), ("ef", 12.32)]


def test_cri_partial_lines_never_ended_stay_rejects(tmp_path: Path):
    """A file cut after `P` pieces loses no text in silence: their lines are rejects."""
    stamp = "2004-01-02T00:05:01.000000000Z stdout"
    lines = [f"{stamp} F {json.dumps(dict(RECORDS[0], n=n))}" for n in range(10)] + \
        [f"{stamp} P {{\"day\": \"2004-01-02\","]
    result = _read(tmp_path / "cut.ndjson", "\n".join(lines) + "\n")
    assert result.table.num_rows == 10
    assert [(r.record_no, r.raw) for r in result.rejects] == [("11", lines[-1])]


def test_a_line_of_no_object_among_log_lines_is_noted_under_the_file_s_own_name(tmp_path):
    """A startup line among the log lines is a reject, and the notes name the user's file,
    never the copy its prefixes were left out of (nor the copy a legacy encoding's text is
    read from)."""
    prefix = SHAPES["priority"][0]
    text = _logged(prefix, RECORDS * 4) + prefix.format(d=13) + "listening on :8080\n"
    path = tmp_path / "nox.ndjson"
    path.write_bytes(text.replace('"ad"', '"\u00e5d"').encode("cp1252"))
    result = read_source(path, None, {}, {})
    assert result.table.column("site").to_pylist() == ["\u00e5d", "ba", "ef"] * 4
    assert [r.record_no for r in result.rejects] == ["13"]
    assert "nox.ndjson: 1 line(s) are not JSON objects" in result.schema_notes
    assert all(n.startswith(("nox.ndjson", str(path))) for n in result.schema_notes), \
        result.schema_notes
