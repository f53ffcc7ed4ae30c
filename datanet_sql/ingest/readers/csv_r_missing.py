"""R's missing value `NA` in CSV files, told apart from the text "NA" by kind of file.

R writes a missing value as a bare `NA` (`write.csv`, `write.table`, readr's `write_csv`),
and the text "NA" (North America, Namibia, sodium) as `"NA"` where it quotes text. DuckDB
reads both as the text 'NA' unless told, so a text column of an R export held 'NA' for its
missing rows with no note: a silently wrong table. Two kinds are decided here:

- quoting tells (`write.csv`, `write.table` with its default quotes): in the file's first
  records (`SAMPLE_BYTES`: a sample, never every line in Python) a bare `NA` stands where
  the file quotes all its text (every bare field a number, `TRUE`/`FALSE`, `Inf`, `NaN`,
  `NA` or empty, as R leaves them; a quoted field at least), or beside a quoted `"NA"` (the
  writer tells them apart itself). The file is then read with `NA` as the null string of
  bare fields only (DuckDB's `allow_quoted_nulls = false`): `"NA"` stays text, and `""`
  stays the empty string R wrote, as `read.csv` reads its own file back.
- nothing quoted (`write.table(quote = FALSE)`, readr where no value needed quotes): a bare
  `NA` is all there is. Where the file's number columns use `NA` for missing (R's
  convention, file-wide, as `csv_values.check` found on every row), `NA` in its text
  columns is missing too, each such column named in a note with the declaration that keeps
  the text. Where no number column shows `NA` as missing, 'NA' stays text (a country code).
A file of neither kind, or one read with `options: {null_values: ...}`, reads as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlglot import exp

from datanet_sql.ingest.readers.csv_layout import SAMPLE_BYTES
from datanet_sql.ingest.readers.sql import column, count_if, ident

NA = "NA"
NULLSTR = [NA, ""]   # a bare NA and a bare empty field are missing; `""` and `"NA"` are text
# what R writes bare besides NA: numbers (with Inf, NaN) and logicals
_BARE = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|[+-]?Inf|NaN|TRUE|FALSE|")


@dataclass(frozen=True)
class Missing:
    """What was decided: `bare` the columns whose bare `NA` the sample shows where quoting
    tells (the file read with `NULLSTR` for bare fields only); `text` the text columns of an
    unquoted file whose 'NA' are read as NULL; `notes` say so, column by column."""

    bare: tuple[str, ...] = ()
    text: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass
class _Seen:
    """Per column of the sampled records: bare `NA`s, quoted `"NA"`s."""

    bare_na: int = 0
    quoted_na: int = 0


def quoting_tells(path: Path, delimiter: str, quote: str, escape: str, lines_before: int,
                  names: list[str], numeric: set[str]) -> Missing:
    """The first kind (see the module): the columns `names` of `path` (records after
    `lines_before` lines) whose bare `NA` the sample shows, where quoting tells it from the
    text; noted for those not `numeric` (a number column's NULLs have their own note)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        sample = handle.read(SAMPLE_BYTES)
    d = re.escape(delimiter)
    bare_na = re.compile(rf"(^|{d})NA({d}|\r?$)", re.MULTILINE)
    if not quote or not bare_na.search(sample):   # the common path: no bare NA at all
        return Missing()
    seen, all_quoted = _sampled(sample, delimiter, quote, escape, lines_before, len(names))
    quoted_na = any(s.quoted_na for s in seen)
    if not (all_quoted or quoted_na):
        return Missing()
    bare = tuple(n for n, s in zip(names, seen) if s.bare_na)
    notes = tuple(
        f"column {n}: bare NA read as missing, a quoted \"NA\" kept as the text 'NA' and "
        f"\"\" as the empty string (the file quotes its text, as R's write.csv does, or the "
        f"text NA, as readr's write_csv before 2.1.3 did)"
        for n in bare if n not in numeric)
    return Missing(bare=bare, notes=notes)


def _sampled(sample: str, delimiter: str, quote: str, escape: str, lines_before: int,
             width: int) -> tuple[list[_Seen], bool]:
    """Each column's `_Seen` in the sample's complete records, and whether the file quotes
    all its text there (every bare field one R writes bare, a quoted field at least)."""
    seen = [_Seen() for _ in range(width)]
    quoted_any, bare_text = False, False
    records = _records(sample, delimiter, quote, escape)
    for _ in range(lines_before):
        next(records, None)
    for record in records:
        if len(record) != width:
            continue
        for s, (value, quoted) in zip(seen, record):
            s.bare_na += not quoted and value == NA
            s.quoted_na += quoted and value == NA
            quoted_any = quoted_any or quoted
            bare_text = bare_text or (not quoted and value != NA and not _BARE.fullmatch(value))
    return seen, quoted_any and not bare_text


def _records(sample: str, delimiter: str, quote: str, escape: str
             ) -> Iterator[list[tuple[str, bool]]]:
    """The sample's complete records, each a list of (value, quoted); a record the sample
    cuts, or one a field of which does not parse, ends them."""
    d, q = re.escape(delimiter), re.escape(quote)
    inner = rf"(?:[^{q}{re.escape(escape)}]|{re.escape(escape)}.)*" if escape else \
        rf"(?:[^{q}]|{q}{q})*"
    field = re.compile(rf"{q}(?P<quoted>{inner}){q}(?={d}|\r?\n|$)|(?P<bare>[^\r\n{q}]*?)"
                       rf"(?={d}|\r?\n|$)", re.DOTALL)
    end = re.compile(rf"{d}|\r?\n")
    pos, record = 0, []
    while pos < len(sample):
        found = field.match(sample, pos)
        if found is None:
            return
        quoted = found.group("quoted") is not None
        value = found.group("quoted") if quoted else found.group("bare")
        if quoted:
            value = value.replace(quote * 2, quote) if not escape else \
                re.sub(rf"{re.escape(escape)}(.)", r"\1", value)
        record.append((value, quoted))
        sep = end.match(sample, found.end())
        if sep is None:   # the sample's end cuts the record
            return
        pos = sep.end()
        if sep.group() != delimiter:
            yield record
            record = []


def unquoted_text(con: Any, text_scan: exp.Table, text: list[str], words: dict[str, list[str]],
                  declared: set[str]) -> Missing:
    """The second kind (see the module): the `text` columns (not `declared`) of a file read
    as all text (`text_scan`) holding 'NA', when a number column's missing-value `words`
    (name -> the words read as NULL in it, see `csv_values.check`) include `NA`; one query
    over every row, run only then."""
    numbers = [n for n, w in words.items() if NA in w]
    candidates = [n for n in text if n not in declared]
    if not numbers or not candidates:
        return Missing()
    counts = con.execute(exp.select(*[count_if(column(n).eq(exp.Literal.string(NA)))
                                      for n in candidates]).from_(text_scan)
                         .sql("duckdb")).fetchall()[0]
    found = {n: c for n, c in zip(candidates, counts) if c}
    shown = ", ".join(numbers)
    notes = tuple(
        f"column {n}: {c} NA read as missing (the file writes R's NA for missing numbers, in "
        f"{shown}, and quotes nothing, so the text 'NA' cannot be told apart); to keep the "
        f"text 'NA', declare it: columns: {{{n}: varchar}}" for n, c in found.items())
    return Missing(text=tuple(found), notes=notes)


def nulled(name: str) -> exp.Expression:
    """The text column `name` with 'NA' read as NULL (the second kind), named as it was."""
    return exp.Nullif(this=column(name), expression=exp.Literal.string(NA)).as_(ident(name))
