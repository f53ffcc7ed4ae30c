"""Contact rules: e-mail addresses and URLs validated, phone numbers to E.164 (`+<digits>`)."""

from __future__ import annotations

import re
from collections import Counter

from sqlglot import exp

from datanet_sql.generate.plan import Parse, RuleContext, helper
from datanet_sql.generate.rules.codes import CALLING_CODE_BY_COUNTRY
from datanet_sql.generate.sqlfn import (
    case,
    concat,
    length,
    like,
    lit,
    lower,
    matches,
    replace_all,
    replace,
    split_part,
    substring,
    upper,
    when_matches,
)
from datanet_sql.generate.sqlfn import col as column

EMAIL = "^[a-z0-9._%+-]+@[a-z0-9-]+([.][a-z0-9-]+)*[.][a-z]{2,}$"
URL = "^(https?|ftp)://[a-z0-9-]+([.][a-z0-9-]+)*(:[0-9]{1,5})?([/?#][^ ]*)?$"
E164 = "^[+][1-9][0-9]{7,14}$"
# Every country's calling code (ITU codes are prefix-free: at most one starts a number).
CALLING_CODES = tuple(sorted(set(CALLING_CODE_BY_COUNTRY.values()), key=lambda c: (len(c), c)))


def email_rule(ctx: RuleContext) -> Parse:
    """Lower-case (a `mailto:` prefix dropped) and keep only syntactically valid addresses."""
    value = lower(column(ctx.name))
    stage = {ctx.name: case([(like(value, "mailto:%"), substring(value, 8))], value)}
    address = column(ctx.name)
    return Parse(
        stages=[stage],
        final=[(ctx.name, when_matches(address, EMAIL, address))],
        rule="email",
        reason="not a valid e-mail address",
    )


def url_rule(ctx: RuleContext) -> Parse:
    """Add a scheme to `www.` addresses, then keep only well-formed http(s)/ftp URLs."""
    value = column(ctx.name)
    stage = {ctx.name: case([(like(lower(value), "www.%"), concat(lit("https://"), value))], value)}
    checked = case([(matches(lower(value), URL), value)])
    return Parse(stages=[stage], final=[(ctx.name, checked)], rule="url", reason="not a valid URL")


def phone_rule(ctx: RuleContext) -> Parse:
    """Digits only, with `+` and the country code: `+<cc><national number>` (E.164).

    A number written without its country code takes the country of its own row when the model
    has a country column (`+33` for a French `04 49 36 47 86`), else the column's default (the
    most common `+` code, or `default_country_code`). A trunk `(0)` inside an international
    number is dropped (`+44 (0)20 7496 0296` is `+442074960296`).
    """
    country, national_length, issues = _phone_defaults(ctx)
    country_column, countries, usual = _country_column(ctx)
    if usual and not ctx.option("default_country_code"):
        country, issues = CALLING_CODE_BY_COUNTRY[usual], []   # the table's most common country
    value, digits = column(ctx.name), column(helper(ctx.name, "digits"))
    stage = {
        helper(ctx.name, "plus"): exp.Or(this=like(value, "+%"), expression=like(value, "00%")),
        # an extension ("x123", "ext. 123") is dropped before taking the digits
        helper(ctx.name, "digits"): replace_all(
            split_part(lower(replace(value, "(0)", "")), "x", 1), "[^0-9]", ""),
    }
    plus = column(helper(ctx.name, "plus"))
    whens = [
        (exp.and_(plus, like(digits, "00%")), concat(lit("+"), substring(digits, 3))),
        (plus, concat(lit("+"), digits)),
    ]
    if country_column:
        stage[helper(ctx.name, "cc")] = _row_calling_code(column(country_column), countries)
        whens += _row_country_whens(column(helper(ctx.name, "cc")), digits)
    if country:
        whens += [
            (
                exp.EQ(this=length(digits), expression=lit(national_length)),
                concat(lit("+" + country), digits),
            ),
            (
                exp.and_(
                    like(digits, country + "%"),
                    exp.EQ(this=length(digits), expression=lit(national_length + len(country))),
                ),
                concat(lit("+"), digits),
            ),
            (like(digits, "0%"), concat(lit("+" + country), substring(digits, 2))),
        ]
    formatted = column(helper(ctx.name, "e164"))
    stage2 = {helper(ctx.name, "e164"): case(whens)}
    rule = f"phone(+{country})" if country else "phone"
    if country_column:
        rule = "phone(+row's country" + (f", else +{country})" if country else ")")
    return Parse(
        stages=[stage, stage2],
        final=[(ctx.name, when_matches(formatted, E164, formatted))],
        rule=rule,
        reason="not a phone number (or no country code)",
        issues=issues,
    )


