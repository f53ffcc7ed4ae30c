"""The rows of a unit test: read from `rows:` or a fixture file, and built into a typed query.

dbt writes a unit test's inputs and expectation as dicts, CSV text or a SQL query, inline or
in `<test path>/fixtures/`. Here they become plain data (`Rows`), and an input becomes the
query that stands in for its relation: one SELECT of literals per row, each cast to the type
the catalog knows for that column, every column the relation has (those not given are NULL of
their type), so the model reads exactly the shape it reads in the warehouse.
"""

from __future__ import annotations

import csv
import datetime
import decimal
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError, TokenError

from datanet_sql.config.specs import FixtureSpec
from datanet_sql.errors import ColumnNotFoundError, ConfigError, SqlSyntaxError, did_you_mean


@dataclass
class Rows:
    """Rows as written: column names and a list of values per row, or a query (`format: sql`)."""

    columns: list[str] = field(default_factory=list)
    values: list[list[Any]] = field(default_factory=list)
    sql: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"columns": self.columns, "values": self.values, "sql": self.sql}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Rows:
        return cls(list(data["columns"]), [list(v) for v in data["values"]], data["sql"])


def read_rows(spec: FixtureSpec, what: str, root: Path, test_paths: list[str]) -> Rows:
    """The rows of a `given` entry or of `expect`; `what` names it in errors."""
    if spec.fixture is not None and spec.rows is not None:
        raise ConfigError(f"{what} has both `rows:` and `fixture:`", hint="keep one of them")
    if spec.fixture is not None:
        if spec.format == "dict":
            raise ConfigError(f"{what}: a fixture file needs `format: csv` or `format: sql`",
                              hint="dict rows are written inline under `rows:`")
        text = _fixture_text(spec.fixture, spec.format, what, root, test_paths)
    elif spec.rows is None:
        raise ConfigError(f"{what} has no `rows:`", hint="write `rows: []` for no rows")
    else:
        text = spec.rows
    if spec.format == "dict":
        if not isinstance(text, list):
            raise ConfigError(f"{what}: `format: dict` rows are a list of mappings, not text",
                              hint="write `format: csv` or `format: sql` for text rows")
        return _dict_rows(text)
    if not isinstance(text, str):
        raise ConfigError(f"{what}: `format: {spec.format}` rows are text",
                          hint="write the rows as a block (`rows: |`)")
    return _csv_rows(text) if spec.format == "csv" else Rows(sql=text)


def _fixture_text(name: str, fmt: str, what: str, root: Path, test_paths: list[str]) -> str:
    """`fixture: name` is `<test path>/fixtures/**/name.csv` (or `.sql`), as in dbt."""
    for folder in test_paths:
        base = root / folder / "fixtures"
        found = sorted(base.rglob(f"{name}.{fmt}")) if base.is_dir() else []
        if found:
            return found[0].read_text(encoding="utf-8")
    places = ", ".join(f"{folder}/fixtures/" for folder in test_paths)
    raise ConfigError(f"{what}: fixture '{name}.{fmt}' not found in {places}",
                      hint=f"add {test_paths[0]}/fixtures/{name}.{fmt}")


def _dict_rows(rows: list[dict[str, Any]]) -> Rows:
    columns = list(dict.fromkeys(str(key) for row in rows for key in row))
    return Rows(columns, [[row.get(c) for c in columns] for row in rows])


def _csv_rows(text: str) -> Rows:
    """CSV with a header; an empty cell is NULL (dbt's csv fixtures say so too)."""
    lines = list(csv.reader(io.StringIO(text.strip())))
    if not lines:
        return Rows()
    columns = [c.strip() for c in lines[0]]
    return Rows(columns, [[cell.strip() or None for cell in line] for line in lines[1:] if line])


def parse_query(sql: str, dialect: str, what: str) -> exp.Query:
    """A `format: sql` fixture: one query in the project's dialect."""
    try:
        parsed = sqlglot.parse_one(sql, read=dialect)
    except (ParseError, TokenError) as err:
        raise SqlSyntaxError(f"{what}: the SQL rows do not parse: {str(err).splitlines()[0]}",
                             hint="write one SELECT query") from None
    if not isinstance(parsed, exp.Query):
        raise SqlSyntaxError(f"{what}: the SQL rows must be a SELECT query",
                             hint="e.g. select 1 as id union all select 2 as id")
    return parsed


def input_query(rows: Rows, types: dict[str, str] | None, dialect: str,
                what: str) -> exp.Query:
    """The query standing in for an input relation: every column of `types` (the relation's
    columns as the catalog knows them; None when nothing is known: the given columns, untyped),
    one SELECT per row, values cast to their column's type."""
    if rows.sql is not None:
        return parse_query(rows.sql, dialect, what)
    columns = _columns(rows, types, what)
    given = {name.casefold(): i for i, name in enumerate(rows.columns)}
    selects: list[exp.Select] = []
    for values in rows.values or [None]:
        projections = []
        for name, ctype in columns.items():
            index = given.get(name.casefold())
            value = values[index] if values is not None and index is not None else None
            projections.append(exp.alias_(_typed(value, ctype, dialect), name, quoted=True))
        select = exp.select(*projections)
        selects.append(select if values is not None else select.where(exp.false()))
    query: exp.Query = selects[0]
    for select in selects[1:]:
        query = exp.union(query, select, distinct=False)
    return query


def _columns(rows: Rows, types: dict[str, str] | None, what: str) -> dict[str, str | None]:
    """Column -> type for the stand-in; a given column the relation lacks is an error."""
    if not types:
        if not rows.columns:
            raise ConfigError(f"{what}: no columns are known for this input",
                              hint="give at least one row, or build the input once so its "
                                   "columns are known")
        return {name: None for name in rows.columns}
    known = {name.casefold() for name in types}
    for name in rows.columns:
        if name.casefold() not in known:
            raise ColumnNotFoundError(f"{what} gives column '{name}', which the input does "
                                      f"not have." + did_you_mean(name, list(types)),
                                      column=name, hint=f"its columns: {', '.join(types)}")
    return dict(types)


def _typed(value: Any, ctype: str | None, dialect: str) -> exp.Expression:
    """A literal, cast to the column's type when it is known."""
    literal = literal_of(value)
    if not ctype or ctype.upper() == "UNKNOWN":
        return literal
    try:
        dtype = exp.DataType.build(ctype, dialect=dialect)
    except (ParseError, TokenError, ValueError):
        return literal
    return exp.cast(literal, dtype)


def literal_of(value: Any) -> exp.Expression:
    """A YAML or CSV value as a SQL literal (dates and datetimes YAML parsed as ISO text)."""
    if value is None:
        return exp.null()
    if isinstance(value, bool):
        return exp.Boolean(this=value)
    if isinstance(value, (int, float, decimal.Decimal)):
        return exp.Literal.number(value)
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return exp.Literal.string(value.isoformat())
    if isinstance(value, (dict, list)):
        return exp.Literal.string(json.dumps(value))
    return exp.Literal.string(str(value))
