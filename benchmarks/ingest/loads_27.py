"""The load-level cases of stage 27 (ll1-ll4): deliveries over two runs, written with their
expectations after stages 1-25 had all been seen, and never run while they were written
(held out). See `loads.py` for how a case is written and run."""

from __future__ import annotations

import bz2
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from build4 import _rdata
from build25 import _save, _workbook, bare_number
from load_scorer import LoadCase
from load_steps import per_run
from load_steps import PG_DSN, _land, _sources

# ll1: a Postgres table with two columns whose names differ in case only, `"Rate"` and `rate`
PG_SOURCE_27 = per_run("stage27_bench_src")
MORTALITY_REVISED = (2, 55, 158, 263, 419)  # the ids whose `rate` run 2 revises
RATE_CHANGE = 1.5  # deaths per 100,000 added to them


def _mortality():
    """lattice's `USMortality` (US death rates by cause, sex and place, 2011-2013), `id`
    the row."""
    frame = _rdata("lattice", "USMortality")
    return frame.set_axis(["id", "status", "sex", "cause", "rate", "se"], axis=1)


def _ll1_first() -> None:
    """The table `mortality` as two tools left it: `"Rate"` created quoted by the first
    (the published rate), `rate` added unquoted by a later migration (the revised rate,
    filled from `"Rate"`): two columns Postgres tells apart, named alike but for case."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_27} CASCADE")
        db.execute(f"CREATE SCHEMA {PG_SOURCE_27}")
        db.execute(f'CREATE TABLE {PG_SOURCE_27}.mortality (id integer PRIMARY KEY, '
                   f'status text, sex text, cause text, "Rate" double precision, '
                   f'se double precision)')
        with db.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {PG_SOURCE_27}.mortality VALUES (%s, %s, %s, %s, %s, %s)",
                [(int(r.id), r.status, r.sex, r.cause, float(r.rate), float(r.se))
                 for r in _mortality().itertuples(index=False)],
            )
        db.execute(f"ALTER TABLE {PG_SOURCE_27}.mortality ADD COLUMN rate double precision")
        db.execute(f'UPDATE {PG_SOURCE_27}.mortality SET rate = "Rate"')


def _ll1_second() -> None:
    """Five revised rates written to `rate`; `"Rate"` keeps the published ones."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db, db.cursor() as cursor:
        cursor.executemany(f"UPDATE {PG_SOURCE_27}.mortality SET rate = rate + %s WHERE id = %s",
                           [(RATE_CHANGE, row) for row in MORTALITY_REVISED])


def _ll1_drop() -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_27} CASCADE")


def _ll1_expect() -> list[tuple]:
    """Every column in the table's order, `"Rate"` then `se` then `rate` (added last)."""
    return [
        (int(r.id), r.status, r.sex, r.cause, float(r.rate), float(r.se),
         float(r.rate) + (RATE_CHANGE if r.id in MORTALITY_REVISED else 0))
        for r in _mortality().itertuples(index=False)
    ]


# ll2: the second delivery compressed with bzip2
OHIO_SPLIT = 1000  # rows of the first delivery
OHIO_COLUMNS = ["resp", "id", "age", "smoke"]


def _ohio():
    """geepack's `ohio` (children's wheeze by age and mother's smoking)."""
    return _rdata("geepack", "ohio")[OHIO_COLUMNS]


def _ll2_second(folder: Path) -> None:
    """The second delivery as `bzip2` leaves it: `ohio-2.csv.bz2`, the CSV inside."""
    text = _ohio().iloc[OHIO_SPLIT:].to_csv(index=False)
    (folder / "landing" / "ohio-2.csv.bz2").write_bytes(bz2.compress(text.encode()))


def _ll2_expect() -> list[tuple]:
    return [tuple(int(v) for v in r) for r in _ohio().itertuples(index=False)]


# ll3: the second Parquet delivery's whole numbers as decimal(38,0) (an Oracle NUMBER)
ARTHRITIS_SPLIT = 450  # rows of the first delivery
ARTHRITIS_COLUMNS = ["id", "y", "sex", "age", "trt", "baseline", "time"]
WHOLE = pa.decimal128(38, 0)  # an Oracle INTEGER (NUMBER(38)) in an exporter's Parquet


def _arthritis():
    """multgee's `arthritis` (a rheumatoid arthritis trial's self-assessments)."""
    return _rdata("multgee", "arthritis")[ARTHRITIS_COLUMNS]


def _ll3_delivery(folder: Path, name: str, frame, whole: pa.DataType) -> None:
    """A Parquet delivery: every column but `y` (double, it has gaps) of type `whole`."""
    path = folder / "landing" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    fields = [pa.field(c, pa.float64() if c == "y" else whole) for c in ARTHRITIS_COLUMNS]
    table = pa.Table.from_pandas(frame, preserve_index=False)
    pq.write_table(table.cast(pa.schema(fields)), path)


