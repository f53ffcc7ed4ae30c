"""What DuckDB's sniffer cannot decide from its sample, checked on the whole file.

Two kinds of column read wrong from a sniffed sample alone:
- numbers kept as text because of how they are written: thousands separators (`"198,712"`)
  or a word standing for a missing value (R's `NA`, Excel's `#N/A`, `NULL`, SAS's lone
  `.`). A second sniff
  told those spellings (`SNIFF_HINTS`) names the columns that may be such numbers; every
  value of each is then checked, and the column becomes a number only when all of them are
  plain numbers, grouped numbers or missing-value words. A comma is taken for a thousands
  separator only when the file shows `.` as its decimal point (a column of decimals, or a
  value such as `12,193.8` or `1,234,567` in any column); otherwise `"2,944"` could be a decimal comma,
  and the column stays text with a note saying how to tell.
- the empty column a delimiter at the end of every line adds: dropped when its header is
  blank and no record has a value in it; kept (and named) otherwise.
- a header line repeated among the rows (exports concatenated): it turns every number
  column to text. The second sniff is told the header's names as missing values, so those
  columns are checked; a row whose every field is its column's header is left out, noted.
A word such as `NA` in a text column stays text: only columns whose other values are all
numbers are converted. Minitab's lone `*` is such a word only in a column whose numbers
outnumber it: where it is as many or more (a flag, or a column mostly missing) the column
stays text, noted with the option that reads it as missing.

Numbers in a locale's or an ERP system's spelling (`SPELLINGS`: a minus after the number,
apostrophes or spaces between thousands, accounting negatives in parentheses) stay text,
which is lossless, but the user meant numbers and must be told. A text column whose sampled
values (`SAMPLE_ROWS`, the start of the file: no pass over it) are all numbers, some in one
such spelling, is checked on every row by the same pass as the columns above, and named in a
note with the spelling and what reads it (an option where DuckDB has one, else a cast in a
model) when every value is so.

The same sample names two more kinds of text column, checked by the same pass:
- values all written `="0001"` (Excel's text formula, which keeps leading zeros in a CSV
  opened in Excel): unwrapped to the text inside when every value of the column is so.
- numbers but for a few values (a typo, a `?`, a comment): kept as text, which is lossless,
  but named in a note with how many values are not numbers, up to three of them, and how to
  read the column as numbers (declared, those rows are rejects). A column whose
  missing-value words made it text is noted so too when other words remain. Invisible
  characters (a zero-width space after the digits, see `invisible`) are not counted
  against a value: a column whose every value is a number without them is read as numbers,
  noted, the characters removed; so are digits typed full-width (`２０９`, see `full_width`),
  folded to ASCII.
A units line under the header (`,,lb,lb`, `[-],[mm],[°C]`: short words over columns that are
numbers below) is told to the second sniff as missing values, as the header is, and left
out with a note naming the units when every column with a unit is numbers below it; the
names stay as the header writes them (a later export without the line keeps its columns).
A data logger writes a few such lines (TOA5: units `TS,RN,degC`, then how each value was
taken, `,,Avg`), a word over its timestamp column too: the lines are left out from the first
as far as every column with a word in them is numbers, or dates and timestamps DuckDB casts
(ISO), below them; such a date or timestamp column is read as one.
A survey tool writes lines that describe the columns under the names: Qualtrics the question
texts, then `{"ImportId":"QID1"}` per column; an older export its question texts under `V1`,
`V2`. Their words are longer than units and lie over text columns too, so a line of words
(`described`) is left out, as a units line is, when its words over the columns that are
numbers below it are two at least and all different: a data row with words in every number
column repeats them (`unknown`, `-`), and one word over one column is a value (noted).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlglot import exp

from datanet_sql.ingest.readers import few_others, full_width, invisible
from datanet_sql.ingest.readers.missing_words import MISSING_WORDS, STAR
from datanet_sql.ingest.readers.sql import column, count_if, ident

WORDS = (*MISSING_WORDS, STAR)   # `*` read as missing where numbers outnumber it (`check`)
SNIFF_HINTS = {"nullstr": ["", *WORDS], "thousands": ","}
PLAIN = r" *[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)? *"   # padding: DuckDB's casts trim it
_GROUPED = r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?"
_SURELY_GROUPED = r"[+-]?\d{1,3}(,\d{3}){2,}(\.\d+)?|[+-]?\d{1,3}(,\d{3})+\.\d+"
_FRACTION = r".*[.eE].*"
_PADDED = r" .*|.* "
_WHOLE_DIGITS = 18   # a padded whole number this long (sign included) fits a BIGINT
NUMERIC = ("BIGINT", "DOUBLE")
_SHOWN = 3   # columns a note on lines describing the columns quotes
_HINTED = 10   # aggregates `check` takes of each hinted column
SAMPLE_ROWS = 2048   # rows of the file's start whose text columns are matched to SPELLINGS
_ANY_POINT = r"[+-]?\d+([.,]\d+)?"   # a number beside a spelled one, decimal point or comma
WRAPPED = r'="[^"]*"'   # Excel's text formula ="0001": leading zeros kept when Excel opens it
# a unit: `lb`, `m/s`, `%`, `[°C]`, `[-]`, a logger's `Deg C`, `meters/second`
_UNIT = r"[^\d\s]\S{0,14}|[^\d\s]\S{0,4} [^\d\s]\S{0,4}|\[.{0,8}\]"


@dataclass(frozen=True)
class Spelling:
    """A way of writing numbers that DuckDB reads as text: `pattern` matches a value so
    written (in Python's `re` and DuckDB's RE2 alike), `what` names it, `read` says how to
    get numbers from it; `grouping` the one character grouping thousands that the reader
    itself removes (a spelling no other reading shares), else empty: kept as text."""

    pattern: str
    what: str
    read: str
    grouping: str = ""


def _grouped_by(character: str, what: str) -> Spelling:
    """Thousands grouped by `character` alone, a space no text puts between digits in
    threes: read as numbers (see `check`)."""
    return Spelling(rf"[+-]?[1-9]\d{{0,2}}({character}\d{{3}})+([.,]\d+)?", what,
                    "read as numbers", character)


_IN_A_MODEL = "cast it in a model"
# any of them, mixed, or no-break spaces around a decimal mark not the file's: kept as text
_SPACES = Spelling(r"[+-]?[1-9]\d{0,2}([’" "\u00a0\u202f" r" ]\d{3})+([.,]\d+)?",  # (narrow) NBSP
                   "spaces or ’ between thousands",
                   f"{_IN_A_MODEL}, removing them (DuckDB's thousands option takes one one-byte "
                   f"character)")
SPELLINGS = (
    _grouped_by("\u202f", "narrow no-break spaces (U+202F) between thousands (French)"),
    _grouped_by("\u00a0", "no-break spaces (U+00A0) between thousands"),
    Spelling(r"(\d+[.,])*\d+-", "a minus after the number (SAP and other ERP exports)",
             f"{_IN_A_MODEL}, moving the minus to the front"),
    Spelling(r"[+-]?[1-9]\d{0,2}('\d{3})+([.,]\d+)?", "apostrophes between thousands (Swiss)",
             "set options: {thousands: \"'\"} to read it as numbers"),
    _SPACES,
    Spelling(r"\((\d+[.,])*\d+\)", "accounting negatives in parentheses",
             f"{_IN_A_MODEL}, turning (x) into -x"),
    Spelling(r"[+-]?(\d+([.,]\d*)?|[.,]\d+) ?%", "a percent sign",
             f"{_IN_A_MODEL}, removing the sign (and dividing by 100 for a fraction)"),
)


@dataclass
class Checked:
    """What the whole-file check decided: columns to convert (name -> BIGINT or DOUBLE, or
    DATE or TIMESTAMP under units lines), empty edge columns to drop, and notes for the
    user."""

    numbers: dict[str, str] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    repeated_header: dict[str, str] = field(default_factory=dict)  # name -> header as written
    units: list[dict[str, str]] = field(default_factory=list)  # lines of name -> unit: left out
    unwrapped: list[str] = field(default_factory=list)   # ="..." values read as the text
    groupings: dict[str, str] = field(default_factory=dict)   # name -> the space grouping it
    words: dict[str, list[str]] = field(default_factory=dict)   # name -> words read as NULL
    invisible: list[str] = field(default_factory=list)   # numbers with `invisible` characters
    full_width: list[str] = field(default_factory=list)   # numbers typed in `full_width` forms


@dataclass
class Sampled:
    """What the file's first `SAMPLE_ROWS` rows say of its text columns, for `check` to
    decide on every row: numbers in a spelling, values all `="..."`, numbers but for a few
    values (or all numbers, the few past the sample)."""

    spelled: dict[str, Spelling] = field(default_factory=dict)
    wrapped: list[str] = field(default_factory=list)
    mostly: list[str] = field(default_factory=list)


def sampled(con: Any, text_scan: exp.Table, text: list[str]) -> Sampled:
    """What the first `SAMPLE_ROWS` rows of `text_scan` say of the columns `text`."""
    found = Sampled()
    if not text:
        return found
    rows = con.execute(exp.select(*map(column, text)).from_(text_scan).limit(SAMPLE_ROWS)
                       .sql("duckdb")).fetchall()
    for name, values in zip(text, zip(*rows)):
        given = [v for v in values if v is not None and v.strip() and v not in MISSING_WORDS]
        if spelling := _spelling(given):
            found.spelled[name] = spelling
        elif given and all(re.fullmatch(WRAPPED, v) for v in given):
            found.wrapped.append(name)
        elif given and (_numbers_but_few(given) or (
                plain := invisible.without(given)) and _numbers_but_few(plain)):
            found.mostly.append(name)
    return found


def _numbers_but_few(values: list[str]) -> bool:
    """All `values` are numbers (in ASCII or `full_width` forms), or all but a few (the
    few, if any, may be past them)."""
    other = sum(not re.fullmatch(PLAIN, full_width.folded_text(v)) for v in values)
    return not other or few_others.few(other, len(values))


def units_line(fields: list[str]) -> bool:
    """A record under the header that may be a units line: short words (not numbers, in
    ASCII or `full_width` forms, not missing-value words) and blanks, at least one word."""
    words = [f.strip() for f in fields if f.strip()]
    return bool(words) and all(re.fullmatch(_UNIT, w) and w not in WORDS and not re.fullmatch(
        _ANY_POINT, full_width.folded_text(w)) for w in words)


def described(fields: list[str]) -> bool:
    """A record under the header that may describe the columns (a question text, an import
    id): two words at least, each with a letter and not a missing-value word, and blanks."""
    words = [f.strip() for f in fields if f.strip()]
    return len(words) >= 2 and all(re.search(r"[^\W\d_]", w) and w not in WORDS
                                   and not re.fullmatch(PLAIN, full_width.folded_text(w))
                                   for w in words)


def _no_record(line: dict[str, str], fine: Callable[[str], bool]) -> bool:
    """The line under the header is units (each word short, over a column `fine`: numbers,
    or dates, below it) or descriptions (see the module docstring)."""
    words = {n: w.strip() for n, w in line.items() if w.strip()}
    over = [w for n, w in words.items() if fine(n)]
    if units_line(list(line.values())) and len(over) == len(words):
        return True
    return described(list(line.values())) and len(over) >= 2 and len(set(over)) == len(over)


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


def check(con: Any, text_scan: exp.Table, hinted: list[str], edges: dict[str, str],
          point_is_decimal: bool, header: dict[str, str], sampled: Sampled | None = None,
          units: list[dict[str, str]] | None = None, dated: dict[str, str] | None = None,
          decimal: str = ".", forced: int = 0) -> Checked:
    """Check every value of the `hinted` columns, of the `sampled` ones and of the
    blank-headed first or last columns `edges` (name -> "starts" or "ends": a delimiter at
    the start or end of every line, a pipe table's borders) in `text_scan` (the files read
    with every column as text), in one query; `header` is each column's name as the header line writes it, whose
    repetitions are counted and left out; `units` the first records' fields when they may be
    units lines (see `units_line`), left out as far as every column with a unit is numbers,
    or of the `dated` columns' type (name -> DATE or TIMESTAMP), which are then read so;
    the first `forced` of them are left out whatever is below them (a header's second line,
    `csv_split_header`).
    A column `sampled` in a spelling with a `grouping` is read as numbers when every value
    of it is a number grouped so or not at all, with the file's `decimal` mark; a value
    otherwise (`12\u202fh\u202f30`, another grouping) keeps it text, noted as before."""
    checked = Checked()
    sampled = sampled or Sampled()
    spelled, units, dated = sampled.spelled, units or [], dated or {}
    if not (hinted or dated or edges or spelled or sampled.wrapped or sampled.mostly or forced):
        return checked
    is_header = is_row(header) if header else exp.false()
    is_units = [is_row(line) for line in units]
    repeated = exp.or_(is_header, *is_units)
    aggregates: list[exp.Expression] = [count_if(is_header), *map(count_if, is_units)]
    for name, kind in dated.items():
        value = column(name)
        aggregates.append(count_if(exp.and_(_given(value, repeated), exp.TryCast(
            this=value, to=exp.DataType.build(kind)).is_(exp.null()))))
    for name in hinted:
        value = column(name)
        given = _given(value, repeated, WORDS)
        aggregates += [
            *few_others.counts(value, given, _number(value)),
            count_if(_matches(value, _GROUPED)),
            count_if(_matches(value, _SURELY_GROUPED)),
            count_if(exp.and_(given, _matches(value, _FRACTION))),
            count_if(_is_word(value, WORDS)),
            exp.Filter(this=exp.ArrayAgg(this=exp.Distinct(expressions=[value])),
                       expression=exp.Where(this=_is_word(value, WORDS))),
            exp.func("min", exp.case().when(_matches(value, _GROUPED), value)),
            count_if(value.eq(exp.Literal.string(STAR)))]
    for name in sampled.mostly:   # invisible characters aside, full-width forms folded
        value = column(name)
        plain = full_width.folded(invisible.stripped(value))
        given = _given(plain, repeated)
        aggregates += [*few_others.counts(value, given, _number(plain)),
                       count_if(exp.and_(given, _matches(plain, _FRACTION))),
                       count_if(exp.and_(given, _matches(plain, _PADDED))),
                       exp.func("max", exp.Length(this=exp.Trim(this=plain))),
                       *invisible.counts(value), *full_width.counts(value)]
    for name in [*spelled, *sampled.wrapped]:
        value = column(name)
        unread: exp.Expression = exp.Literal.number(0)
        if name in spelled:
            pattern, given = spelled[name].pattern, exp.and_(
                _given(value, repeated), _matches(value, _ANY_POINT).not_())
            if spelled[name].grouping:
                unread = count_if(exp.and_(_given(value, repeated), _matches(
                    value, _grouped(spelled[name].grouping, decimal)).not_()))
        else:   # a missing-value word among ="..." values is written so, not a NULL
            pattern, given = WRAPPED, exp.and_(value.is_(exp.null()).not_(), exp.func(
                "coalesce", repeated, exp.false()).not_())
        aggregates += [
            count_if(exp.and_(given, _matches(value, pattern).not_())),
            exp.func("min", exp.case().when(_matches(value, pattern), value)),
            count_if(exp.and_(given, exp.func("contains", value, exp.Literal.string(decimal)))),
            unread]
    aggregates += [exp.func("count", column(name)) for name in edges]
    headers, *row = con.execute(exp.select(*aggregates).from_(text_scan)
                                .sql("duckdb")).fetchall()[0]
    if headers:
        checked.repeated_header = header
        checked.notes.append(f"{headers} line(s) repeat the header (files joined together): "
                             f"left out")
    lines, row = row[:len(units)], row[len(units):]
    undated = dict(zip(dated, row))
    row = row[len(dated):]
    found = {name: row[_HINTED * i:_HINTED * (i + 1)] for i, name in enumerate(hinted)}
    row = row[_HINTED * len(hinted):]
    left = _units_left_out(units, lines, lambda n: not found[n][0] if n in found else
                           n in undated and not undated[n], forced)
    checked.units = units[:left]
    if left > forced:
        checked.notes.append(_units_note(checked.units[forced:]))
    kept = [(line, n) for line, n in zip(units[left:], lines[left:]) if n]
    checked.numbers.update({n: dated[n] for n, other in undated.items() if not other and
                            not any(line[n].strip() for line, _ in kept)})
    # a column of surely grouped numbers (`1,234.56`, `2,000,001`) shows the file's convention
    # for every other column too, as a column of decimals does (`point_is_decimal`)
    point_is_decimal = point_is_decimal or any(values[4] for values in found.values())
    for name, (other, given, examples, grouped, surely, fraction, words, spelled_as,
               example, stars) in found.items():
        for line, count in kept:   # a word of a line not left out is a value after all
            if line[name].strip():
                other, given = other + count, given + count
                examples = [line[name], *(examples or [])]
        if other:
            checked.notes += few_others.note(name, other, given, examples)
            continue
        if stars >= given and stars:
            checked.notes.append(_stars_note(name, stars, given))
            continue
        if grouped and not (surely or point_is_decimal):
            checked.notes.append(
                f"column {name}: values such as {example!r} could hold a thousands separator "
                f"or a decimal comma: kept as text; set options: {{thousands: ','}} or "
                f"{{decimal_separator: ','}}")
            continue
        kind = "DOUBLE" if fraction else "BIGINT"
        checked.numbers[name] = kind
        checked.words[name] = sorted(spelled_as or [])
        shown = ", ".join(map(repr, checked.words[name]))
        how = [w for w, n in (("thousands separators removed", grouped),
                              (f"{words} missing-value word(s) read as NULL: {shown}", words))
               if n]
        if how:  # else only the repeated header made it text, and that has its note
            checked.notes.append(f"column {name}: read as "
                                 f"{'double' if fraction else 'integer'} ({', '.join(how)})")
    held_at = 6 + len(invisible.CHARACTERS)
    for name in sampled.mostly:
        (other, given, examples, fraction, padded, longest), held, (wide, typed), row = \
            row[:6], row[6:held_at], row[held_at:held_at + 2], row[held_at + 2:]
        checked.notes += few_others.note(name, other, given, examples)
        if (padded or any(held) or wide) and not other and (fraction or
                                                           longest <= _WHOLE_DIGITS):
            # DuckDB's sniffer reads padded integers, but leaves padded decimals (` 3.5 `) text
            kind = "double" if fraction else "integer"
            checked.numbers[name] = "DOUBLE" if fraction else "BIGINT"
            if any(held):
                checked.invisible.append(name)
                checked.notes.append(invisible.note(name, list(held), kind))
            if wide:
                checked.full_width.append(name)
                checked.notes.append(full_width.note(name, wide, kind, typed))
            if padded:
                checked.notes.append(f"column {name}: every value is a number, some padded "
                                     f"with spaces (a table laid out for reading): read as "
                                     f"{kind}")
    for name, (other, example, fraction, unread) in zip([*spelled, *sampled.wrapped],
                                                        _fours(row)):
        if other:
            continue
        # not every value grouped so, with the file's decimal mark: kept as spaces are
        spelling = _SPACES if unread else spelled.get(name)
        if spelling and spelling.grouping:
            checked.numbers[name] = "DOUBLE" if fraction else "BIGINT"
            checked.groupings[name] = spelling.grouping
            checked.notes.append(f"column {name}: every value is a number, some written with "
                                 f"{spelling.what}, such as {example!r}: read as "
                                 f"{'double' if fraction else 'integer'}, the spaces removed")
        elif spelling:
            checked.notes.append(f"column {name}: every value is a number, some written "
                                 f"with {spelling.what}, such as {example!r}: kept as "
                                 f"text; {spelling.read}")
        else:
            checked.unwrapped.append(name)
            checked.notes.append(f"column {name}: every value written as Excel's text "
                                 f"formula, such as {example!r} (which keeps leading zeros): "
                                 f"read as the text inside the quotes")
    for (name, where), filled in zip(edges.items(), row[len(row) - len(edges):]):
        if not filled:
            checked.dropped.append(name)
            checked.notes.append(f"every line {where} with the delimiter: the empty column it "
                                 f"makes is dropped")
    return checked


def number(name: str, kind: str, grouping: str = ",", decimal: str = ".",
           hidden: bool = False, wide: bool = False) -> exp.Expression:
    """The text column `name` as the number (or date) `check` found it holds, named as it
    was: the `grouping` of its thousands removed, its `decimal` mark made a point, the
    `invisible` characters some values hold removed (`hidden`) and their `full_width`
    forms folded (`wide`)."""
    value = invisible.stripped(column(name)) if hidden else column(name)
    value = full_width.folded(value) if wide else value
    text = exp.case().when(exp.or_(_is_word(value, WORDS), _is_blank(value)),
                           exp.null()).else_(value)
    plain = exp.func("replace", text, exp.Literal.string(grouping), exp.Literal.string("")) \
        if kind in NUMERIC else text
    if kind in NUMERIC and decimal != ".":
        plain = exp.func("replace", plain, exp.Literal.string(decimal), exp.Literal.string("."))
    return exp.cast(plain, exp.DataType.build(kind)).as_(ident(name))


def _units_left_out(units: list[dict[str, str]], counts: list[int],
                    fine: Callable[[str], bool], forced: int = 0) -> int:
    """How many of the `units` lines, from the first, are left out: each found in the file
    (`counts`), each units or descriptions (`_no_record`), and no line kept has a word over
    a column with a word in them (it would be a value in it); the first `forced` at least."""
    for left in range(len(units), forced, -1):
        named = {n for line in units[:left] for n, u in line.items() if u.strip()}
        kept = {n for line in units[left:] for n, u in line.items() if u.strip()}
        if all(counts[:left]) and all(_no_record(line, fine) for line in units[forced:left]) \
                and not named & kept:
            return left
    return forced


def _units_note(units: list[dict[str, str]]) -> str:
    """The note of the units lines left out, naming each column's words (a few columns'
    when a line describes the columns, whose words are long)."""
    words = {n: " / ".join(line[n].strip() for line in units if line[n].strip())
             for n in units[0]}
    shown = ", ".join(f"{n}: {w}" for n, w in words.items() if w)
    if not all(units_line(list(line.values())) for line in units):
        filled = [f"{n}: {w!r}" for n, w in words.items() if w]
        lines = "line 1" if len(units) == 1 else f"lines 1-{len(units)}"
        return (f"{lines} under the header describe the columns (a survey export's question "
                f"texts or import ids, as Qualtrics writes them), not values: left out "
                f"({', '.join(filled[:_SHOWN])}"
                f"{f', and {len(filled) - _SHOWN} more' if len(filled) > _SHOWN else ''})")
    if len(units) == 1:
        return f"line 1 under the header gives units, not values: left out ({shown})"
    return f"lines 1-{len(units)} under the header give units and other descriptions, not values: left " \
        f"out ({shown})"


def unwrapped(name: str) -> exp.Expression:
    """The text inside a `="..."` value of column `name`, named as it was."""
    return exp.RegexpExtract(this=column(name), expression=exp.Literal.string('^="(.*)"$'),
                             group=exp.Literal.number(1)).as_(ident(name))


def is_row(fields: dict[str, str]) -> exp.Expression:
    """A row whose fields are these texts (a blank one: NULL, as a text scan reads it): the
    header as written (repeated among the rows), a units line."""
    return exp.and_(*[column(name).is_(exp.null()) if not written.strip() else
                      exp.cast(column(name), "VARCHAR").eq(exp.Literal.string(written))
                      for name, written in fields.items()])


def _number(value: exp.Expression) -> exp.Expression:
    """A plain number, or one with thousands separators."""
    return exp.or_(_matches(value, PLAIN), _matches(value, _GROUPED))


def _given(value: exp.Expression, repeated: exp.Expression,
           words: tuple[str, ...] = MISSING_WORDS) -> exp.Expression:
    """A value: not NULL, not one of the missing-value `words`, not spaces only (a blank
    field of a table padded for reading), not on a repeated header line."""
    return exp.and_(value.is_(exp.null()).not_(), _is_word(value, words).not_(),
                    _is_blank(value).not_(), exp.func("coalesce", repeated, exp.false()).not_())


def _stars_note(name: str, stars: int, numbers: int) -> str:
    """The note of a column of numbers and as many lone `*` or more: Minitab's missing
    value, or a mark of its own (a flag), which so many cannot tell."""
    return (f"column {name}: {stars} value(s) are a lone '*' beside {numbers} number(s): "
            f"kept as text ('*' is Minitab's missing value, but in most of a column it may "
            f"be a mark of its own); to read '*' as missing, set options: "
            f"{{null_values: ['*', '']}}")


def _fours(values: list[Any]) -> list[tuple[Any, Any, Any, Any]]:
    return list(zip(values[::4], values[1::4], values[2::4], values[3::4]))


def _grouped(character: str, decimal: str) -> str:
    """A number grouped in threes by `character` (under 1000, no group), with `decimal`
    its mark: a longer number ungrouped among them is another grouping."""
    return rf"[+-]?\d{{1,3}}({character}\d{{3}})*({re.escape(decimal)}\d+)?"


def _is_word(value: exp.Expression, words: tuple[str, ...] = MISSING_WORDS) -> exp.Expression:
    """One of the missing-value `words`: `WORDS` (`*` too) where `check` counts lone stars
    against the numbers, the others (`*` a value) where it does not."""
    return value.isin(*[exp.Literal.string(w) for w in words])


def _is_blank(value: exp.Expression) -> exp.Expression:
    return exp.Trim(this=value).eq(exp.Literal.string(""))


def _matches(value: exp.Expression, pattern: str) -> exp.Expression:
    return exp.func("regexp_full_match", value, exp.Literal.string(pattern))
