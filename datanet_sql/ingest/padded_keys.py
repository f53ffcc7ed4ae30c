"""Merge keys padded with blanks: a delivery exported from a CHAR(n) column (Oracle, DB2,
SQL Server's fixed-width exports) pads each text key with spaces (`accountant          `),
so no key matches the table's and every revised row would be merged in as a new row.

A text key with leading or trailing blanks is taken for padding, not for a key of its own:
the batch's keys are trimmed before its rows are ranked and merged (noted, with how many),
on every engine alike (`trim` drops spaces in DuckDB, Postgres and Spark). The table then
never holds a padded key it merged. A table that already holds one (made before, or by
another tool) cannot be told apart from its trimmed twin: the merge is refused naming the
column, never doubled silently.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from sqlglot import exp

from datanet_sql.adapters.base import Adapter
from datanet_sql.errors import IngestError

if TYPE_CHECKING:
    from datanet_sql.ingest.writes import Target


def padded(column: str, table: str | None = None) -> exp.Condition:
    """The key holds blanks at either end."""
    value = exp.column(column, table, quoted=True)
    return value.neq(exp.Trim(this=value.copy()))


def key_value(target: Target, column: str, table: str | None = None) -> exp.Expression:
    """A key column as the merge compares and writes it: trimmed when the batch pads it."""
    value = exp.column(column, table, quoted=True)
    return exp.Trim(this=value) if column in target.trimmed else value


def trimmed_target(adapter: Adapter, target: Target, rows: exp.Table | exp.Subquery,
                   notes: list[str]) -> Target:
    """`target` with the text key columns of its merge that the batch `rows` pads (see the
    module docstring), noted; unchanged when none is. Refused when the table holds padded
    keys of such a column already."""
    text = _text_keys(adapter, target, rows)
    if not text:
        return target
    counts = exp.select(*[exp.func("sum", exp.If(this=padded(k), true=exp.Literal.number(1),
                                                 false=exp.Literal.number(0))).as_(k)
                          for k in text]).from_(rows.copy())
    found = dict(zip(text, adapter.fetch(counts)[1][0]))
    trimmed = tuple(k for k in text if found[k])
    for key in trimmed:
        _refuse_if_table_padded(adapter, target, key)
        notes.append(f"{target.name}: key column {key}: blanks at either end of {found[key]} "
                     f"value(s) trimmed before merging (padding of a fixed-width CHAR export)")
    return replace(target, trimmed=trimmed) if trimmed else target


def _text_keys(adapter: Adapter, target: Target, rows: exp.Table | exp.Subquery) -> list[str]:
    """The merge's key columns the batch holds as text."""
    if target.mode != "merge" or not target.key:
        return []
    query = exp.select(*[exp.column(k, quoted=True) for k in target.key]).from_(rows.copy())
    described = adapter.describe_query(query.sql(dialect=adapter.dialect))
    return [c.name for c in described if exp.DataType.build(
        c.type, dialect=adapter.dialect).is_type(*exp.DataType.TEXT_TYPES)]


def _refuse_if_table_padded(adapter: Adapter, target: Target, key: str) -> None:
    if adapter.list_columns(target.relation) is None:
        return
    probe = exp.select(exp.Literal.number(1)).from_(target.relation.table()).where(
        padded(key)).limit(1)
    if adapter.fetch(probe)[1]:
        raise IngestError(
            f"source table {target.name}: merge key column {key} is padded with blanks both "
            f"in the new rows and in rows the table already holds, so which spelling is the "
            f"key cannot be told",
            hint=f"trim the table's keys (UPDATE ... SET {key} = TRIM({key})) and load again")
