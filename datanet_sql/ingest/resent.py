"""Files re-sent under a new name: content already loaded is not loaded twice.

A landed file is known by its content (see `landing`): a path the ledger holds with the same
hash is an unchanged re-delivery, skipped. The same bytes under a *new* name are the other
common re-delivery (an export re-run with a timestamp in its name, yesterday's file uploaded
again), and loading them would add their rows a second time, without a word; under
`replace` too, which rebuilds the table from every file of its glob (a delivery saved twice
is one delivery). Under
`load: {same_content: skip}`, the default, such a file is not loaded: the run warns, naming
both files and what to do, and the ledger records it (0 rows, its hash, the reason), so the
next run passes it by silently. `same_content: load` takes every file as a delivery of its
own (an unchanged daily snapshot meant to be appended).

A tailed NDJSON file (see `tail`) copied while its writer goes on is not byte-identical to
any loaded file: the copy holds the file's first lines, the file has more (or was tailed to
an earlier line). Its lines load from the file, so the copy is a re-send too (`copy_of`):
the whole of it must be the other file's beginning (two files whose first lines merely
agree are not copies), and a copy that grows as the file does stays one, quietly; lines it
gains that the file does not have are its own.

Only a file of the same size can have the same bytes: a new file whose size no loaded file
and no other new file has is loaded without waiting for its hash, which goes on being
computed beside the read (see `landing.LandedFile`); each file is still read once to hash it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlglot import exp

from datanet_sql.adapters.base import Adapter
from datanet_sql.ingest import ledger
from datanet_sql.ingest.batch_commit import ledger_relation, withdraw
from datanet_sql.ingest.file_names import located, spellings, stored
from datanet_sql.ingest.landing import LandedFile
from datanet_sql.ingest.tail import starts_alike
from datanet_sql.ingest.writes import of_files

if TYPE_CHECKING:
    from datanet_sql.ingest.loader import LoadJob


@dataclass(frozen=True)
class Repeat:
    """A landed file whose bytes are those of a file already loaded into the same table."""

    file: LandedFile
    original: str       # the file loaded with these bytes
    before: bool        # loaded by an earlier run (else: earlier in this one, in path order)
    redelivered: bool   # the path itself was loaded before, with other content
    prefix: bool = False  # its bytes are the first of `original`, a tailed file (copy_of)

    def reason(self, root: Path) -> str:
        """What the ledger records: why the file's rows are not in the table (the other
        file by its name, see file_names)."""
        original = stored(root, self.original)
        return f"first lines of {original}" if self.prefix else f"same content as {original}"


def loaded(entries: Iterable[ledger.Entry]) -> list[ledger.Entry]:
    """The ledger entries whose rows were loaded (not those of skipped re-sends)."""
    return [e for e in entries if e.reason is None]


def split(files: Sequence[LandedFile], entries: Sequence[ledger.Entry]
          ) -> tuple[list[LandedFile], list[Repeat]]:
    """`files` (in path order, to be loaded) as those to load and those whose content was
    loaded already: by an earlier run (`entries`, the table's ledger), or by a file before
    it in this batch. A file like one that loaded no rows (a header alone), or empty, is
    loaded as any other: its rows could not be doubled."""
    by_size: dict[int, dict[str, str]] = {}   # size -> sha256 -> the file loaded with it
    for entry in loaded(entries):
        if entry.sha256 and entry.size and entry.rows != 0:
            by_size.setdefault(entry.size, {}).setdefault(entry.sha256, entry.file)
    sizes = Counter(f.size for f in files)
    known = {e.file for e in entries}
    keep: list[LandedFile] = []
    repeats: list[Repeat] = []
    for file in files:
        if not file.size or (file.size not in by_size and sizes[file.size] == 1):
            keep.append(file)   # no file it could repeat: its hash is not waited for
            continue
        original = by_size.setdefault(file.size, {}).setdefault(file.sha256, file.path)
        if original == file.path:
            keep.append(file)
        else:
            now = any(original == f.path for f in keep)
            repeats.append(Repeat(file, original, not now, file.path in known))
    return keep, repeats


def copy_of(file: LandedFile, others: Sequence[Path], entries: Sequence[ledger.Entry],
            copied: bool) -> list[Repeat]:
    """`file` (a tailed NDJSON file up to its last line read) as a copy of another file of
    the glob still being written, taken between two rounds: its bytes are that file's first
    ones (`others`: the files beginning with its first bytes), so its lines are the other's,
    loaded from it (before, in this run, or as it is tailed on). The other is longer, or as
    long and tailed before while `file` was not (a writer that paused: tailed to an earlier
    line, copied whole); or `file` was recorded as its copy (`copied`) and has grown with
    it. Two new files whose first lines merely agree are not copies: the whole of `file`
    must be the other's beginning. Of several, the longest is named: the file being written
    (the others are copies of it too). Empty when it is no copy."""
    tailed = {e.file for e in loaded(entries)}
    sizes = {other: _size(other) for other in others}
    for other in sorted(others, key=lambda o: -sizes[o]):
        longer = sizes[other] > file.size or sizes[other] == file.size and (
            copied or str(other) in tailed and file.path not in tailed)
        if longer and starts_alike(Path(file.path), other, file.size):
            return [Repeat(file, str(other), True, file.path in tailed, prefix=True)]
    return []


def _size(path: Path) -> int:
    """The file's size; -1 when it was moved away since it was listed."""
    try:
        return path.stat().st_size
    except OSError:
        return -1


def record(adapter: Adapter, job: LoadJob, repeats: Sequence[Repeat],
           told: Collection[tuple[str, str]] = ()) -> list[str]:
    """The repeats' ledger rows (0 rows, the hash, the reason), in one transaction; under
    incremental_files a re-delivered path's earlier rows are withdrawn in it, as any
    re-delivery's are (its new content is in the table already, under the other file's
    name). Returns the warnings to show: none for a repeat of a file loaded in this run
    that turned out to hold no rows (a header alone: nothing was kept out), nor for one
    whose (path, sha256) is in `told` (recorded as a re-send by an earlier run: `replace`
    records its repeats again at each rebuild)."""
    if not repeats:
        return []
    rowless = _rowless(adapter, job, {r.original for r in repeats if not r.before})
    again = tuple(r.file.path for r in repeats if r.redelivered)
    with adapter.atomic():
        if again and job.mode == "incremental_files":
            withdraw(adapter, job, again)
        adapter.execute(exp.insert(exp.Values(expressions=[
            ledger.row(job.source, job.table, stored(job.root, r.file.path), r.file.size,
                       r.file.sha256, 0, None, r.reason(job.root)) for r in repeats]),
            ledger_relation(job).table()))
    return [warning(job, r) for r in repeats
            if r.original not in rowless and (r.file.path, r.file.sha256) not in told]


def _rowless(adapter: Adapter, job: LoadJob, files: set[str]) -> set[str]:
    """Those of `files` (loaded in this run) whose ledger rows say they loaded no rows."""
    if not files:
        return set()
    query = exp.select("file").from_(ledger_relation(job).table()).where(exp.and_(
        ledger.owner(job.source, job.table), of_files("file", spellings(job.root, sorted(files))),
        exp.column("reason").is_(exp.null()))).group_by("file").having(
        exp.func("sum", exp.column("rows")).eq(0))
    return {located(job.root, row[0]) for row in adapter.fetch(query)[1]}


def warning(job: LoadJob, repeat: Repeat) -> str:
    """What the user reads about a repeat: both files, what was done, what to do."""
    shown, original = stored(job.root, repeat.file.path), stored(job.root, repeat.original)
    when = "loaded before" if repeat.before else "loaded in this run"
    same = f"holds the first lines of {original} (a file being tailed: its lines load from " \
        f"it)" if repeat.prefix else f"has the same content as {original} ({when})"
    if repeat.redelivered:
        withdrawn = ", its earlier rows withdrawn" if job.mode == "incremental_files" else ""
        what = f"{shown} changed and now {same}: not loaded{withdrawn}"
    else:
        what = f"{shown} {same}: not loaded"
    return (f"{what}, so its rows are not in the table twice (recorded in the ledger, not "
            f"reported again). If it is a delivery of its own (an unchanged snapshot to "
            f"append), set `load: {{same_content: load}}` on the table and run again")

