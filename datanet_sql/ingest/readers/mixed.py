"""Files whose lines mix UTF-8 and a legacy single-byte or double-byte encoding: a UTF-8
export to which rows were later appended by a Windows tool (or the reverse). Read whole as
the legacy encoding, the UTF-8 lines would become mojibake (`VÃ¤sterbotten`); read whole as
UTF-8, the legacy lines would not decode. Each line is decoded as UTF-8 where it is valid
UTF-8 and as the legacy encoding otherwise.

A line of legacy text is almost never valid UTF-8 when it holds a byte that is not ASCII
(UTF-8's continuation bytes after a lead byte are symbols in cp1252: `Ã¤`), so the line
tells its own encoding. A line that holds a UTF-8 sequence and is still not UTF-8 (both
encodings inside one line) cannot be told apart: the read is refused naming its lines.

The encoding of such a file is spelled `utf-8+<legacy>` (`utf-8+cp1252`), which
`encoding.normalize_encoding` accepts as an `encoding:` option too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from datanet_sql.errors import IngestError

PREFIX = "utf-8+"
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|"
                            rb"[\xf0-\xf4][\x80-\xbf]{3}")
_CHUNK = 1 << 20


def legacy_of(encoding: str) -> str | None:
    """The legacy part of a mixed encoding (`utf-8+cp1252` -> cp1252), None for any other."""
    return encoding[len(PREFIX):] if encoding.startswith(PREFIX) else None


def has_utf8_sequence(handle: BinaryIO, limit: int | None) -> bool:
    """Whether the first `limit` bytes (all when None) hold a multi-byte UTF-8 sequence: a
    cheap pass (a regular expression over chunks) that keeps a file wholly in a legacy
    encoding from the line-by-line one. A sequence cut by a chunk's end is missed, which
    costs nothing: a mixed file holds many."""
    left = limit if limit is not None else -1
    while left and (chunk := handle.read(_CHUNK if left < 0 else min(_CHUNK, left))):
        left -= len(chunk) if left > 0 else 0
        if _UTF8_SEQUENCE.search(chunk):
            return True
    return False


def lines(handle: BinaryIO, limit: int | None) -> Iterator[tuple[int, bytes, bool | None]]:
    """Each line that is not ASCII (of the first `limit` bytes): its 1-based number, its
    bytes, and whether it is UTF-8 (True), legacy (False), or holds both (None)."""
    read = 0
    for number, line in enumerate(handle, 1):
        read += len(line)
        if limit is not None and read > limit:
            return
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            yield number, line, True
        except UnicodeDecodeError:
            yield number, line, None if _UTF8_SEQUENCE.search(line) else False


def legacy_sample(path: Path, handle: BinaryIO, limit: int | None, size: int) -> bytes | None:
    """Up to `size` bytes of the lines that are not UTF-8 when the file (its first `limit`
    bytes) also has lines that are UTF-8 and not ASCII: what the legacy encoding is judged
    on; None when no line is UTF-8 beyond ASCII (the file is wholly legacy). Refused naming
    the lines that hold both encodings."""
    utf8, both, sample = 0, [], bytearray()
    for number, line, is_utf8 in lines(handle, limit):
        if is_utf8:
            utf8 += 1
        elif is_utf8 is None:
            both.append(number)
        elif len(sample) < size:
            sample += line[:size - len(sample)]
    if not utf8:
        return None
    if both:
        shown = ", ".join(map(str, both[:10])) + (f" and {len(both) - 10} more"
                                                  if len(both) > 10 else "")
        raise IngestError(
            f"the file mixes UTF-8 lines and lines in a legacy encoding, and line(s) {shown} "
            f"hold both, so their text cannot be decoded with confidence",
            file=str(path), hint="re-export the file in one encoding, or name it in the "
                                 "source's options, e.g. options: {encoding: cp1252}")
    return bytes(sample)


def legacy_decodes(handle: BinaryIO, encoding: str, limit: int | None) -> bool:
    """Whether every line that is not UTF-8 (of the first `limit` bytes) decodes strictly
    as `encoding`."""
    try:
        for _, line, is_utf8 in lines(handle, limit):
            if not is_utf8:
                line.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def transcode(path: Path, source: BinaryIO, target: TextIO, legacy: str) -> None:
    """Write `source`'s lines (of `path`) to `target` as text, each decoded as UTF-8 where it
    is and as `legacy` otherwise; a line neither decodes (past the sample the encoding was
    chosen on) is refused by number."""
    for number, line in enumerate(source, 1):
        try:
            target.write(line.decode("utf-8"))
        except UnicodeDecodeError:
            try:
                target.write(line.decode(legacy))
            except UnicodeDecodeError:
                raise IngestError(
                    f"line {number} is neither UTF-8 nor {legacy}, the encoding of the file's "
                    f"other lines that are not UTF-8", file=str(path),
                    hint="name the encoding in the source's options, e.g. options: "
                         "{encoding: utf-8+latin-1}") from None


def note(label: str, legacy: str, counts: tuple[int, int]) -> str:
    """The read's note: how many lines were decoded each way."""
    return (f"{label}: encodings mixed by line: {counts[0]} line(s) decoded as UTF-8, "
            f"{counts[1]} as {legacy}; check the text of both, or re-export the file in one "
            f"encoding")
