"""Which text encoding a file is in, and a UTF-8 copy for readers that only take UTF-8;
whether its line endings change midway, and a copy whose CRLFs are LFs.

charset-normalizer is not a dependency of datanet, and exports come in few encodings: a BOM
says UTF-8 or UTF-16 outright, and the NUL bytes of ASCII text say UTF-16 without one
(`utf16`); otherwise a file that decodes as UTF-8 is UTF-8; anything else is Windows-1252
(a superset of latin-1 in the printable range, with € and smart quotes), or latin-1 where
cp1252 leaves a byte undefined, unless its text reads as Japanese, Korean or Chinese in one
of their double-byte encodings, or as Cyrillic, Greek, Central European or Turkish text in
a single-byte code page (`legacy.choose`, which refuses when the evidence is mixed). A file
whose lines are UTF-8 and legacy both (rows appended by another tool) is `utf-8+<legacy>`,
each line decoded in its own (`mixed`). A mainframe's text still in EBCDIC, which is not
UTF-8 either, is told by its bytes before any of those (`ebcdic`).
"""

from __future__ import annotations

import codecs
import gzip
import os
import tempfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import BinaryIO, TextIO

from datanet_sql.ingest.readers import ebcdic, mixed, utf16

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_CHUNK = 1 << 20
_SAMPLE = 1 << 16   # bytes of text the legacy encoding is judged on
_GZIP_MAGIC = b"\x1f\x8b"  # a gzip stream's first bytes, whatever the file is named


def detect_encoding(path: Path, limit: int | None = None) -> str:
    """`utf-8`, `utf-8-sig`, `utf-16` (`utf-16-le` or `-be` without a BOM), `cp1252`,
    `latin-1`, a double-byte East Asian encoding (`cp932`, `cp949`, `gbk`, `cp950`) or a
    single-byte one of another script (`cp1251`, `koi8-r`, `cp1253`, `cp1250`,
    `iso8859-2`, `cp1254`), DOS Latin-1 `cp850`, an EBCDIC code page (`cp037`, see
    `ebcdic`), or UTF-8 and one of those by line (`utf-8+cp1252`, see `mixed`), from the
    BOM, the NUL bytes of UTF-16 without one, or by decoding the first `limit` bytes (the
    whole file when None, in chunks). A sample is enough to start: a reader that then meets
    a byte that is not UTF-8 asks again for the whole file. A gzip-compressed file (`compressed`)
    is judged by its decompressed bytes."""
    with _opened(path) as handle:
        head = handle.read(utf16.HEAD)
        for bom, name in _BOMS:
            if head.startswith(bom):
                return name
        if (order := utf16.order_by_nuls(head)) is not None:
            return order
        handle.seek(0)
        if _decodes(handle, "utf-8", limit):
            return "utf-8"
        handle.seek(0)
        if (page := ebcdic.code_page(handle.read(_SAMPLE))) is not None:
            return page

        def decodes(encoding: str) -> bool:
            handle.seek(0)
            return _decodes(handle, encoding, limit)

        handle.seek(0)
        if mixed.has_utf8_sequence(handle, limit):
            handle.seek(0)
            if (sample := mixed.legacy_sample(path, handle, limit, _SAMPLE)) is not None:
                return mixed.PREFIX + legacy_encoding(path, sample, _lines_decode(handle, limit))
        handle.seek(0)
        return legacy_encoding(path, _non_ascii_sample(handle, limit), decodes)


def legacy_encoding(path: Path, sample: bytes, decodes: Callable[[str], bool]) -> str:
    """The legacy encoding of text that is not UTF-8 (a file's, a SQLite column's, see
    `sqlite_text`), judged on `sample`; `decodes(encoding)` says whether all of that text
    decodes strictly in it. Refused, naming `path`, when the evidence is mixed. The judges'
    tables are imported only for such text."""
    from datanet_sql.ingest.readers import legacy

    chosen = legacy.choose(path, sample, decodes)
    if chosen:
        return chosen
    return "cp1252" if decodes("cp1252") else "latin-1"


