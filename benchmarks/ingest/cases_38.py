"""The ingestion benchmark's cases of stage 38 (`build38.py`), with what a careful engineer
accepts for each: see `case.py` for how an expectation is written. Written from the source
tables before any reader ran on the files (held out)."""

from __future__ import annotations

import datetime
import json
from typing import Any

import build38
from case import Case
from cases_18 import _at

_STATEMENT = build38.statement()
_NIGHTS = build38.nights()
_SPOUSES = build38.spouses()
_FRIDAYS = build38.friday_rows()
_VOCAB = build38.vocab()
_GARDEN = build38.garden()
_PURCHASES = build38.purchases()
_TREES = build38.cherry_trees()
_WINTERS = build38.winters()
_QUAKES = build38.quakes()
_TRACK = build38.track_points()
_PETS = build38.pets()

_STATEMENT_ROWS = (0, 1, 2, 5, len(_STATEMENT) - 1)  # 2 and 5: debits
_NIGHT_ROWS = (0, 1, len(_NIGHTS) - 1)
_SPOUSE_ROWS = tuple(sorted({0, 1, len(_SPOUSES) - 1, *build38.QUALIFIED, *build38.BETWEEN}))
_MESSAGE_ROWS = tuple(sorted({0, 1, *build38.ENTITY_ROWS}))
_GARDEN_ROWS = (0, 1, build38.CELSIUS_FROM - 1, build38.CELSIUS_FROM, len(_GARDEN) - 1)
_PURCHASE_ROWS = (0, 1, len(_PURCHASES) - 1)
_TREE_ROWS = (0, 1, len(_TREES) - 1)
_WINTER_ROWS = tuple(sorted({0, 1, len(_WINTERS) - 1, *[
    int(i) for i in _WINTERS.index[_WINTERS.total_snow.isna()][:2]]}))
_DITTOS = build38.ditto_rows()
_QUAKE_ROWS = tuple(sorted({0, 1, len(_QUAKES) - 1, *_DITTOS[:4]}))
_PET_ROWS = tuple(sorted({0, 1, *[int(i) for i in _PETS.index[_PETS.animal_name.map(
    lambda name: isinstance(name, str) and not name.isascii())][:5]]}))


def _statement_outcomes() -> list[dict[str, Any]]:
    """rw1's acceptable outcomes: `amount` the text as written (`3.00 DR`), or the signed
    number (-3.00 for a debit, 3.10 for a credit) with a note naming `amount`."""
    wages = _at(_STATEMENT, "wage", _STATEMENT_ROWS)
    shared = {"date": [(i, build38.STATEMENT_START + datetime.timedelta(days=i))
                       for i in _STATEMENT_ROWS]}
    return [
        {"types": {"amount": "varchar", "date": "date"},
         "values": {**shared, "amount": [(i, build38.cr_dr(i, w)) for i, w in wages]}},
        {"types": {"amount": "double", "date": "date"}, "notes": ["amount"],
         "values": {**shared, "amount": [(i, -w if build38.is_debit(i) else w)
                                         for i, w in wages]}},
    ]


def _fit_outcomes() -> list[dict[str, Any]]:
    """rw2's acceptable outcomes: `timestamp` the FIT seconds as stored, or the instant
    they mean (counted from 1989-12-31; naive UTC or zoned) with a note naming
    `timestamp`."""
    moments = [(i, _NIGHTS.started.iloc[i].to_pydatetime()) for i in _NIGHT_ROWS]
    hours = {"sleep_hours": _at(_NIGHTS, "hours", _NIGHT_ROWS)}
    return [
        {"types": {"timestamp": "integer", "sleep_hours": "double"},
         "values": {**hours, "timestamp": [(i, build38.fit_seconds(t)) for i, t in moments]}},
        *({"types": {"timestamp": "timestamp", "sleep_hours": "double"},
           "notes": ["timestamp"], "values": {**hours, "timestamp": [
               (i, t.replace(tzinfo=None) if naive else t) for i, t in moments]}}
          for naive in (True, False)),
    ]


