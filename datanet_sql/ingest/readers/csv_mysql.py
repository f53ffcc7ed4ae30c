"""MySQL's backslash-escaped text files: `SELECT ... INTO OUTFILE` and `mysqldump --tab`
with no `ENCLOSED BY` (the default, tab-separated, and `FIELDS TERMINATED BY ','`). A
delimiter inside a value is written after a backslash (`[50\\, 75)`), a line break inside
a value as a backslash before the real one, a backslash doubled, NULL as `\\N`, NUL as
`\\0`; on reading, `\\t`, `\\n`, `\\r`, `\\b` and `\\Z` are the control characters
(`LOAD DATA`'s rules). DuckDB honours an escape only inside quotes, so such a file splits
`\\,` into two fields: every such row has a field too many, the header is taken for data
and the table is shifted, silently.

A file is taken for this format only on evidence in its first MB: a delimiter whose every
record (the header too) splits into the same number of fields (two at least) when the
escapes are honoured, while split as DuckDB splits it (quotes honoured, backslashes not)
some line does not. A backslash that is data (a Windows path `C:\\data`, a regex `\\d+`)
stands before no delimiter, or, at a folder's end (`C:\\data\\,5`), makes the escaped
reading the uneven one: such a file is read as before. The options decide instead when
they give `quote` or `escape` (`{quote: '', escape: '\\\\'}` says the file is in this
format; any other says it is not).

Such a file is read from a copy in plain CSV (each value unescaped, quoted where it must
be, `\\N` an empty field, which reads as NULL), written line by line in bounded memory,
and noted, naming the columns whose values held escapes.
"""

from __future__ import annotations

import csv
import re
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from datanet_sql.ingest.readers.csv_layout import CANDIDATES, reader

_SAMPLE_BYTES = 1 << 20
_UNESCAPED = {"0": "\0", "b": "\b", "n": "\n", "r": "\r", "t": "\t", "Z": "\x1a"}
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
# a field (an escaped character, a lone backslash ending the record, or any other but the
# delimiter) and the delimiter after it, if any
_FIELDS = {d: re.compile(rf"((?:\\.|\\\Z|[^\\{re.escape(d)}])*)({re.escape(d)})?",
                         re.DOTALL) for d in CANDIDATES}
TOLD = {"quote": "", "escape": "\\"}   # the options that say a file is in this format


def delimiter(path: Path, opts: dict[str, Any]) -> str | None:
    """The delimiter of a file in MySQL's backslash-escaped format (as the options say, or
    on the evidence of its first MB, see the module's docstring); None for any other."""
    if "quote" in opts or "escape" in opts:
        if {k: opts.get(k) for k in TOLD} != TOLD:
            return None
        return opts.get("delimiter", "\t")   # INTO OUTFILE's default
    if opts.get("delimiter") not in (None, *CANDIDATES):
        return None
    with open(path, "rb") as handle:
        data = handle.read(_SAMPLE_BYTES)
    if b"\\" not in data:   # nearly every file: no backslash, nothing to decide
        return None
    if len(data) == _SAMPLE_BYTES:
        data = data[:data.rfind(b"\n") + 1]
    text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    lines = text.splitlines(keepends=True)
    records = list(_records(lines))
    if records and records[-1].endswith("\\"):   # cut in the middle of an escaped line break
        records.pop()
    candidates = [opts["delimiter"]] if "delimiter" in opts else CANDIDATES
    found = [(width, d) for d in candidates if (width := _escaped_width(lines, records, d))]
    return max(found)[1] if found else None


def _escaped_width(lines: list[str], records: list[str], delim: str) -> int:
    """The field count every record splits into on `delim` with the escapes honoured, when
    that is even (two fields at least) and DuckDB's reading of the lines is not; else 0."""
    widths = {len(_split(r, delim)) for r in records if r.strip()}
    if len(widths) != 1 or (width := widths.pop()) < 2:
        return 0
    plain = {len(fields) for fields in reader(
        (line for line in lines if line.strip()), delim, '"')}
    return width if plain != {width} else 0


