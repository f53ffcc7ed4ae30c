"""More records set apart than read: a reject is a record the reader could not take, and
when most are, the layout was more likely misread than the records bad (records of several
kinds, each its own width; a format that only looks like CSV)."""

from __future__ import annotations

from datanet_sql.ingest.doubts.seen import Seen


def check(seen: Seen) -> list[str]:
    """The doubt where the rejects outnumber the rows read. A read of no row is left to
    `empty` (refused where its rejects are many; a stray line or two of an otherwise empty
    file stay rejects)."""
    if not seen.rows or seen.rejects <= seen.rows:
        return []
    names = seen.names
    shown = ", ".join(names[:5]) + (", ..." if len(names) > 5 else "")
    return [(f"{seen.rejects} record(s) rejected and {seen.rows} read: more records break "
             f"the layout read ({len(names)} column(s): {shown}) than fit it, so it is likely "
             f"not the file's; look at the rejects (`_rejects`) before using the table, and "
             f"set `options:` (delimiter, header, skip) to the file's layout")]
