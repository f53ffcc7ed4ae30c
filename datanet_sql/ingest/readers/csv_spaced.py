"""Fields split by single spaces: R's `write.table(frame, quote = FALSE, row.names = FALSE)`
(its default `sep = " "`), and the `sep = " "` outputs of other tools.

DuckDB's sniffer never tries a space, so such a file reads as one column of whole lines.
A space is a delimiter only on strong evidence, since prose and aligned tables hold spaces
too: the header's fields look like names (a letter or `_` first, then letters, digits, `_`
or `.`, not ending with `.` as a sentence does; R's and SQL's names; each once, two at
least), and every sampled record
below it (one at least) splits into exactly as many fields, none empty. An empty field is a
space doubled (or one leading or ending a line): a column-aligned fixed-width table
(`fixed_width`), not this. Prose has words of any kind and lines of varying word counts.
The caller takes it only where the sniff found one column, so a file with a real delimiter
whose values hold spaces reads as before, and notes it.
"""

from __future__ import annotations

import re
from pathlib import Path

from datanet_sql.ingest.readers.csv_layout import SAMPLE_BYTES, sample_text, split_records

SPACE = " "
# a letter or `_` first, no `.` last (a sentence's end): R's and SQL's names
_NAME = re.compile(r"[^\W\d](?:[\w.]*\w)?")


def space_delimited(path: Path, quote: str = '"') -> bool:
    """Whether the file's fields are split by single spaces (see the module's docstring for
    the evidence): its header names, every sampled record as wide, no field empty."""
    sample = sample_text(path)
    records = split_records(sample, SPACE, quote, len(sample) < SAMPLE_BYTES)
    if len(records) < 2:
        return False
    header = records[0][0]
    return len(header) > 1 and len(set(header)) == len(header) and \
        all(_NAME.fullmatch(name) for name in header) and \
        all(len(r) == len(header) and all(r) for r, _ in records)


def note(width: int) -> str:
    """What the read decided: the delimiter no sniff tries, and why it was taken."""
    return (f"delimiter ' ' (R's write.table without quotes, or another tool's sep = ' '), "
            f"which DuckDB's sniffer does not try: the header names {width} columns and "
            f"every sampled line splits on single spaces into as many, none empty; if each "
            f"line is one value, set options: delimiter")
