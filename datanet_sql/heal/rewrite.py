"""Apply a healing plan to a model's expression: AST rewrites with sqlglot, never string edits.

Three passes over a copy of the tree, each re-reading the source references so later passes
see earlier rewrites: expand `*` over drifted sources to the contract's columns, follow moved
JSON keys, then rename/convert column references. Every projection whose expression changes
is aliased to its original output name, so downstream models see the same columns.
"""

from __future__ import annotations

from collections import defaultdict

from sqlglot import exp
from sqlglot.optimizer.scope import Scope

from datanet_sql.heal.decide import Fix
from datanet_sql.heal.plan import HealingPlan
from datanet_sql.heal.probes import safe_convert, safe_strptime, token_null
from datanet_sql.heal.refs import ColumnRef, Key, StarRef, find_refs


def star_expandable(star: StarRef) -> bool:
    """Whether every relation under the star has known columns (a source or a plain subquery)."""
    for alias, key in star.sources:
        if key is not None:
            continue
        inner = star.scope.sources.get(alias)
        if not isinstance(inner, Scope) or inner.expression.is_star:
            return False
    return True


def apply_healing(expression: exp.Expression, plan: HealingPlan,
                  dialect: str = "duckdb", target: str = "duckdb") -> exp.Expression:
    """The model's expression rewritten by the plan's heals (a copy; the input is untouched).

    Raises the first refusal as a DatanetError when the plan refused the model; returns the
    expression unchanged when there is nothing to rewrite (or the policy is warn). `dialect`
    is the model's, `target` the one it runs in: off DuckDB, conversions that may meet a value
    that does not parse are guarded instead of TRY_CAST (Postgres would raise).
    """
    plan.raise_if_refused()
    tree = expression.copy()
    if not plan.rewrites:
        return tree
    fixes: dict[tuple[Key, str], list[Fix]] = defaultdict(list)
    for heal in plan.heals:
        fixes[((heal.source, heal.table), heal.column)].append(heal.fix)
    _expand_stars(tree, plan, {k for (k, c) in fixes if c == "*"})
    _follow_json(tree, plan, fixes, dialect)
    _widen_casts(tree, plan, fixes)
    _fix_columns(tree, plan, fixes, dialect, target)
    return tree


def _expand_stars(tree: exp.Expression, plan: HealingPlan, keys: set[Key]) -> None:
    if not keys:
        return
    refs = find_refs(tree, plan.reads, plan.contracts)
    for star in refs.stars:
        if not any(k in keys for _, k in star.sources) or not star_expandable(star):
            continue
        qualify = len(star.sources) > 1 or isinstance(star.node, exp.Column)
        columns: list[exp.Expression] = []
        for alias, key in star.sources:
            names = (plan.contracts[key].names if key is not None
                     else star.scope.sources[alias].expression.named_selects)  # type: ignore[union-attr]
            columns += [exp.column(n, table=alias if qualify else None, quoted=True) for n in names]
        projections = []
        for proj in star.select.expressions:
            projections += columns if proj is star.node else [proj]
        star.select.set("expressions", projections)


def _projection(node: exp.Expression) -> exp.Expression | None:
    """The top-level projection of a SELECT that contains `node`, if any."""
    current = node
    while current.parent is not None:
        if isinstance(current.parent, exp.Select) and current.arg_key == "expressions":
            return current
        current = current.parent
    return None


def _keep_name(node: exp.Expression, dialect: str) -> None:
    """Alias the projection containing `node` to its current output name, before a rewrite."""
    proj = _projection(node)
    if proj is None or isinstance(proj, exp.Alias):
        return
    quoted = isinstance(proj, exp.Column) and proj.this.quoted
    name = proj.output_name or proj.sql(dialect=dialect)
    alias = exp.Alias(alias=exp.to_identifier(name, quoted=quoted or None))
    proj.replace(alias)
    alias.set("this", proj)


def _follow_json(tree: exp.Expression, plan: HealingPlan,
                 fixes: dict[tuple[Key, str], list[Fix]], dialect: str) -> None:
    refs = find_refs(tree, plan.reads, plan.contracts)
    for ref in refs.columns:
        moves = [f for f in fixes.get((ref.key, ref.column), []) if f.action == "json_path"
                 and f.path == ref.json_path]
        if not moves or ref.json_node is None:
            continue
        _keep_name(ref.json_node, dialect)
        path = exp.JSONPath(expressions=[exp.JSONPathRoot()] + [
            exp.JSONPathKey(this=p) for p in (moves[0].new_path or "").split(".")])
        new = type(ref.json_node)(this=ref.node.copy(), expression=path)
        for arg in ("only_json_types", "scalar_only"):
            if ref.json_node.args.get(arg) is not None:
                new.set(arg, ref.json_node.args[arg])
        ref.json_node.replace(new)


def _widen_casts(tree: exp.Expression, plan: HealingPlan,
                 fixes: dict[tuple[Key, str], list[Fix]]) -> None:
    """The model's CAST of a source column to an integer that live values outgrew."""
    for ref in find_refs(tree, plan.reads, plan.contracts).columns:
        widen = [f for f in fixes.get((ref.key, ref.column), []) if f.action == "widen_cast"]
        if widen and isinstance(ref.node.parent, exp.Cast) and ref.node.arg_key == "this":
            ref.node.parent.set("to", exp.DataType.build(widen[0].to_type or "BIGINT"))


def _converted(ref: ColumnRef, fixes: list[Fix], target: str = "duckdb") -> exp.Expression:
    """The replacement of one column reference: renamed, then cast or parsed back."""
    column = ref.node.copy()
    for fix in fixes:
        if fix.action == "rename" and fix.live_name:
            column.set("this", exp.to_identifier(fix.live_name, quoted=True))
        if fix.action == "qualify" and ref.alias and not column.table:
            column.set("table", exp.to_identifier(ref.alias))
    value: exp.Expression = column
    for fix in fixes:
        to_type = exp.DataType.build(fix.to_type or "TEXT", dialect="duckdb")
        cleaned = token_null(column) if fix.clean_tokens else column
        if fix.decimal_comma:
            cleaned = exp.func("replace", cleaned, exp.Literal.string(","), exp.Literal.string("."))
        if fix.action in ("cast", "to_text"):
            value = exp.Cast(this=column, to=to_type)
        elif fix.action == "try_cast":
            value = safe_convert(cleaned, to_type, target)
        elif fix.action == "parse_date":
            value = safe_strptime(cleaned, fix.date_format or "", target,
                                  date=to_type.this == exp.DataType.Type.DATE)
            if target != "duckdb" and to_type.this not in (exp.DataType.Type.DATE,
                                                           exp.DataType.Type.TIMESTAMP):
                value = exp.Cast(this=value, to=to_type.copy())  # e.g. TIMESTAMPTZ
    return value


def _fix_columns(tree: exp.Expression, plan: HealingPlan,
                 fixes: dict[tuple[Key, str], list[Fix]], dialect: str,
                 target: str = "duckdb") -> None:
    refs = find_refs(tree, plan.reads, plan.contracts)
    for ref in refs.columns:
        column_fixes = [f for f in fixes.get((ref.key, ref.column), [])
                        if f.action not in ("json_path", "widen_cast")]
        if not column_fixes:
            continue
        _keep_name(ref.node, dialect)
        ref.node.replace(_converted(ref, column_fixes, target))
