"""dbt-duckdb's `meta.external_location` on a dbt source: the file the source table is.

dbt-duckdb renders such a source as the file itself (`'../data/nba/{identifier}.csv'`,
formatted with the table's name, identifier, schema, database, tags and meta). datanet
already has file sources (`path:`): a view over the file on DuckDB, a load elsewhere, with
contracts and healing. So a location that is a path or a glob becomes the table's `path:`,
its format from the extension. A location that is a call (`read_parquet('s3://...', ...)`)
is not a file datanet can describe at compile time, and is refused naming the source.
"""

from __future__ import annotations

from string import Template

from datanet_sql.config.specs import SourceSpec, SourceTableSpec
from datanet_sql.errors import ConfigError

KEY = "external_location"


def external_path(source: SourceSpec, table: SourceTableSpec, file: str,
                  line: int | None = None) -> str | None:
    """The table's file (as written: relative paths are the project's), or None when its
    meta has no `external_location`."""
    meta = {**source.meta, **(source.config.get("meta") or {}), **table.meta,
            **(table.config.get("meta") or {})}
    template = meta.get(KEY)
    if not template or meta.get("plugin"):  # a plugin's source wins in dbt-duckdb: not a file
        return None
    where = f"source table '{source.name}.{table.name}'"
    fields = {"name": table.name, "identifier": table.identifier or table.name,
              "schema": source.schema_ or source.name, "database": source.database,
              "tags": [*source.tags, *table.tags], **meta}
    formatter = meta.get("formatter", "newstyle")
    try:
        if formatter == "newstyle":
            location = str(template).format_map(fields)
        elif formatter == "oldstyle":
            location = str(template) % fields
        elif formatter == "template":
            location = Template(str(template)).substitute(fields)
        else:
            raise ConfigError(f"{where}: meta formatter {formatter!r} is not one of newstyle, "
                              "oldstyle, template", file=file, line=line,
                              hint="dbt-duckdb's formatters: newstyle ({name}), oldstyle "
                                   "(%(name)s), template ($name)")
    except (KeyError, ValueError, TypeError) as err:
        raise ConfigError(f"{where}: meta.{KEY} {template!r} does not format: {err}",
                          file=file, line=line,
                          hint="its fields are name, identifier, schema, database, tags and "
                               "the meta's own keys") from None
    location = location.strip()
    if "(" in location:
        raise ConfigError(f"{where}: meta.{KEY} is a call ({location}), which datanet does "
                          "not read", file=file, line=line,
                          hint="give the file's path (or glob) instead, e.g. "
                               "external_location: data/{name}.parquet")
    return location.strip("'")
