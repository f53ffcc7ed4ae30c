"""Keys of a column's YAML entry that are neither dbt's nor datanet's.

dbt 1.9 keeps such a key on the column (packages read it from `model.columns`: dbt-assertions'
`assertions:`), so in a dbt project it is kept, visible to the project's macros, and warned
about, naming the file and line. A key within a typo of a column key (`data_typ`) is refused
there too, and in a datanet project every such key is refused, as any unknown key is.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from datanet_sql.config.model_config import TYPO
from datanet_sql.config.specs import ColumnSpec, SchemaFileSpec
from datanet_sql.config.validate import unknown_key_error
from datanet_sql.config.yamlfile import YamlDocument, key_line

COLUMN_KEYS = sorted(field.alias or name for name, field in ColumnSpec.model_fields.items())


def check_column_keys(doc: YamlDocument, schema: SchemaFileSpec, dbt_project: bool,
                      package: bool = False) -> list[str]:
    """Refuse or warn about (see the module) each column's key no spec reads; in an installed
    `package`'s file even a typo only warns, as dbt 1.9 reads it and the project cannot fix it."""
    warnings = []
    for loc, column in _columns(schema):
        for key in column.model_extra or {}:
            where = [*loc, key]
            typo = not package and difflib.get_close_matches(key, COLUMN_KEYS, 1, TYPO)
            if not dbt_project or typo:
                raise unknown_key_error(doc, where, COLUMN_KEYS)
            warnings.append(f"{doc.path}:{key_line(doc, where) or 1}: `{key}` of column "
                            f"'{column.name}' is not a column key of dbt's or datanet's: kept "
                            "for the project's macros (`model.columns`), without effect in "
                            "datanet.")
    return warnings


def _columns(schema: SchemaFileSpec) -> Iterator[tuple[list[Any], ColumnSpec]]:
    """Every column entry of the file, with where it sits in the document."""
    for i, model in enumerate(schema.models):
        yield from _listed(["models", i], model.columns)
        for k, version in enumerate(model.versions or []):
            yield from _listed(["models", i, "versions", k], version.columns)
    for i, source in enumerate(schema.sources):
        for j, table in enumerate(source.tables):
            yield from _listed(["sources", i, "tables", j], table.columns)
    for kind, entries in (("seeds", schema.seeds), ("snapshots", schema.snapshots)):
        for i, entry in enumerate(entries):
            yield from _listed([kind, i], entry.columns)


def _listed(loc: list[Any], columns: list[Any]) -> Iterator[tuple[list[Any], ColumnSpec]]:
    for j, column in enumerate(columns):
        if isinstance(column, ColumnSpec) and column.model_extra:
            yield [*loc, "columns", j], column
