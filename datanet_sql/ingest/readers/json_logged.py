"""An application's JSON log lines as a log collector stored them: every line a prefix the
collector wrote, then the application's JSON object. No JSON reader takes such a line, so
every line was a reject and the table empty. The prefixes taken:

- syslog as rsyslog, syslog-ng or `journalctl -o short` write it (RFC 3164):
  `Dec  7 10:00:00 host app[123]: {...}`, maybe behind a `<34>` priority, or with an ISO
  timestamp (`journalctl -o short-iso`, rsyslog's high-precision format);
- RFC 5424 syslog: `<34>1 2024-01-01T00:00:00Z host app 123 ID47 - {...}` (structured
  data `-` or `[...]` elements, the message maybe behind a UTF-8 BOM);
- a container runtime: CRI (containerd, CRI-O, Kubernetes' node logs)
  `2024-01-01T00:00:00.000000000Z stdout F {...}`, and `docker logs -t` /
  `kubectl logs --timestamps`: `2024-01-01T00:00:00.000000000Z {...}`. A CRI line split by
  the runtime (tag `P`, partial) is joined to the lines that continue it, up to the one
  tagged `F`; the joined object takes the `F` line's place and the `P` lines are left blank,
  so every line keeps its number (`P` lines no `F` line ends stay as written: rejects).

A file is taken only when nearly every line (`_SHARE` of the non-blank ones sampled) is one
shape's prefix and a JSON object; a line of no prefix, or of another shape, stays as it is
(a reject naming its line). The prefixes are left out, not kept as columns, and the note
says so with the first one: an RFC 3164 timestamp has no year (a column of them would be
a guess), and the time, host and program a collector adds are the log's, not the
record's (the records carry their own time). The hook runs only on a file DuckDB's reader
refused, so NDJSON whose values hold `{` or a log-like text reads as before.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

_SAMPLE = 2000  # non-blank lines whose shape is looked at
_SHARE = 0.9    # of them that must be prefix + object
_ISO = rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)"
_PROGRAM = rb"[^\s:\[]+(?:\[\d+\])?:"
_SHAPES = {
    "syslog (RFC 3164)": re.compile(
        rb"(?:<\d{1,3}>)?(?:[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d|" + _ISO + rb") \S+ "
        + _PROGRAM + rb" "),
    "syslog (RFC 5424)": re.compile(
        rb"<\d{1,3}>1 (?:-|" + _ISO + rb") \S+ \S+ \S+ \S+ (?:-|(?:\[(?:[^\]\"]|\"(?:[^\"\\]|"
        rb"\\.)*\")*\])+) (?:\xef\xbb\xbf)?"),
    "a container runtime's log (CRI)": re.compile(_ISO + rb" (?:stdout|stderr) ([PF]) "),
    "a container log with timestamps (docker logs -t)": re.compile(_ISO + rb" (?=\{)"),
}


@dataclass(frozen=True)
class Prefixed:
    """The file's prefix shape: its name, its pattern, and the first prefix (for the
    note)."""

    shape: str
    pattern: re.Pattern[bytes]
    example: str

    def note(self, name: str) -> str:
        return (f"{name}: JSON log lines behind a prefix of {self.shape} (first: "
                f"{self.example!r}): read the objects, the prefixes left out (the "
                f"collector's time, host and program, not the records' fields)")

    @contextmanager
    def stripped(self, path: Path) -> Iterator[Path]:
        """A temporary copy of the file whose lines of this shape hold their JSON alone
        (CRI partial lines joined), the others kept as they are; removed on exit."""
        handle, name = tempfile.mkstemp(suffix=".ndjson", prefix="datanet_logged_")
        try:
            with open(path, "rb") as source, os.fdopen(handle, "wb") as target:
                target.writelines(out for out, _, _ in _unprefixed(self.pattern, source))
            yield Path(name)
        finally:
            os.unlink(name)


def prefix_of(path: Path) -> Prefixed | None:
    """The one prefix shape nearly every sampled line of the (UTF-8) file has before a
    JSON object, or None (see the module docstring)."""
    with open(path, "rb") as handle:
        sample = list(islice((line for line in handle if line.strip()), _SAMPLE))
    for shape, pattern in _SHAPES.items():
        records = [(out, prefix) for out, prefix, partial in _unprefixed(pattern, sample)
                   if not partial]
        objects = [prefix for out, prefix in records if prefix is not None and _is_object(out)]
        if records and len(objects) >= _SHARE * len(records):
            return Prefixed(shape, pattern, objects[0].decode("utf-8", "replace").strip())
    return None


def _unprefixed(pattern: re.Pattern[bytes], lines: Iterable[bytes]
                ) -> Iterator[tuple[bytes, bytes | None, bool]]:
    """For each line (with its end): what it holds behind a prefix of `pattern`, the
    prefix, and False; a line of no such prefix as it is, None, False. CRI partial lines
    are held until the `F` line that ends them, then each is blank, its prefix, True, and
    their texts go before the `F` line's; a run of them that no `F` line ends (the file
    cut, or another line between) stays as written, so its lines are rejects."""
    held: list[tuple[bytes, bytes]] = []  # partial lines waiting for their end: line, prefix
    for line in lines:
        body = line.rstrip(b"\r\n")
        found = pattern.match(body)
        if found is not None and found.lastindex and found.group(1) == b"P":
            held.append((line, found.group()))
            continue
        if found is None:
            yield from ((kept, None, False) for kept, _ in held)
            held = []
            yield line, None, False
            continue
        texts = b"".join(kept.rstrip(b"\r\n")[len(prefix):] for kept, prefix in held)
        yield from ((kept[len(kept.rstrip(b"\r\n")):], prefix, True) for kept, prefix in held)
        held = []
        yield texts + body[found.end():] + line[len(body):], found.group(), False
    yield from ((kept, None, False) for kept, _ in held)


def _is_object(text: bytes) -> bool:
    if not text.lstrip().startswith(b"{"):
        return False
    try:
        return isinstance(json.loads(text), dict)
    except ValueError:
        return False
