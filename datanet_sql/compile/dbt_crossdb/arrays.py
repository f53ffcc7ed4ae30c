"""dbt's array macros: array_construct, array_append, array_concat."""

from __future__ import annotations

from collections.abc import Sequence

from sqlglot import exp

from datanet_sql.compile.dbt_crossdb import fragments
from datanet_sql.compile.dbt_crossdb.fragments import render, sql

# engines without ARRAY_APPEND: append as the concatenation with a one-element array (as dbt)
_APPEND_BY_CONCAT = {"bigquery", "redshift", "trino"}
_UNTYPED_ARRAYS = {"snowflake", "redshift"}  # their arrays hold any type: `[]` needs no cast


def _array(dialect: str, inputs: Sequence[object], element_type: object) -> exp.Expression:
    if inputs or dialect in _UNTYPED_ARRAYS:
        return exp.Array(expressions=[sql(item, dialect, "array_construct") for item in inputs])
    element = fragments.data_type(element_type, dialect, "array_construct")
    return exp.cast(exp.Array(expressions=[]),
                    exp.DataType(this=exp.DataType.Type.ARRAY, expressions=[element], nested=True))


def array_construct(dialect: str, inputs: Sequence[object] = (),
                    data_type: object = "integer") -> str:
    """An array of the inputs; an empty one is typed (`CAST([] AS INT[])`) where arrays are."""
    return render(_array(dialect, list(inputs), data_type), dialect, "array_construct")


def array_append(dialect: str, array: object, new_element: object) -> str:
    base, element = sql(array, dialect, "array_append"), sql(new_element, dialect, "array_append")
    if dialect in _APPEND_BY_CONCAT:
        tree: exp.Expression = exp.ArrayConcat(this=base, expressions=[exp.Array(expressions=[element])])
    else:
        tree = exp.ArrayAppend(this=base, expression=element)
    return render(tree, dialect, "array_append")


def array_concat(dialect: str, array_1: object, array_2: object) -> str:
    tree = exp.ArrayConcat(this=sql(array_1, dialect, "array_concat"),
                           expressions=[sql(array_2, dialect, "array_concat")])
    return render(tree, dialect, "array_concat")
