"""Loading source tables with `load:` into the warehouse, each batch exactly once.

A batch is the new landed files of one layout (read in one scan when they can be, see
`reading.read_each`; under merge one file; for `replace` every file of the glob; for a
database table, one batch of rows at or after the last cursor value). Its rows, its rejects
and its ledger rows are written in one transaction, so a kill at any moment leaves the
warehouse as it was before the batch or after it, and a rerun carries on from there.

`incremental_files` keeps a `_datanet_file` column on every row: a corrected re-delivery of a
file is one `DELETE ... WHERE _datanet_file = <name>` away from replacing its own rows, and a
reader of the table can always tell where a row came from (which a ledger-side mapping of row
ids would hide, and which would break under merges and vacuuming). The ledger and that column
name a file by its path from the project root (`file_names`), so the project can be checked
out anywhere; the loader works on absolute paths, the ledger's names `located` as read.

Arrays become child tables `<table>__<field>` written in the same transaction (see
`writes.write_child`); NDJSON files are tailed, a batch being the lines appended since the
last load (see `tail`). How a batch changes a table, per mode and engine, is `writes`;
writing one batch in its transaction is `batch_commit`. Files of a Delta Lake table that a
later commit of its log removed (a rewrite) are withdrawn, refused or warned about per mode
in the first batch's transaction (`delta_removed`).
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import groupby
from pathlib import Path
from typing import Any

from sqlglot import exp

from datanet_sql.adapters.base import Adapter, Relation
from datanet_sql.errors import ConfigError, IngestError, WarehouseError
from datanet_sql.ingest import delta_removed, ledger, name_case, output_folders, resent
from datanet_sql.ingest.batch_commit import (
    BATCH,
    Batch,
    Unscannable,
    commit,
    ledger_relation,
    ledger_rows,
    new_batch,
    rejects_relation,
)
from datanet_sql.ingest.cumulative import refuse_cumulative
from datanet_sql.ingest.database_load import database_location, load_database
from datanet_sql.ingest.file_names import located, stored
from datanet_sql.ingest.file_reads import about_layout, parent_key, read_file, renumber, tagged
from datanet_sql.ingest.files import resolve_path
from datanet_sql.ingest.grown import Grown, Tail, cut_record, grown
from datanet_sql.ingest.landing import LandedFile, data_paths, landed_files
from datanet_sql.ingest.readers.declared import declared_types
from datanet_sql.ingest.rotation import renamed_from
from datanet_sql.ingest.tail import (
    Chunk,
    Heads,
    at_a_record,
    first_line,
    hashing,
    next_chunk,
    read_bytes,
)
from datanet_sql.ingest.writes import (
    FILE_COLUMN,
)

__all__ = ["FILE_COLUMN", "LoadJob", "LoadResult", "job_for", "load"]

_GROUP_BYTES = 256 << 20  # file bytes one scan of several files reads (memory bound)
ENGINES = ("duckdb", "postgres", "spark")  # those whose adapter stages a batch (arrow_view)


@dataclass
class LoadJob:
    """One source table to load: where its data comes from, where it goes, and how."""

    source: str
    table: str
    relation: Relation
    ledger_schema: str
    root: Path
    config: dict[str, Any]  # the node's `load` config (see compile/passes/load.py)
    on_schema_change: str = "heal"
    # --follow: a growing NDJSON file (a CSV under append) is read to its last full line
    following: bool = False
    # --follow: whether Ctrl-C or SIGTERM asked to stop; checked before each batch, so the
    # batch in flight commits and no other starts (what is left loads on the next run)
    stopped: Callable[[], bool] = field(default=lambda: False, repr=False)
    # the table as the user knows it, when the load writes under another name (a full
    # refresh loads into a shadow table: see refresh.py); `source.table` otherwise
    shown_as: str | None = None

    @property
    def name(self) -> str:
        """`source.table` for messages: the user's name even for a shadow table."""
        return self.shown_as or f"{self.source}.{self.table}"

    @property
    def mode(self) -> str:
        return str(self.config["mode"])

    @property
    def same_content(self) -> str:
        """`skip` (a new file with a loaded file's content is not loaded: see resent.py) or
        `load`."""
        return str(self.config.get("same_content") or "skip")

    @property
    def merge_key(self) -> list[str] | None:
        """The columns every row must have a value in: a merge's primary key (a row without
        its key has no place; the readers make it a bad row, rejected, skipped or failing)."""
        return list(self.config["primary_key"] or ()) if self.mode == "merge" else None


