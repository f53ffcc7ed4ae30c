"""A JSON document read as one record: an API's envelope (paging, metadata) becomes the
row and the records sit in a list beside it (a child table) or nowhere, or every value
went to child tables and the rows hold nothing but their number. A file that is a list
of one record, or an NDJSON line, is not doubted: only an object read as the one row is,
and not where a reader's note says which envelope it read."""

from __future__ import annotations

from datanet_sql.ingest.doubts.seen import Seen

MIN_CHILD_ROWS = 2


def check(seen: Seen) -> list[str]:
    if seen.fmt not in ("json", "ndjson") or not seen.rows:
        return []
    data = [n for n in seen.names if n != "_record_no"]
    lists = ", ".join(f"{k} ({n} rows)" for k, n in list(seen.children.items())[:4])
    if not data:
        where = f"; the values went to child tables {lists}" if lists else ""
        return [(f"the rows hold no column but their number{where}: each value a list or an "
                f"object of lists (columns as lists, values boxed in arrays); reshape the "
                f"file into one object a record")]
    if any("envelope" in n for n in seen.notes):
        return []  # a reader that read an envelope said which list it read
    big = {k: n for k, n in seen.children.items() if n >= MIN_CHILD_ROWS}
    if seen.rows == 1 and big and seen.fmt == "json" and _object(seen):
        return [(f"the file read as one record (columns {', '.join(data[:6])}) beside lists "
                f"of {lists}: an envelope whose records are in a list; extract that list "
                f"into one object a record (NDJSON) to read them as rows")]
    if seen.rows == 1 and not seen.children and seen.fmt == "json" and _object(seen):
        return [(f"the file read as one record (columns {', '.join(data[:6])}): if it is an "
                f"envelope around the records, extract them into one object a record")]
    return []


def _object(seen: Seen) -> bool:
    """Whether the file is one JSON object (a list of one record is a list of records)."""
    if seen.path is None:
        return False
    with seen.path.open("rb") as handle:
        start = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    return start.startswith(b"{")
