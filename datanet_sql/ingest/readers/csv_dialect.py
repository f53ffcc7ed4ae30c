"""How a CSV file is split into columns: the dialect DuckDB's sniffer decides (delimiter,
quote, title rows, header, decimal comma, the columns that may hold numbers), with the
second opinions a sniff needs on real exports (ragged rows, a ragged row near the end,
European decimal commas, a title or logger line above the header of another field count,
a header of periods read as a data row, see `csv_periods`; Power Query's generic
`Column1` ... header over the real names, see `generic_header`), the lines of units under
the header, and a header written on two lines (`csv_split_header`). `csv.py` reads the file
with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlglot import exp

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers import (
    csv_gradebook,
    csv_record_header,
    csv_sections,
    csv_split_header,
    csv_values,
    generic_header,
)
from datanet_sql.ingest.readers.csv_dates import DateOrders
from datanet_sql.ingest.readers.csv_datetimes import Datetimes
from datanet_sql.ingest.readers.csv_layout import (
    CONTROL,
    QUOTED_ONLY,
    control_delimiter,
    doubled_delimiter,
    guess_layout,
    header_under_preamble,
    header_under_title,
    reader,
    wide_header,
)
from datanet_sql.ingest.readers.csv_periods import period_header
from datanet_sql.ingest.readers.csv_r_missing import Missing
from datanet_sql.ingest.readers.csv_row_names import note as row_names_note
from datanet_sql.ingest.readers.csv_row_names import row_names_header
from datanet_sql.ingest.readers.csv_spaced import SPACE, space_delimited
from datanet_sql.ingest.readers.csv_spaced import note as spaced_note
from datanet_sql.ingest.readers.names import unique_names
from datanet_sql.ingest.readers.shape import NO_HEADER
from datanet_sql.ingest.readers.sql import named

USER_SPELLING = ("decimal_separator", "null_values", "thousands")  # no guessing past these
UNITS_LINES = 3   # lines of units (and such) under a header: a logger writes two
TEMPORAL = ("DATE", "TIMESTAMP")


def described(encoding: str, delimiter: str, skip: int | None, decimal_comma: bool) -> str:
    """How a file was read, as its note says it (`skip`: lines above the header, None for a
    file without one)."""
    return (f"encoding {encoding}, delimiter {delimiter!r}, "
            f"header {'none' if skip is None else f'on line {skip + 1}'}"
            + (", decimal comma" if decimal_comma else ""))


# a file read as nearly every file is (UTF-8, comma or tab, header on the first line): the
# note says how it was read, but no reader decided anything a contract needs to keep
PLAIN_READS = frozenset(described("utf-8", d, 0, False) for d in (",", "\t"))


@dataclass
class Dialect:
    """What the sniffer (or the options) decided about the file's layout."""

    delimiter: str
    quote: str
    escape: str
    skip: int
    header: bool
    names: list[str]
    types: list[str]
    decimal: str = "."
    header_row: list[str] | None = None   # the header as written, before names were cleaned
    hinted: list[str] = field(default_factory=list)  # text columns that may hold numbers
    units: list[dict[str, str]] = field(default_factory=list)  # lines of units? name -> field
    dated: dict[str, str] = field(default_factory=dict)  # text for a units line: DATE, TIMESTAMP
    notes: tuple[str, ...] = ()   # what the sniff itself decided (a title line left out)
    checked: csv_values.Checked = field(default_factory=csv_values.Checked)
    dates: DateOrders = field(default_factory=DateOrders)   # day or month first, see csv_dates
    datetimes: Datetimes = field(default_factory=Datetimes)   # the same, see csv_datetimes
    missing: Missing = field(default_factory=Missing)   # R's bare NA, see csv_r_missing
    # typed BOOLEAN by the sniffer from words other than true/false (`Yes`/`No`): read as
    # text, name -> those words (see csv_booleans)
    worded: dict[str, list[str]] = field(default_factory=dict)
    # typed TIME or INTERVAL by the sniffer, named as angles (`ra`, `dec`): read as text
    # (see csv_angles)
    angles: tuple[str, ...] = ()
    # the header line (at `skip`) is not as wide as the records (it ends with the delimiter,
    # or R left the row names out of it), which DuckDB reads only headerless: read past it
    # (`read_skip`), the names from it
    header_apart: bool = False
    # lines under the header read past with it (Canvas's `Points Possible`, see
    # `csv_gradebook`): the records start below them
    under_header: int = 0
    # the header goes on on the line under it (`csv_split_header`): the names join both,
    # the line is `units[0]`, left out whatever is below it
    split_header: bool = False

    @property
    def decimal_comma(self) -> bool:
        return self.decimal == ","

    @property
    def read_skip(self) -> int:
        """The lines DuckDB skips: those above the header, a header apart's own, and the
        lines under it read past with it."""
        return self.skip + self.header_apart + self.under_header

    @property
    def read_header(self) -> bool:
        """DuckDB reads the header line: not a header apart, read past (`names` name it)."""
        return self.header and not self.header_apart


