"""The agate-like table `run_query` and `load_result(...).table` hand templates.

Only what dbt packages read: `.columns` (by position or name) with `.name` and `.values()`,
`.column_names`, `.rows` (rows by position or column name, `.items()`, `.get()`), `len()`,
iteration over rows, and agate's table operations `rename`, `select`, `exclude`, `where`,
`order_by`, `limit` and `distinct`; `group_by`, `join` and `pivot` are in `table_groups.py`.
"""

from __future__ import annotations

import csv
import datetime
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from datanet_sql.compile.dbt_jinja import table_groups
from datanet_sql.config.sandbox import call_macro
from datanet_sql.errors import TemplateError


class Row(Sequence[Any]):
    """One row: `row[0]`, `row['name']`, iterable, `.values()`, `.keys()`."""

    def __init__(self, names: list[str], values: tuple[Any, ...]) -> None:
        self._names = names
        self._values = values

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            return self._values[self._names.index(key)]
        return self._values[key]

    def __len__(self) -> int:
        return len(self._values)

    def keys(self) -> list[str]:
        return list(self._names)

    def values(self) -> list[Any]:
        return list(self._values)

    def items(self) -> list[tuple[str, Any]]:
        """(column, value) pairs (elementary serialises rows this way)."""
        return list(zip(self._names, self._values))

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self._names else default

    def dict(self) -> dict[str, Any]:
        return dict(zip(self._names, self._values))

    def __repr__(self) -> str:
        return repr(self._values)


class Column:
    """One column: `.name`, `.values()`, and its values by position."""

    def __init__(self, name: str, values: list[Any]) -> None:
        self.name = name
        self._values = values

    def values(self) -> list[Any]:
        return list(self._values)

    def values_distinct(self) -> list[Any]:
        return list(dict.fromkeys(self._values))

    def __getitem__(self, index: int) -> Any:
        return self._values[index]

    def __len__(self) -> int:
        return len(self._values)


class Columns(Sequence[Column]):
    """`table.columns[0]` or `table.columns['name']`."""

    def __init__(self, columns: list[Column]) -> None:
        self._columns = columns

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            for column in self._columns:
                if column.name == key:
                    return column
            raise KeyError(key)
        return self._columns[key]

    def __len__(self) -> int:
        return len(self._columns)

    def keys(self) -> list[str]:
        return [c.name for c in self._columns]

    def items(self) -> list[tuple[str, Column]]:
        """(name, column) pairs, as agate's MappedSequence gives them."""
        return [(c.name, c) for c in self._columns]


