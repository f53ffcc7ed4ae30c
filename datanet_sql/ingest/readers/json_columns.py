"""A table saved as one JSON object of columns, each a plain list of its values:
R's jsonlite (`toJSON(df, dataframe = "columns")`, `write_json`), a Plotly or Vega data
source, a column store's or an analysis notebook's dump (`{"year": [1990, 1991],
"sales": [12.5, null]}`). DuckDB reads it as one row of list columns, which become child
tables beside a parent row of nothing: no table, and no error to say so. (pandas'
`orient="columns"` keys each column's values by row id and is read by `json_keyed`.)

Taken only when every value of the object is a list of scalars (numbers, strings,
booleans, null), all lists of one length, two values or more (one value a column is a
record's as much as a table's): then it is read as the table those columns make, row i of each list in row i, noted.
Lists of differing lengths are no table (a record with lists: a config, an order's tags),
left as they are.

jsonlite writes a missing number as the string `"NA"` (its default `na = "string"` for
numbers; `NaN` and `Inf` likewise): in a column of numbers otherwise, those strings are
read as NULL, the column named in the note. A column that holds other text keeps it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlglot import exp

from datanet_sql.ingest.readers.json_sql import described

_MISSING = frozenset({"NA", "NaN"})   # jsonlite's strings for R's NA and NaN in numbers
_SCALARS = (str, int, float, bool, type(None))


def one_row_of_lists(con: Any, table: str) -> bool:
    """`table` (the file as DuckDB read it) is one row whose columns are all lists of
    scalars: the shape of a file of column lists, which `column_rows` checks whole."""
    types = described(con, table)
    return bool(types) and all(t.endswith("[]") and not t.startswith(("STRUCT(", "MAP("))
                               and not t.endswith("[][]") for t in types.values()) and \
        con.execute(exp.select(exp.func("count", exp.Star())).from_(table).sql("duckdb")
                    ).fetchall()[0][0] == 1


def column_rows(path: Path, label: str) -> tuple[list[dict[str, Any]], str] | None:
    """The rows of a file of column lists (see the module docstring) and a note saying how
    they were read, naming `label` (`path` may be a copy); None when it is not one."""
    with open(path, encoding="utf-8-sig") as handle:
        try:
            whole = json.load(handle)
        except ValueError:   # NDJSON of several objects: not one object
            return None
    if not isinstance(whole, dict) or not whole or not all(
            isinstance(v, list) and all(isinstance(x, _SCALARS) for x in v)
            for v in whole.values()):
        return None
    lengths = {len(v) for v in whole.values()}
    if len(lengths) != 1 or (rows := lengths.pop()) < 2:
        return None
    columns = {name: _numbers(values) for name, values in whole.items()}
    missing = [name for name, values in columns.items() if values is not whole[name]]
    note = (f"{Path(label).name}: one object of {len(whole)} column lists (R jsonlite's "
            f'dataframe = "columns"): read as {rows} rows, row i of each list in row i')
    if missing:
        note += f"; the strings NA and NaN among numbers read as NULL in {', '.join(missing)}"
    return [{name: values[i] for name, values in columns.items()} for i in range(rows)], note


def _numbers(values: list[Any]) -> list[Any]:
    """A column of numbers with jsonlite's `"NA"` / `"NaN"` strings for missing ones, those
    made None (a new list); else `values` itself."""
    texts = {v for v in values if isinstance(v, str)}
    numbers = any(isinstance(v, int | float) and not isinstance(v, bool) for v in values)
    if not texts or not numbers or not texts <= _MISSING:
        return values
    return [None if isinstance(v, str) else v for v in values]
