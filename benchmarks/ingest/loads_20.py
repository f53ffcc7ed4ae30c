"""The load-level cases of stage 20 (le1-le4): deliveries over two runs, written with their
expectations after stages 1-19 had all been seen, and never run while they were written
(held out). See `loads.py` for how a case is written and run."""

from __future__ import annotations

from pathlib import Path

from build4 import _rdata
from load_scorer import LoadCase
from load_steps import per_run
from load_steps import PG_DSN, _land, _sources

# le1: a Postgres source table with a `daterange` column; run 2 revises five rates
PG_SOURCE_20 = per_run("stage20_bench_src")
EURO_REVISED = ("ATS", "BEF", "DEM", "ESP", "FIM")  # the currencies whose rate run 2 raises by 1


def _euro():
    """datasets' `euro` (each currency's fixed rate to the euro), `id` the currency code."""
    return _rdata("datasets", "euro").rename(columns={"rownames": "id", "dat": "rate"})


def _le1_first() -> None:
    """The table `rates` with each rate's validity as a `daterange` (the period before the
    euro notes, `[1999-01-01,2002-03-01)`)."""
    import psycopg

    rows = [(str(r.id), float(r.rate)) for r in _euro().itertuples(index=False)]
    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_20} CASCADE")
        db.execute(f"CREATE SCHEMA {PG_SOURCE_20}")
        db.execute(
            f"CREATE TABLE {PG_SOURCE_20}.rates (id text PRIMARY KEY, rate double precision, "
            "valid daterange)"
        )
        with db.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {PG_SOURCE_20}.rates VALUES "
                "(%s, %s, daterange('1999-01-01', '2002-03-01'))",
                rows,
            )


def _le1_second() -> None:
    """Five rates raised by 1."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(
            f"UPDATE {PG_SOURCE_20}.rates SET rate = rate + 1 WHERE id = ANY(%s)",
            [list(EURO_REVISED)],
        )


def _le1_drop() -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_20} CASCADE")


def _le1_expect() -> list[tuple]:
    return [
        (str(r.id), float(r.rate) + (1 if r.id in EURO_REVISED else 0))
        for r in _euro().itertuples(index=False)
    ]


# le2: Windows Explorer's `Thumbs.db` lands beside the second delivery
ARMADA_SPLIT = 5  # rows of the first delivery
# an OLE compound file's signature, as `Thumbs.db` starts, then its empty sectors
THUMBS_DB = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(4088)


def _armada():
    """HistData's `Armada` (the Spanish Armada's squadrons), `id` the squadron's code."""
    frame = _rdata("HistData", "Armada")[["rownames", "Armada", "ships", "tons"]]
    return frame.rename(columns={"rownames": "id", "Armada": "armada"})


def _le2_second(folder: Path) -> None:
    _land(folder, "armada-2.csv", _armada().iloc[ARMADA_SPLIT:])
    (folder / "landing" / "Thumbs.db").write_bytes(THUMBS_DB)


def _le2_expect() -> list[tuple]:
    return [(r.id, r.armada, int(r.ships), int(r.tons)) for r in _armada().itertuples(index=False)]


# le3: the first delivery UTF-8, the second from a Windows machine in cp1252
OBRIEN_SPLIT = 8  # rows of the first delivery
TREATMENTS = {"control": "Contrôle", "A": "Traité A", "B": "Traité B"}  # French labels


def _obrien():
    """carData's `OBrienKaiser` (a repeated-measures trial), `id` the row, the treatment
    labelled in French."""
    frame = _rdata("carData", "OBrienKaiser")[["rownames", "treatment", "gender", "pre.1"]]
    frame = frame.rename(columns={"rownames": "id", "pre.1": "pre_1"})
    return frame.assign(treatment=frame.treatment.map(TREATMENTS))


def _le3_second(folder: Path) -> None:
    path = folder / "landing" / "obrien-2.csv"
    path.write_bytes(_obrien().iloc[OBRIEN_SPLIT:].to_csv(index=False).encode("cp1252"))