def _entity_outcomes() -> list[dict[str, Any]]:
    """rw5's acceptable outcomes: every message's `text` kept; an entity array as its
    plain text (the entities' texts joined, which is the message's text) or as the JSON
    written (spaced or compact)."""
    rows = [_VOCAB.iloc[i] for i in _MESSAGE_ROWS]
    spellings = [lambda r: build38.message_text(r),
                 lambda r: json.dumps(build38.message_entities(r)),
                 lambda r: json.dumps(build38.message_entities(r), separators=(",", ":"))]
    return [{"values": {"text": [
        (i, spell(r) if i in build38.ENTITY_ROWS else build38.message_text(r))
        for i, r in zip(_MESSAGE_ROWS, rows)]}} for spell in spellings]


def _ofx_outcomes() -> list[dict[str, Any]]:
    """rw7's acceptable outcomes: `dtposted` the text as written
    (`20251127120000.000[-5:EST]`), or the instant it means (noon at UTC-5: 17:00 UTC,
    naive or zoned) with a note naming `dtposted`."""
    days = [(i, _PURCHASES.posted.iloc[i]) for i in _PURCHASE_ROWS]
    amounts = {"trnamt": [(i, -v) for i, v in _at(_PURCHASES, "amount", _PURCHASE_ROWS)]}
    return [
        {"types": {"dtposted": "varchar", "trnamt": "double"},
         "values": {**amounts, "dtposted": [(i, build38.ofx_datetime(d)) for i, d in days]}},
        *({"types": {"dtposted": "timestamp", "trnamt": "double"},
          "notes": ["dtposted"],
         "values": {**amounts, "dtposted": [
             (i, datetime.datetime(d.year, d.month, d.day, 17, tzinfo=zone))
             for i, d in days]}} for zone in (None, datetime.timezone.utc)),
    ]


def _formula_outcomes() -> list[dict[str, Any]]:
    """rw8's acceptable outcomes: `volume_m3` computed from its formula (volume times
    0.0283168), or the formula's text kept (`=D2*0.0283168`) with a note naming
    `volume_m3`; the measured columns numbers either way."""
    measured = {"girth": _at(_TREES, "diam", _TREE_ROWS),
                "volume": _at(_TREES, "volume", _TREE_ROWS)}
    return [
        {"types": {"girth": "double", "volume_m3": "double"},
         "values": {**measured, "volume_m3": [(i, v * build38.CUBIC_METRES)
                                              for i, v in measured["volume"]]}},
        {"types": {"girth": "double", "volume_m3": "varchar"}, "notes": ["volume_m3"],
         "values": {**measured, "volume_m3": [(i, f"=D{i + 2}*{build38.CUBIC_METRES}")
                                              for i in _TREE_ROWS]}},
    ]


def _ditto_outcomes() -> list[dict[str, Any]]:
    """rw10's acceptable outcomes: `region` the ditto mark as written (`"`), or the
    region above filled down with a note naming `region`."""
    regions = _at(_QUAKES, "region", _QUAKE_ROWS)
    areas = {"area": _at(_QUAKES, "area", _QUAKE_ROWS)}
    return [
        {"values": {**areas, "region": [(i, build38.DITTO if i in _DITTOS else v)
                                        for i, v in regions]}},
        {"notes": ["region"], "values": {**areas, "region": regions}},
    ]


def _facebook_outcomes() -> list[dict[str, Any]]:
    """rw12's acceptable outcomes, each with a note naming `animal_name`: the names
    repaired (`Benjamón`), or kept as the JSON decodes them (`BenjamÃ³n`) and flagged."""
    names = _at(_PETS, "animal_name", _PET_ROWS)
    return [{"notes": ["animal_name"], "values": {"animal_name": [
        (i, spell(v)) for i, v in names]}}
        for spell in (lambda v: v, build38.facebook_escaped)]


_STATEMENT_OUTCOMES = _statement_outcomes()
_FIT = _fit_outcomes()
_ENTITIES = _entity_outcomes()
_OFX = _ofx_outcomes()
_DITTO = _ditto_outcomes()
_FORMULAS = _formula_outcomes()
_FACEBOOK = _facebook_outcomes()

