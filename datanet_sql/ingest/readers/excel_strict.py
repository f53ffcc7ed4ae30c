"""Workbooks saved as "Strict Open XML Spreadsheet" (ISO/IEC 29500 Strict), read as the
"Excel Workbook" (transitional) format they differ from in names only.

Excel's Strict format keeps the `.xlsx` extension and the parts, but names every namespace
and relationship type anew (`http://purl.oclc.org/ooxml/spreadsheetml/main` for
`http://schemas.openxmlformats.org/spreadsheetml/2006/main`). openpyxl knows only the
transitional names: it finds no sheet in such a workbook. The parts are copied to a
temporary workbook with each Strict name replaced by its transitional one (the mapping the
standard gives, as LibreOffice and other readers apply it), which is read as usual, noted.
Only whole attribute values in tags are replaced (a namespace, a relationship's type),
never text in cells; the parts stream through in chunks, so a long sheet is not held whole.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from contextlib import ExitStack
from pathlib import Path
from typing import IO

from datanet_sql.ingest.readers.scratch import copy_path

STRICT = b"http://purl.oclc.org/ooxml/"
_TRANSITIONAL = b"http://schemas.openxmlformats.org/"
# Strict names whose transitional one is not `<area>/2006/<name>`
_RENAMED = {
    b"officeDocument/extendedProperties": b"officeDocument/2006/extended-properties",
    b"officeDocument/customProperties": b"officeDocument/2006/custom-properties",
    b"officeDocument/relationships/extendedProperties": b"officeDocument/2006/relationships/extended-properties",
    b"officeDocument/relationships/customProperties": b"officeDocument/2006/relationships/custom-properties",
}
# a Strict name as a whole attribute value: `="http://purl.oclc.org/ooxml/<area>/<name>"`
_NAME = re.compile(rb"(?<==[\"'])" + re.escape(STRICT) + rb"([A-Za-z]+)/([A-Za-z/]+)(?=[\"'])")
_TAG = re.compile(rb"<[^<>]*>")
_CHUNK = 1 << 20
NOTE = (
    'saved as "Strict Open XML Spreadsheet", whose namespaces openpyxl does not know: '
    'read with them named as an "Excel Workbook" names them (save it as "Excel Workbook" '
    "to read it directly)"
)


def is_strict(path: Path) -> bool:
    """The workbook's package relationships point to its workbook by Strict's name."""
    try:
        with zipfile.ZipFile(path) as book:
            return STRICT in book.read("_rels/.rels")
    except KeyError:
        return False  # no package relationships: openpyxl names what is missing


def transitional_copy(stack: ExitStack, path: Path) -> Path:
    """A temporary copy of the Strict workbook `path` with its parts' Strict names replaced
    by the transitional ones; removed when `stack` closes."""
    copy = copy_path(stack, path, "strict")
    with (
        zipfile.ZipFile(path) as source,
        zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            with source.open(item) as part, target.open(item.filename, "w") as out:
                if item.filename.endswith((".xml", ".rels")):
                    _rename(part, out)
                else:
                    shutil.copyfileobj(part, out)
    return copy


def _rename(part: IO[bytes], out: IO[bytes]) -> None:
    """The XML of `part` written to `out` with Strict names replaced, chunk by chunk: each
    cut at its last `<`, so no tag is split."""
    held = b""
    for chunk in iter(lambda: part.read(_CHUNK), b""):
        held += chunk
        cut = held.rfind(b"<")
        if cut > 0:
            out.write(_renamed(held[:cut]))
            held = held[cut:]
    out.write(_renamed(held))


def _renamed(xml: bytes) -> bytes:
    """`xml` (whole tags) with the Strict names in its tags replaced: a cell's text that
    spells one (`ns="http://purl.oclc.org/ooxml/..."`) is data, kept."""
    if STRICT not in xml:
        return xml
    return _TAG.sub(lambda tag: _NAME.sub(_transitional, tag[0]), xml)


def _transitional(match: re.Match[bytes]) -> bytes:
    name = match[1] + b"/" + match[2]
    return _TRANSITIONAL + _RENAMED.get(name, match[1] + b"/2006/" + match[2])
