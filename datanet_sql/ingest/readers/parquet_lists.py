"""Parquet list columns, noted: their values leave the table for a child table.

Spark's `collect_list` (`groupBy(county).agg(collect_list(reading))`), pandas' columns of
lists and Arrow's `list<double>` write a list in each row. As a JSON array is, such a column
is read as a child table (`readers.shape`): a row per element, linked to its row. JSON's
nesting is its documented shape, but a Parquet file declares the column in its schema, and
a user who finds the table without it would think it dropped. So each list column (at the
top level or in a struct, which is flattened to `parent__child`) is named in a note saying
where its values went and how to keep it a column (`nested: keep`).
"""

from __future__ import annotations

from typing import Any

from datanet_sql.ingest.readers.names import snake_case


def noted(schemas: dict[str, Any], options: dict[str, Any], notes: list[str]) -> None:
    """Add to `notes` one note per list column of the files' pyarrow `schemas`, unless the
    read keeps nested columns (`nested: keep`)."""
    if options.get("nested") == "keep":
        return
    found: dict[str, Any] = {}
    for schema in schemas.values():
        for field in schema:
            _lists(snake_case(field.name) or field.name, field.type, found)
    notes += [f"column {name}: a list in each row ({kind} in the file): its values are the "
              f"child table {name} (loaded as <table>__{name}), a row per element with its "
              f"_index, linked to its row by the parent key or _record_no; set nested: keep "
              f"to keep the list as a column" for name, kind in found.items()]


def _lists(name: str, arrow_type: Any, found: dict[str, Any]) -> None:
    """The list columns under `name`: itself, or a struct's fields as `parent__child`."""
    import pyarrow.types as pt

    if pt.is_list(arrow_type) or pt.is_large_list(arrow_type) or \
            pt.is_fixed_size_list(arrow_type):
        found.setdefault(name, f"list<{arrow_type.value_type}>")
    elif pt.is_struct(arrow_type):
        for child in arrow_type:
            _lists(f"{name}__{snake_case(child.name) or 'field'}", child.type, found)
