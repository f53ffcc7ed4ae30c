"""Date and timestamp rules: many formats in one column, day/month order decided from data.

Accepted: ISO (`2024-01-05`, `2024/1/5`, `2024-01-05T10:00:00Z`), numeric day/month/year
(`05/01/2024`, `5.1.2024`), month names (`5 Jan 2024`, `Jan 5th, 2024`, `Mon, 5 January
2024`), compact `20240105`, and epoch seconds (8-10 digits, signed) or milliseconds (12-13 digits),
each optionally followed by a time (`10:30`, `10:30:15.250`, `3:30 pm`). Values are taken apart
with string functions into a canonical `YYYY-MM-DD[ hh:mm:ss]` text that is validated (month
lengths and leap years included) before the one CAST, so no engine can raise on bad input.

Numeric `a/b/yyyy` values are read day-first or month-first as the sample shows (a part above
12 settles it). When the sample cannot tell, the plan reports the column as ambiguous and only
the values that settle it themselves (`25/01/2024`) are converted: the rest become rejects,
never a guess. The `day_first` option decides it explicitly.
"""

from __future__ import annotations

import re

from sqlglot import exp

from datanet_sql.generate.plan import Parse, RuleContext, helper
from datanet_sql.generate.sqlfn import (
    case,
    cast,
    concat,
    like,
    lit,
    lower,
    lpad,
    matches,
    replace_all,
    split_part,
    strpos,
    substring,
)
from datanet_sql.generate.sqlfn import col as column

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
SEPARATORS = "[^a-z0-9]+"
EDGES = "^-+|-+$|t$|^(mon|tue|wed|thu|fri|sat|sun)[a-z]*-+"
NUMERIC_DMY = "^[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}$"
EPOCH_SECONDS = "^-?[0-9]{8,10}$"  # after the yyyymmdd test: 1970-04 .. 2286, and back to 1653
EPOCH_MILLIS = "^-?[0-9]{12,13}$"
VALID_DATE = "^[12][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
VALID_TIME = "^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]([.][0-9]{1,6})?$"
RAW_TIME = "^[0-9]{1,2}:[0-5][0-9](:[0-5][0-9]([.][0-9]{1,6})?)?$"
_ORDINAL = "(st|nd|rd|th)?"


def date_rule(ctx: RuleContext) -> Parse:
    """Mixed-format text -> DATE (a time of day, if any, is dropped)."""
    order, issues = day_first(ctx)
    stages, canon, _ = _stages(ctx, order, with_time=False)
    c = column(canon)
    value = case(
        [
            (matches(c, EPOCH_SECONDS), cast(_epoch(c, millis=False), "DATE")),
            (matches(c, EPOCH_MILLIS), cast(_epoch(c, millis=True), "DATE")),
            (matches(c, VALID_DATE), case([(_impossible_day(c), exp.null())], cast(c, "DATE"))),
        ]
    )
    return Parse(
        stages=stages,
        final=[(ctx.name, value)],
        sql_type="DATE",
        rule=f"date({_order_name(order)})",
        reason=_reason(order),
        issues=issues,
    )


def timestamp_rule(ctx: RuleContext) -> Parse:
    """Mixed-format text -> TIMESTAMP (a date alone means midnight; `Z` is read as UTC)."""
    order, issues = day_first(ctx)
    stages, canon, clock = _stages(ctx, order, with_time=True)
    c, t = column(canon), column(clock)
    stamp = concat(c, lit(" "), t)
    value = case(
        [
            (matches(c, EPOCH_SECONDS), cast(_epoch(c, millis=False), "TIMESTAMP")),
            (matches(c, EPOCH_MILLIS), cast(_epoch(c, millis=True), "TIMESTAMP")),
            (
                exp.and_(matches(c, VALID_DATE), matches(t, VALID_TIME)),
                case([(_impossible_day(c), exp.null())], cast(stamp, "TIMESTAMP")),
            ),
        ]
    )
    return Parse(
        stages=stages,
        final=[(ctx.name, value)],
        sql_type="TIMESTAMP",
        rule=f"timestamp({_order_name(order)})",
        reason=_reason(order),
        issues=issues,
    )


