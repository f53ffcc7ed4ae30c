"""Rows with no value in any column: lines of delimiters only (a spreadsheet's used range
past the data, a template's empty rows) or blank records read as rows."""

from __future__ import annotations

from datanet_sql.ingest.doubts.seen import DATABASES, Seen


def check(seen: Seen) -> list[str]:
    if seen.sample is None:
        return []
    columns = [seen.sample.column(n) for n in seen.sample.column_names if n != "_record_no"]
    if not columns or not seen.sample.num_rows:
        return []
    blank = [i + 1 for i, row in enumerate(zip(*columns)) if all(v is None for v in row)]
    if not blank or len(blank) == seen.sample.num_rows:
        return []
    shown = ", ".join(map(str, blank[:5])) + (" ..." if len(blank) > 5 else "")
    return [(f"{len(blank)} row(s) ({shown}) have no value in any column: lines of "
            f"delimiters or blank records read as rows; delete them from the "
            f"{'table' if seen.fmt in DATABASES else 'file'}")]
