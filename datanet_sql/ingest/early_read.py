"""The first NDJSON file `datanet ingest` loads, read while the command is still starting.

A first load of an NDJSON file is mostly DuckDB's whole-file schema pass (`sample_size = -1`,
see readers/json.py), which runs on one thread: 0.35 of the 0.45 s read of 200k nested lines.
Before the command reaches the file it spends about as long importing the compiler, opening
the warehouse and checking the ledger, on one thread too. So `start` begins that very read
(the statement the loader would run, `readers.staged_json`, into its temporary table on a
connection of its own to the warehouse) on a thread as soon as the project's YAML is read,
and the loader takes it (`EarlyRead.take`) when the file it stages is that file, whole and
unchanged since the read began; the batch is then written on that connection, which holds
the table (`DuckDBAdapter.on_connection`). Anything else (a chunk of a file that grew, a file
changed since, another file, a read DuckDB refused) is read as before, and a read nobody
takes is interrupted when the command ends. Exactly once is untouched: the read writes
nothing but its temporary table, and the batch's rows and ledger rows still commit in one
transaction.

Only a DuckDB warehouse in a file (connections to `:memory:` do not share a database), only
the first table that qualifies (a second read would share the first one's core), and not
under `--follow` (whose chunks are copies of the lines complete so far). This module and
what it imports before the read begins stay clear of sqlglot and the readers (see
`readers.staged_json`).
"""

from __future__ import annotations

import fnmatch
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from datanet_sql.config.project import Project
from datanet_sql.config.targets import resolve_target
from datanet_sql.errors import DatanetError
from datanet_sql.fs.source_paths import resolve_path
from datanet_sql.ingest.formats import source_format
from datanet_sql.ingest.landing import data_paths
from datanet_sql.ingest.readers import staged_json

_TAILED_MODES = ("append", "incremental_files")  # `merge` and `replace` read otherwise


@dataclass
class EarlyRead:
    """A read of `path` into the staged read's temporary table on a connection of its own
    to the DuckDB database at `warehouse`, running on a thread from `begin`."""

    path: Path
    warehouse: str
    options: dict[str, Any]
    _stat: tuple[int, int] = (0, 0)
    _con: Any = None
    _done: bool = False  # the read finished and its table holds the file
    _closed: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _thread: threading.Thread | None = None

    def begin(self) -> None:
        self._stat = _stat(self.path)
        self._thread = threading.Thread(target=self._read, name="datanet-early-read",
                                        daemon=True)
        self._thread.start()

    def take(self, path: Path) -> Any | None:
        """The connection holding `path` read whole into its temporary table; None (without
        waiting) for another path, and None when the read failed or the file changed since
        it began."""
        if path != self.path or self._thread is None:
            return None
        self._thread.join()
        if not self._done or _stat(self.path) != self._stat:
            return None
        return self._con

    def close(self) -> None:
        """Interrupt a read still running (nobody took it) and close its connection."""
        with self._lock:
            self._closed = True
            if self._con is not None:
                self._con.interrupt()
        if self._thread is not None:
            self._thread.join()
        if self._con is not None:
            self._con.close()

    def _read(self) -> None:
        import duckdb

        try:
            if not staged_json.stageable(self.path, self.options, {}):
                return
            with self._lock:
                if self._closed:
                    return
                self._con = duckdb.connect(self.warehouse)
            staged_json.read(self._con, self.path, str(self.path), self.options)
            self._done = True
        except (duckdb.Error, DatanetError, OSError):
            return  # the loader reads the file itself, and says what is wrong with it


@contextmanager
def started(project: Project | None, select: Sequence[str] = (), exclude: Sequence[str] = ()
            ) -> Iterator[EarlyRead | None]:
    """`start` for the block (nothing for a None project), the read closed after it."""
    early = start(project, select, exclude) if project is not None else None
    try:
        yield early
    finally:
        if early is not None:
            early.close()


def start(project: Project, select: Sequence[str] = (), exclude: Sequence[str] = ()
          ) -> EarlyRead | None:
    """The early read of the first NDJSON file the load of `project`'s selected tables will
    stage, begun; None when no table qualifies (see the module's docstring)."""
    try:
        target = resolve_target(project.root, project.target_name)
    except DatanetError:
        return None  # the command reports it when it opens the project
    warehouse = str(target.get("path", ":memory:"))
    if target.get("type") != "duckdb" or warehouse == ":memory:":
        return None
    for located in sorted(project.source_tables,
                          key=lambda t: (t.source.name, t.table.name)):
        path = _first_file(project.root, located.source.name, located.table, select, exclude)
        if path is not None:
            Path(warehouse).parent.mkdir(parents=True, exist_ok=True)
            early = EarlyRead(path, warehouse, dict(located.table.options))
            early.begin()
            return early
    return None


def _first_file(root: Path, source: str, table: Any, select: Sequence[str],
                exclude: Sequence[str]) -> Path | None:
    """The first file of a selected, tailed NDJSON table read with the reader's defaults
    (the staged read's conditions: staged_json.stageable), if non-empty."""
    load = table.load
    declared = {c.name: c.data_type or c.type for c in table.columns if c.data_type or c.type}
    if load is None or not table.path or load.mode not in _TAILED_MODES or \
            not staged_json.stages_with(table.options, declared) or \
            not _selected(f"{source}.{table.name}", select, exclude):
        return None
    try:
        if source_format(Path(table.path), table.format) != "ndjson":
            return None
        paths = data_paths(resolve_path(root, table.path))
    except DatanetError:
        return None
    return paths[0] if paths and paths[0].stat().st_size else None


def _selected(name: str, select: Sequence[str], exclude: Sequence[str]) -> bool:
    """Whether `source:` terms choose the table `name` (`source.table`): the selection is
    resolved later on the manifest (ingest.project.sources_only has only such terms); a read
    begun for a table it leaves out is interrupted, never used."""
    def matches(terms: Sequence[str]) -> bool:
        return any(fnmatch.fnmatchcase(name, pattern) or
                   fnmatch.fnmatchcase(name.split(".", 1)[0], pattern)
                   for term in terms for pattern in _patterns(term))
    return (not select or matches(select)) and not matches(exclude)


def _patterns(term: str) -> list[str]:
    return [part.removeprefix("source:") for part in term.replace(",", " ").split()]


def _stat(path: Path) -> tuple[int, int]:
    try:
        found = os.stat(path)
    except OSError:
        return (-1, -1)
    return found.st_size, found.st_mtime_ns