@dataclass
class LoadResult:
    rows: int = 0      # rows of the batches loaded by this run (before a merge's dedupe)
    batches: int = 0   # files or database batches loaded
    skipped: int = 0   # files already in the ledger with the same content, or re-sent
    rejects: int = 0
    children: dict[str, int] = field(default_factory=dict)  # child table -> rows loaded
    notes: list[str] = field(default_factory=list)       # columns the load added or widened
    read_notes: list[str] = field(default_factory=list)  # what the reader decided (distinct)
    warnings: list[str] = field(default_factory=list)    # what the user must act on (re-sends)

    @property
    def message(self) -> str:
        parts = [f"{self.batches} batch(es) loaded", f"{self.skipped} unchanged"]
        parts += [f"{rows} row(s) in {name}" for name, rows in sorted(self.children.items())]
        if self.rejects:
            parts.append(f"{self.rejects} rejected row(s) in _rejects")
        return ", ".join(parts + self.notes)


def job_for(node: Any, ledger_schema: str, root: Path, following: bool = False,
            stopped: Callable[[], bool] | None = None) -> LoadJob:
    source, table = node.name.split(".", 1)
    return LoadJob(source, table, node.relation, ledger_schema, root, node.config["load"],
                   str(node.config.get("on_schema_change") or "heal"), following,
                   stopped or (lambda: False))


def first_schema(job: LoadJob, readers: Any) -> Any:
    """The Arrow schema of the table a load will write, before its first load: its first
    landed file (in name order) read as the load reads it, names, declared types and the
    columns the load adds included, or a database table's first rows. Only that file: a
    folder of a year's deliveries is not read twice on a fresh warehouse; columns later
    files add arrive with their load, and the next compile sees the table itself. Bad
    rows are the load's to fail on (`on_bad_row: fail`), not the compile's: read here as
    rejects, so one source's bad row does not stop a build of every other."""
    job = replace(job, config={**job.config, "on_bad_row": "reject"})
    if job.config.get("path"):
        paths = data_paths(resolve_path(job.root, job.config["path"]))
        if not paths:
            raise IngestError("no data file matches the source's path",
                              file=job.config["path"])
        read_ = read_file(job, readers.read_source, paths[0])
    else:
        read_ = next(readers.read_table(job.config["format"], database_location(job),
                                        job.config["source_table"], job.config["columns"],
                                        batch_rows=1_000,
                                        encoding=job.config["options"].get("encoding")))
    try:
        return read_.table.schema
    finally:
        read_.close()


def load(adapter: Adapter, job: LoadJob, readers: Any) -> LoadResult:
    """Load every batch not yet in the ledger. `readers` provides `read_source` and
    `read_table` (datanet_sql.ingest.reading, or a stand-in in tests)."""
    check_engine(adapter, job.name)
    create_ledger(adapter, job)
    result = LoadResult()
    if job.config.get("path") and _tailed(job, readers):
        _tail_files(adapter, job, readers, result)
    elif job.config.get("path"):
        _load_files(adapter, job, readers, result)
    else:
        load_database(adapter, job, readers.read_table, result)
    return result


