"""Contact rules: e-mail addresses and URLs validated, phone numbers to E.164 (`+<digits>`)."""

from __future__ import annotations

import re
from collections import Counter

from sqlglot import exp

from datanet_sql.generate.plan import Parse, RuleContext, helper
from datanet_sql.generate.sqlfn import (
    case,
    concat,
    length,
    like,
    lit,
    lower,
    matches,
    replace_all,
    split_part,
    substring,
    when_matches,
)
from datanet_sql.generate.sqlfn import col as column

EMAIL = "^[a-z0-9._%+-]+@[a-z0-9-]+([.][a-z0-9-]+)*[.][a-z]{2,}$"
URL = "^(https?|ftp)://[a-z0-9-]+([.][a-z0-9-]+)*(:[0-9]{1,5})?([/?#][^ ]*)?$"
E164 = "^[+][1-9][0-9]{7,14}$"
# Calling codes common enough to recognise a column's default from its '+' numbers.
CALLING_CODES = (
    "1",
    "7",
    "20",
    "27",
    "30",
    "31",
    "32",
    "33",
    "34",
    "36",
    "39",
    "40",
    "41",
    "43",
    "44",
    "45",
    "46",
    "47",
    "48",
    "49",
    "51",
    "52",
    "53",
    "54",
    "55",
    "56",
    "57",
    "58",
    "60",
    "61",
    "62",
    "63",
    "64",
    "65",
    "66",
    "81",
    "82",
    "84",
    "86",
    "90",
    "91",
    "92",
    "93",
    "94",
    "95",
    "98",
    "212",
    "234",
    "254",
    "351",
    "352",
    "353",
    "354",
    "358",
    "420",
    "852",
    "886",
    "971",
    "972",
)


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
    """Digits only, with `+` and the country code: `+<cc><national number>` (E.164)."""
    country, national_length, issues = _phone_defaults(ctx)
    value, digits = column(ctx.name), column(helper(ctx.name, "digits"))
    stage = {
        helper(ctx.name, "plus"): exp.Or(this=like(value, "+%"), expression=like(value, "00%")),
        # an extension ("x123", "ext. 123") is dropped before taking the digits
        helper(ctx.name, "digits"): replace_all(split_part(lower(value), "x", 1), "[^0-9]", ""),
    }
    plus = column(helper(ctx.name, "plus"))
    whens = [
        (exp.and_(plus, like(digits, "00%")), concat(lit("+"), substring(digits, 3))),
        (plus, concat(lit("+"), digits)),
    ]
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
    return Parse(
        stages=[stage, stage2],
        final=[(ctx.name, when_matches(formatted, E164, formatted))],
        rule=rule,
        reason="not a phone number (or no country code)",
        issues=issues,
    )


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
