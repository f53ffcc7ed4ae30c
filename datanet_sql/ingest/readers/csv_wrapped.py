"""A CSV whose every line is one quoted field holding the whole record (`"1851,2.436"`, the
header too): a CSV opened in Excel as one column and saved again, which quotes each line
since it holds the delimiter. DuckDB reads it, rightly by the quotes, as one column named
after the whole header (`year_population`), silently.

When every sampled line (the header included) is exactly one quoted field whose content
splits on a delimiter into the same number of fields (two at least), and DuckDB confirms
that every line of the file is one quoted field, the file is read from a copy holding each
line's content (the quotes around it removed, its doubled quotes made single again), noted.
The copy is written by DuckDB, never line by line in Python. A file with a line that is not
so wrapped is left as it is: its lines are not all of one kind.
"""

from __future__ import annotations

import re
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from sqlglot import exp

from datanet_sql.ingest.readers.csv_layout import CANDIDATES, reader
from datanet_sql.ingest.readers.scratch import copy_path
from datanet_sql.ingest.readers.sql import column, count_if, lines_of, write_lines

_WRAPPED = r'"((?:[^"]|"")*)"\r?'  # a line that is one quoted field: its content in group 1
_SAMPLE_LINES = 200


def unwrapped(
    stack: ExitStack, con: Any, path: Path, name: str, opts: dict[str, Any]
) -> tuple[Path, list[str]]:
    """`path`, or a copy of it (removed with `stack`) holding each line's content when every
    line is one quoted field holding a record, and the note (`name`: the file as the user
    knows it). A given `quote` says how the file is quoted: then it is left as it is."""
    delimiter = None if "quote" in opts else delimiter_inside(path)
    if delimiter is None:
        return path, []
    line = exp.func("coalesce", column("line"), exp.Literal.string(""))
    wrapped = exp.func("regexp_full_match", line, exp.Literal.string(_WRAPPED))
    blank = exp.func("trim", line).eq(exp.Literal.string(""))
    other = count_if(exp.and_(exp.not_(wrapped), exp.not_(blank)))
    if con.execute(exp.select(other).from_(lines_of(path)).sql("duckdb")).fetchall()[0][0]:
        return path, []
    inner = exp.RegexpExtract(
        this=line, expression=exp.Literal.string(f"^{_WRAPPED}$"), group=exp.Literal.number(1)
    )
    content = exp.func("replace", inner, exp.Literal.string('""'), exp.Literal.string('"'))
    inside = exp.Case(ifs=[exp.If(this=wrapped, true=content)], default=line)
    copy = copy_path(stack, path, "wrapped")
    write_lines(con, exp.select(inside).from_(lines_of(path)), copy)
    note = (
        f"{name}: every line is one quoted field holding the whole record (a CSV saved "
        f"again as one column, as Excel does): read the text inside the quotes as the "
        f"CSV, delimiter {delimiter!r}"
    )
    return copy, [note]


def delimiter_inside(path: Path) -> str | None:
    """The delimiter the contents of the file's first lines split on alike (into two fields
    or more) when every one of those lines is one quoted field; else None."""
    pattern = re.compile(_WRAPPED)
    contents = []
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
        for number, line in enumerate(handle):
            if number == _SAMPLE_LINES:
                break
            if not line.strip():
                continue
            found = pattern.fullmatch(line.rstrip("\n"))
            if found is None:
                return None
            contents.append(found.group(1).replace('""', '"'))
    if len(contents) < 2:
        return None
    widths = {d: {len(fields) for fields in reader(contents, d, '"')} for d in CANDIDATES}
    even = [(max(w), d) for d, w in widths.items() if len(w) == 1 and max(w) > 1]
    return max(even)[1] if even else None
