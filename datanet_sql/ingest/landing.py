"""Landing files: which files of a glob are ready to load, and what each one holds.

A file is known by its content (sha256, streamed), not its modification time: a late file
stamped with an old time is still new, and an unchanged re-delivery is recognised. Files a
writer has not finished (`.part`), hidden files (`.x`) and markers (`_SUCCESS`) are not data.
A folder the glob matches that a writer of parts made (Spark's `sales.csv/`) is read as its
part files once its writer is done (`output_folders`). A file the glob misses only by the
case of its name (`.CSV`) is a data file too, warned about (`name_case`). In a Delta Lake
table's folder, only the files its log says are the table now are data (`adapters/delta_log`):
a file a commit removed, still on disk until VACUUM, is no delivery.
"""

from __future__ import annotations

import glob
import hashlib
import os
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from datanet_sql.adapters import delta_log
from datanet_sql.adapters.files import expand, natural_key
from datanet_sql.errors import IngestError
from datanet_sql.ingest import name_case
from datanet_sql.ingest.output_folders import written

_CHUNK = 1 << 20
_HASHERS = min(8, os.cpu_count() or 1)
_UNFINISHED = (".part", ".tmp", ".crc")


@dataclass(frozen=True)
class LandedFile:
    """A data file of the landing folder. Its sha256 is computed on a thread from the moment
    the file is listed (reads and sha256 of large buffers release the GIL), and `sha256`
    waits for it only where the value is needed: to tell whether a file the ledger knows
    changed, and for the file's ledger row, which a scan writes after DuckDB read the file.
    A new file's hashing thus runs beside the checks and the read instead of before them
    (on a 50-file folder it was the largest part of the load not on DuckDB's threads)."""

    path: str
    size: int
    hashing: Future[str] = field(repr=False, compare=False)

    @property
    def sha256(self) -> str:
        return self.hashing.result()


def is_data_file(path: Path) -> bool:
    """False for files still being written, hidden files and marker files (`_SUCCESS`)."""
    name = path.name
    return not (name.startswith((".", "_")) or name.endswith(_UNFINISHED))


def content_hash(path: Path, size: int | None = None) -> str:
    """The sha256 of the file's bytes (of its first `size` bytes when given)."""
    digest = hashlib.sha256()
    left = size
    try:
        with path.open("rb") as handle:
            while left != 0 and (chunk := handle.read(_CHUNK if left is None
                                                      else min(_CHUNK, left))):
                digest.update(chunk)
                left = None if left is None else left - len(chunk)
    except OSError as error:  # listed, then moved or removed by its writer, or unreadable
        raise IngestError(f"cannot read the landed file: {error.strerror}", file=path,
                          hint="a file moved away while loading is not loaded (its batch is "
                               "rolled back); rerun, or make the file readable") from None
    return digest.hexdigest()


def landed_files(pattern: str, waiting: list[Path] | None = None,
                 cased: list[Path] | None = None) -> list[LandedFile]:
    """The data files of a path or glob, in name order (`data_paths`), each with its size
    and (being computed) its hash."""
    pool = ThreadPoolExecutor(max_workers=_HASHERS, thread_name_prefix="datanet-hash")
    try:
        return [LandedFile(str(p), p.stat().st_size, pool.submit(content_hash, p))
                for p in data_paths(pattern, waiting, cased)]
    finally:
        pool.shutdown(wait=False)  # the hashing goes on; `LandedFile.sha256` waits for it


def _in_work_folder(path: Path, pattern: str) -> bool:
    """Whether a `**` of the glob reached `path` through a hidden or underscored folder: a
    writer's work folder (Hadoop's `_temporary/`, Spark's `.spark-staging-*`), whose files
    are no delivery yet, as hidden and underscored files are none (`is_data_file`)."""
    parts = Path(pattern).parts
    if "**" not in parts:
        return False
    return any(p.startswith((".", "_")) for p in path.parts[parts.index("**"):-1])


def data_paths(pattern: str, waiting: list[Path] | None = None,
               cased: list[Path] | None = None) -> list[Path]:
    """The data files of a path or glob, in name order as a person numbers files (runs of
    digits as numbers, `natural_key`): files landed together load in that order, so under
    `merge` the last of them by number (`export_10` after `export_9`) wins a key. A
    writer's output folder it matches (or names) gives its parts once done, and is added
    to `waiting` while not, unless the glob matches parts of it itself (`**/*.csv`: read
    as they come, as asked; those in its `_temporary/` work folder are not delivered
    yet: `_in_work_folder`). Files whose names the glob matches only when case is ignored
    (`dietox-2.CSV` under `*.csv`, `name_case`) are data files too, and added to `cased`."""
    named = not any(ch in pattern for ch in "*?[")
    if named and not (Path(pattern).is_dir() and written(Path(pattern), is_data_file)):
        expand(pattern)  # a single named file must exist: its absence is an error
    # an empty landing folder is not: nothing has arrived yet
    by_case = name_case.case_only(pattern)
    if cased is not None:
        cased += [p for p in by_case if is_data_file(p)]
    matched = [Path(p) for p in glob.glob(pattern, recursive=True)] + by_case
    files = [p for p in matched
             if p.is_file() and is_data_file(p) and not _in_work_folder(p, pattern)]
    for folder in (p for p in matched if p.is_dir()):
        found = written(folder, is_data_file)
        if found is not None and found.done:
            files += found.parts
        elif found is not None and waiting is not None and \
                not any(f.is_relative_to(folder) for f in files):
            waiting.append(folder)
    delta, _ = delta_log.current([str(f) for f in dict.fromkeys(files)])
    return sorted(map(Path, delta), key=natural_key)
