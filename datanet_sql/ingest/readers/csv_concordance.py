"""Concordance load files (`.dat`), e-discovery's standard way to hand over a production's
metadata: every field enclosed in `þ` (U+00FE) and the fields joined by DC4 (0x14,
Concordance's default, shown there as `¶`), or by another single character some tools write
instead (a real `¶`, `®`, a comma, a pipe, a tab); the field names on the first line; a
value may hold `;` (between the values of a field of several) and `®` (Concordance's
stand-in for a line break). DuckDB takes a quote of one byte only, `þ` is two in UTF-8, so
its sniffer reads such a file as one column named after the whole header (`th_begbatesth_...`
once cleaned), silently.

When the file's first line is fields enclosed in `þ` (or in `^`, as "pipe-caret" load
files write `^BEGDOC^|^ENDDOC^`: DuckDB's sniffer never tries that quote), each two joined
by the same one character (not a letter, a digit, a quote or a space), the file is read
from a copy whose every `"` is doubled and every `þ` is a `"`: a CSV quoted exactly as the
load file was, so a value holding the delimiter or a line break stays one value. The
delimiter and quote are told, and the first line is the header (a DuckDB sniff could take
names over text columns for a record) unless the options say otherwise, noted. A `þ`
inside a value (not next to a delimiter or a line's end) leaves where that value ends
unknowable: refused, naming the line and column. `®` is kept as written, noted with the
fields it is in (it may be a registered sign). A given `quote` other than the file's, or a
`delimiter` other than the one the first line shows, says the file is something else: it
is then left as it is. A legacy or UTF-16 file is looked at as its UTF-8 copy (`þ` is the
byte 0xFE in Windows-1252).
"""

from __future__ import annotations

import codecs
import re
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from sqlglot import exp

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.csv_layout import reader
from datanet_sql.ingest.readers.scratch import copy_path
from datanet_sql.ingest.readers.sql import column, count_if, named

QUOTE = "\u00fe"   # þ, Concordance's default
# the characters a load file encloses every field in: Concordance's þ, and the caret of
# "pipe-caret" load files (`^BEGDOC^|^ENDDOC^`), whose sniff took the carets for text
QUOTES = (QUOTE, "^")
NEWLINE = "\u00ae"   # ®: Concordance's stand-in for a line break inside a value
SHOWN = {"\x14": "DC4 (0x14, Concordance's default)", "\u00b6": "'¶' (U+00B6)",
         "\u00ae": "'®' (U+00AE)", "\t": "a tab"}
_HEAD = 1 << 16   # characters of the first line looked at, at most
_CHUNK = 1 << 20  # characters rewritten at a time
_FORBIDDEN = "\"' \r\n"   # never a delimiter between enclosed fields


def enclosure(path: Path, opts: dict[str, Any]) -> tuple[str, str] | None:
    """(quote, delimiter): the `QUOTES` character every field (two at least) of the UTF-8
    file's first line is enclosed in, and the one character joining them, when the options
    (a `quote`, a `delimiter`) do not say otherwise; else None. Most files are told apart
    by their first bytes."""
    with path.open("rb") as handle:
        start = handle.read(5).removeprefix(codecs.BOM_UTF8)
    quote = next((q for q in QUOTES if start.startswith(q.encode())), None)
    if quote is None or opts.get("quote", quote) != quote:
        return None
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
        line = handle.readline(_HEAD).rstrip("\r\n")
    parts = line.split(quote)   # '', name, delimiter, name, ..., name, ''
    between = set(parts[2:-1:2])
    if len(parts) < 5 or len(parts) % 2 == 0 or parts[0] or parts[-1] or len(between) != 1:
        return None
    delimiter = between.pop()
    if len(delimiter) != 1 or delimiter.isalnum() or delimiter in _FORBIDDEN or \
            opts.get("delimiter", delimiter) != delimiter:
        return None
    return quote, delimiter