CASES = [
    Case(
        "rw1_wage1_credit_debit_suffix",
        38,
        "rw1_statement.csv",
        "a bank's statement CSV: every amount unsigned with `CR` or `DR` after it (`3.10 CR`, "
        "`3.00 DR`): 526 rows, `amount` the text as written, or signed numbers (-3.00 for a "
        "debit) with a note naming it; never every amount positive (the suffix dropped), "
        "NULL, or the rows rejected",
        rows=len(_STATEMENT),
        rejects=set(),
        columns=["date", "description", "amount"],
        **_STATEMENT_OUTCOMES[0],
        alternatives=_STATEMENT_OUTCOMES[1:],
    ),
    Case(
        "rw2_student_sleep_fit_epoch",
        38,
        "rw2_sleep.parquet",
        "a sport watch's sleep sessions as Parquet: `timestamp` an int64 of FIT seconds "
        "(counted from 1989-12-31 00:00 UTC): 110 rows, the integers as stored, or the "
        "instants they mean (2026-09-01 23:00) with a note naming `timestamp`; never the "
        "seconds read from 1970 (2006-09-02, twenty years early)",
        rows=len(_NIGHTS),
        rejects=set(),
        columns=["timestamp", "sleep_hours"],
        **_FIT[0],
        alternatives=_FIT[1:],
    ),
    Case(
        "rw3_marriage_gedcom_dates",
        38,
        "rw3_individuals.csv",
        "a genealogy program's CSV: `Birth Date` as GEDCOM writes it (`11 APR 1964`), six "
        "qualified (`ABT 1964`, `BEF 11 APR 1964`, `BET 1964 AND 1966`): 98 rows, "
        "`birth_date` the text as written; never a date column (a guess or a range made an "
        "exact day, `ABT 1964` made NULL or 1964-01-01), or the qualified rows rejected",
        rows=len(_SPOUSES),
        rejects=set(),
        types={"birth_date": "varchar", "age": "double"},
        values={"birth_date": [(i, build38.gedcom_date(i, _SPOUSES.dob.iloc[i]))
                               for i in _SPOUSE_ROWS],
                "race": _at(_SPOUSES, "race", _SPOUSE_ROWS)},
    ),
    Case(
        "rw4_friday_whatsapp_chat",
        38,
        "rw4_chat.txt",
        "a WhatsApp chat export (`[13/07/1990, 09:00:00] 7 to 8: text`), three messages "
        "going on over a second line: a refusal naming the file as no table, or 61 "
        "messages; never 64 rows of lines (a message's second line a row of its own) or "
        "each line split at its commas or colons",
        rows=len(_FRIDAYS),
        rejects=set(),
        refuse_ok=True,
    ),
    Case(
        "rw5_gssvocab_telegram_text_entities",
        38,
        "rw5_messages.json",
        "a Telegram chat's messages as a JSON array: `text` a string, but in four messages "
        "an array of strings and entity objects (`[\"year \", {\"type\": \"bold\", ...}]`): "
        "1000 rows, every `text` kept, an array as its plain text or its JSON; never NULL "
        "for the four, their rows rejected, or their text moved to a child table alone",
        rows=len(_VOCAB),
        rejects=set(),
        **_ENTITIES[0],
        alternatives=_ENTITIES[1:],
    ),
    Case(
        "rw6_railtrail_unit_switch",
        38,
        "rw6_history.ndjson",
        "a home-automation hub's NDJSON history: `state` a temperature with its unit, `°F` "
        "for 52 days then `°C` (`84 °F`, then `14.4 °C`) after the owner changed the unit: "
        "90 rows, `state` the text as written; or a refusal naming `state`; never one "
        "number column mixing °F and °C (84 beside 14.4) or the °C rows NULL",
        rows=len(_GARDEN),
        rejects=set(),
        types={"state": "varchar"},
        values={"state": [(i, build38.sensor_state(i, int(_GARDEN.hightemp.iloc[i])))
                          for i in _GARDEN_ROWS]},
        refuse_ok=True,
    ),
    Case(
        "rw7_thanksgiving_ofx_datetimes",
        38,
        "rw7_ledger.csv",
        "an OFX-derived ledger: `DTPOSTED` as OFX writes it (`20251127120000.000[-5:EST]`): "
        "436 rows, `dtposted` the text as written, or the instant (17:00 UTC) with a note "
        "naming it; never noon with the offset dropped without a word, a number "
        "(20251127120000), or NULL",
        rows=len(_PURCHASES),
        rejects=set(),
        columns=["dtposted", "trnamt", "name"],
        **_OFX[0],
        alternatives=_OFX[1:],
    ),
    Case(
        "rw8_cherry_uncached_formulas",
        38,
        "rw8_orchard.xlsx",
        "an orchard diary's xlsx made by a script: `Volume m3` a formula in every row "
        "(`=D2*0.0283168`) saved with no computed value: 31 rows, `volume_m3` computed "
        "(0.29166...), or the formulas' text with a note naming it; or a refusal naming "
        "the column; never a column of NULLs without a word, or the column dropped",
        rows=len(_TREES),
        rejects=set(),
        columns=["tree", "girth", "height", "volume", "volume_m3"],
        **_FORMULAS[0],
        alternatives=_FORMULAS[1:],
        refuse_ok=True,
    ),
    Case(
        "rw9_snowfall_sqlite_packed_doubles",
        38,
        "rw9_station.sqlite",
        "a weather-station app's SQLite table whose `total_snow BLOB` holds each total as a "
        "little-endian double's eight bytes: a refusal naming `total_snow` and its BLOBs, or "
        "100 rows with the doubles (671.0; NULL where missing) and a note naming it; never "
        "the bytes as text, hex, or NULL without a word",
        fmt="sqlite",
        options={"source_table": "winters"},
        rows=len(_WINTERS),
        rejects=set(),
        columns=["id", "year_start", "year_end", "total_snow"],
        types={"total_snow": "double"},
        values={"total_snow": _at(_WINTERS, "total_snow", _WINTER_ROWS)},
        notes=["total_snow"],
        refuse_ok=True,
    ),
    Case(
        "rw10_earthquakes_ditto_marks",
        38,
        "rw10_quakes.csv",
        "a hand-kept quake log's CSV: a region the same as the row above's written as a "
        "ditto mark `\"` (a field quoted as four double quotes): 123 rows, `region` the mark "
        "as written, or the region above filled down with a note naming `region`; never the "
        "rows rejected, a field shifted, or the mark made NULL",
        rows=len(_QUAKES),
        rejects=set(),
        columns=["year", "month", "day", "richter", "area", "region", "deaths"],
        **_DITTO[0],
        alternatives=_DITTO[1:],
    ),
    Case(
        "rw11_penny_ages_gpx_track",
        38,
        "rw11_run.gpx",
        "a sport watch's GPX 1.1 track (XML: `<trkpt lat lon><ele><time>`): a refusal naming "
        "the format (GPX/XML, not a table); at most the 60 points read with `ele`; never the "
        "XML lines as rows of one text column",
        rows=len(_TRACK),
        rejects=set(),
        values={"ele": [(i, _TRACK[i][2]) for i in (0, 1, len(_TRACK) - 1)]},
        refuse_ok=True,
    ),
    Case(
        "rw12_seattlepets_facebook_escapes",
        38,
        "rw12_pets.json",
        "a \"download your information\" JSON whose names are escaped byte by byte "
        "(`Benjam\\u00c3\\u00b3n`, as Facebook writes them): all rows, `animal_name` "
        "repaired (`Benjamón`) or kept as decoded (`BenjamÃ³n`), either with a note naming "
        "`animal_name`; never the mojibake kept without a word",
        rows=len(_PETS),
        rejects=set(),
        types={"license_number": "varchar"},
        **_FACEBOOK[0],
        alternatives=_FACEBOOK[1:],
    ),
]
