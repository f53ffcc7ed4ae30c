"""Parse probes that never raise, written in each engine's own SQL.

A contract counts how many text values parse as a number, a date, a boolean, or a date in a
given strptime format. DuckDB has TRY_CAST and TRY_STRPTIME for that. Postgres has neither (a
bad CAST aborts the query), and Spark's ANSI casts raise while its parsers accept other
spellings. Off DuckDB, a value is therefore first tested against a pattern written after what
DuckDB's own parsers accept, valid dates only (month lengths and leap years are spelled out in
the pattern), and only then cast from its canonical text (`YYYY-MM-DD hh:mm:ss`): one column
gets the same parse rates on every engine. Counting needs the pattern alone, so the wide scan
stays short; the patterns use the portable subset of `generate/sqlfn.py`.

What DuckDB also accepts and these probes do not: years of five digits or year 0, `infinity`
and `epoch` as dates, `24:00:00`, hexadecimal and `1_000` integers, a 7-digit `%Y%m%d`, and on
Postgres numbers beyond DOUBLE's range (DuckDB reads them as infinity or zero).
"""

from __future__ import annotations

import re
from functools import lru_cache

from sqlglot import exp

from datanet_sql.generate.sqlfn import (SPARK_DIALECTS, case, concat, is_in, lit, lower, lpad,
                                        matches, replace_all, split_part, substring)

NUMBER = r"^\s*[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]{1,3})?\s*$"
SPECIAL_NUMBER = r"^\s*[-+]?(inf|infinity|nan)\s*$"
TRUE_WORDS = ("true", "t", "yes", "y", "1")
FALSE_WORDS = ("false", "f", "no", "n", "0")
BIGINT_RANGE = (-(2**63), 2**63 - 1)
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

_LEAP_TAIL = "(0[48]|[2468][048]|[13579][26])"  # the last two digits of a leap year
# (variable width as strptime reads them, fixed width for fields written back to back)
YEAR = ("([1-9][0-9]{0,3}|0[1-9][0-9]{0,2}|00[1-9][0-9]?|000[1-9])",
        "([1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])")
LEAP_YEAR = (f"([0-9]{{0,2}}{_LEAP_TAIL}|[48]|(0?[48]|[2468][048]|[13579][26])00)",
             f"([0-9]{{2}}{_LEAP_TAIL}|{_LEAP_TAIL}00)")
YEAR2 = ("[0-9]{1,2}", "[0-9]{2}")
LEAP_YEAR2 = ("(0?[048]|[2468][048]|[13579][26])", "(0[048]|[2468][048]|[13579][26])")
# (month, day) pairs that make a date: 31-day months, 30-day months, February, 29 February
MONTH_DAYS = (
    (("(0?[13578]|1[02])", "(0[13578]|1[02])", "(jan|mar|may|jul|aug|oct|dec)"),
     ("(0?[1-9]|[12][0-9]|3[01])", "(0[1-9]|[12][0-9]|3[01])"), False),
    (("(0?[469]|11)", "(0[469]|11)", "(apr|jun|sep|nov)"),
     ("(0?[1-9]|[12][0-9]|30)", "(0[1-9]|[12][0-9]|30)"), False),
    (("0?2", "02", "feb"), ("(0?[1-9]|1[0-9]|2[0-8])", "(0[1-9]|1[0-9]|2[0-8])"), False),
    (("0?2", "02", "feb"), ("29", "29"), True),
)
CLOCK = {"%H": ("([01]?[0-9]|2[0-3])", "([01][0-9]|2[0-3])"),
         "%M": ("[0-5]?[0-9]", "[0-5][0-9]"), "%S": ("[0-5]?[0-9]", "[0-5][0-9]")}
WIDTH = {"%Y": 4, "%y": 2, "%m": 2, "%d": 2, "%H": 2, "%M": 2, "%S": 2, "%b": 3}
ZONE = "([zZ]|[+-][0-9]{2}(:?[0-9]{2})?)"


NULL_TOKENS = ("", "na", "n/a", "null", "none", "-", "nan", "#n/a", "nil")


