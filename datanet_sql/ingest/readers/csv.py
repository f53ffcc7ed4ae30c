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
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlglot import exp

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers import (
    chat,
    csv_concordance,
    csv_dates,
    csv_datetimes,
    csv_eurostat,
    csv_excel_ids,
    csv_flux,
    csv_gradebook,
    csv_levels,
    csv_lvm,
    csv_mysql,
    csv_r_missing,
    csv_values,
    csv_w3c,
    csv_wrapped,
    fixed_width,
    lfs_pointer,
    line_protocol,
    markup,
    mdff,
    mojibake,
)
from datanet_sql.ingest.readers.csv_angles import with_angles
from datanet_sql.ingest.readers.csv_dialect import (
    USER_SPELLING,
    Dialect,
    header_of,
    sniff,
)
from datanet_sql.ingest.readers.csv_layout import guess_layout
from datanet_sql.ingest.readers.csv_rules import has_rules, ruled_header, without_rules
from datanet_sql.ingest.readers.csv_run import run
from datanet_sql.ingest.readers.csv_scan import Scan, scan_expression, with_worded
from datanet_sql.ingest.readers.csv_totals import ends_like_totals, without_totals
from datanet_sql.ingest.readers.declared import declared_types, exact_number, on_names
from datanet_sql.ingest.readers.encoding import (
    DOUBLED_CR_NOTE,
    Marks,
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
from datanet_sql.ingest.readers.shape import Raw
from datanet_sql.ingest.readers.sql import connect

_ENCODING_SAMPLE = 1 << 20   # bytes decoded to pick the encoding before DuckDB reads the rest
OPTIONS = ("encoding", "delimiter", "quote", "escape", "header", "skip", "decimal_separator",
           "null_values", "thousands", "dateformat", "widths")
_LAYOUT = ("delimiter", "quote", "escape", "header", "skip", "widths")   # a CSV's, told
ALIASES = {"delim": "delimiter", "sep": "delimiter", "separator": "delimiter",
           "nullstr": "null_values", "na_values": "null_values", "decimal": "decimal_separator"}


def read(stack: ExitStack, path: Path, fmt: str, options: dict[str, Any],
         columns: dict[str, str]) -> Raw:
    opts = {ALIASES.get(k, k): v for k, v in options.items()}
    if path.stat().st_size == 0:
        return Raw(_connect(stack), None, str(path), notes=[f"{path.name}: empty file (0 bytes)"])
    if fmt == "csv" and not set(_LAYOUT) & set(opts) and line_protocol.found(path):
        return line_protocol.read(stack, _connect(stack), path)
    if fmt == "csv" and not set(_LAYOUT) & set(opts) and chat.found(path):
        return chat.read(stack, _connect(stack), path, normalize_encoding(opts["encoding"])
                         if "encoding" in opts else None, opts.get("dateformat"))
    if fmt == "csv" and not set(_LAYOUT) & set(opts) and (version := mdff.found(path)):
        return mdff.read(stack, _connect(stack), path, version,
                         normalize_encoding(opts["encoding"]) if "encoding" in opts else None)
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
              ) -> tuple[dict[str, Any], int] | None:
    """The options that read a part of `path` (the lines appended to it since its first part
    was loaded, under the first part's title and header lines) as the whole file is read:
    its encoding, delimiter, quote, escape, title lines and header, as given or sniffed on
    the file's start, and the order of day and month its dates' values decide there
    (`_start_orders`), and whether MySQL's backslash escapes were read there
    (`csv_mysql`); and how many lines come before its first record (those the part is
    given). A part sniffed on its own could take its first record for a header, another
    delimiter from a few lines, or find no order in dates whose days are all 12 or less.
    The start is the file's first MB, or its first `loaded` bytes when fewer (what a load
    read before: the new lines must not decide how the old ones were read).
    Line protocol's new points need no head (each line is a point of its own). None for a
    file read from a rewritten copy whose head the new lines cannot be read under: a Flux
    answer's annotated CSV (written whole), a LabVIEW Measurement file (LabVIEW appends a
    segment with its own header block), pandas' columns of several levels (the names
    are joined from several lines) and an AEMO meter data file (read record by record
    between its header and its end, `mdff`) or a Concordance load file (read from a copy
    quoted with `"` for its `þ`, `csv_concordance`): `append` refuses such a file that grew."""
    opts = {ALIASES.get(k, k): v for k, v in options.items()}
    if fmt == "csv" and not set(_LAYOUT) & set(opts) and line_protocol.found(path):
        return opts, 0
    if not {"header", "skip"} & set(opts) and (
            csv_flux.found(path) or csv_lvm.tags_of(path, str(path)) is not None
            or csv_levels.levels_of(path) is not None):
        return None
    if fmt == "csv" and not set(_LAYOUT) & set(opts) and (mdff.found(path) or chat.found(path)):
        return None
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
        if csv_concordance.enclosure(text, opts) is not None:
            return None
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
    pool = ThreadPoolExecutor(2, thread_name_prefix="datanet-plan")
    try:   # DuckDB sniffs the first file and every file's bytes are read for their marks
        # while the main thread looks at their heads: the reads and DuckDB free the GIL
        sniffed = pool.submit(_sniffed_apart, files[0], opts, _label(files))
        marks = pool.submit(lambda: [byte_marks(f) for f in files])
        return _plan_sniffed(con, files, fmt, opts, columns, filename, sniffed, marks)
    finally:
        pool.shutdown(wait=False)   # a file read on its own is sniffed again there


