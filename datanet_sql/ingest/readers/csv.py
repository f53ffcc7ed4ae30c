"""CSV and TSV files, read by DuckDB's read_csv with its sniffer and its rejects table.

The encoding is detected first (a non-UTF-8 file is transcoded to a temporary UTF-8 copy,
since DuckDB reads UTF-8 only); DuckDB's sniffer then finds delimiter, quote, title rows
and header; options override each. Rows with too many or too few fields, or a value that
does not fit a declared type, go to DuckDB's rejects table (`store_rejects`), from which
each reject gets its record number and raw line.
"""

from __future__ import annotations

import csv as pycsv
import uuid
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlglot import exp

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.csv_layout import guess_layout
from datanet_sql.ingest.readers.declared import declared_types, misfit
from datanet_sql.ingest.readers.encoding import detect_encoding, normalize_encoding, utf8_file
from datanet_sql.ingest.readers.names import unique_names
from datanet_sql.ingest.readers.shape import Raw
from datanet_sql.ingest.readers.sql import named

OPTIONS = ("encoding", "delimiter", "quote", "escape", "header", "skip", "decimal_separator",
           "null_values")
ALIASES = {"delim": "delimiter", "sep": "delimiter", "separator": "delimiter",
           "nullstr": "null_values", "na_values": "null_values", "decimal": "decimal_separator"}


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


def read(stack: ExitStack, path: Path, fmt: str, options: dict[str, Any],
         columns: dict[str, str]) -> Raw:
    import duckdb

    opts = {ALIASES.get(k, k): v for k, v in options.items()}
    con = duckdb.connect()
    stack.callback(con.close)
    label = str(path)
    if path.stat().st_size == 0:
        return Raw(con, None, label, notes=[f"{path.name}: empty file (0 bytes)"])
    encoding = normalize_encoding(opts["encoding"]) if "encoding" in opts else detect_encoding(path)
    utf8 = stack.enter_context(utf8_file(path, encoding))
    if fmt == "tsv" and "delimiter" not in opts:
        opts["delimiter"] = "\t"
    dialect = sniff(con, utf8, opts, label)
    notes = [f"{path.name}: encoding {encoding}, delimiter {dialect.delimiter!r}, "
             f"header {'on line ' + str(dialect.skip + 1) if dialect.header else 'none'}"]
    declared = {n: t for n, t in declared_types(columns, label).items() if n in dialect.names}
    scan = _scan(utf8, dialect, opts, declared)
    table = con.sql(exp.select("*").from_(scan).sql("duckdb")).to_arrow_table()
    rejects = _rejects(con, dialect, declared, label)
    return Raw(con, con.from_arrow(table), label, rejects, notes, set(declared))


def sniff(con: Any, path: Path, opts: dict[str, Any], label: str) -> Dialect:
    """DuckDB's sniffer, told whatever the options already fix.

    Rows with a field too many or too few make DuckDB's sniffer give up or settle on one
    column; sniffing again while ignoring bad rows finds the real layout, and the wider of
    the two answers wins. A file not split on commas whose text columns read as numbers
    with a decimal comma (European exports) is read with `decimal_separator=','`."""
    given = {k: opts[k] for k in ("delimiter", "quote", "escape", "header", "skip",
                                  "decimal_separator") if k in opts}
    found = _sniff(con, path, given) or _sniff(con, path, {**given, "ignore_errors": True})
    if found and len(found[5]) == 1:
        found = max((found, _sniff(con, path, {**given, "ignore_errors": True}) or found),
                    key=lambda f: len(f[5]))
    if (not found or len(found[5]) == 1) and not {"delimiter", "skip"} & set(given):
        found = _second_opinion(con, path, given) or found
    if not found:
        raise IngestError("cannot tell how the file is split into columns", file=label,
                          hint="set options: delimiter, quote, header, skip")
    if found[0] != "," and "decimal_separator" not in given:
        comma = _sniff(con, path, {**given, "decimal_separator": ","})
        if comma and _numeric(comma[5]) > _numeric(found[5]):
            opts["decimal_separator"] = ","
            found = comma
    delim, quote, escape, skip, header, cols = found
    quote, escape = ("" if q == "(empty)" else q for q in (quote, escape))
    names = [c["name"] for c in cols]
    if header:
        names = _header(path, delim, quote, skip, len(names)) or names
    return Dialect(delim, quote, escape, int(skip), bool(header), unique_names(names),
                   [c["type"] for c in cols])


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


def _numeric(columns: list[dict[str, str]]) -> int:
    return sum(c["type"] in ("DOUBLE", "FLOAT") or c["type"].startswith("DECIMAL")
               for c in columns)


def _header(path: Path, delim: str, quote: str, skip: int, width: int) -> list[str]:
    """The header as written (DuckDB renames duplicates its own way), padded to the width."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for _ in range(skip):
            handle.readline()
        reader = pycsv.reader(handle, delimiter=delim, quotechar=quote or None)
        row = next(reader, [])
    return (row + [""] * width)[:width] if row else []


def _scan(path: Path, dialect: Dialect, opts: dict[str, Any],
          declared: dict[str, tuple[exp.DataType, str]]) -> exp.Table:
    args = [exp.Literal.string(str(path)), named("delim", dialect.delimiter),
            named("quote", dialect.quote), named("escape", dialect.escape),
            named("skip", dialect.skip), named("header", dialect.header),
            named("names", dialect.names), named("store_rejects", True),
            named("rejects_table", "_dn_rejects"), named("rejects_scan", "_dn_scans")]
    if declared:
        args.append(named("types", {n: t.sql("duckdb") for n, (t, _) in declared.items()}))
    if "decimal_separator" in opts:
        args.append(named("decimal_separator", str(opts["decimal_separator"])))
    if "null_values" in opts:
        nulls = opts["null_values"]
        args.append(named("nullstr", [nulls] if isinstance(nulls, str) else list(nulls)))
    return exp.Table(this=exp.func("read_csv", *args))


def _rejects(con: Any, dialect: Dialect,
             declared: dict[str, tuple[exp.DataType, str]], label: str) -> list[Any]:
    from datanet_sql.ingest.reading import Reject

    rows = con.sql("SELECT DISTINCT ON (line) line, column_name, error_type, csv_line "
                   "FROM _dn_rejects ORDER BY line").fetchall()
    first = dialect.skip + (1 if dialect.header else 0)
    found = []
    for line, column, kind, raw in rows:
        fields = next(pycsv.reader([raw], delimiter=dialect.delimiter,
                                   quotechar=dialect.quote or None), [])
        found.append(Reject(label, str(int(line) - first),
                            _reason(kind, column, fields, dialect, declared), raw))
    return found


def _reason(kind: str, column: str | None, fields: list[str], dialect: Dialect,
            declared: dict[str, tuple[exp.DataType, str]]) -> str:
    width = len(dialect.names)
    if kind in ("MISSING COLUMNS", "TOO MANY COLUMNS"):
        return f"{len(fields)} fields where the header has {width}"
    if kind == "CAST" and column in dialect.names:
        index = dialect.names.index(column)
        value = fields[index] if index < len(fields) else None
        spelled = declared[column][1] if column in declared else \
            dialect.types[index].lower()
        return misfit(column, value, spelled)
    return f"{kind.lower()}" + (f" in column {column}" if column else "")
