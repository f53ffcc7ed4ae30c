"""Which text encoding a file is in, and a UTF-8 copy for readers that only take UTF-8;
whether its line endings change midway, and a copy whose CRLFs are LFs.

charset-normalizer is not a dependency of datanet, and exports come in few encodings: a BOM
says UTF-8 or UTF-16 outright; otherwise a file that decodes as UTF-8 is UTF-8 and anything
else is Windows-1252 (a superset of latin-1 in the printable range, with € and smart quotes),
or latin-1 where cp1252 leaves a byte undefined.
"""

from __future__ import annotations

import codecs
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_CHUNK = 1 << 20


def detect_encoding(path: Path, limit: int | None = None) -> str:
    """`utf-8`, `utf-8-sig`, `utf-16`, `cp1252` or `latin-1`, from the BOM or by decoding
    the first `limit` bytes (the whole file when None, in chunks). A sample is enough to
    start: a reader that then meets a byte that is not UTF-8 asks again for the whole file."""
    with open(path, "rb") as handle:
        head = handle.read(4)
        for bom, name in _BOMS:
            if head.startswith(bom):
                return name
        handle.seek(0)
        if _decodes(handle, "utf-8", limit):
            return "utf-8"
        handle.seek(0)
        return "cp1252" if _decodes(handle, "cp1252", limit) else "latin-1"


def _decodes(handle: BinaryIO, encoding: str, limit: int | None) -> bool:
    """Whether the file (its first `limit` bytes) decodes. ASCII bytes decode in every
    encoding tried here and are checked as such without decoding (five times faster: every
    file of a glob is checked before one scan reads them all)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    left = limit if limit is not None else -1
    try:
        while left and (chunk := handle.read(_CHUNK if left < 0 else min(_CHUNK, left))):
            if not chunk.isascii() or decoder.getstate()[0]:  # or after a cut character
                decoder.decode(chunk)
            left -= len(chunk) if left > 0 else 0
        if limit is None:
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def holds_nul_bytes(path: Path) -> bool:
    """Whether the (UTF-8) file holds a NUL byte: fixed-width exporters pad fields with
    them; DuckDB keeps them in text values, which Postgres then refuses."""
    with open(path, "rb") as handle:
        return any(b"\x00" in chunk for chunk in iter(lambda: handle.read(_CHUNK), b""))


def normalize_encoding(name: str) -> str:
    """A user's `encoding:` option in Python's spelling (`latin1`, `ISO-8859-1` -> latin-1)."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        from datanet_sql.errors import IngestError

        raise IngestError(f"unknown encoding '{name}'",
                          hint="use utf-8, utf-16, cp1252 or latin-1") from None


@contextmanager
def utf8_file(path: Path, encoding: str) -> Iterator[Path]:
    """The file itself when it is UTF-8, else a UTF-8 copy in a temporary file (removed on
    exit), transcoded in chunks so memory stays bounded."""
    if encoding in ("utf-8", "utf-8-sig"):
        yield path
        return
    handle, name = tempfile.mkstemp(suffix=path.suffix or ".txt", prefix="datanet_utf8_")
    try:
        with open(path, encoding=encoding, newline="") as source, \
                os.fdopen(handle, "w", encoding="utf-8", newline="") as target:
            while chunk := source.read(_CHUNK):
                target.write(chunk)
        yield Path(name)
    finally:
        os.unlink(name)


def mixed_line_endings(path: Path) -> bool:
    """Whether the (UTF-8) file ends some lines with CRLF and others with a bare LF (two
    exports pasted together): DuckDB's CSV parser stops at the first line ending unlike the
    ones before it. A pass over the file: asked only once DuckDB could not read it."""
    crlf = lf = 0
    last = b""
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            lf += chunk.count(b"\n")
            crlf += chunk.count(b"\r\n") + (last == b"\r" and chunk.startswith(b"\n"))
            last = chunk[-1:]
    return 0 < crlf < lf


@contextmanager
def crlf_as_lf(path: Path) -> Iterator[Path]:
    """A copy of the file with every CRLF written as LF (removed on exit), in chunks."""
    handle, name = tempfile.mkstemp(suffix=path.suffix or ".txt", prefix="datanet_lf_")
    try:
        with open(path, "rb") as source, os.fdopen(handle, "wb") as target:
            carry = b""
            while chunk := source.read(_CHUNK):
                chunk = carry + chunk
                carry = b"\r" if chunk.endswith(b"\r") else b""   # its LF may come next
                target.write(chunk[:len(chunk) - len(carry)].replace(b"\r\n", b"\n"))
            target.write(carry)
        yield Path(name)
    finally:
        os.unlink(name)
