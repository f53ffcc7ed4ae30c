"""dbt's type macros (`type_string()`...) and casts.

A type macro names the engine's type for one of dbt's portable types, written by sqlglot in the
target's spelling (`TEXT` on DuckDB and Postgres, `STRING` on BigQuery and Spark, `INT64`...).
`safe_cast` gives NULL for a value that does not convert where the engine has a cast that can
(TRY_CAST, SAFE_CAST); on Postgres and Redshift it is a plain cast, as in dbt.
"""

from __future__ import annotations

from sqlglot import exp

from datanet_sql.compile.dbt_crossdb.fragments import data_type, render, sql

# dbt's portable type -> the type name dbt's adapters return, read in the target's dialect
PORTABLE_TYPES = {"string": "text", "timestamp": "timestamp", "int": "int", "bigint": "bigint",
                  "float": "float", "numeric": "numeric(28,6)", "boolean": "boolean"}
_NUMERIC_AS_IS = {"bigquery": "numeric"}
_TRY_CAST = {"duckdb", "snowflake", "bigquery", "trino", "spark"}


def type_name(dialect: str, portable: str) -> str:
    name = _NUMERIC_AS_IS.get(dialect, PORTABLE_TYPES[portable]) if portable == "numeric" \
        else PORTABLE_TYPES[portable]
    return render(exp.DataType.build(name, dialect=dialect), dialect, f"type_{portable}")


def cast(dialect: str, field: object, type: object) -> str:
    tree = exp.Cast(this=sql(field, dialect, "cast"), to=data_type(type, dialect, "cast"))
    return render(tree, dialect, "cast")


def safe_cast(dialect: str, field: object, type: object) -> str:
    """A cast that yields NULL for a value that does not convert, where the engine has one."""
    if dialect not in _TRY_CAST:
        return cast(dialect, field, type)
    if dialect == "snowflake" and isinstance(field, (int, float)):
        field = exp.Literal.string(str(field)).sql(dialect=dialect)  # TRY_CAST takes text only
    value = sql(field, dialect, "safe_cast")
    to = data_type(type, dialect, "safe_cast")
    # safe=True: Spark gets TRY_CAST too (its CAST fails on bad values once ANSI mode is on)
    tree = exp.TryCast(this=value, to=to, safe=True, requires_string=True)
    return render(tree, dialect, "safe_cast")
