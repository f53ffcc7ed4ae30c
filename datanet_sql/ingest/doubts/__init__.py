"""Doubts: generic checks run on every read, whatever reader built the table.

Every held-out stage of the benchmark brought kinds of files no reader knew, and about a
third of them came back as a wrong table with no word said. A reader for each kind fixes
that kind only; these checks look at what any reader returned (a bounded sample of its rows,
the head of its file, its notes) for the marks a misread layout leaves: header lines read
as data, one wide column holding another delimiter, `key=value` records, names that are no
names, lines of the file neither a row nor a note, text decoded wrong, an envelope read as
one record. A check that fires adds a note naming the file, the columns and what to pass;
where no table read could be right (nothing read from a file that holds data) it refuses.

Two kinds of read reach them: a file read into Arrow (`check`), and a file DuckDB's own
scan loaded straight into a DuckDB warehouse (`found`, on a `Seen` of the rows it inserted,
see `ingest.scan_doubts`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datanet_sql.ingest.doubts.seen import Seen
    from datanet_sql.ingest.reading import ReadResult

__all__ = ["check", "found"]


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
        rejected,
        wrapped,
    )

    if not declared:
        empty.refuse(seen)
    return _notes(seen, [m.check for m in (
        empty, header_values, one_column, key_values, names, head_lines, mojibake, one_record,
        wrapped, encoded, rejected, blank_rows)])


def _notes(seen: Seen, checks: list[Callable[[Seen], list[str]]]) -> list[str]:
    return [f"{seen.label}: doubt: {n}" for check_ in checks for n in check_(seen)]
