"""The load-level cases of stage 34 (ls1-ls4): deliveries over two runs from a grid
operator's Postgres, a traffic safety feed with a batch trailer, a meter head-end's compressed
drop and a Java telematics gateway, written with their expectations after stages 1-33 had
all been seen, and never run while they were written (held out). See `loads.py` for how a
case is written and run."""

from __future__ import annotations

import datetime
import lzma
from pathlib import Path

from build4 import _rdata
from build18 import _csv_text
from load_scorer import LoadCase
from load_steps import PG_DSN, _land, _sources, per_run

# ls1: a grid operator's Postgres table of plants with `dispatch_at time with time zone`
PG_SOURCE_34 = per_run("stage34_bench_src")
OUTPUTS_REVISED = (1, 20, 57, 100, 158)  # the ids whose `output` run 2 revises
OUTPUT_CHANGE = 10.0  # added to them
PLANT_COLUMNS = ["id", "dispatch_at", "output", "fuel"]


def _plants():
    """AER's `Electricity1970` (US electricity producers' costs, 1970), numbered 1..158,
    each plant's dispatch time of day at a fixed offset of +01."""
    frame = _rdata("AER", "Electricity1970").reset_index(drop=True)
    ids = range(1, len(frame) + 1)
    return frame.assign(id=list(ids),
                        dispatch_at=[f"{i % 24:02d}:{i * 7 % 60:02d}:00+01" for i in ids])


def _ls1_first() -> None:
    """The table `plants` with `dispatch_at timetz`."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_34} CASCADE")
        db.execute(f"CREATE SCHEMA {PG_SOURCE_34}")
        db.execute(f"CREATE TABLE {PG_SOURCE_34}.plants (id integer PRIMARY KEY, "
                   f"dispatch_at time with time zone, output double precision, "
                   f"fuel double precision)")
        with db.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {PG_SOURCE_34}.plants VALUES (%s, %s::timetz, %s, %s)",
                [(int(r.id), r.dispatch_at, float(r.output), float(r.fuel))
                 for r in _plants().itertuples(index=False)])


def _ls1_second() -> None:
    """Five outputs revised (a plant's meter corrected)."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db, db.cursor() as cursor:
        cursor.executemany(f"UPDATE {PG_SOURCE_34}.plants SET output = output + %s "
                           f"WHERE id = %s", [(OUTPUT_CHANGE, row) for row in OUTPUTS_REVISED])


def _ls1_drop() -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_34} CASCADE")


def _ls1_expect() -> list[tuple]:
    """The table after run 2: `dispatch_at` the time with its offset as Postgres writes it
    (`01:07:00+01`), five outputs revised."""
    return [(int(r.id), r.dispatch_at, float(r.output) + (OUTPUT_CHANGE if r.id in
                                                          OUTPUTS_REVISED else 0.0),
             float(r.fuel)) for r in _plants().itertuples(index=False)]


# ls2: the second delivery ends with a batch control trailer record `TRL,<rows>`
FATAL_SPLIT = 200  # rows of the first delivery
FATAL_COLUMNS = ["state", "year", "beertax", "miles", "fatal"]


def _fatalities():
    """AER's `Fatalities` (US traffic fatalities by state, 1982-1988), a few columns."""
    return _rdata("AER", "Fatalities")[FATAL_COLUMNS]


def _ls2_second(folder: Path) -> None:
    """`fatalities-2.csv`: the later rows, then the sender's trailer `TRL,136` (the
    record count a batch interface appends for the receiver to check)."""
    frame = _fatalities().iloc[FATAL_SPLIT:]
    rows = [FATAL_COLUMNS] + [list(r) for r in frame.itertuples(index=False)]
    rows.append(["TRL", len(frame)])
    (folder / "landing" / "fatalities-2.csv").write_text(_csv_text(rows))


def _ls2_expect() -> list[tuple]:
    return [(r.state, int(r.year), float(r.beertax), float(r.miles), int(r.fatal))
            for r in _fatalities().itertuples(index=False)]


# ls3: the second delivery compressed with xz (`elec-2.csv.xz`)
ELEC_SPLIT = 120  # rows of the first delivery
ELEC_COLUMNS = ["time", "value"]


def _elec():
    """fpp2's `qauselec` (quarterly Australian electricity production, billion kWh)."""
    return _rdata("fpp2", "qauselec")[ELEC_COLUMNS]


def _ls3_second(folder: Path) -> None:
    """`elec-2.csv.xz`: the later quarters as CSV in an xz container (a meter head-end's
    nightly drop)."""
    text = _elec().iloc[ELEC_SPLIT:].to_csv(index=False).encode()
    (folder / "landing" / "elec-2.csv.xz").write_bytes(lzma.compress(text, preset=6))


def _ls3_expect() -> list[tuple]:
    return [(float(r.time), float(r.value)) for r in _elec().itertuples(index=False)]


