"""NEM12, AEMO's interval meter data (see `mdff` for the file around it), read one reading a
row.

Under each `200` record (a meter's data stream: NMI, NMI configuration, register, NMI
suffix, MDM data stream, meter serial, unit, interval length in minutes, next scheduled
read date) come its `300` records, each a day: the date, one value per interval (288, 96
or 48 for 5, 15 or 30 minutes: a day's minutes over the 200's interval length), the
quality method, reason code and description, update and MSATS load times. A `400` under a
300 gives the quality of a range of its intervals (1-based, inclusive); a day of quality
`V` (variable) has them for every interval. A `500` (B2B details of a meter read) is left
out, noted.

Each value is a row: the 200's fields, `interval_start` and `interval_end` (the date
plus the interval's place times its length, as written: NEM time is AEST, UTC+10 all year,
kept without a time zone), `value`, the quality method, reason code and description (a
400's over its intervals, the 300's elsewhere) and the 300's times. The days are expanded
into readings by DuckDB. A record that breaks the format is a reject naming why: a 300
whose count of values is not its 200's interval length's, a value that is no number, a
date or time that is none, a `V` day whose 400s do not cover each interval once (its 400s
rejected with it), a record under a rejected 200 (or under none), a record of another kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlglot import exp

from datanet_sql.ingest.readers.mdff_records import (
    QUALITY,
    Broken,
    RecordReader,
    Staged,
    day,
    moment,
    numbers,
    quality,
)
from datanet_sql.ingest.readers.sql import column, ident

_TABLE = "_dn_nem12"
_DAY_MINUTES = 1440
_METER = ("nmi", "nmi_configuration", "register_id", "nmi_suffix",
          "mdm_data_stream_identifier", "meter_serial_number", "uom")
_BY_INTERVAL = ("quality_method", "reason_code", "reason_description")
_TIMES = ("update_datetime", "msats_load_datetime")
# one staged row a day (a 300 record), expanded into its readings by `_readings`
_DAYS = [*((name, "string") for name in _METER), ("interval_length", "int32"),
         ("next_scheduled_read_date", "date"), ("interval_date", "date"),
         ("readings", "doubles"), *((name, "string") for name in _BY_INTERVAL),
         *((name, "timestamp") for name in _TIMES),
         *((f"interval_{name}", "strings") for name in _BY_INTERVAL)]
COLUMNS = (*_METER, "interval_length", "interval_start", "interval_end", "value",
           *_BY_INTERVAL, *_TIMES, "next_scheduled_read_date")


@dataclass
class _Meter:
    """A 200 record: its line, its fields as `_METER` names them, its interval length."""

    line: int
    fields: tuple[str | None, ...]
    length: int
    next_read: Any

    @property
    def count(self) -> int:
        return _DAY_MINUTES // self.length


@dataclass
class _Day:
    """A 300 record read, with the 400 records under it (line, text, fields)."""

    line: int
    text: str
    meter: _Meter
    row: list[Any]            # `_DAYS`' values but the per-interval lists
    said: tuple[str, str | None, str | None]   # its quality method, reason code, description
    events: list[tuple[int, str, list[str]]] = field(default_factory=list)


class Intervals(RecordReader):
    """The 200, 300, 400 and 500 records of a NEM12 file (see the module)."""

    def __init__(self, con: Any, label: str) -> None:
        super().__init__(label)
        self.staged = Staged(con, _TABLE, _DAYS, _readings)
        self.meter: _Meter | None = None
        self.broken_meter = 0                   # the line of the last 200, rejected
        self.day: _Day | None = None            # the last 300, its 400s still to come
        self.broken_day: int | None = None     # the line of the last 300, rejected
        self.readings = self.days = self.b2b = 0
        self.streams: dict[tuple[str | None, ...], None] = {}
        self.lengths: dict[int, None] = {}
        self.units: dict[str | None, None] = {}

    def take(self, number: int, line: str, fields: list[str]) -> None:
        kind = fields[0]
        if kind == "400":
            self._event(number, line, fields)
            return
        self._close_day()
        self.broken_day = None
        if kind == "200":
            self._meter(number, line, fields)
        elif kind == "300":
            if self._under_meter(number, line, kind):
                self._day(number, line, fields)
        elif kind == "500":
            if self._under_meter(number, line, kind):
                self.b2b += 1
        elif kind == "250":
            self.reject(number, line, "a 250 record (NEM13's accumulation meter read) in a "
                                      "file whose 100 header says NEM12")
        else:
            self.reject(number, line, f"a record {kind!r}: NEM12's are 100, 200, 300, 400, "
                                      f"500 and 900")

    def finish(self) -> tuple[str, str, list[str]]:
        self._close_day()
        self.staged.flush()
        streams = [f"{nmi}/{suffix}" for nmi, _, _, suffix, *_ in self.streams]
        shown = ", ".join(streams[:3]) + (", ..." if len(streams) > 3 else "")
        what = (f"read one interval reading a row: {self.readings} "
                 f"reading(s) of {len(streams)} meter data stream(s) ({shown or 'none'}, "
                 f"nmi/nmi_suffix) over {self.days} day record(s) (300) of "
                 f"{'/'.join(map(str, self.lengths)) or 'no'}-minute intervals in "
                 f"{', '.join(filter(None, self.units)) or 'no unit'}: the 200 "
                 f"record's fields on each, interval_start and interval_end as written (NEM "
                 f"time, AEST, UTC+10 all year: kept without a time zone), value, "
                 f"{', '.join(_BY_INTERVAL)} the 300 record's or a 400 record's over its "
                 f"intervals")
        notes = []
        if self.b2b:
            notes.append(f"{self.label}: {self.b2b} 500 record(s) (B2B details: transaction "
                         f"code, retailer service order, read time, index read) not loaded")
        return _TABLE, what, notes

    def _under_meter(self, number: int, line: str, kind: str) -> bool:
        """Whether a 300 or 500 record's 200 was read (else a reject: `mdff.found` saw a
        200 first, so there is one above it, rejected)."""
        if self.meter is not None:
            return True
        self.reject(number, line, f"a {kind} record under the 200 record on line "
                                  f"{self.broken_meter}, which is rejected")
        if kind == "300":
            self.broken_day = number
        return False

    def _meter(self, number: int, line: str, fields: list[str]) -> None:
        self.meter, self.broken_meter = None, number
        try:
            if not 9 <= len(fields) <= 10:
                raise Broken(f"{len(fields)} fields where a 200 record has 10 (NMI, "
                             f"configuration, register, suffix, MDM data stream, meter serial, "
                             f"unit, interval length, next scheduled read date)")
            length = fields[8]
            if not length.isdigit() or not 0 < int(length) <= _DAY_MINUTES or \
                    _DAY_MINUTES % int(length):
                raise Broken(f"interval length {length!r} is no number of minutes a day "
                             f"divides into (5, 15 or 30)")
            if not fields[1]:
                raise Broken("no NMI")
            if not fields[7]:
                raise Broken("no unit of measure (UOM)")
            next_read = day(fields[9] if len(fields) > 9 else "", "next scheduled read date")
        except Broken as broken:
            self.reject(number, line, str(broken))
            return
        self.meter = _Meter(number, tuple(f or None for f in fields[1:8]), int(length),
                            next_read)

    def _day(self, number: int, line: str, fields: list[str]) -> None:
        meter = self.meter
        assert meter is not None
        count = meter.count
        self.broken_day = number
        try:
            # a value is no quality method (a number has no letter): where the 200 says
            at = 2 + count if len(fields) > 2 + count and QUALITY.fullmatch(
                fields[2 + count]) else _quality_at(fields)
            if at != 2 + count:
                raise Broken(f"{max(at - 2, 0)} interval values where the 200 record on line "
                             f"{meter.line} ({meter.length}-minute intervals) gives {count}"
                             if at else "no quality method after the interval values")
            if len(fields) > at + 5:
                raise Broken(f"{len(fields)} fields where a 300 record of {count} intervals "
                             f"has {at + 5}")
            tail = fields[at:] + [""] * (at + 5 - len(fields))
            if not fields[1]:
                raise Broken("no interval date")
            said = (tail[0], tail[1] or None, tail[2] or None)
            row = [*meter.fields, meter.length, meter.next_read, day(fields[1], "interval date"),
                   numbers(fields[2:at], lambda i: f"interval {i + 1}'s value"), *said,
                   moment(tail[3], "update time"), moment(tail[4], "MSATS load time")]
        except Broken as broken:
            self.reject(number, line, str(broken))
            return
        self.day, self.broken_day = _Day(number, line, meter, row, said), None

    def _event(self, number: int, line: str, fields: list[str]) -> None:
        """A 400 record: kept with its 300 until the next record closes the day."""
        if self.day is not None:
            self.day.events.append((number, line, fields))
        elif self.broken_day is not None:
            self.reject(number, line, f"a 400 record of the 300 record on line "
                                      f"{self.broken_day}, which is rejected")
        else:
            self.reject(number, line, "a 400 record with no 300 record above it")

    def _close_day(self) -> None:
        """The day read last staged with its 400s' qualities, or rejected with them."""
        current, self.day = self.day, None
        if current is None:
            return
        try:
            by_interval = _by_interval(current)
        except Broken as broken:
            self.reject(current.line, current.text, str(broken))
            for number, line, _ in current.events:
                self.reject(number, line, f"a 400 record of the 300 record on line "
                                          f"{current.line}, which is rejected: {broken}")
            return
        self.staged.add((*current.row, *by_interval))
        meter = current.meter
        self.readings += meter.count
        self.days += 1
        self.streams[meter.fields] = None
        self.lengths[meter.length] = None
        self.units[meter.fields[-1]] = None


