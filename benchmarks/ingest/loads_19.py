"""The load-level cases of stage 19 (ld1-ld4): deliveries over two runs, written with their
expectations after stages 1-18 had all been seen, and never run while they were written
(held out). See `loads.py` for how a case is written and run."""

from __future__ import annotations

from pathlib import Path

from build4 import _rdata
from load_scorer import LoadCase
from load_steps import per_run
from load_steps import PG_DSN, _land, _sources

# ld1: a Postgres source table with an `inet` column; run 2 revises five widths
PG_SOURCE_19 = per_run("stage19_bench_src")
RINGS_REVISED = range(1, 6)  # the ids whose `width` run 2 raises by 1


def _rings():
    """datasets' `treering` (tree-ring widths, 6000 BC to 1979), `id` the row."""
    frame = _rdata("datasets", "treering").rename(
        columns={"rownames": "id", "time": "year", "value": "width"}
    )
    return frame


def _station(row: int) -> str:
    """The address of the upload station a ring's measurement came from."""
    return f"10.19.{row // 250}.{row % 250 + 1}"


def _ld1_first() -> None:
    """The table `rings` with each ring's upload station as an `inet`."""
    import psycopg

    rows = [
        (int(r.id), int(r.year), float(r.width), _station(int(r.id)))
        for r in _rings().itertuples(index=False)
    ]
    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_19} CASCADE")
        db.execute(f"CREATE SCHEMA {PG_SOURCE_19}")
        db.execute(
            f"CREATE TABLE {PG_SOURCE_19}.rings (id integer PRIMARY KEY, year integer, "
            "width double precision, station inet)"
        )
        with db.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {PG_SOURCE_19}.rings VALUES (%s, %s, %s, %s::inet)", rows
            )


def _ld1_second() -> None:
    """Five widths raised by 1."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(
            f"UPDATE {PG_SOURCE_19}.rings SET width = width + 1 WHERE id = ANY(%s)",
            [list(RINGS_REVISED)],
        )


def _ld1_drop() -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_19} CASCADE")


def _ld1_expect() -> list[tuple]:
    return [
        (int(r.id), int(r.year), float(r.width) + (1 if int(r.id) in RINGS_REVISED else 0))
        for r in _rings().itertuples(index=False)
    ]


# ld2: a landing folder of CSV deliveries; the second one saved from Excel as `.xlsx`
SUNSPOTS_SPLIT = 1500  # rows of the first (CSV) delivery


def _sunspots():
    """datasets' `sunspots` (monthly sunspot numbers, 1749-1983), `id` the month's number."""
    return _rdata("datasets", "sunspots").rename(columns={"rownames": "id", "value": "sunspots"})[
        ["id", "sunspots"]
    ]


def _ld2_second(folder: Path) -> None:
    _sunspots().iloc[SUNSPOTS_SPLIT:].to_excel(folder / "landing" / "sunspots-2.xlsx", index=False)


def _ld2_expect() -> list[tuple]:
    return [(int(r.id), float(r.sunspots)) for r in _sunspots().itertuples(index=False)]


# ld3: the second delivery's `density` empty in every row (the instrument failed that day)
POLLEN_SPLIT = 2000  # rows of the first delivery


def _pollen(with_density: bool):
    """HistData's `Pollen` (a synthetic data-mining contest set), `id` the row."""
    frame = _rdata("HistData", "Pollen").rename(columns={"rownames": "id"})
    frame = frame[["id", "ridge", "density"]]
    return frame if with_density else frame.assign(density=None)


def _ld3_expect() -> list[tuple]:
    frame = _pollen(True)
    return [
        (int(r.id), float(r.ridge), float(r.density) if i < POLLEN_SPLIT else None)
        for i, r in enumerate(frame.itertuples(index=False))
    ]


# ld4: merge; the second delivery written by a pandas job that forgot `index=False`
EDGEWORTH_FIRST = 30  # rows of the first delivery
EDGEWORTH_SECOND = 20  # the first row of the second delivery
EDGEWORTH_REVISED = range(20, 30)  # the rows (0-based) the second delivery revises


