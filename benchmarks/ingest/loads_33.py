"""The load-level cases of stage 33 (lr1-lr4): deliveries over two runs from IoT platforms,
lake gauges, an ice-core lab and a lab's LabVIEW PC, written with their expectations after
stages 1-32 had all been seen, and never run while they were written (held out). See
`loads.py` for how a case is written and run."""

from __future__ import annotations

import datetime
from pathlib import Path

from build4 import _rdata
from build18 import _csv_text
from load_scorer import LoadCase
from load_steps import PG_DSN, _land, _sources, per_run

# lr1: a roadside speed sensors' Postgres table: the device a `macaddr`, its status `bit(8)`
PG_SOURCE_33 = per_run("stage33_bench_src")
AMIS_ROWS = 400
SPEEDS_REVISED = (1, 57, 200, 333, 400)  # the ids whose `speed` run 2 revises
SPEED_CHANGE = 3  # added to them
AMIS_COLUMNS = ["id", "device", "status", "speed", "period"]


def _amis():
    """boot's `amis` (car speeds near warning signs, by site pair and period), the first
    rows; `device` the MAC address of the pair's radar, `status` its flags byte."""
    frame = _rdata("boot", "amis").head(AMIS_ROWS).rename(columns={"rownames": "id"})
    devices = [f"08:00:2b:01:{p:02x}:{w:02x}" for p, w in zip(frame.pair, frame.warning)]
    flags = [f"{p:04b}{w:04b}" for p, w in zip(frame.period, frame.warning)]
    return frame.assign(device=devices, status=flags)[AMIS_COLUMNS]


def _lr1_first() -> None:
    """The table `readings` with `device macaddr` and `status bit(8)`."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_33} CASCADE")
        db.execute(f"CREATE SCHEMA {PG_SOURCE_33}")
        db.execute(f"CREATE TABLE {PG_SOURCE_33}.readings (id integer PRIMARY KEY, "
                   f"device macaddr, status bit(8), speed integer, period integer)")
        with db.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {PG_SOURCE_33}.readings VALUES (%s, %s::macaddr, %s::bit(8), "
                f"%s, %s)",
                [(int(r.id), r.device, r.status, int(r.speed), int(r.period))
                 for r in _amis().itertuples(index=False)],
            )


def _lr1_second() -> None:
    """Five speeds revised (a radar recalibrated)."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db, db.cursor() as cursor:
        cursor.executemany(f"UPDATE {PG_SOURCE_33}.readings SET speed = speed + %s "
                           f"WHERE id = %s", [(SPEED_CHANGE, row) for row in SPEEDS_REVISED])


def _lr1_drop() -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_33} CASCADE")


def _lr1_expect() -> list[tuple]:
    """The table after run 2: `device` the address as Postgres writes it, `status` the
    eight bits as text (`00010001`), five speeds revised."""
    return [(int(r.id), r.device, r.status,
             int(r.speed) + (SPEED_CHANGE if r.id in SPEEDS_REVISED else 0), int(r.period))
            for r in _amis().itertuples(index=False)]


# lr2: a gauge network's merge key respelled: `1918-01-01 00:00:00`, then `...T00:00:00.000Z`
LAKE_SPLIT = 1960  # the years before it come in the first delivery
LAKES_REVISED = {("Erie", 1930): 0.25, ("Ontario", 1945): -0.5, ("StClair", 1959): 0.125,
                 ("michHuron", 1918): 0.75, ("Erie", 1959): -0.25}  # resent in delivery 2
LAKE_COLUMNS = ["lake", "time", "level"]


def _lakes():
    """DAAG's `greatLakes` (yearly mean heights of four Great Lakes, 1918-2009), one row
    per lake and year, `time` the year's first instant."""
    frame = _rdata("DAAG", "greatLakes")
    frame = frame.assign(year=frame.rownames + 1917).drop(columns=["rownames"])
    long = frame.melt(id_vars="year", var_name="lake", value_name="level")
    return long.sort_values(["lake", "year"], ignore_index=True)


