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
Every stage from 4 on (`build<N>.py`, and from 13 on `cases_<N>.py` and `loads_<N>.py`)
was held out when written: its expectations were written, and committed, after every
earlier stage had been looked at, and before any reader ran on its files. A stage is
scored once from its outcomes alone, then read case by case and fixed by kind: dev from
then on (`run.py`'s `SEEN_STAGES`; each stage's first score is in README.md).
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
