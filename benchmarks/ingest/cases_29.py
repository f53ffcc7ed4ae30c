"""The ingestion benchmark's cases of stage 29 (`build29.py`), with what a careful engineer
accepts for each: see `case.py` for how an expectation is written. Written from the source
tables before any reader ran on the files (held out)."""

from __future__ import annotations

import datetime
from typing import Any

import build29
from case import Case, _spelled, _utc
from cases_16 import _sharing
from cases_18 import _at

_MURDERS = build29.london_murders()
_CPS = build29.cps85()
_BLIZZARD = build29.blizzard()
_COMMUTES = build29.commutes()
_MAPS = build29.as_read(build29.old_maps(), "year").astype({"year": "float64"})
_SOCATT = build29.as_read(build29.socatt(), "party")
_NLSY = build29.nlsy_now()
_DUNN = build29.dunn_run().astype({"age": "float64"})  # NaN, as `_at` takes a gap
_BREACHES = build29.breaches()
_HEIGHTS = build29.heights()
_STAGEC = build29.stagec()
_AVOCADO = build29.avocado()
_AIRBYTE = build29.airbyte_rows()

_MURDER_ROWS = (0, 1, 500, len(_MURDERS) - 1)
_CPS_ROWS = (0, 1, 200, len(_CPS) - 1)
_BLIZZARD_ROWS = sorted({0, *build29.CUT_ROWS, len(_BLIZZARD) - 1})
_HOUR = int(datetime.timedelta(hours=1) / build29.AMPLITUDE_STEP)  # events in one hourly file
_COMMUTE_ROWS = (0, _HOUR - 1, _HOUR, len(_COMMUTES) - 1)
_UNMAPPED = int(_MAPS.year.isna().idxmax())  # the first row of the NULL partition
_MAP_ROWS = (0, _UNMAPPED - 1, _UNMAPPED, len(_MAPS) - 1)
_LIB = int((_SOCATT.party == "Lib/SDP/Alliance").sum())  # the escaped folder's rows, first
_SOCATT_ROWS = (0, _LIB - 1, _LIB, len(_SOCATT) - 1)
_NLSY_ROWS = sorted({0, build29.NLSY_SPLIT - 1, *(i - 1 for i in build29.NLSY_REVISED),
                     len(_NLSY) - 1})  # the ids are 1 ... 243 in order
_DUNN_ROWS = sorted({0, build29.DUNN_SPLIT - 1, build29.DUNN_SPLIT, len(_DUNN) - 1,
                     *map(int, _DUNN.index[_DUNN.age.isna()][:2])})
_BREACH_ROWS = (0, 1, 600, len(_BREACHES) - 1)
_WINTER = next(i for i, s in enumerate(_HEIGHTS.time_stamp)
               if build29.postgres_stamp(s).endswith("-05"))  # the first stamp at -05
_HEIGHT_ROWS = (0, _WINTER, len(_HEIGHTS) - 1)
_STAGEC_ROWS = sorted({0, 1, len(_STAGEC) - 1,
                       *(int(_STAGEC.index[_STAGEC[c].isna()][0]) for c in ("eet", "g2",
                                                                          "gleason"))})
_AVOCADO_ROWS = (0, 1, len(_AVOCADO) - 1)
_AIRBYTE_NAMES = {c: c.removeprefix("_") for c in ("_airbyte_ab_id", "_airbyte_emitted_at",
                                                   "_airbyte_data")}


def _renamed(outcomes: list[dict[str, Any]], names: dict[str, str]) -> list[dict[str, Any]]:
    """The outcomes, then each again with the columns `names` maps spelled its way (a name
    lower-cased or its leading underscore dropped by the reader's name cleaning: either
    spelling is fine)."""
    def spelled(outcome: dict[str, Any]) -> dict[str, Any]:
        again = {key: {names.get(c, c): v for c, v in outcome[key].items()}
                 for key in ("types", "values") if key in outcome}
        if outcome.get("columns"):
            again["columns"] = [names.get(c, c) for c in outcome["columns"]]
        return {**outcome, **again}
    return outcomes + [spelled(o) for o in outcomes]