def _records(lines: Iterable[str]) -> Iterator[str]:
    """The records of the lines, each without its line end: a line whose end is escaped (an
    odd run of backslashes before it) goes on into the next, the break part of the value."""
    held = ""
    for line in lines:
        body = line.rstrip("\r\n")
        if _escapes_end(body) and len(body) < len(line):
            held += line
            continue
        yield held + body
        held = ""
    if held:
        yield held.rstrip("\r\n")


def _escapes_end(body: str) -> bool:
    return (len(body) - len(body.rstrip("\\"))) % 2 == 1


def _split(record: str, delim: str) -> list[str]:
    """The fields of a record, still escaped, split on the delimiters no backslash escapes."""
    fields = []
    for match in _FIELDS[delim].finditer(record):
        fields.append(match.group(1))
        if match.group(2) is None:
            break
    return fields


def _value(field: str) -> str | None:
    """A field as MySQL's `LOAD DATA` reads it: `\\N` NULL, `\\t` a tab and the other
    letters of `_UNESCAPED` their characters, any other escaped character itself."""
    if field == "\\N":
        return None
    return _ESCAPE.sub(lambda m: _UNESCAPED.get(m.group(1), m.group(1)), field)


def unescaped(stack: ExitStack, path: Path, name: str, opts: dict[str, Any]
              ) -> tuple[Path, list[str]]:
    """`path`, or, for a file in MySQL's backslash-escaped format, a copy of it in plain CSV
    on the same delimiter (removed with `stack`), and the note (`name`: the file as the user
    knows it)."""
    delim = delimiter(path, opts)
    if delim is None:
        return path, []
    folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="datanet-mysql-"))
    copy = Path(folder) / path.name
    first: list[str] = []
    escaped: Counter[tuple[str, int]] = Counter()   # (what, field position) -> values
    with open(path, encoding="utf-8-sig", newline="") as source, \
            open(copy, "w", encoding="utf-8", newline="") as target:
        out = csv.writer(target, delimiter=delim, lineterminator="\n")
        for record in _records(source):
            fields = _split(record, delim)
            first = first or fields
            for i, field in enumerate(fields):
                if field == "\\N":
                    escaped["NULL", i] += 1
                elif "\\" in field:
                    escaped["delimiter" if "\\" + delim in field else "other", i] += 1
            out.writerow(["" if v is None else v for v in map(_value, fields)])
    told = {k: opts.get(k) for k in TOLD} == TOLD
    return copy, [_note(name, delim, first, escaped, told)]


def _note(name: str, delim: str, first: list[str], escaped: Counter[tuple[str, int]],
          told: bool) -> str:
    """What was unescaped where, naming each column by its place and its first line's field
    (the header's name, when the file has one)."""
    def columns(what: str) -> str:
        places = sorted(i for kind, i in escaped if kind == what)
        named = [f"{i + 1} {_value(first[i]) or '' if i < len(first) else ''!r}"
                 for i in places]
        return f"column(s) {', '.join(named)}" if named else ""

    said = [f"a backslash before the delimiter {delim!r} makes it part of the value "
            f"({where})" if (where := columns("delimiter")) else "",
            f"'\\N' is NULL ({where})" if (where := columns("NULL")) else "",
            f"other escapes ('\\\\' a backslash, '\\t', '\\n', '\\0', a backslash before "
            f"a line break) read as MySQL's LOAD DATA reads them ({where})"
            if (where := columns("other")) else ""]
    why = "as the options say" if told else "every record splits evenly only with them honoured"
    return (f"{name}: MySQL backslash escapes read (SELECT ... INTO OUTFILE without ENCLOSED "
            f"BY; {why}): {'; '.join(s for s in said if s)}; if the backslashes are data, "
            f"set options: {{escape: ''}}")
