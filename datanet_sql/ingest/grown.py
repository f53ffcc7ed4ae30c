"""Files that grew under `append`: a log or an export appended to holds the bytes loaded
before as its start, so only what follows is new rows. Which files grew, where their new
records start, and the refusals when they cannot be told apart (a format records are not
appended to, a load that ended inside a line). The loader appends each tail (`loader`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from datanet_sql.errors import IngestError
from datanet_sql.ingest import ledger
from datanet_sql.ingest.landing import LandedFile
from datanet_sql.ingest.tail import Chunk, at_a_record, next_chunk

if TYPE_CHECKING:
    from datanet_sql.ingest.loader import LoadJob


@dataclass(frozen=True)
class Tail:
    """What a CSV file that grew adds under `append`: its bytes after those loaded (`chunk`),
    read under the file's own title and header lines (`head`) with the options that read
    the file (`reading.layout_of`)."""

    chunk: Chunk
    options: dict[str, Any]
    head: bytes


def grown(job: LoadJob, readers: Any, new: list[LandedFile], entries: list[ledger.Entry]
           ) -> dict[str, Tail]:
    """The files of `new` that grew: the bytes the ledger recorded are the start of the file
    now (a log, an export appended to), so only the rest is new rows; inserted whole, the
    earlier rows would be in the table twice. Refused, naming the file, before anything of
    the table is loaded: a format records are not appended to (Parquet, Excel, JSON), and a
    file whose loaded part ended inside a record (see `cut_record`). A file whose first
    bytes changed was written anew: it is not here, and loads whole as any new file."""
    loaded = {e.file: e for e in entries if e.reason is None and e.sha256 and e.size}
    tails = {}
    for file in new:
        before = loaded.get(file.path)
        if before is None or file.size <= (before.size or 0):
            continue
        path = Path(file.path)
        chunk = next_chunk(path, before, complete_lines=False)
        if chunk is None or chunk.start == 0:
            continue
        layout = readers.layout_of(path, job.config.get("format"), job.config["options"])
        if layout is None:
            raise IngestError(
                f"the file grew since it was loaded (its first {chunk.start} bytes are what "
                "was loaded before), and rows are not appended to a file of this format: "
                "under `append` the whole file would be inserted again, its earlier rows "
                "twice; nothing of the table was loaded", file=file.path,
                hint="load this table with `load: {mode: incremental_files}` (a re-delivered "
                     "file replaces its own rows), or deliver what is new as a file of its own")
        if not at_a_record(path, chunk.start):
            raise cut_record(path, chunk.start)
        options, lines = layout
        tails[file.path] = Tail(chunk, options, _first_lines(path, lines))
    return tails


def cut_record(path: Path, offset: int) -> IngestError:
    """A file that grew after a load read it to a last line without its newline (written
    while it was read): that line went in cut short, and the file now goes on from inside
    it, so there is no record to start the new rows at."""
    return IngestError(
        f"the file grew since it was loaded, but the load that read its first {offset} bytes "
        "ended inside a line (the file was being written): that line was loaded cut short, "
        "and appending what follows would load the rest of it as a broken record; nothing "
        "of this file was loaded now", file=path,
        hint="load this table with `load: {mode: incremental_files}` (a changed file replaces "
             "its own rows, the cut one with them); a writer that ends each line with a "
             "newline before the load never leaves a cut line")


def _first_lines(path: Path, count: int) -> bytes:
    with path.open("rb") as handle:
        return b"".join(handle.readline() for _ in range(count))
