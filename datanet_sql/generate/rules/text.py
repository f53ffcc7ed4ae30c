"""Text rules: whitespace, null tokens, letter case, categorical spelling and booleans.

These run first on every text column (the *prepared* value all other rules start from) or
are the whole cleansing of names, codes and categories.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from sqlglot import exp

from datanet_sql.generate.plan import Parse, RuleContext
from datanet_sql.generate.rules.codes import COUNTRIES, CURRENCIES
from datanet_sql.generate.sqlfn import (
    WHITESPACE,
    case,
    concat,
    is_in,
    lit,
    lower,
    matches,
    replace_all,
    substring,
    trim,
    upper,
    when_matches,
)
from datanet_sql.generate.sqlfn import col as column

NULL_TOKENS = (
    "",
    "n/a",
    "na",
    "n.a.",
    "#n/a",
    "null",
    "none",
    "nil",
    "nan",
    "-",
    "--",
    "?",
    ".",
    "missing",
    "(null)",
    "(blank)",
    "undefined",
)
TRUE_TOKENS = ("yes", "y", "true", "t", "1", "on", "x")
FALSE_TOKENS = ("no", "n", "false", "f", "0", "off")
MAX_CATEGORIES = 200
_PY_WHITESPACE = re.compile(WHITESPACE)


def prepare(
    value: exp.Expression,
    *,
    collapse: bool = True,
    trim_: bool = True,
    null_tokens: tuple[str, ...] | None = NULL_TOKENS,
) -> exp.Expression:
    """Stage 0 of every text column: collapse runs of whitespace, trim, null tokens -> NULL."""
    text = replace_all(value, WHITESPACE, " ") if collapse else value
    text = trim(text) if trim_ else text
    if not null_tokens:
        return text
    return case([(is_in(lower(text), null_tokens), exp.null())], text)


def prepare_sample(
    values: list[object], null_tokens: tuple[str, ...] | None = NULL_TOKENS
) -> list[str]:
    """The Python twin of `prepare`, so rules can reason about what SQL will see."""
    tokens = set(null_tokens or ())
    out = []
    for value in values:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            continue
        text = _PY_WHITESPACE.sub(" ", str(value)).strip()
        if text.lower() not in tokens:
            out.append(text)
    return out


def lower_rule(ctx: RuleContext) -> Parse:
    return Parse(final=[(ctx.name, lower(column(ctx.name)))], rule="lower")


def upper_rule(ctx: RuleContext) -> Parse:
    return Parse(final=[(ctx.name, upper(column(ctx.name)))], rule="upper")


def title_rule(ctx: RuleContext) -> Parse:
    return Parse(final=[(ctx.name, title_case(column(ctx.name)))], rule="title")


def title_case(value: exp.Expression) -> exp.Expression:
    """First letter upper, the rest lower: portable (DuckDB has no INITCAP)."""
    return concat(upper(substring(value, 1, 1)), lower(substring(value, 2)))


def style_of(text: str) -> str | None:
    """'lower', 'upper' or 'title' when the text has letters in one of those styles."""
    if not any(ch.isalpha() for ch in text):
        return None
    if text == text.lower():
        return "lower"
    if text == text.upper():
        return "upper"
    if text == _py_title(text):
        return "title"
    return None


def _py_title(text: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in text.split(" "))


def dominant_style(sample: list[str]) -> str | None:
    """The letter case most values are written in (None when there is no clear one)."""
    styles = Counter(style_of(v) for v in sample)
    styles.pop(None, None)
    if not styles:
        return None
    (best, n), *rest = styles.most_common()
    return best if not rest or n > rest[0][1] else None


def canonical_spellings(sample: list[str], style: str | None) -> dict[str, str]:
    """lower(value) -> the spelling to keep: the most frequent one in the dominant style."""
    by_key: dict[str, Counter[str]] = {}
    for value in sample:
        by_key.setdefault(value.lower(), Counter())[value] += 1
    out = {}
    for key, spellings in sorted(by_key.items()):
        styled = [s for s, _ in spellings.most_common() if style_of(s) == style]
        out[key] = styled[0] if styled else _restyle(spellings.most_common(1)[0][0], style)
    return out


def _restyle(text: str, style: str | None) -> str:
    return {"lower": text.lower(), "upper": text.upper(), "title": _py_title(text)}.get(
        style or "", text
    )


def categorical_rule(ctx: RuleContext) -> Parse:
    """Unify the spelling of categories: known values map to their canonical spelling from
    the sample; unseen values follow the column's dominant letter case."""
    style = str(ctx.option("style", "") or "") or dominant_style(ctx.sample)
    value = column(ctx.name)
    fallback = {"lower": lower, "upper": upper, "title": title_case}.get(style or "", lambda v: v)(
        value
    )
    mapping = canonical_spellings(ctx.sample, style)
    rule = f"categorical({style or 'as is'})"
    if not mapping or len(mapping) > MAX_CATEGORIES:
        return Parse(final=[(ctx.name, fallback)], rule=rule)
    node = exp.Case(this=lower(value))
    for key, spelling in mapping.items():
        node = node.when(lit(key), lit(spelling), copy=False)
    return Parse(final=[(ctx.name, node.else_(fallback, copy=False))], rule=rule)


