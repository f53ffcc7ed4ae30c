"""Foreign keys of a contracted model, checked when its table is built: inside the build's
transaction, after the new rows are in and before they replace the old table, so a row whose
key has no parent row fails the model with the error the engine's own constraint gives, and
the previous table stays. A key with a NULL in any of its columns is not checked (SQL's MATCH
SIMPLE, as Postgres and DuckDB do)."""

from __future__ import annotations

from sqlglot import exp

from datanet_sql.adapters.base import Adapter, Relation
from datanet_sql.errors import WarehouseError
from datanet_sql.project.foreign_key import ForeignKey
from datanet_sql.project.nodes import Node

_CHILD, _PARENT = "__dn_child", "__dn_parent"


def check_foreign_keys(adapter: Adapter, node: Node, table: Relation) -> None:
    """Raise on the first row of `table` (the model's new rows) that breaks one of its keys."""
    for key in node.foreign_keys:
        _, found = adapter.fetch(violations(key, table))
        if found:
            raise _violation(node, key, found[0])


def violations(key: ForeignKey, table: Relation) -> exp.Select:
    """SELECT the key of one row with no parent row (none: the key holds)."""
    def child(name: str) -> exp.Column:
        return exp.column(name, table=_CHILD, quoted=True)

    matched = exp.and_(*[exp.column(to, table=_PARENT, quoted=True).eq(child(name))
                         for name, to in zip(key.columns, key.to_columns, strict=True)])
    parent = exp.select("1").from_(_aliased(key.parent_relation, _PARENT)).where(matched)
    present = [exp.not_(child(name).is_(exp.null())) for name in key.columns]
    return exp.select(*[child(name) for name in key.columns]).from_(
        _aliased(table, _CHILD)).where(exp.and_(*present, exp.not_(exp.Exists(
            this=parent)))).limit(1)


def _aliased(relation: Relation, alias: str) -> exp.Table:
    table = relation.table()
    table.set("alias", exp.TableAlias(this=exp.to_identifier(alias)))
    return table


def _violation(node: Node, key: ForeignKey, row: tuple) -> WarehouseError:
    values = ", ".join("NULL" if v is None else str(v) for v in row)
    return WarehouseError(
        f"insert or update on table \"{node.name}\" violates foreign key constraint "
        f"\"{key.name}\": Key ({', '.join(key.columns)})=({values}) is not present in table "
        f"\"{key.parent_relation}\"", column=key.columns[0],
        hint=f"each row's ({', '.join(key.columns)}) must be found in "
             f"({', '.join(key.to_columns)}) of {key.parent_relation}, or hold a NULL; the "
             f"previous table of '{node.name}' is kept")
