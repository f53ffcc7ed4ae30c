"""A cumulative download: a new file beginning with every byte of another file of the glob.

A data logger, an instrument or an export "since the start" writes each download as every
record so far: the second download is the first one's bytes, then the records taken since.
Under `incremental_files` each file's rows are added, so the first download's rows would be
in the table twice, without a word (the files' contents differ, so the
re-send check, `resent`, does not see it). Which rows are new is certain only when the
whole of the other file is the new file's beginning; loading just those rows would need
every reader to start mid-file, so the load is refused before anything is loaded, naming
both files, the rows already loaded and the ways out: land the download under the earlier
file's name (a re-delivery replaces that file's rows), land only the records it adds, or
`load: {same_content: load}` when every file is meant to load whole.

Cheap: only files smaller than a new one are candidates, their first 4 KB are compared
(`tail.Heads`), and the bytes are compared in full only for a pair whose heads agree. The
other file must hold more than one line: a header alone begins every file of a folder.
Only under `incremental_files`, whose unit is the file: `append` adds every row of every new
file as its contract (the same row in another file is appended), `merge`'s key keeps each
record once, and `replace` does not check.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from datanet_sql.errors import IngestError
from datanet_sql.ingest import ledger
from datanet_sql.ingest.file_names import stored
from datanet_sql.ingest.landing import LandedFile
from datanet_sql.ingest.tail import Heads, starts_alike

_HEAD = 4096  # bytes of a candidate looked at for a second line


def refuse_cumulative(root: Path, name: str, files: Sequence[LandedFile],
                      new: Sequence[LandedFile], entries: Sequence[ledger.Entry]) -> None:
    """Raise when a file of `new` (to load now) begins with the whole of another file: one
    of `files` (the glob) loaded before and unchanged (`entries`, the table's ledger), or
    another of `new`. `name` is the table (`source.table`), `root` the project's."""
    rows = {(e.file, e.sha256): e.rows for e in entries if e.reason is None and e.rows}
    paths = {path for path, _ in rows}  # a new file's hash is not waited for (`landing`)
    earlier = [f for f in files if f.path in paths and (f.path, f.sha256) in rows]
    largest = max((f.size for f in new), default=0)
    candidates = [f for f in [*earlier, *new] if 0 < f.size < largest]
    if not candidates:
        return
    heads = Heads([Path(f.path) for f in [*candidates, *new]])
    for file in new:
        for other in candidates:
            if other.size >= file.size:
                continue
            if _begins(Path(file.path), Path(other.path), other.size, heads):
                _refuse(root, name, file, other, rows.get((other.path, other.sha256)))


def _begins(path: Path, beginning: Path, size: int, heads: Heads) -> bool:
    """Whether `path` begins with the whole of `beginning` (`size` bytes), which holds
    more than one line (a line ending before its last bytes); False for a file moved
    away since it was listed."""
    try:
        if path not in heads.sharing(beginning, size):
            return False
        with beginning.open("rb") as handle:
            head = handle.read(_HEAD)
    except OSError:
        return False
    lines = len(head) == _HEAD or b"\n" in head.rstrip(b"\r\n")
    return lines and starts_alike(beginning, path, size)


def _refuse(root: Path, name: str, file: LandedFile, other: LandedFile,
            loaded: int | None) -> None:
    shown, before = stored(root, file.path), stored(root, other.path)
    already = (f"its {loaded} row(s) are in the table already" if loaded else
               "it is new in this run too")
    raise IngestError(
        f"source table {name}: {shown} begins with every byte of {before} ({already}), then "
        f"holds {file.size - other.size} byte(s) more: a cumulative download (every record "
        f"so far), and loading it would put the rows of {before} in the table twice: "
        f"refused, nothing loaded",
        file=shown,
        hint=f"land it under the name {before} (a re-delivery replaces that file's rows), "
             f"or land only the records it adds; if every file is meant to load whole, set "
             f"`load: {{same_content: load}}` on the table and run again")
