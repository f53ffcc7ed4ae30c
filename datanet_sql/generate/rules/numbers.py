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
    concat,
    is_in,
    is_null,
    length,
    like,
    lit,
    lower,
    matches,
    replace,
    replace_all,
    split_part,
    strpos,
    substring,
    trim,
    upper,
)
from datanet_sql.generate.sqlfn import col as column
from datanet_sql.semantics import units

US_NUMBER = "^[0-9]{1,3}(,[0-9]{3})+([.][0-9]+)?$|^[0-9]*([.][0-9]+)?$"
EU_NUMBER = "^[0-9]{1,3}([.][0-9]{3})+(,[0-9]+)?$|^[0-9]*(,[0-9]+)?$"
CANONICAL = "^([0-9]{1,16}([.][0-9]+)?|[.][0-9]+)$"
SCIENTIFIC = "^[0-9]+([.][0-9]+)?[eE][-+]?[0-9]+$"
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
    """`15%`, `15 %`, bare `15` or `0.15` -> DOUBLE in the scale the column's bare values use.

    Bare values above 1 mean the column writes points (`7.96`): `13.59%` is then 13.59. Else
    it writes fractions (`0.15`): `15%` is 0.15, the point moved in the text, never a float
    division (`15.04 / 100` would be `0.15039999999999998`).
    """
    style = decimal_style(ctx.sample, ctx.option("decimal"))
    scale = ctx.option("scale") or _percent_scale(ctx.sample)
    value = column(ctx.name)
    num, neg, pct = (helper(ctx.name, s) for s in ("num", "neg", "pct"))
    stage = {
        num: canonical_decimal(replace_all(value, "[-+% ]", ""), style),
        neg: like(value, "%-%"),
        pct: exp.GT(this=strpos(value, "%"), expression=lit(0)),
    }
    stages = [stage]
    if scale != "points":
        scaled = helper(ctx.name, "scaled")
        stages.append({scaled: case([(column(pct), shift_decimal(column(num), -2))], column(num))})
        num = scaled
    result = signed_cast(column(num), column(neg), "DOUBLE")
    return Parse(
        stages=stages,
        final=[(ctx.name, result)],
        sql_type="DOUBLE",
        rule=f"percent({scale})",
        reason="not a percentage",
    )


def _percent_scale(sample: list[str]) -> str:
    """'points' when bare values (no %) go above 1, i.e. the column writes 15 for 15%."""
    bare = [re.sub("[^0-9.]", "", v.replace(",", ".")) for v in sample if "%" not in v]
    values = [float(v) for v in bare if re.fullmatch("[0-9]*[.]?[0-9]+", v)]
    return "points" if values and max(values) > 1 else "fraction"


def shift_decimal(canonical: exp.Expression, places: int) -> exp.Expression:
    """An unsigned canonical decimal text times 10**places, by moving its point in the text.

    Exact for any number of digits on every engine (`9.41`, 1 -> `94.10`; `890`, -1 ->
    `089.0`): unit and percent conversions never go through float arithmetic.
    """
    whole, fraction = split_part(canonical, ".", 1), split_part(canonical, ".", 2)
    zeros = lit("0" * abs(places))
    if places >= 0:
        padded = concat(fraction, zeros)
        head, tail = concat(whole, substring(padded, 1, places)), substring(padded, places + 1)
    else:
        padded = concat(zeros, whole)
        cut = exp.Sub(this=length(padded), expression=lit(-places))
        head = substring(padded, 1, cut)
        tail = concat(substring(padded, exp.Add(this=cut.copy(), expression=lit(1))), fraction)
    head = exp.Coalesce(this=exp.Nullif(this=head, expression=lit("")), expressions=[lit("0")])
    return concat(head, lit("."), tail, lit("0"))


def number_rule(ctx: RuleContext) -> Parse:
    """`3,750 g`, ` 12.5 `, `1.2e3` -> DOUBLE in the column's unit (`<col>_unit`), see `_number_parse`."""
    return _number_parse(ctx, low=ctx.option("min"), high=ctx.option("max"), rule="number")


