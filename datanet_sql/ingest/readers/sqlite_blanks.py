"""Empty strings in a SQLite table's numeric columns: missing values, not rejects.

SQLite checks no types: a column declared INTEGER (or REAL, NUMERIC, DECIMAL, DATE) keeps
the empty string an app binds there as TEXT, since `''` converts to no number. An old PHP
app binds every form field as a string (PDO's default), so each answer left empty is
stored as `''`; so does a script that inserts a CSV's empty fields as they come. Read as
declared, every row holding one was a reject (most of a survey's rows, where some answer is
missing in most). `''` spells no number and no moment: it stands where the app had no
value. So in a column of numeric affinity (SQLite's rules: INTEGER, REAL or NUMERIC) it is
read as NULL, noted naming the column and how many. Any other text there (`n/a`, `12 kg`,
`' '`) stays a reject, as before: it may be a value someone meant. A column of TEXT or
BLOB affinity keeps its `''` (an empty text is a value there), and so does one the
source's `columns:` declare as text.
"""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from datanet_sql.ingest.readers.names import snake_case

_TEXT = ("CHAR", "CLOB", "TEXT")
_REAL = ("REAL", "FLOA", "DOUB")


def affinity(kind: str) -> str:
    """The affinity SQLite gives a column of the declared type `kind`, by its rules in
    their order: INTEGER, TEXT, BLOB (also no type at all), REAL, else NUMERIC."""
    upper = kind.upper()
    if "INT" in upper:
        return "INTEGER"
    if any(word in upper for word in _TEXT):
        return "TEXT"
    if "BLOB" in upper or not upper.strip():
        return "BLOB"
    return "REAL" if any(word in upper for word in _REAL) else "NUMERIC"


def numeric(kinds: dict[str, str], user: dict[str, tuple[exp.DataType, str]]
            ) -> dict[str, str]:
    """{column: its declared type} for the columns whose `''` is a missing value: those of
    numeric affinity (`kinds`: each column's declared type) that the source's `columns:`
    (`user`, parsed) do not declare as text."""
    def text(name: str) -> bool:
        declared = user.get(snake_case(name))
        return declared is not None and declared[0].is_type(*exp.DataType.TEXT_TYPES)

    return {name: kind for name, kind in kinds.items()
            if affinity(kind) in ("INTEGER", "REAL", "NUMERIC") and not text(name)}


def blanked(name: str, kind: str, values: list[Any]) -> tuple[list[Any], list[str]]:
    """A batch of the numeric column `name` (declared `kind`) with its `''` as NULL, and
    the note saying how many there were (none when there were none)."""
    count = sum(isinstance(v, str) and not v for v in values)
    if not count:
        return values, []
    note = f"column {name}: {count} empty string(s) ('') stored in a column declared " \
        f"{kind} (as an app binds an empty field) read as missing (NULL); other text " \
        f"in it stays a reject"
    return [None if isinstance(v, str) and not v else v for v in values], [note]