def _instants(column: str, moments: list[tuple[int, datetime.datetime]], text) -> list[dict]:
    """An instant column's acceptable outcomes: the UTC time (naive or zoned), or, when
    `text` is given, the text as written."""
    outcomes = [{"types": {column: "timestamp"}, "values": {column: [(i, _utc(m))
                                                                     for i, m in moments]}},
                {"types": {column: "timestamp"}, "values": {column: moments}}]
    if text:
        outcomes.append({"types": {column: "varchar"},
                         "values": {column: [(i, text(m)) for i, m in moments]}})
    return outcomes


def _firestore_outcomes() -> list[dict[str, Any]]:
    """rn1's acceptable outcomes: `reported_at` the instant (UTC, naive or zoned), or the
    object flattened as every nested object is (`reported_at___seconds` and
    `..._nanoseconds` integers, or the name's third underscore dropped)."""
    moments = [(i, build29.reported_at(i, _MURDERS.date.iloc[i])) for i in _MURDER_ROWS]
    shared = {c: _at(_MURDERS, c, _MURDER_ROWS) for c in ("forename", "age", "year", "borough")}
    types = {"age": "integer", "year": "integer", "borough": "varchar"}
    outcomes = [{**o, "columns": ["id", "forename", "age", "reported_at", "year", "borough"]}
                for o in _sharing(_instants("reported_at", moments, None), types, shared)]
    for joint in ("___", "__"):
        parts = {f"reported_at{joint}{part}": [(i, build29.firestore_time(m)[f"_{part}"])
                                               for i, m in moments]
                 for part in ("seconds", "nanoseconds")}
        outcomes.append({"columns": None, "types": {**types, **dict.fromkeys(parts, "integer")},
                         "values": {**shared, **parts}})
    return outcomes


def _surrogate_outcomes() -> list[dict[str, Any]]:
    """rn3's acceptable outcomes: each cut text with the lone half replaced by U+FFFD (the
    usual repair), or dropped; every other value as the API sent it."""
    shared = {c: _at(_BLIZZARD, c, _BLIZZARD_ROWS)
              for c in ("status", "current_title", "current_salary", "location")}
    types = {"current_salary": ("integer", "double"), "percent_incr": "double",
             "other_info": "varchar"}
    texts = _at(_BLIZZARD, "other_info", _BLIZZARD_ROWS)
    return [
        {"types": types, "values": {**shared, "other_info": [
            (i, build29.cut(v)[:-1] + repair if i in build29.CUT_ROWS else v)
            for i, v in texts]}}
        for repair in ("\ufffd", "")
    ]


def _amplitude_outcomes() -> list[dict[str, Any]]:
    """rn4's acceptable outcomes: the hourly files in the archive's order (7, 8, 9, 10) or
    by name (10 before 7); `event_time` a timestamp (UTC, as Amplitude means it) or its
    text; the event properties flattened as every nested object is."""
    frame = _COMMUTES.rename(columns={"City": "city", "Distance": "event_properties__distance_"
                                      "miles", "Time": "event_properties__minutes"})
    frame = frame.assign(event_id=range(1, len(frame) + 1), event_time=[build29.AMPLITUDE_START.replace(tzinfo=None)
                                     + i * build29.AMPLITUDE_STEP for i in range(len(frame))])
    by_name = frame.iloc[[*range(3 * _HOUR, len(frame)), *range(3 * _HOUR)]]
    types = {"event_id": "integer", "city": "varchar",
             "event_properties__distance_miles": "integer",
             "event_properties__minutes": "integer"}
    outcomes = []
    for rows in (frame, by_name):
        values = {c: _at(rows, c, _COMMUTE_ROWS) for c in list(types)}
        stamps = _at(rows, "event_time", _COMMUTE_ROWS)
        outcomes += [
            {"types": {**types, "event_time": "timestamp"},
             "values": {**values, "event_time": stamps}},
            {"types": {**types, "event_time": "varchar"},
             "values": {**values, "event_time": [(i, f"{m:%Y-%m-%d %H:%M:%S.%f}")
                                                 for i, m in stamps]}},
        ]
    return outcomes


