"""Declarative YAML models -> a sqlglot SELECT built directly (never by pasting strings).

`columns:` entries rename (`from_column`), compute (`expr`), cast (`type`) or add columns;
every other input column passes through unless `exclude:`d; `where:` filters.
"""

from __future__ import annotations

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError

from datanet_sql.errors import ColumnNotFoundError, SqlSyntaxError, did_you_mean
from datanet_sql.project.nodes import Node


def parse_fragment(sql: str, node: Node, what: str, dialect: str) -> exp.Expression:
    """A SQL expression written inside YAML (expr:, where:), with an error naming it."""
    try:
        return sqlglot.parse_one(sql, read=dialect, into=exp.Condition) if what == "where" \
            else sqlglot.parse_one(sql, read=dialect)
    except ParseError as err:
        first = (err.errors or [{}])[0]
        raise SqlSyntaxError(f"cannot parse {what} `{sql}`: {first.get('description', err)}",
                             file=node.path, line=node.line, model=node.name) from None


def build_select(node: Node, source: exp.Table, inputs: dict[str, str],
                 dialect: str) -> exp.Select:
    """The plain SELECT of a declarative model over its input relation's columns."""
    spec = node.spec
    specs = {c.name: c for c in spec.columns}
    renamed_from = {c.from_column: c.name for c in spec.columns if c.from_column}
    excluded = {name.lower() for name in spec.exclude}
    lowered = {name.lower(): name for name in inputs}
    projections: list[exp.Expression] = []
    emitted: set[str] = set()
    for name in inputs:
        if name.lower() in excluded:
            continue
        out_name = renamed_from.get(name, name)
        if out_name in specs:
            projections.append(_column_expression(specs[out_name], node, lowered, dialect))
            emitted.add(out_name)
        elif name not in renamed_from:
            projections.append(exp.column(name, quoted=True))
    for column in spec.columns:
        if column.name not in emitted:
            projections.append(_column_expression(column, node, lowered, dialect))
    for name in spec.exclude:
        if name.lower() not in lowered:
            raise _missing(node, name, inputs, "exclude")
    query = exp.select(*projections).from_(source)
    if spec.where:
        query = query.where(parse_fragment(spec.where, node, "where", dialect))
    return query


def _column_expression(column: object, node: Node, inputs: dict[str, str],
                       dialect: str) -> exp.Expression:
    spec = column  # ColumnSpec
    if spec.expr:
        value = parse_fragment(spec.expr, node, f"expr of column '{spec.name}'", dialect)
    else:
        source_name = spec.from_column or spec.name
        if source_name.lower() not in inputs:
            raise _missing(node, source_name, list(inputs.values()), "columns")
        value = exp.column(inputs[source_name.lower()], quoted=True)
    target_type = spec.type or spec.data_type
    if target_type:
        value = exp.Cast(this=value, to=exp.DataType.build(target_type, dialect=dialect))
    return exp.alias_(value, spec.name, quoted=True)


def _missing(node: Node, name: str, inputs: object, key: str) -> ColumnNotFoundError:
    available = list(inputs)
    return ColumnNotFoundError(
        f"model '{node.name}' ({key}:) reads column '{name}', which its input "
        f"{node.spec.from_} does not have." + did_you_mean(name, available),
        file=node.path, line=node.line, model=node.name, column=name,
        hint=f"available columns: {', '.join(available)}")
