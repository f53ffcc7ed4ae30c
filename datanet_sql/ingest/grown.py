"""Files that grew under `append`: a log or an export appended to holds the bytes loaded
before as its start, so only what follows is new rows. Which files grew (under their own
name, or renamed by log rotation: `rotation`), where their new records start (after a
newline of the file's encoding, UTF-16's included), which wait for the end of a line still
being written (under `--follow`), and the refusals when they cannot be told apart (a format
records are not appended to, a load that ended inside a line). The loader appends each tail
(`loader`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from datanet_sql.errors import IngestError
from datanet_sql.ingest import ledger
from datanet_sql.ingest.landing import LandedFile
from datanet_sql.ingest.rotation import renamed_from
from datanet_sql.ingest.tail import LF, Chunk, at_a_record, first_lines, newline_of, next_chunk

if TYPE_CHECKING:
    from datanet_sql.ingest.loader import LoadJob


@dataclass(frozen=True)
class Tail:
    """What a CSV file that grew adds under `append`: its bytes after those loaded (`chunk`),
    read under the file's own title and header lines (`head`, `head_lines` of them) with the
    options that read the file (`reading.layout_of`). A chunk from the file's start (a file
    still being written, under `--follow`) has no head: it holds the file's own."""

    chunk: Chunk
    options: dict[str, Any]
    head: bytes
    head_lines: int


@dataclass
class Grown:
    """The files of a load that are not read whole: those that grew (`tails`), and those
    whose new bytes hold no complete line yet under `--follow` (`held`: a writer is
    half-way through it; it loads when it is ended)."""

    tails: dict[str, Tail] = field(default_factory=dict)
    held: set[str] = field(default_factory=set)


def grown(job: LoadJob, readers: Any, new: list[LandedFile], entries: list[ledger.Entry]
          ) -> Grown:
    """The files of `new` that grew: the bytes the ledger recorded are the start of the file
    now (a log, an export appended to; or a file renamed by log rotation, see `rotation`),
    so only the rest is new rows; inserted whole, the earlier rows would be in the table
    twice. Under `--follow` a file's last line without its newline is left for a later
    round, a new file's too. Refused, naming the file, before anything of the table is
    loaded: a format records are not appended to (Parquet, Excel, JSON), and a file whose
    loaded part ended inside a record (see `cut_record`). A file whose first bytes changed
    was written anew: it is not here, and loads whole as any new file."""
    loaded = {e.file: e for e in entries if e.reason is None and e.sha256 and e.size}
    found = Grown()
    for file in new:
        path = Path(file.path)
        before = loaded.get(file.path)
        if before is None and job.same_content == "skip":
            before = renamed_from(path, entries)
        if before is None and not (job.following and _unended(path)) or \
                before is not None and file.size <= (before.size or 0):
            continue
        tail = _tail(job, readers, path, before)
        if tail is None:
            found.held.add(file.path)
        elif tail.chunk.start or tail.chunk.end < path.stat().st_size:
            found.tails[file.path] = tail
    return found


def _tail(job: LoadJob, readers: Any, path: Path, before: ledger.Entry | None
          ) -> Tail | None:
    """What of `path` to load after `before` (its own ledger entry, the renamed file's, or
    none: a new file still being written); None when it has no new complete line yet. A
    chunk from the start covering the whole file is left to the plain read."""
    layout = readers.layout_of(path, job.config.get("format"), job.config["options"],
                               before.size if before else None)
    newline = newline_of(path, layout[0].get("encoding")) if layout else LF
    chunk = next_chunk(path, before, job.following and layout is not None, newline)
    if chunk is None:
        return None
    if layout is None:
        if chunk.start:
            raise _not_appendable(path, chunk.start)
        return Tail(chunk, {}, b"", 0)  # all of a rewritten file: `grown` leaves it whole
    if not at_a_record(path, chunk.start, newline):
        raise cut_record(path, chunk.start, before.file if before else None)
    options, lines = layout
    if not chunk.start:
        return Tail(chunk, options, b"", 0)
    return Tail(chunk, options, first_lines(path, lines, newline), lines)


def _not_appendable(path: Path, offset: int) -> IngestError:
    return IngestError(
        f"the file grew since it was loaded (its first {offset} bytes are what was loaded "
        "before), and rows are not appended to a file of this format: under `append` the "
        "whole file would be inserted again, its earlier rows twice; nothing of the table "
        "was loaded", file=path,
        hint="load this table with `load: {mode: incremental_files}` (a re-delivered file "
             "replaces its own rows), or deliver what is new as a file of its own")


def cut_record(path: Path, offset: int, renamed: str | None = None) -> IngestError:
    """A file that grew after a load read it to a last line without its newline (written
    while it was read): that line went in cut short, and the file now goes on from inside
    it, so there is no record to start the new rows at. `renamed`: the file (another path)
    whose loaded bytes it begins with, renamed by log rotation."""
    grew = f"the file begins with the {offset} bytes loaded from {renamed} (renamed by log " \
        "rotation), but that load" if renamed and renamed != str(path) else \
        f"the file grew since it was loaded, but the load that read its first {offset} bytes"
    return IngestError(
        f"{grew} ended inside a line (the file was being written): that line was loaded cut "
        "short, and appending what follows would load the rest of it as a broken record; "
        "nothing of this file was loaded now", file=path,
        hint="load this table with `load: {mode: incremental_files}` (a changed file replaces "
             "its own rows, the cut one with them); a writer that ends each line with a "
             "newline before the load never leaves a cut line")


def _unended(path: Path) -> bool:
    """Whether the file's last line has no newline yet (in UTF-16 too): under `--follow`, a
    file still being written."""
    with path.open("rb") as handle:
        handle.seek(max(path.stat().st_size - 2, 0))
        end = handle.read(2)
    return bool(end) and not end.endswith((b"\n", b"\n\x00"))
