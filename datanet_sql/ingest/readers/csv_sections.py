"""A sectioned CSV: Illumina's sample sheets and many lab instruments' exports write
`[Header]` key/value lines, `[Reads]`, `[Settings]`, then `[Data]` over the table's names
and rows, each line padded with delimiters to the table's width by the spreadsheet that
saved it. Sniffed as a whole, the names came from `[Header]` and every section's lines were
rows. The table is the `[Data]` section (or Illumina's v2 `[BCLConvert_Data]`): read from
its header, the sections above it noted. A file with no such section, two, or one followed
by another section cannot be read as one table without a guess: refused, naming them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from datanet_sql.errors import IngestError

_SECTION = re.compile(r"\[([A-Za-z][\w .-]*)\]")
_PADDING = ",;\t| "   # what pads a section's line to the table's width
_DATA = re.compile(r"(?:\w+_)?data", re.IGNORECASE)


@dataclass(frozen=True)
class Section:
    """Where a sectioned file's table is: `skip` lines above its header."""

    skip: int
    note: str


def data_section(path: Path, label: str) -> Section | None:
    """The `[Data]` section's place when the file is sectioned: its first non-blank line a
    section's name alone (`[Header]`, padding aside), two sections at least, and lines
    other than sections' names (a one-column file of bracketed words is no such file).
    None when it is not; an IngestError when it is but its table cannot be told."""
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
        first = next((line for line in handle if line.strip(_PADDING + "\r\n")), "")
        if not _section(first):
            return None
        handle.seek(0)
        lines = [line.rstrip("\r\n").rstrip(_PADDING) for line in handle]
    sections = [(number, name) for number, line in enumerate(lines)
                if (name := _section(line))]
    if len(sections) < 2 or len(sections) == sum(1 for line in lines if line.strip()):
        return None
    named = ", ".join(f"[{name}] (line {number + 1})" for number, name in sections)
    tables = [(number, name) for number, name in sections if _DATA.fullmatch(name)]
    if len(tables) != 1 or tables[0] != sections[-1]:
        raise IngestError(
            f"a sectioned file ({named}) whose table is not one last [Data] section: "
            f"cannot tell which lines are the table",
            file=label, hint="keep the table's section alone in a file, or set options: "
                             "skip (the lines above its header) and header: true")
    number, name = tables[0]
    skip = next((n for n in range(number + 1, len(lines)) if lines[n].strip()), number + 1)
    note = f"sections {named}: the table is the [{name}] section's, header on line " \
        f"{skip + 1}; the lines above it left out"
    return Section(skip, note)


def _section(line: str) -> str | None:
    """The section's name when `line` is `[Name]` alone (its padding stripped)."""
    found = _SECTION.fullmatch(line.strip().rstrip(_PADDING).strip())
    return found.group(1) if found else None