def sniff(con: Any, path: Path, opts: dict[str, Any], label: str) -> Dialect:
    """DuckDB's sniffer, told whatever the options already fix (see `_layout_found`).

    A file not split on commas whose text columns read as numbers with a decimal comma
    (European exports) is read with `decimal_separator=','`. A header line that alone ends
    with the delimiter (`csv_layout.wide_header`), or one a field short of every record as
    R's `write.table` writes the row names (`csv_row_names`), which DuckDB reads only
    headerless, is read past (`Dialect.header_apart`), noted: the wide header's empty last
    name dropped, the row names a first column named as an empty header cell is."""
    given = {k: opts[k] for k in ("delimiter", "quote", "escape", "header", "skip",
                                  "decimal_separator", "dateformat") if k in opts}
    section = None if {"header", "skip"} & set(given) else \
        csv_sections.data_section(path, label)
    if section:   # told, as if the options named them
        given = {**given, "skip": section.skip, "header": True}
    wide = rows = None
    canvas: list[str] = []
    if given.get("header") is not False:
        layout = (path, given.get("quote", '"'), given.get("delimiter"), given.get("skip"))
        wide = wide_header(*layout)
        rows = None if wide else row_names_header(*layout)
    if wide:
        found = _past_header(con, path, given, label, *wide)
        notes: tuple[str, ...] = (_wide_note(wide[1], len(found[5])),)
    elif rows:   # noted below, naming the column the row names become
        escaped = {"escape": rows.escape} if rows.escape and "escape" not in given else {}
        found = _past_header(con, path, {**given, **escaped}, label, rows.delimiter, rows.skip)
        notes = ()
    else:
        found, notes = _layout_found(con, path, given, label)
        at = int(found[3])
        canvas = csv_gradebook.lines_under(path, found[0], "" if found[1] == "(empty)" else
                                           found[1], at) \
            if found[4] and "skip" not in given else []
        if canvas:   # read past the header and Canvas's lines under it, the names from it
            found = _past_header(con, path, given, label, found[0], at + len(canvas))
            notes = (*notes, csv_gradebook.note(canvas, at))
    decimal = str(given.get("decimal_separator", "."))
    if found[0] != "," and "decimal_separator" not in given:
        comma = _decimal_comma(con, path, given, found)
        if comma and _numeric(comma[5]) > _numeric(found[5]):
            decimal, found = ",", comma
    if section:
        notes = (section.note, *notes)
    delim, quote, escape, skip, header, cols = found
    quote, escape = ("" if q == "(empty)" else q for q in (quote, escape))
    read = (delim, quote, escape, skip, header, cols)   # as DuckDB reads the file
    apart = wide[1] if wide else rows.skip if rows else at if canvas else None
    if apart is not None:   # the header line's place, as `Dialect` keeps it: `_scan` reads past it
        skip, header = apart, True
    written = header_names(path, delim, quote, skip, rows.escape if rows else "") \
        if header else None
    if wide and written:   # its empty last name, no column's
        written = written[:-1]
    if rows and written:   # the row names' field, which R leaves unnamed
        written = ["", *written]
    units = _units_lines(path, delim, quote, skip, cols) if header else []
    under = header_names(path, delim, quote, skip + 1) if written and apart is None else []
    split = csv_split_header.second_line(written or [], under, [
        c["type"] in csv_values.NUMERIC for c in cols])
    if split:   # the header's second line, left out whatever is below it (see `check`)
        notes = (*notes, csv_split_header.note(written or [], under))
        written, units = csv_split_header.joined(written or [], under), [under]
    told = {} if set(USER_SPELLING) & set(opts) else \
        _hinted(con, path, read, decimal,
                [*(written or []), *(f for line in units for f in line)])
    names = [c["name"] for c in cols]
    if written:
        padded = (written + [""] * len(names))[:len(names)]
    elif header:
        padded = names
    else:   # named as an empty header cell is, not DuckDB's 0-based `column0`
        padded = [""] * len(names)
    if not header and "header" not in given:
        headerless = (f"{NO_HEADER} (the first line holds values as every other does): "
                      f"columns named column_1 to column_{len(names)}; if the first line is "
                      f"the header, set options: {{header: true}}")
        notes = (*notes, headerless)
    elif header and apart is None and "header" not in given and (
            doubt := csv_record_header.text_only_note(path, delim, quote, int(skip),
                                                      written or names,
                                                      [c["type"] for c in cols])):
        notes = (*notes, doubt)
    clean = unique_names(padded)
    if rows:
        notes = (*notes, row_names_note(rows.skip + 1, clean[0], len(clean) - 1))
    with_unit = {i for line in units for i, f in enumerate(line) if f.strip()}
    return Dialect(delim, quote, escape, int(skip), bool(header), clean,
                   [c["type"] for c in cols], decimal, written,
                   [clean[i] for i, t in told.items() if t in csv_values.NUMERIC],
                   [dict(zip(clean, line)) for line in units],
                   {clean[i]: t for i, t in told.items() if t in TEMPORAL and i in with_unit},
                   notes, header_apart=apart is not None, under_header=len(canvas),
                   split_header=split)


