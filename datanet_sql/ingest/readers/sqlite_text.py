"""SQLite TEXT values that are not UTF-8: an old app's legacy encoding, read as written.

SQLite stores whatever bytes an app binds as TEXT, checking nothing: an old PHP app on a
Latin-1 connection stores `Zaunk\\xf6nig`, and Python's sqlite3 then fails the whole read
(`Could not decode to UTF-8 column 'host'`). The reader's connection hands such a value
over as its bytes (`text_factory`, an `Undecoded`; a UTF-8 value still comes as text), and
each column's undecoded values are decoded in one encoding, told as a file's is
(`encoding.legacy_encoding`: cp1252 for Western text, latin-1 where cp1252 lacks a byte,
another code page when the text reads as one, refused when the evidence is mixed), on the
column's distinct such values, and noted naming the column and the encoding; a reading
on too few letters says so (`central.doubt`, `dos.doubt`). The source's
`options: {encoding: ...}` decides instead when given. A value that does not decode in
the encoding chosen is refused naming the column, never replaced by `\\ufffd`, never
dropped. Values that are UTF-8 stay UTF-8, as the lines of a file mixing UTF-8 with a
legacy encoding do (`mixed`). BLOBs are bytes, not text, and are not touched here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers import central, dos, mixed
from datanet_sql.ingest.readers.encoding import legacy_encoding, normalize_encoding

_SAMPLE = 1 << 16   # bytes of a column's distinct values its encoding is judged on


class Undecoded(bytes):
    """A TEXT value's bytes that are not UTF-8, as the reader's connection hands them over."""


def text_factory(raw: bytes) -> str | bytes:
    """sqlite3's `text_factory`: a TEXT value as text when it is UTF-8, else `Undecoded`."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return Undecoded(raw)


class Decoder:
    """Decodes the undecoded values of a table's columns, batch after batch, each column in
    the encoding its first such values decided (or the one the source names)."""

    def __init__(self, label: str, encoding: str | None) -> None:
        self.label = label
        named = normalize_encoding(encoding) if encoding else None
        self.named = mixed.legacy_of(named) or named if named else None
        self.chosen: dict[str, str] = {}

    def decode(self, name: str, values: list[Any], noted: bool = True
               ) -> tuple[list[Any], list[str]]:
        """`values` (a column's) with every `Undecoded` one decoded, and the notes on it
        (none when `noted` is false: the reader's own record column)."""
        undecoded = list(dict.fromkeys(v for v in values if isinstance(v, Undecoded)))
        if not undecoded:
            return values, []
        encoding, notes = self._encoding(name, undecoded)
        texts = {raw: self._decoded(name, raw, encoding) for raw in undecoded}
        decoded = [texts[v] if isinstance(v, Undecoded) else v for v in values]
        if not noted:
            return decoded, []
        how = "as the source's options name it" if self.named else "detected"
        count = sum(isinstance(v, Undecoded) for v in values)
        note = f"column {name}: {count} TEXT value(s) not UTF-8 (an app writing a legacy " \
            f"encoding) read as {encoding} ({how})"
        return decoded, [note, *notes]

    def _encoding(self, name: str, undecoded: list[bytes]) -> tuple[str, list[str]]:
        """The column's encoding, decided on its first undecoded values and kept for the
        later batches, with the notes of doubt on that decision."""
        if self.named:
            return self.named, []
        if name in self.chosen:
            return self.chosen[name], []
        sample = b"\n".join(undecoded)[:_SAMPLE]
        try:
            chosen = legacy_encoding(Path(self.label), sample, lambda e: _decode_all(undecoded, e))
        except IngestError as error:
            raise IngestError(f"column {name}'s TEXT values are not UTF-8, and "
                              f"{error.message.split(', and ', 1)[-1]}", file=self.label,
                              hint=error.hint) from None
        self.chosen[name] = chosen
        label = f"column {name}"
        doubts = [central.doubt(label, sample), dos.doubt(label, sample)] \
            if chosen == "cp1252" else []
        return chosen, [d for d in doubts if d]

    def _decoded(self, name: str, raw: bytes, encoding: str) -> str:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError as error:
            whose = "the source's options name" if self.named else "its column's values are in"
            raise IngestError(
                f"column {name}: the TEXT value {bytes(raw)!r} does not decode as {encoding}, "
                f"the encoding {whose} ({error.reason} at byte {error.start})", file=self.label,
                hint="name the encoding of the database's text in the source's options, "
                     "e.g. options: {encoding: latin-1}") from None


def _decode_all(values: list[bytes], encoding: str) -> bool:
    """Whether every value decodes in `encoding`."""
    try:
        for value in values:
            value.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True
