"""An NDJSON file's whole-file schema found on every core DuckDB may use.

DuckDB types an NDJSON file over all its records (`sample_size=-1`, so a key first seen on
the last line is a column) on one thread: on 200k nested lines that pass is three quarters
of the read (0.32 s of 0.43 s; reading the rows with their types given takes 0.08 s). Cut at
line ends into as many parts as DuckDB has threads, each part is typed by DuckDB on a thread
of its own. Where every part comes out with the same columns, in the same order, of the
same types, the whole file types the same way (DuckDB's JSON detection merges the parts'
structures, and equal structures merge to themselves; the only strings it types as dates
or timestamps are ISO ones, which a typed read parses alike), and the rows are read with
those types given. Parts that differ (a key first seen late, a column of integers that
turns to decimals, a column null in one part) or a part DuckDB refuses leave the file to
DuckDB's own pass: the answer is never a guess.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from sqlglot import exp

from datanet_sql.ingest.readers.json_sql import read_json

PARALLEL_FROM = 8 << 20  # bytes: below, DuckDB's own pass takes under 0.08 s
_SCAN = 1 << 16


def agreed_columns(con: Any, path: Path, limit: int) -> dict[str, str] | None:
    """`path`'s columns and DuckDB's types for them over the whole file, found in parts on
    `con`'s threads; None when the file is small, DuckDB has one thread, the temporary
    folder's disk has not twice the file's size free, or the parts do not agree (the caller
    then lets DuckDB type the file itself)."""
    import duckdb

    size = path.stat().st_size
    if shutil.disk_usage(tempfile.gettempdir()).free < 2 * size:
        return None   # the parts are copies: never fill the temporary folder's disk
    threads = int(con.execute("SELECT current_setting('threads')").fetchone()[0])
    cuts = _cuts(path, size, min(threads, size // PARALLEL_FROM))
    if len(cuts) < 3:
        return None
    with tempfile.TemporaryDirectory(prefix="datanet-json-parts-") as folder:
        try:
            parts = [_copy(path, start, end, Path(folder) / f"part{i}.ndjson")
                     for i, (start, end) in enumerate(itertools.pairwise(cuts))]
        except OSError:   # the disk filled meanwhile: DuckDB's own pass needs no copy
            return None
        cursors = [con.cursor() for _ in parts]
        try:
            with ThreadPoolExecutor(len(parts), thread_name_prefix="datanet-json") as pool:
                typed = list(pool.map(lambda c, p: _typed(c, p, limit, duckdb.Error),
                                      cursors, parts))
        finally:
            for cursor in cursors:
                cursor.close()
    first = typed[0]
    return first if first and all(t == first for t in typed[1:]) else None


def _typed(cursor: Any, part: Path, limit: int, error: type[Exception]
           ) -> dict[str, str] | None:
    """DuckDB's columns and types for one part over all its records; None when it refuses."""
    try:
        rows = cursor.execute(exp.Describe(this=read_json(part, "newline_delimited", limit))
                              .sql("duckdb")).fetchall()
    except error:
        return None
    return {row[0]: row[1] for row in rows}


def _cuts(path: Path, size: int, parts: int) -> list[int]:
    """Offsets cutting `path` into up to `parts` runs of whole lines: 0, each line end
    found after an equal share of the bytes, and `size`."""
    cuts = [0]
    with path.open("rb") as handle:
        for share in range(1, parts):
            handle.seek(max(share * size // parts, cuts[-1]))
            offset = handle.tell()
            while (block := handle.read(_SCAN)) and b"\n" not in block:
                offset += len(block)
            if not block:
                break
            cuts.append(offset + block.index(b"\n") + 1)
    return cuts + [size] if cuts[-1] < size else cuts


def _copy(path: Path, start: int, end: int, into: Path) -> Path:
    """Bytes [start, end) of `path` as the file `into`, copied by the kernel."""
    with path.open("rb") as source, into.open("wb") as target:
        while start < end:
            start += os.copy_file_range(source.fileno(), target.fileno(), end - start, start)
    return into
