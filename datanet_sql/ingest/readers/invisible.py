"""Numbers carrying invisible format characters: prices copied from a web page end in a
zero-width space (U+200B, which sites put in to allow a line break), a word joiner
(U+2060) or a zero-width (non-)joiner sits beside the digits, a U+FEFF that is no BOM
(inside a value, not at a line's start: `encoding` removes those), a soft hyphen (U+00AD,
a hyphenation point) splits a long number. No viewer shows them, yet one such value made
a column of numbers text (or, among a few, a column noted as numbers but for them).

A column whose every value is a number once these characters are removed is read as
numbers, noted with how many values carried them; a column with any other value stays
text as it was. A soft hyphen before the digits is no such character: a PDF's text
extraction writes one for a hyphen, there a minus sign, so such a value is no number.
The CSV reader finds the columns in its whole-file check (`csv_values.check`), and past
DuckDB's type sample in the table it read (`in_table`), where digits typed full-width
(`full_width`) are folded too, as that check folds them.
"""

from __future__ import annotations

import re
from typing import Any

from sqlglot import exp

from datanet_sql.ingest.readers import full_width
from datanet_sql.ingest.readers.sql import column, count_if, ident, replace_table

CHARACTERS = {"\u200b": "zero-width space (U+200B)",
              "\u200c": "zero-width non-joiner (U+200C)",
              "\u200d": "zero-width joiner (U+200D)",
              "\u2060": "word joiner (U+2060)",
              "\ufeff": "zero-width no-break space (U+FEFF)",
              "\u00ad": "soft hyphen (U+00AD)"}
_ANY = "[" + "".join(CHARACTERS) + "]"   # in Python's `re` and DuckDB's RE2 alike
_MINUS = "^[^0-9]*\u00ad"   # a soft hyphen before the digits: maybe a minus sign


def without(values: list[str]) -> list[str] | None:
    """`values` without the characters (a value as it was when one may be a minus), those
    left blank left out; None when no value holds one (one search over them all: a text
    column of the sample costs no more)."""
    if not re.search(_ANY, "".join(values)):
        return None
    kept = (v if re.match(_MINUS, v) else re.sub(_ANY, "", v) for v in values)
    return [v for v in kept if v.strip()]


def stripped(value: exp.Expression) -> exp.Expression:
    """The text `value` without the characters, in SQL (see `without`)."""
    gone = exp.RegexpReplace(this=value, expression=exp.Literal.string(_ANY),
                             replacement=exp.Literal.string(""),
                             modifiers=exp.Literal.string("g"))
    return exp.case().when(exp.func("regexp_matches", value, exp.Literal.string(_MINUS)),
                           value).else_(gone)


def counts(value: exp.Expression) -> list[exp.Expression]:
    """Aggregates of a text column: how many of its values hold each of `CHARACTERS`."""
    return [count_if(exp.func("contains", value, exp.Literal.string(character)))
            for character in CHARACTERS]


def note(name: str, held: list[int], kind: str) -> str:
    """The note for column `name`, read as `kind` (integer, double) with the characters
    removed, `held` counting the values holding each of `CHARACTERS` (`counts`)."""
    found = [f"{n} a {what}" for what, n in zip(CHARACTERS.values(), held) if n]
    found[0] = found[0].replace(" ", " value(s) hold ", 1)   # `11 value(s) hold a ...`
    return (f"column {name}: {', '.join(found)}, invisible beside or inside the digits "
            f"(text copied from a web page or a PDF); without them every value is a number: "
            f"read as {kind}, the characters removed")


def in_table(con: Any, table: str, names: list[str], label: str) -> list[str]:
    """The text columns `names` of the staged `table` whose every value is a number once
    the characters are removed and `full_width` forms folded, some holding one, made numbers
    in place (integers when every value is one, else doubles); their notes, each starting
    with `label`. One query over the columns: what a read takes when its reader could not
    check them before."""
    from datanet_sql.ingest.readers.csv_values import PLAIN

    if not names:
        return []
    aggregates: list[exp.Expression] = []
    for name in names:
        value = column(name)
        plain = _given(value)
        aggregates += [
            count_if(exp.and_(plain.is_(exp.null()).not_(), exp.func(
                "regexp_full_match", plain, exp.Literal.string(PLAIN)).not_())),
            count_if(exp.and_(plain.is_(exp.null()).not_(), exp.TryCast(
                this=plain, to=exp.DataType.build("BIGINT")).is_(exp.null()))),
            *counts(value), *full_width.counts(value)]
    found = con.execute(exp.select(*aggregates).from_(table).sql("duckdb")).fetchall()[0]
    width = 4 + len(CHARACTERS)
    numbers, notes = [], []
    for i, name in enumerate(names):
        other, fraction, *held, wide, typed = found[i * width:(i + 1) * width]
        if other or not (any(held) or wide):
            continue
        kind = "double" if fraction else "integer"
        numbers.append(exp.cast(_given(column(name)), "DOUBLE" if fraction else "BIGINT")
                       .as_(ident(name)))
        if any(held):
            notes.append(f"{label}: {note(name, held, kind)}")
        if wide:
            notes.append(f"{label}: {full_width.note(name, wide, kind, typed)}")
    if numbers:
        replace_table(con, table, exp.select(exp.Star(replace=numbers)).from_(table))
    return notes


def _given(value: exp.Expression) -> exp.Expression:
    """The text `value` without the characters, its full-width forms folded, NULL when
    nothing else is left."""
    return exp.func("nullif", exp.Trim(this=full_width.folded(stripped(value))),
                    exp.Literal.string(""))