def _country_column(ctx: RuleContext) -> tuple[str | None, list[str], str | None]:
    """The model's country column (`country_column` option, else its country_code column), the
    ISO codes its sample holds and the most common one. The lookup lists only those (one line
    each); a row whose country the sample never showed gets the column's default, which is the
    most common country's code."""
    named = ctx.option("country_column")
    found = ctx.siblings.get("country_code")
    name = str(named) if named else (found[0] if found else None)
    if name is None:
        return None, [], None
    sample = found[1] if found and found[0] == name else []
    seen = Counter(str(v).strip().upper() for v in sample if v is not None)
    known = [c for c, _ in seen.most_common() if c in CALLING_CODE_BY_COUNTRY]
    return name, sorted(known) or sorted(CALLING_CODE_BY_COUNTRY), (known[0] if known else None)


def _row_calling_code(country: exp.Expression, countries: list[str]) -> exp.Expression:
    """`CASE UPPER(country) WHEN 'DE' THEN '49' ... END`: NULL for other values."""
    return exp.Case(this=upper(country), ifs=[
        exp.If(this=lit(iso), true=lit(CALLING_CODE_BY_COUNTRY[iso])) for iso in countries])


def _row_country_whens(cc: exp.Expression, digits: exp.Expression
                       ) -> list[tuple[exp.Expression, exp.Expression]]:
    """National numbers of a row whose country is known: a trunk 0 is dropped, a number that
    already starts with the country code and is long enough for one keeps it, others get it."""
    known = exp.Not(this=exp.Is(this=cc.copy(), expression=exp.Null()))
    prefixed = exp.and_(
        exp.EQ(this=substring(digits, 1, length(cc)), expression=cc.copy()),
        exp.GTE(this=length(digits), expression=exp.Add(this=length(cc), expression=lit(8))))
    return [
        (exp.and_(known, like(digits, "0%")), concat(lit("+"), cc.copy(), substring(digits, 2))),
        (exp.and_(known, prefixed), concat(lit("+"), digits)),
        (known, concat(lit("+"), cc.copy(), digits)),
    ]


def _phone_defaults(ctx: RuleContext) -> tuple[str | None, int, list[str]]:
    """The country code and national length to assume for numbers written without one."""
    option = ctx.option("default_country_code")
    national = int(ctx.option("national_length", 0) or 0)
    plus_codes: Counter[str] = Counter()
    lengths: Counter[int] = Counter()
    for value in ctx.sample:
        digits = re.sub("[^0-9]", "", value.lower().split("x")[0])
        if value.startswith(("+", "00")):
            digits = digits[2:] if value.startswith("00") else digits
            code = next((c for c in sorted(CALLING_CODES, key=len) if digits.startswith(c)), None)
            if code:
                plus_codes[code] += 1
                lengths[len(digits) - len(code)] += 1
        elif not digits.startswith("0"):
            lengths[len(digits)] += 1
    issues: list[str] = []
    country = str(option).lstrip("+") if option else None
    if country is None and plus_codes:
        country = plus_codes.most_common(1)[0][0]
    if country is None and lengths and lengths.most_common(1)[0][0] == 10:
        country = "1"
        issues.append(
            f"{ctx.name}: phone numbers carry no country code; assumed +1 "
            "(set default_country_code to change)"
        )
    if not national:
        national = lengths.most_common(1)[0][0] if lengths else 10
    return country, national, issues
