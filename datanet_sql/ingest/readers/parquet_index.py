"""pandas' index stored as a column of a Parquet file: `__index_level_0__`.

`DataFrame.to_parquet` keeps the frame's index. A default `RangeIndex` is stored as
metadata only (no column), but any other index becomes a column, and an unnamed one is
called `__index_level_0__` (`__index_level_1__`, ... for the levels of a MultiIndex); the
file's pandas metadata (`index_columns`) names it an index. pandas reads it back as the
index, every other reader as a column, which snake-casing made `index_level_0`: a column
that looked like the table's own.

What the index holds decides (from the metadata, never from the name alone):
- an unnamed integer index equal to 0..n-1 in every file (a frame written with
  `index=True`, or after `reset_index(drop=True)` and a concat) carries nothing: left out,
  noted;
- any other unnamed index (a filtered frame's surviving row labels, dates, a MultiIndex
  level) is data: kept under pandas' own name, `__index_level_0__`, so it is plainly the
  index and no column of the frame, noted;
- a named index (`df.set_index("id")`) is stored under its name: a column as any other.
"""

from __future__ import annotations

import json
from typing import Any

_BATCH_ROWS = 65_536   # rows of the index read at a time, to compare with 0..n-1


def unnamed_indexes(schemas: dict[str, Any]) -> list[str]:
    """The columns some file's pandas metadata names an unnamed index (`__index_level_k__`),
    in the order the files hold them."""
    found: dict[str, None] = {}
    for schema in schemas.values():
        for name in _marked(schema):
            found[name] = None
    return list(found)


def split(schemas: dict[str, Any], notes: list[str]) -> tuple[list[str], list[str]]:
    """(left out, kept verbatim): pandas' unnamed index columns of the files `schemas`
    ({file: its Arrow schema}) that carry nothing (0..n-1 in every file holding them,
    each marked an index there) and those that are data; `notes` told of both."""
    left, kept = [], []
    for name in unnamed_indexes(schemas):
        holding = [f for f, schema in schemas.items() if name in schema.names]
        if all(name in _marked(schemas[f]) and _counts_rows(f, name) for f in holding):
            left.append(name)
        else:
            kept.append(name)
    if left:
        notes.append(f"column(s) {', '.join(left)}: pandas' index (the file's pandas "
                     f"metadata names it), unnamed and 0..n-1 (the row numbers, which carry "
                     f"nothing): left out, as pandas reads it back as the index")
    if kept:
        notes.append(f"column(s) {', '.join(kept)}: pandas' index (the file's pandas metadata "
                     f"names it), unnamed and not 0..n-1 (row labels of a filtered or "
                     f"sorted frame, or values): kept as data under pandas' name; drop it "
                     f"in a model if it is only row numbers, or name the index where the "
                     f"file is written (df.rename_axis('id'))")
    return left, kept


def _marked(schema: Any) -> list[str]:
    """The unnamed index columns a file's pandas metadata declares (a RangeIndex stored as
    metadata only is no column: none)."""
    raw = (schema.metadata or {}).get(b"pandas")
    if raw is None:
        return []
    try:
        meta = json.loads(raw)
        named = {c.get("field_name"): c.get("name") for c in meta.get("columns", [])
                 if isinstance(c, dict)}
        indexes = [i for i in meta.get("index_columns", []) if isinstance(i, str)]
    except (ValueError, AttributeError):   # metadata pandas did not write: no index told
        return []
    return [i for i in indexes if i in schema.names and named.get(i) is None
            and i.startswith("__index_level_")]


def _counts_rows(file: str, name: str) -> bool:
    """Whether the file's column `name` is integers 0..n-1 in order (no NULL), read a batch
    at a time."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq
    import pyarrow.types as pt

    with pq.ParquetFile(file) as parquet_file:
        if not pt.is_integer(parquet_file.schema_arrow.field(name).type):
            return False
        start = 0
        for batch in parquet_file.iter_batches(batch_size=_BATCH_ROWS, columns=[name]):
            values = batch.column(0)
            if not len(values):
                continue
            expected = pa.array(range(start, start + len(values)), type=pa.int64())
            if values.null_count or not pc.all(pc.equal(pc.cast(values, pa.int64()),
                                                        expected)).as_py():
                return False
            start += len(values)
    return True
