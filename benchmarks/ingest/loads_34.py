"""The load-level cases of stage 34 (ls1-ls4): deliveries over two runs from a grid
operator's Postgres, a meter export re-saved in Excel, a meter head-end's compressed drop
and a fuel gateway's "Excel-friendly" export, written with their expectations after stages
1-33 had all been seen, and never run while they were written (held out). See `loads.py`
for how a case is written and run."""

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


# ls2: the second delivery re-saved by Excel: the 13-digit meter ids as `1.20002E+12`
PLANT_SPLIT = 100  # rows of the first delivery
MPAN_BASE = 1_200_023_300_000  # a 13-digit MPAN core, one a plant
MPAN_STEP = 7_919
NERLOVE_COLUMNS = ["mpan", "cost", "output", "fuel"]


def _nerlove():
    """AER's `Electricity1955` (US electricity producers' costs, 1955, Nerlove), each
    producer given its meter's 13-digit MPAN core."""
    frame = _rdata("AER", "Electricity1955")
    return frame.assign(mpan=[MPAN_BASE + i * MPAN_STEP for i in range(len(frame))])[
        NERLOVE_COLUMNS]


def _ls2_second(folder: Path) -> None:
    """`plants-2.csv`: the later producers, the file opened and saved again in Excel, which
    writes a 13-digit number in its General format: `1.20002E+12` (six digits kept)."""
    frame = _nerlove().iloc[PLANT_SPLIT:]
    rows = [NERLOVE_COLUMNS] + [[f"{r.mpan:.5E}", r.cost, r.output, r.fuel]
                                for r in frame.itertuples(index=False)]
    (folder / "landing" / "plants-2.csv").write_text(_csv_text(rows))


def _ls2_expect() -> list[tuple]:
    """The producers with their meter ids, which only the first delivery still holds (so
    only a refusal can be right)."""
    return [(int(r.mpan), float(r.cost), int(r.output), float(r.fuel))
            for r in _nerlove().itertuples(index=False)]


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


# ls4: the second delivery writes its instants as Excel serial day numbers
GAS_SPLIT = 200  # rows of the first delivery
GAS_START = datetime.datetime(2026, 12, 1)  # UTC
EXCEL_EPOCH = datetime.datetime(1899, 12, 30)  # Excel's day 0 (with its 1900 leap day)
OECD_COLUMNS = ["country", "year", "gas", "reported_at"]


def _oecd():
    """AER's `OECDGas` (gasoline consumption in 18 OECD countries, 1960-1978), each row
    reported an hour after the one before (UTC)."""
    frame = _rdata("AER", "OECDGas")
    return frame.assign(reported_at=[GAS_START + i * datetime.timedelta(hours=1)
                                     for i in range(len(frame))])


def excel_serial(moment: datetime.datetime) -> str:
    """An instant as Excel's serial day number, fifteen significant digits as Excel writes
    a number to CSV (`46357.0416666667` is 2026-12-01 01:00)."""
    return f"{(moment - EXCEL_EPOCH) / datetime.timedelta(days=1):.15g}"


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
    """`gas-2.csv`: `reported_at` as Excel serial day numbers (`46365.3333333333`), as a
    gateway's "Excel-friendly" export writes them."""
    (folder / "landing" / "gas-2.csv").write_text(_csv_text(_oecd_rows(
        _oecd().iloc[GAS_SPLIT:], excel_serial)))


def _ls4_expect() -> list[tuple]:
    """Every `reported_at` the same instant (UTC, to the second) whichever way written."""
    return [(r.country, int(r.year), float(r.gas), r.reported_at.isoformat())
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
        "ls2_nerlove_excel_mangled_ids",
        34,
        "incremental_files over `landing/*.csv`: a delivery with 13-digit meter ids "
        "(`mpan` `1200023300000`), then the same export re-saved in Excel, the ids written "
        "`1.20002E+12` (six digits kept, the rest lost): a refusal naming `mpan` and the "
        "file (the ids cannot be recovered); never the second delivery loaded with its ids "
        "rounded (the 59 producers sharing one id), NULL, or `mpan` turned into text",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [lambda folder: _land(folder, "plants-1.csv", _nerlove().iloc[:PLANT_SPLIT]),
         _ls2_second],
        _ls2_expect,
        columns=NERLOVE_COLUMNS,
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
        "ls4_oecdgas_excel_serial_times",
        34,
        "incremental_files over `landing/*.csv`: a delivery with `reported_at` in UTC "
        "(`2026-12-01T00:00:00Z`), then one writing the instants as Excel serial day "
        "numbers (`46365.3333333333`, fifteen significant digits): 342 rows, every "
        "`reported_at` the instant (to the second); or a refusal naming `reported_at` and "
        "the file; never the serials NULL, rejected, or the column made doubles",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [_ls4_first, _ls4_second],
        _ls4_expect,
        columns=OECD_COLUMNS,
        refuse_ok=True,
    ),
]