def _layout_found(con: Any, path: Path, given: dict[str, Any], label: str
                  ) -> tuple[tuple[Any, ...], tuple[str, ...]]:
    """The layout DuckDB's sniffer finds, with second opinions, and the notes of what they
    decided.

    Rows with a field too many or too few make DuckDB's sniffer give up or settle on one
    column; sniffing again while ignoring bad rows finds the real layout, and the wider of
    the two answers wins. A control character splitting every line alike is the delimiter
    (`csv_layout.CONTROL`: the sniffer never tries one; `QUOTED_ONLY`'s, a backquote
    between quoted fields, alike), and so is a single space where
    the sniff found one column and the file is laid out as `csv_spaced` tells."""
    control = None if "delimiter" in given else \
        control_delimiter(path, given.get("quote", '"'))
    if control:   # told, as if the options named it
        given = {**given, "delimiter": control}
    found = _sniff(con, path, given) or _sniff(con, path, {**given, "ignore_errors": True})
    if found and len(found[5]) == 1:
        found = max((found, _sniff(con, path, {**given, "ignore_errors": True}) or found),
                    key=lambda f: len(f[5]))
    notes: tuple[str, ...] = (_control_note(control),) if control else ()
    if (not found or len(found[5]) == 1) and "delimiter" not in given and \
            space_delimited(path, given.get("quote", '"')):
        given = {**given, "delimiter": SPACE}   # told, as if the options named it
        found = _sniff(con, path, given) or _sniff(con, path, {**given, "ignore_errors": True})
        notes = (spaced_note(len(found[5])),) if found else notes
    if (not found or len(found[5]) == 1 or _skipped_the_table(path, found)) and \
            not {"delimiter", "skip"} & set(given):
        found = _second_opinion(con, path, given) or found
    if not {"delimiter", "skip", "header"} & set(given) and \
            (title := _title_missed(con, path, given, found)):
        found, notes = title
    if not found:
        raise IngestError("cannot tell how the file is split into columns", file=label,
                          hint="set options: delimiter, quote, header, skip")
    if "header" not in given and (periods := _periods_missed(con, path, given, found)):
        found, notes = periods[0], (*notes, periods[1])
    if not {"header", "skip"} & set(given) and (generic := _generic_names(con, path, given,
                                                                          found)):
        found, notes = generic[0], (*notes, generic[1])
    if "delimiter" not in given and (doubled := _doubled(con, path, given, found)):
        found, notes = doubled[0], (*notes, doubled[1])
    if not {"header", "skip"} & set(given) and (record := _record_missed(con, path, given,
                                                                         found)):
        found = record   # noted as every headerless file is, in `sniff`
    return found, notes