def token_null(col: exp.Expression) -> exp.Expression:
    """`CASE WHEN lower(trim(col)) IN (<null tokens>) THEN NULL ELSE col END`: a text that
    stands for a missing value is NULL before any probe reads it (here, not in `fingerprint`,
    so healing's rewrites use it without importing the fingerprint queries)."""
    probe = exp.func("lower", exp.func("trim", col.copy()))
    cond = exp.In(this=probe, expressions=[exp.Literal.string(t) for t in NULL_TOKENS])
    return exp.Case(ifs=[exp.If(this=cond, true=exp.null())], default=col.copy())


def safe_cast(value: exp.Expression, target: str, dialect: str, *,
              check_only: bool = False) -> exp.Expression:
    """`value` (text) as BIGINT, DOUBLE, DATE, TIMESTAMP or BOOLEAN, NULL where it does not
    parse: DuckDB's TRY_CAST there, a guarded cast elsewhere. `check_only`: any expression
    that is NULL exactly where the value does not parse (what a count needs)."""
    if dialect == "duckdb":
        return exp.TryCast(this=value.copy(), to=exp.DataType.build(target))
    if target == "BIGINT":
        return _integer(value, dialect)
    if target == "DOUBLE":
        return _double(value, dialect)
    if target == "BOOLEAN":
        return case([(is_in(lower(value), TRUE_WORDS), exp.true()),
                     (is_in(lower(value), FALSE_WORDS), exp.false())])
    if target not in ("DATE", "TIMESTAMP"):
        raise ValueError(f"no safe cast to {target}")
    if check_only:
        return case([(matches(value, iso_pattern()), lit(1))])
    part = [split_part(_runs(value, "[^0-9]+"), "-", i) for i in range(1, 8)]
    fraction = case([(exp.Like(this=value.copy(), expression=lit("%.%")),
                      concat(lit("."), substring(part[6], 1, 6)))], lit(""))
    fields = {"%Y": part[0], "%m": part[1], "%d": part[2], "%H": part[3], "%M": part[4],
              "%S": part[5]}
    return case([(matches(value, iso_pattern()),
                  _cast(_canonical(fields, target, fraction), target, dialect))])


def safe_convert(value: exp.Expression, to: exp.DataType, dialect: str) -> exp.Expression:
    """`value` (text) as the type `to` (a contract's type, e.g. INTEGER or DECIMAL(10,2)), NULL
    where it does not parse or fit: what a heal writes where DuckDB writes TRY_CAST."""
    from datanet_sql.heal.types import family, int_range

    if dialect == "duckdb":
        return exp.TryCast(this=value.copy(), to=to)
    kind = family(to.sql("duckdb"))
    if kind == "integer":
        parsed = _integer(value, dialect, int_range(to.sql("duckdb")) or BIGINT_RANGE)
    elif kind == "decimal":
        parsed = _decimal(value, dialect, [int(p.name) for p in to.expressions
                                           if p.name.isdigit()])
    elif kind in ("float", "date", "timestamp", "boolean"):
        parsed = safe_cast(value, {"float": "DOUBLE"}.get(kind, kind.upper()), dialect)
    else:
        return exp.TryCast(this=value.copy(), to=to, safe=True)
    return exp.Cast(this=parsed, to=to.copy())


