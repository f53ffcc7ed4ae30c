"""The files a source read in place (no `load:`) reads: the ones `datanet ingest` would load.

A file source without `load:` is a view over its files on DuckDB, and a table loaded from
them each run on Postgres and Spark. Its path went to the engine as it was, and an engine's
glob is not the loader's: DuckDB's reads hidden files (`.sales.csv`) and, under `landing/*`,
`.part` files, `.crc` checksums and `_SUCCESS` markers (pyarrow, for Postgres, failed on
the empty marker), under `**` a Spark job's uncommitted `_temporary/` parts, and Parquet
summary files (a crash, or every row twice); neither looked into a writer's output folder
(`sales-2.csv/`, a folder of parts) nor saw `b.CSV` under `*.csv`. Each left a view with
rows missing or extra, and no word.

So the files are chosen as the loader chooses them (`landing.data_paths`: hidden files,
markers, unfinished and checksum files left out, a finished output folder read as its
parts, one still being written left out and warned about, a name matched only by case
read and warned about), and DuckDB is given the pattern itself only when its own glob
lists exactly those files: then the SQL is what it always was and a file landing later is
read at once. Otherwise the view reads the list made when it was built, which each run
builds again: a file landing between runs is read from the next run on.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlglot import exp

from datanet_sql.adapters.base import Adapter
from datanet_sql.errors import RelationNotFoundError
from datanet_sql.ingest import name_case, output_folders
from datanet_sql.ingest.file_names import stored
from datanet_sql.ingest.landing import data_paths

_WILDCARDS = "*?["
_NAMED_AT_MOST = 5  # files named in a message; the rest counted


@dataclass(frozen=True)
class Chosen:
    """The files a source's `pattern` (absolute, see `files.resolve_path`) reads in place,
    in name order, with the ones its run warns about: matched only by case (`cased`), and
    output folders whose writer is not done (`waiting`, left out)."""

    pattern: str
    files: tuple[str, ...]
    cased: tuple[Path, ...] = ()
    waiting: tuple[Path, ...] = ()

    def duckdb_paths(self, duckdb: Adapter) -> list[str] | None:
        """None when DuckDB's own glob of the pattern (asked of `duckdb`) lists exactly
        the chosen files, so the view reads the pattern as before; else the files, for
        the view to read as a list."""
        if self.files == (self.pattern,):
            return None
        return None if set(self._globbed(duckdb)) == set(self.files) else list(self.files)

    def listed_note(self, duckdb: Adapter, root: Path) -> str:
        """What a view over the listed files says: the files DuckDB's glob would also have
        read (named as the warehouse names files), and when a file landing later is read."""
        chosen = set(self.files)
        left_out = [stored(root, f) for f in self._globbed(duckdb) if f not in chosen]
        skipped = f"; {_names(left_out)} left out (not data, as for `datanet ingest`)" \
            if left_out else ""
        return (f"view over the {len(self.files)} file(s) listed now{skipped}: a file "
                f"landing later is read from the next run on")

    def _globbed(self, duckdb: Adapter) -> list[str]:
        """DuckDB's glob of the pattern, normalised as the chosen files are."""
        globbed = exp.Anonymous(this="glob", expressions=[exp.Literal.string(self.pattern)])
        _, rows = duckdb.fetch(exp.select("file").from_(exp.Table(this=globbed)))
        return [os.path.normpath(row[0]) for row in rows]

    def warnings(self, root: Path, path: str) -> list[str]:
        """What a run says of these files, for a source whose `path` is as written: the
        loader's own warnings (`name_case`, `output_folders`), files named as the
        warehouse names them."""
        return [*(output_folders.waiting(stored(root, str(f)), path) for f in self.waiting),
                *(name_case.warning(stored(root, str(f)), path) for f in self.cased)]


def choose(pattern: str) -> Chosen:
    """The files `pattern` reads in place. A named file is itself, whatever its name (a
    source naming `_orders.csv` means it). A glob, or a named writer's output folder, gives
    the loader's data files; none is a RelationNotFoundError, saying why when the pattern
    matched output folders still being written."""
    if not any(ch in pattern for ch in _WILDCARDS) and Path(pattern).is_file():
        return Chosen(pattern, (pattern,))
    waiting: list[Path] = []
    cased: list[Path] = []
    files = tuple(str(p) for p in data_paths(pattern, waiting, cased))
    if not files:
        raise RelationNotFoundError(
            f"no file matches '{pattern}'{_why_none(waiting)}",
            hint="check the path of the source (relative to the project); hidden files, "
                 "`_` markers and `.part`, `.tmp` and `.crc` files are not read, as "
                 "`datanet ingest` does not load them")
    kept = set(files)
    return Chosen(pattern, files, tuple(p for p in cased if str(p) in kept), tuple(waiting))


def _why_none(waiting: list[Path]) -> str:
    """Why a pattern that matched only output folders still being written reads no file."""
    if not waiting:
        return ""
    return (f": {_names(f.name for f in waiting)}: output folder(s) of a writer (Spark, "
            f"Hadoop, Hive) without the `{output_folders.SUCCESS}` it leaves when done, "
            f"read once the marker lands")


def _names(files: Iterable[str]) -> str:
    """Up to a few file names, the rest counted: for a message about many files."""
    given = list(files)
    shown = ", ".join(given[:_NAMED_AT_MOST])
    more = len(given) - _NAMED_AT_MOST
    return f"{shown} and {more} more" if more > 0 else shown