def _past_header(con: Any, path: Path, given: dict[str, Any], label: str, delimiter: str,
                 skip: int) -> tuple[Any, ...]:
    """The layout of the records under a header line not as wide as they are (sniffed
    headerless past it: DuckDB refuses such a header); the caller notes why."""
    told = {**given, "delimiter": delimiter, "skip": skip + 1, "header": False}
    found = _sniff(con, path, told) or _sniff(con, path, {**told, "ignore_errors": True})
    if not found:
        raise IngestError("cannot tell how the records under the header are split",
                          file=label, hint="set options: delimiter, quote, header, skip")
    return found


def _wide_note(skip: int, width: int) -> str:
    return f"header on line {skip + 1} alone ends with the delimiter (an empty last name, " \
        f"which no record fills): the name dropped, the records read under the other {width}"


def _doubled(
    con: Any, path: Path, given: dict[str, Any], found: tuple[Any, ...]
) -> tuple[tuple[Any, ...], str] | None:
    """The layout sniffed on the delimiter written twice (`||`), with its note, when the
    one `found` leaves an empty, blank-named column between every two named ones (see
    `csv_layout.doubled_delimiter`): read on `|` alone, each would be a column."""
    delimiter = str(found[0])
    if not doubled_delimiter(path, delimiter, given.get("quote", '"'), int(found[3])):
        return None
    twice = {**given, "delimiter": delimiter * 2, "skip": found[3]}
    again = _sniff(con, path, twice) or _sniff(con, path, {**twice, "ignore_errors": True})
    if not again:
        return None
    note = (
        f"delimiter {delimiter * 2!r}: read on {delimiter!r} alone, every other column "
        f"would have no name and no value"
    )
    return again, note


def _control_note(delimiter: str) -> str:
    told = {**CONTROL, **QUOTED_ONLY}[delimiter]
    return f"delimiter {delimiter!r} ({told}), which DuckDB's sniffer does " \
        f"not try: every sampled line splits on it alike"


def _title_missed(con: Any, path: Path, given: dict[str, Any], found: tuple[Any, ...] | None
                  ) -> tuple[tuple[Any, ...], tuple[str, ...]] | None:
    """The layout sniffed again under the title or logger lines `header_under_title` sees
    above the header (or the key/value lines above a blank line `header_under_preamble`
    sees), when the sniff took them for the header or a table (a line wider than
    the table: its rows became rejects), with the note saying so; else None."""
    title = header_under_title(path, given.get("quote", '"'))
    why = "of another field count than the table's {} (a title or a logger's metadata line)"
    if title is None and (title := header_under_preamble(path, given.get("quote", '"'))):
        why = "key/value lines and a blank line (a report's or an account's details)"
    if title is None or found and (found[0], int(found[3]), bool(found[4])) == (
            title[0], title[1], True):
        return None
    delimiter, skip, width = title
    told = {**given, "delimiter": delimiter, "skip": skip, "header": True}
    again = _sniff(con, path, told) or _sniff(con, path, {**told, "ignore_errors": True})
    if not again or len(again[5]) != width:
        return None
    with open(path, encoding="utf-8-sig", newline="") as handle:
        first = handle.readline().rstrip("\r\n")
    shown = first if len(first) <= 60 else first[:57] + "..."
    lines = "line 1" if skip == 1 else f"lines 1-{skip}"
    note = f"{lines}, above the header on line {skip + 1}, {why.format(width)}: left out " \
        f"({shown!r})"
    return again, (note,)


def _periods_missed(con: Any, path: Path, given: dict[str, Any], found: tuple[Any, ...]
                    ) -> tuple[tuple[Any, ...], str] | None:
    """The layout sniffed again with a header, when the sniff read a header of periods as
    a data row (see `csv_periods`), with the note saying so; else None."""
    delim, quote, _, skip, header, cols = found
    if header:
        return None
    note = period_header(path, delim, "" if quote == "(empty)" else quote, int(skip))
    if note is None:
        return None
    told = {**given, "delimiter": delim, "skip": skip, "header": True}
    again = _sniff(con, path, told) or _sniff(con, path, {**told, "ignore_errors": True})
    return (again, note) if again and len(again[5]) == len(cols) else None


