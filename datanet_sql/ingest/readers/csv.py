"""CSV and TSV files, read by DuckDB's read_csv with its sniffer and its rejects table.

The encoding is detected first (a non-UTF-8 file is transcoded to a temporary UTF-8 copy,
since DuckDB reads UTF-8 only); DuckDB's sniffer then finds delimiter, quote, title rows
and header; options override each. Rows with too many or too few fields, or a value that
does not fit a declared type, go to DuckDB's rejects table (`store_rejects`), from which
each reject gets its record number and raw line.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlglot import exp

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers import (
    csv_booleans,
    csv_dates,
    csv_datetimes,
    csv_eurostat,
    csv_mysql,
    csv_r_missing,
    csv_values,
    csv_w3c,
    csv_wrapped,
    fixed_width,
    mojibake,
)
from datanet_sql.ingest.readers.csv_dialect import (
    USER_SPELLING,
    Dialect,
    described,
    header_of,
    sniff,
)
from datanet_sql.ingest.readers.csv_layout import guess_layout
from datanet_sql.ingest.readers.csv_rejects import duckdb_rejects, scans_table
from datanet_sql.ingest.readers.csv_rules import has_rules, ruled_header, without_rules
from datanet_sql.ingest.readers.csv_run import guessed_integer, run
from datanet_sql.ingest.readers.csv_totals import ends_like_totals, without_totals
from datanet_sql.ingest.readers.declared import declared_types, exact_number, on_names
from datanet_sql.ingest.readers.encoding import (
    DOUBLED_CR_NOTE,
    Marks,
    bom_note,
    byte_marks,
    compressed,
    crlf_as_lf,
    detect_encoding,
    doubt_notes,
    encoding_notes,
    mixed_line_endings,
    normalize_encoding,
    utf8_file,
    without_boms,
)
from datanet_sql.ingest.readers.names import renamed
from datanet_sql.ingest.readers.shape import Raw
from datanet_sql.ingest.readers.sql import column, connect, ident, named

_ENCODING_SAMPLE = 1 << 20   # bytes decoded to pick the encoding before DuckDB reads the rest
OPTIONS = ("encoding", "delimiter", "quote", "escape", "header", "skip", "decimal_separator",
           "null_values", "thousands", "dateformat", "widths")
EXACT = "DECIMAL(38,18)"   # any BIGINT, and decimals to 18 places, without rounding
ALIASES = {"delim": "delimiter", "sep": "delimiter", "separator": "delimiter",
           "nullstr": "null_values", "na_values": "null_values", "decimal": "decimal_separator"}


def read(stack: ExitStack, path: Path, fmt: str, options: dict[str, Any],
         columns: dict[str, str]) -> Raw:
    opts = {ALIASES.get(k, k): v for k, v in options.items()}
    if path.stat().st_size == 0:
        return Raw(_connect(stack), None, str(path), notes=[f"{path.name}: empty file (0 bytes)"])
    if fmt == "csv" and "delimiter" not in opts and (
            "widths" in opts or fixed_width.looks_fixed(path)):
        fixed = fixed_width.read(stack, _connect(stack), path, opts)
        if fixed is not None:
            return fixed
    if fmt == "tsv" and "delimiter" not in opts:
        opts["delimiter"] = "\t"
    if "encoding" in opts:
        return _read(stack, _connect(stack), [path], normalize_encoding(opts["encoding"]), opts,
                     columns)
    encoding = detect_encoding(path, _ENCODING_SAMPLE)
    raw = _read(stack, _connect(stack), [path], encoding, opts, columns, strict=False)
    if raw is None:
        # a byte deep in the file is not UTF-8: decide on the whole file and read again
        encoding = detect_encoding(path)
        raw = _read(stack, _connect(stack), [path], encoding, opts, columns)
    assert raw is not None   # a strict read returns or raises
    raw.notes += doubt_notes(str(path), path, encoding)
    return raw


def layout_of(path: Path, fmt: str, options: dict[str, Any], loaded: int | None = None
              ) -> tuple[dict[str, Any], int]:
    """The options that read a part of `path` (the lines appended to it since its first part
    was loaded, under the first part's title and header lines) as the whole file is read:
    its encoding, delimiter, quote, escape, title lines and header, as given or sniffed on
    the file's start, and the order of day and month its dates' values decide there
    (`_start_orders`), and whether MySQL's backslash escapes were read there
    (`csv_mysql`); and how many lines come before its first record (those the part is
    given). A part sniffed on its own could take its first record for a header, another
    delimiter from a few lines, or find no order in dates whose days are all 12 or less.
    The start is the file's first MB, or its first `loaded` bytes when fewer (what a load
    read before: the new lines must not decide how the old ones were read)."""
    opts = {ALIASES.get(k, k): v for k, v in options.items()}
    if fmt == "tsv" and "delimiter" not in opts:
        opts["delimiter"] = "\t"
    encoding = normalize_encoding(opts["encoding"]) if "encoding" in opts else \
        detect_encoding(path, _ENCODING_SAMPLE)
    with ExitStack() as stack:
        head = stack.enter_context(_head_of(path, min(loaded or _ENCODING_SAMPLE,
                                                      _ENCODING_SAMPLE), encoding))
        fixed = fmt == "csv" and "delimiter" not in opts and fixed_width.layout(
            stack.enter_context(utf8_file(head, encoding)), opts)
        if fixed:
            return {"encoding": encoding, **fixed[0], **opts}, fixed[1]
        con, text = _connect(stack), stack.enter_context(utf8_file(head, encoding))
        plain, _, opts = csv_mysql.unescaped(stack, text, str(path), opts)
        escaped, text = plain != text, plain
        dialect = sniff(con, text, opts, str(path))
        dated = _start_orders(con, text, dialect, opts)
    pinned = {"encoding": encoding, "delimiter": dialect.delimiter, "skip": dialect.skip,
              "header": dialect.header, "quote": dialect.quote, "escape": dialect.escape}
    # no quote seen in the file's start is no evidence against one in its new lines; the
    # number spellings (decimal comma, thousands, NA) are the readers' to find in them
    pinned = {k: v for k, v in pinned.items() if v != ""}
    if escaped:   # MySQL's escapes in the start: the new lines are read unescaped alike
        pinned.update(csv_mysql.TOLD)
    return {**pinned, **opts, **dated}, dialect.skip + int(dialect.header)


@contextmanager
def _head_of(path: Path, size: int, encoding: str) -> Iterator[Path]:
    """The file's first `size` bytes to its last full line (what the sniffer samples), in a
    temporary file; the file itself when it is no longer (or UTF-16, whose lines do not end
    in a newline byte): a grown log is not transcoded whole to be sniffed."""
    if path.stat().st_size <= size or encoding.startswith("utf-16"):
        yield path
        return
    with path.open("rb") as source:
        data = source.read(size)
    with tempfile.TemporaryDirectory(prefix="datanet-head-") as folder:
        head = Path(folder) / path.name
        head.write_bytes(data[:data.rfind(b"\n") + 1] or data)
        yield head


def _connect(stack: ExitStack) -> Any:
    con = connect()
    stack.callback(con.close)
    return con


def read_files(stack: ExitStack, files: list[Path], fmt: str, options: dict[str, Any],
               columns: dict[str, str]) -> Raw | None:
    """Files of a glob in one DuckDB scan (as fast as DuckDB's own glob), when they share
    what was sniffed on the first (see `plan_files`); None when they do not: each file is
    then read on its own and the results unioned by name."""
    con = _connect(stack)
    scan = plan_files(con, files, fmt, options, columns)
    return None if scan is None else run(con, scan, strict=False)


def plan_files(con: Any, files: list[Path], fmt: str, options: dict[str, Any],
               columns: dict[str, str], filename: str | None = None) -> Scan | None:
    """The scan of files that share what was sniffed on the first: UTF-8 (in the first MB of
    each; a later bad byte shows as DuckDB's INVALID ENCODING reject, see `Scan.bad_encoding`),
    the delimiter and title rows, the header. None when they do not, or when one is
    compressed or holds a byte-order mark past its start or ends its lines `\\r\\r\\n` (read
    on its own, the BOM removed, the line ends undone). `con` sniffs."""
    opts = {ALIASES.get(k, k): v for k, v in options.items()}
    if fmt == "tsv" and "delimiter" not in opts:
        opts["delimiter"] = "\t"
    if "encoding" in opts or any(compressed(f) or f.stat().st_size == 0 or detect_encoding(
            f, _ENCODING_SAMPLE) != "utf-8" for f in files):
        return None
    layouts = [guess_layout(f, opts.get("quote", '"')) for f in files]
    # totals or rule lines, fixed-width text, lines wrapped in quotes, MySQL's backslash
    # escapes, a W3C log's #Fields: line, Eurostat's bulk layout: read file by file
    # (without the lines, or from the lines' contents)
    if len(set(layouts)) > 1 or any(
            has_rules(f) or (layout is None and fixed_width.looks_fixed(f)) or ends_like_totals(
                f, {"delimiter": layout[0], **opts} if layout else opts)
            or csv_wrapped.delimiter_inside(f) is not None
            or csv_mysql.found(f, opts) is not None or csv_w3c.fields_of(f) is not None
            or csv_eurostat.dimensions_of(f) is not None
            for f, layout in zip(files, layouts)):
        return None
    marks = [byte_marks(f) for f in files]
    if any(m.bom_lines or m.doubled_cr for m in marks):
        return None
    try:
        return _plan(con, files, files, "utf-8", opts, columns, filename, marks)
    except IngestError:     # read file by file: each is told what is wrong with it, or read
        return None


@dataclass
class Scan:
    """One read_csv call over files of one dialect, ready to run on any DuckDB connection:
    a read's private one (rows into Arrow), or a DuckDB warehouse's, which inserts straight
    from it (see ingest.loader). Its rejects are kept in temporary tables of the connection
    it runs on, named after `rejects_table`; DuckDB appends to them scan after scan, so on a
    connection that outlives the scan (a warehouse's) they are dropped after each batch."""

    dialect: Dialect
    declared: dict[str, tuple[exp.DataType, str]]
    paths: list[Path]        # what DuckDB reads (a non-UTF-8 file's UTF-8 copy)
    files: dict[str, str]    # DuckDB's path -> the user's file
    label: str
    encoding: str
    opts: dict[str, Any]
    filename: str | None = None   # the column naming each row's file
    rejects_table: str = "_dn_rejects"
    whole_file: bool = False      # types detected on every row, not DuckDB's sample
    exact: tuple[str, ...] = ()   # declared integers and decimals, read as EXACT (see run)
    text: tuple[str, ...] = ()    # undeclared columns whose every-row type still rejects
    nul_bytes: bool = False       # the files hold NUL bytes: removed from text values
    bom_lines: tuple[int, ...] = ()   # lines whose BOM was removed (one file's, see Marks)
    aligned: bool = False         # a query tool's printed table: text cells padded, trimmed

    @property
    def columns(self) -> list[str]:
        kept = [n for n in self.dialect.names if n not in self.dialect.checked.dropped]
        return kept + ([self.filename] if self.filename else [])

    @property
    def guessed_integers(self) -> list[str]:
        """Columns DuckDB guessed integer from its sample, read as text and cast by `query`
        (see `guessed_integer`): its reader rounds a later `12.5` into one silently."""
        if self.whole_file:
            return []
        checked = self.dialect.checked
        return [n for n, t in zip(self.dialect.names, self.dialect.types) if t == "BIGINT"
                and n not in self.declared and n not in checked.numbers
                and n not in checked.dropped]

    @property
    def guessed_booleans(self) -> list[str]:
        """Columns DuckDB typed BOOLEAN from `true`/`false` (any other word it reads as a
        boolean keeps a column text, see `csv_booleans`): lossless in meaning, but the
        spelling (`TRUE`, `False`) is gone, so the notes name them."""
        dropped = self.dialect.checked.dropped
        return [n for n, t in zip(self.dialect.names, self.dialect.types)
                if t == "BOOLEAN" and n not in self.declared and n not in dropped]

    @property
    def plain(self) -> bool:
        """The rows are read_csv's as they are: nothing converted nor dropped after it."""
        checked = self.dialect.checked
        return not (checked.numbers or checked.dropped or checked.repeated_header or self.exact
                    or self.nul_bytes or checked.units or checked.unwrapped or self.aligned
                    or self.dialect.missing.text)

    def table(self) -> exp.Table:
        return _scan(self.paths, self.dialect, self.opts, self.declared, self.filename,
                     self.rejects_table, self.whole_file, self.exact,
                     [*self.guessed_integers, *self.text])

    def query(self) -> exp.Select:
        numbers, integers = self.dialect.checked.numbers, self.guessed_integers
        dates, datetimes = self.dialect.dates, self.dialect.datetimes
        centuries = [n for n in dates.two_digit if n not in self.text]
        if self.plain and not integers and not centuries and not datetimes.parsed:
            return exp.select("*").from_(self.table())
        fraction = "," if self.dialect.decimal_comma else "."
        checked = self.dialect.checked
        groupings = self.dialect.checked.groupings
        query = exp.select(*[csv_values.number(n, numbers[n], groupings[n], fraction)
                             if n in groupings else
                             csv_values.number(n, numbers[n]) if n in numbers else
                             guessed_integer(n, fraction) if n in integers else
                             csv_values.unwrapped(n) if n in checked.unwrapped else
                             csv_r_missing.nulled(n) if n in self.dialect.missing.text else
                             csv_dates.century(n, dates.this_year) if n in centuries else
                             datetimes.value(n) if n in datetimes.parsed_names else
                             self._text(n) if n in self._text_columns else column(n)
                             for n in self.columns]).from_(self.table())
        left_out = [csv_values.is_row(fields) for fields in (checked.repeated_header,
                                                             *checked.units) if fields]
        return query.where(exp.func("coalesce", exp.or_(*left_out), exp.false()).not_()) \
            if left_out else query

    @property
    def _text_columns(self) -> set[str]:
        """Text columns whose NUL bytes are removed, or whose padding (`aligned`) is; none
        unless the files hold NUL bytes or are a printed table."""
        if not (self.nul_bytes or self.aligned):
            return set()
        sniffed = dict(zip(self.dialect.names, self.dialect.types))
        declared = {n for n, (kind, _) in self.declared.items() if kind.is_type(*exp.DataType.TEXT_TYPES)}
        return {n for n in self.columns if n != self.filename and (
            n in self.text or n in declared or sniffed.get(n) == "VARCHAR")}

    def _text(self, name: str) -> exp.Expression:
        """A text column without NUL bytes, and (a printed table's) without the spaces that
        padded it to its column's width: a cell of spaces only is blank."""
        value: exp.Expression = column(name)
        if self.nul_bytes:
            value = exp.func("replace", value, exp.func("chr", exp.Literal.number(0)),
                             exp.Literal.string(""))
        if self.aligned:
            value = exp.func("nullif", exp.func("trim", value), exp.Literal.string(""))
        return value.as_(ident(name))

    def notes(self) -> list[str]:
        dialect = self.dialect
        notes = [f"{self.label}: " + described(self.encoding, dialect.delimiter,
                                               dialect.skip if dialect.header else None,
                                               dialect.decimal_comma)]
        notes += [f"{self.label}: {note}" for note in (*dialect.notes, *dialect.checked.notes,
                                                       *dialect.missing.notes,
                                                       *dialect.dates.notes,
                                                       *dialect.datetimes.notes,
                                                       *csv_booleans.notes(dialect.worded))]
        if self.nul_bytes:
            notes.append(f"{self.label}: NUL bytes (padding) removed from text values")
        if self.aligned and self._text_columns:
            notes.append(f"{self.label}: text values trimmed of the spaces that padded them to "
                         f"their column's width (a table printed by a query tool)")
        if self.bom_lines:
            notes.append(bom_note(self.label, self.bom_lines))
        if booleans := self.guessed_booleans:
            notes.append(f"{self.label}: column(s) {', '.join(booleans)} typed BOOLEAN from "
                         f"their words true/false: declare them varchar to keep the words as "
                         f"written")
        kept = len(dialect.names) - len(dialect.checked.dropped)  # only the last is dropped
        return notes + renamed((dialect.header_row or dialect.names)[:kept],
                               dialect.names[:kept])

    def worded_past_sample(self, con: Any) -> Scan | None:
        """This scan, read with types from every row into `_dn_scan` (`whole_file`), with
        the columns those types made BOOLEAN where the sample's did not (empty there) as
        text when a value of theirs is a word other than true/false, as the sample's are
        (`_worded`); None when no such column holds one."""
        sniffed = dict(zip(self.dialect.names, self.dialect.types))
        read = con.table("_dn_scan")
        late = [n for n, t in zip(read.columns, read.types) if str(t) == "BOOLEAN"
                and sniffed.get(n) != "BOOLEAN" and n not in self.declared]
        dialect = _worded(con, self.paths, self.dialect, late)
        return None if dialect.worded == self.dialect.worded else replace(self, dialect=dialect)

    def bad_encoding(self, con: Any) -> bool:
        """DuckDB met bytes that are not UTF-8 (past the sample the encoding was taken from)."""
        query = exp.select(exp.func("count", exp.Star())).from_(self.rejects_table).where(
            exp.column("error_type").eq(exp.Literal.string("INVALID ENCODING")))
        return bool(con.execute(query.sql("duckdb")).fetchall()[0][0])

    def rejects(self, con: Any) -> list[Any]:
        return duckdb_rejects(con, self)

    def guessed_misfits(self, con: Any) -> list[str]:
        """Columns of a type DuckDB guessed (not declared) with values that do not fit it:
        past its sample (read again with types taken from every row), or, with types from
        every row, values of two shapes in one column (dates written two ways: the sniffer
        takes one format and rejects the rows of the other; read as text). Either way those
        values are kept instead of their rows being rejected."""
        name = exp.column("column_name")
        chosen = [exp.Literal.string(n) for n in (*self.declared, *self.text)]
        query = exp.select(name).distinct().from_(self.rejects_table).where(exp.and_(
            exp.column("error_type").eq(exp.Literal.string("CAST")),
            name.isin(*chosen).not_() if chosen else exp.true()))
        return sorted(r[0] for r in con.execute(query.sql("duckdb")).fetchall())

    def drop_rejects(self, con: Any) -> None:
        for name in (self.rejects_table, scans_table(self.rejects_table)):
            con.execute(exp.Drop(tables=[exp.to_table(name)], kind="TABLE", exists=True)
                        .sql("duckdb"))


def _plan(con: Any, paths: list[Path], utf8: list[Path], encoding: str, opts: dict[str, Any],
          columns: dict[str, str], filename: str | None, marks: list[Marks]) -> Scan | None:
    """The scan of `utf8` (the files as UTF-8, with their `marks`) with the first one's
    dialect; None when the files' headers differ."""
    label = str(paths[0]) if len(paths) == 1 else f"{paths[0].parent}/*"
    dialect = _quoting_tells(utf8[0], sniff(con, utf8[0], opts, label), opts)
    if len(utf8) > 1 and any(header_of(p, dialect) != dialect.header_row for p in utf8[1:]):
        return None
    declared = {n: t for n, t in on_names(declared_types(columns, label), dialect.names).items()
                if n in dialect.names}
    exact = tuple(n for n, (t, _) in declared.items() if exact_number(t))
    dialect = _worded(con, utf8, dialect, [n for n, t in zip(dialect.names, dialect.types)
                                           if t == "BOOLEAN" and n not in declared])
    dialect = _checked(con, utf8, dialect, declared, not set(USER_SPELLING) & set(opts))
    dialect = _dated(con, utf8, dialect, declared, opts, label)
    return Scan(dialect, declared, utf8, dict(zip(map(str, utf8), map(str, paths))), label,
                encoding, opts, filename, exact=exact,
                nul_bytes=any(m.nul_bytes for m in marks),
                bom_lines=tuple(n for m in marks for n in m.bom_lines))


def _worded(con: Any, paths: list[Path], dialect: Dialect, booleans: list[str]) -> Dialect:
    """The dialect with those of the columns DuckDB typed BOOLEAN (`booleans`, none
    declared) where a value of `paths` is a word other than true/false (`Yes`/`No`) as
    text (see `csv_booleans`)."""
    if not booleans:
        return dialect
    text = _scan(paths, replace(dialect, hinted=[]), {}, {}, None, None)
    worded = csv_booleans.worded(con, text, booleans)
    return replace(dialect, worded={**dialect.worded, **worded}, types=[
        "VARCHAR" if n in worded else t for n, t in zip(dialect.names, dialect.types)])


def _checked(con: Any, paths: list[Path], dialect: Dialect, declared: dict[str, Any],
             spellings: bool) -> Dialect:
    """The dialect with what `csv_values` finds on every row of `paths`: text columns that
    hold numbers, text columns of numbers in a spelling DuckDB does not read (unless
    `spellings` is False: the options spell the numbers, and read_csv types the columns),
    an empty column a delimiter at the start or end of every line made."""
    hinted = [n for n in dialect.hinted if n not in declared]
    written = dialect.header_row or []
    edges = {dialect.names[i]: where for i, where in ((0, "starts"), (-1, "ends"))
             if dialect.header and len(dialect.names) > 1 and
             len(written) == len(dialect.names) and not written[i].strip()}
    text = _scan(paths, replace(dialect, hinted=[]), {}, {}, None, None)
    first = _scan(paths[:1], replace(dialect, hinted=[]), {}, {}, None, None)  # its start
    sampled = csv_values.sampled(con, first, [
        n for n, t in zip(dialect.names, dialect.types)
        if t == "VARCHAR" and n not in declared and n not in hinted and n not in edges])
    if not spellings:
        sampled.spelled = {}
    point = dialect.decimal == "." and "DOUBLE" in dialect.types
    header = dict(zip(dialect.names, written)) if len(written) == len(dialect.names) else {}
    twice = mojibake.notes(con, first, [n for n, t in zip(dialect.names, dialect.types)
                                        if t == "VARCHAR"])
    dialect = replace(dialect, notes=(*dialect.notes, *twice))
    checked = csv_values.check(con, text, hinted, edges, point, header, sampled, dialect.units,
                               dialect.dated, dialect.decimal, int(dialect.split_header))
    if not spellings or dialect.missing.bare:
        return replace(dialect, checked=checked)
    texts = [n for n, t in zip(dialect.names, dialect.types) if t == "VARCHAR" and n not in
             {*checked.numbers, *checked.dropped, *checked.unwrapped, *checked.groupings}]
    return replace(dialect, checked=checked, missing=csv_r_missing.unquoted_text(
        con, text, texts, checked.words, set(declared)))


def _quoting_tells(path: Path, dialect: Dialect, opts: dict[str, Any]) -> Dialect:
    """The dialect with the columns whose bare `NA` is R's missing value where the file's
    quoting tells it from the text "NA" (`csv_r_missing`), unless the options spell the
    missing values."""
    if "null_values" in opts:
        return dialect
    numeric = {*dialect.hinted, *(n for n, t in zip(dialect.names, dialect.types)
                                  if t != "VARCHAR")}
    return replace(dialect, missing=csv_r_missing.quoting_tells(
        path, dialect.delimiter, dialect.quote, dialect.escape,
        dialect.skip + int(dialect.header) + int(dialect.split_header), dialect.names,
        numeric))


def _dated(con: Any, paths: list[Path], dialect: Dialect,
           declared: dict[str, tuple[exp.DataType, str]], opts: dict[str, Any],
           label: str) -> Dialect:
    """The dialect with the order of day and month in its dates as every row of `paths`
    shows it (`csv_dates`), unless `options: {dateformat: ...}` gives it; and in its
    datetimes (`csv_datetimes`: the columns DuckDB typed TIMESTAMP or text, and those
    declared `timestamp`), in the order the `dateformat` writes, if given."""
    order = csv_datetimes.given_order(opts.get("dateformat"))
    stamped = {n for n, (t, _) in declared.items()
               if t.is_type(exp.DataType.Type.TIMESTAMP, exp.DataType.Type.TIMESTAMPNTZ,
                             exp.DataType.Type.DATETIME)}
    dates, stamps = _date_columns(dialect, declared, stamped, opts)
    if not dates and not stamps:
        return dialect
    text = _scan(paths, replace(dialect, hinted=[]), {}, {}, None, None)
    first = _scan(paths[:1], replace(dialect, hinted=[]), {}, {}, None, None)
    # the first file's start tells which columns to look at: DuckDB's LIMIT over a glob
    # of 50 files still opened every one (0.4 s, where the first file alone took 0.04 s)
    seen = csv_dates.look(con, text, csv_dates.numeric_at_start(con, first, dates, stamps))
    if start := opts.get(csv_dates.START_ORDERS):   # a grown file's new lines (`layout_of`)
        seen = start.carried(seen)
    return replace(dialect, dates=csv_dates.date_orders([s for s in seen if s.name in dates]),
                   datetimes=csv_datetimes.datetime_orders(
                       con, text, [s for s in seen if s.name in stamps], stamped, label, order))


def _date_columns(dialect: Dialect, declared: dict[str, Any], stamped: set[str],
                  opts: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The columns whose day and month order `_dated` looks at: those DuckDB typed DATE
    (unless `dateformat` is given), and the datetimes' (typed TIMESTAMP or text, or
    declared `timestamp`: `stamped`; none when a `dateformat` gives no order)."""
    order = csv_datetimes.given_order(opts.get("dateformat"))
    dates = [] if "dateformat" in opts else \
        [n for n, t in zip(dialect.names, dialect.types) if t == "DATE" and n not in declared]
    checked = dialect.checked
    skipped = {*checked.numbers, *checked.dropped, *checked.unwrapped}
    stamps = [] if "dateformat" in opts and order is None else [
        n for n, t in zip(dialect.names, dialect.types) if n not in skipped and (
            n in stamped if n in declared else t in ("TIMESTAMP", "VARCHAR"))]
    return dates, stamps


def _start_orders(con: Any, head: Path, dialect: Dialect, opts: dict[str, Any]
                  ) -> dict[str, Any]:
    """The option carrying the order of day and month the dates and datetimes of a grown
    file's start (`head`) decide into the reading of its new lines (`csv_dates.StartOrders`),
    as its delimiter and header are carried; none when no column's values decide one."""
    dates, stamps = _date_columns(dialect, {}, set(), opts)
    if not dates and not stamps:
        return {}
    text = _scan([head], replace(dialect, hinted=[]), {}, {}, None, None)
    start = csv_dates.StartOrders.of(
        csv_dates.look(con, text, csv_dates.numeric_at_start(con, text, dates, stamps)))
    return {csv_dates.START_ORDERS: start} if start.seen else {}


def _read(stack: ExitStack, con: Any, paths: list[Path], encoding: str, opts: dict[str, Any],
          columns: dict[str, str], strict: bool = True) -> Raw | None:
    """The file read as `encoding`, without the totals lines it ends with and a query
    tool's rule lines and row-count footer (noted, see `csv_totals`, `csv_rules`); None
    (when not `strict`) if DuckDB met invalid UTF-8. BOMs at the start of a line or field
    are never data: read from a copy without them; nor is the `\\r` doubled before every
    line's LF (`Marks.doubled_cr`): read from a copy with each CRLF an LF; nor are quotes
    wrapping every whole line: read from a copy of their contents (`csv_wrapped`); nor are
    MySQL's backslash escapes in unquoted fields: read from a plain CSV copy (`csv_mysql`)."""
    utf8, marks, totals, aligned = [], [], [], False
    for path in paths:
        text = stack.enter_context(utf8_file(path, encoding))
        mark = byte_marks(text)
        if mark.bom_lines:
            text = stack.enter_context(without_boms(text))
        doubled = [f"{path}: {DOUBLED_CR_NOTE}"] if mark.doubled_cr else []
        if doubled:
            text = stack.enter_context(crlf_as_lf(text))
        text, escaped, opts = csv_mysql.unescaped(stack, text, str(path), opts)
        text, logged, opts = csv_w3c.with_fields_header(stack, text, str(path), opts)
        text, bulk, opts = csv_eurostat.split_dimensions(stack, text, str(path), opts)
        text, wrapped = csv_wrapped.unwrapped(stack, con, text, str(path), opts)
        aligned = aligned or ruled_header(text)
        text, notes = without_rules(stack, text, str(path))
        notes[:0] = doubled + escaped + logged + bulk + wrapped
        records, totals_notes = without_totals(stack, con, text, str(path), opts)
        notes += totals_notes
        utf8.append(records)
        marks.append(mark)
        totals += encoding_notes(str(path), path, encoding) + notes
    try:
        scan = _aligned(_plan(con, paths, utf8, encoding, opts, columns, None, marks), aligned)
        raw = None if scan is None else run(con, scan, strict)
        if raw is not None:
            raw.notes += totals
        return raw
    except IngestError:
        if not any(mixed_line_endings(p) for p in utf8):
            raise
    # CRLF lines then LF ones (or the reverse): DuckDB reads neither way, so CRLF is LF
    unix = [stack.enter_context(crlf_as_lf(p)) for p in utf8]
    con = _connect(stack)
    scan = _aligned(_plan(con, paths, unix, encoding, opts, columns, None, marks), aligned)
    raw = None if scan is None else run(con, scan, strict)
    if raw is not None:
        raw.notes.append(f"{scan.label}: line endings mixed (CRLF and LF): read with every "
                         f"CRLF as LF, in quoted values too")
        raw.notes += totals
    return raw


def _aligned(scan: Scan | None, aligned: bool) -> Scan | None:
    """The scan of a query tool's printed table (a rule line at its header) trims its text
    cells: `'Australia   '` was the tool's padding to the column's width, not the value."""
    return replace(scan, aligned=True) if scan is not None and aligned else scan


def _scan(paths: list[Path], dialect: Dialect, opts: dict[str, Any],
          declared: dict[str, tuple[exp.DataType, str]], filename: str | None,
          rejects_table: str | None, whole_file: bool = False, exact: tuple[str, ...] = (),
          integers: list[str] | None = None) -> exp.Table:
    """read_csv of `paths` in the dialect; without a `rejects_table`, every column as text
    and bad rows skipped (what `csv_values.check` reads)."""
    args = [named("x", [str(p) for p in paths]).expression, named("delim", dialect.delimiter),
            named("quote", dialect.quote), named("escape", dialect.escape),
            named("skip", dialect.read_skip), named("header", dialect.read_header),
            named("names", dialect.names)]
    if rejects_table is None:
        return exp.Table(this=exp.func("read_csv", *args, named("all_varchar", True),
                                       named("ignore_errors", True)))
    args += [named("store_rejects", True), named("rejects_table", rejects_table),
             named("rejects_scan", scans_table(rejects_table))]
    types = {n: EXACT if n in exact else t.sql("duckdb") for n, (t, _) in declared.items()}
    types.update({n: "VARCHAR" for n in (*dialect.checked.numbers, *dialect.dates.text,
                                         *dialect.datetimes.names, *dialect.worded,
                                         *(integers or []))})
    # a text column with R's bare NA stays text: told NA is NULL, read_csv's own sniff would
    # type it past the checks the dialect's types chose (dates' order, booleans' note)
    sniffed = dict(zip(dialect.names, dialect.types))
    types.update({n: "VARCHAR" for n in dialect.missing.bare
                  if sniffed[n] == "VARCHAR" and n not in declared})
    if types:
        args.append(named("types", types))
    if whole_file:
        args.append(named("sample_size", -1))
    if dialect.decimal_comma:
        args.append(named("decimal_separator", ","))
    if "thousands" in opts:
        args.append(named("thousands", opts["thousands"]))
    if dateformat := opts.get("dateformat") or dialect.dates.dateformat:
        args.append(named("dateformat", dateformat))
    if filename:
        args.append(named("filename", filename))
    if "null_values" in opts:
        nulls = opts["null_values"]
        args.append(named("nullstr", [nulls] if isinstance(nulls, str) else list(nulls)))
    elif dialect.missing.bare:   # R's bare NA, its quoted "NA" text (see csv_r_missing)
        args += [named("nullstr", csv_r_missing.NULLSTR), named("allow_quoted_nulls", False)]
    return exp.Table(this=exp.func("read_csv", *args))