def safe_strptime(value: exp.Expression, fmt: str, dialect: str, *, date: bool = False,
                  check_only: bool = False) -> exp.Expression:
    """`value` parsed with the strptime format `fmt` (a TIMESTAMP, or a DATE when `date`),
    NULL where it does not fit: DuckDB's TRY_STRPTIME there, a guarded cast elsewhere."""
    if dialect == "duckdb":
        node = exp.StrToDate if date else exp.StrToTime
        return node(this=value.copy(), format=exp.Literal.string(fmt), safe=True)
    tokens = re.findall(r"%[a-zA-Z]|[^%]+", fmt)
    words = "%b" in tokens  # month names: matched in lower case
    probe = lower(value) if words else value
    if check_only:
        return case([(matches(probe, format_pattern(fmt)), lit(1))])
    fields = _format_fields(value, tokens, words)
    if "%y" in fields:
        two = exp.cast(fields.pop("%y"), "INT")
        century = case([(exp.LT(this=two, expression=lit(69)), lit(2000))], lit(1900))
        fields["%Y"] = exp.cast(exp.Add(this=two.copy(), expression=century), "VARCHAR")
    if "%b" in fields:
        fields["%m"] = _month_number(fields.pop("%b"))
    target = "DATE" if date else "TIMESTAMP"
    return case([(matches(probe, format_pattern(fmt)),
                  _cast(_canonical(fields, target, lit("")), target, dialect))])


def text_order(value: exp.Expression, dialect: str) -> exp.Expression:
    """Text compared byte by byte, as DuckDB and Spark do (Postgres follows its collation)."""
    if dialect == "postgres":
        return exp.Collate(this=value, expression=exp.Identifier(this="C", quoted=True))
    return value


@lru_cache(maxsize=None)
def iso_pattern() -> str:
    """Valid dates as DuckDB's CAST reads them: `2024-1-5`, `2024/01/05`, `2024 01 05`, then
    an optional time (`T` or spaces, seconds, a fraction, `Z` or an offset)."""
    clock = (f"{CLOCK['%H'][0]}:{CLOCK['%M'][0]}(:{CLOCK['%S'][0]}([.][0-9]+)?{ZONE}?)?")
    days = "|".join(_dates(["%Y", sep, "%m", sep, "%d"], fixed=False) for sep in "-/ ")
    return rf"^\s*({days})((T|\s+){clock})?\s*$"


@lru_cache(maxsize=None)
def format_pattern(fmt: str) -> str:
    """Valid dates written in `fmt`, as DuckDB's strptime reads them: numbers of one or two
    digits (fixed widths when fields touch), month abbreviations in any case, any run of
    whitespace for a space, whitespace around the value."""
    tokens = re.findall(r"%[a-zA-Z]|[^%]+", fmt)
    fixed = any(a in WIDTH and b in WIDTH for a, b in zip(tokens, tokens[1:]))
    return rf"^\s*({_dates(tokens, fixed)})\s*$"


def _dates(tokens: list[str], fixed: bool) -> str:
    """One alternative per (month, day) class, so the pattern only takes days that exist."""
    width = 1 if fixed else 0
    alternatives = []
    for months, days, leap in MONTH_DAYS:
        out = []
        for token in tokens:
            if token == "%Y":
                out.append((LEAP_YEAR if leap else YEAR)[width])
            elif token == "%y":
                out.append((LEAP_YEAR2 if leap else YEAR2)[width])
            elif token in ("%m", "%b"):
                out.append(months[2] if token == "%b" else months[width])
            elif token == "%d":
                out.append(days[width])
            elif token in CLOCK:
                out.append(CLOCK[token][width])
            else:
                out.append("".join(r"\s+" if ch.isspace() else f"[{ch}]" if ch in ".^$*+?()[]{}|"
                                   else ch.lower() if "%b" in tokens else ch for ch in token))
        alternatives.append("".join(out))
    return "|".join(alternatives)


def _format_fields(value: exp.Expression, tokens: list[str],
                   words: bool) -> dict[str, exp.Expression]:
    """Each field of the format as the text it matched: by position among the runs of digits
    (and letters, for month names), or by width when fields touch."""
    fields = [t for t in tokens if t in WIDTH]
    if any(a in WIDTH and b in WIDTH for a, b in zip(tokens, tokens[1:])):
        text, start, parts = replace_all(value, r"^\s+|\s+$", ""), 1, {}
        for field in fields:
            parts[field] = substring(text, start, WIDTH[field])
            start += WIDTH[field]
        return parts
    runs = _runs(value, "[^0-9A-Za-z]+" if words else "[^0-9]+")
    return {field: split_part(runs, "-", i) for i, field in enumerate(fields, start=1)}


