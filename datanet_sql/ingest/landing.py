"""Landing files: which files of a glob are ready to load, and what each one holds.

A file is known by its content (sha256, streamed), not its modification time: a late file
stamped with an old time is still new, and an unchanged re-delivery is recognised. Files a
writer has not finished (`.part`), hidden files (`.x`) and markers (`_SUCCESS`) are not data.
"""

from __future__ import annotations

import glob
import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from datanet_sql.adapters.files import expand

_CHUNK = 1 << 20
_HASHERS = min(8, os.cpu_count() or 1)
_UNFINISHED = (".part", ".tmp", ".crc")


@dataclass(frozen=True)
class LandedFile:
    path: str
    size: int
    sha256: str


def is_data_file(path: Path) -> bool:
    """False for files still being written, hidden files and marker files (`_SUCCESS`)."""
    name = path.name
    return not (name.startswith((".", "_")) or name.endswith(_UNFINISHED))


def content_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def landed_files(pattern: str) -> list[LandedFile]:
    """The data files of a path or glob, in name order, each with its size and hash. Files
    are hashed on several threads (reads and sha256 of large buffers release the GIL):
    hashing was the largest part of a 50-file load that DuckDB's threads do not share."""
    paths = data_paths(pattern)
    sizes = [p.stat().st_size for p in paths]
    with ThreadPoolExecutor(max_workers=_HASHERS) as pool:
        hashes = list(pool.map(content_hash, paths))
    return [LandedFile(str(p), size, sha) for p, size, sha in zip(paths, sizes, hashes)]


def data_paths(pattern: str) -> list[Path]:
    """The data files of a path or glob, in name order."""
    if not any(ch in pattern for ch in "*?["):
        expand(pattern)  # a single named file must exist: its absence is an error
    # an empty landing folder is not: nothing has arrived yet
    paths = [Path(p) for p in glob.glob(pattern, recursive=True)]
    return [p for p in sorted(paths) if p.is_file() and is_data_file(p)]