class Table:
    """A query's result as agate shows it to dbt macros."""

    def __init__(self, names: list[str], rows: list[tuple[Any, ...]]) -> None:
        self.column_names = list(names)
        self.rows = [Row(self.column_names, tuple(r)) for r in rows]
        self.columns = Columns([Column(n, [r[i] for r in rows]) for i, n in enumerate(names)])

    def rename(self, column_names: dict[str, str] | Sequence[str] | None = None,
               row_names: Any = None, **_: Any) -> Table:
        """agate's `rename`: a new table whose columns are named by `column_names` (a dict
        old -> new, or every new name in order; elementary lower-cases its results' names
        this way). Row names are not kept (these tables have none)."""
        names = self.column_names
        if isinstance(column_names, dict):
            names = [column_names.get(name, name) for name in names]
        elif column_names is not None:
            names = list(column_names)
        return Table(names, [tuple(row.values()) for row in self.rows])

    # agate's row and column operations packages call: each gives a new table
    def select(self, key: str | Sequence[str]) -> Table:
        names = [key] if isinstance(key, str) else list(key)
        return self._with(names, lambda row: [row[n] for n in names])

    def exclude(self, key: str | Sequence[str]) -> Table:
        dropped = {key} if isinstance(key, str) else set(key)
        return self.select([n for n in self.column_names if n not in dropped])

    def where(self, test: Callable[[Row], Any]) -> Table:
        """The rows `test` keeps (a macro too: its `return()` value is the answer)."""
        return Table(self.column_names, [tuple(r) for r in self.rows if call_macro(test, r)])

    def order_by(self, key: str | Sequence[str] | Callable[[Row], Any],
                 reverse: bool = False) -> Table:
        if callable(key):
            sort_key = key
        else:
            names = [key] if isinstance(key, str) else list(key)
            sort_key = (lambda row: tuple(_none_first(row[n]) for n in names))
        return Table(self.column_names, [tuple(r) for r in sorted(self.rows, key=sort_key,
                                                                   reverse=reverse)])

    def limit(self, start_or_stop: int | None = None, stop: int | None = None,
              step: int | None = None) -> Table:
        window = slice(start_or_stop, stop, step) if stop is not None or step is not None \
            else slice(start_or_stop)
        return Table(self.column_names, [tuple(r) for r in self.rows[window]])

    def distinct(self, key: str | Sequence[str] | None = None) -> Table:
        names = self.column_names if key is None else [key] if isinstance(key, str) else key
        seen: dict[tuple[Any, ...], tuple[Any, ...]] = {}
        for row in self.rows:
            seen.setdefault(tuple(row[n] for n in names), tuple(row))
        return Table(self.column_names, list(seen.values()))

    def group_by(self, key: str | Callable[..., Any], key_name: str | None = None,
                 key_type: Any = None) -> table_groups.TableSet:
        return table_groups.group_by(self, key, key_name, key_type)

    def join(self, right_table: Table, left_key: table_groups.Key | None = None,
             right_key: table_groups.Key | None = None, inner: bool = False,
             full_outer: bool = False, require_match: bool = False,
             columns: Sequence[str] | None = None) -> Table:
        return table_groups.join(self, right_table, left_key, right_key, inner, full_outer,
                                 require_match, columns)

    def pivot(self, key: table_groups.Key | None = None, pivot: str | None = None,
              aggregation: Any = None, computation: Any = None, default_value: Any = 0,
              key_name: str | None = None) -> Table:
        return table_groups.pivot(self, key, pivot, aggregation, computation, default_value,
                                  key_name)

    def compute(self, *_: Any, **__: Any) -> None:
        raise TemplateError(f"Table.compute needs agate Computation objects: "
                            f"{table_groups.NO_AGATE}")

    def aggregate(self, *_: Any, **__: Any) -> None:
        raise TemplateError(f"Table.aggregate needs agate Aggregation objects: "
                            f"{table_groups.NO_AGATE}")

    def derive(self, names: list[str], rows: Sequence[Sequence[Any]]) -> Table:
        """A new table of `names` over `rows` (Row objects or tuples); a name already taken
        is renamed `<name>_2` (then `_3`, ...) as agate renames it."""
        unique: list[str] = []
        for name in names:
            suffix, final = 1, name
            while final in unique:
                suffix += 1
                final = f"{name}_{suffix}"
            unique.append(final)
        return Table(unique, [tuple(row) for row in rows])

    def require_columns(self, names: Sequence[str]) -> None:
        """A table operation naming a column the result lacks stops with both named."""
        missing = [n for n in names if n not in self.column_names]
        if missing:
            raise TemplateError(f"no column {missing[0]!r} in the query's result (its "
                                f"columns: {', '.join(self.column_names)})")

    def _with(self, names: list[str], values: Callable[[Row], list[Any]]) -> Table:
        self.require_columns(names)
        return Table(names, [tuple(values(r)) for r in self.rows])

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: int) -> Row:
        return self.rows[index]

    def print_table(self, *_: Any, **__: Any) -> str:
        return ""

    def print_csv(self, **_: Any) -> str:
        """agate's `print_csv`: the header and rows as CSV (dates in ISO form, None empty),
        on stderr as `print` writes (dbt-project-evaluator prints its issues this way)."""
        writer = csv.writer(sys.stderr, lineterminator="\n")
        writer.writerow(self.column_names)
        writer.writerows([value.isoformat() if isinstance(value, datetime.date) else value
                          for value in row] for row in self.rows)
        return ""


def _none_first(value: Any) -> tuple[bool, Any]:
    """agate sorts None before any value."""
    return (value is not None, value)