def boolean_rule(ctx: RuleContext) -> Parse:
    """yes/no, y/n, true/false, t/f, 1/0, on/off (any case) -> BOOLEAN; anything else rejects."""
    true_values = tuple(str(v).lower() for v in ctx.option("true_values", TRUE_TOKENS))  # type: ignore[union-attr]
    false_values = tuple(str(v).lower() for v in ctx.option("false_values", FALSE_TOKENS))  # type: ignore[union-attr]
    key = lower(column(ctx.name))
    value = case([(is_in(key, true_values), exp.true()), (is_in(key, false_values), exp.false())])
    return Parse(
        final=[(ctx.name, value)], sql_type="BOOLEAN", rule="boolean", reason="not a yes/no value"
    )


def pattern_rule(rule: str, pattern: str, transform: str | None, reason: str):
    """A rule that normalises case and then keeps only values matching `pattern`."""

    def build(ctx: RuleContext) -> Parse:
        value = column(ctx.name)
        value = {"lower": lower, "upper": upper}.get(transform or "", lambda v: v)(value)
        pat = str(ctx.option("pattern", pattern))
        return Parse(final=[(ctx.name, when_matches(value, pat, value))], rule=rule, reason=reason)

    return build


def code_rule(rule: str, codes: tuple[str, ...], reason: str):
    """Upper-case, then keep only codes of the standard list (`codes:` option replaces it)."""

    def build(ctx: RuleContext) -> Parse:
        value = upper(column(ctx.name))
        allowed = tuple(str(c).upper() for c in ctx.option("codes", codes))  # type: ignore[union-attr]
        return Parse(
            final=[(ctx.name, case([(is_in(value, allowed), value)]))], rule=rule, reason=reason
        )

    return build


country_code_rule = code_rule("country_code", COUNTRIES, "not an ISO 3166 country code")
currency_code_rule = code_rule("currency_code", CURRENCIES, "not an ISO 4217 currency code")
uuid_rule = pattern_rule(
    "uuid", "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", "lower", "not a UUID"
)
_OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
ip_address_rule = pattern_rule(
    "ip_address",
    f"^{_OCTET}([.]{_OCTET}){{3}}$|^[0-9a-f]{{0,4}}(:[0-9a-f]{{0,4}}){{2,7}}$",
    "lower",
    "not an IPv4 or IPv6 address",
)
postal_code_rule = pattern_rule(
    "postal_code", "^[A-Z0-9][A-Z0-9 -]{1,9}$", "upper", "not a postal code"
)


def matches_any(value: exp.Expression, patterns: list[str]) -> exp.Expression:
    return exp.or_(*[matches(value, p) for p in patterns])
