"""Tables of contracted models: created with their declared columns and constraints, then
filled, so the engine itself refuses a row that breaks a constraint.

Like every table build, the new table is made under a temporary name and swapped in inside
one transaction: a duplicate primary key fails the insert, and a row whose foreign key has no
parent row fails the check run before the swap, leaving the previous table as it was. Primary
keys and unique constraints are written without their `name:` (each is an index
on Postgres, and the old table's index would still hold the name during the swap).
"""

from __future__ import annotations

from typing import Any

import sqlglot
from sqlglot import exp

from datanet_sql.adapters.base import Adapter
from datanet_sql.compile.contracts import CREATED, ENFORCED, declared_types
from datanet_sql.errors import ConfigError
from datanet_sql.project.nodes import Node
from datanet_sql.run.foreign_keys import check_foreign_keys


def enforces(adapter: Adapter) -> bool:
    """Whether the engine builds contracted tables from a CREATE TABLE with constraints."""
    return adapter.dialect in ENFORCED


def replace_constrained_table(adapter: Adapter, node: Node, query: exp.Expression) -> None:
    assert node.relation is not None
    temp = adapter.temp_relation(node.relation)
    existing = adapter.relation_kind(node.relation)
    names = list(declared_types(node, adapter.dialect))
    select = exp.select(*[exp.column(name, quoted=True) for name in names]).from_(
        exp.Subquery(this=query, alias=exp.TableAlias(this=exp.to_identifier("__dn_contract"))))
    with adapter.atomic():
        adapter.transaction([create_table(node, temp.table(), adapter.dialect),
                             adapter.insert_into(temp, select, names)])
        check_foreign_keys(adapter, node, temp)
        adapter.transaction(adapter.swap_statements(node.relation, temp, existing))


def create_table(node: Node, table: exp.Table, dialect: str) -> exp.Create:
    """CREATE TABLE with the contract's columns and the constraints the engine enforces."""
    enforced = CREATED.get(dialect, frozenset())
    definitions: list[exp.Expression] = []
    specs = {c.name: c for c in node.column_specs}
    model_level = [c for c in node.spec.constraints if c.type in enforced]
    not_null = {name for c in model_level if c.type == "not_null" for name in c.columns}
    for name, kind in declared_types(node, dialect).items():
        constraints = [_column_constraint(node, c, dialect) for c in specs[name].constraints
                       if c.type in enforced]
        if name in not_null:
            constraints.append(exp.ColumnConstraint(kind=exp.NotNullColumnConstraint()))
        definitions.append(exp.ColumnDef(this=exp.to_identifier(name, quoted=True), kind=kind,
                                         constraints=constraints))
    definitions += [_table_constraint(node, c, dialect) for c in model_level
                    if c.type != "not_null"]
    return exp.Create(this=exp.Schema(this=table, expressions=definitions), kind="TABLE")


def _column_constraint(node: Node, spec: Any, dialect: str) -> exp.ColumnConstraint:
    kinds = {"not_null": exp.NotNullColumnConstraint, "unique": exp.UniqueColumnConstraint,
             "primary_key": exp.PrimaryKeyColumnConstraint}
    if spec.type == "check":
        check = exp.CheckColumnConstraint(this=_expression(node, spec, dialect))
        return exp.ColumnConstraint(this=exp.to_identifier(spec.name) if spec.name else None,
                                    kind=check)
    return exp.ColumnConstraint(kind=kinds[spec.type]())


def _table_constraint(node: Node, spec: Any, dialect: str) -> exp.Expression:
    columns = [exp.to_identifier(c, quoted=True) for c in spec.columns]
    if spec.type in ("primary_key", "unique") and not columns:
        raise ConfigError(f"model '{node.name}': a model-level {spec.type} constraint needs "
                          f"`columns:`", file=node.spec_path, line=node.spec_line,
                          model=node.name, hint="list the columns it covers")
    if spec.type == "primary_key":
        return exp.PrimaryKey(expressions=columns)
    if spec.type == "unique":
        return exp.UniqueColumnConstraint(this=exp.Schema(expressions=columns))
    check = exp.CheckColumnConstraint(this=_expression(node, spec, dialect))
    return exp.Constraint(this=exp.to_identifier(spec.name or f"{node.name}_check"),
                          expressions=[check])


def _expression(node: Node, spec: Any, dialect: str) -> exp.Expression:
    """A check constraint's `expression:`, parsed (never pasted) in the target's dialect."""
    try:
        return sqlglot.parse_one(str(spec.expression or ""), read=dialect)
    except sqlglot.errors.ParseError:
        raise ConfigError(f"model '{node.name}': check constraint {spec.expression!r} is not "
                          f"a SQL expression", file=node.spec_path, line=node.spec_line,
                          model=node.name) from None
