"""The load-level cases of stage 24 (li1-li4): deliveries over two runs, written with their
expectations after stages 1-23 had all been seen, and never run while they were written
(held out). See `loads.py` for how a case is written and run."""

from __future__ import annotations

import math
import os
from pathlib import Path

from build4 import _rdata
from load_scorer import LoadCase
from load_steps import per_run
from load_steps import PG_DSN, _land, _sources

# li1: a Postgres `numeric` column holding 'NaN' where the application had no figure
PG_SOURCE_24 = per_run("stage24_bench_src")
RETAILER_COLUMNS = ["id", "size", "staff", "turnover", "profit"]
TURNOVER_CHANGE = 100  # thousands added to five retailers' turnover in run 2
REVISED_RETAILERS = 5


def _retailers():
    """validate's `retailers` (60 Dutch retailers' figures), `id` the row."""
    frame = _rdata("validate", "retailers")[["rownames", "size", "staff", "turnover", "profit"]]
    return frame.set_axis(RETAILER_COLUMNS, axis=1)


def _revised() -> list[int]:
    """The first retailers with a turnover: run 2 corrects theirs."""
    frame = _retailers()
    return [int(i) for i, t in zip(frame.id, frame.turnover) if not math.isnan(t)][
        :REVISED_RETAILERS]


def _figure(value: float) -> str:
    """A figure as the application stored it: 'NaN' where it had none."""
    return "NaN" if math.isnan(value) else repr(value)


def _li1_first() -> None:
    """The table `retailers`, `turnover` and `profit` of type `numeric` with 'NaN'."""
    import psycopg

    rows = [
        (int(r.id), r.size, None if math.isnan(r.staff) else int(r.staff),
         _figure(r.turnover), _figure(r.profit))
        for r in _retailers().itertuples(index=False)
    ]
    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_24} CASCADE")
        db.execute(f"CREATE SCHEMA {PG_SOURCE_24}")
        db.execute(
            f"CREATE TABLE {PG_SOURCE_24}.retailers (id integer PRIMARY KEY, size text, "
            "staff integer, turnover numeric, profit numeric)"
        )
        with db.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {PG_SOURCE_24}.retailers VALUES (%s, %s, %s, %s::numeric, "
                "%s::numeric)",
                rows,
            )


def _li1_second() -> None:
    """Five retailers' turnover corrected."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db, db.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {PG_SOURCE_24}.retailers SET turnover = turnover + %s WHERE id = %s",
            [(TURNOVER_CHANGE, shop) for shop in _revised()],
        )


def _li1_drop() -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_24} CASCADE")


def _li1_expect() -> list[tuple]:
    revised = set(_revised())

    def figure(value: float, change: float = 0) -> float | None:
        return None if math.isnan(value) else value + change

    return [
        (int(r.id), r.size, None if math.isnan(r.staff) else int(r.staff),
         figure(r.turnover, TURNOVER_CHANGE if r.id in revised else 0), figure(r.profit))
        for r in _retailers().itertuples(index=False)
    ]


# li2: the second delivery's name in Latin-1 bytes (copied from a Windows share)
CHEMIST_SPLIT = 450  # rows of the first delivery
CHEMIST_COLUMNS = ["id", "art", "fem", "mar", "kid5", "phd", "ment"]
LATIN1_NAME = "Übersicht-2.csv".encode("latin-1")  # b'\xdcbersicht-2.csv': not UTF-8


def _chemists():
    """pscl's `bioChemists` (articles by 915 biochemistry PhD students), `id` the row."""
    return _rdata("pscl", "bioChemists").set_axis(CHEMIST_COLUMNS, axis=1)


def _li2_second(folder: Path) -> None:
    """The second delivery under a file name whose bytes are Latin-1 (`\\xdcbersicht-2.csv`),
    as a Windows share mounted without `iocharset=utf8` names it."""
    path = os.fsencode(folder / "landing") + b"/" + LATIN1_NAME
    with open(path, "w", encoding="utf-8") as file:
        file.write(_chemists().iloc[CHEMIST_SPLIT:].to_csv(index=False))


def _li2_expect() -> list[tuple]:
    return [
        (int(r.id), int(r.art), r.fem, r.mar, int(r.kid5), float(r.phd), int(r.ment))
        for r in _chemists().itertuples(index=False)
    ]


# li3: a workbook cut in transfer beside a whole one
VISIT_SPLITS = (400, 800)  # rows of the first delivery; and of the first two
VISIT_COLUMNS = ["id", "numvisit", "badh", "age"]
CUT_FRACTION = 0.5  # of the third workbook's bytes that arrived


def _visits():
    """COUNT's `badhealth` (German health survey: doctor visits, bad health, age), `id` the
    row."""
    return _rdata("COUNT", "badhealth").set_axis(VISIT_COLUMNS, axis=1)


def _workbook(path: Path, frame) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(VISIT_COLUMNS)
    for row in frame.itertuples(index=False):
        sheet.append([int(v) for v in row])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def _li3_second(folder: Path) -> None:
    """The second workbook whole, and the third cut after half its bytes (the transfer
    broke: a ZIP without its central directory)."""
    first, second = VISIT_SPLITS
    _workbook(folder / "landing" / "visits-2.xlsx", _visits().iloc[first:second])
    cut = folder / "landing" / "visits-3.xlsx"
    _workbook(cut, _visits().iloc[second:])
    data = cut.read_bytes()
    cut.write_bytes(data[: int(len(data) * CUT_FRACTION)])