def _partition_outcomes() -> list[dict[str, Any]]:
    """rn5's acceptable outcomes: `year` integers with NULL for the 39 rows of Hive's NULL
    folder, or the folders' text with NULL for them; never `__HIVE_DEFAULT_PARTITION__`."""
    years = _at(_MAPS, "year", _MAP_ROWS)
    shared = {c: _at(_MAPS, c, _MAP_ROWS) for c in ("point", "name", "lat")}
    types = {"point": "integer", "lat": "double", "name": "varchar"}
    return [
        {"types": {**types, "year": "integer"}, "values": {**shared, "year": years}},
        {"types": {**types, "year": "varchar"},
         "values": {**shared, "year": [(i, None if v is None else str(int(v)))
                                       for i, v in years]}},
    ]


def _breach_outcomes() -> list[dict[str, Any]]:
    """rn9's acceptable outcomes: `submitted_on` days (or their text), `business_associate`
    booleans (or the `true`/`false` Salesforce wrote: both are unambiguous)."""
    days = _at(_BREACHES, "submitted_on", _BREACH_ROWS)
    flags = [(i, bool(v)) for i, v in _at(_BREACHES, "business_associate", _BREACH_ROWS)]
    return _renamed([{**o, "columns": list(_BREACHES.columns)} for o in _sharing(
        _spelled({
            "submitted_on": ("date", days, [(i, d.isoformat()) for i, d in days]),
            "business_associate": ("boolean", flags, [(i, str(v).lower()) for i, v in flags]),
        }),
        {"individuals_affected": "integer", "description": "varchar", "Id": "varchar"},
        {c: _at(_BREACHES, c, _BREACH_ROWS)
         for c in ("Id", "covered_entity", "individuals_affected", "description")},
    )], {"Id": "id"})


def _airbyte_outcomes() -> list[dict[str, Any]]:
    """rn12's acceptable outcomes: the raw table as stored (`_airbyte_data` the record's
    JSON text), or the records' fields expanded as columns (named as the keys, or after the
    column like a flattened object), the Airbyte columns beside them or not."""
    raw = {"columns": list(_AIRBYTE_NAMES),
           "types": {"_airbyte_data": "varchar"},
           "values": {"_airbyte_ab_id": [(i, _AIRBYTE[i][0]) for i in _AVOCADO_ROWS],
                      "_airbyte_data": [(i, _AIRBYTE[i][2]) for i in _AVOCADO_ROWS]}}
    outcomes = _renamed([raw], _AIRBYTE_NAMES)
    for prefix in ("", "_airbyte_data__", "airbyte_data__"):
        days = [(i, datetime.date.fromisoformat(d)) for i, d in _at(_AVOCADO, "date",
                                                                     _AVOCADO_ROWS)]
        numbers = {f"{prefix}{c}": _at(_AVOCADO, c, _AVOCADO_ROWS)
                   for c in ("average_price", "total_volume")}
        for kind, spelled in (("date", days), ("varchar", [(i, d.isoformat())
                                                           for i, d in days])):
            outcomes.append({"columns": None,
                             "types": {**dict.fromkeys(numbers, "double"),
                                       f"{prefix}date": kind},
                             "values": {**numbers, f"{prefix}date": spelled}})
    return outcomes


_FIRESTORE = _firestore_outcomes()
_SURROGATES = _surrogate_outcomes()
_AMPLITUDE = _amplitude_outcomes()
_PARTITIONS = _partition_outcomes()
_BREACH = _breach_outcomes()
_HEIGHT_STAMPS = _sharing(
    _instants("time_stamp", _at(_HEIGHTS, "time_stamp", _HEIGHT_ROWS), build29.postgres_stamp),
    {"id": "integer", "sex": "varchar", "height": "varchar"},
    {c: _at(_HEIGHTS, c, _HEIGHT_ROWS) for c in ("id", "sex", "height")},
)
_RAW = _airbyte_outcomes()