def _quality_at(fields: list[str]) -> int:
    """Where a 300 record's quality method is: the first field after the date that is one
    (0 when none is); the values before it are the day's."""
    return next((i for i in range(2, len(fields)) if QUALITY.fullmatch(fields[i])), 0)


def _by_interval(current: _Day) -> tuple[list[str | None] | None, ...]:
    """The quality method, reason code and description of each interval of a day with 400
    records (None each when it has none): a 400's over its range, the day's elsewhere. A
    400 that breaks the format, ranges that overlap or pass the day's intervals, or a `V`
    day whose intervals the 400s do not all cover are `Broken`."""
    if not current.events:
        if current.said[0] == "V":
            raise Broken("quality V (variable) but no 400 record under it gives its "
                         "intervals' quality")
        return None, None, None
    count = current.meter.count
    given: list[int | None] = [None] * count
    lists: list[list[str | None]] = [[value] * count for value in current.said]
    for number, _, fields in current.events:
        if not 4 <= len(fields) <= 6:
            raise Broken(f"its 400 record on line {number} has {len(fields)} fields where "
                         f"the format has 6 (start and end interval, quality method, reason "
                         f"code and description)")
        start, end = fields[1], fields[2]
        if not (start.isdigit() and end.isdigit() and 1 <= int(start) <= int(end) <= count):
            raise Broken(f"its 400 record on line {number} gives intervals {start!r} to "
                         f"{end!r}, not a range of its {count}")
        method = quality(fields[3], f"its 400 record on line {number}'s quality")
        if method == "V":
            raise Broken(f"its 400 record on line {number} gives quality V, which only a "
                         f"300 record has")
        tail = fields[3:] + [""] * (6 - len(fields))
        for i in range(int(start) - 1, int(end)):
            if given[i] is not None:
                raise Broken(f"interval {i + 1} in the 400 records on lines {given[i]} and "
                             f"{number}")
            given[i] = number
            for values, value in zip(lists, tail, strict=True):
                values[i] = value or None
    missing = [i + 1 for i, line in enumerate(given) if line is None]
    if current.said[0] == "V" and missing:
        raise Broken(f"quality V (variable) but no 400 record gives interval(s) "
                     f"{_ranges(missing)}")
    return tuple(lists)


