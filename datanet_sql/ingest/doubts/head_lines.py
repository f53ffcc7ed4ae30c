"""Lines between a text file's header and its first row that are neither, and that no note
names: a units line, a second header line, annotations dropped without a word.

The reader's own note says which line held the header (lines above it are thereby told)
and which delimiter it split at; the first row must then come from the next line holding
data. When it comes from a later one, the lines between were left out, and unless a note
names them the user never knew. With no header, every line above the first row counts."""

from __future__ import annotations

import re

from datanet_sql.ingest.doubts.seen import HEADER_SAID, Seen

_LINES_TOLD = re.compile(r"\blines? \d|line\(s\)")
SEARCH_LINES = 200


def check(seen: Seen) -> list[str]:
    header, split = seen.header_line(), seen.delimiter()
    told = any(_LINES_TOLD.search(n) for n in seen.notes if not HEADER_SAID.search(n))
    if header is None or split is None or told or not seen.head or \
            seen.sample is None or not seen.sample.num_rows:
        return []
    first = _first_value(seen)
    if first is None:
        return []
    lines = [line.lstrip("\ufeff") for line in seen.head[:SEARCH_LINES]]
    start = _after_header(lines, header)
    found = next((i + 1 for i in range(start, len(lines))
                  if lines[i].split(split)[0].strip().strip('"').strip() == first), None)
    left = [j for j in range(start + 1, found or 0) if lines[j - 1].strip()]
    if not left:
        return []
    shown = f"line {left[0]}" if len(left) == 1 else f"lines {left[0]}-{left[-1]}"
    where = "between the header and the first row" if header else "above the first row"
    return [(f"{shown} ({lines[left[0] - 1][:50]!r}) {where}: neither header nor row, and "
             f"left out without a word; if they hold the names or data, make the layout "
             f"explicit (options: {{skip: N, header: true}})")]


def _after_header(lines: list[str], header: int) -> int:
    """The index of the first line after the header on line `header` (0: none), a header
    whose quoted name holds a line break running on to the next line."""
    if header == 0:
        return 0
    end, text = header, lines[header - 1] if header <= len(lines) else ""
    while text.count('"') % 2 and end < len(lines):
        text += lines[end]
        end += 1
    return end


def _first_value(seen: Seen) -> str | None:
    """The first row's value in the first column, as the file would spell it (text or a
    whole number; others are spelled too many ways to compare)."""
    name = next((n for n in seen.names if n != "_record_no"), None)
    value = None if name is None else seen.sample.column(name)[0]
    if isinstance(value, bool) or not isinstance(value, (str, int)) or value == "":
        return None
    return str(value).strip()