def _lake_rows(frame, spelled) -> list[list]:
    return [LAKE_COLUMNS] + [[r.lake, spelled(r.year), r.level]
                             for r in frame.itertuples(index=False)]


def _lr2_first(folder: Path) -> None:
    """The old gateway: `time` written `1918-01-01 00:00:00`."""
    lakes = _lakes()
    path = folder / "landing" / "lakes-1.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_csv_text(_lake_rows(lakes[lakes.year < LAKE_SPLIT],
                                         lambda y: f"{y}-01-01 00:00:00")))


def _revised(frame):
    """The resent rows with their corrected levels."""
    keys = list(zip(frame.lake, frame.year))
    return frame.assign(level=[round(v + LAKES_REVISED[k], 6) if k in LAKES_REVISED else v
                               for k, v in zip(keys, frame.level)])


def _lr2_second(folder: Path) -> None:
    """The new gateway: the later years and five resent ones, `time` written
    `1960-01-01T00:00:00.000Z` (the same instants, UTC)."""
    lakes = _revised(_lakes())
    sent = [year >= LAKE_SPLIT or (lake, year) in LAKES_REVISED
            for lake, year in zip(lakes.lake, lakes.year)]
    frame = lakes[sent]
    (folder / "landing" / "lakes-2.csv").write_text(
        _csv_text(_lake_rows(frame, lambda y: f"{y}-01-01T00:00:00.000Z")))


def _lr2_expect() -> list[tuple]:
    return [(r.lake, datetime.datetime(int(r.year), 1, 1).isoformat(), float(r.level))
            for r in _revised(_lakes()).itertuples(index=False)]


# lr3: the second delivery compressed with Zstandard (`edc-2.csv.zst`)
CO2_SPLIT = 600  # rows of the first delivery
CO2_COLUMNS = ["age", "co2"]


def _co2():
    """DAAG's `edcCO2` (EPICA Dome C ice core's CO2, by age in years before present)."""
    return _rdata("DAAG", "edcCO2")[CO2_COLUMNS]


def _lr3_second(folder: Path) -> None:
    """`edc-2.csv.zst`: the later rows as CSV in a Zstandard frame (a sink's
    `compression: zstd`)."""
    import pyarrow as pa

    text = _co2().iloc[CO2_SPLIT:].to_csv(index=False).encode()
    with pa.CompressedOutputStream(str(folder / "landing" / "edc-2.csv.zst"), "zstd") as out:
        out.write(text)


def _lr3_expect() -> list[tuple]:
    return [(int(r.age), float(r.co2)) for r in _co2().itertuples(index=False)]


# lr4: the second delivery written by a LabVIEW PC with MSVC's three-digit exponents
MICE_SPLIT = 400  # rows of the first delivery
MICE_COLUMNS = ["body_weight", "bone_density", "percent_fat", "sex", "diet", "gen", "litter"]


def _mice():
    """dslabs' `mice_weights` (mice's body weight, bone density and fat by diet)."""
    return _rdata("dslabs", "mice_weights")[MICE_COLUMNS]


def msvc(value: float) -> str:
    """A number as `%E` wrote it under Microsoft's C runtime before 2015: three exponent
    digits (`2.760000E+001`); a missing one `NaN`, as LabVIEW writes it."""
    return "NaN" if value != value else f"{value:E}".replace("E+", "E+0").replace("E-", "E-0")


def _lr4_second(folder: Path) -> None:
    """`mice-2.csv`: every number (the integers too) written with `%E`, three exponent
    digits."""
    rows = [MICE_COLUMNS] + [
        [msvc(r.body_weight), msvc(r.bone_density), msvc(r.percent_fat), r.sex, r.diet,
         msvc(r.gen), msvc(r.litter)]
        for r in _mice().iloc[MICE_SPLIT:].itertuples(index=False)]
    (folder / "landing" / "mice-2.csv").write_text(_csv_text(rows))


