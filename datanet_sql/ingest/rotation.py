"""Log rotation: a file tailed or appended under one name, renamed, and a new file started under
the old name (`app.log` -> `app.log.1`, `events.ndjson` -> `events-2026-12-06.ndjson`).

The renamed file is new to the ledger by its path, and it is not a re-send by its bytes (the
writer added lines after the last load, so its hash is no loaded file's), so it would load
whole, its earlier lines a second time. What the ledger does know is the prefix each load
consumed: its length and sha256. A new file whose first bytes hash to the prefix loaded from
another path, which no longer begins with them, is that file renamed: only what follows is
new (the tail's reading is `tail.next_chunk`'s, the refusal of a prefix ending inside a line
`grown.cut_record`'s). The new file under the old name shares no prefix with what was loaded
there, so it is read from its start, as any rewritten file is. While the other path still
begins with the prefix, the new file is one of its own that begins alike (a copy, left to
the re-send checks of `resent`; a file with another's rows and more, appended whole as
always). Only under `append`: `incremental_files` loads the renamed file whole under its own
name while the old name's new content replaces that name's rows, and `merge` places a row
again on its key; neither doubles a line.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from datanet_sql.ingest.ledger import Entry
from datanet_sql.ingest.tail import prefix_digests, starts_alike


def renamed_from(path: Path, entries: Sequence[Entry]) -> Entry | None:
    """The ledger entry of another file whose loaded prefix `path` begins with (the longest,
    when several do: the last load of the file it was renamed from), while that file does
    not begin with it any more (renamed away, or a new file under its name); None when
    there is none. Entries of loads without rows (a header alone) are left out. None too
    when the longest is all of the file (the bytes of a load whole: a re-send,
    `resent.split`'s; a shorter prefix of them would load lines loaded already), or when
    the other file still holds the prefix: `path` is then a file of its own that begins
    alike (a copy taken while the other grows, `resent.copy_of`'s; a file with the same
    first rows and more, appended whole as before). Costs one read of the file's first
    bytes, up to the longest loaded prefix no longer than the file, and only when the
    ledger holds one."""
    size = path.stat().st_size
    marks: dict[int, list[Entry]] = {}
    for entry in entries:
        if entry.file != str(path) and entry.reason is None and entry.rows != 0 \
                and entry.sha256 and entry.size and entry.size <= size:
            marks.setdefault(entry.size, []).append(entry)
    found = None
    for end, digest in prefix_digests(path, sorted(marks)):
        found = next((e for e in marks[end] if e.sha256 == digest), found)
    if found is None or found.size == size or starts_alike(path, Path(found.file), found.size):
        return None  # the bytes of a load whole (a re-send), or its file still holds them
    return found
