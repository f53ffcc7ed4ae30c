"""Nothing read from a file that holds data.

A file of many records read into no row at all because every one was set apart as a reject
is a layout the reader did not understand, not an empty table: loading only rejects would
say the source is empty. Refused, naming what was seen, unless the source declares its
columns' types (the rejects are then its own rule's) or the records are a few (a chunk of
bad lines appended, a file of a few stray values: their rejects tell). A read of no column,
no row and no reject is noted instead, unless a reader's note says it is empty: an empty
page of an API or an empty sheet is one, and may be right.
"""

from __future__ import annotations

from datanet_sql.errors import IngestError
from datanet_sql.ingest.doubts.seen import Seen

MANY = 10  # rejects and no row: a layout not understood (a few may be just bad lines)


def refuse(seen: Seen) -> None:
    """Refuse a read of no rows from a file whose every record, of `MANY` or more, was
    rejected."""
    if not seen.rows and seen.rejects >= MANY:
        raise IngestError(
            f"no row read: every one of its {seen.rejects} record(s) was set apart as a "
            f"reject, so the layout was not understood", file=seen.label,
            hint="look at the file's first lines; declare its layout (the source's format:, "
                 "options: delimiter, header, skip, encoding), or fix the file")


def check(seen: Seen) -> list[str]:
    """A note for a read of no column and no row from a file that is not empty."""
    if seen.rows or seen.rejects or [n for n in seen.names if n != "_record_no"] or \
            seen.children or \
            (seen.path is not None and seen.path.stat().st_size == 0) or \
            any(word in n for n in seen.notes for word in ("empty", " 0 rows")):
        return []  # a reader's note already said the sheet, page or file is empty
    return [("no column and no row read: if the file holds data, it is elsewhere than the "
            "reader looked (another sheet: options: {sheet: NAME}; a list inside the "
            "document) or in a layout it did not understand")]