def _canonical(fields: dict[str, exp.Expression], target: str,
               fraction: exp.Expression) -> exp.Expression:
    """`YYYY-MM-DD` (a DATE) or `YYYY-MM-DD hh:mm:ss[.ffffff]` from the fields' text."""
    day = concat(lpad(fields["%Y"], 4), lit("-"), lpad(fields["%m"], 2), lit("-"),
                 lpad(fields["%d"], 2))
    if target == "DATE":
        return day
    hms = [lpad(fields[k], 2) if k in fields else lit("00") for k in ("%H", "%M", "%S")]
    return concat(day, lit(" "), hms[0], lit(":"), hms[1], lit(":"), hms[2], fraction)


def _cast(value: exp.Expression, target: str, dialect: str) -> exp.Expression:
    """A cast of text already known to parse (Spark's TRY_CAST: belt and braces under ANSI)."""
    if dialect in SPARK_DIALECTS:
        return exp.TryCast(this=value.copy(), to=exp.DataType.build(target), safe=True)
    return exp.cast(value.copy(), target)


def _exact(value: exp.Expression, dialect: str) -> exp.Expression:
    """Text of a decimal number as an exact DECIMAL (Postgres' NUMERIC takes any size)."""
    if dialect in SPARK_DIALECTS:
        return exp.TryCast(this=value.copy(), to=exp.DataType.build("DECIMAL(38, 10)"), safe=True)
    return exp.cast(value.copy(), "DECIMAL")


def _integer(value: exp.Expression, dialect: str,
             bounds: tuple[int, int] = BIGINT_RANGE) -> exp.Expression:
    """DuckDB reads '1.5' and '1e3' as integers (rounded half away from zero) within range."""
    rounded = exp.Round(this=_exact(value, dialect))
    fits = exp.Between(this=rounded, low=lit(bounds[0]), high=lit(bounds[1]))
    return case([(matches(value, NUMBER), case([(fits, _cast(rounded, "BIGINT", dialect))]))])


def _decimal(value: exp.Expression, dialect: str, params: list[int]) -> exp.Expression:
    """A number rounded to the scale, NULL when it has more integer digits than fit."""
    exact = _exact(value, dialect)
    if not params:
        return case([(matches(value, NUMBER), exact)])
    precision, scale = (params + [0])[:2]
    rounded = exp.Round(this=exact, decimals=lit(scale))
    fits = exp.LT(this=exp.Abs(this=rounded), expression=exp.Literal.number(f"1e{precision - scale}"))
    return case([(matches(value, NUMBER), case([(fits, rounded.copy())]))])


def _double(value: exp.Expression, dialect: str) -> exp.Expression:
    """Numbers and inf/infinity/nan. Postgres raises beyond DOUBLE's range (both ways) where
    DuckDB and Spark give infinity or zero: there such numbers do not parse."""
    number = _cast(value, "DOUBLE", dialect)
    if dialect not in SPARK_DIALECTS:
        magnitude = exp.Abs(this=_exact(value, dialect))
        fits = exp.or_(exp.EQ(this=magnitude, expression=lit(0)),
                       exp.Between(this=magnitude.copy(), low=exp.Literal.number("1e-307"),
                                   high=exp.Literal.number("1e308")))
        number = case([(fits, number)])
    return case([(matches(value, NUMBER), number),
                 (matches(lower(value), SPECIAL_NUMBER), _cast(value, "DOUBLE", dialect))])


def _runs(value: exp.Expression, separators: str) -> exp.Expression:
    """'2024/1/5 10:00' -> '2024-1-5-10-00': the runs between separators, joined by '-'."""
    return replace_all(replace_all(value, separators, "-"), "^-+|-+$", "")


def _month_number(word: exp.Expression) -> exp.Expression:
    """'Jan' / 'JAN' -> '01' (the pattern has already checked the abbreviation)."""
    node = exp.Case(this=lower(word))
    for number, name in enumerate(MONTHS, start=1):
        node = node.when(lit(name), lit(f"{number:02d}"), copy=False)
    return node