def create_ledger(adapter: Adapter, job: LoadJob) -> None:
    """The schemas, the ledger and the rejects table, those missing created in one
    transaction (one fsync of the warehouse's log, not four); nothing but one catalog
    query when they exist, as they do from the second load on (every `--follow` round). A
    ledger an earlier version made gets the columns it lacks. One load at a time: `run`
    loads sources on several threads, and on a fresh warehouse two of them both found the
    ledger missing and both created it (the second failing its source)."""
    with _LEDGER_CREATION:
        _create_missing(adapter, job)


_LEDGER_CREATION = threading.Lock()


def _create_missing(adapter: Adapter, job: LoadJob) -> None:
    tables = {ledger_relation(job): ledger.LEDGER_COLUMNS,
              rejects_relation(job): ledger.REJECT_COLUMNS}
    existing = adapter.list_columns_of(list(tables))
    missing = [r for r in tables if r not in existing]
    added = ledger.added_columns(ledger_relation(job), existing.get(ledger_relation(job)))
    if not missing and not added:
        return
    with adapter.atomic():
        for schema in {job.relation.schema, job.ledger_schema} if missing else ():
            adapter.execute(adapter.create_schema(schema))
        for relation in missing:
            adapter.execute(adapter.create_table_as(relation, ledger.empty(tables[relation])))
        for statement in added:
            adapter.execute(statement)


def check_engine(adapter: Adapter, name: str) -> None:
    if adapter.dialect not in ENGINES:
        raise ConfigError(f"loading source table '{name}' into {adapter.dialect} is not "
                          f"supported yet", hint="ingest into a DuckDB, Postgres or Spark target")


def _load_files(adapter: Adapter, job: LoadJob, readers: Any, result: LoadResult) -> None:
    waiting: list[Path] = []
    cased: list[Path] = []
    files = landed_files(resolve_path(job.root, job.config["path"]), waiting, cased)
    result.warnings += _waiting(job, waiting)
    every = _located_entries(adapter, job)
    removed = delta_removed.found(job, every)  # refused under append
    if not files and not removed:  # an empty landing folder: nothing has arrived yet
        return
    entries = _for_mode(job, removed.without(every))
    if job.mode == "replace":  # every file loads again: each such file warned about
        result.warnings += _by_case(job, [Path(f.path) for f in files], cased)
        _replace_files(adapter, job, readers, files, entries, result)
        return
    seen = {(e.file, e.sha256) for e in entries}
    # a path the ledger never saw is new: its hash is waited for only to tell a re-send
    known = {e.file for e in entries}
    new = [f for f in files if f.path not in known or (f.path, f.sha256) not in seen]
    result.warnings += _by_case(job, [Path(f.path) for f in new], cased)
    grew = grown(job, readers, new, entries) if job.mode == "append" else Grown()
    result.skipped += len(files) - len(new) + len(grew.held)
    _append_tails(adapter, job, readers, grew.tails, result)
    new = [f for f in new if f.path not in grew.tails and f.path not in grew.held]
    repeats: list[resent.Repeat] = []
    if job.same_content == "skip":
        new, repeats = resent.split(new, entries)
        if job.mode == "incremental_files":  # files as deliveries (see cumulative.py)
            refuse_cumulative(job.root, job.name, files, new, entries)
    following: delta_removed.Removed | None = removed or None  # with the first batch
    for group in _groups(new):
        if job.stopped():
            return
        if not _scan_into(adapter, job, readers, group, result, following):
            with _closed_after([]) as reads:
                try:
                    reads.extend(_reads(job, readers, group))
                finally:  # on_bad_row: fail stops at a file: those read before it still load
                    _commit_files(adapter, job, result, group[:len(reads)], reads, following)
        following = None
    if following and not job.stopped():  # nothing new: followed in a transaction alone
        with adapter.atomic():
            following.apply(adapter, job, result)
    if not job.stopped():  # every file loaded: those repeating them are recorded as such
        result.warnings += resent.record(adapter, job, repeats)
        result.skipped += len(repeats)