def _ranges(numbers: list[int]) -> str:
    """`3-5, 9` for [3, 4, 5, 9]."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and runs[-1][-1] == n - 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def _readings(days: exp.Table) -> exp.Select:
    """The staged days (`_DAYS`) as readings (`COLUMNS`), one a value, in file order: the
    values and their 0-based places unnested together."""
    slot, readings = column("_dn_slot"), column("readings")
    spread = exp.select(
        exp.Star(), exp.func("unnest", exp.func("range", exp.func("len", readings))).as_(
            ident("_dn_slot")),
        exp.func("unnest", readings).as_(ident("value"))).from_(days)
    midnight = exp.cast(column("interval_date"), exp.DataType.build("timestamp"))

    def at(place: exp.Expression) -> exp.Expression:
        return exp.Add(this=midnight, expression=exp.func(
            "to_minutes", exp.Mul(this=exp.paren(place), expression=column("interval_length"))))

    def of_interval(name: str) -> exp.Expression:
        given = column(f"interval_{name}")
        return exp.case().when(exp.Is(this=given, expression=exp.Null()), column(name)).else_(
            exp.func("list_extract", given, exp.Add(this=slot, expression=exp.Literal.number(1)))
        ).as_(ident(name))

    one = exp.Add(this=slot, expression=exp.Literal.number(1))
    picked = {"interval_start": at(slot).as_(ident("interval_start")),
              "interval_end": at(one).as_(ident("interval_end")),
              **{name: of_interval(name) for name in _BY_INTERVAL}}
    return exp.select(*(picked.get(name, column(name)) for name in COLUMNS)).from_(
        spread.subquery("_dn_spread"))
