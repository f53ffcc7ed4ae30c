"""JSON inside a frame a web API or a command-line tool puts around it, which no JSON reader
takes: every record was a reject, or the file refused.

- JSONP, an API's answer for a browser's `<script>` tag saved as `.json`:
  `parseResponse([...]);`, sometimes behind `/**/` or `typeof cb === 'function' && `.
- An anti-hijacking prefix before the JSON: `)]}'` (Angular, Google's APIs), `while(1);`,
  `for(;;);`.
- RFC 7464 JSON text sequences (`jq --seq`, `application/json-seq` logs): every record
  begins with the byte 0x1E (record separator).

Each is taken only on its exact shape: a JSONP callback must be a JavaScript name opening
on `[` or `{` with the file ending `)` (and `;`) right after the closing bracket; a prefix
only at the file's start; 0x1E only as the file's first byte. The JSON is then read from a
copy without the frame, noted. A raw 0x1E is never valid inside JSON (control characters in
strings are escaped), so removing every one loses nothing.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path

from datanet_sql.ingest.readers.encoding import rewritten

_HEAD = 4096   # bytes of the start where a frame's opening is looked for
_TAIL = 256    # and of the end, for a JSONP callback's closing
_CHUNK = 1 << 20
_CALLBACK = re.compile(
    rb"\s*(?:/\*\*/\s*)?(?:typeof\s+[A-Za-z_$][\w$.]*\s*===?\s*['\"]function['\"]\s*&&\s*)?"
    rb"([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*\(\s*(?=[\[{])")
_CLOSING = re.compile(rb"[\]}]\s*\)\s*;?\s*\Z")
_PREFIXES = (rb"\)\]\}',?\s*", rb"while\s*\(\s*1\s*\)\s*;\s*", rb"for\s*\(\s*;\s*;\s*\)\s*;\s*")
_SEPARATOR = b"\x1e"


@dataclass(frozen=True)
class Frame:
    """What surrounds the JSON: `what` for the note, the bytes of the JSON as a span
    (`start`, `end`), or every record separator to drop (`separators`)."""

    what: str
    start: int = 0
    end: int | None = None
    separators: bool = False

    def unframed(self, path: Path) -> AbstractContextManager[Path]:
        """A temporary copy of the file holding the JSON alone (removed on exit)."""
        if self.separators:
            return rewritten(path, "datanet_seq_",
                             lambda data: (data.replace(_SEPARATOR, b""), b""))
        return _span(path, self.start, self.end)

    def note(self, label: str) -> str:
        return f"{label}: {self.what}"


def frame_of(path: Path) -> Frame | None:
    """The frame around the JSON of the (UTF-8) file, or None when it has none of the
    shapes of the module docstring."""
    size = path.stat().st_size
    with open(path, "rb") as handle:
        head = handle.read(_HEAD)
        handle.seek(max(0, size - _TAIL))
        tail = handle.read()
    if head.lstrip().startswith(_SEPARATOR):
        return Frame("a JSON text sequence (RFC 7464, as `jq --seq` writes): the byte 0x1E "
                     "before each record removed", separators=True)
    if (call := _CALLBACK.match(head)) and (closing := _CLOSING.search(tail)):
        end = size - len(tail) + closing.start() + 1
        if end > call.end():
            name = call.group(1).decode()
            return Frame(f"JSONP: the JSON read from inside the callback {name}(...)",
                         call.end(), end)
    for prefix in _PREFIXES:
        if found := re.match(rb"\s*" + prefix, head):
            shown = found.group().strip().decode(errors="replace")
            return Frame(f"the prefix {shown!r} before the JSON (an API's guard against "
                         f"script inclusion) left out", found.end())
    return None


@contextmanager
def _span(path: Path, start: int, end: int | None) -> Iterator[Path]:
    """A temporary copy of the file's bytes from `start` to `end` (removed on exit), in
    chunks."""
    handle, name = tempfile.mkstemp(suffix=".json", prefix="datanet_framed_")
    try:
        with open(path, "rb") as source, os.fdopen(handle, "wb") as target:
            source.seek(start)
            left = (end if end is not None else path.stat().st_size) - start
            while left > 0 and (chunk := source.read(min(_CHUNK, left))):
                target.write(chunk)
                left -= len(chunk)
        yield Path(name)
    finally:
        os.unlink(name)
