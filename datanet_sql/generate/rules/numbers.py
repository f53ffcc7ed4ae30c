"""Number rules: money (with its currency), percentages, measures with units, years, coordinates.

Each value is reduced to an unsigned canonical decimal string (`1234.50`) by plain string
functions, tested against a strict pattern, and only then CAST, so no engine ever sees a cast
that can fail (Postgres has no TRY_CAST; Spark 4 raises on bad casts under ANSI mode).
"""

from __future__ import annotations

import re
from collections import Counter

from sqlglot import exp

from datanet_sql.generate.plan import Parse, RuleContext, helper
from datanet_sql.generate.sqlfn import (
    case,
    cast,
    length,
    like,
    lit,
    matches,
    replace,
    replace_all,
    strpos,
    substring,
    trim,
    upper,
)
from datanet_sql.generate.sqlfn import col as column

US_NUMBER = "^[0-9]{1,3}(,[0-9]{3})+([.][0-9]+)?$|^[0-9]*([.][0-9]+)?$"
EU_NUMBER = "^[0-9]{1,3}([.][0-9]{3})+(,[0-9]+)?$|^[0-9]*(,[0-9]+)?$"
CANONICAL = "^([0-9]{1,16}([.][0-9]+)?|[.][0-9]+)$"
SCIENTIFIC = "^[0-9]+([.][0-9]+)?[eE][-+]?[0-9]+$"
NUMBER_PREFIX = "^[-+]?[0-9.,]*[0-9]([eE][-+]?[0-9]+)? *"
UNIT = "^[a-zA-Z°µ%'\"][a-zA-Z0-9°µ%/²³'\". -]{0,19}$"  # g, km/h, °C, sq ft; not /45/2020
# (marker in the upper-cased value, ISO code): longer markers first so "US$" wins over "$".
CURRENCY_MARKERS = (
    ("US$", "USD"),
    ("C$", "CAD"),
    ("CA$", "CAD"),
    ("A$", "AUD"),
    ("AU$", "AUD"),
    ("NZ$", "NZD"),
    ("HK$", "HKD"),
    ("S$", "SGD"),
    ("R$", "BRL"),
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
    ("₹", "INR"),
    ("₩", "KRW"),
    ("₽", "RUB"),
    ("CHF", "CHF"),
    ("USD", "USD"),
    ("EUR", "EUR"),
    ("GBP", "GBP"),
    ("JPY", "JPY"),
    ("CAD", "CAD"),
    ("AUD", "AUD"),
    ("NZD", "NZD"),
    ("CNY", "CNY"),
    ("INR", "INR"),
    ("SEK", "SEK"),
    ("NOK", "NOK"),
    ("DKK", "DKK"),
    ("PLN", "PLN"),
    ("CZK", "CZK"),
    ("HUF", "HUF"),
    ("BRL", "BRL"),
    ("MXN", "MXN"),
    ("ZAR", "ZAR"),
    ("HKD", "HKD"),
    ("SGD", "SGD"),
    ("KRW", "KRW"),
    ("RUB", "RUB"),
    ("TRY", "TRY"),
)
_MARKER_RE = "|".join(re.escape(m).replace("\\$", "[$]") for m, _ in CURRENCY_MARKERS)
MONEY_NOISE = f"{_MARKER_RE}|[-+() ]"


def decimal_style(sample: list[str], option: object = None) -> str:
    """'eu' when the sample writes decimals with a comma (1.234,50), else 'us'."""
    if option in (",", "comma", "eu"):
        return "eu"
    if option in (".", "dot", "point", "us"):
        return "us"
    eu = us = 0
    for value in sample:
        text = re.sub("[^0-9.,]", "", value)
        eu += bool(re.search(",[0-9]{1,2}$|,[0-9]{4,}$|[.][0-9]{3},", text))
        us += bool(re.search("[.][0-9]{1,2}$|[.][0-9]{4,}$|,[0-9]{3}[.]", text))
    return "eu" if eu > us else "us"


