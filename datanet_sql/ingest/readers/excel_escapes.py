"""OOXML's escapes of characters in a workbook's text (`_x000D_`), undone as Excel reads them.

XML cannot hold most control characters, so OOXML writes a character of a cell's text as
`_xHHHH_`, its code in hex: Excel writes the carriage return of each CRLF line break in a
cell (text pasted from Windows, or from a database) as `_x000D_`, and escapes the
underscore of a text that would read as an escape (`_x005F_x000D_` is the text `_x000D_`).
Excel shows the characters. openpyxl leaves the escapes of inline strings in the text, and
from the shared strings it drops every `x005F_`, so `_x005F_x000D_` reaches the reader as
`_x000D_`, like a real escape. Read as given, `_x000D_` lands in the values: silently
wrong text. The escapes are undone here as Excel undoes them, every `_xHHHH_` left to
right; a workbook whose shared strings, as openpyxl gives them, hold an escape has them
read again from its part without openpyxl's change first, so an escaped underscore keeps
its text. `_x0000_` and lone surrogate codes, which no text can hold, stay as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_KEPT = range(0xD800, 0xE000)  # surrogate codes: half a character, kept as written


def rows(worksheet: Any) -> Iterator[tuple[Any, ...]]:
    """The read-only worksheet's rows of values (`iter_rows(values_only=True)`), their text
    unescaped."""
    strings = worksheet._shared_strings
    if any("_x" in s and _ESCAPE.search(s) for s in strings if isinstance(s, str)):
        strings[:] = _raw_strings(worksheet.parent._archive)
    for row in worksheet.iter_rows(values_only=True):
        if any(isinstance(v, str) and "_x" in v for v in row):
            row = tuple(unescape(v) if isinstance(v, str) else v for v in row)
        yield row


def unescape(text: str) -> str:
    """`text` with each `_xHHHH_` the character it stands for, as Excel reads it."""
    return _ESCAPE.sub(_character, text) if "_x" in text else text


def _character(escape: re.Match[str]) -> str:
    code = int(escape[1], 16)
    return escape[0] if code == 0 or code in _KEPT else chr(code)


def _raw_strings(archive: Any) -> list[str]:
    """The workbook's shared strings as its part holds them (escapes kept), read as openpyxl
    reads them but for its dropping of `x005F_`."""
    from openpyxl.cell.text import Text
    from openpyxl.packaging.manifest import Manifest
    from openpyxl.xml.constants import ARC_CONTENT_TYPES, SHARED_STRINGS, SHEET_MAIN_NS
    from openpyxl.xml.functions import fromstring, iterparse

    part = Manifest.from_tree(fromstring(archive.read(ARC_CONTENT_TYPES))).find(SHARED_STRINGS)
    strings = []
    with archive.open(part.PartName.lstrip("/")) as source:
        for _, node in iterparse(source):
            if node.tag == f"{{{SHEET_MAIN_NS}}}si":
                strings.append(Text.from_tree(node).content)
                node.clear()
    return strings