def _stages(ctx: RuleContext, order: bool | None, with_time: bool) -> tuple[list, str, str]:
    """split date/time -> normalise tokens -> canonical text (names of the date and time helpers)."""
    name = ctx.name
    pos, dpart, tpart, canon, tt, pm, am, clock, neg = (
        helper(name, s)
        for s in ("colon", "date", "time", "canon", "tt", "pm", "am", "clock", "neg")
    )
    s = column(name)
    p = column(pos)
    hour_start = case(
        [
            (
                exp.and_(
                    exp.GT(this=p, expression=lit(2)),
                    matches(substring(s, exp.Sub(this=p, expression=lit(2)), 1), "^[0-9]$"),
                ),
                exp.Sub(this=p, expression=lit(2)),
            )
        ],
        exp.Sub(this=p, expression=lit(1)),
    )
    has_time = exp.GT(this=p, expression=lit(1))
    date_text = case([(has_time, substring(s, 1, exp.Sub(this=hour_start, expression=lit(1))))], s)
    normalised = replace_all(replace_all(date_text, SEPARATORS, "-"), EDGES, "")
    stages: list[dict[str, exp.Expression]] = [
        {name: lower(s), pos: strpos(lower(s), ":")},
        {
            dpart: normalised,
            tpart: case([(has_time, substring(s, hour_start))]),
            neg: like(s, "-%"),
        },
    ]
    stage3 = {canon: canonical_date(column(dpart), order, column(neg))}
    if with_time:
        t = column(tpart)
        stage3.update(
            {tt: replace_all(t, "[ z]|am|pm", ""), pm: like(t, "%pm%"), am: like(t, "%am%")}
        )
        stages.append(stage3)
        stages.append({clock: _canonical_time(column(tt), column(pm), column(am))})
    else:
        stages.append(stage3)
    return stages, canon, clock


def canonical_date(
    n: exp.Expression, order: bool | None, negative: exp.Expression
) -> exp.Expression:
    """Normalised tokens (`5-jan-2024`) -> `2024-01-05`, or the signed digits of an epoch."""
    p1, p2, p3 = (split_part(n, "-", i) for i in (1, 2, 3))
    month_name = "[a-z]{3,9}"
    return case(
        [
            (matches(n, "^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$"), _ymd(p1, p2, p3)),
            (matches(n, NUMERIC_DMY), _numeric_dmy(p1, p2, p3, order)),
            (
                matches(n, f"^[0-9]{{1,2}}{_ORDINAL}-{month_name}-[0-9]{{4}}$"),
                _ymd(p3, _month(p2), _digits(p1)),
            ),
            (
                matches(n, f"^{month_name}-[0-9]{{1,2}}{_ORDINAL}-[0-9]{{4}}$"),
                _ymd(p3, _month(p1), _digits(p2)),
            ),
            (matches(n, f"^[0-9]{{4}}-{month_name}-[0-9]{{1,2}}$"), _ymd(p1, _month(p2), p3)),
            (
                matches(n, "^(1[89]|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])$"),
                _ymd(substring(n, 1, 4), substring(n, 5, 2), substring(n, 7, 2)),
            ),
            (
                matches(n, "^[0-9]{8,10}$|^[0-9]{12,13}$"),
                case([(negative, concat(lit("-"), n))], n),
            ),
        ]
    )


def _numeric_dmy(
    p1: exp.Expression, p2: exp.Expression, p3: exp.Expression, order: bool | None
) -> exp.Expression:
    dmy, mdy = _ymd(p3, p2, p1), _ymd(p3, p1, p2)
    if order is not None:
        return dmy if order else mdy
    first, second = cast(p1, "INT"), cast(p2, "INT")
    return case(
        [
            (exp.GT(this=first, expression=lit(12)), dmy),
            (exp.GT(this=second, expression=lit(12)), mdy),
            (exp.EQ(this=first.copy(), expression=second.copy()), dmy),
        ]
    )


def _ymd(year: exp.Expression, month: exp.Expression, day: exp.Expression) -> exp.Expression:
    return concat(year, lit("-"), lpad(month, 2), lit("-"), lpad(day, 2))


def _month(token: exp.Expression) -> exp.Expression:
    node = exp.Case(this=substring(token, 1, 3))
    for number, month in enumerate(MONTHS, start=1):
        node = node.when(lit(month), lit(str(number)), copy=False)
    return node


def _digits(token: exp.Expression) -> exp.Expression:
    return replace_all(token, "[a-z]", "")


