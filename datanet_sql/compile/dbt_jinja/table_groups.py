"""agate's `group_by`, `join` and `pivot` on the tables `run_query` gives templates.

Kept apart from `table.py` (the table itself) because these build new tables out of groups and
matches; the semantics are agate's (checked against agate 1.9): groups and pivot columns in
the order their first row appears, a left outer join by default with the right key column left
out and clashing right names suffixed `2`, and a pivot that counts. What dbt's context cannot
reach is refused by name: templates get no `agate` module, so no Aggregation or Computation
object (`compute`, `aggregate`, a pivot's `aggregation=`) can be made in one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from datanet_sql.config.sandbox import call_macro
from datanet_sql.errors import TemplateError

if TYPE_CHECKING:
    from datanet_sql.compile.dbt_jinja.table import Row, Table

Key = str | Sequence[str] | Callable[..., Any]
NO_AGATE = ("dbt gives templates no `agate` module, so no Aggregation or Computation object "
            "can be made in one")
# agate's Text type reads these (case-insensitive, stripped) as null: a key macro returning
# one groups its row under None
_TEXT_NULLS = ("", "na", "n/a", "none", "null", ".")


class TableSet:
    """agate's TableSet as `group_by` gives it: a table per group key, in first-seen order;
    iterating gives the tables, `[key]` one table (`[i]` the i-th), `keys()`, `items()`."""

    def __init__(self, tables: list[Table], keys: list[Any], key_name: str) -> None:
        self._tables = tables
        self._keys = keys
        self.key_name = key_name

    def keys(self) -> list[Any]:
        return list(self._keys)

    def values(self) -> list[Table]:
        return list(self._tables)

    def items(self) -> list[tuple[Any, Table]]:
        return list(zip(self._keys, self._tables))

    def get(self, key: Any, default: Any = None) -> Table | Any:
        return self._tables[self._keys.index(key)] if key in self._keys else default

    def __getitem__(self, key: Any) -> Table:
        if isinstance(key, (int, slice)):  # agate's MappedSequence: a number is a position
            return self._tables[key]  # type: ignore[return-value]
        if key not in self._keys:
            raise KeyError(key)
        return self._tables[self._keys.index(key)]

    def __iter__(self) -> Iterator[Table]:
        return iter(self._tables)

    def __len__(self) -> int:
        return len(self._tables)

    def merge(self) -> Table:
        """One table again, the group key as a first column named `key_name`."""
        first = self._tables[0]  # group_by leaves at least one (empty) table
        return first.derive([self.key_name, *first.column_names],
                            [(key, *row) for key, table in self.items() for row in table.rows])

    def aggregate(self, *_: Any, **__: Any) -> None:
        raise TemplateError(f"TableSet.aggregate needs agate Aggregation objects: {NO_AGATE}")


def group_by(table: Table, key: str | Callable[..., Any], key_name: str | None = None,
             key_type: Any = None) -> TableSet:
    """Rows grouped by a column's value, or by a macro's answer for each row (as text)."""
    if key_type is not None:
        raise TemplateError(f"group_by(key_type=...) needs an agate DataType: {NO_AGATE}")
    by_macro = callable(key)
    if not by_macro:
        table.require_columns([str(key)])
    groups: dict[Any, list[Row]] = {}
    for row in table.rows:
        value = _text(call_macro(key, row)) if by_macro else row[key]
        groups.setdefault(value, []).append(row)
    name = key_name or ("group" if by_macro else str(key))
    if not groups:  # agate keeps one empty table under no key
        return TableSet([table.derive(table.column_names, [])], [], name)
    return TableSet([table.derive(table.column_names, rows) for rows in groups.values()],
                    list(groups), name)


def join(left: Table, right: Table, left_key: Key | None = None, right_key: Key | None = None,
         inner: bool = False, full_outer: bool = False, require_match: bool = False,
         columns: Sequence[str] | None = None) -> Table:
    """agate's join: on row number with no key, else a left outer join (`inner`, `full_outer`
    as in SQL); the right key columns are left out (all kept by a full outer join), a right
    name the left has is suffixed `2`, `columns` picks the right columns kept."""
    if inner and full_outer:
        raise TemplateError('a join can not be both "inner" and "full_outer" (agate)')
    right_key = left_key if right_key is None else right_key
    left_values = _key_values(left, left_key)
    right_values = _key_values(right, None if left_key is None else right_key)
    dropped = set() if left_key is None or callable(right_key) else \
        {right_key} if isinstance(right_key, str) else set(right_key)
    kept = [name for name in right.column_names if full_outer or (
        name in columns if columns is not None else name not in dropped)]
    names = left.column_names + [f"{n}2" if n in left.column_names else n for n in kept]
    matches: dict[Any, list[Row]] = {}
    for value, row in zip(right_values, right.rows):
        matches.setdefault(value, []).append(row)
    rows: list[tuple[Any, ...]] = []
    for value, row in zip(left_values, left.rows):
        found = matches.get(value)
        if require_match and not found:
            raise TemplateError(f'join: left key "{value}" has no matching right key')
        if found:
            rows += [(*row, *(match[n] for n in kept)) for match in found]
        elif not inner:
            rows.append((*row, *(None for _ in kept)))
    if full_outer:
        seen = set(left_values)
        rows += [(*(None for _ in left.column_names), *row) for value, row
                 in zip(right_values, right.rows) if value not in seen]
    return left.derive(names, rows)


def pivot(table: Table, key: Key | None = None, pivot: str | None = None,
          aggregation: Any = None, computation: Any = None, default_value: Any = 0,
          key_name: str | None = None) -> Table:
    """agate's pivot with its default aggregation, Count: one row per key, one column per
    value of `pivot` (named by its text), a 0 where a key never meets a value."""
    if aggregation is not None or computation is not None:
        raise TemplateError(f"pivot(aggregation=..., computation=...) needs agate objects: "
                            f"{NO_AGATE}; the default, a count of rows, is what can be asked")
    keys = [] if key is None else [key] if isinstance(key, str) or callable(key) else list(key)
    if not keys and pivot is None:
        raise TemplateError("pivot() needs a key or a pivot column (agate gives a dict then)")
    if key_name and len(keys) > 1:
        raise TemplateError("key_name is not a valid argument when key is a sequence (agate)")
    counts: dict[tuple[Any, ...], dict[str, int]] = {}
    fields: dict[str, None] = {}
    for group, rows in _nested_groups(table, keys, key_name):
        cells = counts.setdefault(group, {})
        if pivot is None:
            cells["Count"] = len(rows)
            fields["Count"] = None
            continue
        for value, within in group_by(table.derive(table.column_names, rows), pivot).items():
            cells[str(value)] = len(within)
            fields[str(value)] = None
    names = [_key_name(k, key_name) for k in keys] + list(fields)
    return table.derive(names, [(*group, *(cells.get(f, default_value) for f in fields))
                                for group, cells in counts.items()])


def _nested_groups(table: Table, keys: list[Key], key_name: str | None
                   ) -> list[tuple[tuple[Any, ...], list[Row]]]:
    """(key values, rows) for each group, nested in `keys` order as agate's group_by of a
    TableSet nests: the first key's groups in first-seen order, each split by the next."""
    groups: list[tuple[tuple[Any, ...], list[Row]]] = [((), list(table.rows))]
    for key in keys:
        groups = [((*outer, value), list(part.rows)) for outer, rows in groups
                  for value, part in group_by(table.derive(table.column_names, rows), key,
                                              key_name).items()]
    return groups


def _key_name(key: Key, key_name: str | None) -> str:
    return key_name or ("group" if callable(key) else str(key))


def _key_values(table: Table, key: Key | None) -> list[Any]:
    """Each row's join key: its number, a macro's answer, a column's value or a tuple."""
    if key is None:
        return list(range(len(table.rows)))
    if callable(key):
        return [call_macro(key, row) for row in table.rows]
    names = [key] if isinstance(key, str) else list(key)
    table.require_columns(names)
    return [row[names[0]] if isinstance(key, str) else tuple(row[n] for n in names)
            for row in table.rows]


def _text(value: Any) -> Any:
    """agate's Text cast of a group key a macro gives: text, or None for its null words."""
    if value is None:
        return None
    text = str(value)
    return None if text.strip().lower() in _TEXT_NULLS else text
