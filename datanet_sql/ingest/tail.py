"""Tailing NDJSON files: each load reads the lines appended since the last one, exactly once.

An NDJSON file that keeps growing (a log, an event stream) is not a file to load whole each
time it changes: its ledger rows record how far it was consumed (`size`: the byte offset
after the last line loaded) and the sha256 of that prefix. The next load hashes the same
prefix again: equal, the file only grew and the lines after the offset are the new batch;
different, or the file is now shorter, it was rewritten or truncated and is read again from
the start. Under `--follow` only complete lines (ending in a newline) are taken, so a line
the writer is half-way through waits for the next round; a plain `ingest` takes the file as
complete, a last line without a newline included. A copy of a tailed file (its first bytes,
taken while its writer goes on) is told by `Heads` and `starts_alike` (see resent.copy_of).

A line ends in the newline of the file's encoding (`newline_of`): one byte `\n`, or in
UTF-16 the two bytes of its code unit, found only at even offsets (a character such as
U+0A0D holds a `\n` byte that ends no line); the BOM makes every unit start at an even
offset, so a UTF-16 tail starting at one decodes as the file does.
"""

from __future__ import annotations

import hashlib
import sys
from array import array
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from datanet_sql.ingest.ledger import Entry
from datanet_sql.ingest.readers import utf16

if TYPE_CHECKING:
    from _hashlib import HASH

_CHUNK = 1 << 20   # even: a read from an even offset ends at one (UTF-16 units stay whole)
LF = b"\n"


def newline_of(path: Path, encoding: str | None) -> bytes:
    """The bytes a line of `path` ends with in `encoding` (Python's codec name, as the
    readers pin it): UTF-16's newline unit in the order its BOM gives (little-endian
    without one, as Python reads it); `\n` in every other encoding the readers take."""
    name = (encoding or "").replace("_", "-").lower()
    if not name.startswith("utf-16"):
        return LF
    return "\n".encode(utf16.byte_order(path, name))


@dataclass(frozen=True)
class Chunk:
    """The bytes [start, end) of a file: the lines a load takes now."""

    path: Path
    start: int          # 0: from the beginning (first load, or the file was rewritten)
    end: int            # the offset after the last byte taken
    lines_before: int   # lines in [0, start): record numbers continue after them
    prefix: HASH = field(compare=False, repr=False)  # sha256 state of the bytes [0, start)


def next_chunk(path: Path, last: Entry | None, complete_lines: bool, newline: bytes = LF
               ) -> Chunk | None:
    """What to read of `path` after the ledger's `last` entry for it (or for the file it
    was renamed from, see `rotation`); None when nothing new. The prefix already loaded is
    hashed (and its lines, ending in `newline`, counted) here; the new bytes are hashed by
    `hashing`, while the caller reads them."""
    size = path.stat().st_size
    digest, start, lines = hashlib.sha256(), 0, 0
    if last is not None and last.size is not None and last.size <= size:
        lines = _feed(digest, path, 0, last.size, newline)
        if digest.hexdigest() == last.sha256:
            start = last.size
        else:  # rewritten in place: read it again from the start
            digest, lines = hashlib.sha256(), 0
    end = _last_line_end(path, start, size, newline) if complete_lines else size
    if end <= start:
        return None
    return Chunk(path, start, end, lines, digest)


@contextmanager
def hashing(chunk: Chunk) -> Iterator[Future[str]]:
    """The sha256 of the file's bytes [0, chunk.end) (what the ledger records and the next
    load checks the prefix against), computed on a thread while the block reads the chunk:
    hashlib and DuckDB both release the GIL, and DuckDB's schema pass over an NDJSON file
    runs on one thread, so on an idle second core the hash costs the load no wall time."""
    def digest() -> str:
        state = chunk.prefix.copy()
        _feed(state, chunk.path, chunk.start, chunk.end, None)
        return state.hexdigest()
    with ThreadPoolExecutor(1, thread_name_prefix="datanet-hash") as pool:
        yield pool.submit(digest)


def read_bytes(chunk: Chunk, into: Path, growing: bool, head: bytes = b"") -> Path:
    """The chunk as a file of its own (after `head`: a CSV's header, which its tail lacks);
    the file itself when the chunk is all of it and the file is not `growing` (a writer
    could append between this check and the read)."""
    if not growing and chunk.start == 0 and chunk.end == chunk.path.stat().st_size:
        return chunk.path
    with chunk.path.open("rb") as source, into.open("wb") as target:
        target.write(head)
        source.seek(chunk.start)
        remaining = chunk.end - chunk.start
        while remaining > 0:
            data = source.read(min(_CHUNK, remaining))
            target.write(data)
            remaining -= len(data)
    return into


def at_a_record(path: Path, offset: int, newline: bytes = LF) -> bool:
    """Whether `offset` is between records: the bytes before it end with a newline, or
    those after it start with one (a last line written without its newline, which the
    writer put in front of the lines it appended). Otherwise a load read the file to the
    middle of a line it was writing, and the bytes from `offset` on are the rest of it
    (in UTF-16 also an odd offset: the middle of a character)."""
    width = len(newline)
    if offset == 0:
        return True
    if offset % width:
        return False
    with path.open("rb") as handle:
        handle.seek(offset - width)
        around = handle.read(2 * width)
    return around[:width] == newline or \
        around[width:] in (newline, newline.replace(b"\n", b"\r"))