def _lines_decode(handle: BinaryIO, limit: int | None) -> Callable[[str], bool]:
    """Whether the lines of a mixed file that are not UTF-8 decode in an encoding."""
    def decodes(encoding: str) -> bool:
        handle.seek(0)
        return mixed.legacy_decodes(handle, encoding, limit)
    return decodes


def _chunks(handle: BinaryIO, limit: int | None) -> Iterator[bytes]:
    """The handle's bytes in chunks of `_CHUNK`, up to `limit` bytes (all when None)."""
    left = limit if limit is not None else -1
    while left and (chunk := handle.read(_CHUNK if left < 0 else min(_CHUNK, left))):
        left -= len(chunk) if left > 0 else 0
        yield chunk


def _non_ascii_sample(handle: BinaryIO, limit: int | None) -> bytes:
    """Up to `_SAMPLE` bytes from the start of the line holding the first byte that is not
    ASCII (within the first `limit` bytes): what `legacy.choose` judges the text by."""
    for chunk in _chunks(handle, limit):
        if not chunk.isascii():
            first = next(i for i, byte in enumerate(chunk) if byte > 0x7F)
            start = chunk.rfind(b"\n", 0, first) + 1
            return chunk[start:start + _SAMPLE]
    return b""


def _decodes(handle: BinaryIO, encoding: str, limit: int | None) -> bool:
    """Whether the file (its first `limit` bytes) decodes. ASCII bytes decode in every
    encoding tried here and are checked as such without decoding (five times faster: every
    file of a glob is checked before one scan reads them all)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        for chunk in _chunks(handle, limit):
            if not chunk.isascii() or decoder.getstate()[0]:  # or after a cut character
                decoder.decode(chunk)
        if limit is None:
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def compressed(path: Path) -> bool:
    """A gzip-compressed file: by its name (`orders.csv.gz`, read by its inner extension),
    or by its first bytes whatever its name (a `.csv` downloaded raw from object storage
    that served it with `Content-Encoding: gzip`: read as text, its rows were garbage)."""
    return _gz_named(path) or _gzip_bytes(path)


def compression_notes(label: str, path: Path) -> list[str]:
    """The note on a file read decompressed though its name does not say it is gzip."""
    if _gz_named(path) or not _gzip_bytes(path):
        return []
    named = f"named {path.suffix}" if path.suffix else "without an extension"
    return [f"{label}: gzip-compressed bytes in a file {named}: read decompressed"]


def _gz_named(path: Path) -> bool:
    return path.suffix.lower() == ".gz"


def _gzip_bytes(path: Path) -> bool:
    """Whether the file starts with gzip's magic bytes (`1f 8b`)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(_GZIP_MAGIC)) == _GZIP_MAGIC
    except OSError:  # no file (a glob, a folder): the reader says what is wrong with it
        return False


@contextmanager
def _opened(path: Path) -> Iterator[BinaryIO]:
    """The file's bytes, decompressed when it is `compressed`; a file that is not gzip
    after all is an IngestError naming it."""
    try:
        with gzip.open(path, "rb") if compressed(path) else open(path, "rb") as handle:
            yield handle
    except (gzip.BadGzipFile, EOFError, zlib.error) as error:
        from datanet_sql.errors import IngestError

        hint = (
            "check the file is whole, or rename it without .gz if it is not compressed"
            if _gz_named(path)
            else "check the file is whole (it starts as gzip does)"
        )
        raise IngestError(
            f"cannot decompress the file as gzip: {error}", file=str(path), hint=hint
        ) from None


_BOM = codecs.BOM_UTF8
_FIELD_STARTS = b"\n\r,;\t|\"'"   # a BOM right after one of these starts a line or a field
_DOUBLED_CR = b"\r\r\n"
DOUBLED_CR_NOTE = "line ends \\r\\r\\n read as one line break (Python's csv module on Windows " \
    "writing to a file opened without newline='')"


