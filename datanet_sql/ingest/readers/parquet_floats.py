"""Parquet float32 columns read as the doubles of the decimals they were written from.

A converter's update writes a lab's weights as float32 where the earlier files held
doubles: 51.3 is stored as the float32 nearest it, and widened to a double (the column's
type across the files, or the loaded table's) its bits read 51.29999923706055, a value
nobody wrote. Every reader that prints a float32 (DuckDB, Postgres, pandas, numpy) prints
the shortest decimal that reads back to it, 51.3; that decimal is what was written, and its
double reads back to the same float32, so nothing the file holds is lost. A float32 column
is therefore read as `CAST(CAST(x AS VARCHAR) AS DOUBLE)` in each file storing it so (the
files are read one by one, `parquet._each_file`, so no scan widens the bits first), noted
naming the column and the files. NaN and infinities stay what they are.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlglot import exp


def singles(schemas: dict[str, Any], notes: list[str]) -> list[str]:
    """The columns some file ({file: its Arrow schema}) stores as float32, `notes` told
    which files."""
    import pyarrow.types as pt

    found: dict[str, list[str]] = {}
    for file, schema in schemas.items():
        for field in schema:
            if pt.is_float32(field.type):
                found.setdefault(field.name, []).append(Path(file).name)
    notes += [f"column {name}: float32 in {', '.join(files)}: read as DOUBLE holding each "
              f"value as the shortest decimal that reads back to it (51.3, not the float32's "
              f"bits widened: 51.29999923706055)" for name, files in found.items()]
    return list(found)


def widened(value: exp.Expression, arrow_type: Any) -> exp.Expression:
    """`value`, a column of `arrow_type` in one file: a float32 as the double of its
    shortest decimal, anything else as it is."""
    import pyarrow.types as pt

    if not pt.is_float32(arrow_type):
        return value
    return exp.cast(exp.cast(value, "VARCHAR"), "DOUBLE")