def requoted(stack: ExitStack, con: Any, path: Path, name: str, opts: dict[str, Any]
             ) -> tuple[Path, list[str], dict[str, Any]]:
    """`path`, or a copy of it (removed with `stack`) quoted with `"` where the load file
    quoted with `þ` (or `^`); the notes; the options telling the copy's delimiter and quote
    (`name`: the file as the user knows it)."""
    found = enclosure(path, opts)
    if found is None:
        return path, [], opts
    quote, delimiter = found
    copy = copy_path(stack, path, "concordance")
    marked = _rewrite(path, copy, quote, delimiter, name)
    shown = SHOWN.get(delimiter, repr(delimiter))
    header = "" if "header" in opts else \
        " and its first line as the field names, as Concordance writes them (if it is a " \
        "record, set options: {header: false})"
    notes = [(f"{name}: a Concordance load file (e-discovery): every field enclosed in "
              f"{quote!r}, the fields separated by {shown}: read with {quote!r} as the "
              f"quote{header}")]
    if marked and delimiter != NEWLINE:
        notes.append(_newline_note(con, copy, delimiter, name))
    return copy, notes, {"header": True, **opts, "delimiter": delimiter, "quote": '"',
                         "escape": '"'}


def _rewrite(path: Path, copy: Path, quote: str, delimiter: str, name: str) -> bool:
    """Write `path` to `copy` with every `"` doubled and every `quote` a `"`, in chunks;
    whether a `®` was met. Refused at the first `quote` inside a value: one with neither a
    line's start or the delimiter before it nor a line's end or the delimiter after it."""
    d, q = re.escape(delimiter), re.escape(quote)
    # the quote first: the regex engine skips to each (8 times faster than a class first)
    inside = re.compile(f"{q}(?<![{d}\n]{q})[^{d}\r\n]")
    # the file starts as if after a line break; `offset`: where `text` starts in the file
    tail, lines, marked, offset, line_start = "\n", 0, False, -1, 0
    # a byte no UTF-8 past the start the encoding was judged on is copied as it is: DuckDB
    # then meets it, and the file is judged whole and read again (`csv.read`)
    with open(path, encoding="utf-8-sig", errors="surrogateescape", newline="") as source, \
            open(copy, "w", encoding="utf-8", errors="surrogateescape", newline="") as target:
        for chunk in iter(lambda: source.read(_CHUNK), ""):
            text = tail + chunk
            if found := inside.search(text, 1):   # a þ at 0 was judged with what preceded it
                at = found.start()
                before = text.rfind("\n", 0, at)
                start = offset + before + 1 if before >= 0 else line_start
                line = lines - tail.count("\n") + text.count("\n", 0, at) + 1
                near = text[max(at - 20, before + 1):at + 20].splitlines()[0]
                raise IngestError(
                    f"a Concordance load file (every field enclosed in {quote!r}) whose line "
                    f"{line} holds a {quote!r} inside a value (column "
                    f"{offset + at - start + 1}, near {near!r}): where that value ends cannot "
                    f"be told", file=name,
                    hint=f"have the load file exported again with another quote character "
                         f"(or without {quote!r} in its values), and pass options: "
                         f"{{quote: ..., delimiter: ...}} naming them")
            target.write(chunk.replace('"', '""').replace(quote, '"'))
            marked = marked or NEWLINE in chunk
            lines += chunk.count("\n")
            if (last := chunk.rfind("\n")) >= 0:
                line_start = offset + len(tail) + last + 1
            offset += len(text) - 2
            tail = text[-2:]
    return marked


def _newline_note(con: Any, copy: Path, delimiter: str, name: str) -> str:
    """The note naming the fields (by the first line's names) whose values hold `®`."""
    with open(copy, encoding="utf-8", newline="") as handle:
        first = next(reader([handle.readline(_HEAD).rstrip("\r\n")], delimiter, '"'), [])
    names = [f"c{i}" for i in range(len(first))]
    scan = exp.Table(this=exp.func(
        "read_csv", exp.Literal.string(str(copy)), named("columns", dict.fromkeys(
            names, "VARCHAR")), named("header", False), named("delim", delimiter),
        named("quote", '"'), named("escape", '"'), named("auto_detect", False),
        named("strict_mode", False), named("null_padding", True),
        named("ignore_errors", True)))
    held = exp.Literal.string(f"%{NEWLINE}%")
    counts = con.execute(exp.select(*[count_if(exp.Like(this=column(n), expression=held))
                                      for n in names]).from_(scan).sql("duckdb")).fetchall()[0]
    fields = ", ".join(f"{first[i]!r} ({n} value(s))" for i, n in enumerate(counts) if n)
    return (f"{name}: '®' (Concordance's stand-in for a line break inside a value) in "
            f"field(s) {fields or 'of lines no field was read from'}: kept as written (it may "
            f"be a registered sign); replace(column, '®', chr(10)) in the model makes them "
            f"line breaks")