def _waiting(job: LoadJob, folders: list[Path]) -> list[str]:
    """The warnings about output folders whose writer is not done (`output_folders`)."""
    return [output_folders.waiting(stored(job.root, str(f)), job.config["path"])
            for f in folders]


def _by_case(job: LoadJob, new: list[Path], cased: list[Path]) -> list[str]:
    """The warnings about the files of `new` (to load now) that the source's path matches
    only when case is ignored (`name_case`)."""
    return [name_case.warning(stored(job.root, str(p)), job.config["path"])
            for p in new if p in cased]


def _entries(adapter: Adapter, job: LoadJob) -> list[ledger.Entry]:
    """The table's ledger entries in load order, as the mode uses them (`_for_mode`)."""
    return _for_mode(job, _located_entries(adapter, job))


def _located_entries(adapter: Adapter, job: LoadJob) -> list[ledger.Entry]:
    """The table's ledger entries in load order, each file `located` in this checkout (a
    name written from another folder, or an absolute path an earlier version wrote under
    this root, is the file the loader lists: see file_names)."""
    return [replace(e, file=located(job.root, e.file))
            for e in ledger.entries(adapter, ledger_relation(job), job.source, job.table)]


def _for_mode(job: LoadJob, entries: list[ledger.Entry]) -> list[ledger.Entry]:
    """Under `same_content: load` the entries without the files skipped as re-sends, which
    load as new ones now."""
    return resent.loaded(entries) if job.same_content == "load" else entries


def _replace_files(adapter: Adapter, job: LoadJob, readers: Any, files: list[LandedFile],
                   entries: list[ledger.Entry], result: LoadResult) -> None:
    """The table rebuilt from every file of the glob, when any of them changed since the
    last load (the ledger, `entries`, holds each file's hash). A file with the bytes of one
    before it in path order is the same delivery saved twice: under `same_content: skip` it
    is not read, its rows would be in the table twice (see resent.py); the warning is given
    once, when the ledger does not record the file as a re-send yet (a rebuild records it
    again)."""
    if adapter.list_columns(job.relation) is not None and \
            {(e.file, e.sha256) for e in entries} == {(f.path, f.sha256) for f in files}:
        result.skipped = len(files)
        return
    repeats: list[resent.Repeat] = []
    if job.same_content == "skip":
        files, repeats = resent.split(files, [])
    if len(files) != 1 or not _scan_into(adapter, job, readers, files, result, replace=True):
        with _closed_after([]) as reads:
            reads.extend(read_ for group in _groups(files) for read_ in _reads(job, readers, group))
            rows = [r for f, read_ in zip(files, reads) for r in ledger_rows(
                job, f.path, f.size, f.sha256, read_, None)]
            commit(adapter, job, result, new_batch(reads, rows, replace=True))
        result.batches = len(files)
    told = {(e.file, e.sha256) for e in entries if e.reason is not None}
    result.warnings += resent.record(adapter, job, repeats, told)
    result.skipped += len(repeats)


def _append_tails(adapter: Adapter, job: LoadJob, readers: Any, tails: dict[str, Tail],
                  result: LoadResult) -> None:
    """Each grown file's new lines as a batch of its own: its rows, rejects numbered in the
    whole file, and its ledger row (the file's new size and hash) in one transaction."""
    for tail in tails.values():
        if job.stopped():
            return
        with tempfile.TemporaryDirectory(prefix="datanet-tail-") as folder, \
                hashing(tail.chunk) as sha256:
            copy = read_bytes(tail.chunk, Path(folder) / tail.chunk.path.name, False, tail.head)
            _commit_chunk(adapter, job, readers, copy, tail.chunk, sha256.result(), result,
                          tail.options, tail.head_lines)
        result.batches += 1