def _record_missed(con: Any, path: Path, given: dict[str, Any], found: tuple[Any, ...]
                   ) -> tuple[Any, ...] | None:
    """The layout sniffed headerless, when the first line the sniff took for the header
    holds values of its columns' kinds, one only wider (see `csv_record_header`); else
    None."""
    delim, quote, _, skip, header, cols = found
    if not header or int(skip):
        return None
    quote = "" if quote == "(empty)" else quote
    types = [c["type"] for c in cols]
    if not csv_record_header.values_shaped(header_names(path, delim, quote, 0), types):
        return None
    told = {**given, "delimiter": delim, "skip": 0, "header": False}
    again = _sniff(con, path, told) or _sniff(con, path, {**told, "ignore_errors": True})
    if not again or not csv_record_header.same_kinds(types, [c["type"] for c in again[5]]):
        return None
    return again


def _generic_names(con: Any, path: Path, given: dict[str, Any], found: tuple[Any, ...]
                   ) -> tuple[tuple[Any, ...], str] | None:
    """The layout sniffed again with the header a line down, when the header is Power
    Query's generic `Column1` ... over a line of words and the columns under that line
    hold numbers or dates (see `generic_header`), with the note saying so; the same layout
    with a note when they hold text only (names or a record); else None."""
    delim, quote, _, skip, header, cols = found
    quote = "" if quote == "(empty)" else quote
    # DuckDB's names are the header's: the file is read again only under a generic one
    if not header or not generic_header.generic([c["name"] for c in cols]) or \
            not generic_header.generic(written := header_names(path, delim, quote, int(skip))):
        return None
    if not generic_header.words(written, header_names(path, delim, quote, int(skip) + 1)):
        return None
    told = {**given, "delimiter": delim, "skip": int(skip) + 1, "header": True}
    again = _sniff(con, path, told) or _sniff(con, path, {**told, "ignore_errors": True})
    if not again or len(again[5]) != len(cols):
        return None
    at = f"line {int(skip) + 1}"
    if not any(c["type"] in (*csv_values.NUMERIC, *TEMPORAL) for c in again[5]):
        return found, generic_header.doubt(at, f"skip: {int(skip) + 1}")
    return again, generic_header.note(written, at, f"line {int(skip) + 2}")


