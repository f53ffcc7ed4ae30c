"""Columns DuckDB's sniffer types BOOLEAN from words other than `true`/`false`: kept as text.

DuckDB reads `yes`/`no`, `t`/`f`, `y`/`n` and `1`/`0` (any case) as booleans as readily as
`true`/`false`, so its sniffer types a column of `Yes`/`No` answers BOOLEAN. dbt seeds do
not (agate types only true/false as boolean), nor does pandas: a dbt user's model that says
`WHERE answer = 'Yes'` breaks when the column turns to true/false, and the file's spelling
is gone. So only `true`/`false` make a BOOLEAN column; a column typed BOOLEAN where any value
is another word DuckDB reads as one is read as text, as the file spells it, and noted with
its words. Every row is looked at, not the sniffer's sample: a `yes` past the sample of a
true/false column would otherwise be cast to true silently. A column declared `boolean`
(`columns: {answer: boolean}`) is not looked at: the user asked, and DuckDB converts its
words, a value it cannot read (`maybe`) being a reject.
"""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from datanet_sql.ingest.readers.sql import column

SPELLED = ("true", "false")   # the only words read as booleans (in any case)
_SHOWN = 4                     # words of a column named in its note


def worded(con: Any, text_scan: exp.Table, names: list[str]) -> dict[str, list[str]]:
    """The columns among `names` (typed BOOLEAN by the sniffer) with a value DuckDB reads
    as a boolean that is not spelled true or false, each with those words (sorted), in one
    pass over `text_scan` (the files read with every column as text)."""
    if not names:
        return {}
    words = [exp.Filter(this=exp.ArrayAgg(this=exp.Distinct(expressions=[column(n)])),
                        expression=exp.Where(this=_other_word(column(n)))) for n in names]
    row = con.execute(exp.select(*words).from_(text_scan).sql("duckdb")).fetchall()[0]
    return {name: sorted(found) for name, found in zip(names, row) if found}


def notes(words: dict[str, list[str]]) -> list[str]:
    """One note per column kept as text, naming its words and how to convert them."""
    return [f"column {name}: its words ({', '.join(map(repr, found[:_SHOWN]))}"
            f"{', ...' if len(found) > _SHOWN else ''}) kept as text, as written (only "
            f"true/false are read as booleans, as dbt seeds read them); declare it (columns: "
            f"{{{name}: boolean}}) to read them as booleans"
            for name, found in words.items()]


def _other_word(value: exp.Expression) -> exp.Expression:
    """A value DuckDB casts to a boolean that is not `true` or `false` in some case."""
    read = exp.TryCast(this=value, to=exp.DataType.build("BOOLEAN"))
    return exp.and_(read.is_(exp.null()).not_(),
                    exp.Lower(this=value).isin(*map(exp.Literal.string, SPELLED)).not_())