def canonical_decimal(digits: exp.Expression, style: str) -> exp.Expression:
    """'1,234.5' / '1.234,5' (unsigned) -> '1234.5'; NULL when it fits neither style."""
    as_us = (matches(digits, US_NUMBER), replace(digits, ",", ""))
    as_eu = (matches(digits, EU_NUMBER), replace(replace(digits, ".", ""), ",", "."))
    return case([as_eu, as_us] if style == "eu" else [as_us, as_eu])


def signed_cast(canonical: exp.Expression, negative: exp.Expression, to: str) -> exp.Expression:
    """CAST the canonical string (only when it is one), negated when the value was negative."""
    value = cast(canonical, to)
    return case([(matches(canonical, CANONICAL), case([(negative, exp.Neg(this=value))], value))])


def money_rule(ctx: RuleContext) -> Parse:
    """`$1,234.50`, `1.234,50 €`, `(12.00)`, `-12`, `EUR 5` -> DECIMAL(18,2) (+ `<col>_currency`)."""
    style = decimal_style(ctx.sample, ctx.option("decimal"))
    value = upper(column(ctx.name))
    num, neg, cur = (helper(ctx.name, s) for s in ("num", "neg", "cur"))
    stage = {
        num: canonical_decimal(replace_all(value, MONEY_NOISE, ""), style),
        neg: exp.or_(like(value, "(%)"), like(value, "%-%")),
    }
    amount = signed_cast(column(num), column(neg), "DECIMAL(18, 2)")
    final = [(ctx.name, amount)]
    carried = [c for c in map(_currency_of, ctx.sample) if c]
    with_currency = ctx.option("currency_column")
    if with_currency is None:
        with_currency = bool(carried)
    if with_currency:
        # one regex test spares bare numbers the ~40 LIKEs of the marker search
        markers = case([(like(value, f"%{m}%"), lit(code)) for m, code in CURRENCY_MARKERS])
        stage[cur] = case([(matches(value, "[^0-9.,() +-]"), markers)])
        # a bare amount in a column of dollars is in dollars (only when one currency dominates)
        default = ctx.option("default_currency") or dominant(carried)
        currency = (
            exp.Coalesce(this=column(cur), expressions=[lit(default)]) if default else column(cur)
        )
        final.append(
            (
                f"{ctx.name}_currency",
                case([(exp.Not(this=exp.Is(this=column(num), expression=exp.null())), currency)]),
            )
        )
    return Parse(
        stages=[stage],
        final=final,
        sql_type="DECIMAL(18,2)",
        rule=f"money({style})",
        reason="not an amount of money",
    )


def _currency_of(value: str) -> str | None:
    """The Python twin of the SQL currency detection (first marker found wins)."""
    upper_value = value.upper()
    return next((code for marker, code in CURRENCY_MARKERS if marker in upper_value), None)


def percent_rule(ctx: RuleContext) -> Parse:
    """`15%` -> 0.15; bare numbers are fractions (0.15) unless the sample shows points (15)."""
    style = decimal_style(ctx.sample, ctx.option("decimal"))
    scale = ctx.option("scale") or _percent_scale(ctx.sample)
    value = column(ctx.name)
    num, neg, pct = (helper(ctx.name, s) for s in ("num", "neg", "pct"))
    stage = {
        num: canonical_decimal(replace_all(value, "[-+% ]", ""), style),
        neg: like(value, "%-%"),
        pct: exp.GT(this=strpos(value, "%"), expression=lit(0)),
    }
    divisor = case([(column(pct), lit(100.0))], lit(100.0 if scale == "points" else 1.0))
    fraction = exp.Div(this=signed_cast(column(num), column(neg), "DOUBLE"), expression=divisor)
    return Parse(
        stages=[stage],
        final=[(ctx.name, fraction)],
        sql_type="DOUBLE",
        rule=f"percent({scale})",
        reason="not a percentage",
    )


def _percent_scale(sample: list[str]) -> str:
    """'points' when bare values (no %) go above 1, i.e. the column writes 15 for 15%."""
    bare = [re.sub("[^0-9.]", "", v.replace(",", ".")) for v in sample if "%" not in v]
    values = [float(v) for v in bare if re.fullmatch("[0-9]*[.]?[0-9]+", v)]
    return "points" if values and max(values) > 1 else "fraction"


