"""A number column with a few values that are no number (a typo, a `?`, `see note`): read
as text, which keeps every value, but the user meant numbers and must be told which values
stand in the way and how to read the column as numbers anyway (declared, those rows become
rejects). What "a few" is, and the note, are the same for every reader; the CSV reader
counts in its whole-file checking pass (`csv_values.check`), the Excel and JSON readers in
the table they staged (`in_table`).
"""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from datanet_sql.ingest.readers.names import snake_case
from datanet_sql.ingest.readers.sql import count_if

FEW = 5              # values not numbers in a number column that are "a few" ...
FEW_SHARE = 0.02     # ... or this share of its values, whatever their count
EXAMPLES = 3         # of them named in the note


def few(other: int, given: int) -> bool:
    """`other` values of `given` are few enough that the column is numbers but for them."""
    return 0 < other and (other <= FEW and other * 10 <= given or other <= given * FEW_SHARE)


def note(name: str, other: int, given: int, examples: list[str] | None) -> list[str]:
    """The note for column `name`, `other` of whose `given` values are no number (none when
    they are not few: a text column)."""
    if not few(other, given):
        return []
    shown = ", ".join(repr(e) for e in dict.fromkeys(examples or []))
    told = f"column {name}: {other} of {given} values are not numbers ({shown}): kept as " \
        f"text; declare it (columns: {{{name}: double}}) to read numbers, those rows " \
        f"becoming rejects"
    return [told]


def counts(value: exp.Expression, given: exp.Expression, number: exp.Expression
           ) -> list[exp.Expression]:
    """Aggregates of a text column: how many `given` values are not a `number`, how many
    are given, and up to `EXAMPLES` of those not numbers (for `note`)."""
    other = exp.and_(given, number.not_())
    return [count_if(other), count_if(given),
            exp.Filter(this=exp.func("min", value, exp.Literal.number(EXAMPLES)),
                       expression=exp.Where(this=other))]


def in_table(con: Any, table: str, texts: dict[str, exp.Expression], label: str) -> list[str]:
    """Notes for the columns of `table` (staged by a reader, every value as it was read)
    whose text (`texts`: name -> its value as text) is numbers but for a few values, in one
    query; each named as its column will be (snake_case)."""
    if not texts:
        return []
    aggregates = [a for text in texts.values() for a in counts(
        text, text.is_(exp.null()).not_(),
        exp.TryCast(this=text, to=exp.DataType.build("DOUBLE")).is_(exp.null()).not_())]
    found = con.execute(exp.select(*aggregates).from_(table).sql("duckdb")).fetchall()[0]
    return [f"{label}: {n}" for i, name in enumerate(texts)
            for n in note(snake_case(name), *found[3 * i:3 * i + 3])]