@contextmanager
def _closed_after(reads: list[Any]) -> Iterator[list[Any]]:
    """`reads` (filled by the block), each closed when the block ends: their rows are
    streamed from the readers' connections until the batch holding them is committed."""
    try:
        yield reads
    finally:
        for read_ in reads:
            read_.close()


def _commit_files(adapter: Adapter, job: LoadJob, result: LoadResult,
                  files: list[LandedFile], reads: list[Any],
                  removed: delta_removed.Removed | None = None) -> None:
    """Landed files with their ledger rows, those of one layout in one transaction: all of
    them or none, so exactly-once holds as for one file, at a fraction of the commits.
    The files their Delta log `removed` are followed in the first one."""
    for number, chunk in enumerate(_chunks(job, list(zip(files, reads)))):
        if job.stopped():
            return
        rows = [r for f, read_ in chunk for r in ledger_rows(job, f.path, f.size, f.sha256,
                                                              read_, None)]
        commit(adapter, job, result, replace(new_batch([read_ for _, read_ in chunk], rows),
                                              files=tuple(f.path for f, _ in chunk),
                                              removed=None if number else removed))
        result.batches += len(chunk)


def _scan_into(adapter: Adapter, job: LoadJob, readers: Any, files: list[LandedFile],
               result: LoadResult, removed: delta_removed.Removed | None = None,
               replace: bool = False) -> bool:
    """New CSV files into a DuckDB warehouse: the warehouse runs DuckDB's reader itself and
    inserts from it, rejects and ledger rows following in the same transaction, so the rows
    are never copied into Arrow and back (profiled on a 50-file folder: a third of the
    load's CPU and most of its peak memory). A ledger row needs each file's row count: under
    incremental_files the rows' `_datanet_file` gives it, otherwise only a batch of one file
    can be loaded so (`replace`: the whole table is that file). False when the files are to
    be read into Arrow instead: another engine, merge, several files under append or replace,
    `on_bad_row` other than reject (`fail` commits the files before the first bad one), a
    declared column the files lack (added as NULL, see readers.shape), files one scan cannot
    read alike, a byte past the sampled first MB that is not UTF-8, columns read_csv's rows
    are converted or dropped from (`Scan.plain`), or values past DuckDB's type sample that
    do not fit its guess (`Scan.guessed_misfits`), or NaN in a double column (read as NULL
    there, noted). The files their Delta log `removed` are followed in the scan's
    transaction (`delta_removed`)."""
    by_file = job.mode == "incremental_files"
    if adapter.dialect != "duckdb" or job.mode == "merge" or not (by_file or len(files) == 1) \
            or job.config["on_bad_row"] != "reject":
        return False
    con = adapter.connection
    scan = readers.plan_each(con, [Path(f.path) for f in files], job.config.get("format"),
                             job.config["options"], job.config["columns"], "reject",
                             FILE_COLUMN if by_file else None)
    if scan is None or not scan.plain or \
            set(scan.declared) != set(declared_types(job.config["columns"], "")):
        return False
    scan.rejects_table = f"{BATCH}_rejects"
    batch = Batch(None, {}, [], [], about_layout(scan.notes(), scan.label),
                   files=tuple(f.path for f in files), replace=replace, scan=scan,
                   landed=tuple(files), removed=removed)
    notes, warnings = list(result.notes), list(result.warnings)
    try:
        commit(adapter, job, result, batch)
    except (Unscannable, WarehouseError):  # rolled back: the Arrow path reads and says why
        result.notes[:], result.warnings[:] = notes, warnings
        return False
    finally:
        scan.drop_rejects(con)
    result.batches += len(files)
    return True


def _chunks(job: LoadJob, pairs: list[tuple[LandedFile, Any]]) -> list[list[Any]]:
    """Runs of files whose rows (and child rows) have the same columns and types: a file
    that adds or retypes a column starts a transaction of its own, so the table evolves as
    it would file by file. Under merge, whose child rows link to their parent by a record
    number counted within one file, one file a transaction."""
    if job.mode == "merge":
        return [[pair] for pair in pairs]

    def layout(pair: tuple[LandedFile, Any]) -> tuple[Any, ...]:
        read_ = pair[1]
        return (read_.table.schema, *[(k, v.schema) for k, v in sorted(read_.children.items())])
    return [list(run) for _, run in groupby(pairs, key=layout)]


