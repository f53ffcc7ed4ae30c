"""More records set apart than read: a reject is a record the reader could not take, and
when most are, the layout was more likely misread than the records bad."""

from __future__ import annotations

from datanet_sql.ingest.doubts.seen import Seen


def check(seen: Seen) -> list[str]:
    if not seen.rows or seen.rejects <= seen.rows:
        return []
    return [(f"{seen.rejects} records set apart as rejects and only {seen.rows} read: the "
            f"layout was probably misread; look at the rejects and declare it in options")]