def first_line(path: str | Path) -> bytes:
    """The file's first line (its newline included; at most 64 KB)."""
    with open(path, "rb") as handle:
        return handle.readline(1 << 16)


def first_lines(path: Path, count: int, newline: bytes = LF) -> bytes:
    """The file's first `count` lines, their newlines (and a BOM) included: a CSV's title
    and header lines, read in front of its tail (at most 1 MB of them)."""
    with path.open("rb") as handle:
        data = handle.read(_CHUNK)
    end = 0
    for _ in range(count):
        found = _find(data, newline, end)
        if found < 0:
            return data
        end = found + len(newline)
    return data[:end]


def prefix_digests(path: Path, ends: list[int]) -> Iterator[tuple[int, str]]:
    """The sha256 of the file's first `end` bytes for each of `ends` (ascending), in one
    read; it stops at an end past the file's (cut shorter since it was listed)."""
    digest, position = hashlib.sha256(), 0
    with path.open("rb") as handle:
        for end in ends:
            while position < end:
                data = handle.read(min(_CHUNK, end - position))
                if not data:
                    return
                digest.update(data)
                position += len(data)
            yield end, digest.hexdigest()


def starts_alike(path: Path, other: Path, end: int) -> bool:
    """Whether `other` begins with `path`'s first `end` bytes."""
    try:
        with path.open("rb") as mine, other.open("rb") as theirs:
            while end > 0:
                data = mine.read(min(_CHUNK, end))
                if not data or theirs.read(len(data)) != data:
                    return False
                end -= len(data)
    except OSError:  # moved away by its writer since it was listed: no copy of it
        return False
    return True


class Heads:
    """The first bytes of each file of a glob, read when first asked (once a load): a copy
    of a file begins with its first line and its first bytes, so only files whose first
    bytes agree with it are compared with it, byte by byte (one first line shared by every
    file of a folder opened no pair of them)."""

    _BYTES = 4096

    def __init__(self, paths: list[Path]) -> None:
        self._paths = paths
        self._by_line: dict[bytes, dict[Path, bytes]] | None = None

    def sharing(self, path: Path, end: int) -> list[Path]:
        """The other files that begin with `path`'s first bytes (of its first `end`)."""
        if self._by_line is None:
            self._by_line = {}
            for other in self._paths:
                try:
                    head = _head(other, self._BYTES)
                except OSError:  # moved away since it was listed
                    continue
                self._by_line.setdefault(head.split(b"\n", 1)[0], {})[other] = head
        mine = _head(path, min(end, self._BYTES))
        found = self._by_line.get(mine.split(b"\n", 1)[0], {})
        return [p for p, head in found.items() if p != path and head.startswith(mine)]


def _head(path: Path, size: int) -> bytes:
    with path.open("rb") as handle:
        return handle.read(size)


def _feed(digest: HASH, path: Path, start: int, end: int, newline: bytes | None) -> int:
    """Hash bytes [start, end) into `digest`; count the `newline`s among them when given
    (`start` is 0 or a line's end, so UTF-16 units are read whole: see `_count`)."""
    lines = 0
    with path.open("rb") as handle:
        handle.seek(start)
        remaining = end - start
        while remaining > 0:
            data = handle.read(min(_CHUNK, remaining))
            if not data:
                break
            digest.update(data)
            if newline is not None:
                lines += _count(data, newline)
            remaining -= len(data)
    return lines


def _last_line_end(path: Path, start: int, size: int, newline: bytes) -> int:
    """The offset just after the last newline in [start, size); `start` when there is none.
    Read backwards from the last whole unit in steps of `_CHUNK` (even), so a UTF-16
    newline never straddles two reads."""
    width = len(newline)
    with path.open("rb") as handle:
        position = size - size % width
        while position > start:
            step = min(_CHUNK, position - start)
            handle.seek(position - step)
            found = _rfind(handle.read(step), newline)
            if found >= 0:
                return position - step + found + width
            position -= step
    return start


def _count(data: bytes, newline: bytes) -> int:
    """The newlines in `data`, which starts at a unit's start: in UTF-16 only whole units
    count (a `\n` byte of another character, or one straddling two units, is no newline)."""
    if len(newline) == 1:
        return data.count(newline)
    units = array("H", data[:len(data) - len(data) % 2])
    return units.count(int.from_bytes(newline, sys.byteorder))


def _find(data: bytes, newline: bytes, start: int) -> int:
    """The first `newline` in `data` at or after `start` at a unit's start; -1 if none."""
    found = data.find(newline, start)
    while found >= 0 and found % len(newline):
        found = data.find(newline, found + 1)
    return found


def _rfind(data: bytes, newline: bytes) -> int:
    """The last `newline` in `data` at a unit's start; -1 if none."""
    found = data.rfind(newline)
    while found >= 0 and found % len(newline):
        found = data.rfind(newline, 0, found + len(newline) - 1)
    return found