def _groups(files: list[LandedFile]) -> Iterator[list[LandedFile]]:
    """New files in runs of one first line (the header: a file with another is sniffed
    anew) and at most `_GROUP_BYTES` (one big file alone): what one scan reads, so a large
    backlog is read in bounded memory."""
    group: list[LandedFile] = []
    size, header = 0, b""
    for file in files:
        first = first_line(file.path)
        if group and (size + file.size > _GROUP_BYTES or first != header):
            yield group
            group, size = [], 0
        group.append(file)
        size, header = size + file.size, first
    if group:
        yield group


def _reads(job: LoadJob, readers: Any, files: list[LandedFile]) -> Iterator[Any]:
    """The files' reads in order: in one scan when they share a layout (`read_each`), else
    each on its own; rows tagged with their file as `read_file` tags them."""
    paths = [Path(f.path) for f in files]
    scanned = readers.read_each(paths, job.config.get("format"), job.config["options"],
                                job.config["columns"], job.config["on_bad_row"],
                                parent_key(job),
                                FILE_COLUMN if job.mode == "incremental_files" else None,
                                stream=True, required=job.merge_key)
    if scanned is None:
        yield from (read_file(job, readers.read_source, path) for path in paths)
        return
    for path, read_ in zip(paths, scanned):
        yield tagged(job, read_, str(path))


def _tailed(job: LoadJob, readers: Any) -> bool:
    """NDJSON files are tailed (see ingest.tail), except under replace, which reads all."""
    path = Path(job.config["path"])
    return job.mode != "replace" and \
        readers.source_format(path, job.config.get("format")) == "ndjson"


def _tail_files(adapter: Adapter, job: LoadJob, readers: Any, result: LoadResult) -> None:
    """Each NDJSON file's lines appended since its last ledger row, one batch per file."""
    entries = _entries(adapter, job)
    last = {e.file: e for e in entries}
    loaded_now: set[str] = set()
    waiting: list[Path] = []
    cased: list[Path] = []
    paths = data_paths(resolve_path(job.root, job.config["path"]), waiting, cased)
    result.warnings += _waiting(job, waiting)
    result.warnings += _by_case(job, [p for p in paths if str(p) not in last], cased)
    heads = Heads(paths)
    for path in paths:
        if job.stopped():
            return
        before = last.get(str(path))
        if before is None and job.mode == "append" and job.same_content == "skip":
            before = renamed_from(path, entries)  # log rotation: its start is loaded
        chunk = next_chunk(path, before, job.following)
        if chunk is not None and not at_a_record(path, chunk.start):
            if job.mode == "append":
                raise cut_record(path, chunk.start, before.file if before else None)
            # its rows replace (or are merged over) those of the cut line's load
            chunk = next_chunk(path, None, job.following)
        if chunk is None:
            result.skipped += 1
            continue
        with tempfile.TemporaryDirectory(prefix="datanet-tail-") as folder, \
                hashing(chunk) as sha256:
            copied = last.get(str(path)) is not None and last[str(path)].reason is not None
            if _resent_chunk(adapter, job, chunk, sha256, entries, heads, copied, loaded_now,
                             result):
                continue
            copy = read_bytes(chunk, Path(folder) / path.name, job.following)
            if not _tail_into(adapter, job, readers, copy, chunk, sha256, result):
                _commit_chunk(adapter, job, readers, copy, chunk, sha256.result(), result)
        result.batches += 1
        entries.append(ledger.Entry(str(path), sha256.result(), None, chunk.end))
        loaded_now.add(str(path))


