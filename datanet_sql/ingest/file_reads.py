"""One landed file read as the loader takes it: the source's options and declared types,
the readers' notes about the layout only, its rows (and child rows) tagged with the file as
the ledger knows it, a tailed chunk's record numbers counted from the file's first line.
Shared by every load path (files, scans of several files, tails) and by `first_schema`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlglot import exp

from datanet_sql.ingest.file_names import stored
from datanet_sql.ingest.readers.shape import Query
from datanet_sql.ingest.readers.stream import Stream
from datanet_sql.ingest.writes import FILE_COLUMN, RECORD_NO

if TYPE_CHECKING:
    from datanet_sql.ingest.loader import LoadJob


def read_file(job: LoadJob, read_source: Callable[..., Any], path: Path,
               label: Path | None = None, options: dict[str, Any] | None = None) -> Any:
    """One landed file read (with the source's options, or `options`), its notes about the
    layout only, its rows tagged with `label` (the file as the ledger knows it; a tailed
    chunk is read from a copy)."""
    read_ = read_source(path, job.config.get("format"), options or job.config["options"],
                        job.config["columns"], job.config["on_bad_row"], parent_key(job),
                        stream=True, required=job.merge_key)
    read_.schema_notes = about_layout(read_.schema_notes, str(path))
    if label is not None:
        for reject in read_.rejects:
            reject.file = str(label)
    return tagged(job, read_, str(label or path))


def renumber(read_: Any, lines_before: int) -> None:
    """Record numbers of a chunk counted from the file's first line, not the chunk's."""
    if not lines_before:  # the whole file: nothing to shift (nor pyarrow.compute to import)
        return
    import pyarrow.compute as pc

    for reject in read_.rejects:
        if reject.record_no.isdigit():
            reject.record_no = str(int(reject.record_no) + lines_before)

    def shift(table: Any) -> Any:
        if RECORD_NO not in table.column_names:
            return table
        if isinstance(table, Stream):
            return table.with_column(RECORD_NO, lambda batch, _: pc.add(
                batch[RECORD_NO], lines_before), table.schema.field(RECORD_NO).type)
        index = table.column_names.index(RECORD_NO)
        return table.set_column(index, RECORD_NO, pc.add(table[RECORD_NO], lines_before))
    read_.table = shift(read_.table)
    read_.children = {name: shift(rows) for name, rows in read_.children.items()}


def parent_key(job: LoadJob) -> list[str] | None:
    """What child rows carry to find their parent: the primary key; under merge the batch's
    record number (duplicates of a key in one batch are told apart, the winner's children
    kept: see writes.write_child)."""
    return None if job.mode == "merge" else job.config["primary_key"] or None


def about_layout(notes: list[str], path: str) -> list[str]:
    """The reader's notes without the file's name in front: what every file of the glob
    shares (`encoding utf-8, delimiter ','`) reads the same, so the notes of a table stay
    one short list, and its contract changes only when the layout does."""
    prefixes = (f"{path}: ", f"{Path(path).name}: ")
    return [next((n[len(p):] for p in prefixes if n.startswith(p)), n) for n in notes]


def tagged(job: LoadJob, read_: Any, path: str) -> Any:
    """The file's name (see file_names) on every row (and child row) when a row must know
    its file: under incremental_files (a re-delivery replaces its own rows), and when rows
    are linked to their children by record number, which counts within one file. A scan of
    several files named each row's file by its path: the name replaces it."""
    linked = job.mode != "merge" and RECORD_NO in read_.table.column_names
    if job.mode != "incremental_files" and not linked:
        return read_
    label = stored(job.root, path)

    def tag(table: Any) -> Any:
        if isinstance(table, Query):
            return Query(table.select.select(exp.Literal.string(label).as_(
                exp.to_identifier(FILE_COLUMN, quoted=True))), table.num_rows)
        import pyarrow as pa

        if isinstance(table, Stream):
            return table.with_column(FILE_COLUMN, lambda batch, _: pa.repeat(
                pa.scalar(label), batch.num_rows), pa.string())
        return table.append_column(FILE_COLUMN, pa.repeat(pa.scalar(label), table.num_rows))
    read_.table = tag(read_.table)
    read_.children = {name: tag(rows) for name, rows in read_.children.items()}
    return read_
