"""Rewrites a target dialect needs beyond sqlglot's transpilation (dialect gaps).

Nested values: DuckDB and Spark read a struct field as `o.shipping.city`; Postgres loads nested
JSON as `jsonb`, where the same read is `o.shipping #>> '{city}'`. In a qualified model every
plain column is `alias.column`, so a reference with more parts is a field path.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlglot import exp


def json_field_access(tree: exp.Expression) -> exp.Expression:
    """`alias.column.field[.field]` -> `alias.column #>> '{field,...}'` (Postgres jsonb)."""

    def rewrite(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Column) and node.args.get("db"):
            parts = [p.name for p in node.parts]  # re-parsed text: alias.column.field
        elif isinstance(node, exp.Dot) and not isinstance(node.parent, exp.Dot) and \
                isinstance(_root(node), exp.Column):
            parts = [p.name for p in _root(node).parts] + _fields(node)  # a qualified tree
        else:
            return node
        alias, column, path = parts[0], parts[1], parts[2:]
        base = exp.column(column, table=alias, quoted=True)
        # `#>> '{a,b}'`: works on json and jsonb alike
        return exp.JSONBExtractScalar(this=base,
                                      expression=exp.Literal.string("{" + ",".join(path) + "}"))

    return tree.transform(rewrite, copy=False)


def _root(dot: exp.Expression) -> exp.Expression:
    while isinstance(dot, exp.Dot):
        dot = dot.this
    return dot


def _fields(dot: exp.Expression) -> list[str]:
    names: list[str] = []
    while isinstance(dot, exp.Dot):
        names.insert(0, dot.expression.name)
        dot = dot.this
    return names


def fence_cleansing_stages(tree: exp.Expression) -> exp.Expression:
    """Postgres inlines the generated cleansing stages into each other (a date column's SQL
    grows to hundreds of kB and takes seconds to plan); `OFFSET 0` keeps each stage apart."""
    from datanet_sql.generate import fence_stages

    return fence_stages(tree)


def global_regexp_replace(tree: exp.Expression) -> exp.Expression:
    """REGEXP_REPLACE(x, p, r, 'g'): BigQuery always replaces every match and has no flags."""
    for node in tree.find_all(exp.RegexpReplace):
        modifiers = node.args.get("modifiers")
        if isinstance(modifiers, exp.Literal) and modifiers.name == "g":
            node.set("modifiers", None)
    return tree


FIXUPS: dict[str, tuple[Callable[[exp.Expression], exp.Expression], ...]] = {
    "postgres": (json_field_access, fence_cleansing_stages),
    "bigquery": (global_regexp_replace,),
}


def fix_for(dialect: str, tree: exp.Expression) -> exp.Expression:
    for fixup in FIXUPS.get(dialect, ()):
        tree = fixup(tree)
    return tree
