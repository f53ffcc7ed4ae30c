"""A header one field short of every record: R's `write.table` writing the row names.

R's `write.table(frame, file)` writes each record's row name as its first field but leaves
it out of the header, so the header names one field fewer than every record (`"case"
"site" ...` over `"C3" 1 1 "Vic" ...`); `read.table(header = TRUE)` reads that first field
back as the row names. Its default delimiter is a single space, which DuckDB's sniffer
never tries (each line one column), and with `sep = "\\t"` or `sep = ","` the sniffer takes
the header for a title and the first record for the header: every name a column off.

Read as R reads it back: the records past the header, headerless, the first field an
unnamed column (`column_1`, as datanet names an empty header cell and as `write.csv` heads
the row names `""`), the header naming the others, noted. Decided only on R's evidence:
the header's names quoted as R quotes them (two at least, distinct, none empty), every
sampled record exactly one field wider with its first field quoted, and not every record's
last field empty (that is a delimiter ending every record, not a field before it). A file
with one long row among many, or a header wider than its records, is no such file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from datanet_sql.ingest.readers.csv_layout import SAMPLE_BYTES, sample_text, split_records

DELIMITERS = (" ", "\t", ",", ";")   # R's default, then the `sep` users give it
R_ESCAPE = "\\"   # `qmethod = "escape"`, write.table's default: `\"` inside a quoted value


@dataclass(frozen=True)
class RowNames:
    """Where R's row names were found: the delimiter, the lines above the header, and the
    escape of a quote inside a value (`R_ESCAPE` when the file holds one, else none)."""

    delimiter: str
    skip: int
    escape: str


def row_names_header(path: Path, quote: str = '"', delimiter: str | None = None,
                     skip: int | None = None) -> RowNames | None:
    """The layout of a file whose header (on the first non-blank line at or after `skip`)
    names one field fewer than every sampled record, as R's `write.table` writes row names;
    None for any other file (see the module's docstring for the evidence)."""
    if not quote:
        return None
    sample = sample_text(path)
    lines = sample.split("\n")
    first = next((line.rstrip("\r") for line in lines[skip or 0:] if line.strip()), "")
    if not (first.startswith(quote) and first.endswith(quote)):   # no R header: not parsed
        return None
    escape = R_ESCAPE if R_ESCAPE + quote in sample else ""
    whole = len(sample) < SAMPLE_BYTES   # the file's every record (a grown file's new one)
    for tried in [delimiter] if delimiter else DELIMITERS:
        if tried not in first:
            continue
        records = [(r, before) for r, before in split_records(sample, tried, quote, whole, escape)
                   if skip is None or before >= skip]
        if len(records) < 2:
            continue
        (header, before), below = records[0], records[1:]
        if lines[before].rstrip("\r") == _as_r_writes(header, tried, quote, escape) and \
                _r_names(header) and all(
                    len(r) == len(header) + 1 and lines[at].startswith(quote)
                    for r, at in below) and any(r[-1] for r, _ in below):
            return RowNames(tried, before, escape)
    return None


def note(line: int, name: str, count: int) -> str:
    """What the read decided, naming the column the row names became."""
    return (f"header on line {line} names one field fewer than every record (R's "
            f"write.table writes the row names first, unnamed): the first field read as "
            f"column {name} (the row names), the header naming the other {count}")


def _r_names(header: list[str]) -> bool:
    """Names a data frame has: two at least, none empty, each once."""
    return len(header) > 1 and all(header) and len(set(header)) == len(header)


def _as_r_writes(names: list[str], delimiter: str, quote: str, escape: str) -> str:
    """The header line as `write.table` writes `names`: each quoted, a quote inside one
    escaped (or doubled, `qmethod = "double"`)."""
    inner = escape + quote if escape else quote * 2
    return delimiter.join(f"{quote}{n.replace(quote, inner)}{quote}" for n in names)
