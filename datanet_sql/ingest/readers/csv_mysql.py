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
reading the uneven one, or stands before a character MySQL never escapes (`\\d`,
LaTeX's `\\alpha`: MySQL doubles a backslash that is data): such a file is read as
before. So is a file both readings split evenly, at other field counts (no header, and a
backslash before the delimiter at one place on every line: a column of drives `C:\\`, or
a headerless INTO OUTFILE), with a note naming the options that read the escapes. The
options decide instead when they give `quote` or `escape` (`{quote: '', escape: '\\\\'}`
says the file is in this format; any other says it is not).

Such a file is read from a copy in plain CSV (each value unescaped, quoted where it must
be, `\\N` an empty field, which reads as NULL), written line by line in bounded memory,
and noted, naming the columns whose values held escapes.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from functools import cache
from pathlib import Path
from typing import Any

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.csv_layout import CANDIDATES, reader
from datanet_sql.ingest.readers.scratch import copy_path

_SAMPLE_BYTES = 1 << 20
_UNESCAPED = {"0": "\0", "b": "\b", "n": "\n", "r": "\r", "t": "\t", "Z": "\x1a"}
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
TOLD = {"quote": "", "escape": "\\"}   # the options that say a file is in this format


def found(path: Path, opts: dict[str, Any], name: str | None = None
          ) -> tuple[str, bool] | None:
    """The delimiter of a file that may be in MySQL's backslash-escaped format, and whether
    it surely is (the options say so, or only the escaped reading of its first MB splits
    every record evenly; not surely when both readings do, at other field counts: every
    line holds a backslash before a delimiter, a drive `C:\\` or an escape); None
    for any other file (see the module's docstring). Told without a delimiter, the one
    the escaped reading splits evenly, else INTO OUTFILE's default, the tab, when no
    delimiter splits a record: a file told so whose records split unevenly on the one
    given or on every candidate (`C:\\data\\,5` over `C:\\temp,6`) is refused naming it
    (`name`, else `path`), not read as one column."""
    said = told(opts)
    if not said and ("quote" in opts or "escape" in opts):
        return None
    if (given := opts.get("delimiter")) is not None and given not in CANDIDATES:
        return (given, True) if said and len(given) == 1 else None
    with open(path, "rb") as handle:
        data = handle.read(_SAMPLE_BYTES)
    if b"\\" not in data and not said:   # nearly every file: nothing to decide
        return None
    cut = len(data) == _SAMPLE_BYTES
    if cut:
        data = data[:data.rfind(b"\n") + 1]
    text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    lines = list(io.StringIO(text, newline=""))   # split as the copy's lines are
    records = list(_records(lines))
    if cut and records and _escapes_end(records[-1]):   # cut inside an escaped line break
        records.pop()
    candidates = [opts["delimiter"]] if "delimiter" in opts else CANDIDATES
    even = [(*seen, d) for d in candidates
            if (seen := _escaped_width(lines, records, d, said)) is not None]
    if not even and said:
        _refuse_uneven(records, candidates, name or str(path))
    if not even:
        return (opts.get("delimiter", "\t"), True) if said else None
    sure, _, delim = max(even)
    return delim, sure or said


def told(opts: dict[str, Any]) -> bool:
    """The options say the file is in this format (`TOLD`)."""
    return {k: opts.get(k) for k in TOLD} == TOLD


def _refuse_uneven(records: list[str], candidates: Iterable[str], name: str) -> None:
    """An IngestError when one of the `candidates` splits some record (the escapes
    honoured), none evenly: the file is not MySQL's on any of them, and read as one
    tab-separated column, or with a short record taken for a title, it would be silently
    wrong."""
    for delim in candidates:
        widths = [(number, len(_split(r, delim))) for number, r in enumerate(records, 1)
                  if r.strip()]
        if any(width > 1 for _, width in widths):
            shown = ", ".join(f"record {n} has {w}" for n, w in widths[:3])
            raise IngestError(
                f"the options say MySQL's backslash escapes ({{quote: '', escape: '\\'}}), "
                f"but with them honoured the records split on {delim!r} into different "
                f"numbers of fields ({shown})",
                file=name, hint="MySQL writes every record with the same number of fields: "
                                "if the backslashes are data (Windows paths), leave quote and "
                                "escape out of the options (or set escape: '')")


def _escaped_width(lines: list[str], records: list[str], delim: str, said: bool
                   ) -> tuple[bool, int] | None:
    """The field count every record splits into on `delim` with the escapes honoured, when
    that is even (two fields at least) and DuckDB's reading of the lines differs (or the
    options `said` the escapes are MySQL's), and whether that reading is uneven (sure);
    else None. The regex checks come first, each once over the records (only the last can
    end in an escape, so joined they match as each alone does), behind a plain search for a
    backslash before the delimiter or a line break: splitting every record in Python, or
    searching each, cost a third of a 50 MB read whose paths hold backslashes."""
    joined = "\n".join(records)
    if not said and not (any(f"\\{c}" in joined for c in (delim, "\r", "\n")) and
                         _escaped_split(delim).search(joined)):
        return None   # no backslash before a delimiter or a line break: nothing escaped
    if not said and _foreign_escape(delim).search(joined):
        return None   # a backslash that is data (`\\d`, `\\alpha`): MySQL doubles those
    widths = {len(_split(r, delim)) for r in records if r.strip()}
    if len(widths) != 1 or (width := widths.pop()) < 2:
        return None
    if said:
        return True, width
    plain = {len(fields) for fields in reader(
        (line for line in lines if line.strip()), delim, '"')}
    return None if plain == {width} else (len(plain) > 1, width)


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
    for match in _fields(delim).finditer(record):
        fields.append(match.group(1))
        if match.group(2) is None:
            break
    return fields


@cache
def _fields(delim: str) -> re.Pattern[str]:
    """A field (escaped characters, a lone backslash ending the record, any other character
    but the delimiter) and the delimiter after it, if any."""
    d = re.escape(delim)
    return re.compile(rf"((?:\\.|\\\Z|[^\\{d}])*)({d})?", re.DOTALL)


@cache
def _escaped_split(delim: str) -> re.Pattern[str]:
    """A backslash (not itself escaped) before the delimiter or a line break."""
    return re.compile(rf"(?:^|[^\\])(?:\\\\)*\\[{re.escape(delim)}\r\n]")


@cache
def _foreign_escape(delim: str) -> re.Pattern[str]:
    """A backslash (not itself escaped) before a character MySQL never writes one before
    (it escapes only a backslash, the delimiter, a line break, NUL as `0` and NULL as `N`;
    `LOAD DATA` also reads the letters of `_UNESCAPED`): a regex's `\\d`, LaTeX's
    `\\alpha`, a Windows path's `\\data`, whose backslashes are data."""
    written = re.escape("".join(["\\", delim, "\r\n", "N", *_UNESCAPED]))
    return re.compile(rf"(?:^|[^\\])(?:\\\\)*\\[^{written}]")


def _value(field: str) -> str | None:
    """A field as MySQL's `LOAD DATA` reads it: `\\N` NULL, `\\t` a tab and the other
    letters of `_UNESCAPED` their characters, any other escaped character itself."""
    if field == "\\N":
        return None
    return _ESCAPE.sub(lambda m: _UNESCAPED.get(m.group(1), m.group(1)), field)


def unescaped(stack: ExitStack, path: Path, name: str, opts: dict[str, Any]
              ) -> tuple[Path, list[str], dict[str, Any]]:
    """`path`, or, for a file in MySQL's backslash-escaped format, a copy of it in plain CSV
    on the same delimiter (removed with `stack`), the note (`name`: the file as the user
    knows it), and the options reading what is returned: the copy's on its delimiter, not
    sniffed again (a value `C:data,5` in a tab-separated copy read as two columns, where
    the scan read one: DuckDB's BinderException)."""
    seen = found(path, opts, name)
    if seen is None:
        return path, [], opts
    delim, sure = seen
    if not sure:
        return path, [_doubt(path, name, delim)], opts
    copy = copy_path(stack, path, "mysql")
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
    plain = {k: v for k, v in opts.items() if k not in TOLD}
    return copy, [_note(name, delim, first, escaped, told(opts))], {**plain, "delimiter": delim}


def _doubt(path: Path, name: str, delim: str) -> str:
    """The note of a file read as before whose every line holds a backslash before the
    delimiter, naming the columns (by place) whose first value ends in one."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        first = next(reader(handle, delim, '"'), [])
    places = [str(i + 1) for i, field in enumerate(first) if _escapes_end(field)]
    where = f" (column(s) {', '.join(places)} end in one on line 1)" if places else ""
    return (f"{name}: every line holds a backslash before the delimiter {delim!r}{where}: "
            f"read as data (a Windows drive such as 'C:\\'); if the file is MySQL's "
            f"SELECT ... INTO OUTFILE, whose backslash escapes the delimiter inside a value, "
            f"set options: {{quote: '', escape: '\\\\'}}")


def _note(name: str, delim: str, first: list[str], escaped: Counter[tuple[str, int]],
          by_options: bool) -> str:
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
    why = "as the options say" if by_options else \
        "every record splits evenly only with them honoured"
    return (f"{name}: MySQL backslash escapes read (SELECT ... INTO OUTFILE without ENCLOSED "
            f"BY; {why}): {'; '.join(s for s in said if s)}; if the backslashes are data, "
            f"set options: {{escape: ''}}")
