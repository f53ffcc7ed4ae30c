"""Fixed-width text: columns aligned by spaces, no delimiter (Excel's "Formatted Text
(Space delimited)" `.prn`, a mainframe or report extract).

Read as CSV such a file is one column of whole lines, or split wrong wherever a value holds
a space (`458 Speciale`). It is told by its alignment: the positions blank on (nearly)
every line (a line shorter than a position is blank there) cut the lines into runs, and a
column is a run the header names (a run under no header word is the rest of the value to
its left: a `Base Coupe` whose space falls on every line's same position). Two columns at
least, each with values, and padding (two spaces or more in a row) on most lines, or it is
not taken for fixed-width. A file padded so whose columns cannot be told (a header word
over no data, as `name` in `first name`) is refused, naming the `widths:` option. The lines
are split in DuckDB by substrings, each column trimmed and typed from all its values
(integer, double, date, else text). A value longer than its column (printed whole, pushing
the rest of its line right) moves the line's later fields past it: noted, with the lines.
"""

from __future__ import annotations

import re
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from sqlglot import exp

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.encoding import (
    detect_encoding,
    doubt_notes,
    encoding_notes,
    normalize_encoding,
    utf8_file,
)
from datanet_sql.ingest.readers.names import renamed, unique_names
from datanet_sql.ingest.readers.shape import Raw
from datanet_sql.ingest.readers.sql import column, ident, named, temp_table

_SAMPLE_LINES = 500
_PADDED = re.compile(r"\S {2,}\S")
_TYPES = ("BIGINT", "DOUBLE", "DATE")   # tried in order; text when none fits every value
_TABLE = "_dn_fixed"
_DELIMITERS = ",;|\t"


def read(stack: ExitStack, con: Any, path: Path, options: dict[str, Any]) -> Raw | None:
    """The file (see `looks_fixed`, or `widths` given) read as fixed-width text; None when
    its columns are not aligned after all: the CSV reader's."""
    encoding = normalize_encoding(options["encoding"]) if "encoding" in options else \
        detect_encoding(path)
    text = stack.enter_context(utf8_file(path, encoding))
    header_line, head, lines = _sample(text)
    starts = columns_of(path, head, lines, options.get("widths"))
    if starts is None:
        return None
    written = [head[a:b].strip() for a, b in _spans(starts)]
    names = unique_names(written)
    shifted = _split(con, text, starts, names, header_line)
    types = _types(con, names)
    con.execute(temp_table("_dn_typed", exp.select(*[
        (exp.cast(column(n), t) if t != "VARCHAR" else column(n)).as_(ident(n))
        for n, t in zip(names, types)]).from_(_TABLE)))
    notes = [(f"{path.name}: fixed-width text (columns aligned by spaces), split at "
              f"characters {', '.join(str(s + 1) for s in starts)} (set options: widths: "
              f"[...] to split it otherwise)")]
    if shifted:
        count, first = shifted
        notes.append(f"{path.name}: {count} line(s) (the first: line {first}) hold a value "
                     f"longer than its column, which pushes the rest of the line right: "
                     f"split after that value, at the next space; check those rows")
    notes += encoding_notes(path.name, path, encoding)
    if "encoding" not in options:
        notes += doubt_notes(path.name, path, encoding)
    return Raw(con, con.table("_dn_typed"), str(path), notes=notes + renamed(written, names),
               materialized="_dn_typed")


def layout(path: Path, options: dict[str, Any]) -> tuple[dict[str, Any], int] | None:
    """For a UTF-8 file that grew (see `csv.layout_of`): the `widths` that split its new
    lines as its start was split, and the lines up to its header; None when it is not
    fixed-width."""
    header_line, head, lines = _sample(path)
    given = options.get("widths")
    if given is None and not looks_fixed(path):
        return None
    starts = columns_of(path, head, lines, given)
    if starts is None:
        return None
    ends = [*starts[1:], max(map(len, [head, *lines]))]
    return {"widths": [b - a for a, b in zip(starts, ends)]}, header_line


def looks_fixed(path: Path) -> bool:
    """Whether the file's lines are padded as fixed-width text's are, under a header no
    delimiter splits (a CSV's padded fields, `a,  b`, are the CSV reader's)."""
    _, head, lines = _sample(path)
    return not any(set(line) & set(_DELIMITERS) for line in (head, *lines[:1])) and \
        not any("\t" in line for line in lines) and _padded(lines)


def columns_of(path: Path, head: str, lines: list[str], widths: Any) -> list[int] | None:
    """Where the columns start (0-based): from `widths` when given, else told from the
    alignment (see `_starts`)."""
    return _starts_given(widths, path) if widths is not None else _starts(head, lines, path)


