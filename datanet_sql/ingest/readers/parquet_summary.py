"""Parquet summary files beside a folder's parts: not data, left out of a glob.

Dask's `to_parquet(write_metadata_file=True)`, Spark with `parquet.summary.metadata.level`
and pyarrow's `write_metadata` write, beside the parts (`part.0.parquet`, ...), the
summary files `_common_metadata` (the schema alone, no row groups) and `_metadata` (every
part's row groups, each pointing into its part: no rows of its own). A glob over the
folder (`out/*`) matches both. Listed to DuckDB, `_metadata` fails the read ("only inlined
data files are supported"); globbed by DuckDB itself, it reads every part's rows a second
time. So they are left out of a glob's files with a note naming them, as a landing
folder's markers are (`landing.is_data_file`), and a path naming only summaries is
refused: its rows are in the parts.

A summary is known by the name every one of those tools gives it, or, named otherwise, by
row groups that lie in other files (what makes `_metadata` a summary); a file of no row
groups under another name is an empty part (Spark writes those), read as before.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from datanet_sql.adapters.files import PARQUET_SUMMARIES
from datanet_sql.errors import IngestError


def is_summary(file: str, metadata: Any) -> bool:
    """Whether the Parquet file (its footer's `metadata`, pyarrow's FileMetaData) is a
    summary: named as one, or with a row group whose columns lie in another file."""
    if Path(file).name in PARQUET_SUMMARIES:
        return True
    groups = (metadata.row_group(i) for i in range(metadata.num_row_groups))
    return any(group.num_columns and group.column(0).file_path for group in groups)


def data_files(path: str, footers: dict[str, Any], notes: list[str]) -> list[str]:
    """The files of `footers` ({file: its FileMetaData}, the files `path` names) that hold
    data, the summaries among them named in `notes`; refused when every one is a summary."""
    summaries = [f for f, metadata in footers.items() if is_summary(f, metadata)]
    if not summaries:
        return list(footers)
    names = ", ".join(Path(f).name for f in summaries)
    kept = [f for f in footers if f not in summaries]
    if not kept:
        raise IngestError(
            f"{names}: a Parquet summary file (as Dask, Spark and pyarrow's write_metadata "
            f"write beside a folder's parts), the schema and the parts' row groups, no rows "
            f"of its own", file=path,
            hint="point the source at the part files beside it (folder/*.parquet, or "
                 "folder/*, which leaves the summary files out)")
    where = Path(path)
    notes.append(f"{where.parent.name}/{where.name}: Parquet summary file(s) {names} left out "
                 f"(the schema and row groups of the part files beside them, not data; read, "
                 f"their rows would be read twice)")
    return kept
