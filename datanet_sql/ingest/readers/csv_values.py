"""What DuckDB's sniffer cannot decide from its sample, checked on the whole file.

Two kinds of column read wrong from a sniffed sample alone:
- numbers kept as text because of how they are written: thousands separators (`"198,712"`)
  or a word standing for a missing value (R's `NA`, Excel's `#N/A`, `NULL`). A second sniff
  told those spellings (`SNIFF_HINTS`) names the columns that may be such numbers; every
  value of each is then checked, and the column becomes a number only when all of them are
  plain numbers, grouped numbers or missing-value words. A comma is taken for a thousands
  separator only when the file shows `.` as its decimal point (a column of decimals, or a
  value such as `12,193.8` or `1,234,567`); otherwise `"2,944"` could be a decimal comma,
  and the column stays text with a note saying how to tell.
- the empty column a delimiter at the end of every line adds: dropped when its header is
  blank and no record has a value in it; kept (and named) otherwise.
- a header line repeated among the rows (exports concatenated): it turns every number
  column to text. The second sniff is told the header's names as missing values, so those
  columns are checked; a row whose every field is its column's header is left out, noted.
A word such as `NA` in a text column stays text: only columns whose other values are all
numbers are converted.

Numbers in a locale's or an ERP system's spelling (`SPELLINGS`: a minus after the number,
apostrophes or spaces between thousands, accounting negatives in parentheses) stay text,
which is lossless, but the user meant numbers and must be told. A text column whose sampled
values (`SAMPLE_ROWS`, the start of the file: no pass over it) are all numbers, some in one
such spelling, is checked on every row by the same pass as the columns above, and named in a
note with the spelling and what reads it (an option where DuckDB has one, else a cast in a
model) when every value is so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlglot import exp

from datanet_sql.ingest.readers.sql import column, ident

# missing-value words of R, spreadsheets, SQL dumps, pandas; `\N` is Postgres COPY text's
# (and MySQL's SELECT INTO OUTFILE's) NULL
MISSING_WORDS = ("NA", "N/A", "n/a", "#N/A", "NULL", "null", "None", "\\N")
SNIFF_HINTS = {"nullstr": ["", *MISSING_WORDS], "thousands": ","}
_PLAIN = r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?"
_GROUPED = r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?"
_SURELY_GROUPED = r"[+-]?\d{1,3}(,\d{3}){2,}(\.\d+)?|[+-]?\d{1,3}(,\d{3})+\.\d+"
_FRACTION = r".*[.eE].*"
NUMERIC = ("BIGINT", "DOUBLE")
SAMPLE_ROWS = 2048   # rows of the file's start whose text columns are matched to SPELLINGS
_ANY_POINT = r"[+-]?\d+([.,]\d+)?"   # a number beside a spelled one, decimal point or comma


@dataclass(frozen=True)
class Spelling:
    """A way of writing numbers that DuckDB reads as text: `pattern` matches a value so
    written (in Python's `re` and DuckDB's RE2 alike), `what` names it, `read` says how to
    get numbers from it."""

    pattern: str
    what: str
    read: str


_IN_A_MODEL = "cast it in a model"
SPELLINGS = (
    Spelling(r"(\d+[.,])*\d+-", "a minus after the number (SAP and other ERP exports)",
             f"{_IN_A_MODEL}, moving the minus to the front"),
    Spelling(r"[+-]?[1-9]\d{0,2}('\d{3})+([.,]\d+)?", "apostrophes between thousands (Swiss)",
             "set options: {thousands: \"'\"} to read it as numbers"),
    Spelling(r"[+-]?[1-9]\d{0,2}([’" "\u00a0\u202f" r" ]\d{3})+([.,]\d+)?",  # (narrow) NBSP
             "spaces or ’ between thousands",
             f"{_IN_A_MODEL}, removing them (DuckDB's thousands option takes one one-byte "
             f"character)"),
    Spelling(r"\((\d+[.,])*\d+\)", "accounting negatives in parentheses",
             f"{_IN_A_MODEL}, turning (x) into -x"),
)


@dataclass
class Checked:
    """What the whole-file check decided: columns to convert (name -> BIGINT or DOUBLE),
    empty trailing columns to drop, and notes for the user."""

    numbers: dict[str, str] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    repeated_header: dict[str, str] = field(default_factory=dict)  # name -> header as written


def spelled_columns(con: Any, text_scan: exp.Table, text: list[str]) -> dict[str, Spelling]:
    """The columns of `text` whose values in the first `SAMPLE_ROWS` rows of `text_scan`
    are all numbers (or missing), some written in one of `SPELLINGS`: their spelling."""
    if not text:
        return {}
    rows = con.execute(exp.select(*map(column, text)).from_(text_scan).limit(SAMPLE_ROWS)
                       .sql("duckdb")).fetchall()
    found = {name: _spelling([v for v in values if v is not None and v not in MISSING_WORDS])
             for name, values in zip(text, zip(*rows))}
    return {name: spelling for name, spelling in found.items() if spelling is not None}


def _spelling(values: list[str]) -> Spelling | None:
    """The one of `SPELLINGS` some of `values` are written in, the others being plain
    numbers; None when a value is neither (a text column: the first such ends the look)."""
    for spelling in SPELLINGS:
        seen = False
        for value in values:
            if re.fullmatch(spelling.pattern, value):
                seen = True
            elif not re.fullmatch(_ANY_POINT, value):
                break
        else:
            if seen:
                return spelling
    return None


def check(con: Any, text_scan: exp.Table, hinted: list[str], trailing: str | None,
          point_is_decimal: bool, header: dict[str, str],
          spelled: dict[str, Spelling] | None = None) -> Checked:
    """Check every value of the `hinted` columns, of the `spelled` ones (see `spelled_columns`)
    and of the blank-headed last column `trailing` in `text_scan` (the files read with
    every column as text); `header` is each column's name as the header line writes it,
    whose repetitions are counted and left out."""
    checked = Checked()
    spelled = spelled or {}
    if not hinted and not trailing and not spelled:
        return checked
    repeated = is_header(header) if header else exp.false()
    aggregates: list[exp.Expression] = [_count(repeated)]
    for name in hinted:
        value = column(name)
        given = _given(value, repeated)
        aggregates += [
            _count(exp.and_(given, _matches(value, _PLAIN).not_(),
                            _matches(value, _GROUPED).not_())),
            _count(_matches(value, _GROUPED)),
            _count(_matches(value, _SURELY_GROUPED)),
            _count(exp.and_(given, _matches(value, _FRACTION))),
            _count(_is_word(value)),
            exp.func("min", exp.case().when(_matches(value, _GROUPED), value))]
    for name, spelling in spelled.items():
        value = column(name)
        aggregates += [
            _count(exp.and_(_given(value, repeated), _matches(value, _ANY_POINT).not_(),
                            _matches(value, spelling.pattern).not_())),
            exp.func("min", exp.case().when(_matches(value, spelling.pattern), value))]
    if trailing:
        aggregates.append(exp.func("count", column(trailing)))
    headers, *row = con.execute(exp.select(*aggregates).from_(text_scan).sql("duckdb")
                                ).fetchall()[0]
    if headers:
        checked.repeated_header = header
        checked.notes.append(f"{headers} line(s) repeat the header (files joined together): "
                             f"left out")
    for (name, spelling), (other, example) in zip(spelled.items(),
                                                  _pairs(row[6 * len(hinted):])):
        if not other:
            checked.notes.append(f"column {name}: every value is a number, some written with "
                                 f"{spelling.what}, such as {example!r}: kept as text; "
                                 f"{spelling.read}")
    for i, name in enumerate(hinted):
        other, grouped, surely, fraction, words, example = row[6 * i:6 * i + 6]
        if other:
            continue
        if grouped and not (surely or point_is_decimal):
            checked.notes.append(
                f"column {name}: values such as {example!r} could hold a thousands separator "
                f"or a decimal comma: kept as text; set options: {{thousands: ','}} or "
                f"{{decimal_separator: ','}}")
            continue
        kind = "DOUBLE" if fraction else "BIGINT"
        checked.numbers[name] = kind
        how = [w for w, n in (("thousands separators removed", grouped),
                              (f"{words} missing-value word(s) read as NULL", words)) if n]
        if how:  # else only the repeated header made it text, and that has its note
            checked.notes.append(f"column {name}: read as "
                                 f"{'double' if fraction else 'integer'} ({', '.join(how)})")
    if trailing and not row[-1]:
        checked.dropped.append(trailing)
        checked.notes.append("every line ends with the delimiter: the empty column it makes "
                             "is dropped")
    return checked


def number(name: str, kind: str) -> exp.Expression:
    """The text column `name` as the number `check` found it holds, named as it was."""
    value = column(name)
    text = exp.case().when(_is_word(value), exp.null()).else_(value)
    plain = exp.func("replace", text, exp.Literal.string(","), exp.Literal.string(""))
    return exp.cast(plain, exp.DataType.build(kind)).as_(ident(name))


def is_header(header: dict[str, str]) -> exp.Expression:
    """A row whose every field is its column's header as written."""
    return exp.and_(*[exp.cast(column(name), "VARCHAR").eq(exp.Literal.string(written))
                      for name, written in header.items()])


def _given(value: exp.Expression, repeated: exp.Expression) -> exp.Expression:
    """A value: not NULL, not a missing-value word, not on a repeated header line."""
    return exp.and_(value.is_(exp.null()).not_(), _is_word(value).not_(),
                    exp.func("coalesce", repeated, exp.false()).not_())


def _pairs(values: list[Any]) -> list[tuple[Any, Any]]:
    return list(zip(values[::2], values[1::2]))


def _is_word(value: exp.Expression) -> exp.Expression:
    return value.isin(*[exp.Literal.string(w) for w in MISSING_WORDS])


def _matches(value: exp.Expression, pattern: str) -> exp.Expression:
    return exp.func("regexp_full_match", value, exp.Literal.string(pattern))


def _count(condition: exp.Expression) -> exp.Expression:
    return exp.func("count_if", exp.func("coalesce", condition, exp.false()))