def _sample(path: Path) -> tuple[int, str, list[str]]:
    """The header's line number (the first non-blank line's), the header, and the non-blank
    lines sampled after it."""
    lines, header_line = [], 0
    with path.open(encoding="utf-8-sig", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                header_line = header_line or number
                lines.append(line.rstrip("\r\n"))
            if len(lines) > _SAMPLE_LINES:
                break
    return (header_line, lines[0], lines[1:]) if lines else (0, "", [])


def _padded(lines: list[str]) -> bool:
    """Most lines hold values padded apart (two spaces or more between them)."""
    return len(lines) >= 2 and sum(bool(_PADDED.search(ln)) for ln in lines) >= 0.9 * len(lines)


def _starts(head: str, lines: list[str], path: Path) -> list[int] | None:
    """Where the columns start: runs of positions not blank on every line that the header
    names. None when the file is not fixed-width; refused when it looks so but the columns
    cannot be told."""
    width = max(map(len, [head, *lines]))
    filled = [0] * width
    for line in (head, *lines):
        for i, char in enumerate(line):
            filled[i] += char != " "
    # a value longer than its column spills into the next on its line (and shifts the rest
    # of it): a position is a gap when at most one line in twenty fills it
    filled = [count > len(lines) // 20 or head[i:i + 1].strip() != ""
              for i, count in enumerate(filled)]
    runs = [i for i in range(width) if filled[i] and (i == 0 or not filled[i - 1])]
    named_runs = [start for start, end in _spans(runs) if head[start:end].strip()]
    words = [m.start() for m in re.finditer(r"\S+", head)]
    empty = [start for start, end in _spans(named_runs)  # a header word over no data
             if not any(line[start:end].strip() for line in lines)]
    if len(named_runs) >= 2 and len(words) == len(named_runs) and named_runs[0] == runs[0] \
            and not empty:
        return named_runs
    if len(named_runs) < 2 and not _PADDED.search(head):
        return None
    raise IngestError(
        "the lines look like fixed-width text (values padded with spaces), but its columns "
        f"cannot be told from the alignment: header {head.strip()!r}", file=path,
        hint="set options: widths: [...] (each column's width in characters, the header's "
             "line split the same way), or delimiter: if a character separates the values")


def _starts_given(widths: Any, path: Path) -> list[int]:
    """The columns' starts from the `widths` option."""
    if not (isinstance(widths, list) and widths and all(
            isinstance(w, int) and not isinstance(w, bool) and w > 0 for w in widths)):
        raise IngestError(f"widths is {widths!r}", file=path,
                          hint="widths: a list of positive integers, each column's width in "
                               "characters, e.g. widths: [10, 4, 12]")
    return [sum(widths[:i]) for i in range(len(widths))]


def _spans(starts: list[int]) -> list[tuple[int, int | None]]:
    """(start, end) of each column; the last runs to the line's end."""
    return list(zip(starts, [*starts[1:], None]))


def _split(con: Any, path: Path, starts: list[int], names: list[str], header_line: int
           ) -> tuple[int, int] | None:
    """`_TABLE`: the lines after the header split at `starts`, trimmed, '' as NULL. A value
    longer than its column pushes the rest of its line right: each field then starts
    after the first space at or past its start, shifted as the field before it was. The
    number of lines so shifted and the first one's number; None when none is."""
    lines = exp.Table(this=exp.func(
        "read_csv", exp.Literal.string(str(path)), named("columns", {"line": "VARCHAR"}),
        named("delim", "\x1f"), named("quote", ""), named("escape", ""),
        named("header", False), named("auto_detect", False)))
    line = exp.column("line")
    padded = exp.DPipe(this=line, expression=exp.Literal.string(" "))
    begins: list[exp.Expression] = [exp.Literal.number(starts[0] + 1)]  # 1-based, per line
    positions = []
    for index in range(1, len(starts)):
        shift = exp.Sub(this=begins[-1], expression=exp.Literal.number(starts[index - 1] + 1))
        # the space before the field, where it is when nothing spilled
        wanted = exp.Paren(this=exp.Add(this=exp.Literal.number(starts[index]),
                                        expression=shift))
        space = exp.func("strpos", exp.func("substr", padded, wanted), exp.Literal.string(" "))
        found = exp.func("coalesce", exp.func("nullif", space, exp.Literal.number(0)),
                         exp.Literal.number(1))
        positions.append(exp.Add(this=wanted.copy(), expression=found).as_(f"_s{index}"))
        begins.append(exp.column(f"_s{index}"))
    cells = []
    for index, name in enumerate(names):
        args = [line, begins[index]]
        if index + 1 < len(names):
            args.append(exp.Sub(this=begins[index + 1], expression=begins[index]))
        cells.append(exp.func("nullif", exp.func("trim", exp.func("substr", *args)),
                              exp.Literal.string("")).as_(ident(name)))
    number = exp.column("_n")
    numbered = exp.select(line, exp.Window(this=exp.func("row_number")).as_("_n")).from_(lines)
    located = exp.select(line, number, *positions).from_(numbered.subquery("l")).where(
        exp.and_(number > header_line, exp.func("trim", line).neq(exp.Literal.string(""))))
    last = begins[-1] if len(starts) > 1 else None
    moved = exp.column("_moved")
    con.execute(temp_table("_dn_lines", exp.select(
        *cells, number, (last.neq(starts[-1] + 1) if last is not None else exp.false())
        .as_("_moved")).from_(located.subquery("p"))))
    con.execute(temp_table(_TABLE, exp.select(*[column(n) for n in names])
                           .from_("_dn_lines").order_by(number)))
    count, first = con.execute(exp.select(exp.func("count", exp.Star()), exp.func(
        "min", number)).from_("_dn_lines").where(moved).sql("duckdb")).fetchone()
    return (count, first) if count else None


def _types(con: Any, names: list[str]) -> list[str]:
    """Each column's type: the first of `_TYPES` every value casts to, else VARCHAR."""
    checks = [exp.func("bool_and", exp.or_(column(n).is_(exp.null()), exp.TryCast(
        this=column(n), to=exp.DataType.build(t)).is_(exp.null()).not_()))
        for n in names for t in _TYPES]
    fits = con.execute(exp.select(*checks).from_(_TABLE).sql("duckdb")).fetchone()
    filled = con.execute(exp.select(*[exp.func("count", column(n)) for n in names])
                         .from_(_TABLE).sql("duckdb")).fetchone()
    return [next((t for j, t in enumerate(_TYPES) if fits[i * len(_TYPES) + j]), "VARCHAR")
            if filled[i] else "VARCHAR" for i in range(len(names))]
