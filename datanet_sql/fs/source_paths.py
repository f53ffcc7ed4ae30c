"""Where a file source's data is: its path from the project root, and the files it names
(shared by the adapters, the compiler and the ingestion layer's landing folders)."""

from __future__ import annotations

import glob
from pathlib import Path

from datanet_sql.errors import RelationNotFoundError


def resolve_path(root: Path, path: str) -> str:
    """Absolute path (or glob) of a source file, relative paths taken from the project root."""
    candidate = Path(path)
    return str(candidate if candidate.is_absolute() else root / candidate)


def expand(path: str) -> list[str]:
    """The files a path or glob names, sorted; `**` matches any depth of folders (as in
    DuckDB's own globs); missing files are a RelationNotFoundError."""
    files = sorted(glob.glob(path, recursive=True)) if any(c in path for c in "*?[") else [path]
    files = [f for f in files if Path(f).is_file()]
    if not files:
        raise RelationNotFoundError(f"no file matches '{path}'",
                                    hint="check the path of the source (relative to the project)")
    return files