def _units_lines(path: Path, delim: str, quote: str, skip: int, cols: list[dict[str, str]]
                 ) -> list[list[str]]:
    """The fields of the first records (`UNITS_LINES` at most) that may be lines of units
    under the header (short words over text columns, see `csv_values.units_line`: a
    logger's units, then how each value was taken, `Avg`, `Smp`) or lines describing the
    columns (a survey's question texts, `csv_values.described`); `check` decides on every
    row whether the columns are numbers (or dates) below them."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for _ in range(skip):
            handle.readline()
        lines = reader(handle, delim, quote)
        next(lines, None)
        found = []
        for line in lines:
            if len(found) == UNITS_LINES or len(line) != len(cols) or \
                    not (csv_values.units_line(line) or csv_values.described(line)) or \
                    any(c["type"] != "VARCHAR" for c, f in zip(cols, line) if f.strip()):
                break
            found.append(line)
    return found


def _hinted(con: Any, path: Path, found: tuple[Any, ...], decimal: str,
            written: list[str]) -> dict[int, str]:
    """Positions of the text columns that sniff as numbers (or dates) once DuckDB is told
    the spellings of `csv_values.SNIFF_HINTS` (thousands separators only with a decimal
    point) and the `written` words: the header's own names (a header line repeated among
    the rows, where exports were concatenated) and the units lines'; with the type.
    `csv_values.check` then reads every value of those columns."""
    delim, quote, escape, skip, header, cols = found
    if not any(c["type"] == "VARCHAR" for c in cols):
        return {}
    hints = dict(csv_values.SNIFF_HINTS)
    hints["nullstr"] = [*hints["nullstr"], *dict.fromkeys(n for n in written if n)]
    if decimal != ".":
        del hints["thousands"]
    pinned = {"delimiter": delim, "quote": quote, "escape": escape, "skip": skip,
              "header": header, "decimal_separator": decimal, **hints}
    told = _sniff(con, path, pinned) or _sniff(con, path, {**pinned, "ignore_errors": True})
    if not told or len(told[5]) != len(cols):
        return {}
    return {i: now["type"] for i, (was, now) in enumerate(zip(cols, told[5]))
            if was["type"] == "VARCHAR" and now["type"] in (*csv_values.NUMERIC, *TEMPORAL)}


def _skipped_the_table(path: Path, found: tuple[Any, ...]) -> bool:
    """DuckDB's sniffer skipped as many lines as it left: a row with a field too many near
    the end of a file within its sample makes it start the table at that row (a 1,000-row
    file whose last row is ragged read as that one headerless row). Title lines above a
    header are a few, not half the file."""
    skip = int(found[3])
    if not skip:
        return False
    with open(path, "rb") as handle:
        lines = sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
    return skip >= lines - skip


def _sniff(con: Any, path: Path, given: dict[str, Any]) -> tuple[Any, ...] | None:
    spelled = {"delimiter": "delim"}
    call = exp.func("sniff_csv", exp.Literal.string(str(path)),
                    *[named(spelled.get(k, k), v) for k, v in given.items()])
    query = exp.select("Delimiter", "Quote", "Escape", "SkipRows", "HasHeader", "Columns") \
        .from_(exp.Table(this=call))
    try:
        return tuple(con.execute(query.sql("duckdb")).fetchall()[0])
    except Exception:  # noqa: BLE001 - duckdb raises its own hierarchy; None: try otherwise
        return None


def _second_opinion(con: Any, path: Path, given: dict[str, Any]) -> tuple[Any, ...] | None:
    """DuckDB told the delimiter and title rows `guess_layout` sees (see csv_layout)."""
    layout = guess_layout(path, given.get("quote", '"'))
    if layout is None:
        return None
    told = {**given, "delimiter": layout[0], "skip": layout[1]}
    return _sniff(con, path, told) or _sniff(con, path, {**told, "ignore_errors": True})


def _decimal_comma(con: Any, path: Path, given: dict[str, Any], found: tuple[Any, ...]
                   ) -> tuple[Any, ...] | None:
    """The layout `found`, sniffed again with a decimal comma: its delimiter, title rows and
    header pinned, ignoring bad rows if it must, as the layout itself was found. Sniffed
    freely, one ragged row made DuckDB give up or settle on another layout, and a European
    export with a ragged row kept its amounts as text ('10,5'). Ignoring bad rows does not
    type a column past a value that is no number (`n/a` keeps it text)."""
    pinned = {**given, "delimiter": found[0], "skip": found[3], "header": found[4],
              "decimal_separator": ","}
    comma = _sniff(con, path, pinned) or _sniff(con, path, {**pinned, "ignore_errors": True})
    return comma if comma and len(comma[5]) == len(found[5]) else None


def _numeric(columns: list[dict[str, str]]) -> int:
    return sum(c["type"] in ("DOUBLE", "FLOAT") or c["type"].startswith("DECIMAL")
               for c in columns)


def header_of(path: Path, dialect: Dialect) -> list[str]:
    """The header of another file read in `dialect`, as `Dialect.header_row` holds the
    first's (both lines joined, for a header on two lines)."""
    written = header_names(path, dialect.delimiter, dialect.quote, dialect.skip)
    if not dialect.split_header:
        return written
    under = header_names(path, dialect.delimiter, dialect.quote, dialect.skip + 1)
    return csv_split_header.joined(written, under) if len(under) == len(written) else written


def header_names(path: Path, delim: str, quote: str, skip: int, escape: str = "") -> list[str]:
    """The header as written (DuckDB renames duplicates its own way); `escape` the one R's
    `write.table` puts before a quote inside a name (`csv_row_names`), else quotes doubled."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for _ in range(skip):
            handle.readline()
        return next(reader(handle, delim, quote, escape), [])
