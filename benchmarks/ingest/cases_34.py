"""The ingestion benchmark's cases of stage 34 (`build34.py`), with what a careful engineer
accepts for each: see `case.py` for how an expectation is written. Written from the source
tables before any reader ran on the files (held out)."""

from __future__ import annotations

from typing import Any

import build34
from case import Case
from cases_18 import _at

_AUSAIR = build34.air_passengers()
_CEMENT = build34.cement()
_POLAR = build34.polar()
_MELEC = build34.usmelec()
_MELSYD = build34.melsyd()
_CRACKERS = build34.crackers()
_GASOLINE = build34.gasoline()
_STOPS = build34.stop_times()
_GAS = build34.natural_gas()
_TAYLOR = build34.taylor()
_CANADIAN = build34.canadian_gas()

_GATEWAY_ROWS = (0, 1, 3, 5, 7, len(_AUSAIR) - 1)  # 1, 7: NAN; 3: NUL; 5: NON
_MELEC_ROWS = sorted({0, 1, *build34.NOT_EXPECTED, len(_MELEC) - 1})
_ARRIVALS = [i for i, a in enumerate(_MELSYD.arr) if "+" in a][:3]
_FLIGHT_ROWS = sorted({0, 1, 12, *_ARRIVALS, len(_MELSYD) - 1})  # 12: economy missing
_SCAN_ROWS = (0, 1, 57, len(_CRACKERS) - 1)
_GASOLINE_ROWS = (0, 1, 3, 10, len(_GASOLINE) - 1)  # 3, 10: kbbl/d
_LATE = [i for i, r in enumerate(_STOPS) if r[1] >= "24:"][:3]
_STOP_ROWS = sorted({0, 1, *_LATE, len(_STOPS) - 1})
_GAS_ROWS = sorted({0, 1, *build34.ESTIMATED, len(_GAS) - 1})
_TAYLOR_ROWS = sorted({0, 1, *build34.PI_STATES, len(_TAYLOR) - 1})
_CANADIAN_ROWS = (0, 1, 12, 13, 49, len(_CANADIAN) - 1)  # 1, 49: `29FEB`; 13: `28FEB`


def _with_note(column: str, kind: str, read: list, text: list, shared: dict[str, Any]
               ) -> list[dict[str, Any]]:
    """The two outcomes of a column holding words or flags among numbers: kept as the text
    written, or read as `kind` (`read` its values) with a note naming `column` (what was
    dropped must be told)."""
    return [{"types": {column: "varchar"}, "values": {**shared, column: text}},
            {"types": {column: kind}, "values": {**shared, column: read}, "notes": [column]}]


def _entsoe_outcomes() -> list[dict[str, Any]]:
    """rs5's outcomes: `generation` doubles with NULL for `n/e` and a note, or the text."""
    values = _at(_MELEC, "value", _MELEC_ROWS)
    shared = {"mtu": _at(_MELEC, "mtu", _MELEC_ROWS)}
    return _with_note(
        "generation", "double",
        [(i, None if i in build34.NOT_EXPECTED else v) for i, v in values],
        [(i, "n/e" if i in build34.NOT_EXPECTED else str(v)) for i, v in values], shared)


def _flag_outcomes() -> list[dict[str, Any]]:
    """rs10's outcomes: `consumption` the text with its read flag, or the integers with a
    note naming `consumption` (the estimated reads must not pass as actual)."""
    shared = {c: _at(_GAS, c, _GAS_ROWS) for c in ("state", "year", "price")}
    return _with_note("consumption", "integer", _at(_GAS, "consumption", _GAS_ROWS),
                      _at(_GAS, "written", _GAS_ROWS), shared)


def _pi_outcomes() -> list[dict[str, Any]]:
    """rs11's outcomes: `value` the text (numbers and states), or integers (or doubles)
    with NULL at the states and a note naming `value`."""
    read = [(i, None if i in build34.PI_STATES else v) for i, v in _at(_TAYLOR, "x",
                                                                        _TAYLOR_ROWS)]
    outcomes = _with_note("value", "integer", read, _at(_TAYLOR, "written", _TAYLOR_ROWS),
                          {})
    outcomes.append({**outcomes[1], "types": {"value": "double"}})
    return outcomes