def _resent_chunk(adapter: Adapter, job: LoadJob, chunk: Chunk, sha256: Future[str],
                  entries: list[ledger.Entry], heads: Heads, copied: bool,
                  loaded_now: set[str], result: LoadResult) -> bool:
    """Whether a tailed file read from its start, or recorded as a copy by its last ledger
    row (`copied`: it may still be being copied), is a re-send and not to be loaded (see
    resent.py): it holds the bytes of a file already loaded (whole, or as far as it was
    tailed), or the first bytes of another file of the glob still being written (a copy of
    it, `resent.copy_of`). Its hash is waited for only when a loaded file had its size. A
    copy growing as the other file does is recorded again without a warning."""
    if (chunk.start and not copied) or job.same_content != "skip":
        return False
    file = LandedFile(str(chunk.path), chunk.end, sha256)
    _, repeats = resent.split([file], entries)
    repeats = [replace(r, before=r.original not in loaded_now) for r in repeats]
    if not repeats:
        repeats = resent.copy_of(file, heads.sharing(chunk.path, chunk.end), entries,
                                  copied)
    warnings = resent.record(adapter, job, repeats)
    result.warnings += [] if copied else warnings
    result.skipped += len(repeats)
    return bool(repeats)


def _commit_chunk(adapter: Adapter, job: LoadJob, readers: Any, copy: Path, chunk: Chunk,
                  sha256: str, result: LoadResult, options: dict[str, Any] | None = None,
                  head_lines: int = 0) -> None:
    """A chunk read from `copy` (its bytes after `head_lines` lines of the file's head)
    through Arrow, its record numbers counted in the whole file, committed with its ledger
    rows."""
    with _closed_after([read_file(job, readers.read_source, copy, label=chunk.path,
                                   options=options)]) as (read_,):
        renumber(read_, chunk.lines_before - head_lines)
        commit(adapter, job, result, _tail_batch(job, chunk, sha256, read_,
                                                 new_batch([read_], [])))


def _tail_batch(job: LoadJob, chunk: Chunk, sha256: str, read_: Any, batch: Batch) -> Batch:
    """A chunk's batch with its ledger rows (`sha256`: of the file up to the chunk's end);
    from the file's start it replaces the file's earlier rows (if any)."""
    batch.ledger_rows = ledger_rows(job, str(chunk.path), chunk.end, sha256, read_, None)
    return replace(batch, files=(str(chunk.path),)) if chunk.start == 0 else batch


def _tail_into(adapter: Adapter, job: LoadJob, readers: Any, copy: Path, chunk: Chunk,
               sha256: Future[str], result: LoadResult) -> bool:
    """A chunk into a DuckDB warehouse read by the warehouse itself (`readers.stage_json`):
    its parent and child rows inserted from queries over the read, in the batch's
    transaction with its ledger rows. False when it is to be read into Arrow instead:
    another engine, merge (its winners need the batch's order), or what `stage_json`
    declines; also when the warehouse refuses the batch (rolled back: the Arrow path reads
    it again and says why)."""
    if adapter.dialect != "duckdb" or job.mode == "merge":
        return False
    table = f"{BATCH}_json"
    try:
        read_ = readers.stage_json(adapter.connection, copy, str(chunk.path),
                                   job.config["options"], job.config["columns"],
                                   parent_key(job), table, chunk.lines_before + 1)
        if read_ is None:
            return False
        read_ = tagged(job, read_, str(chunk.path))
        batch = Batch(read_.table, read_.children, [], [], read_.schema_notes)
        notes = list(result.notes)
        try:
            commit(adapter, job, result, _tail_batch(job, chunk, sha256.result(), read_, batch))
        except WarehouseError:
            result.notes[:] = notes
            return False
        return True
    finally:
        adapter.execute(exp.Drop(tables=[exp.to_table(table)], kind="TABLE", exists=True))