def _sniffed_apart(path: Path, opts: dict[str, Any], label: str) -> Dialect:
    """`sniff` on a private DuckDB, closed after: the caller's connection may be closed
    before a sniff it no longer needs ends (a cursor of it would be closed mid-sniff)."""
    con = connect()
    try:
        return sniff(con, path, opts, label)
    finally:
        con.close()


def _plan_sniffed(con: Any, files: list[Path], fmt: str, opts: dict[str, Any],
                  columns: dict[str, str], filename: str | None, sniffed: Future[Dialect],
                  marked: Future[list[Marks]]) -> Scan | None:
    """`plan_files` past the encoding check, the first file's dialect being `sniffed` and
    the files' `Marks` being `marked`."""
    layouts = [guess_layout(f, opts.get("quote", '"')) for f in files]
    # totals or rule lines, fixed-width text, lines wrapped in quotes, MySQL's backslash
    # escapes, a W3C log's #Fields: line, Eurostat's bulk layout, Flux's annotations, line
    # protocol, a LabVIEW file's header blocks, pandas' column levels, Canvas's lines under a
    # gradebook's header, AEMO's meter data records, a Concordance load file's þ quotes:
    # read file by file (without the lines, or from the lines' contents); an HTML or XML
    # document, a Git LFS pointer, refused there (`markup`, `lfs_pointer`)
    if len(set(layouts)) > 1 or any(
            has_rules(f) or (layout is None and fixed_width.looks_fixed(f)) or ends_like_totals(
                f, {"delimiter": layout[0], **opts} if layout else opts)
            or csv_wrapped.delimiter_inside(f) is not None
            or csv_mysql.found(f, opts) is not None or csv_w3c.fields_of(f) is not None
            or csv_eurostat.dimensions_of(f) is not None or csv_flux.found(f)
            or fmt == "csv" and (line_protocol.found(f) or mdff.found(f) is not None
                                 or chat.found(f))
            or csv_lvm.tags_of(f, str(f)) is not None or csv_levels.levels_of(f) is not None
            or csv_gradebook.found(f) or markup.found(f)
            or csv_concordance.enclosure(f, opts) is not None
            or lfs_pointer.pointer_size(f) is not None
            for f, layout in zip(files, layouts)):
        return None
    marks = marked.result()
    if any(m.bom_lines or m.doubled_cr for m in marks):
        return None
    try:
        return _plan(con, files, files, "utf-8", opts, columns, filename, marks, sniffed)
    except IngestError:     # read file by file: each is told what is wrong with it, or read
        return None


def _plan(con: Any, paths: list[Path], utf8: list[Path], encoding: str, opts: dict[str, Any],
          columns: dict[str, str], filename: str | None, marks: list[Marks],
          sniffed: Future[Dialect] | None = None) -> Scan | None:
    """The scan of `utf8` (the files as UTF-8, with their `marks`) with the first one's
    dialect (`sniffed` already, or sniffed here); None when the files' headers differ."""
    label = _label(paths)
    dialect = _quoting_tells(utf8[0], sniffed.result() if sniffed else sniff(
        con, utf8[0], opts, label), opts)
    if len(utf8) > 1 and any(header_of(p, dialect) != dialect.header_row for p in utf8[1:]):
        return None
    declared = {n: t for n, t in on_names(declared_types(columns, label), dialect.names).items()
                if n in dialect.names}
    exact = tuple(n for n, (t, _) in declared.items() if exact_number(t))
    dialect = with_worded(con, utf8, dialect, [n for n, t in zip(dialect.names, dialect.types)
                                           if t == "BOOLEAN" and n not in declared])
    dialect = _checked(con, utf8, dialect, declared, not set(USER_SPELLING) & set(opts))
    dialect = with_angles(_dated(con, utf8, dialect, declared, opts, label), declared)
    return Scan(dialect, declared, utf8, dict(zip(map(str, utf8), map(str, paths))), label,
                encoding, opts, filename, exact=exact,
                nul_bytes=any(m.nul_bytes for m in marks),
                bom_lines=tuple(n for m in marks for n in m.bom_lines))


