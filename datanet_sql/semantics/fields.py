"""Fields inside STRUCT and JSON columns: their semantic types, and how models read them.

A postal code inside an `address` document is as personal as a top-level one, so each leaf key
path of a nested source column is sampled and inferred like a column of its own (named
`address.postal_code`), and a model column that reads the path (`address.postal_code`,
`address['postal_code']`, `json_extract_string(address, '$.postal_code')`) inherits what the
field is. A field read is handed to lookups as a Column named by the dotted path, which
`Node.column` resolves to the field.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlglot import exp

from datanet_sql.semantics.classifier import SemanticModel
from datanet_sql.semantics.features import sql_family
from datanet_sql.semantics.infer import Inference, infer_columns
from datanet_sql.semantics.sample import distinct_ratios, sample_relation
from datanet_sql.semantics.vocabulary import SemanticType

FIELD_READS = (exp.Dot, exp.JSONExtract, exp.JSONExtractScalar, exp.Bracket)


def is_nested_document(sql_type: str | None) -> bool:
    """A STRUCT or JSON column: one whose key paths are inferred one by one."""
    from datanet_sql.heal.types import family

    return family(sql_type or "") in ("struct", "json")


def field_read(expr: exp.Expression) -> tuple[exp.Column, str] | None:
    """(column, dotted key path) when `expr` reads a key path out of a column, else None."""
    parts: list[str] = []
    current = expr
    while not isinstance(current, exp.Column):
        keys = _keys(current)
        if keys is None or not isinstance(current.this, exp.Expression):
            return None
        parts = keys + parts
        current = current.this
    return (current, ".".join(parts)) if parts else None


def _keys(node: exp.Expression) -> list[str] | None:
    """The keys one step of a field read adds: `.key`, `['key']` or a JSON path `$.a.b`."""
    if isinstance(node, exp.Dot) and isinstance(node.expression, exp.Identifier):
        return [node.expression.name]
    if isinstance(node, exp.Bracket) and len(node.expressions) == 1 and \
            isinstance(node.expressions[0], exp.Literal) and node.expressions[0].is_string:
        return [node.expressions[0].name]
    if isinstance(node, (exp.JSONExtract, exp.JSONExtractScalar)) and \
            isinstance(node.expression, exp.JSONPath):
        steps = [p for p in node.expression.expressions if not isinstance(p, exp.JSONPathRoot)]
        if steps and all(isinstance(p, exp.JSONPathKey) and isinstance(p.this, str)
                         for p in steps):
            return [p.this for p in steps]
    return None


def field_column(expr: exp.Expression, path: str) -> exp.Column | None:
    """The Column standing for key `path` read from what `expr` is (a column, or a field read
    of one): `address` + `postal_code` -> Column `address.postal_code` of the same table."""
    if isinstance(expr, exp.Alias):
        expr = expr.this
    read = field_read(expr)
    column, prefix = read if read else (expr, "")
    if not isinstance(column, exp.Column):
        return None
    name = ".".join(p for p in (column.name, prefix, path) if p)
    table = column.args.get("table")
    return exp.Column(this=exp.to_identifier(name), table=table.copy() if table else None)


def as_field_column(expr: exp.Expression) -> exp.Column | None:
    """A field read as the Column naming its path (None for anything else)."""
    read = field_read(expr)
    return field_column(read[0], read[1]) if read else None


def infer_fields(adapter: Any, relation: exp.Expression, columns: Sequence[tuple[str, str]], *,
                 n: int, custom: Sequence[SemanticType] = (),
                 model: SemanticModel | None = None) -> dict[str, dict[str, tuple[str, Inference]]]:
    """{column: {path: (leaf type, Inference)}} for the STRUCT and JSON columns of a relation,
    from one sample of all their leaf paths (each named by its path, so `postal_code` and
    `geo.lat` keep the name hints a top-level column would give)."""
    from datanet_sql.heal.fingerprint import json_value, key_paths

    reads: list[tuple[str, str, str, exp.Expression]] = []
    for name, sql_type in columns:
        if is_nested_document(sql_type):
            column = exp.column(name, quoted=True)
            reads += [(name, path, leaf, json_value(column, path, sql_type))
                      for path, leaf in key_paths(adapter, relation, name, sql_type)
                      if sql_family(leaf) != "nested" and leaf != "ARRAY"]
    if not reads:
        return {}
    aliases = [f"__dn_f{i}" for i in range(len(reads))]
    query = exp.select(*(read.as_(alias) for (*_, read), alias in zip(reads, aliases))) \
        .from_(relation.copy())
    sample = sample_relation(adapter, query, aliases, n)
    ratios = distinct_ratios(adapter, query, aliases)
    batch = [(path.replace(".", "_"), _leaf_type(leaf), sample[alias], ratios.get(alias))
             for (_, path, leaf, _), alias in zip(reads, aliases)]
    found: dict[str, dict[str, tuple[str, Inference]]] = {}
    for (name, path, leaf, _), inference in zip(reads, infer_columns(batch, custom=custom,
                                                                     model=model)):
        found.setdefault(name, {})[path] = (_leaf_type(leaf), inference)
    return found


def _leaf_type(leaf: str) -> str:
    """A JSON leaf is read as text (`->>`); json_group_structure names JSON's own types."""
    return "VARCHAR" if leaf.upper() in ("JSON", "NULL") else leaf
