""".NET ticks in a SQLite integer column: read as the moments they are, or noted.

sqlite-net (the SQLite library of Xamarin, MAUI and Unity apps) stores a `DateTime` as its
`Ticks` by default: 100-nanosecond intervals since 0001-01-01, in a `bigint` column
(636047136000000000 is 2016-07-21 16:00). Kept as integers the column is useless as a date,
and read on any Unix epoch it is centuries off. The moments of 1900-2100 are ticks between
5.99e17 and 6.63e17, a range no other integer reading of a moment shares but Unix
nanoseconds of 1988-1991 (as seconds, milliseconds or microseconds those integers are past
the year 9999); a column of snowflake ids (tweets of 2015) can fall in it too. So a column
is read as ticks only when every integer value is a moment of 1900-2100 in ticks (0 and
`DateTime.MaxValue` allowed: what .NET writes for a moment never set, or without end), no
value is anything but an integer, and its name or declared type says it holds a moment
(`date`, `created_at`, `LastModified`, `datetime`); it is noted, naming the column, the
reading and how to keep the integers. A column in that range whose name says nothing of
time keeps its integers, noted, with how to read them as ticks (`columns: {x: timestamp}`).
The moments are naive (ticks carry no time zone) and kept to the microsecond, a
timestamp's precision.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from sqlglot import exp

from datanet_sql.ingest.readers.names import snake_case

if TYPE_CHECKING:
    from datanet_sql.ingest.readers.sqlite_integers import Span

_EPOCH = datetime.datetime(1, 1, 1)
_PER_MICROSECOND = 10
_PER_DAY = 864_000_000_000
MAX_VALUE = 3_155_378_975_999_999_999   # DateTime.MaxValue, 9999-12-31 23:59:59.9999999
UNSET = (0, MAX_VALUE)                   # DateTime.MinValue and MaxValue: never set, no end
_LOW = (datetime.datetime(1900, 1, 1) - _EPOCH).days * _PER_DAY
_HIGH = (datetime.datetime(2100, 1, 1) - _EPOCH).days * _PER_DAY
_NAIVE = tuple(exp.DataType.Type[t] for t in (
    "TIMESTAMP", "TIMESTAMPNTZ", "DATETIME", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS", "DATE"))
_TIME_PARTS = ("date", "time", "stamp")   # a name word holding one names a moment
_TIME_WORDS = {"at", "on", "ts", "when", "created", "modified", "changed", "deleted",
               "expires", "expiry", "born", "start", "end", "since", "until"}


def could_be(low: Any, high: Any) -> bool:
    """Whether a column whose least and greatest values are these could hold ticks (a
    closer look tells, `sqlite_integers`)."""
    return isinstance(low, int) and isinstance(high, int) and 0 <= low and \
        _LOW <= high <= MAX_VALUE


def read_as_ticks(name: str, declared: str, span: Span, user: exp.DataType | None
                  ) -> tuple[bool, list[str]]:
    """Whether the column `name` (its type as the database declares it, its `Span`, its
    type as the user's `columns:` declare it) is read as ticks, and the note on it."""
    if not _all_ticks(span) or (user is not None and not _moment_type(user)):
        return False, []
    if user is not None or _names_a_moment(name, declared):
        how = "as the source's `columns:` declare" if user is not None else \
            f"its {'type' if _moment_word(declared) else 'name'} says it holds moments"
        read = f"column {name}: every integer is a moment of 1900-2100 in .NET ticks " \
            f"(100 ns since 0001-01-01, as sqlite-net stores a DateTime): read as " \
            f"timestamps ({how}), e.g. {span.set_low} as {moment(span.set_low)}; naive, " \
            f"to the microsecond{_unset(span)}; declare `columns: " \
            f"{{{snake_case(name)}: bigint}}` to keep the integers"
        return True, [read]
    kept = f"column {name}: every integer lies where .NET ticks of 1900-2100 do " \
        f"({span.set_low} would be {moment(span.set_low)}), but the name does not say it " \
        f"holds moments: kept as integers; declare `columns: {{{snake_case(name)}: " \
        f"timestamp}}` to read them as ticks"
    return False, [kept]


def moment(ticks: int) -> datetime.datetime:
    """The moment `ticks` stands for, to the microsecond."""
    return _EPOCH + datetime.timedelta(microseconds=ticks // _PER_MICROSECOND)


def moments(values: list[Any]) -> list[datetime.datetime | None]:
    """A batch of a ticks column's values as moments (NULL stays NULL)."""
    return [None if v is None else moment(v) for v in values]


def _all_ticks(span: Span) -> bool:
    """Every value an integer, every one set a moment of 1900-2100 in ticks."""
    return not span.others and span.set_low is not None and span.set_high is not None \
        and _LOW <= span.set_low and span.set_high <= _HIGH


def _unset(span: Span) -> str:
    """What the note says of the values .NET writes for a moment never set or without end."""
    said = [f"{v} (DateTime.{n}Value) as {moment(v)}" for v, n, there in (
        (0, "Min", span.low == 0), (MAX_VALUE, "Max", span.high == MAX_VALUE)) if there]
    return f"; {' and '.join(said)}, as .NET reads them" if said else ""


def _names_a_moment(name: str, declared: str) -> bool:
    """The column's name or declared type (`datetime`) says it holds moments."""
    words = snake_case(name).split("_")
    return _moment_word(declared) or any(w in _TIME_WORDS or _moment_word(w) for w in words)


def _moment_word(word: str) -> bool:
    return any(part in word.lower() for part in _TIME_PARTS)


def _moment_type(user: exp.DataType) -> bool:
    """A naive timestamp or a date (ticks carry no time zone to read a zoned one in)."""
    return user.is_type(*_NAIVE)
