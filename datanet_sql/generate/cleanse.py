"""Plan the cleansing of one column from its semantic type, raw type, sample and rule list.

`plan_column` is what the compiler's `generate` pass calls per column of a declarative model;
`cleanse_query` and `rejects_query` (in `queries.py`) turn the plans into SQL.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from datanet_sql.errors import ConfigError, did_you_mean
from datanet_sql.generate.plan import ColumnPlan, Parse, RuleContext
from datanet_sql.generate.rules import contact, dates, numbers, text
from datanet_sql.generate.sqlfn import cast, col

RuleSpec = str | dict
Rules = str | Sequence[RuleSpec]

VALUE_RULES: dict[str, Callable[[RuleContext], Parse]] = {
    "lower": text.lower_rule,
    "upper": text.upper_rule,
    "title": text.title_rule,
    "categorical": text.categorical_rule,
    "spelling": text.spelling_rule,
    "boolean": text.boolean_rule,
    "country_code": text.country_code_rule,
    "currency_code": text.currency_code_rule,
    "uuid": text.uuid_rule,
    "ip_address": text.ip_address_rule,
    "postal_code": text.postal_code_rule,
    "email": contact.email_rule,
    "url": contact.url_rule,
    "phone": contact.phone_rule,
    "date": dates.date_rule,
    "timestamp": dates.timestamp_rule,
    "money": numbers.money_rule,
    "percent": numbers.percent_rule,
    "number": numbers.number_rule,
    "latitude": numbers.latitude_rule,
    "longitude": numbers.longitude_rule,
    "year": numbers.year_rule,
}
PREPARE_RULES = ("trim", "collapse_whitespace", "null_tokens")
AUTO_RULES: dict[str, str | None] = {
    "email": "email",
    "phone": "phone",
    "url": "url",
    "uuid": "uuid",
    "ip_address": "ip_address",
    "date": "date",
    "timestamp": "timestamp",
    "year": "year",
    "money": "money",
    "percent": "percent",
    "country_code": "country_code",
    "currency_code": "currency_code",
    "postal_code": "upper",
    "person_name": "spelling",
    "address": None,
    "boolean": "boolean",
    "categorical": "categorical",
    "identifier": None,
    "free_text": None,
    "latitude": "latitude",
    "longitude": "longitude",
    "numeric_measure": "number",
}
TEXT_TYPES = ("VARCHAR", "TEXT", "STRING", "CHAR", "BPCHAR", "NVARCHAR", "NCHAR", "UNKNOWN", "")


def plan_column(
    name: str, semantic: str | None, sql_type: str, sample: Sequence[object], rules: Rules = "auto",
    siblings: dict[str, tuple[str, list[object]]] | None = None,
) -> ColumnPlan:
    """How to cleanse column `name` (raw type `sql_type`) given a sample of its raw values.

    `rules` is "auto" (from `semantic`), "none", or a list of rule names or one-key dicts
    `{rule: {option: value}}` (or `{name: rule, option: value}`). `siblings` maps semantic
    types to the model's other columns and their samples (`country_code` -> `country`).
    """
    if rules == "none" or (rules == "auto" and not _is_text(sql_type)):
        return ColumnPlan(
            name, semantic, sql_type or "VARCHAR", stages=[], final=[(name, col(name))]
        )
    specs = (
        _auto_specs(name, semantic) if rules == "auto" else [_parse_spec(name, r) for r in rules]
    )
    prepare_opts = {rule: opts for rule, opts in specs if rule in PREPARE_RULES}
    value_specs = [(rule, opts) for rule, opts in specs if rule not in PREPARE_RULES]
    if len(value_specs) > 1:
        raise ConfigError(
            f"column {name}: rules {', '.join(r for r, _ in value_specs)} each convert "
            "the value; keep one",
            column=name,
            hint="list one value rule per column",
        )
    enabled = set(prepare_opts) or set(PREPARE_RULES)  # listing some prepare rules picks them
    tokens = _null_tokens(prepare_opts.get("null_tokens")) if "null_tokens" in enabled else ()
    raw = col(name) if _is_text(sql_type) else cast(col(name), "VARCHAR")
    prepared = text.prepare(
        raw, collapse="collapse_whitespace" in enabled, trim_="trim" in enabled, null_tokens=tokens
    )
    sample_text = text.prepare_sample(list(sample), tokens)
    applied = [r for r in PREPARE_RULES if r in enabled and (r != "null_tokens" or tokens)]
    stages = [{name: prepared}]
    if not value_specs:
        return ColumnPlan(
            name, semantic, "VARCHAR", stages=stages, final=[(name, col(name))], rules=applied
        )
    rule, options = value_specs[0]
    parse = VALUE_RULES[rule](RuleContext(name, semantic, sample_text, options, siblings or {}))
    return ColumnPlan(
        name,
        semantic,
        parse.sql_type,
        stages=stages + parse.stages,
        final=parse.final,
        reason=parse.reason,
        rules=applied + [parse.rule or rule],
        issues=parse.issues,
        reject_rule=(parse.rule or rule) if parse.reason else None,
    )


def rule_comments(plan: ColumnPlan) -> list[str]:
    """One line for the compiled SQL: the rules applied, the output type, any issue."""
    line = f"{plan.name}: {', '.join(plan.rules) or 'no cleansing'} -> {plan.sql_type}"
    return [line] + [f"WARNING {issue}" for issue in plan.issues]


def _is_text(sql_type: str | None) -> bool:
    base = (sql_type or "").upper().split("(")[0].strip()
    return base in TEXT_TYPES


def _auto_specs(name: str, semantic: str | None) -> list[tuple[str, dict]]:
    specs: list[tuple[str, dict]] = [(r, {}) for r in PREPARE_RULES]
    if semantic is not None and semantic not in AUTO_RULES:
        raise ConfigError(
            f"column {name}: unknown semantic type {semantic!r}",
            column=name,
            hint=did_you_mean(semantic, AUTO_RULES).strip() or None,
        )
    rule = AUTO_RULES.get(semantic or "")
    return specs + ([(rule, {})] if rule else [])


def _parse_spec(column: str, spec: RuleSpec) -> tuple[str, dict]:
    """'date' | {'date': {'day_first': True}} | {'name': 'date', 'day_first': True}."""
    if isinstance(spec, str):
        rule, options = spec, {}
    elif isinstance(spec, dict) and "name" in spec:
        rule, options = str(spec["name"]), {k: v for k, v in spec.items() if k != "name"}
    elif isinstance(spec, dict) and len(spec) == 1:
        rule, options = next(iter(spec.items()))
        options = dict(options or {})
    else:
        raise ConfigError(
            f"column {column}: cannot read cleanse rule {spec!r}",
            column=column,
            hint="write a rule name or {rule: {option: value}}",
        )
    if rule not in VALUE_RULES and rule not in PREPARE_RULES:
        raise ConfigError(
            f"column {column}: unknown cleanse rule {rule!r}",
            column=column,
            hint=did_you_mean(rule, [*VALUE_RULES, *PREPARE_RULES]).strip() or None,
        )
    return rule, options


def _null_tokens(options: dict | None) -> tuple[str, ...]:
    """The default tokens, replaced by `tokens:` or extended by `extra:`."""
    if not options:
        return text.NULL_TOKENS
    tokens = tuple(str(t).lower() for t in options.get("tokens", text.NULL_TOKENS))
    return tokens + tuple(str(t).lower() for t in options.get("extra", ()))
