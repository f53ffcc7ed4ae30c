"""The agate-like table `run_query` and `load_result(...).table` hand templates.

Only what dbt packages read: `.columns` (by position or name) with `.name` and `.values()`,
`.column_names`, `.rows` (rows by position or column name), `len()`, iteration over rows, and
`.rename(...)`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any


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

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: int) -> Row:
        return self.rows[index]

    def print_table(self, *_: Any, **__: Any) -> str:
        return ""
