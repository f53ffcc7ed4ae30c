"""Writers' output folders that a landing glob matches: read as their part files, once done.

Spark (`df.write.csv("landing/sales-2.csv")`), Hadoop MapReduce, Hive and Databricks write
what their user names as one file as a folder of that name: the parts
(`part-00000-<job uuid>-c000.csv`, `part-00000-<uuid>.snappy.parquet`, `part-r-00000`),
under `partitionBy` in `key=value/` sub-folders, each part's checksum as a hidden
`.<part>.crc`, and an empty `_SUCCESS` once the job has committed. Dask and pandas
(pyarrow) write Parquet datasets as folders too, with no `_SUCCESS`. A glob over a landing
folder (`landing/*.csv`) matches such a folder, not its parts: listed as files only, the
folder was passed over, and half a delivery never loaded, without a word.

So a folder the glob matches is looked into (its top level: one listing per folder; a
glob's plain files cost nothing more), and `written` says what it is:
- a writer's folder with `_SUCCESS` is done: its data files (in `key=value/` folders too;
  hidden files, markers and the writer's `_temporary/` and `.spark-staging-*` folders left
  out) are landed files like any other, each known by its content and loaded once;
- a writer's folder without it (parts, `key=value/` folders, `.crc` files, Parquet
  summaries, or a commit under way) is a write in progress: its parts are not read yet,
  as they may be half the delivery or a failed job's leftovers, and the loader says so
  (`waiting`) each run until the marker lands;
- any other folder (an operator's `archive/`) is not data, as before.

A part in a `key=value/` folder keeps that column only in the folder's name: Parquet parts
get it back as a column (`readers.parquet.hive_keys`); any other part is refused, naming
the folder, as read it would be a table without that column.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from datanet_sql.adapters.files import PARQUET_SUMMARIES
from datanet_sql.errors import IngestError

SUCCESS = "_SUCCESS"  # Hadoop's FileOutputCommitter writes it when the job has committed
# what only a writer of parts leaves in its output folder: a commit under way (Hadoop's
# `_temporary`, Spark's `.spark-staging-*`, Databricks' `_started_*`), part names (Spark's
# and Hadoop's `part-*`, Dask's `part.0.parquet` and `0.part`, Hive's `000000_0`), Hadoop's
# checksum files
_WRITERS = re.compile(r"_temporary$|\.spark-staging-|_started_|_committed_|part[-.]|"
                      r"\d+\.part$|\d{6}_\d+(_copy_\d+)?$|.*\.crc$")
_PARQUET_MAGIC = b"PAR1"


@dataclass(frozen=True)
class Written:
    """A writer's output folder: its data files (`parts`, empty until it is `done`)."""

    folder: Path
    parts: tuple[Path, ...]
    done: bool


def written(folder: Path, is_data: Callable[[Path], bool]) -> Written | None:
    """The output folder `folder` is, with its data files (those `is_data` keeps) when its
    writer marked it done; None for a folder no writer of parts made."""
    with os.scandir(folder) as entries:
        found = {entry.name: entry.is_dir() for entry in entries}
    done = found.get(SUCCESS) is False
    if not done and not any(_of_a_writer(name, is_dir) for name, is_dir in found.items()):
        return None
    parts = tuple(_data_files(folder, is_data)) if done else ()
    _check_partitions(folder, parts)
    return Written(folder, parts, done)


def _of_a_writer(name: str, is_dir: bool) -> bool:
    return bool(_WRITERS.match(name)) or name in PARQUET_SUMMARIES or (is_dir and "=" in name)


def _data_files(folder: Path, is_data: Callable[[Path], bool]) -> list[Path]:
    """The files under `folder` that `is_data` keeps, in every sub-folder but hidden and
    underscored ones (`_temporary/`, `.spark-staging-*`: a writer's work in progress)."""
    files = []
    for top, folders, names in os.walk(folder):
        folders[:] = [f for f in folders if not f.startswith((".", "_"))]
        files += [path for name in names if is_data(path := Path(top) / name)]
    return files


def _check_partitions(folder: Path, parts: tuple[Path, ...]) -> None:
    """Refuse parts in `key=value/` folders that are not Parquet: their key is a column
    only the folder's name holds, which no reader of the part's own format reads."""
    for part in parts:
        keys = [p.split("=", 1)[0] for p in part.relative_to(folder).parent.parts if "=" in p]
        if keys and not _is_parquet(part):
            raise IngestError(
                f"{part.relative_to(folder).as_posix()}: a part of a partitioned write "
                f"(Spark's partitionBy): column(s) {', '.join(keys)} only in its folder "
                f"names, which are read as columns for Parquet parts alone", file=folder,
                hint="write the partition column(s) into the files (no partitionBy), or "
                     "write Parquet")


def _is_parquet(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(_PARQUET_MAGIC)) == _PARQUET_MAGIC


def waiting(folder: str, pattern: str) -> str:
    """The warning about an output folder (`folder`, as the warehouse names it) whose
    writer has not marked it done, for a source whose path is `pattern`."""
    where = PurePosixPath(pattern)
    parts = pattern if "**" in pattern else where.parent / "**" / where.name
    return (f"{folder}/ is a writer's output folder (Spark, Hadoop, Hive) without the "
            f"`{SUCCESS}` its writer leaves when done: a write still under way, its part "
            f"files not loaded until the marker lands (half a delivery, or a failed job's "
            f"leftovers, would load). A writer that leaves no marker (Dask, pandas, Hive): "
            f"point the source's path at the part files themselves (e.g. `{parts}`; Dask "
            f"names CSV parts `0.part`, unfinished to a loader: write to `name-*.csv`)")
