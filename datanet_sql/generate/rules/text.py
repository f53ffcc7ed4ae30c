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
MAX_CATEGORIES = 1000  # distinct sample values a CASE maps; past that, only the fallback
_PY_WHITESPACE = re.compile(WHITESPACE)
INTEGER_CODE = "[-+]?[0-9]+([.]0+)?"
_WORDS = re.compile(r"[^\W\d_]+(?:[ '-][^\W\d_]+)*")  # letters, single spaces, ' and -


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
    """lower(value) -> the spelling to keep: the one the sample writes most often.

    Only values respelled in some rows are dirty, so the usual spelling of a value is its clean
    one even against the column's dominant case (`Vic` stays `Vic` among mostly lower-case
    categories). The more clearly one style rules the column (60%, 75% of values), the more a
    spelling in it counts (twice, four times): that settles rare values whose few rows happen
    to be respelled (`isaias` twice, `Isaias` once, among title-case names); a value of letters
    the sample never writes in that style is put in it (`ege` among airport codes -> `EGE`),
    unless its case is mixed (`McDonald`). Ties: the dominant style, then the first seen.
    """
    share = sum(style_of(v) == style for v in sample) / len(sample) if style and sample else 0.0
    factor = 4 if share >= 0.75 else 2 if share >= 0.6 else 1
    by_key: dict[str, Counter[str]] = {}
    for value in sample:
        by_key.setdefault(value.lower(), Counter())[value] += 1
    out = {}
    for key, spellings in sorted(by_key.items()):
        weight = {s: n * (factor if style_of(s) == style else 1) for s, n in spellings.items()}
        best = max(weight, key=lambda s: (weight[s], style_of(s) == style))
        if factor > 1 and style_of(best) not in (None, style) and _WORDS.fullmatch(best):
            best = _restyle(best, style)
        out[key] = best
    return out


def _restyle(text: str, style: str | None) -> str:
    return {"lower": text.lower(), "upper": text.upper(), "title": _py_title(text)}.get(
        style or "", text
    )


def categorical_rule(ctx: RuleContext) -> Parse:
    """Unify the spelling of categories: known values map to their usual spelling in the
    sample; unseen values follow the column's dominant letter case. Integer codes exported
    as floats (`4.0` among `4`) lose the `.0`."""
    style = str(ctx.option("style", "") or "") or dominant_style(ctx.sample)
    sample = ctx.sample
    value: exp.Expression = column(ctx.name)
    if sample and all(re.fullmatch(INTEGER_CODE, v) for v in sample):
        value = replace_all(value, "[.]0+$", "")
        sample = [re.sub("[.]0+$", "", v) for v in sample]
    fallback = {"lower": lower, "upper": upper, "title": title_case}.get(style or "", lambda v: v)(
        value
    )
    rule = f"categorical({style or 'as is'})"
    return Parse(final=[(ctx.name, _respell(value, sample, style, fallback))], rule=rule)


def spelling_rule(ctx: RuleContext) -> Parse:
    """Names (of people, storms, places): a value the sample writes in another case more often
    takes that spelling (`IDA` -> `Ida`); an unseen value is kept as written, since no case
    rule is safe for names (`McDonald`, `van Dijk`)."""
    value = column(ctx.name)
    style = dominant_style(ctx.sample)
    return Parse(final=[(ctx.name, _respell(value, ctx.sample, style, value, names=True))],
                 rule="spelling")


def _respell(value: exp.Expression, sample: list[str], style: str | None,
             fallback: exp.Expression, names: bool = False) -> exp.Expression:
    """CASE lower(value) WHEN key THEN usual spelling ... ELSE fallback (up to MAX_CATEGORIES)."""
    mapping = canonical_spellings(sample, style)
    if names:  # as written unless the sample shows another spelling: only those need a WHEN
        seen: dict[str, set[str]] = {}
        for text in sample:
            seen.setdefault(text.lower(), set()).add(text)
        mapping = {k: v for k, v in mapping.items() if seen[k] != {v}}
    if not mapping or len(mapping) > MAX_CATEGORIES:
        return fallback
    node = exp.Case(this=lower(value))
    for key, spelling in mapping.items():
        node = node.when(lit(key), lit(spelling), copy=False)
    return node.else_(fallback, copy=False)


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
