"""Dates written with day and month as numbers (`03/04/2021`): which of them comes first.

DuckDB's sniffer picks one date format from its sample, and when every sampled value fits
day-first and month-first alike it takes day-first without a word (`03/04/21` even
year-first): `03/04/2021` is read as 3 April, which an American export means as March 4.
Only a value with a number over 12 decides (`13/04/2021` is day-first, `04/13/2021`
month-first). So every value of each column DuckDB typed DATE from such dates is looked at,
in one pass over the files (made only when a file has such a column):

- the values decide one order: the column is read so (read_csv's `dateformat`), and when
  the sniffer's sample fit either order (the deciding value comes later), a note names it;
- no value decides: the column is read as text, with a note naming it and the
  `options: {dateformat: ...}` that reads it. A date read the wrong way round is a silently
  wrong table; text is lossless;
- values of both orders in one column: no one format fits it, and DuckDB's reading stands
  (the reader then reads it as text, see `csv_run.run`).

Years written with two digits (`3/31/60`) DuckDB's `%y` puts in 2000-2068 (1960 read as
2060, silently). A date after this year is the surest sign of the wrong century, so in such a
column (found by the same pass) a year after this one is taken as the last century's (the
sliding window of Oracle's RR, pivoting on today): `60` is 1960, `24` 2024. Always noted,
naming the column and the rule; `options: {dateformat: ...}` reads the years DuckDB's way.

Dates written year first (`2021-04-03`) or with dots (`03.04.2021`, day-first wherever it is
written so) are not ambiguous and not looked at. Datetimes (`31/12/2024 13:45`) are looked at
in the same pass, by the same rules: see `csv_datetimes`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any

from sqlglot import exp

from datanet_sql.ingest.readers.sql import column, ident

SNIFF_ROWS = 20_480   # DuckDB's sniffer's sample (its sample_size default)
# day and month as numbers, then the year; the separator is one of / - and . (dates with dots
# are day-first: see `numeric_at_start`); then a time of day, perhaps (a datetime, see
# `csv_datetimes`): seconds, their fraction and AM/PM optional
_NUMERIC = (r"^\s*(\d{1,2})([/.-])(\d{1,2})[/.-](\d{2}|\d{4})"
            r"( \d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?: ?[AaPp][Mm])?)?\s*$")
_POSITION = "_dn_position"
_START = 1000   # rows a column's first date is looked for in


@dataclass(frozen=True)
class DateOrders:
    """What the values decided: the `dateformat` the decided columns are read with (None:
    DuckDB's own), the columns no value decides (read as text), the columns whose years
    are written with two digits (see `century`), and the notes."""

    dateformat: str | None = None
    text: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    two_digit: tuple[str, ...] = ()
    this_year: int = 0   # the year the two-digit years pivot on (today's, when read)


@dataclass(frozen=True)
class Seen:
    """One column's dates: how many, how many with a time of day, the first value (and its
    row) with a day over 12 in each place, and the first with a two-digit year."""

    name: str
    values: int
    numeric: int
    timed: int
    separator: str
    year_digits: int
    first: tuple[str, int] | None    # (value, row) with a number over 12 first: day-first
    second: tuple[str, int] | None   # ... second: month-first
    example: str
    short: tuple[str, int] | None = None   # ... with a two-digit year
    carried: str = ""   # the order a grown file's start decided, carried here (`StartOrders`)

    @property
    def mixed_years(self) -> str:
        """Years written with four digits and with two ("" when not): no one format reads
        both (DuckDB's `%Y` reads `24` as the year 24), so the column is text."""
        if self.year_digits == 2 or self.short is None:
            return ""
        return f"years written with four digits and with two ({self.short[0]!r} in record " \
               f"{self.short[1]})"


@dataclass(frozen=True)
class StartOrders:
    """The order of day and month the values of a grown file's start decided, per column
    (`csv.layout_of`), carried into the reading of the lines appended to it: read alone,
    new lines whose days are all 12 or less decide nothing, and their dates were text (the
    table's column widened to text) where the start's were dates."""

    seen: tuple[Seen, ...]

    @classmethod
    def of(cls, seen: list[Seen]) -> StartOrders:
        """The columns of `seen` (the file's start) whose values decided one order."""
        return cls(tuple(s for s in seen if s.values and s.numeric == s.values
                         and bool(s.first) != bool(s.second) and not s.mixed_years))

    def carried(self, seen: list[Seen]) -> list[Seen]:
        """The new lines' columns `seen`, each with the deciding value of the start's column
        of its name (see `_carry`)."""
        start = {s.name: s for s in self.seen}
        return [_carry(s, start[s.name]) if s.name in start else s for s in seen]


def _carry(new: Seen, start: Seen) -> Seen:
    """The new lines' column `new` with the start's deciding value in the slot of its order
    (`carried` names the order): one that decides nothing takes the start's order, one that
    decides the other order holds both; unchanged when it decides the start's order itself
    (its own value is named) or both."""
    order = "day-first" if start.first else "month-first"
    if (new.first if start.first else new.second) or (new.first and new.second):
        return new
    return replace(new, first=new.first or start.first, second=new.second or start.second,
                   carried=order)


START_ORDERS = "start_orders"   # the reader option `StartOrders` is carried in (not a user's)


def both_orders(seen: Seen, kind: str) -> str:
    """Why the column `seen` is no `kind` (date, datetime): values decide both orders (one of
    them on a grown file's start, when carried)."""
    def where(order: str, found: tuple[str, int] | None) -> str:
        value, row = found or ("", 0)
        part = " of the file's start" if seen.carried == order else \
            " of its new lines" if seen.carried else ""
        return f"{value!r}, record {row}{part}"
    return f"{kind}s written day-first ({where('day-first', seen.first)}) and month-first " \
        f"({where('month-first', seen.second)})"


def carried_note(seen: Seen, kind: str, spelled: str) -> str:
    """The note on a column of a grown file's new lines read in the order its start decided."""
    value, row = seen.first or seen.second or ("", 0)
    return (f"column {seen.name}: {kind}s read {seen.carried} ({spelled}) as on the file's start "
            f"({value!r} in record {row} decides there): its new lines fit either order")


def date_orders(seen: list[Seen]) -> DateOrders:
    """The `DateOrders` of the date columns `seen` (see `look`)."""
    formats, text, notes, two_digit = set(), [], [], []
    this_year = dt.date.today().year
    for s in seen:
        if s.carried and s.first and s.second and s.numeric == s.values:
            text.append(s.name)   # the start decided the other order: neither reads both
            notes.append(f"column {s.name}: {both_orders(s, 'date')}: read as text")
            continue
        if not s.values or s.numeric != s.values or (s.first and s.second):
            continue
        if s.mixed_years:
            text.append(s.name)
            notes.append(f"column {s.name}: {s.mixed_years}: read as text")
            continue
        spelled = spellings(s)
        if not s.first and not s.second:
            text.append(s.name)
            notes.append(ambiguous_note(s, "date"))
            continue
        order = "day-first" if s.first else "month-first"
        value, row = s.first or s.second or ("", 0)
        formats.add(spelled[order])
        if s.year_digits == 2:
            two_digit.append(s.name)
            notes.append(century_note(s.name, s.example, this_year, spelled[order]))
        if s.carried:
            notes.append(carried_note(s, "date", spelled[order]))
        elif row > SNIFF_ROWS:
            notes.append(f"column {s.name}: dates read {order} ({spelled[order]}): "
                         f"{value!r} in record {row} decides; the {SNIFF_ROWS:,} records "
                         f"before it fit either order")
    # one format for all: columns that disagree keep DuckDB's (a rare file, but one option)
    return DateOrders(formats.pop() if len(formats) == 1 else None, tuple(text), tuple(notes),
                      tuple(two_digit), this_year)


def spellings(seen: Seen) -> dict[str, str]:
    """The date format of each order ("day-first", "month-first") the column is written in:
    its separator, and `%y` for years written with two digits."""
    year = "%Y" if seen.year_digits == 4 else "%y"
    return {order: seen.separator.join((*parts, year))
            for order, parts in (("day-first", ("%d", "%m")), ("month-first", ("%m", "%d")))}


def ambiguous_note(seen: Seen, kind: str) -> str:
    """The column every value of which fits either order is read as text: the note naming
    it and the option that reads it (`kind`: date, datetime)."""
    spelled = spellings(seen)
    return (f"column {seen.name}: every {kind} fits day-first and month-first alike "
            f"({seen.example!r}): read as text; set options: {{dateformat: "
            f"\"{spelled['day-first']}\"}} (day first) or \"{spelled['month-first']}\" "
            f"(month first) to read them as {kind}s")


def century(name: str, this_year: int, value: exp.Expression | None = None,
            kind: str = "DATE") -> exp.Expression:
    """The `kind` (DATE, TIMESTAMP) column `name` (or its `value`), read with `%y` (00-68 as
    2000-2068), with a year after `this_year` moved back a century."""
    value = value or column(name)
    past = exp.cast(exp.Sub(this=value, expression=exp.Interval(
        this=exp.Literal.string("100"), unit=exp.var("YEAR"))), kind)
    return exp.case().when(exp.func("year", value) > exp.Literal.number(this_year), past) \
        .else_(value).as_(ident(name))


def century_note(name: str, example: str, this_year: int, dateformat: str) -> str:
    """What `century` does to column `name`, and the option that reads it DuckDB's way."""
    last = this_year % 100
    return (f"column {name}: years written with two digits ({example!r}): 00-{last:02d} read "
            f"as {this_year - last}-{this_year}, {last + 1:02d}-99 as {this_year - 99}-"
            f"{this_year - last - 1} (a year after this one is taken as the last century's); "
            f"set options: {{dateformat: \"{dateformat}\"}} to read 00-68 as 2000-2068 "
            f"(DuckDB's rule)")


def numeric_at_start(con: Any, text_scan: exp.Table, dates: list[str],
                     datetimes: list[str]) -> list[str]:
    """The columns of `dates` and `datetimes` whose first value (NULLs passed over, among the
    first `_START` rows of `text_scan`, the first file's) is written with day and month as
    numbers (dates not with dots): the only ones a pass over the files is made for (most
    are written `2021-04-03`)."""
    if not dates and not datetimes:
        return []
    names = [*dates, *datetimes]
    first = exp.select(*[exp.func("any_value", column(n)) for n in names]) \
        .from_(exp.select("*").from_(text_scan).limit(_START).subquery("t"))
    values = con.execute(first.sql("duckdb")).fetchall()[0]
    return [n for n, v in zip(names, values) if v is not None and (
        found := re.match(_NUMERIC, v)) and (n in datetimes or found.group(2) != ".")]


def look(con: Any, text_scan: exp.Table, dates: list[str]) -> list[Seen]:
    """Each column's `Seen`, in one pass over the files (none without `dates`): the date
    columns' and the datetime columns' (`csv_datetimes`) in the same pass."""
    if not dates:
        return []
    picks = []
    for name in dates:
        value = column(name)
        part = [exp.RegexpExtract(this=value, expression=exp.Literal.string(_NUMERIC),
                                  group=exp.Literal.number(i)) for i in range(6)]
        numeric = exp.func("regexp_matches", value, exp.Literal.string(_NUMERIC))
        over = [exp.and_(numeric, exp.TryCast(this=part[i], to=exp.DataType.build("INT")) > 12)
                for i in (1, 3)]
        picks += [exp.func("count", value), exp.func("count_if", numeric),
                  exp.func("count_if", exp.and_(numeric, part[5].neq(exp.Literal.string("")))),
                  exp.func("max", part[2]), exp.func("max", exp.func("length", part[4])),
                  *[first_where(value, cond) for cond in over], exp.func("min", value),
                  first_where(value, exp.and_(numeric, exp.func("length", part[4]).eq(2)))]
    row = con.execute(exp.select(*picks).from_(numbered(text_scan)).sql("duckdb")).fetchall()[0]
    found = []
    for i, name in enumerate(dates):
        values, numeric, timed, separator, digits, first, second, example, short = \
            row[9 * i:9 * i + 9]
        found.append(Seen(name, values, numeric, timed, separator or "/", int(digits or 4),
                          pair(first), pair(second), example or "", pair(short)))
    return found


def numbered(text_scan: exp.Table) -> exp.Expression:
    """The rows of `text_scan`, each with its record number (`first_where`)."""
    return exp.select("*", exp.Window(this=exp.func("row_number")).as_(_POSITION)) \
        .from_(text_scan).subquery("t")


def first_where(value: exp.Expression, condition: exp.Expression) -> exp.Expression:
    """The aggregate of the first (`value`, record) of `numbered` rows that meet
    `condition` (see `pair`)."""
    position = exp.column(_POSITION)
    return exp.Filter(this=exp.func("arg_min", exp.func("row", value, position), position),
                      expression=exp.Where(this=condition))


def pair(found: Any) -> tuple[str, int] | None:
    """DuckDB's (value, row) struct as a tuple; None when no value was found."""
    if found is None:
        return None
    values = list(found.values()) if isinstance(found, dict) else list(found)
    return str(values[0]), int(values[1])


def check_format(value: Any, path: Any) -> None:
    """Refuse an `options: {dateformat: ...}` DuckDB would not read dates with, naming the
    option (given to read_csv, a bad one fails the sniff as if the file could not be
    split into columns, and one that is no text was ignored)."""
    import duckdb

    from datanet_sql.errors import IngestError

    fine = isinstance(value, str) and "%" in value
    if fine:
        probe = exp.func("try_strptime", exp.Literal.string("2000-01-01"),
                         exp.Literal.string(value))
        try:
            duckdb.sql(exp.select(probe).sql("duckdb")).fetchall()
        except duckdb.Error:
            fine = False
    if not fine:
        raise IngestError(f"dateformat is {value!r}", file=path,
                          hint='a strptime format as DuckDB reads it, e.g. dateformat: '
                               '"%d/%m/%Y" (day first) or "%m/%d/%Y" (month first)')

