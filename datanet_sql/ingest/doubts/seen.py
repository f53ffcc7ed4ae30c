"""What the doubt checks look at: a bounded sample of the rows, the file's head, the notes.

Never a second pass over the rows: the sample is the table's first `SAMPLE_ROWS` rows (a
`LIMIT` of the reader's own query when the rows are a stream), the head the file's first
`HEAD_BYTES`, so the checks cost the same for a file of any size.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow

    from datanet_sql.ingest.reading import ReadResult

SAMPLE_ROWS = 500
DATABASES = ("sqlite", "postgres")   # formats whose reads are tables with names of their own
HEAD_BYTES = 1 << 16
GENERIC_NAME = re.compile(r"^(?:column_?\d+|col_?\d+|field_?\d+|unnamed_\d+|_\d+)$")
_NUMBER = re.compile(r"^\s*[-+]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\s*$")
HEADER_SAID = re.compile(r"header on line (\d+)")   # a reader's note of where the header is
_DELIMITER_SAID = re.compile(r"delimiter '((?:[^'\\]|\\.)+)'")
_DATE = re.compile(r"^\s*\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[ T]\d{1,2}:\d\d(?::\d\d(?:\.\d+)?)?)?")


@dataclass
class Sample:
    """A read's first rows as Python values, column by column (None for NULL): built from
    Arrow for a read, from a DuckDB query for rows a warehouse loaded itself (where Arrow,
    never imported on that path, would cost more than every check together)."""

    columns: dict[str, list[Any]]    # name -> values
    text: frozenset[str]             # the names of its text columns
    num_rows: int

    @property
    def column_names(self) -> list[str]:
        return list(self.columns)

    def column(self, name: str) -> list[Any]:
        return self.columns[name]


@dataclass
class Seen:
    """One read as the checks see it."""

    label: str                       # the file (or glob) as the notes name it
    fmt: str                         # its format
    rows: int                        # rows kept
    rejects: int                     # records set apart
    names: list[str]                 # the table's column names
    sample: Sample | None            # its first rows (none of NDJSON staged in a warehouse)
    notes: list[str]                 # the reader's notes
    children: dict[str, int] = field(default_factory=dict)  # child table -> rows
    head: list[str] = field(default_factory=list)  # the file's first lines (text formats)
    path: Path | None = None         # the file, when one file was read
    _texts: dict[str, list[str]] | None = field(default=None, repr=False)

    def texts(self) -> dict[str, list[str]]:
        """The sample's text columns (`_record_no` and other types left out): their
        values, NULLs dropped (taken once, several checks ask)."""
        if self._texts is None:
            sample = self.sample
            self._texts = {} if sample is None else {
                n: [v for v in values if v is not None] for n, values in sample.columns.items()
                if n in sample.text}
        return self._texts

    def header_line(self) -> int | None:
        """The line the reader's note says holds the header: 0 for `header none`, None
        when no note says."""
        said = " ".join(self.notes)
        found = HEADER_SAID.search(said)
        return 0 if "header none" in said else int(found[1]) if found else None

    def delimiter(self) -> str | None:
        """The delimiter the reader's note says it split at (escapes undone), if any."""
        found = _DELIMITER_SAID.search(" ".join(self.notes))
        return None if found is None else codecs.decode(found[1], "unicode_escape")

    def noted(self, name: str) -> bool:
        """Whether a note of the reader names column `name`."""
        word = re.compile(rf"(?<![\w]){re.escape(name)}(?![\w])")
        return any(word.search(n) for n in self.notes)


def number_like(value: str) -> bool:
    """A number or a date as a file writes one (what a header line is not)."""
    return bool(_NUMBER.match(value) or _DATE.match(value))


def seen_of(result: ReadResult, path: Path, fmt: str) -> Seen:
    """The read of `path` as the checks see it."""
    rows = result.table
    single = Path(path) if Path(path).is_file() else None
    head = head_of(single) if single is not None and fmt in ("csv", "tsv") else []
    return Seen(str(path), fmt, rows.num_rows, len(result.rejects), list(rows.column_names),
                _sample(rows), list(result.schema_notes),
                {k: v.num_rows for k, v in result.children.items()}, head, single)


def _sample(rows: Any) -> Sample | None:
    """The first `SAMPLE_ROWS` rows of a pyarrow Table or a `Stream`; none of a `Query`
    (rows staged in a warehouse's connection mid-transaction, which the checks leave alone,
    and read without Arrow: its names and counts are still checked)."""
    from datanet_sql.ingest.readers.shape import Query

    if isinstance(rows, Query):
        return None
    import pyarrow as pa

    if isinstance(rows, pa.Table):
        return _of_arrow(rows.slice(0, SAMPLE_ROWS))
    if rows.query is not None and rows.con is not None:
        return _of_arrow(rows.con.sql(rows.query.limit(SAMPLE_ROWS).sql("duckdb"))
                         .to_arrow_table())
    first = next(iter(rows.batches()), None)
    return _of_arrow(rows.schema.empty_table() if first is None else
                     pa.Table.from_batches([first.slice(0, SAMPLE_ROWS)]))


def _of_arrow(table: pyarrow.Table) -> Sample:
    import pyarrow.types as pt

    return Sample({n: table.column(n).to_pylist() for n in table.column_names},
                  frozenset(f.name for f in table.schema
                            if pt.is_string(f.type) or pt.is_large_string(f.type)),
                  table.num_rows)


def of_duckdb(cursor: Any) -> Sample:
    """The rows of a DuckDB query just executed on `cursor` (`SAMPLE_ROWS` at most)."""
    rows = cursor.fetchall()
    names = [d[0] for d in cursor.description]
    return Sample(dict(zip(names, map(list, zip(*rows)))) if rows else {n: [] for n in names},
                  frozenset(d[0] for d in cursor.description if str(d[1]) == "VARCHAR"),
                  len(rows))


def head_of(path: Path) -> list[str]:
    """The first lines of a text file (its last, maybe cut, line dropped); none for a
    compressed one."""
    if path.suffix.lower() in (".gz", ".zst", ".bz2", ".zip"):
        return []
    with path.open("rb") as handle:
        data = handle.read(HEAD_BYTES)
    lines = data.decode("utf-8", errors="replace").splitlines()
    return lines if len(data) < HEAD_BYTES else lines[:-1]
