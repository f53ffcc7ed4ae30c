"""The one DuckDB read_csv scan of CSV/TSV files of one planned dialect (`Scan`), and the
read_csv expression it and the planning checks run (`scan_expression`): split from
`readers.csv`, which plans the dialect (encoding, layout, the checks of each column's
kind) and hands the plan here to be read, on a read's own connection or a warehouse's."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlglot import exp

from datanet_sql.ingest.readers import csv_booleans, csv_dates, csv_r_missing, csv_values
from datanet_sql.ingest.readers.csv_dialect import Dialect, described
from datanet_sql.ingest.readers.csv_rejects import duckdb_rejects, scans_table
from datanet_sql.ingest.readers.csv_run import guessed_integer
from datanet_sql.ingest.readers.encoding import bom_note
from datanet_sql.ingest.readers.names import renamed
from datanet_sql.ingest.readers.sql import column, ident, named

EXACT = "DECIMAL(38,18)"   # any BIGINT, and decimals to 18 places, without rounding


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
        return scan_expression(self.paths, self.dialect, self.opts, self.declared, self.filename,
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
                             csv_values.number(n, numbers[n], hidden=n in checked.invisible,
                                               wide=n in checked.full_width)
                             if n in numbers else
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
        dialect = with_worded(con, self.paths, self.dialect, late)
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


def with_worded(con: Any, paths: list[Path], dialect: Dialect, booleans: list[str]) -> Dialect:
    """The dialect with those of the columns DuckDB typed BOOLEAN (`booleans`, none
    declared) where a value of `paths` is a word other than true/false (`Yes`/`No`) as
    text (see `csv_booleans`)."""
    if not booleans:
        return dialect
    text = scan_expression(paths, replace(dialect, hinted=[]), {}, {}, None, None)
    worded = csv_booleans.worded(con, text, booleans)
    return replace(dialect, worded={**dialect.worded, **worded}, types=[
        "VARCHAR" if n in worded else t for n, t in zip(dialect.names, dialect.types)])


def scan_expression(paths: list[Path], dialect: Dialect, opts: dict[str, Any],
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
                                         *dialect.datetimes.names, *dialect.worded, *dialect.angles,
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
