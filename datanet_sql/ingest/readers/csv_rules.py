"""Rule lines and row-count footers of a query tool's output saved as a CSV, and lines of
delimiters alone at a file's end: not records.

`sqlcmd -s ","`, psql and SQL*Plus print a result for a person: a line of dashes under the
header (`----,------`, `---+---`, `|---|:--|` in markdown, `+----+` borders in MySQL's
client) and a footer counting the rows (`(209 rows affected)`, `(2 rows)`, `12 rows
selected.`, `3 rows in set (0.00 sec)`). Read as records, the dashes turn every number
column to text and the footer is one more row: silently wrong. A rule line is one whose
every field is empty or a run of `-` or `=` (a markdown `:` at either end allowed), three
such characters at least; looked for only above the header, just under it and at the
file's end (a closing rule only when a rule is drawn by the header too: a table framed all
round, as MySQL's client and SAP's list export print it); a footer is one of the spellings
above, looked for at the file's end only (after blank lines and a closing rule). A report spooled in pages (SQL*Plus's `SET PAGESIZE`,
psql's pager saved) prints the header and its rule again at each page's top, often after a
blank line: a line equal to the rule under the header, under a line equal to the header, is
a page break, left out with that header. Such lines are left out, each noted (page breaks
in one note), by reading a copy of the file without them.
"""

from __future__ import annotations

import re
from contextlib import ExitStack
from itertools import accumulate
from pathlib import Path

from datanet_sql.ingest.readers.scratch import copy_path

_EDGE_BYTES = 1 << 16   # of the file's start and end looked at
_HEAD_LINES = 4         # lines looked at for a rule above or under the header
_TAIL_LINES = 4         # lines at the end looked at (blank ones not counted)
_CELL = re.compile(r"\s*(:?(-+|=+):?)?\s*")
_SEPARATORS = re.compile(r"[,;\t|+ ]")
_FOOTER = re.compile(r"\(\d[\d,.]* rows?( affected)?\)|\d[\d,.]* rows? (selected|in set)\b.*",
                     re.IGNORECASE)


def is_rule(text: str) -> bool:
    """A line drawn under or around a header: fields of dashes or `=` only."""
    cells = _SEPARATORS.split(text.strip())
    return sum(text.count(c) for c in "-=") >= 3 and all(_CELL.fullmatch(c) for c in cells)


def without_rules(stack: ExitStack, path: Path, name: str) -> tuple[Path, list[str]]:
    """`path`, or a copy of it (removed with `stack`) without its rule lines and row-count
    footer, and a note for each line left out (`name`: the file as the user knows it)."""
    head = _head_rules(path)
    cut = _tail_start(path, framed=bool(head))
    if not head and cut is None:
        return path, []
    breaks = _page_breaks(path, head)
    copy = copy_path(stack, path, "rules")
    notes, offset, repeated, empty = [], 0, [], []
    with path.open("rb") as source, copy.open("wb") as target:
        for number, line in enumerate(source, start=1):
            text = line.decode("utf-8", "replace").strip()
            if cut is not None and offset >= cut:
                if _delimiters_only(line):
                    empty.append(number)
                elif text:
                    notes.append(_note(name, number, text))
            elif offset in head:
                notes.append(_note(name, number, text))
            elif offset in breaks:
                repeated.append(number)
            else:
                target.write(line)
            offset += len(line)
    if empty:
        where = f"line {empty[0]}" if len(empty) == 1 else f"lines {empty[0]}-{empty[-1]}"
        notes.append(f"{name}: {len(empty)} line(s) of delimiters only at the end ({where}: "
                     f"a spreadsheet saved past its data): not loaded")
    if repeated:
        lines = ", ".join(map(str, repeated[:6])) + (", ..." if len(repeated) > 6 else "")
        notes.append(f"{name}: {len(repeated) // 2} page breaks of a report (the header and "
                     f"its rule line printed again, lines {lines}): not loaded")
    return copy, notes


def ruled_header(path: Path) -> bool:
    """Whether a rule line is drawn above or under the header: a table printed for a
    person, each cell padded to its column's width, so the padding is layout, not data."""
    return bool(_head_rules(path))


def has_rules(path: Path) -> bool:
    """Whether the file has rule lines by its header or a footer at its end."""
    return bool(_head_rules(path)) or _tail_start(path, framed=False) is not None


def _note(name: str, number: int, text: str) -> str:
    kind = "a rule line" if is_rule(text) else "a row-count footer"
    return f"{name}: line {number} {text!r} is {kind} of a query tool's output: not loaded"


def _head_rules(path: Path) -> set[int]:
    """The offsets of rule lines among the first lines: above the header, or under it."""
    with path.open("rb") as handle:
        data = handle.read(_EDGE_BYTES)
    found, offset, others = set(), 0, 0
    for count, line in enumerate(data.splitlines(keepends=True)[:_HEAD_LINES + 1]):
        text = line.decode("utf-8", "replace")
        if count == _HEAD_LINES or others == 2:
            break
        if is_rule(text):
            found.add(offset)
        elif text.strip():
            others += 1
        offset += len(line)
    return found


def _page_breaks(path: Path, head: set[int]) -> set[int]:
    """The offsets of the header and rule lines a paged report prints again: a line equal
    to a rule of `head` right under a line equal to the one above that rule (the header)."""
    under: dict[bytes, bytes] = {}   # header -> the rule under it
    pairs: set[int] = set()
    offset, previous = 0, (0, b"")
    with path.open("rb") as handle:
        for line in handle:
            text = line.strip()
            if offset in head and previous[1] and not is_rule(previous[1].decode("utf-8", "replace")):
                under[previous[1]] = text
            elif previous[1] and under.get(previous[1]) == text:
                pairs |= {previous[0], offset}
            previous, offset = (offset, text), offset + len(line)
    return pairs


def _tail_start(path: Path, framed: bool) -> int | None:
    """Where the file's closing lines begin (blank lines, a rule, a row-count footer),
    when they hold a footer, or a rule closing a table `framed` by rules at its header
    (a lone line of dashes at the end of a file without them may be a record); None when
    they do not."""
    with path.open("rb") as handle:
        size = handle.seek(0, 2)
        start = max(0, size - _EDGE_BYTES)
        handle.seek(start)
        data = handle.read()
    lines = data.splitlines(keepends=True)[1 if start else 0:]
    offsets = list(accumulate((len(ln) for ln in lines[:-1]),
                              initial=size - sum(map(len, lines))))
    cut, footer, rule, seen, empty = None, False, False, 0, False
    for offset, line in zip(reversed(offsets), reversed(lines)):
        text = line.decode("utf-8", "replace").strip()
        if not text or _delimiters_only(line):
            cut, empty = offset, empty or bool(text) or _delimiters_only(line)
            continue
        if seen == _TAIL_LINES or not (_FOOTER.fullmatch(text) or is_rule(text)):
            break
        footer = footer or bool(_FOOTER.fullmatch(text))
        rule = rule or is_rule(text)
        cut, seen = offset, seen + 1
    return cut if footer or (framed and rule) or empty else None


def _delimiters_only(line: bytes) -> bool:
    """A line of delimiters alone (`,,,,`): a record of nothing, as a spreadsheet saved with
    its used range past the data writes them (read, each is a row of NULLs)."""
    text = line.decode("utf-8", "replace").rstrip("\r\n")
    return bool(text) and not text.strip(",;\t| ") and any(c in text for c in ",;\t|")