def _edgeworth():
    """HistData's `EdgeworthDeaths` (deaths by county and year), `id` the row."""
    return _rdata("HistData", "EdgeworthDeaths").rename(
        columns={"rownames": "id", "County": "county", "Freq": "freq"}
    )


def _ld4_second(folder: Path) -> None:
    """Rows 20-41, those up to 29 with `freq` raised by 1, with pandas' index (0, 1, ...)
    as a first column under an empty header."""
    frame = _edgeworth().iloc[EDGEWORTH_SECOND:].reset_index(drop=True)
    frame.loc[: len(EDGEWORTH_REVISED) - 1, "freq"] += 1
    path = folder / "landing" / "edgeworth-2.csv"
    path.write_text(frame.to_csv())


def _ld4_expect() -> list[tuple]:
    frame = _edgeworth()
    frame.loc[list(EDGEWORTH_REVISED), "freq"] += 1
    return [(int(r.id), r.county, int(r.year), int(r.freq)) for r in frame.itertuples(index=False)]


LOAD_CASES = [
    LoadCase(
        "ld1_treering_pg_inet",
        19,
        "replace from a Postgres table with an `inet` column `station`, run 2 after five "
        "widths were raised by 1: 7980 rows with the other columns as the table holds them "
        "(the address kept as text or left out with a note); or a refusal naming the column; "
        "never a crash or run 1's values",
        {"mode": "replace", "format": "postgres"},
        [lambda folder: _ld1_first(), lambda folder: _ld1_second()],
        _ld1_expect,
        columns=["id", "year", "width"],
        cleanup=_ld1_drop,
        refuse_ok=True,
        cli=_sources(
            f"        format: postgres\n        dsn: {PG_DSN}\n"
            f"        source_table: {PG_SOURCE_19}.rings\n"
            "        load: {mode: replace}\n"
        ),
    ),
    LoadCase(
        "ld2_sunspots_csv_then_xlsx",
        19,
        "incremental_files over `landing/*`: a CSV delivery, then the next one saved from "
        "Excel as `sunspots-2.xlsx`: 2820 rows; or a refusal naming the workbook; never its "
        "bytes as rows or rejects",
        {"mode": "incremental_files", "path": "landing/*"},
        [
            lambda folder: _land(folder, "sunspots-1.csv", _sunspots().iloc[:SUNSPOTS_SPLIT]),
            _ld2_second,
        ],
        _ld2_expect,
        columns=["id", "sunspots"],
        refuse_ok=True,
        cli=_sources("        path: landing/*\n        load: {mode: incremental_files}\n"),
    ),
    LoadCase(
        "ld3_pollen_column_empty_in_delivery",
        19,
        "incremental_files over `landing/*.csv`: the second delivery's `density` empty in "
        "every row: 3848 rows, `density` NULL in those 1848 and the numbers kept in the "
        "others; never a refusal, the column turned text or the rows rejected",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [
            lambda folder: _land(folder, "pollen-1.csv", _pollen(True).iloc[:POLLEN_SPLIT]),
            lambda folder: _land(folder, "pollen-2.csv", _pollen(False).iloc[POLLEN_SPLIT:]),
        ],
        _ld3_expect,
        columns=["id", "ridge", "density"],
    ),
    LoadCase(
        "ld4_edgeworth_merge_pandas_index",
        19,
        "merge on `id`; the second delivery written by pandas without `index=False` (a "
        "first column of 0, 1, ... under an empty header) revises ten rows and adds twelve: "
        "42 rows, each revised once; or a refusal naming the column; never the index taken "
        "for `id` or the columns shifted",
        {"mode": "merge", "path": "landing/*.csv", "primary_key": ["id"]},
        [
            lambda folder: _land(folder, "edgeworth-1.csv", _edgeworth().iloc[:EDGEWORTH_FIRST]),
            _ld4_second,
        ],
        _ld4_expect,
        columns=["id", "county", "year", "freq"],
        refuse_ok=True,
        cli=_sources(
            "        path: landing/*.csv\n        load: {mode: merge, primary_key: [id]}\n"
        ),
    ),
]