CASES = [
    Case(
        "rn1_murders_firestore_timestamps",
        29,
        "rn1_murders.ndjson",
        "a Firebase function's NDJSON: `reported_at` the Admin SDK's Timestamp object "
        "`{\"_seconds\", \"_nanoseconds\"}`: 838 rows, `reported_at` the instant (UTC, to the "
        "microsecond), or the object flattened into its two integers as nested objects are; "
        "never NULL, rows lost or the seconds read as a year or a day",
        rows=len(_MURDERS),
        rejects=set(),
        **_FIRESTORE[0],
        alternatives=_FIRESTORE[1:],
    ),
    Case(
        "rn2_cps85_mongo_canonical",
        29,
        "rn2_cps85.json",
        "`mongoexport --jsonFormat=canonical`: every number wrapped (`{\"$numberInt\": "
        "\"10\"}`, `{\"$numberDouble\": \"9.0\"}`): 534 rows, `wage` doubles, `educ`, "
        "`exper`, `age` integers, the text columns as written (`_id` kept in some form); or "
        "a refusal naming the wrappers; never the wrappers kept as objects or their text",
        rows=len(_CPS),
        rejects=set(),
        types={"wage": "double", "educ": "integer", "exper": "integer", "age": "integer",
               "sex": "varchar"},
        values={c: _at(_CPS, c, _CPS_ROWS) for c in ("wage", "educ", "age", "sex", "sector")},
        refuse_ok=True,
    ),
    Case(
        "rn3_blizzard_lone_surrogates",
        29,
        "rn3_blizzard.ndjson",
        "a Node API's NDJSON whose free text was cut inside an emoji: four lines hold a lone "
        "`\\ud83d` escape: 466 rows, those four texts kept with the half replaced by U+FFFD "
        "(or dropped), every other value as sent; never those rows rejected or lost, or a "
        "crash on the unpaired surrogate",
        rows=len(_BLIZZARD),
        rejects=set(),
        columns=list(_BLIZZARD.columns),
        **_SURROGATES[0],
        alternatives=_SURROGATES[1:],
    ),
    Case(
        "rn4_commutes_amplitude_zip",
        29,
        "rn4_commutes.zip",
        "Amplitude's export `.zip`: four hourly gzipped NDJSON files inside it "
        "(`187654/187654_2024-03-04_7#0.json.gz`): 2000 rows, the events' fields with "
        "`event_properties` flattened (`event_properties__minutes`), `event_time` a "
        "timestamp or its text; or a refusal naming the archive's gzipped members; never "
        "the gzip bytes read as text or one file only",
        rows=len(_COMMUTES),
        rejects=set(),
        **_AMPLITUDE[0],
        alternatives=_AMPLITUDE[1:],
        refuse_ok=True,
    ),
    Case(
        "rn5_oldmaps_hive_default_partition",
        29,
        "rn5_oldmaps/year=*/*.parquet",
        "Spark's `partitionBy(\"year\")` with 39 rows in `year=__HIVE_DEFAULT_PARTITION__`: "
        "468 rows, `year` from the folder names (integers, or their text) with NULL for "
        "those 39; never the text `__HIVE_DEFAULT_PARTITION__` as a year, the column made "
        "text for it, or the rows lost",
        rows=len(_MAPS),
        rejects=set(),
        columns=list(_MAPS.columns),
        **_PARTITIONS[0],
        alternatives=_PARTITIONS[1:],
    ),
    Case(
        "rn6_socatt_escaped_partitions",
        29,
        "rn6_socatt/party=*/*.parquet",
        "Spark's `partitionBy(\"party\")` where a party's name holds `/`: its folder "
        "`party=Lib%2FSDP%2FAlliance`: 1056 rows, `party` the names decoded "
        "(`Lib/SDP/Alliance`); never the escaped `Lib%2FSDP%2FAlliance` kept as a value",
        rows=len(_SOCATT),
        rejects=set(),
        columns=list(_SOCATT.columns),
        types={"party": "varchar", "year": "integer", "age": "integer"},
        values={c: _at(_SOCATT, c, _SOCATT_ROWS) for c in ("party", "district", "year",
                                                           "religion")},
    ),
    Case(
        "rn7_nlsy_delta_removed_file",
        29,
        "rn7_nlsy/*.parquet",
        "a Delta table's folder read as `*.parquet`: its log's second commit removed a file "
        "(an UPDATE of five incomes) that is still there beside its rewrite: 243 rows, the "
        "table as the log has it now (the five incomes corrected); or a refusal naming the "
        "Delta log; never 365 rows (the removed file's rows twice, old incomes among them)",
        rows=len(_NLSY),
        rejects=set(),
        columns=list(_NLSY.columns),
        types={"id": "integer", "income": "double", "educ": "integer"},
        values={c: _at(_NLSY, c, _NLSY_ROWS) for c in ("id", "math", "income")},
        refuse_ok=True,
    ),
    Case(
        "rn8_dunn_athena_no_extension",
        29,
        "rn8_dunn/*",
        "Athena's CTAS output: two Parquet files named by the query id and a uuid, with no "
        "extension: 978 rows of Parquet's columns and types (`date` dates, `age` integers "
        "with NULL); or a refusal naming the files' format; never their bytes read as text",
        rows=len(_DUNN),
        rejects=set(),
        columns=list(_DUNN.columns),
        types={"date": "date", "age": "integer", "bib_num": "integer",
               "run_time_minutes": "double"},
        values={c: _at(_DUNN, c, _DUNN_ROWS) for c in ("date", "first_name", "age",
                                                       "run_time_minutes")},
        refuse_ok=True,
    ),
    Case(
        "rn9_breaches_salesforce_backquote",
        29,
        "rn9_breaches.csv",
        "a Salesforce Bulk API 2.0 result with `columnDelimiter=BACKQUOTE`: `` ` `` between "
        "every quoted field, descriptions holding commas, quotes and line breaks: 1151 rows "
        "of the 10 columns, `individuals_affected` integers, `submitted_on` days (or text), "
        "`business_associate` booleans (or `true`/`false`); never one column or rows split "
        "at commas",
        rows=len(_BREACHES),
        rejects=set(),
        **_BREACH[0],
        alternatives=_BREACH[1:],
    ),
    Case(
        "rn10_heights_postgres_hour_offsets",
        29,
        "rn10_heights.csv",
        "psql's `\\copy ... csv header` in a New York session: `timestamptz` written with "
        "hour-only offsets (`2014-09-02 09:40:36-04`, `-05` in winter): 1095 rows, "
        "`time_stamp` the instants (UTC, naive or zoned) or the text as written; `height` "
        "the text typed; never the wall times kept with the offset dropped",
        rows=len(_HEIGHTS),
        rejects=set(),
        columns=list(_HEIGHTS.columns),
        **_HEIGHT_STAMPS[0],
        alternatives=_HEIGHT_STAMPS[1:],
    ),
    Case(
        "rn11_stagec_xlsx_null_text",
        29,
        "rn11_stagec.xlsx",
        "an API connector's xlsx: each missing number a text cell `null` among number cells "
        "(`eet`, `g2`, `gleason`): 146 rows, those columns numbers with NULL there (a note "
        "welcome); never the columns made text, the word kept, or those rows rejected",
        rows=len(_STAGEC),
        rejects=set(),
        columns=list(_STAGEC.columns),
        types={"pgtime": "double", "pgstat": "integer", "age": "integer", "eet": "integer",
               "g2": "double", "grade": "integer", "gleason": "integer", "ploidy": "varchar"},
        values={c: _at(_STAGEC, c, _STAGEC_ROWS) for c in ("pgtime", "eet", "g2", "gleason",
                                                           "ploidy")},
    ),
    Case(
        "rn12_avocado_airbyte_raw_sqlite",
        29,
        "rn12_avocado.sqlite",
        "Airbyte's SQLite destination: `_airbyte_raw_avocado`, every record one JSON text in "
        "`_airbyte_data`: 169 rows, the raw table as stored (the JSON text intact), or the "
        "records' fields expanded as columns (`date`, `average_price`, `total_volume`); "
        "never rows lost or the JSON cut",
        fmt="sqlite",
        options={"source_table": f"_airbyte_raw_{build29.AIRBYTE_STREAM}"},
        rows=len(_AVOCADO),
        rejects=set(),
        **_RAW[0],
        alternatives=_RAW[1:],
    ),
]
