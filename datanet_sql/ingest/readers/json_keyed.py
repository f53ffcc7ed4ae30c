"""A JSON file that is one object keyed by row id: pandas' `to_json(orient="index")`
(`{"a1": {"x": 3.1, "type": "a"}, "a2": {...}}`, each value a row) or its default
`orient="columns"` (`{"x": {"a1": 3.1, "a2": 3.0}, "type": {...}}`, each value a column
keyed by row id). DuckDB reads either as one row of nested columns, which is no table.

The shape is one object of two or more values, all objects with the same keys; the file is
then rewritten as its rows (the row id in a column `key`) and read as NDJSON. Which way
round it is: row ids are the side whose keys are all integers (pandas' default index);
else the side whose values keep one kind (a column holds numbers or texts, a row mixes
them). When neither tells, it is refused naming `orient="records"`: a table read the wrong
way round is silently wrong. An object whose values are objects of differing keys (a
config file's sections) is a record, left as it is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from datanet_sql.errors import IngestError

KEY = "key"   # the column the row ids are read into (another name if a field takes it)
_ROW_ID = re.compile(r"-?\d+")


def keyed_rows(path: Path, label: str) -> tuple[list[dict[str, Any]], str] | None:
    """The rows of a file keyed by row id and a note saying how they were read (naming
    `label`, the user's file: `path` may be a copy); None when the file is not one object
    whose values are objects of the same keys."""
    with open(path, encoding="utf-8-sig") as handle:
        try:
            whole = json.load(handle)
        except ValueError:   # NDJSON of one object a line: not one object
            return None
    if not isinstance(whole, dict) or len(whole) < 2 or not all(
            isinstance(v, dict) and v for v in whole.values()):
        return None
    fields = list(next(iter(whole.values())))
    if any(set(v) != set(fields) for v in whole.values()):
        return None
    if _by_columns(whole, fields, label):
        rows = {row: {name: whole[name][row] for name in whole} for row in fields}
        shape = 'an object of columns, each keyed by row id (pandas\' orient="columns")'
    else:
        rows = whole
        shape = 'one object keyed by row id (pandas\' orient="index")'
    key = key_column(n for row in rows.values() for n in row)
    note = f"{Path(label).name}: {shape}: read as {len(rows)} rows, the row id in column {key}"
    return [{key: row_id, **row} for row_id, row in rows.items()], note


def key_column(fields: Iterable[str]) -> str:
    """The name of the column the row ids are read into: `key`, or another if a field
    takes it."""
    names = {n.lower() for n in fields}
    return next(k for k in (KEY, f"{KEY}_id", "_key") if k not in names)


def _by_columns(whole: dict[str, dict[str, Any]], fields: list[str], label: str) -> bool:
    """Whether the outer keys name columns (orient="columns") rather than rows."""
    outer_ids, inner_ids = (all(_ROW_ID.fullmatch(k) for k in keys)
                            for keys in (whole, fields))
    if outer_ids != inner_ids:
        return inner_ids
    mixed_in_outer = any(len(_kinds(v.values())) > 1 for v in whole.values())
    mixed_in_inner = any(len(_kinds(v[f] for v in whole.values())) > 1 for f in fields)
    if mixed_in_outer != mixed_in_inner:
        return mixed_in_inner
    raise IngestError("the file is one object whose values are objects of the same keys (a "
                      "table keyed by row id), but neither its keys nor its values tell "
                      "whether each value is a row or a column", file=label,
                      hint='write it with pandas\' to_json(orient="records") (or NDJSON, '
                           'lines=True), one object a row')


def _kinds(values: Any) -> set[type]:
    """The JSON kinds among `values` (nulls aside; integers and fractions are one kind)."""
    return {float if isinstance(v, int) and not isinstance(v, bool) else type(v)
            for v in values if v is not None}
