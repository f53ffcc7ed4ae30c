"""Which kind of day a run falls on: a holiday of the user's calendar, a month start, or normal.

Special days are learned as recurring: a point is compared with earlier points of the same
kind of day, never with ordinary days, and ordinary baselines never train on special days.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from datanet_sql.errors import ConfigError


@dataclass(frozen=True)
class Calendar:
    """Holidays by date, each with a kind (`public`, `shutdown`, ...)."""

    kinds: dict[dt.date, str] = field(default_factory=dict)

    def day_kind(self, date: dt.date) -> str:
        """`holiday:<kind>` for a calendar date, `month_start` for the 1st, both joined by `+`
        when a holiday falls on the 1st (its effects add up: an unseen mix), else `normal`."""
        parts = [f"holiday:{self.kinds[date]}"] if date in self.kinds else []
        parts += ["month_start"] if date.day == 1 else []
        return "+".join(parts) or "normal"


def read_calendar(path: Path) -> Calendar:
    """calendar.csv (date, name, kind); a bad date names the file and line."""
    kinds: dict[dt.date, str] = {}
    with path.open(newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            try:
                date = dt.date.fromisoformat((row.get("date") or "").strip())
            except ValueError:
                raise ConfigError(f"date {row.get('date')!r} is not YYYY-MM-DD", file=path,
                                  line=line, hint="write dates as 2025-12-25") from None
            kinds[date] = (row.get("kind") or "").strip() or "holiday"
    return Calendar(kinds)