_ENTSOE = _entsoe_outcomes()
_FLAGS = _flag_outcomes()
_PI = _pi_outcomes()

CASES = [
    Case(
        "rs1_ausair_iata_nan",
        34,
        "rs1_ausair.csv",
        "an airline traffic export whose `gateway` holds IATA airport codes, among them "
        "`NAN` (Nadi), `NUL` (Nulato) and `NON` (Nonouti): 47 rows, `gateway` the three "
        "letters as written in every row; never `NAN` or `NUL` read as NULL (or NaN)",
        rows=len(_AUSAIR),
        rejects=set(),
        columns=list(_AUSAIR.columns),
        types={"year": "integer", "gateway": "varchar", "passengers": "double"},
        values={c: _at(_AUSAIR, c, _GATEWAY_ROWS) for c in _AUSAIR.columns},
    ),
    Case(
        "rs2_elecdemand_nem12",
        34,
        "rs2_elecdemand.csv",
        "an AEMO NEM12 meter data file: a `100` header, a `200` meter record, fourteen `300` "
        "records of 48 half-hourly readings each, `900`: a refusal naming the format, or the "
        "672 readings one per row (or 14 rows, one per day); never the records of different "
        "kinds read as one ragged table, or the `100` line taken for the names",
        rows=len(build34.elecdemand()),
        rejects=set(),
        alternatives=[{"rows": build34.NEM12_DAYS}],
        refuse_ok=True,
    ),
    Case(
        "rs3_qcement_edifact",
        34,
        "rs3_qcement.edi",
        "a UN/EDIFACT CUSCAR customs report on one line: segments ended by `'`, elements by "
        "`+`, components by `:`: a refusal naming the format (no reading gives the 233 "
        "goods items as a table without knowing the message); never one row of text or the "
        "segments split at `+` into a table",
        rows=len(_CEMENT),
        refuse_ok=True,
    ),
    Case(
        "rs4_polar_nmea_rmc",
        34,
        "rs4_polar.nmea",
        "a telematics box's NMEA 0183 log: a `$GPRMC` sentence per line, no header, CRLF, "
        "each ended by `*` and a checksum: a refusal naming NMEA, or 50 rows of the "
        "sentences' fields (a reading must not take the first fix for the names, nor read "
        "`2624.0000` as decimal degrees without a note)",
        rows=len(_POLAR),
        rejects=set(),
        refuse_ok=True,
    ),
    Case(
        "rs5_usmelec_entsoe_mtu",
        34,
        "rs5_usmelec.csv",
        "an ENTSO-E style CSV: every field quoted, `MTU` the interval as text "
        "(`01.01.1973 00:00 - 01.02.1973 00:00`), `n/e` (not expected) for three months: "
        "486 rows, `mtu` the text as written, `generation` doubles with NULL for `n/e` and a "
        "note naming `generation`, or the text; never the three rows rejected, or NULLs "
        "with no note",
        rows=len(_MELEC),
        rejects=set(),
        columns=["mtu", "generation"],
        **_ENTSOE[0],
        alternatives=_ENTSOE[1:],
    ),
    Case(
        "rs6_melsyd_day_offset",
        34,
        "rs6_melsyd.csv",
        "an airline schedule export: `dep` and `arr` as `HHMM`, an arrival after midnight "
        "written `0003+1` (the next day): 283 rows, `arr` the text as written in every row, "
        "`economy` doubles (NULL in the 13th row); never the `+1` rows NULL, rejected or read as "
        "a number (`3`, `4`)",
        rows=len(_MELSYD),
        rejects=set(),
        columns=["week_ending", "flight", "dep", "arr", "economy"],
        types={"arr": "varchar", "economy": "double", "flight": "varchar"},
        values={c: _at(_MELSYD, c, _FLIGHT_ROWS) for c in ("flight", "arr", "economy")},
    ),
    Case(
        "rs7_cracker_gs1_scans",
        34,
        "rs7_cracker.csv",
        "a warehouse scanner's log: `scan` the raw GS1-128 element string with the group "
        "separator (0x1D) after the lot: 400 rows, `scan` the text as written with the "
        "separator kept; or a refusal naming the control character; never the separator "
        "dropped (the lot and expiry run together) or the scan split at it",
        rows=len(_CRACKERS),
        rejects=set(),
        columns=list(_CRACKERS.columns),
        types={"id": "integer", "scan": "varchar", "price": "double"},
        values={c: _at(_CRACKERS, c, _SCAN_ROWS) for c in _CRACKERS.columns},
        refuse_ok=True,
    ),
    Case(
        "rs8_gasoline_mixed_units",
        34,
        "rs8_gasoline.csv",
        "a fuel terminals' weekly report: `supplied` with its unit after each value, the "
        "unit changing by row (`6.621 Mbbl/d`, `6621 kbbl/d`): 300 rows, `supplied` the "
        "text as written; or a refusal naming the units; never doubles with the units "
        "stripped (6.621 beside 6621)",
        rows=len(_GASOLINE),
        rejects=set(),
        columns=["week", "supplied"],
        types={"week": "integer", "supplied": "varchar"},
        values={"supplied": _at(_GASOLINE, "written", _GASOLINE_ROWS)},
        refuse_ok=True,
    ),
    Case(
        "rs9_train_gtfs_past_midnight",
        34,
        "rs9_train_stop_times.txt",
        "a GTFS `stop_times.txt`: times of the service day past 24:00 (`25:12:00`): 800 "
        "rows, `arrival_time` and `departure_time` the text as written in every row; never "
        "the late rows NULL or rejected, or wrapped to the next morning's clock",
        rows=len(_STOPS),
        rejects=set(),
        columns=["trip_id", "arrival_time", "departure_time", "stop_id", "stop_sequence"],
        types={"arrival_time": "varchar", "departure_time": "varchar",
               "stop_sequence": "integer"},
        values={"trip_id": [(i, _STOPS[i][0]) for i in _STOP_ROWS],
                "arrival_time": [(i, _STOPS[i][1]) for i in _STOP_ROWS],
                "departure_time": [(i, _STOPS[i][2]) for i in _STOP_ROWS]},
    ),
    Case(
        "rs10_naturalgas_read_flags",
        34,
        "rs10_naturalgas.csv",
        "a utility's meter read export: `consumption` with the read type glued after it "
        "(`313656A` actual, `331326E` estimated): 138 rows, `consumption` the text as "
        "written, or the integers with a note naming `consumption`; never the letters "
        "dropped silently or NULLs",
        rows=len(_GAS),
        rejects=set(),
        columns=["state", "year", "consumption", "price"],
        **_FLAGS[0],
        alternatives=_FLAGS[1:],
    ),
    Case(
        "rs11_taylor_pi_digital_states",
        34,
        "rs11_taylor.csv",
        "a process historian's export (PI DataLink): `Value` holds digital states where no "
        "number was archived (`I/O Timeout`, `Bad Input`, `Shutdown`): 1008 rows, `value` "
        "the text, or numbers with NULL at the four states and a note naming `value`; never "
        "the four rows rejected, or NULLs with no note",
        rows=len(_TAYLOR),
        rejects=set(),
        columns=["timestamp", "value"],
        **_PI[0],
        alternatives=_PI[1:],
    ),
    Case(
        "rs12_canadian_gas_yearless_days",
        34,
        "rs12_canadian_gas.csv",
        "a pipeline operator's monthly report: `month_end` as `31JAN` with no year over 45 "
        "years (each day repeats, `29FEB` in leap years): 542 rows, `month_end` the text "
        "as written; or a refusal naming the column; never dates with a guessed year, or "
        "`29FEB` NULL or rejected",
        rows=len(_CANADIAN),
        rejects=set(),
        columns=["month_end", "volume"],
        types={"month_end": "varchar", "volume": "double"},
        values={"month_end": _at(_CANADIAN, "month_end", _CANADIAN_ROWS),
                "volume": _at(_CANADIAN, "Volume", _CANADIAN_ROWS)},
        refuse_ok=True,
    ),
]
