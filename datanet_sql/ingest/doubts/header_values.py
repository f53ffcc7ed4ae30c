"""Text columns that are numbers (or dates) in every row but some: those rows are lines
that are no records, read as rows, or one word standing in for a missing value.

Where they sit says what they are: all above the first number, header or annotation lines
under (or instead of) the names; equal to the column's name, a header repeated (reports
paged, exports concatenated); all below the last number, a trailer (a totals line, a note,
a second table under the first), counted in one file only and where the words differ (the
same mark in the last rows is a missing value's; a glob's last rows are its last file's);
one word anywhere, a missing-value marker (`.`, `null`). A single column of a wide table
whose first (or last) value is a word may well be right, so lines read as data are named
only where two columns show them, or two rows, or a row with no other value, or a made-up
name, or a table of one or two columns.
"""

from __future__ import annotations

from datanet_sql.ingest.doubts.seen import GENERIC_NAME, Seen, number_like

MIN_VALUES = 8        # values a column needs for its numbers to count
MAX_OTHERS = 0.1      # share of values other than numbers where the others are scattered
MAX_PLACED = 0.5      # ... where they are all above (or below) the numbers
HEAD_ROWS = 30        # rows a header or annotation line may sit in
# words tools write for a missing number (a word with a meaning, `<10`, `-` for a zero,
# Stata's `.a`, is left to the readers that know it)
MISSING_WORDS = {".", "null", "nan", "none", "n/a", "na", "#n/a", "?", "nil", "missing"}
_TO_DO = {"xlsx": "options: {header_row: N}, N the sheet row of the names",
          "csv": "above the names: options: {skip: N}; under them: declare the columns' "
                 "types, those rows becoming rejects",
          "tsv": "above the names: options: {skip: N}; under them: declare the columns' "
                 "types, those rows becoming rejects"}


def check(seen: Seen) -> list[str]:
    found: dict[str, dict[str, list[str]]] = {"head": {}, "repeat": {}, "tail": {}, "word": {}}
    for name, values in seen.texts().items():
        where = _where(name, values, seen)
        if where is not None:
            found[where[0]][name] = where[1]
    data = [n for n in seen.names if n != "_record_no"]
    for where in ("head", "tail"):
        if not (len(found[where]) >= 2 or len(data) <= 2 or
                any(GENERIC_NAME.match(n) or len(w) >= 2 or _alone(seen, n, w)
                    for n, w in found[where].items())):
            found[where] = {}
    notes = []
    if found["head"]:
        notes.append(f"column(s) {_shown(found['head'])} are numbers but for their first "
                     f"rows: header or annotation lines read as data; make the layout "
                     f"explicit ({_TO_DO.get(seen.fmt, 'extract the records first')})")
    if found["repeat"]:
        notes.append(f"column(s) {_shown(found['repeat'])} hold their own name among "
                     f"numbers: the header line repeated in the data (a paged report, files "
                     f"joined); remove the repeats, or declare the columns' types so those "
                     f"rows become rejects")
    if found["tail"]:
        notes.append(f"column(s) {_shown(found['tail'])} are numbers but for their last "
                     f"rows: a totals line, a footnote or a second table read as rows; cut "
                     f"the file (or sheet) at the table's end")
    if found["word"]:
        words = sorted({w for ws in found["word"].values() for w in ws})
        notes.append(f"column(s) {_shown(found['word'])} are numbers but for a word standing "
                     f"in for missing values: kept as text; pass options: {{null_values: "
                     f"{words}}} (csv), or declare the column(s) double")
    return notes


def _where(name: str, values: list[str], seen: Seen) -> tuple[str, list[str]] | None:
    """Which kind of rows other than numbers the column holds, and their values; None
    for a column of numbers, of text, or too short to tell."""
    kinds = [number_like(v) for v in values]
    others = [i for i, number in enumerate(kinds) if not number]
    if len(values) < MIN_VALUES or not others or len(others) > MAX_PLACED * len(values):
        return None
    words = [values[i] for i in others]
    first, last = kinds.index(True), len(kinds) - 1 - kinds[::-1].index(True)
    if others[-1] < first and others[-1] < HEAD_ROWS:
        return "head", words
    if others[0] > last and seen.rows <= len(values) and len(set(words)) >= 2 and \
            seen.path is not None:
        return "tail", words
    if len(others) > MAX_OTHERS * len(values) and len(set(words)) > 1:
        return None
    if len(others) > 1 and others[-1] > first and any(_same(w, name) for w in words):
        return "repeat", words
    if len(set(words)) == 1 and words[0].strip().lower() in MISSING_WORDS and \
            not seen.noted(name):
        return "word", words[:1]
    return None


def _alone(seen: Seen, name: str, words: list[str]) -> bool:
    """Whether the row of the column's one other value has no value in any other column
    (a title or annotation line of one field)."""
    values = seen.sample.column(name)
    row = values.index(words[0])
    return all(seen.sample.column(n)[row] in (None, "") for n in seen.sample.column_names
               if n not in (name, "_record_no"))


def _same(word: str, name: str) -> bool:
    from datanet_sql.ingest.readers.names import snake_case

    return snake_case(word) == name


def _shown(found: dict[str, list[str]]) -> str:
    return ", ".join(f"{name} ({', '.join(repr(w[:40]) for w in dict.fromkeys(words[:2]))})"
                     for name, words in list(found.items())[:6]) + \
        (f" and {len(found) - 6} more" if len(found) > 6 else "")
