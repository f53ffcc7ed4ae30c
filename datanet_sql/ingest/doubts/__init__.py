"""Doubts: generic checks run on every read, whatever reader built the table.

Every held-out stage of the benchmark brought kinds of files no reader knew, and about a
third of them came back as a wrong table with no word said. A reader for each kind fixes
that kind only; these checks look at what any reader returned (a bounded sample of its rows,
the head of its file, its notes) for the marks a misread layout leaves: header lines read
as data, one wide column holding another delimiter, `key=value` records, names that are no
names, lines of the file neither a row nor a note, text decoded wrong, an envelope read as
one record. A check that fires adds a note naming the file, the columns and what to pass;
where no table read could be right (nothing read from a file that holds data) it refuses.

Three kinds of read reach them: a file read into Arrow (`check`), a file DuckDB's own scan
loaded straight into a DuckDB warehouse (`found`, on a `Seen` of the rows it inserted, see
`ingest.scan_doubts`), and a database table (`check_table`: its names and types are the
database's own, so only the checks of its values and of names that are values apply).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datanet_sql.ingest.doubts.seen import Seen
    from datanet_sql.ingest.reading import ReadResult

__all__ = ["check", "check_table", "found"]


def check(result: ReadResult, path: Path, fmt: str, declared: bool = False) -> None:
    """Add a note to `result` for every doubt found in the read of `path` (`fmt` its
    format), or raise `IngestError` where the table cannot be right. `declared`: whether
    the source declares column types (its rejects are then the user's own rule's)."""
    from datanet_sql.ingest.doubts.seen import seen_of

    result.schema_notes.extend(found(seen_of(result, path, fmt), declared))


def found(seen: Seen, declared: bool = False) -> list[str]:
    """The notes ("<file>: doubt: ...") of every doubt about a file's read `seen`; raises
    `IngestError` where the table cannot be right (see `check`)."""
    from datanet_sql.ingest.doubts import (
        blank_rows,
        empty,
        encoded,
        head_lines,
        header_values,
        key_values,
        mojibake,
        names,
        one_column,
        one_record,
        record_header,
        rejected,
        wrapped,
    )

    if not declared:
        empty.refuse(seen)
    return _notes(seen, [m.check for m in (
        empty, header_values, one_column, key_values, names, head_lines, record_header,
        mojibake, one_record, wrapped, encoded, rejected, blank_rows)])


def check_table(result: ReadResult, label: str, fmt: str) -> None:
    """Add a note to `result` (a database table's read, `label` naming it) for every doubt
    a table with names and types of its own can raise: values of another layout (a column
    of delimited records, `key=value` values, values wrapped or encoded, text decoded
    wrong), rows of no value, names that are values. The checks of a file's header line
    and layout (lines read as data, made-up names, rejects outnumbering rows, an empty
    read) have nothing to look at in a table."""
    from datanet_sql.ingest.doubts import (
        blank_rows,
        encoded,
        key_values,
        mojibake,
        names,
        one_column,
        wrapped,
    )
    from datanet_sql.ingest.doubts.seen import seen_of

    result.schema_notes.extend(_notes(seen_of(result, Path(label), fmt), [
        one_column.check, key_values.check, names.valued, mojibake.check, wrapped.check,
        encoded.check, blank_rows.check]))


def _notes(seen: Seen, checks: list[Callable[[Seen], list[str]]]) -> list[str]:
    return [f"{seen.label}: doubt: {n}" for check_ in checks for n in check_(seen)]
