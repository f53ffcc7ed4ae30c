"""Model contracts (dbt's `contract: {enforced: true}`): the columns and types a model promises.

A contracted model's YAML lists every column it returns with its `data_type`; the compile
checks the model's typed output against that list (datanet types every column already, so
no query is needed, unlike dbt's empty-result probe) and refuses a missing, extra or
differently typed column, naming model and column. The table is then built from the declared
types (see `run/constraints.py`).
"""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from datanet_sql.errors import ConfigError, TypeClashError
from datanet_sql.project.nodes import Node

# the constraints datanet writes into the CREATE TABLE of a contracted model, per engine
# (as dbt-duckdb and dbt-postgres do), and those it enforces: a foreign key is checked when
# the table is built instead of written into it (see compile/foreign_keys.py)
CREATED: dict[str, frozenset[str]] = {
    "duckdb": frozenset({"not_null", "unique", "primary_key", "check"}),
    "postgres": frozenset({"not_null", "unique", "primary_key", "check"}),
}
ENFORCED = {dialect: kinds | {"foreign_key"} for dialect, kinds in CREATED.items()}


def contract_enforced(node: Node) -> bool:
    contract = node.config.get("contract")
    return isinstance(contract, dict) and bool(contract.get("enforced"))


def declared_types(node: Node, dialect: str) -> dict[str, exp.DataType]:
    """The contract's columns with their types, in the YAML's order."""
    declared: dict[str, exp.DataType] = {}
    where: dict[str, Any] = {"file": node.spec_path or node.path, "line": node.spec_line,
                             "model": node.name}
    for column in node.column_specs:
        text = column.data_type or column.type
        if not text:
            raise ConfigError(f"model '{node.name}' has an enforced contract but column "
                              f"'{column.name}' has no data_type", column=column.name,
                              hint="give every column of a contracted model a data_type",
                              **where)
        try:
            declared[column.name] = exp.DataType.build(str(text), dialect=dialect)
        except Exception:  # noqa: BLE001 - sqlglot raises several kinds for a bad type
            raise ConfigError(f"model '{node.name}': column '{column.name}' has data_type "
                              f"{text!r}, which is not a type", column=column.name,
                              **where) from None
    if not declared:
        raise ConfigError(f"model '{node.name}' has an enforced contract but lists no columns",
                          hint="list its columns with their data_type in the model's YAML",
                          **where)
    return declared


def check_contract(node: Node, dialect: str) -> None:
    """The model's output against its contract: same names, compatible types."""
    declared = declared_types(node, dialect)
    where: dict[str, Any] = {"file": node.spec_path or node.path, "line": node.spec_line,
                             "model": node.name}
    produced = {name.casefold(): column for name, column in node.columns.items()}
    missing = [name for name in declared if name.casefold() not in produced]
    if missing:
        raise TypeClashError(f"model '{node.name}' breaks its contract: column '{missing[0]}' "
                             f"is declared but the model does not return it",
                             column=missing[0], hint="return the column, or remove it from "
                                                     "the model's YAML", **where)
    extra = [c for c in node.columns if c.casefold() not in {n.casefold() for n in declared}]
    if extra:
        raise TypeClashError(f"model '{node.name}' breaks its contract: it returns column "
                             f"'{extra[0]}', which the contract does not declare",
                             column=extra[0], hint="declare it in the model's YAML with its "
                                                   "data_type, or drop it from the SELECT",
                             **where)
    for name, wanted in declared.items():
        found = produced[name.casefold()].type
        if found and not _compatible(wanted, exp.DataType.build(found, dialect=dialect)):
            raise TypeClashError(f"model '{node.name}' breaks its contract: column '{name}' "
                                 f"is {found}, the contract says {wanted.sql(dialect)}",
                                 column=name, hint="cast the column in the SELECT, or fix "
                                                   "its data_type", **where)


_DATES = {exp.DataType.Type.DATE, exp.DataType.Type.DATE32}
_FAMILIES = (exp.DataType.INTEGER_TYPES, exp.DataType.REAL_TYPES, exp.DataType.TEXT_TYPES,
             _DATES, exp.DataType.TEMPORAL_TYPES - _DATES)


def unenforced_warnings(node: Node, dialect: str) -> list[str]:
    """One warning per constraint the engine will not enforce (dbt's `warn_unenforced`),
    and for constraints that only a table can hold."""
    where = f"{node.spec_path or node.path}:{node.spec_line or node.line}: model '{node.name}'"
    written = [(None, c) for c in node.spec.constraints] + \
        [(col.name, c) for col in node.column_specs for c in col.constraints]
    if written and not contract_enforced(node):
        return [f"{where}: constraints take effect only with `contract: {{enforced: true}}`"]
    table = node.materialized in ("table", "incremental")
    enforced = ENFORCED.get(dialect, frozenset()) if table else frozenset()
    why = f"on {dialect}" if table else f"on a {node.materialized}"
    # dbt's two switches: `warn_unenforced` where the engine has constraints but not this
    # one, `warn_unsupported` where it has none (a view, Spark)
    supported = bool(enforced)
    return [f"{where}: {c.type} constraint{f' on {column}' if column else ''} is not "
            f"enforced {why}" for column, c in written if c.type not in enforced and
            (c.warn_unenforced if supported else c.warn_unsupported)]


def _compatible(wanted: exp.DataType, found: exp.DataType) -> bool:
    """One type family (integers; numbers, which integers widen to; text; dates; timestamps):
    the insert into the declared table casts within a family without losing anything."""
    if wanted.this == found.this or found.this == exp.DataType.Type.UNKNOWN:
        return True
    if wanted.this in exp.DataType.REAL_TYPES and found.this in exp.DataType.INTEGER_TYPES:
        return True
    return any(wanted.this in family and found.this in family for family in _FAMILIES)
