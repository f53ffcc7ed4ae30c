"""How the warehouse names a landed file: by its path from the project root.

The ledger's `file`, the `_datanet_file` column and `_rejects.file` name a file under the
project root relative to it, with forward slashes (`landing/a.csv`): a file is the same
file wherever the project is checked out, so a teammate's or CI's checkout sharing a
Postgres warehouse, or a project folder moved or copied with its DuckDB file, finds its
files loaded (an absolute path made every file new there: unchanged files were warned
about as re-sends, and a corrected re-delivery under `incremental_files` was added beside
the old rows instead of replacing them). A file outside the root has no such name and
keeps its absolute path. The loader itself works on absolute paths (it reads the files):
a name is made where a row is written (`stored`) and turned back into a path where the
ledger is read (`located`).

Earlier versions wrote absolute paths, and their rows are not migrated (that would be an
UPDATE of every loaded table at the first run, a rewrite of it on Spark): they are read as
what they are. An entry whose absolute path is under the current root is `located` to the
same path as its relative name, so the file is known; and what replaces a file's rows,
rejects or ledger rows matches both of its `spellings`, so its old rows go in the
transaction that loads it again and the new ones carry its relative name. An absolute
entry under another root is no file of this checkout: it is left as it is.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from sqlglot import exp


def stored(root: Path, path: str) -> str:
    """The name the warehouse keeps for `path`: relative to `root` with forward slashes
    when it is under it, else the path itself, normalised (a file outside the project),
    or as it is when it is no absolute path (a DSN, a name stored already)."""
    if not os.path.isabs(path):
        return path
    normal = os.path.normpath(path)
    try:
        return Path(normal).relative_to(root).as_posix()
    except ValueError:
        return normal


def stored_expression(root: Path, column: exp.Expression) -> exp.Expression:
    """`stored` in SQL, for a column of the normalised absolute paths the loader lists
    (DuckDB's own reader names each row's file so): the part after the root's folder when
    the path begins with it, else the path. One comparison a row, whatever the number of
    files a scan reads."""
    prefix = f"{str(root).rstrip(os.sep)}{os.sep}"
    return exp.If(
        this=exp.func("starts_with", column, exp.Literal.string(prefix)),
        true=exp.Substring(this=column, start=exp.Literal.number(len(prefix) + 1)),
        false=column,
    )


def located(root: Path, name: str) -> str:
    """The absolute path a stored name (or an absolute path an earlier version stored)
    stands for in this checkout: the same string the loader lists the file as."""
    return os.path.normpath(name if os.path.isabs(name) else root / PurePosixPath(name))


def spellings(root: Path, paths: Iterable[str]) -> tuple[str, ...]:
    """Every way the warehouse may name the files `paths`: the stored name and the absolute
    path, which a warehouse written by an earlier version holds."""
    return tuple(
        dict.fromkeys(name for path in paths for name in (stored(root, path), located(root, path)))
    )