def _label(paths: list[Path]) -> str:
    """The files as messages name them: the file, or the folder's `*`."""
    return str(paths[0]) if len(paths) == 1 else f"{paths[0].parent}/*"


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
    text = scan_expression(paths, replace(dialect, hinted=[]), {}, {}, None, None)
    first = scan_expression(paths[:1], replace(dialect, hinted=[]), {}, {}, None, None)  # its start
    sampled = csv_values.sampled(con, first, [
        n for n, t in zip(dialect.names, dialect.types)
        if t == "VARCHAR" and n not in declared and n not in hinted and n not in edges])
    if not spellings:
        sampled.spelled = {}
    point = dialect.decimal == "." and "DOUBLE" in dialect.types
    header = dict(zip(dialect.names, written)) if len(written) == len(dialect.names) else {}
    twice = mojibake.notes(con, first, [n for n, t in zip(dialect.names, dialect.types)
                                        if t == "VARCHAR"])
    rounded = csv_excel_ids.notes(con, first, [n for n, t in zip(dialect.names, dialect.types)
                                               if t == "DOUBLE" and n not in declared])
    dialect = replace(dialect, notes=(*dialect.notes, *twice, *rounded))
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
        dialect.skip + int(dialect.header) + int(dialect.split_header) + dialect.under_header,
        dialect.names,
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
    text = scan_expression(paths, replace(dialect, hinted=[]), {}, {}, None, None)
    first = scan_expression(paths[:1], replace(dialect, hinted=[]), {}, {}, None, None)
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
    text = scan_expression([head], replace(dialect, hinted=[]), {}, {}, None, None)
    start = csv_dates.StartOrders.of(
        csv_dates.look(con, text, csv_dates.numeric_at_start(con, text, dates, stamps)))
    return {csv_dates.START_ORDERS: start} if start.seen else {}


def _read(stack: ExitStack, con: Any, paths: list[Path], encoding: str, opts: dict[str, Any],
          columns: dict[str, str], strict: bool = True) -> Raw | None:
    """The file read as `encoding`, without the totals lines it ends with and a query
    tool's rule lines and row-count footer (noted, see `csv_totals`, `csv_rules`); None
    (when not `strict`) if DuckDB met invalid UTF-8. BOMs at the start of a line or field
    are never data: read from a copy without them; nor is a Concordance load file's `þ`
    quote, which DuckDB does not take: read from a copy quoted with `"` (`csv_concordance`);
    nor is the `\\r` doubled before every line's LF (`Marks.doubled_cr`): read from a copy
    with each CRLF an LF; nor are quotes wrapping every whole line: read from a copy of
    their contents (`csv_wrapped`); nor are MySQL's backslash escapes in unquoted fields:
    read from a plain CSV copy (`csv_mysql`)."""
    utf8, marks, totals, aligned, typed = [], [], [], False, {}
    for path in paths:
        text = stack.enter_context(utf8_file(path, encoding))
        mark = byte_marks(text)
        if mark.bom_lines:
            text = stack.enter_context(without_boms(text))
        doubled = [f"{path}: {DOUBLED_CR_NOTE}"] if mark.doubled_cr else []
        if doubled:
            text = stack.enter_context(crlf_as_lf(text))
        text, dat, opts = csv_concordance.requoted(stack, con, text, str(path), opts)
        text, flux, opts, annotated = csv_flux.undone(stack, text, str(path), opts)
        typed.update(annotated)
        text, escaped, opts = csv_mysql.unescaped(stack, text, str(path), opts)
        text, logged, opts = csv_w3c.with_fields_header(stack, text, str(path), opts)
        text, measured, opts = csv_lvm.with_lvm_layout(stack, text, str(path), opts)
        text, leveled, opts = csv_levels.with_joined_header(stack, text, str(path), opts)
        text, bulk, opts = csv_eurostat.split_dimensions(stack, text, str(path), opts)
        text, wrapped = csv_wrapped.unwrapped(stack, con, text, str(path), opts)
        aligned = aligned or ruled_header(text)
        text, notes = without_rules(stack, text, str(path))
        notes[:0] = doubled + dat + flux + escaped + logged + measured + leveled + bulk + wrapped
        records, totals_notes = without_totals(stack, con, text, str(path), opts)
        notes += totals_notes
        utf8.append(records)
        marks.append(mark)
        totals += encoding_notes(str(path), path, encoding) + notes
    columns = {**typed, **columns}   # the types Flux's #datatype declares, the user's first
    try:
        scan = _aligned(_plan(con, paths, utf8, encoding, opts, columns, None, marks), aligned)
        raw = None if scan is None else run(con, scan, strict)
        if raw is not None:
            raw.notes += totals
            raw.declared = typed
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
        raw.declared = typed
    return raw


def _aligned(scan: Scan | None, aligned: bool) -> Scan | None:
    """The scan of a query tool's printed table (a rule line at its header) trims its text
    cells: `'Australia   '` was the tool's padding to the column's width, not the value."""
    return replace(scan, aligned=True) if scan is not None and aligned else scan