def _li3_expect() -> list[tuple]:
    return [tuple(int(v) for v in r)
            for r in _visits().iloc[: VISIT_SPLITS[1]].itertuples(index=False)]


# li4: Spark's CSV output is a folder named like a file
EMPLOYMENT_SPLITS = (500, 766)  # rows of the first delivery; where the second part starts
EMPLOYMENT_COLUMNS = ["id", "firm", "year", "emp", "wage"]
SPARK_JOB = "4f1c2b9e-7d3a-4e5b-9c8d-2a6f0e1b3c7d"  # the job id in Spark's part names


def _employment():
    """plm's `EmplUK` (employment and wages of 140 UK firms, 1976-1984), `id` the row."""
    frame = _rdata("plm", "EmplUK")[["rownames", "firm", "year", "emp", "wage"]]
    return frame.set_axis(EMPLOYMENT_COLUMNS, axis=1)


def _li4_second(folder: Path) -> None:
    """Spark's `df.write.option("header", True).csv("landing/employment-2.csv")`: a folder
    of that name holding two parts (each with the header), `_SUCCESS` and the parts'
    hidden `.crc` files."""
    output = folder / "landing" / "employment-2.csv"
    output.mkdir(parents=True)
    frame, (start, middle) = _employment(), EMPLOYMENT_SPLITS
    for number, part in enumerate((frame.iloc[start:middle], frame.iloc[middle:])):
        name = f"part-{number:05d}-{SPARK_JOB}-c000.csv"
        (output / name).write_text(part.to_csv(index=False))
        (output / f".{name}.crc").write_bytes(b"crc\x00\x00\x00\x02\x00" + bytes(8))
    (output / "_SUCCESS").write_bytes(b"")
    (output / "._SUCCESS.crc").write_bytes(b"crc\x00\x00\x00\x02\x00")


def _li4_expect() -> list[tuple]:
    return [
        (int(r.id), int(r.firm), int(r.year), float(r.emp), float(r.wage))
        for r in _employment().itertuples(index=False)
    ]


LOAD_CASES = [
    LoadCase(
        "li1_retailers_pg_numeric_nan",
        24,
        "replace from a Postgres table whose `numeric` columns `turnover` and `profit` hold "
        "'NaN' where the application had no figure, run 2 after five turnovers were "
        "corrected: 60 rows as the table holds them, 'NaN' NULL (a warning welcome; a NaN "
        "double cannot be compared here); or a refusal naming the column; never a crash or "
        "run 1's turnovers",
        {"mode": "replace", "format": "postgres"},
        [lambda folder: _li1_first(), lambda folder: _li1_second()],
        _li1_expect,
        columns=RETAILER_COLUMNS,
        cleanup=_li1_drop,
        refuse_ok=True,
        cli=_sources(
            f"        format: postgres\n        dsn: {PG_DSN}\n"
            f"        source_table: {PG_SOURCE_24}.retailers\n"
            "        load: {mode: replace}\n"
        ),
    ),
    LoadCase(
        "li2_chemists_latin1_file_name",
        24,
        "incremental_files over `landing/*.csv`: the second delivery's file name in "
        "Latin-1 bytes (`\\xdcbersicht-2.csv`, not UTF-8): 915 rows, the file read under "
        "its name as it is; or a refusal naming it; never a traceback or the delivery lost "
        "in silence",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [
            lambda folder: _land(folder, "artikel-1.csv", _chemists().iloc[:CHEMIST_SPLIT]),
            _li2_second,
        ],
        _li2_expect,
        columns=CHEMIST_COLUMNS,
        refuse_ok=True,
    ),
    LoadCase(
        "li3_visits_xlsx_cut_in_transfer",
        24,
        "incremental_files over `landing/*.xlsx`: run 2 finds a whole workbook and one cut "
        "after half its bytes (a broken transfer): 800 rows, the cut workbook skipped with "
        "a warning naming it (to load when it is sent whole); or a refusal naming it; "
        "never a traceback or rows lost",
        {"mode": "incremental_files", "path": "landing/*.xlsx"},
        [
            lambda folder: _workbook(folder / "landing" / "visits-1.xlsx",
                                     _visits().iloc[: VISIT_SPLITS[0]]),
            _li3_second,
        ],
        _li3_expect,
        columns=VISIT_COLUMNS,
        refuse_ok=True,
        cli=_sources("        path: landing/*.xlsx\n        load: {mode: incremental_files}\n"),
    ),
    LoadCase(
        "li4_employment_spark_csv_folder",
        24,
        "incremental_files over `landing/*.csv`: the second delivery Spark's CSV output, a "
        "folder `employment-2.csv/` of two parts (headers in each), `_SUCCESS` and `.crc` "
        "files: 1031 rows, the parts read; or a refusal naming the folder; never the "
        "folder skipped in silence or the `.crc` bytes read as rows",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [
            lambda folder: _land(folder, "employment-1.csv",
                                 _employment().iloc[: EMPLOYMENT_SPLITS[0]]),
            _li4_second,
        ],
        _li4_expect,
        columns=EMPLOYMENT_COLUMNS,
        refuse_ok=True,
        cli=_sources("        path: landing/*.csv\n        load: {mode: incremental_files}\n"),
    ),
]