def _ll3_expect() -> list[tuple]:
    return [tuple(bare_number(v) if c == "y" else int(v) for c, v in zip(ARTHRITIS_COLUMNS, r))
            for r in _arthritis().itertuples(index=False)]


# ll4: the second delivery a workbook saved under a `.csv` name
SINGER_SPLIT = 120  # rows of the first delivery
SINGER_COLUMNS = ["height", "voice_part"]


def _singers():
    """lattice's `singer` (heights of the New York Choral Society's singers)."""
    return _rdata("lattice", "singer").drop(columns=["rownames"]).set_axis(SINGER_COLUMNS, axis=1)


def _ll4_second(folder: Path) -> None:
    """The second delivery an xlsx workbook named `singer-2.csv` (a "Save As" that kept
    the workbook's format and typed the old name)."""
    book = _workbook()
    sheet = book.active
    sheet.append(SINGER_COLUMNS)
    for r in _singers().iloc[SINGER_SPLIT:].itertuples(index=False):
        sheet.append([int(r.height), r.voice_part])
    _save(book, folder / "landing" / "singer-2.csv")


def _ll4_expect() -> list[tuple]:
    return [(int(r.height), r.voice_part) for r in _singers().itertuples(index=False)]


LOAD_CASES = [
    LoadCase(
        "ll1_mortality_pg_case_twin_columns",
        27,
        "replace from a Postgres table with two columns named alike but for case, "
        "`\"Rate\"` (the published rate) and `rate` (the revised one, added later), run 2 "
        "after five `rate`s were revised: 40 rows of all seven columns, both rates kept "
        "under two names (`Rate` and `rate_2`, or the like) with run 2's values; or a "
        "refusal naming the two columns; never one rate lost or one written over the other",
        {"mode": "replace", "format": "postgres"},
        [lambda folder: _ll1_first(), lambda folder: _ll1_second()],
        _ll1_expect,
        cleanup=_ll1_drop,
        refuse_ok=True,
        cli=_sources(
            f"        format: postgres\n        dsn: {PG_DSN}\n"
            f"        source_table: {PG_SOURCE_27}.mortality\n"
            "        load: {mode: replace}\n"
        ),
    ),
    LoadCase(
        "ll2_ohio_bz2_delivery",
        27,
        "incremental_files over `landing/*`: a CSV delivery, then the next compressed with "
        "bzip2 (`ohio-2.csv.bz2`): 2148 rows, the second delivery decompressed; or a "
        "refusal naming the file; never its compressed bytes loaded as rows or it skipped",
        {"mode": "incremental_files", "path": "landing/*"},
        [
            lambda folder: _land(folder, "ohio-1.csv", _ohio().iloc[:OHIO_SPLIT]),
            _ll2_second,
        ],
        _ll2_expect,
        columns=OHIO_COLUMNS,
        refuse_ok=True,
        cli=_sources("        path: landing/*\n        load: {mode: incremental_files}\n"),
    ),
    LoadCase(
        "ll3_arthritis_parquet_decimal_whole_numbers",
        27,
        "incremental_files over `landing/*.parquet`: the first delivery's whole numbers "
        "int64, the second's `decimal(38,0)` (an Oracle NUMBER through an exporter): 906 "
        "rows, the values equal (the columns integers or decimals); never a refusal over "
        "the type, the second delivery lost, or its values rounded or NULL",
        {"mode": "incremental_files", "path": "landing/*.parquet"},
        [
            lambda folder: _ll3_delivery(folder, "arthritis-1.parquet",
                                         _arthritis().iloc[:ARTHRITIS_SPLIT], pa.int64()),
            lambda folder: _ll3_delivery(folder, "arthritis-2.parquet",
                                         _arthritis().iloc[ARTHRITIS_SPLIT:], WHOLE),
        ],
        _ll3_expect,
        columns=ARTHRITIS_COLUMNS,
        cli=_sources("        path: landing/*.parquet\n"
                     "        load: {mode: incremental_files}\n"),
    ),
    LoadCase(
        "ll4_singer_xlsx_named_csv",
        27,
        "incremental_files over `landing/*.csv`: a CSV delivery, then an xlsx workbook "
        "saved as `singer-2.csv`: 235 rows, the workbook's sheet read; or a refusal naming "
        "the file (it is not a CSV); never its zip bytes loaded as rows or it skipped",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [
            lambda folder: _land(folder, "singer-1.csv", _singers().iloc[:SINGER_SPLIT]),
            _ll4_second,
        ],
        _ll4_expect,
        columns=SINGER_COLUMNS,
        refuse_ok=True,
    ),
]
