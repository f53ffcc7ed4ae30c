"""SQL for a whole model: the cleansed SELECT and the rejects SELECT, built from column plans.

Each stage of the column pipelines becomes one subquery (`_stage0`, `_stage1`, ...), so every
helper value is computed once and the compiled SQL reads top-down as the steps of cleansing.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlglot import exp

from datanet_sql.generate.cleanse import rule_comments
from datanet_sql.generate.plan import ColumnPlan, Stage, helper
from datanet_sql.generate.sqlfn import and_, cast, col, is_null, lit, not_null

REJECT_COLUMNS = ("model", "key", "column_name", "raw_value", "rule", "reason")


def cleanse_query(
    source: exp.Expression, plans: dict[str, ColumnPlan], passthrough: list[str]
) -> exp.Select:
    """SELECT passthrough columns and every plan's outputs (with rule comments) from `source`."""
    staged = _staged(source, list(plans.values()), list(passthrough), extra={})
    projections: list[exp.Expression] = [col(c) for c in passthrough]
    for plan in plans.values():
        for index, (name, expression) in enumerate(plan.final):
            aliased = exp.alias_(expression.copy(), name, quoted=_needs_quotes(name))
            if index == 0:
                aliased.add_comments(rule_comments(plan))
            projections.append(aliased)
    return exp.select(*projections).from_(staged)


def rejects_query(
    source: exp.Expression,
    plans: dict[str, ColumnPlan],
    key_columns: Sequence[str],
    model_name: str,
) -> exp.Select:
    """Rows (model, key, column_name, raw_value, rule, reason): one per value a rule could not
    convert (the raw value held something, the cleansed one is NULL)."""
    checked = [p for p in plans.values() if p.reject_rule]
    if not checked:
        return _empty_rejects()
    extra = {p.name: {helper(p.name, "raw"): cast(col(p.name), "VARCHAR")} for p in checked}
    staged = _staged(source, checked, ["__key"], extra=extra, key=_key(key_columns))
    cte_columns: list[exp.Expression] = [col("__key")]
    for plan in checked:
        cte_columns += [
            col(helper(plan.name, "raw")),
            exp.alias_(plan.final[0][1].copy(), helper(plan.name, "clean")),
            col(helper(plan.name, "prepared")),
        ]
    cleansed = exp.select(*cte_columns).from_(staged)
    branches = [_reject_branch(plan, model_name) for plan in checked]
    union: exp.Query = branches[0]
    for branch in branches[1:]:
        union = exp.union(union, branch, distinct=False)
    return (
        exp.select(*REJECT_COLUMNS)
        .from_(union.subquery("_rejects"))
        .with_("_cleansed", as_=cleansed)
    )


def fence_stages(query: exp.Expression) -> exp.Expression:
    """Add `OFFSET 0` to every stage subquery: for Postgres targets only.

    Postgres pulls simple subqueries up into their parent, substituting each helper's
    expression at every use, so a date column's SQL grows to ~700 kB and takes seconds to plan
    even on four rows. `OFFSET 0` is its documented fence against that (measured: 6 s -> 0.1 s).
    DuckDB and Spark keep the stages as they are, and Spark would treat OFFSET as a global limit.
    """
    fenced = query.copy()
    for subquery in fenced.find_all(exp.Subquery):
        if subquery.alias.startswith("_stage") and isinstance(subquery.this, exp.Select):
            subquery.this.set("offset", exp.Offset(expression=exp.Literal.number(0)))
    return fenced


def _reject_branch(plan: ColumnPlan, model_name: str) -> exp.Select:
    condition = and_(
        not_null(col(helper(plan.name, "prepared"))), is_null(col(helper(plan.name, "clean")))
    )
    return (
        exp.select(
            exp.alias_(lit(model_name), "model"),
            exp.alias_(col("__key"), "key"),
            exp.alias_(lit(plan.name), "column_name"),
            exp.alias_(col(helper(plan.name, "raw")), "raw_value"),
            exp.alias_(lit(plan.reject_rule), "rule"),
            exp.alias_(lit(plan.reason), "reason"),
        )
        .from_("_cleansed")
        .where(condition)
    )


def _empty_rejects() -> exp.Select:
    """A rejects query with the right columns and no rows (no column can reject)."""
    nothing = cast(exp.null(), "VARCHAR")
    return exp.select(*[exp.alias_(nothing.copy(), c) for c in REJECT_COLUMNS]).where(exp.false())


def _key(key_columns: Sequence[str]) -> exp.Expression:
    """The key columns as one text value ('a|b'); NULL when the model declares no key."""
    if not key_columns:
        return cast(exp.null(), "VARCHAR")
    parts = [exp.Coalesce(this=cast(col(k), "VARCHAR"), expressions=[lit("")]) for k in key_columns]
    if len(parts) == 1:
        return cast(col(key_columns[0]), "VARCHAR")
    joined: exp.Expression = parts[0]
    for part in parts[1:]:
        joined = exp.DPipe(this=exp.DPipe(this=joined, expression=lit("|")), expression=part)
    return joined


def _staged(
    source: exp.Expression,
    plans: list[ColumnPlan],
    carry: list[str],
    extra: dict[str, Stage],
    key: exp.Expression | None = None,
) -> exp.Expression:
    """Nest one subquery per stage; each re-selects carried columns and live helpers."""
    current = _from_item(source)
    live: dict[str, dict[str, exp.Expression]] = {p.name: {p.name: col(p.name)} for p in plans}
    depth = max([len(p.stages) for p in plans] + [1])
    for index in range(depth):
        projections: list[exp.Expression] = []
        for name in carry:
            value = key if (index == 0 and key is not None and name == "__key") else col(name)
            projections.append(_project(value, name))
        for plan in plans:
            stage = dict(plan.stages[index]) if index < len(plan.stages) else {}
            if index == 0:
                stage.update(extra.get(plan.name, {}))
                if extra.get(plan.name) is not None and plan.stages:
                    stage[helper(plan.name, "prepared")] = plan.stages[0][plan.name].copy()
            live[plan.name] = {n: col(n) for n in live[plan.name]} | stage
            projections += [_project(e, n) for n, e in live[plan.name].items()]
        current = exp.select(*projections).from_(current).subquery(f"_stage{index}")
    return current


def _from_item(source: exp.Expression) -> exp.Expression:
    if isinstance(source, exp.Query):
        return source.subquery("_source")
    return source.copy()


def _project(value: exp.Expression, name: str) -> exp.Expression:
    """`value AS name`, or just the column when it already has that name."""
    if isinstance(value, exp.Column) and value.name == name and not value.table:
        return value.copy()
    return exp.alias_(value.copy(), name, quoted=_needs_quotes(name))


def _needs_quotes(name: str) -> bool:
    return not name.isidentifier() or not name.islower()