def latitude_rule(ctx: RuleContext) -> Parse:
    return _number_parse(ctx, low=-90, high=90, rule="latitude")


def longitude_rule(ctx: RuleContext) -> Parse:
    return _number_parse(ctx, low=-180, high=180, rule="longitude")


def _number_parse(ctx: RuleContext, low: object, high: object, rule: str) -> Parse:
    """A number with an optional unit suffix, in the column's unit.

    The column's unit is the `unit` option or the one most sample values carry; a bare number
    is in it; a value in another metric unit of its family is converted by moving the decimal
    point (`9.41 cm` in a column of mm is 94.1); any other unit is a reject, never a number in
    the wrong unit. A column whose sample carries no unit rejects values that carry one.
    """
    style = decimal_style(ctx.sample, ctx.option("decimal"))
    sample_units = [u for u in (units.unit_of(v) for v in ctx.sample) if u]
    target = ctx.option("unit") or ctx.option("default_unit") or units.column_unit(sample_units)
    value = column(ctx.name)
    unit, num, neg, canon, scaled, out = (
        helper(ctx.name, s) for s in ("unit", "num", "neg", "canon", "scaled", "value"))
    stage1 = {unit: replace_all(value, units.NUMBER_PREFIX, "")}
    prefix = trim(substring(value, 1, exp.Sub(this=length(value), expression=length(column(unit)))))
    signed = exp.or_(like(prefix, "-%"), like(prefix, "+%"))
    stage2 = {num: case([(signed, substring(prefix, 2))], prefix), neg: like(prefix, "-%"),
              unit: lower(replace_all(column(unit), " ", ""))}
    stage3 = {canon: canonical_decimal(column(num), style)}
    same_unit = is_in(column(unit), ["", units.key(str(target))] if target else [""])
    scales = [(same_unit, column(canon))] + [
        (exp.EQ(this=column(unit), expression=lit(other)), shift_decimal(column(canon), places))
        for other, places in (_conversions(str(target)) if target else [])
    ]
    scientific = exp.and_(same_unit.copy(), matches(column(num), SCIENTIFIC))
    parsed = case([(scientific, _signed(cast(column(num), "DOUBLE"), column(neg)))],
                  signed_cast(column(scaled), column(neg), "DOUBLE"))
    stages = [stage1, stage2, stage3, {scaled: case(scales)}, {out: parsed}]
    result: exp.Expression = column(out)
    if low is not None or high is not None:
        result = case([(_within(column(out), low, high), column(out))])
    final = [(ctx.name, result)]
    if target and ctx.option("unit_column", True):
        final.append((f"{ctx.name}_unit", case([(exp.not_(is_null(column(out))), lit(target))])))
    unconverted = sorted({u for u in sample_units if target and units.shift(u, str(target)) is None})
    issues = [f"{ctx.name}: values in {', '.join(unconverted)} do not convert to {target}, the "
              "unit of most values; they become rejects (set `unit:` to choose the column's "
              "unit)"] if unconverted else []
    return Parse(
        stages=stages,
        final=final,
        sql_type="DOUBLE",
        rule=f"{rule}({style}{', ' + str(target) if target else ''})",
        reason=("not a number" if low is None and high is None
                else f"not a number in [{low}, {high}]") + (f" in {target}" if target else ""),
        issues=issues,
    )


def _conversions(target: str) -> list[tuple[str, int]]:
    """(unit, decimal places to move) for every metric unit that converts into `target`."""
    out = []
    for other in units.METRIC:
        places = units.shift(other, target)
        if places:
            out.append((other, places))
    return out


def dominant(values: list[str], share: float = 0.9) -> str | None:
    """The value that makes up at least `share` of `values`, else None (a mixed column)."""
    if not values:
        return None
    value, count = Counter(values).most_common(1)[0]
    return value if count >= share * len(values) else None


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
