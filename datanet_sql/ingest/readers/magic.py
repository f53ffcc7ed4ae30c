"""Files that are not text, whatever their name says: told by their first bytes.

A Parquet file, a SQLite database, a workbook or a PDF saved or renamed as `.csv` (or
`.json`) was read as Latin-1 text: garbage column names from its binary header and rows of
bytes, loaded without a word. The signatures below are the formats' own magic numbers;
such a file is refused, naming what it is and the `format:` that reads it. Gzip is not
here: the text readers decompress it (see `encoding.compressed`).
"""

from __future__ import annotations

from pathlib import Path

from datanet_sql.errors import IngestError

# (leading bytes, what the file is, what to do): the formats' documented signatures
_SIGNATURES = (
    (b"PAR1", "a Parquet file", "set `format: parquet` on the source"),
    (b"SQLite format 3\x00", "a SQLite database",
     "set `format: sqlite` and `source_table:` on the source"),
    (b"PK\x03\x04", "a zip archive (an .xlsx workbook is one)",
     "set `format: xlsx` for a workbook, or unzip it and point `path:` at its files"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Excel .xls workbook (OLE2)",
     "save it as .xlsx (Excel Workbook) and set `format: xlsx`"),
    (b"%PDF", "a PDF document", "export the data as CSV from the tool that made the PDF"),
    (b"ARROW1", "an Arrow IPC (Feather) file", "save it as Parquet and set `format: parquet`"),
    (b"BZh", "a bzip2-compressed file", "decompress it, or deliver it gzip-compressed"),
    (b"\xfd7zXZ\x00", "an xz-compressed file", "decompress it, or deliver it gzip-compressed"),
    (b"\x28\xb5\x2f\xfd", "a zstd-compressed file", "decompress it, or deliver it gzip-compressed"),
)
_LONGEST = max(len(magic) for magic, _, _ in _SIGNATURES)


def refuse_binary(path: Path, fmt: str) -> None:
    """Refuse a file the `fmt` (a text format) reader would misread: one that begins with
    another format's signature."""
    with open(path, "rb") as handle:
        start = handle.read(_LONGEST)
    for magic, what, hint in _SIGNATURES:
        if start.startswith(magic) and not (magic == b"BZh" and not start[3:4].isdigit()):
            raise IngestError(f"the file is {what}, not {fmt} text (its first bytes say so)",
                              file=str(path), hint=hint)