@dataclass(frozen=True)
class Marks:
    """What one pass over a UTF-8 file finds that DuckDB would keep as data: NUL bytes
    (fixed-width exporters pad fields with them; DuckDB keeps them in text values, which
    Postgres then refuses), and byte-order marks past the file's start (two UTF-8 exports
    with a BOM each concatenated: DuckDB keeps U+FEFF in the first field of the record,
    `'\ufeff101'`, and the column becomes text), by line number; and whether every line
    ends `\\r\\r\\n` (Python's csv writer on Windows, into a file opened without
    `newline=''`: its CRLF's LF made CRLF again), which DuckDB's strict parser refuses; read
    loosely, the `\\r` would be a blank row between records or the end of a last field."""

    nul_bytes: bool = False
    bom_lines: tuple[int, ...] = ()
    doubled_cr: bool = False


def byte_marks(path: Path) -> Marks:
    """The `Marks` of the (UTF-8) file, in one pass. A BOM counts at the start of a line
    or of a field (after a delimiter or a quote), never at the file's start (a BOM proper);
    U+FEFF inside a word is left alone. Line breaks are `\\r\\r\\n` when each one is (the
    last line may end without one); counted only until one is not."""
    nul, offsets, read, last = False, [], 0, b""
    breaks = doubled = 0
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            nul = nul or b"\x00" in chunk
            if breaks == doubled:
                breaks, doubled = _breaks_counted(last, chunk, breaks, doubled)
            # a BOM's first byte is rare in most files, and looking for one byte is the
            # fastest search; the chunk is joined to the last one's end only when it holds it
            window = last + chunk if _BOM[:1] in chunk or _BOM[:1] in last else b""
            at = window.find(_BOM, 1)
            while at > 0:
                if window[at - 1] in _FIELD_STARTS:
                    offsets.append(read - len(last) + at)
                at = window.find(_BOM, at + 1)
            read += len(chunk)
            last = chunk[-3:]
    return Marks(nul, _line_numbers(path, offsets), 0 < breaks == doubled)


def _breaks_counted(last: bytes, chunk: bytes, breaks: int, doubled: int) -> tuple[int, int]:
    """The line breaks and `\\r\\r\\n` breaks counted on past `chunk` (after the bytes
    `last`), as `byte_marks` needs them: while they are equal. A chunk whose first break is
    a single one settles it without counting: counting `\\r\\r\\n` in the first MB of
    each of a folder's 50 files took 0.08 s, more than reading them."""
    first = chunk.find(b"\n")
    if first >= 0 and (last + chunk[max(0, first - 2):first])[-2:] != b"\r\r":
        return breaks + 1, doubled
    return (breaks + chunk.count(b"\n"),
            doubled + chunk.count(_DOUBLED_CR) + (last[-2:] + chunk[:2]).count(_DOUBLED_CR))


def _line_numbers(path: Path, offsets: list[int]) -> tuple[int, ...]:
    """The 1-based lines of the byte `offsets` (ascending), in a pass of their own: lines
    are counted only in a file that has a BOM to name, not in every file looked at."""
    if not offsets:
        return ()
    lines, seen, read, waiting = [], 0, 0, iter(offsets)
    offset = next(waiting, None)
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            if offset is None:
                break
            while offset is not None and offset < read + len(chunk):
                lines.append(seen + chunk.count(b"\n", 0, max(0, offset - read)) + 1)
                offset = next(waiting, None)
            seen += chunk.count(b"\n")
            read += len(chunk)
    return tuple(sorted(set(lines)))


def bom_note(label: str, lines: tuple[int, ...], most: int = 10) -> str:
    """The read's note on the BOMs removed, naming the first `most` lines."""
    shown = ", ".join(map(str, lines[:most])) + (
        f" and {len(lines) - most} more" if len(lines) > most else "")
    return f"{label}: byte-order mark (U+FEFF) removed at the start of line(s) {shown}: " \
        f"files saved with a BOM each, then joined"


