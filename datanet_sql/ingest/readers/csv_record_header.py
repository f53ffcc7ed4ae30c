"""The first line of a short CSV file: a record DuckDB's sniffer took for the header, and a
header the values cannot confirm.

DuckDB's sniffer calls the first line a header when one of its cells does not cast to the
type the lines below give the column. With two or three records that is weak evidence: a
headerless export `1,10.5,2024-01-01` over `2,20,2024-01-02` has a decimal over the one
whole number below it, so the sniffer named the columns `1`, `10_5`, `2024_01_01` and
the first record was gone, silently. The line is read as a record (headerless, noted by
`csv_dialect` as every headerless file is) when all of these hold, which a header of
names never meets:

- every cell over a column of numbers is a number, and every cell over a column of dates
  or times spells one (digits and separators: no name has that shape);
- at least one column below is of numbers or dates (over text columns the cells could
  be names or values alike);
- the cells over numbers are no run of periods (`1940,1945,1950` in equal steps, see
  `csv_periods`: a header of periods over amounts is a header);
- sniffed headerless, each of those columns is still of the same kind (numbers, or dates
  and times): the cell only widened its column, as `10.5` over `20` does.

A file whose columns are all text says nothing either way: `Alice,London` over `Bob,Paris`
reads like `id,name` over `Alice,Bob`. When such a file has one record at most under its
first line, the line stays the header (a header-only file is common) but the note says so
and names `header: false`, so a record read as names is never silent.
"""

from __future__ import annotations

import re
from pathlib import Path

from datanet_sql.ingest.readers.csv_layout import NUMBER, SAMPLE_BYTES, sample_text, split_records
from datanet_sql.ingest.readers.csv_periods import period_run

NUMERIC_KINDS = ("BIGINT", "DOUBLE", "INTEGER", "SMALLINT", "TINYINT", "HUGEINT", "FLOAT")
TEMPORAL_KINDS = ("DATE", "TIME", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE")
_TEMPORAL = re.compile(r"\d[\d\-/.: T]*(Z|[+-]\d\d(:?\d\d)?)?")   # digits and separators
_SHOWN = 3   # names the all-text note quotes


def kind(duckdb_type: str) -> str:
    """A sniffed column type's kind: numbers, dates and times, or the type itself."""
    if duckdb_type in NUMERIC_KINDS or duckdb_type.startswith("DECIMAL"):
        return "number"
    return "temporal" if duckdb_type in TEMPORAL_KINDS else duckdb_type


def values_shaped(cells: list[str], types: list[str]) -> bool:
    """Whether the first line's `cells` are values of the columns below (`types`, as sniffed
    under a header): a number over numbers, a date over dates, for one column at least, and
    no cell over such a column empty or a word, nor those cells a run of periods (see the
    module docstring)."""
    typed = [(c.strip(), kind(t)) for c, t in zip(cells, types) if kind(t) in
             ("number", "temporal")]
    if len(cells) != len(types) or not typed or period_run([c for c, _ in typed]):
        return False
    return all(re.fullmatch(NUMBER, c) if k == "number" else _TEMPORAL.fullmatch(c)
               for c, k in typed)


def same_kinds(headed: list[str], headerless: list[str]) -> bool:
    """Whether the columns of numbers or dates under the header (`headed`) keep their kind
    when the first line is read as a record too (`headerless`)."""
    return len(headed) == len(headerless) and all(
        kind(a) == kind(b) for a, b in zip(headed, headerless)
        if kind(a) in ("number", "temporal"))


def text_only_note(path: Path, delimiter: str, quote: str, skip: int, names: list[str],
                   types: list[str]) -> str | None:
    """The note on a header over columns that are all text with one record at most under
    it (the values cannot confirm it, see the module docstring); None otherwise."""
    if any(t != "VARCHAR" for t in types):
        return None
    sample = sample_text(path)   # the whole file, when it is short: its last record too
    records = [r for r, before in split_records(sample, delimiter, quote,
                                                whole=len(sample) < SAMPLE_BYTES)
               if before >= skip]
    if len(records) > 2:
        return None
    below = "no record" if len(records) < 2 else "one record"
    shown = ", ".join(names if len(names) <= _SHOWN else [*names[:_SHOWN], "..."])
    return (f"header on line {skip + 1} ({shown}) read as names over {below}: every column "
            f"is text, so the values cannot tell a header from a record; if the line is "
            f"data, set options: {{header: false}}")
