"""Names that are no names: made up (`column_1`) with no note saying why, empty in every
row where they were made up (a doubled delimiter, one at each line's end), words that are
values (`true`, `false`, `null`), or a whole line kept as one name."""

from __future__ import annotations

from datanet_sql.ingest.doubts.seen import GENERIC_NAME, Seen

VALUE_WORDS = {"true", "false", "null", "none", "nan", "yes", "no"}
LONG_NAME = 100       # characters: a header line not split, or bytes not decoded
MIN_ROWS = 5          # rows the sample needs for a column empty in all of them to count
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
    words = [n for n in data if n.rstrip("_0123456789") in VALUE_WORDS]
    if len(words) >= 2:
        notes.append(f"columns {_few(words)} are named by values, not names: a line of "
                     f"values (an annotation or a record) read as the header; point at the "
                     f"names' line ({_POINT.get(seen.fmt, 'extract the records first')})")
    long = [n for n in data if len(n) > LONG_NAME]
    if long:
        notes.append(f"a name of {len(long[0])} characters ({long[0][:40]}...): a whole line "
                     f"read as one name: the delimiter or the encoding was not found; pass "
                     f"options: {{delimiter: ..., encoding: ...}}")
    return notes


def _few(names: list[str]) -> str:
    return ", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")