def without_boms(path: Path) -> AbstractContextManager[Path]:
    """A copy of the (UTF-8) file without the BOMs `byte_marks` finds (removed on exit), in
    chunks: the end of a chunk that may begin one is carried to the next."""
    def rewrite(data: bytes) -> tuple[bytes, bytes]:
        for start in _FIELD_STARTS:
            data = data.replace(bytes([start]) + _BOM, bytes([start]))
        open_end = _open_end(data)
        return data[:len(data) - open_end], data[len(data) - open_end:]

    return rewritten(path, "datanet_bom_", rewrite)


@contextmanager
def rewritten(path: Path, prefix: str,
               rewrite: Callable[[bytes], tuple[bytes, bytes]]) -> Iterator[Path]:
    """A temporary copy of the file (removed on exit), rewritten chunk by chunk: `rewrite`
    takes a chunk behind what the last one carried and gives the bytes to write and those
    to carry (an end that may begin what it replaces), so a file of any size is copied in
    bounded memory."""
    handle, name = tempfile.mkstemp(suffix=path.suffix or ".txt", prefix=prefix)
    try:
        with open(path, "rb") as source, os.fdopen(handle, "wb") as target:
            carry = b""
            while chunk := source.read(_CHUNK):
                out, carry = rewrite(carry + chunk)
                target.write(out)
            target.write(carry)
        yield Path(name)
    finally:
        os.unlink(name)


def _open_end(data: bytes) -> int:
    """How many of `data`'s last bytes may be the start of a BOM after a field start."""
    for n in (3, 2, 1):
        tail = data[-n:]
        if len(tail) == n and tail[0] in _FIELD_STARTS and _BOM.startswith(tail[1:]):
            return n
    return 0


def normalize_encoding(name: str) -> str:
    """A user's `encoding:` option in Python's spelling (`latin1`, `ISO-8859-1` -> latin-1;
    `utf8+latin1` -> utf-8+iso8859-1, see `mixed`)."""
    try:
        if "+" in name:
            first, legacy_name = name.split("+", 1)
            if codecs.lookup(first).name == "utf-8":
                return mixed.PREFIX + codecs.lookup(legacy_name).name
        return codecs.lookup(name).name
    except LookupError:
        from datanet_sql.errors import IngestError

        raise IngestError(f"unknown encoding '{name}'",
                          hint="use utf-8, utf-16, cp1252 or latin-1") from None


@contextmanager
def utf8_file(path: Path, encoding: str) -> Iterator[Path]:
    """The file itself when it is UTF-8, else a UTF-8 copy in a temporary file (removed on
    exit), transcoded in chunks so memory stays bounded. A `compressed` file is always a
    decompressed copy, named by its inner extension: every reader then reads plain text.
    A UTF-16 file that ends inside a character is copied to its last whole line
    (`utf16.cut`, which `encoding_notes` names)."""
    if encoding in ("utf-8", "utf-8-sig") and not compressed(path):
        yield path
        return
    inner = Path(path.stem) if _gz_named(path) else path
    handle, name = tempfile.mkstemp(suffix=inner.suffix or ".txt", prefix="datanet_utf8_")
    try:
        with _opened(path) as raw, \
                os.fdopen(handle, "w", encoding="utf-8", newline="") as target:
            if (legacy_name := mixed.legacy_of(encoding)) is not None:
                mixed.transcode(path, raw, target, legacy_name)
            else:
                _transcode(path, raw, target, encoding)
        yield Path(name)
    finally:
        os.unlink(name)


