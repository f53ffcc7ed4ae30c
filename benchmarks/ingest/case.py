"""How a case of the ingestion benchmark says what a careful engineer accepts (`Case`).

Written before any reader ran (see README.md). `stage` 1 is the dev set the readers were
tuned on; stage 2 is held out: scored, never looked at case by case while tuning.
A case lists only what it checks: `rows` kept, `rejects` (record numbers: 1-based data
records, or the primary key for database rows), `columns` (all names, in order), `types`
(integer, double, decimal, date, timestamp, varchar, boolean; a tuple when two are fine),
`values` ({column: (row index, value)}), `children` ({key: (rows, required columns)}),
`notes` (words the schema notes must mention). A value may be a list of (row, value).
Where more than one outcome is fine, `alternatives` lists the other acceptable expectations
(each overrides some fields), and `refuse_ok` says a clear refusal is fine too.
Stage 4 (`build4.py`, `loads.py`) was held out: written, expectations included, after
stages 1-3 had all been looked at. Stage 5 (`build5.py`, `loads.py`) was held out: written,
expectations included, after stages 1-4 had all been looked at; its failures were read to
fix them after its first score, so it is dev now. Stage 6 (`build6.py`, `loads.py`) is
held out: written, expectations included, after stages 1-5 had all been looked at; its
failures were read to fix them after its first score, so it is dev now. Stage 7 (`build7.py`,
`loads.py`) was held out: written, expectations included, after stages 1-6 had all been
looked at; its details were read after its first score, so it is dev now. Stage 8
(`build8.py`, `loads.py`) was held out: written, expectations included, after stages 1-7 had
all been looked at; its details were read after its first score, so it is dev now. Stage 9
(`build9.py`, `loads.py`) was held out: written, expectations included, after stages 1-8
had all been looked at; its details were read after its first score, so it is dev now.
Stage 10 (`build10.py`, `loads.py`) was held out: written, expectations included, after
stages 1-9 had all been looked at; its details were read after its first score, so it is dev
now. Stage 11 (`build11.py`, `loads.py`) is held out: written, expectations included, after
stages 1-10 had all been looked at, and never run while it was written. Stage 12
(`build12.py`, `loads.py`) is held out: written, expectations included, after stages 1-11 had
all been looked at, and never run while it was written. Stage 13 (`build13.py`,
`cases_13.py`, `loads_13.py`) is held out: written, expectations included, after stages 1-12
had all been looked at, and never run while it was written. Stage 14 (`build14.py`,
`cases_14.py`, `loads_14.py`) is held out: written, expectations included, after stages 1-13
had all been looked at, and never run while it was written. Stage 15 (`build15.py`,
`cases_15.py`, `loads_15.py`) is held out: written, expectations included, after stages 1-14
had all been looked at, and never run while it was written. Stage 16 (`build16.py`,
`cases_16.py`, `loads_16.py`) is held out: written, expectations included, after stages 1-15
had all been looked at, and never run while it was written. Stage 17 (`build17.py`,
`cases_17.py`, `loads_17.py`) is held out: written, expectations included, after stages 1-16
had all been looked at, and never run while it was written. Stage 18 (`build18.py`,
`cases_18.py`, `loads_18.py`) is held out: written, expectations included, after stages 1-17
had all been looked at, and never run while it was written. Stage 19 (`build19.py`,
`cases_19.py`, `loads_19.py`) is held out: written, expectations included, after stages 1-18
had all been looked at, and never run while it was written. Stage 20 (`build20.py`,
`cases_20.py`, `loads_20.py`) is held out: written, expectations included, after stages 1-19
had all been looked at, and never run while it was written. Stage 21 (`build21.py`,
`cases_21.py`, `loads_21.py`) is held out: written, expectations included, after stages 1-20
had all been looked at, and never run while it was written. Stage 22 (`build22.py`,
`cases_22.py`, `loads_22.py`) is held out: written, expectations included, after stages 1-21
had all been looked at, and never run while it was written. Stage 23 (`build23.py`,
`cases_23.py`, `loads_23.py`) is held out: written, expectations included, after stages 1-22
had all been looked at, and never run while it was written.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

FLIGHT_COLUMNS = ["year", "month", "day", "dep_time", "sched_dep_time", "dep_delay", "arr_time",
                  "sched_arr_time", "arr_delay", "carrier", "flight", "tailnum", "origin", "dest",
                  "air_time", "distance", "hour", "minute", "time_hour"]
PENGUIN_COLUMNS = ["species", "island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm",
                   "body_mass_g", "sex", "year"]


@dataclass
class Case:
    name: str
    stage: int
    path: str                      # relative to the built folder; a glob for folders
    why: str                       # the expectation in one line
    fmt: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    declared: dict[str, str] = field(default_factory=dict)
    parent_key: list[str] | None = None
    rows: int | None = None
    rejects: set[str] | None = None
    columns: list[str] | None = None
    types: dict[str, Any] = field(default_factory=dict)
    values: dict[str, tuple[int, Any]] = field(default_factory=dict)
    children: dict[str, tuple[int, list[str]]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    alternatives: list[dict[str, Any]] = field(default_factory=list)
    refuse_ok: bool = False


def _utc(moment: datetime.datetime) -> datetime.datetime:
    """An aware instant as the naive UTC time a column without a zone would hold."""
    return moment.astimezone(datetime.timezone.utc).replace(tzinfo=None)


def _spelled(pairs: dict[str, tuple[str, tuple[int, Any], tuple[int, Any]]]
             ) -> list[dict[str, Any]]:
    """Every mix of columns read as a value or kept as their text: `pairs` maps a column to
    (the type it is read as, (row, value) read, (row, text) kept)."""
    import itertools

    mixes = []
    for choice in itertools.product((True, False), repeat=len(pairs)):
        types, values = {}, {}
        for read, (name, (kind, value, text)) in zip(choice, pairs.items()):
            types[name] = kind if read else "varchar"
            values[name] = value if read else text
        mixes.append({"types": types, "values": values})
    return mixes
