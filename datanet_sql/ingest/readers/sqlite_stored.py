"""SQLite columns whose values are mostly not of their declared type: read as they are
stored, noted, not as rejects.

SQLite checks no types: a column declared INTEGER keeps as TEXT whatever an app stores
there that does not spell a number. A Hindi-locale survey app that stored the total it
showed (`१२,९०,९४१`, Devanagari digits in Indian grouping) in its `totexp INTEGER` column
left text in every row; read as declared, every row was a reject and the table came out
empty. Where most of a column's values are of another storage class, the declared type
says what the schema meant, not what the column holds. So a column declared INTEGER, REAL,
FLOAT or DOUBLE more of whose values are text (or, declared INTEGER, REAL) than of its own
class is read as stored: as text where any value is text, else as double; noted naming the
column, the counts and a value. A few stray values in a real INTEGER column stay rejects,
as before. `''` (missing, `sqlite_blanks`), BLOBs (`sqlite_blobs`) and NULL count neither
way; a column the source's `columns:` declare is read as they say. The counts are one
aggregate scan over the columns holding values other than numbers: the INTEGER ones
`sqlite_integers` found so, the REAL ones whose greatest value is not a number (a scan of
`max` alone, about 1% of reading the table): none for most tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlglot import exp

from datanet_sql.ingest.readers.names import snake_case
from datanet_sql.ingest.readers.sql import column
from datanet_sql.ingest.readers.sqlite_blanks import affinity

_NUMBERS = ("integer", "bigint", "double")   # the types a declared column is read as here
_SPOKEN = {"varchar": "text", "double": "double"}


@dataclass
class Stored:
    """The columns read as stored, not as declared: {column: the type read as}, and the
    notes saying so."""

    types: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def read_as(db: Any, table: exp.Table, kinds: dict[str, str], declared: dict[str, str | None],
            others: set[str], user: dict[str, tuple[exp.DataType, str]]) -> Stored:
    """The columns of `table` to read as stored (see the module docstring). `kinds`: each
    column's declared type; `declared`: the type each is read as; `others`: the INTEGER
    columns holding other values (`sqlite_integers`); `user`: the source's `columns:`,
    parsed."""
    read = [n for n, kind in kinds.items() if declared.get(n) in _NUMBERS and
            snake_case(n) not in user]
    reals = _holding_others(db, table, [n for n in read if affinity(kinds[n]) == "REAL"])
    names = [n for n in read if n in reals or affinity(kinds[n]) == "INTEGER" and n in others]
    if not names:
        return Stored()
    row = db.execute(exp.select(*(a for n in names for a in _counts(n)))
                     .from_(table).sql("sqlite")).fetchone()
    stored = Stored()
    for index, name in enumerate(names):
        integers, reals, texts, example = row[4 * index:4 * index + 4]
        real = affinity(kinds[name]) == "REAL"
        own, other = (integers + reals, texts) if real else (integers, reals + texts)
        if other <= own:
            continue
        stored.types[name] = "varchar" if texts else "double"
        classes = " and ".join(c for c, n in (("text", texts), ("REAL", not real and reals))
                               if n)
        shown = f" (e.g. '{example}')" if example is not None else ""
        stored.notes.append(
            f"column {name}: declared {kinds[name]}, but {other} of its {own + other} values "
            f"are stored as {classes}{shown}: read as {_SPOKEN[stored.types[name]]}, as "
            f"stored (as declared, each would be a reject); declare its type in the source's "
            f"columns: to read it otherwise")
    return stored


def _holding_others(db: Any, table: exp.Table, names: list[str]) -> set[str]:
    """Those of the columns that hold a value other than a number: whose greatest value
    is text or a BLOB, which SQLite orders after every number (one scan of `max`, a third
    of what counting costs)."""
    if not names:
        return set()
    row = db.execute(exp.select(*(exp.Max(this=column(n)) for n in names))
                     .from_(table).sql("sqlite")).fetchone()
    return {n for n, greatest in zip(names, row) if isinstance(greatest, str | bytes)}


def _counts(name: str) -> list[exp.Expression]:
    """How many of the column's values are stored as integers, as reals and as text other
    than `''`, and the least such text."""
    value = column(name)
    kind = exp.func("typeof", value)

    def stored_as(storage: str) -> exp.Expression:
        return exp.EQ(this=kind.copy(), expression=exp.Literal.string(storage))

    text = exp.and_(stored_as("text"),
                    exp.NEQ(this=value.copy(), expression=exp.Literal.string("")))

    def count(condition: exp.Expression) -> exp.Expression:
        return exp.Count(this=exp.Case(ifs=[exp.If(this=condition, true=exp.Literal.number(1))]))

    return [count(stored_as("integer")), count(stored_as("real")), count(text),
            exp.Min(this=exp.Case(ifs=[exp.If(this=text.copy(), true=value.copy())]))]