def _transcode(path: Path, raw: BinaryIO, target: TextIO, encoding: str) -> None:
    """`raw`'s bytes (of `path`) decoded as `encoding` into `target`; a byte that does not
    decode (an `encoding:` option that is not the file's, a cut compressed file) is refused
    naming its line and byte offset."""
    decoder = codecs.getincrementaldecoder(encoding)()
    read = lines = 0
    try:
        for chunk in chain(_chunks(raw, _utf16_kept(path, encoding)), [b""]):  # b'': the end
            start = read - len(decoder.getstate()[0])   # where the bytes decoded now begin
            text = decoder.decode(chunk, final=not chunk)
            if ebcdic.is_code_page(encoding):
                text = ebcdic.lines(text)
            target.write(text)
            read, lines = read + len(chunk), lines + text.count("\n")
    except UnicodeDecodeError as error:
        from datanet_sql.errors import IngestError

        before = error.object[:error.start].decode(encoding, errors="replace").count("\n")
        where = f"line {lines + before + 1} (byte {start + error.start})"
        if error.reason == "truncated data":
            raise IngestError(f"the file ends inside a character of {encoding}, in {where}: "
                              f"it was cut while written or copied", file=str(path),
                              hint="copy or export the file again, whole") from None
        raise IngestError(f"{where} does not decode as {encoding}: {error.reason}",
                          file=str(path),
                          hint="name the file's encoding in the source's options, e.g. "
                               "options: {encoding: cp1252}") from None


def _utf16_kept(path: Path, encoding: str) -> int | None:
    """How many bytes of a UTF-16 file that ends inside a character are read (`utf16.cut`);
    None (all) for any other file. A compressed file is read whole."""
    if not encoding.startswith("utf-16") or compressed(path):
        return None
    cut = utf16.cut(path, encoding)
    return None if cut is None else cut.keep


def encoding_notes(label: str, path: Path, encoding: str) -> list[str]:
    """The notes on how the file's encoding was read beyond its name: the lines of a mixed
    encoding (`mixed.note`), the cut end of a UTF-16 file (`utf16.note`), gzip bytes in a
    file not named `.gz` (`compression_notes`); none for most."""
    if encoding.startswith("utf-16") and not compressed(path) and \
            (cut := utf16.cut(path, encoding)) is not None:
        return [*compression_notes(label, path), utf16.note(label, cut)]
    return [*compression_notes(label, path), *_mixed_note(label, path, encoding)]


def doubt_notes(label: str, path: Path, encoding: str) -> list[str]:
    """The note on a file detected as cp1252 whose letters fit Central European, Turkish
    or DOS text better, on too little text to read it so (`central.doubt`, `turkish.doubt`,
    `dos.doubt`); the note on a file read as EBCDIC, which no one expects (`ebcdic.note`);
    none for any other (nor for an encoding the source names)."""
    if ebcdic.is_code_page(encoding):
        with _opened(path) as handle:
            return [ebcdic.note(label, encoding, handle.read(_SAMPLE))]
    if encoding != "cp1252":
        return []
    from datanet_sql.ingest.readers import central, dos, turkish

    with _opened(path) as handle:
        sample = _non_ascii_sample(handle, None)
    return [note for note in (central.doubt(label, sample), turkish.doubt(label, sample),
                              dos.doubt(label, sample)) if note]


def _mixed_note(label: str, path: Path, encoding: str) -> list[str]:
    """The note on a file read in a mixed encoding (`mixed.note`), in a pass of its own; no
    note for any other."""
    if (legacy_name := mixed.legacy_of(encoding)) is None:
        return []
    counts = [0, 0]
    with _opened(path) as handle:
        for _, _, is_utf8 in mixed.lines(handle, None):
            counts[not is_utf8] += 1
    return [mixed.note(label, legacy_name, (counts[0], counts[1]))]


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


def crlf_as_lf(path: Path) -> AbstractContextManager[Path]:
    """A copy of the file with every CRLF written as LF (removed on exit), in chunks: also
    the undoing of Windows' text mode, which wrote each LF as CRLF (`Marks.doubled_cr`)."""
    def rewrite(data: bytes) -> tuple[bytes, bytes]:
        carry = b"\r" if data.endswith(b"\r") else b""   # its LF may come next
        return data[:len(data) - len(carry)].replace(b"\r\n", b"\n"), carry

    return rewritten(path, "datanet_lf_", rewrite)