# ls4: the second delivery from a Java gateway writes offsets as `+0100` (no colon)
GAS_SPLIT = 200  # rows of the first delivery
GAS_START = datetime.datetime(2026, 12, 1, tzinfo=datetime.timezone.utc)
GATEWAY_ZONE = datetime.timezone(datetime.timedelta(hours=1))
OECD_COLUMNS = ["country", "year", "gas", "reported_at"]


def _oecd():
    """AER's `OECDGas` (gasoline consumption in 18 OECD countries, 1960-1978), each row
    reported an hour after the one before."""
    frame = _rdata("AER", "OECDGas")
    return frame.assign(reported_at=[GAS_START + i * datetime.timedelta(hours=1)
                                     for i in range(len(frame))])


def _oecd_rows(frame, spelled) -> list[list]:
    return [OECD_COLUMNS] + [[r.country, r.year, r.gas, spelled(r.reported_at)]
                             for r in frame.itertuples(index=False)]


def _ls4_first(folder: Path) -> None:
    """`gas-1.csv`: `reported_at` in UTC, `2026-12-01T00:00:00Z`."""
    path = folder / "landing" / "gas-1.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_csv_text(_oecd_rows(_oecd().iloc[:GAS_SPLIT],
                                         lambda t: f"{t:%Y-%m-%dT%H:%M:%SZ}")))


def _ls4_second(folder: Path) -> None:
    """`gas-2.csv`: `reported_at` in the gateway's zone as Java's `yyyy-MM-dd'T'HH:mm:ssZ`
    writes it, `2026-12-09T09:00:00+0100` (the offset without a colon)."""
    (folder / "landing" / "gas-2.csv").write_text(_csv_text(_oecd_rows(
        _oecd().iloc[GAS_SPLIT:],
        lambda t: t.astimezone(GATEWAY_ZONE).strftime("%Y-%m-%dT%H:%M:%S%z"))))


def _ls4_expect() -> list[tuple]:
    """Every `reported_at` the same instant (UTC) whichever way it was written."""
    return [(r.country, int(r.year), float(r.gas),
             r.reported_at.astimezone(datetime.timezone.utc).replace(tzinfo=None).isoformat())
            for r in _oecd().itertuples(index=False)]


LOAD_CASES = [
    LoadCase(
        "ls1_electricity_pg_timetz",
        34,
        "replace from a Postgres table of a grid operator's plants with `dispatch_at time "
        "with time zone`, five outputs revised in run 2: 158 rows, `dispatch_at` the time "
        "with its offset as Postgres writes it (`01:07:00+01`), run 2's outputs; never the "
        "times NULL, the offset dropped, or a refusal",
        {"mode": "replace", "format": "postgres"},
        [lambda folder: _ls1_first(), lambda folder: _ls1_second()],
        _ls1_expect,
        columns=PLANT_COLUMNS,
        cleanup=_ls1_drop,
        cli=_sources(
            f"        format: postgres\n        dsn: {PG_DSN}\n"
            f"        source_table: {PG_SOURCE_34}.plants\n"
            "        load: {mode: replace}\n"
        ),
    ),
    LoadCase(
        "ls2_fatalities_batch_trailer",
        34,
        "incremental_files over `landing/*.csv`: a plain delivery, then one ending with a "
        "batch control trailer `TRL,136` (the record count): 336 rows, the trailer left "
        "out (or rejected); or a refusal naming the file; never the trailer loaded as a row "
        "(`state` `TRL`, `year` 136, NULLs)",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [lambda folder: _land(folder, "fatalities-1.csv",
                              _fatalities().iloc[:FATAL_SPLIT]), _ls2_second],
        _ls2_expect,
        columns=FATAL_COLUMNS,
        refuse_ok=True,
        cli=_sources("        path: landing/*.csv\n"
                     "        load: {mode: incremental_files}\n"),
    ),
    LoadCase(
        "ls3_qauselec_xz_delivery",
        34,
        "incremental_files over `landing/*`: a plain CSV delivery, then `elec-2.csv.xz` "
        "(the CSV in an xz container): 218 rows of `time` and `value`; or a refusal naming "
        "the file; never the compressed bytes read as text or the file skipped silently",
        {"mode": "incremental_files", "path": "landing/*"},
        [lambda folder: _land(folder, "elec-1.csv", _elec().iloc[:ELEC_SPLIT]), _ls3_second],
        _ls3_expect,
        columns=ELEC_COLUMNS,
        refuse_ok=True,
    ),
    LoadCase(
        "ls4_oecdgas_compact_offsets",
        34,
        "incremental_files over `landing/*.csv`: a delivery with `reported_at` in UTC "
        "(`2026-12-01T00:00:00Z`), then one from a Java gateway writing offsets without a "
        "colon (`2026-12-09T09:00:00+0100`): 342 rows, every `reported_at` the instant in "
        "UTC; or a refusal naming `reported_at`; never the second delivery's times an hour "
        "off (the offset dropped) or NULL",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [_ls4_first, _ls4_second],
        _ls4_expect,
        columns=OECD_COLUMNS,
        refuse_ok=True,
    ),
]
