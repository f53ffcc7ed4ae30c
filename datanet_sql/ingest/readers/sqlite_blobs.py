"""BLOBs in a SQLite table: text an app passed as bytes, and bytes in a number column.

SQLite keeps each value's storage class whatever its column declares, so a BLOB can sit in
any column. A Python app that passes `bytes` for a text stores its UTF-8 bytes: where the
bytes are text (UTF-8, no control character but tab and line breaks) they are read as that
text, in a text column as in a number column, where the text is then read as any text is
(`'42'` is 42, `'abc'` a reject). Other bytes (a UUID, an image, a hash) in a column read
as a number (declared INTEGER, REAL, NUMERIC, DECIMAL...) are no number: read as their hex,
the bytes `00 01` were the text `0001` and silently the integer 1. Each is a reject naming
the column and the BLOB's size, noted; the rest of the column reads as declared. A column
of numeric affinity read otherwise (declared `UUID`, `DATE`, `BOOLEAN`, where an ORM may
keep a UUID's 16 bytes), one declared BLOB or not at all, and one the source's `columns:`
declare as text keep their bytes, as hex (`database.uuid_text`).
"""

from __future__ import annotations

from typing import Any

from sqlglot import exp

_LINE_SPACE = str.maketrans("", "", "\t\n\r")  # the control characters text may hold
_SHOWN_BYTES = 16                               # a reject shows a BLOB's first bytes


def numbers(numeric: dict[str, str], types: dict[str, str]) -> dict[str, str]:
    """{column: its declared type} for the columns of numeric affinity (`numeric`, with
    their declared types, see `sqlite_blanks.numeric`) that are read as numbers (`types`:
    the type each column of the database is read as)."""
    return {name: kind for name, kind in numeric.items() if name in types and
            exp.DataType.build(types[name]).is_type(*exp.DataType.NUMERIC_TYPES)}


def as_text(values: list[Any]) -> tuple[list[Any], int]:
    """The values with each BLOB that is UTF-8 text decoded, and how many were: read as hex
    it would be a silently wrong value. Other bytes stay bytes."""
    decoded, count = [], 0
    for value in values:
        if isinstance(value, bytes):
            try:
                text = value.decode("utf-8")
            except UnicodeDecodeError:
                text = None
            if text is not None and text.translate(_LINE_SPACE).isprintable():
                value, count = text, count + 1
        decoded.append(value)
    return decoded, count


def texts_note(name: str, count: int) -> list[str]:
    """The note on a column's BLOBs read as the text they hold (none when none were)."""
    return [(f"column {name}: {count} value(s) stored as BLOBs of UTF-8 text (an app passing"
             f" bytes) read as that text")] if count else []


def in_number(name: str, kind: str, values: list[Any]
              ) -> tuple[list[Any], dict[int, str], list[str]]:
    """A batch of the column `name` read as a number (declared `kind`): its text BLOBs
    as text, its other BLOBs as NULL; {row index: the reason its row is a reject}; and the
    notes."""
    values, count = as_text(values)
    reasons = {index: _reason(name, kind, value) for index, value in enumerate(values)
               if isinstance(value, bytes)}
    notes = texts_note(name, count)
    if reasons:
        notes.append(f"column {name}: {len(reasons)} value(s) stored as BLOBs of bytes that "
                     f"are not text in a column declared {kind}: rejects (a BLOB is no "
                     f"number; its hex would have been read as one)")
    return [None if index in reasons else v for index, v in enumerate(values)], reasons, notes


def shown(value: bytes) -> str:
    """A BLOB as a reject shows it: the hex of its first bytes."""
    more = "..." if len(value) > _SHOWN_BYTES else ""
    return value[:_SHOWN_BYTES].hex() + more


def _reason(name: str, kind: str, value: bytes) -> str:
    return (f"{name}: a BLOB of {len(value)} byte(s) (hex {shown(value)}) in a column declared"
            f" {kind} is not a number: store the number itself, or declare the column BLOB"
            f" (or text in the source's columns:) to read the bytes as hex")