def number_rule(ctx: RuleContext) -> Parse:
    """`3,750 g`, ` 12.5 `, `1.2e3` -> DOUBLE; the unit goes to `<col>_unit` when values carry one."""
    return _number_parse(ctx, low=ctx.option("min"), high=ctx.option("max"), rule="number")


def latitude_rule(ctx: RuleContext) -> Parse:
    return _number_parse(ctx, low=-90, high=90, rule="latitude")


def longitude_rule(ctx: RuleContext) -> Parse:
    return _number_parse(ctx, low=-180, high=180, rule="longitude")


def _number_parse(ctx: RuleContext, low: object, high: object, rule: str) -> Parse:
    style = decimal_style(ctx.sample, ctx.option("decimal"))
    value = column(ctx.name)
    unit, num, neg, out = (helper(ctx.name, s) for s in ("unit", "num", "neg", "value"))
    stage1 = {unit: replace_all(value, NUMBER_PREFIX, "")}
    prefix = trim(substring(value, 1, exp.Sub(this=length(value), expression=length(column(unit)))))
    signed = exp.or_(like(prefix, "-%"), like(prefix, "+%"))
    stage2 = {num: case([(signed, substring(prefix, 2))], prefix), neg: like(prefix, "-%")}
    parsed = case(
        [(matches(column(num), SCIENTIFIC), _signed(cast(column(num), "DOUBLE"), column(neg)))],
        signed_cast(canonical_decimal(column(num), style), column(neg), "DOUBLE"),
    )
    unit_ok = exp.or_(exp.EQ(this=column(unit), expression=lit("")), matches(column(unit), UNIT))
    stages = [stage1, stage2, {out: case([(unit_ok, parsed)])}]
    result: exp.Expression = column(out)
    if low is not None or high is not None:
        result = case([(_within(column(out), low, high), column(out))])
    final = [(ctx.name, result)]
    units = [u for u in (_unit_of(v) for v in ctx.sample) if u]
    with_unit = ctx.option("unit_column")
    if with_unit is None:
        with_unit = bool(units)
    if with_unit:
        # a bare number in a column of grams is in grams (only when one unit dominates)
        default = ctx.option("default_unit") or dominant(units)
        unit_value: exp.Expression = exp.Nullif(this=trim(column(unit)), expression=lit(""))
        if default:
            unit_value = exp.Coalesce(this=unit_value, expressions=[lit(default)])
        final.append(
            (
                f"{ctx.name}_unit",
                case([(exp.Not(this=exp.Is(this=column(out), expression=exp.null())), unit_value)]),
            )
        )
    return Parse(
        stages=stages,
        final=final,
        sql_type="DOUBLE",
        rule=f"{rule}({style})",
        reason="not a number"
        if low is None and high is None
        else f"not a number in [{low}, {high}]",
    )


def dominant(values: list[str], share: float = 0.9) -> str | None:
    """The value that makes up at least `share` of `values`, else None (a mixed column)."""
    if not values:
        return None
    value, count = Counter(values).most_common(1)[0]
    return value if count >= share * len(values) else None


def _unit_of(value: str) -> str | None:
    unit = re.sub(NUMBER_PREFIX, "", value) if re.match(NUMBER_PREFIX, value) else ""
    return unit.strip() if re.match(UNIT, unit) else None


def _signed(value: exp.Expression, negative: exp.Expression) -> exp.Expression:
    return case([(negative, exp.Neg(this=value))], value)


def _within(value: exp.Expression, low: object, high: object) -> exp.Expression:
    checks = []
    if low is not None:
        checks.append(exp.GTE(this=value.copy(), expression=lit(low)))
    if high is not None:
        checks.append(exp.LTE(this=value.copy(), expression=lit(high)))
    return exp.and_(*checks)


def year_rule(ctx: RuleContext) -> Parse:
    """`2024`, `2024.0` -> INTEGER."""
    value = column(ctx.name)
    year = case([(matches(value, "^[0-9]{4}([.]0+)?$"), cast(substring(value, 1, 4), "INT"))])
    return Parse(final=[(ctx.name, year)], sql_type="INTEGER", rule="year", reason="not a year")