def _le3_expect() -> list[tuple]:
    return [
        (int(r.id), r.treatment, r.gender, int(r.pre_1)) for r in _obrien().itertuples(index=False)
    ]


# le4: the second delivery's counts written with thousands separators (`"3,803"`)
PROSTITUTES_SPLIT = 300  # rows of the first delivery


def _prostitutes():
    """HistData's `Prostitutes` (monthly registrations in Paris, 1812-1854), `id` the row."""
    frame = _rdata("HistData", "Prostitutes")[["rownames", "Year", "mon", "count"]]
    return frame.rename(columns={"rownames": "id", "Year": "year"})


def _le4_second(folder: Path) -> None:
    """Rows from 300 on, re-saved from a spreadsheet showing counts grouped: `"3,803"`."""
    frame = _prostitutes().iloc[PROSTITUTES_SPLIT:]
    _land(folder, "prostitutes-2.csv", frame.assign(count=frame["count"].map("{:,}".format)))


def _le4_expect() -> list[tuple]:
    return [
        (int(r.id), int(r.year), int(r.mon), int(r.count))
        for r in _prostitutes().itertuples(index=False)
    ]


LOAD_CASES = [
    LoadCase(
        "le1_euro_pg_daterange",
        20,
        "replace from a Postgres table with a `daterange` column `valid`, run 2 after five "
        "rates were raised by 1: 11 rows with `id` and `rate` as the table holds them (the "
        "range kept as text or left out with a note); or a refusal naming the column; never "
        "a crash or run 1's values",
        {"mode": "replace", "format": "postgres"},
        [lambda folder: _le1_first(), lambda folder: _le1_second()],
        _le1_expect,
        columns=["id", "rate"],
        cleanup=_le1_drop,
        refuse_ok=True,
        cli=_sources(
            f"        format: postgres\n        dsn: {PG_DSN}\n"
            f"        source_table: {PG_SOURCE_20}.rates\n"
            "        load: {mode: replace}\n"
        ),
    ),
    LoadCase(
        "le2_armada_thumbs_db",
        20,
        "incremental_files over `landing/*`: Windows Explorer's `Thumbs.db` (an OLE file) "
        "lands beside the second CSV delivery: 10 rows, `Thumbs.db` skipped (a warning "
        "welcome); or a refusal naming it; never its bytes as rows or rejects",
        {"mode": "incremental_files", "path": "landing/*"},
        [
            lambda folder: _land(folder, "armada-1.csv", _armada().iloc[:ARMADA_SPLIT]),
            _le2_second,
        ],
        _le2_expect,
        columns=["id", "armada", "ships", "tons"],
        refuse_ok=True,
        cli=_sources("        path: landing/*\n        load: {mode: incremental_files}\n"),
    ),
    LoadCase(
        "le3_obrien_cp1252_delivery",
        20,
        "incremental_files over `landing/*.csv`: the first delivery UTF-8, the second in "
        "cp1252 (`Traité`): 16 rows, every label decoded as written; or a refusal naming the "
        "second file; never `Trait\\ufffd`, mojibake or rejects",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [
            lambda folder: _land(folder, "obrien-1.csv", _obrien().iloc[:OBRIEN_SPLIT]),
            _le3_second,
        ],
        _le3_expect,
        columns=["id", "treatment", "gender", "pre_1"],
        refuse_ok=True,
    ),
    LoadCase(
        "le4_prostitutes_thousands_in_delivery",
        20,
        "incremental_files over `landing/*.csv`: the second delivery's counts written with "
        'thousands separators (`"3,803"`): 516 rows, `count` integers throughout; or a '
        "refusal naming the file and column; never 3.803, the column text or the rows "
        "rejected",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [
            lambda folder: _land(
                folder, "prostitutes-1.csv", _prostitutes().iloc[:PROSTITUTES_SPLIT]
            ),
            _le4_second,
        ],
        _le4_expect,
        columns=["id", "year", "mon", "count"],
        refuse_ok=True,
        cli=_sources("        path: landing/*.csv\n        load: {mode: incremental_files}\n"),
    ),
]
