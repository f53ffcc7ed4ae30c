"""Rewrites a target dialect needs beyond sqlglot's transpilation (dialect gaps).

Nested values: DuckDB and Spark read a struct field as `o.shipping.city`; Postgres loads nested
JSON as `jsonb`, where the same read is `o.shipping #>> '{city}'`. In a qualified model every
plain column is `alias.column`, so a reference with more parts is a field path.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from sqlglot import exp
from sqlglot.dialects.dialect import Dialect, NormalizationStrategy

# printing these pops parts out of the tree (sqlglot's groupconcat_sql takes the ORDER BY out
# of `LISTAGG(x, ', ' ORDER BY x)`; DuckDB's withingroup_sql moves the ordered column into
# `PERCENTILE_CONT(0.75) WITHIN GROUP (ORDER BY x)` in place of the fraction, and the ORDER BY
# into ARRAY_AGG): a tree printed once without a copy prints wrong SQL the next time
# (`LISTAGG( ORDER BY x, ...)`, `QUANTILE_CONT(x, x ORDER BY x)`), as emit prints it again
_MUTATED_BY_PRINTING: tuple[type[exp.Expression], ...] = (exp.GroupConcat, exp.WithinGroup)


def printed(tree: exp.Expression, dialect: str) -> str:
    """The tree as SQL of `dialect`, leaving it printable again: without a defensive copy
    (it costs more than the printing) unless it holds a node the printer changes."""
    return tree.sql(dialect=dialect, copy=tree.find(*_MUTATED_BY_PRINTING) is not None)


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


def parameterised_decimals(tree: exp.Expression) -> exp.Expression:
    """CAST(x AS DECIMAL(12, 2)) keeps its precision and scale on BigQuery (`NUMERIC(12, 2)`,
    `BIGNUMERIC(40, 2)` beyond NUMERIC's 29 integer or 9 fractional digits): sqlglot drops them,
    and a bare NUMERIC keeps 9 decimals where the model asked for 2, so totals would differ from
    the same model on DuckDB."""
    for cast in tree.find_all(exp.Cast):
        to = cast.args.get("to")
        if not isinstance(to, exp.DataType) or not to.is_type(exp.DType.DECIMAL) \
                or not to.expressions:
            continue
        params = [param.this for param in to.expressions]
        if not all(isinstance(p, exp.Literal) and p.is_int for p in params):
            continue
        precision, scale = int(params[0].name), int(params[1].name) if len(params) > 1 else 0
        name = "BIGNUMERIC" if precision - scale > 29 or scale > 9 else "NUMERIC"
        text = f"{name}({precision}, {scale})"
        to.replace(exp.DataType(this=exp.DType.USERDEFINED, kind=text))
    return tree


def fold_case_like_the_engine(tree: exp.Expression) -> exp.Expression:
    """Snowflake (and Oracle) store unquoted names in upper case, and a quoted lower-case name
    is another object: `"analytics"."orders"` would miss the ANALYTICS.ORDERS that every
    unquoted CREATE made. Names datanet folded to lower case are written as the engine folds
    them: bare when that is safe, else upper case in quotes; a name with upper-case letters was
    quoted on purpose and stays as it is."""
    for identifier in tree.find_all(exp.Identifier):
        name = identifier.this
        if not identifier.quoted or not isinstance(name, str) or name != name.lower():
            continue
        if _SAFE_BARE.match(name) and name.upper() not in _keywords():
            identifier.set("quoted", False)
        else:
            identifier.set("this", name.upper())
    return tree


_SAFE_BARE = re.compile(r"^[a-z_][a-z0-9_$]*$")


@functools.cache
def _keywords() -> frozenset[str]:
    """Every word that starts one of the engine's keywords (ORDER of ORDER BY): quoted to be
    safe. Read on first use: loading sqlglot's Snowflake dialect cost every compile and run
    for any engine a few thousandths of a second."""
    return frozenset(word.split()[0] for word in
                     Dialect.get_or_raise("snowflake").tokenizer_class.KEYWORDS)

FIXUPS: dict[str, tuple[Callable[[exp.Expression], exp.Expression], ...]] = {
    "postgres": (json_field_access, fence_cleansing_stages),
    "bigquery": (global_regexp_replace, parameterised_decimals),
}


def fix_for(dialect: str, tree: exp.Expression) -> exp.Expression:
    for fixup in FIXUPS.get(dialect, ()):
        tree = fixup(tree)
    if Dialect.get_or_raise(dialect).NORMALIZATION_STRATEGY is NormalizationStrategy.UPPERCASE:
        tree = fold_case_like_the_engine(tree)
    return tree