def _lr4_expect() -> list[tuple]:
    """The first delivery's numbers as pandas wrote them, the second's as `%E` kept them
    (seven significant digits)."""
    def number(value: float, written: bool) -> float | None:
        return None if value != value else float(f"{value:E}") if written else float(value)

    return [(number(r.body_weight, i >= MICE_SPLIT), number(r.bone_density, i >= MICE_SPLIT),
             number(r.percent_fat, i >= MICE_SPLIT), r.sex, r.diet, int(r.gen), int(r.litter))
            for i, r in enumerate(_mice().itertuples(index=False))]


LOAD_CASES = [
    LoadCase(
        "lr1_amis_pg_macaddr_bits",
        33,
        "replace from a Postgres table of roadside radars' readings with `device macaddr` "
        "and `status bit(8)`, five speeds revised in run 2: 400 rows, `device` the address "
        "as Postgres writes it (`08:00:2b:01:01:01`), `status` the eight bits as text "
        "(`00010001`), run 2's speeds; never the addresses or bits NULL or dropped, or a "
        "refusal",
        {"mode": "replace", "format": "postgres"},
        [lambda folder: _lr1_first(), lambda folder: _lr1_second()],
        _lr1_expect,
        columns=AMIS_COLUMNS,
        cleanup=_lr1_drop,
        cli=_sources(
            f"        format: postgres\n        dsn: {PG_DSN}\n"
            f"        source_table: {PG_SOURCE_33}.readings\n"
            "        load: {mode: replace}\n"
        ),
    ),
    LoadCase(
        "lr2_lakes_merge_key_time_respelled",
        33,
        "merge on (`lake`, `time`) over `landing/*.csv`: the first delivery writes `time` "
        "`1918-01-01 00:00:00`, the second (a new gateway) `1960-01-01T00:00:00.000Z` and "
        "resends five earlier keys corrected: 368 rows, `time` the instants, the five "
        "levels corrected; or a refusal naming `time`; never the five resent keys twice "
        "(as text they differ)",
        {"mode": "merge", "path": "landing/*.csv", "primary_key": ["lake", "time"]},
        [_lr2_first, _lr2_second],
        _lr2_expect,
        columns=LAKE_COLUMNS,
        refuse_ok=True,
        cli=_sources("        path: landing/*.csv\n"
                     "        load: {mode: merge, primary_key: [lake, time]}\n"),
    ),
    LoadCase(
        "lr3_edcco2_zstd_delivery",
        33,
        "incremental_files over `landing/*`: a plain CSV delivery, then `edc-2.csv.zst` "
        "(the CSV in a Zstandard frame): 1096 rows of `age` and `co2`; or a refusal naming "
        "the file; never the compressed bytes read as text or the file skipped silently",
        {"mode": "incremental_files", "path": "landing/*"},
        [lambda folder: _land(folder, "edc-1.csv", _co2().iloc[:CO2_SPLIT]), _lr3_second],
        _lr3_expect,
        columns=CO2_COLUMNS,
        refuse_ok=True,
    ),
    LoadCase(
        "lr4_mice_msvc_exponents_delivery",
        33,
        "incremental_files over `landing/*.csv`: a plain delivery, then one from a LabVIEW "
        "PC whose numbers are `%E` with MSVC's three exponent digits (`2.760000E+001`, "
        "`4.000000E+000` in the integer columns, `NaN` for missing): 780 rows, the same "
        "numbers (seven significant digits kept by `%E`), NULL for `NaN`; or a refusal naming the file; "
        "never the numbers NULL or text",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [lambda folder: _land(folder, "mice-1.csv", _mice().iloc[:MICE_SPLIT]), _lr4_second],
        _lr4_expect,
        columns=MICE_COLUMNS,
        refuse_ok=True,
    ),
]
