"""dbt-duckdb's `external_location` on a dbt source: the file, or the table function call, the
source table is.

dbt-duckdb reads the key from the table's meta and from the extra keys of its `config:`
(`config: {external_location: ..., formatter: oldstyle}`), formats it with the table's name,
identifier, schema, database, tags and meta, and renders the source as the result. datanet
already has file sources (`path:`): a view over the file on DuckDB, a load elsewhere, with
contracts and healing. So a location that is a path or a glob becomes the table's `path:`, its
format from the extension. A location that is a call (`read_csv('data/x.csv', header=true)`)
is kept as the call, parsed by sqlglot: on DuckDB the source becomes a view over it, read as
dbt-duckdb reads it (relative file names from the folder the command runs in). A call is
DuckDB's own SQL, so another engine refuses it naming the source.
"""

from __future__ import annotations

from dataclasses import dataclass
from string import Template
from typing import Any

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError

from datanet_sql.config.model_config import DUCKDB_SOURCE_KEYS
from datanet_sql.config.specs import SourceSpec, SourceTableSpec
from datanet_sql.errors import ConfigError

KEY = "external_location"


@dataclass(frozen=True)
class ExternalLocation:
    """A file (`path`, as written: relative paths are the project's) or a table function
    call (`call`, a sqlglot table expression in DuckDB's SQL)."""
    path: str | None = None
    call: exp.Table | None = None


def external_location(source: SourceSpec, table: SourceTableSpec, file: str,
                      line: int | None = None) -> ExternalLocation | None:
    """Where dbt-duckdb reads the table from, or None when it names no `external_location`
    (or a plugin, which wins in dbt-duckdb: not a file)."""
    meta = _meta(source, table)
    template = meta.get(KEY)
    if not template or meta.get("plugin"):
        return None
    where = f"source table '{source.name}.{table.name}'"
    location = _formatted(str(template), meta, _fields(source, table, meta), where, file,
                          line).strip()
    if "(" in location:
        return ExternalLocation(call=_call(location, where, file, line))
    return ExternalLocation(path=location.strip("'"))


def _meta(source: SourceSpec, table: SourceTableSpec) -> dict[str, Any]:
    """The meta dbt-duckdb reads: the source's and the table's, then their config's own keys."""
    meta: dict[str, Any] = {}
    for level in (source, table):
        meta.update(level.meta)
        meta.update(level.config.get("meta") or {})
    for level in (source, table):
        meta.update({k: v for k, v in level.config.items() if k in DUCKDB_SOURCE_KEYS})
    return meta


def _fields(source: SourceSpec, table: SourceTableSpec, meta: dict[str, Any]) -> dict[str, Any]:
    return {"name": table.name, "identifier": table.identifier or table.name,
            "schema": source.schema_ or source.name, "database": source.database,
            "tags": [*source.tags, *table.tags], **meta}


def _formatted(template: str, meta: dict[str, Any], fields: dict[str, Any], where: str,
               file: str, line: int | None) -> str:
    formatter = meta.get("formatter", "newstyle")
    try:
        if formatter == "newstyle":
            return template.format_map(fields)
        if formatter == "oldstyle":
            return template % fields
        if formatter == "template":
            return Template(template).substitute(fields)
    except (KeyError, ValueError, TypeError) as err:
        raise ConfigError(f"{where}: {KEY} {template!r} does not format: {err}",
                          file=file, line=line,
                          hint="its fields are name, identifier, schema, database, tags and "
                               "the meta's own keys") from None
    raise ConfigError(f"{where}: formatter {formatter!r} is not one of newstyle, oldstyle, "
                      "template", file=file, line=line,
                      hint="dbt-duckdb's formatters: newstyle ({name}), oldstyle "
                           "(%(name)s), template ($name)")


def _call(location: str, where: str, file: str, line: int | None) -> exp.Table:
    """The location as one table function call (`read_csv(...)`), or a clear refusal."""
    try:
        select = sqlglot.parse_one(f"SELECT * FROM {location}", read="duckdb")
    except ParseError as err:
        raise ConfigError(f"{where}: {KEY} {location!r} is not a table function call DuckDB "
                          f"reads: {err.errors[0]['description'] if err.errors else err}",
                          file=file, line=line,
                          hint="write a call such as read_csv('data/x.csv', header=true), "
                               "or the file's path") from None
    source = select.args.get("from_")
    table = source.this if source is not None else None
    if not isinstance(table, exp.Table) or not isinstance(table.this, exp.Func) \
            or select.args.get("joins") or select.args.get("where"):
        raise ConfigError(f"{where}: {KEY} {location!r} is not one table function call",
                          file=file, line=line,
                          hint="write a call such as read_csv('data/x.csv', header=true), "
                               "or the file's path")
    return table


def reader_table(reader: str) -> exp.Table:
    """The table expression of a source's kept call (config `reader`, DuckDB's SQL)."""
    return _call(reader, "source", "", None)


def reader_query(reader: str) -> exp.Select:
    """`SELECT * FROM <call>`: what the source's view is, and what describes it."""
    return exp.select("*").from_(reader_table(reader))
