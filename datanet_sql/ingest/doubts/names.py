"""Names that are no names: made up (`column_1`) with no note saying why, empty in every
row where they were made up (a doubled delimiter, one at each line's end), words that are
values (`true`, `false`, `null`), or a whole line kept as one name."""

from __future__ import annotations

import re

from datanet_sql.ingest.doubts.seen import DATABASES, GENERIC_NAME, Seen

VALUE_WORDS = {"true", "false", "null", "none", "nan", "yes", "no"}
LONG_NAME = 100       # characters: a header line not split, or bytes not decoded
MIN_ROWS = 5          # rows the sample needs for a column empty in all of them to count
_DEDUPED = re.compile(r"_\d+$")   # `true_2`: a repeated name made unique; `no2` is a name
_POINT = {"csv": "options: {skip: N}", "tsv": "options: {skip: N}",
          "xlsx": "options: {header_row: N}"}


def check(seen: Seen) -> list[str]:
    data = [n for n in seen.names if n != "_record_no"]
    notes = []
    made_up = [n for n in data if GENERIC_NAME.match(n)]
    if made_up and len(made_up) == len(data) and \
            not any("header" in n.lower() for n in seen.notes):
        notes.append(f"columns {_few(made_up)} have made-up names: the file gave none that "
                     f"were read; if a line holds the names, point at it (csv: options: "
                     f"{{header: true, skip: N}}; xlsx: {{header_row: N}})")
    if seen.sample is not None and seen.sample.num_rows >= MIN_ROWS:
        empty = [n for n in made_up if all(v is None for v in seen.sample.column(n))]
        if empty:
            notes.append(f"column(s) {_few(empty)} have no name and no value in any row: a "
                         f"delimiter doubled (`||`) or closing every line; pass options: "
                         f"{{delimiter: ...}} with the whole delimiter")
    notes += valued(seen)
    long = [n for n in data if len(n) > LONG_NAME]
    if long:
        notes.append(f"a name of {len(long[0])} characters ({long[0][:40]}...): a whole line "
                     f"read as one name: the delimiter or the encoding was not found; pass "
                     f"options: {{delimiter: ..., encoding: ...}}")
    return notes


def valued(seen: Seen) -> list[str]:
    """The note on names that are values (`true`, `false`): asked of a database table too,
    whose names are otherwise its own (a table made from a file whose first record was
    taken for its header has them)."""
    words = [n for n in seen.names if _DEDUPED.sub("", n) in VALUE_WORDS]
    if len(words) < 2:
        return []
    where = "a line of values (an annotation or a record) read as the header"
    to_do = f"point at the names' line ({_POINT.get(seen.fmt, 'extract the records first')})"
    if seen.fmt in DATABASES:
        where, to_do = "a record taken for the header where the table was made", \
            "rename the columns at the source, and look for the record they were"
    return [f"columns {_few(words)} are named by values, not names: {where}; {to_do}"]


def _few(names: list[str]) -> str:
    return ", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")
