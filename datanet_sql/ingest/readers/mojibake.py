"""Text that went through UTF-8 twice (mojibake: `April CarriÃ³n`), told and named.

A pipeline that reads a UTF-8 file as Windows-1252 (or Latin-1) and writes it out as
UTF-8 again turns each accented letter into two or three characters: `ó` (bytes C3 B3)
becomes `Ã³`. The file is valid UTF-8, so no encoding check sees it, and the names land
in the warehouse as written: silently wrong text. Its runs of characters beyond ASCII are
told as ftfy tells them: encoded back to the bytes Windows-1252 (or Latin-1) gives them,
they decode as UTF-8, to characters of the alphabets text is written in (see
`_TWO_BYTE_TEXT`), and encode back to the very run written (the round trip), which text
written once practically never does (`é` alone is no UTF-8, nor is `Ã©` anything but `é`
encoded twice).

The values are kept as written, with a note per column naming it and an example with its
repair: a repair of every value would need every value seen, and one sampled value that is
real text written so (`É…` reads as `Ʌ`) would be damaged silently; the note makes the
doubt visible where a repair could not be sure.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from sqlglot import exp

from datanet_sql.ingest.readers.csv_values import SAMPLE_ROWS
from datanet_sql.ingest.readers.sql import column

_RUN = re.compile(r"[^\x00-\x7f]+")
# Windows-1252 as a pipeline reads it: its five undefined bytes as the Latin-1 characters
_CP1252 = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256))
_TO_CP1252 = {ord(char): chr(byte) for byte, char in enumerate(_CP1252)}  # char -> its byte
_FROM_CP1252 = {byte: char for byte, char in enumerate(_CP1252)}   # byte (as latin-1) -> char
_TEXT = ("L", "N", "P", "S", "Z")  # Unicode categories of characters text is written in
# of the characters UTF-8 writes in two bytes, those of the alphabets text uses: Latin-1's
# and Latin Extended-A's letters and signs, Romanian's comma letters, Greek, Cyrillic,
# Hebrew, Arabic (not IPA, nor Latin Extended-B, which `É…` would make: `Ʌ`)
_TWO_BYTE_TEXT = ((0xA0, 0x17F), (0x218, 0x21B), (0x370, 0x4FF), (0x5D0, 0x5EA),
                  (0x600, 0x6FF))


def repaired(text: str) -> str | None:
    """`text` with each run of characters beyond ASCII that is UTF-8 read as Windows-1252
    or Latin-1 decoded again; None when no run is (text written once)."""
    fixed, changed = [], False
    last = 0
    for run in _RUN.finditer(text):
        once = _once(run[0])
        fixed += [text[last:run.start()], once or run[0]]
        changed, last = changed or once is not None, run.end()
    return "".join([*fixed, text[last:]]) if changed else None


def _once(run: str) -> str | None:
    """The run's text as UTF-8 read once, when it round-trips through Windows-1252 or
    Latin-1 to characters of text; else None."""
    for table, back in ((_TO_CP1252, _FROM_CP1252), ({}, {})):
        try:
            once = run.translate(table).encode("latin-1").decode("utf-8")
        except UnicodeError:
            continue
        if once.encode("utf-8").decode("latin-1").translate(back) == run and all(
                map(_of_text, once)):
            return once
    return None


def _of_text(char: str) -> bool:
    """Whether `char` is a character of text (not a control or private one), of the
    alphabets of `_TWO_BYTE_TEXT` when UTF-8 writes it in two bytes."""
    code = ord(char)
    if 0x80 <= code < 0x800 and not any(low <= code <= high for low, high in _TWO_BYTE_TEXT):
        return False
    return unicodedata.category(char)[0] in _TEXT


def notes(con: Any, scan: exp.Table, names: list[str]) -> list[str]:
    """A note per text column (`names`) of `scan` whose first `SAMPLE_ROWS` rows hold text
    that went through UTF-8 twice, naming it, how many values and an example."""
    if not names:
        return []
    rows = con.execute(exp.select(*map(column, names)).from_(scan).limit(SAMPLE_ROWS)
                       .sql("duckdb")).fetchall()
    found = []
    for name, values in zip(names, zip(*rows)):
        beyond = {v for v in values if isinstance(v, str) and not v.isascii()}
        twice = {v: fixed for v in sorted(beyond) if (fixed := repaired(v)) is not None}
        if twice:
            written, fixed = next(iter(twice.items()))
            found.append(
                f"column {name}: {len(twice)} of the {len(beyond)} sampled value(s) "
                f"beyond ASCII look like UTF-8 text read as Windows-1252 and written as UTF-8 "
                f"again (mojibake: {written!r} would be {fixed!r}): kept as written; read the "
                f"source as UTF-8 where the file is made, or repair the column in a model")
    return found
