"""More records set apart than read: a reject is a record the reader could not take, and
when most are, the layout was more likely misread than the records bad (records of several
kinds, each its own width; a format that only looks like CSV)."""

from __future__ import annotations

from datanet_sql.ingest.doubts.seen import Seen


def check(seen: Seen) -> list[str]:
    return mostly_rejected(seen.rejects, seen.rows, seen.names)


def mostly_rejected(rejects: int, rows: int, names: list[str]) -> list[str]:
    """The doubt where `rejects` outnumber the `rows` read under the columns `names`. Also
    asked by a load through DuckDB's own scan (`batch_commit`), which builds no read to
    check but knows both counts. A read of no row is left to `empty` (refused where its
    rejects are many; a stray line or two of an otherwise empty file stay rejects)."""
    if not rows or rejects <= rows:
        return []
    shown = ", ".join(names[:5]) + (", ..." if len(names) > 5 else "")
    return [(f"{rejects} record(s) rejected and {rows} read: more records break the layout "
             f"read ({len(names)} column(s): {shown}) than fit it, so it is likely not the "
             f"file's; look at the rejects (`_rejects`) before using the table, and set "
             f"`options:` (delimiter, header, skip) to the file's layout")]