def _canonical_time(tt: exp.Expression, pm: exp.Expression, am: exp.Expression) -> exp.Expression:
    """`3:30 pm` / `15:30` / `15:30:05.250` -> `15:30:00` / `15:30:05.250`; no time -> midnight."""
    hour = cast(split_part(tt, ":", 1), "INT")
    hour24 = case(
        [
            (
                exp.and_(pm, exp.LT(this=hour, expression=lit(12))),
                exp.Add(this=hour.copy(), expression=lit(12)),
            ),
            (exp.and_(am, exp.EQ(this=hour.copy(), expression=lit(12))), lit(0)),
        ],
        hour,
    )
    seconds = exp.Coalesce(
        this=exp.Nullif(this=split_part(tt, ":", 3), expression=lit("")), expressions=[lit("00")]
    )
    clock = concat(
        lpad(cast(hour24, "VARCHAR"), 2), lit(":"), split_part(tt, ":", 2), lit(":"), seconds
    )
    return case(
        [
            (exp.Is(this=tt.copy(), expression=exp.null()), lit("00:00:00")),
            (matches(tt, RAW_TIME), clock),
        ]
    )


def _impossible_day(c: exp.Expression) -> exp.Expression:
    """30/31 February, 31st of a 30-day month, 29 February of a common year."""
    year = cast(substring(c, 1, 4), "INT")
    leap = exp.and_(
        exp.EQ(this=exp.Mod(this=year, expression=lit(4)), expression=lit(0)),
        exp.or_(
            exp.NEQ(this=exp.Mod(this=year.copy(), expression=lit(100)), expression=lit(0)),
            exp.EQ(this=exp.Mod(this=year.copy(), expression=lit(400)), expression=lit(0)),
        ),
    )
    return exp.or_(
        matches(c, "^[0-9]{4}-(02-3[01]|(04|06|09|11)-31)"),
        exp.and_(matches(c, "^[0-9]{4}-02-29"), exp.not_(exp.paren(leap))),
    )


def _epoch(c: exp.Expression, millis: bool) -> exp.Expression:
    seconds = cast(c, "BIGINT")
    if millis:
        return exp.UnixToTime(this=seconds, scale=exp.UnixToTime.MILLIS)
    return exp.UnixToTime(this=seconds)


def day_first(ctx: RuleContext) -> tuple[bool | None, list[str]]:
    """Whether `a/b/yyyy` means day/month, from the option or the sample; issues when unsure."""
    option = ctx.option("day_first")
    if option is not None:
        return bool(option), []
    day = month = undecided = 0
    for value in ctx.sample:
        tokens = _python_tokens(value)
        if not re.fullmatch(NUMERIC_DMY.strip("^$"), tokens):
            continue
        a, b = (int(t) for t in tokens.split("-")[:2])
        day += a > 12
        month += b > 12
        undecided += a <= 12 and b <= 12 and a != b
    if day and month and min(day, month) > 0.1 * (day + month):
        message = (
            f"{ctx.name}: sample mixes day-first ({day}) and month-first ({month}) "
            "dates; only self-evident values are converted, set day_first to decide"
        )
        return None, [message]
    if day and month:  # a few stray values (typos, garbage) must not block a clear majority
        minority = min(day, month)
        message = (
            f"{ctx.name}: {minority} sample values contradict the "
            f"{'day' if day > month else 'month'}-first order of the rest; they become rejects"
        )
        return day > month, [message]
    if day or month:
        return bool(day), []
    if undecided:
        message = (
            f"{ctx.name}: ambiguous day/month order ({undecided} sample values like "
            "01/05/2024 fit both); those values are rejected until day_first is set"
        )
        return None, [message]
    return None, []


def _python_tokens(value: str) -> str:
    """The Python twin of the SQL date-part normalisation, for sample analysis."""
    s = value.lower()
    p = s.find(":")
    if p > 0:
        start = p - 2 if p > 1 and s[p - 2].isdigit() else p - 1
        s = s[:start]
    return re.sub(EDGES, "", re.sub(SEPARATORS, "-", s))


def _order_name(order: bool | None) -> str:
    return {True: "day first", False: "month first", None: "day/month order per value"}[order]


def _reason(order: bool | None) -> str:
    if order is None:
        return "not a recognised date, or day/month order ambiguous (set day_first)"
    return "not a recognised date"
