"""Rows with no value in any column: lines of delimiters only (a spreadsheet's used range
past the data, a template's empty rows) or blank records read as rows."""

from __future__ import annotations

from datanet_sql.ingest.doubts.seen import Seen


def check(seen: Seen) -> list[str]:
    import pyarrow.compute as pc

    if seen.sample is None:
        return []
    sample = seen.sample.drop_columns([n for n in ("_record_no",) if n in seen.sample.schema.names])
    if not sample.num_columns or not sample.num_rows:
        return []
    given = [pc.is_valid(c) for c in sample.columns]
    any_value = given[0]
    for column in given[1:]:
        any_value = pc.or_(any_value, column)
    blank = [i + 1 for i, v in enumerate(any_value.to_pylist()) if not v]
    if not blank or len(blank) == sample.num_rows:
        return []
    shown = ", ".join(map(str, blank[:5])) + (" ..." if len(blank) > 5 else "")
    return [(f"{len(blank)} row(s) ({shown}) have no value in any column: lines of "
            f"delimiters or blank records read as rows; delete them from the file")]
