"""Numbers typed in full-width forms: a Japanese (or Chinese, Korean) input method left in
full-width mode types the digits as U+FF10-U+FF19 (`２０９`), the point, minus and plus as
U+FF0E, U+FF0D and U+FF0B; Unicode's compatibility folding (NFKC) makes each its ASCII
character. DuckDB's casts refuse them, so a few such values made a column text, and a
delivery typed so turned a loaded table's integer columns to text (each earlier value with
them).

A column whose every value is a number once these forms are folded is read as numbers,
noted with how many values were written so; a column with any other value keeps its text
as written. Only these forms are folded: other scripts' digits (Arabic-Indic, Devanagari)
come with separators and groupings of their own (`٫`, lakhs) and stay text. The CSV reader
finds the columns in its whole-file check (`csv_values.check`), beside `invisible`.
"""

from __future__ import annotations

from sqlglot import exp

from datanet_sql.ingest.readers.sql import count_if

FORMS = "０１２３４５６７８９．－＋"   # U+FF10-U+FF19, U+FF0E, U+FF0D, U+FF0B
ASCII = "0123456789.-+"
_FOLD = str.maketrans(FORMS, ASCII)
_DIGIT = "[０-９]"   # in Python's `re` and DuckDB's RE2 alike


def folded_text(value: str) -> str:
    """`value` with its full-width forms as ASCII (`１２．５` -> `12.5`)."""
    return value.translate(_FOLD)


def folded(value: exp.Expression) -> exp.Expression:
    """The text `value` with its full-width forms as ASCII, in SQL (see `folded_text`)."""
    return exp.func("translate", value, exp.Literal.string(FORMS), exp.Literal.string(ASCII))


def counts(value: exp.Expression) -> list[exp.Expression]:
    """Aggregates of a text column: how many of its values hold a full-width digit, and
    one of them (for `note`)."""
    held = exp.func("regexp_matches", value, exp.Literal.string(_DIGIT))
    return [count_if(held), exp.func("min", exp.case().when(held, value))]


def note(name: str, held: int, kind: str, example: str) -> str:
    """The note for column `name`, read as `kind` (integer, double) with `held` values
    written in full-width digits, such as `example`."""
    return (f"column {name}: {held} value(s) written in full-width digits (U+FF10-U+FF19, as "
            f"an input method in full-width mode types them), such as {example!r}; folded to "
            f"ASCII every value is a number: read as {kind}")
