"""A second opinion on a CSV's delimiter and title rows, for files DuckDB's sniffer misreads.

DuckDB's sniffer wants the first rows to agree: a title line above the header plus one
ragged row makes it settle on a single column holding whole lines, which would load
silently wrong. This looks at the first records of a sample the way a person does: for each
common delimiter, the field count most records share; the delimiter whose count is above 1
and shared most wins, and the header is the first record with that count.

The same count finds a title or a data logger's metadata line above a header when the
sniffer took it for the header (Campbell Scientific's TOA5 `"TOA5","station",...`: wider
than the table, so its rows became rejects): see `header_under_title`.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import _csv

CANDIDATES = (",", ";", "\t", "|")
# control characters that separate fields in some exports, never typed by a person: each
# taken only when it splits every sampled record into the same number of fields (more
# than one), and then before any other (a comma in a Hive export's text is no delimiter)
CONTROL = {"\x01": "Ctrl-A, Hive's default", "\x1f": "the ASCII unit separator",
           "\x1e": "the ASCII record separator",
           "\x14": "DC4, Concordance's field separator"}
# delimiters an API writes with every field quoted (Salesforce Bulk API 2.0's
# `columnDelimiter` BACKQUOTE and CARET): taken as the control characters are, and only
# under a header whose every name is quoted, joined by it (a backquote in text is no
# delimiter)
QUOTED_ONLY = {"`": "Salesforce Bulk API's BACKQUOTE, every field quoted",
               "^": "Salesforce Bulk API's CARET, every field quoted"}
SAMPLE_BYTES = 1 << 16
_SAMPLE_RECORDS = 200
_TITLE_LINES = 5      # lines above a header that a title or a logger's metadata takes at most
_PREAMBLE_LINES = 12  # key/value lines above a blank line and the header, at most
NUMBER = r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?"
_STAND_IN = "\ue000"  # a private-use character: a delimiter of several characters, for csv


def reader(lines: Iterable[str], delimiter: str, quote: str, escape: str = "") -> _csv._reader:
    """Python's `csv.reader` over `lines`, for a delimiter of several characters too (a
    feed's `||`, which `csv` refuses): each is read as one character standing for it. With
    an `escape` (R's `\\"`), a quote inside a quoted value follows it instead of being
    doubled."""
    quoting = {"quotechar": quote or None, "escapechar": escape or None,
               "doublequote": not escape}
    if len(delimiter) == 1:
        return csv.reader(lines, delimiter=delimiter, **quoting)
    stood_in = (line.replace(delimiter, _STAND_IN) for line in lines)
    return csv.reader(stood_in, delimiter=_STAND_IN, **quoting)


def doubled_delimiter(path: Path, delimiter: str, quote: str, skip: int) -> bool:
    """Whether the header (on line `skip + 1`) and every sampled record split on
    `delimiter` leave a blank-named column, empty on every record, between every two named
    ones: the file's delimiter is `delimiter` written twice (a bank feed's `||`). A column
    with a name between filled ones is a column, empty or not."""
    records = [r for r, before in sample_records(path, delimiter, quote) if before >= skip]
    if len(records) < 2 or len(records[0]) < 3 or len(records[0]) % 2 == 0:
        return False
    header, width = records[0], len(records[0])
    named = all(header[i].strip() for i in range(0, width, 2))
    return named and all(len(r) == width and not any(r[1::2]) for r in records)


def guess_layout(path: Path, quote: str = '"') -> tuple[str, int] | None:
    """(delimiter, lines to skip before the header), or None when no delimiter splits most
    records into more than one field (a one-column file, or not a table at all)."""
    found = _layout(path, quote)
    return (found[0], found[1]) if found else None


def header_under_title(path: Path, quote: str = '"') -> tuple[str, int, int] | None:
    """(delimiter, lines above the header, the table's width) when lines of another field
    count (a title, a logger's metadata line) stand above a header: a record of words,
    each distinct and none a number, over a table with numbers in its records. None
    otherwise: a first line that is the header though many rows have a field more or less
    (those rows are rejects) has data under it, not a record of words."""
    found = _layout(path, quote)
    if found is None or not 0 < found[1] <= _TITLE_LINES:
        return None
    delimiter, skip, records = found
    width = len(next(r for r, before in records if before == skip))
    table = [r for r, before in records if before >= skip and len(r) == width]
    return (delimiter, skip, width) if _names_over_numbers(table) else None


def header_under_preamble(path: Path, quote: str = '"') -> tuple[str, int, int] | None:
    """(delimiter, lines above the header, the table's width) when key/value lines (a
    bank's or a report's `Report,...`, `Currency,CHF`, `Period,1994-12-30,2012-12-31`:
    each a label first) stand above a blank line over the header, of any field count: a
    record of words, each distinct and none a number, over a table with numbers in its
    records. None otherwise, and when the lines above are a table of their own (as wide
    as the one below, words over numbers: two tables, which is no preamble to drop)."""
    sample = sample_text(path)
    lines = sample.split("\n", _PREAMBLE_LINES + 1)[:_PREAMBLE_LINES + 1]
    blank = next((n for n, line in enumerate(lines) if not line.strip(" \r" + "".join(
        CANDIDATES))), 0)
    found = _layout(path, quote) if blank else None   # most files: no blank line up there
    if found is None:
        return None
    delimiter, _, records = found
    above = [r for r, before in records if before < blank]
    under = [(r, before) for r, before in records if before > blank]
    if not above or not under or len(above) != blank:
        return None
    skip, width = under[0][1], len(under[0][0])
    table = [r for r, _ in under if len(r) == width]
    labels = all(_word(r[0].strip()) for r in above)
    if width < 2 or len(table) < 0.9 * len(under) or not labels or \
            not _names_over_numbers(table) or \
            all(len(r) == width for r in above) and _names_over_numbers(above):
        return None
    return delimiter, skip, width


def _word(field: str) -> bool:
    """A name or label: not starting as a number does, with a letter in it."""
    return bool(re.fullmatch(r"[^\d+\-.].*", field) and re.search(r"[^\W\d_]", field))


def _names_over_numbers(table: list[list[str]]) -> bool:
    """The first record is names (words, each distinct, none a number) and the others hold
    numbers: a header over a table's records."""
    header = [f.strip() for f in table[0]]
    words = all(map(_word, header))
    numbers = any(re.fullmatch(NUMBER, f.strip()) for r in table[1:] for f in r)
    return words and len(set(header)) == len(header) and numbers


def control_delimiter(path: Path, quote: str = '"') -> str | None:
    """The `CONTROL` character (or `QUOTED_ONLY` one, see `_quoted_header`) that splits
    every record of the file's sample (two at least) into the same number of fields, more
    than one; else None."""
    found = _control(sample_text(path), quote)
    return found[0] if found else None


def _control(sample: str, quote: str) -> tuple[str, list[tuple[list[str], int]]] | None:
    """`control_delimiter`'s answer in `sample`, with the records it splits."""
    for delimiter in (*CONTROL, *QUOTED_ONLY):
        if delimiter not in sample or delimiter in QUOTED_ONLY and \
                not _quoted_header(sample, delimiter, quote):
            continue
        records = split_records(sample, delimiter, quote)
        if len(records) > 1 and len({len(r) for r, _ in records}) == 1 and len(records[0][0]) > 1:
            return delimiter, records
    return None


def _quoted_header(sample: str, delimiter: str, quote: str) -> bool:
    """The sample's first line is quoted names (two at least) joined by `delimiter`, as
    Salesforce writes a header: `"Id"`"Name"`."""
    if not quote:
        return False
    q, d = re.escape(quote), re.escape(delimiter)
    name = f"{q}(?:[^{q}]|{q}{q})*{q}"
    return re.fullmatch(f"{name}(?:{d}{name})+\r?", sample.split("\n", 1)[0]) is not None


def wide_header(path: Path, quote: str = '"', delimiter: str | None = None,
                skip: int | None = None) -> tuple[str, int] | None:
    """(delimiter, lines above the header) when the header alone ends with the delimiter:
    its last name empty, its others distinct and filled (not all numbers: a record), and
    every record of the sample below it (one at least) one field narrower. DuckDB's sniffer
    then reads the file headerless and the records as too short; a delimiter ending every
    line, or a record filling the last field, is no such header. None otherwise."""
    sample = sample_text(path)
    lines = sample.split("\n")[skip or 0:]
    first = next((line.rstrip("\r") for line in lines if line.strip()), "")
    whole = len(sample) < SAMPLE_BYTES   # a file's every record (a grown file's new one)
    for tried in [delimiter] if delimiter else CANDIDATES:
        if not first.endswith(tried):   # the header's last name is empty: not parsed
            continue
        records = [(r, before) for r, before in split_records(sample, tried, quote, whole)
                   if skip is None or before >= skip]
        if len(records) < 2:
            continue
        (header, before), below = records[0], records[1:]
        names = [f.strip() for f in header[:-1]]
        if len(names) > 1 and not header[-1].strip() and all(names) and \
                len(set(names)) == len(names) and all(len(r) == len(names) for r, _ in below) \
                and not all(re.fullmatch(NUMBER, n) for n in names):
            return tried, before
    return None


def _layout(path: Path, quote: str) -> tuple[str, int, list[tuple[list[str], int]]] | None:
    """`guess_layout`'s answer, with the sample's records it was found in."""
    sample = sample_text(path)
    if control := _control(sample, quote):
        return control[0], control[1][0][1], control[1]
    best: tuple[float, str, int, list[tuple[list[str], int]]] | None = None
    for delimiter in CANDIDATES:
        if delimiter not in sample:   # every record one field: never the answer, not parsed
            continue
        records = split_records(sample, delimiter, quote)
        if not records:
            continue
        width, shared = Counter(len(r) for r, _ in records).most_common(1)[0]
        if width > 1 and (best is None or shared / len(records) > best[0]):
            skip = next(line for r, line in records if len(r) == width)
            best = (shared / len(records), delimiter, skip, records)
    return best[1:] if best else None


def sample_records(path: Path, delimiter: str, quote: str = '"'
                   ) -> list[tuple[list[str], int]]:
    """(fields, physical lines before the record) of the first records of the file's
    sample, split on `delimiter`: what a reader looks at to judge the file's start."""
    return split_records(sample_text(path), delimiter, quote)


def sample_text(path: Path) -> str:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return handle.read(SAMPLE_BYTES)


def split_records(sample: str, delimiter: str, quote: str, whole: bool = False,
                  escape: str = "") -> list[tuple[list[str], int]]:
    """(fields, physical lines before the record) of the sample's first complete records
    (all of them when the sample is the `whole` file: its last is not cut)."""
    records = reader(io.StringIO(sample), delimiter, quote, escape)
    found, before = [], 0
    try:
        for record in records:
            if len(found) >= _SAMPLE_RECORDS:
                break
            if any(map(str.strip, record)):
                found.append((record, before))
            before = records.line_num
    except csv.Error:
        pass
    return found[:-1] if len(found) > 1 and not whole else found  # the last may be cut
