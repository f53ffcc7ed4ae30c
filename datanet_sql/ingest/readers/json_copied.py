"""NDJSON written by Postgres' `COPY (SELECT row_to_json(t) FROM t) TO 'file'` in COPY's
text format (its default), not by a JSON writer: COPY escapes each value it writes, so every
backslash of the JSON comes out twice (and a tab, line break or carriage return as `\\t`,
`\\n`, `\\r`). A text holding a quote then reads `\\\\"`, and its line is no JSON (a
reject); a text holding a line break reads `\\\\n`, and its line is JSON holding a
backslash and an `n` where the break was: a wrong text nobody is told of.

The escaping is undone only when the whole file shows it: some line is no JSON as written
but is JSON once undone, and every line holding a backslash is JSON once undone, its
backslashes all in COPY's escapes (`\\\\`, `\\n`, `\\r`, `\\t`). Every such line is then
read undone, noted. A file where a line reads only undone while another holding a backslash
does not (a single `\\"`, JSON's own escape, which COPY would have doubled) is no COPY
output: nothing is undone, the bad lines stay rejects and the note names the doubt. A line
`\\N` (COPY's NULL, no record) is left as it is: a reject.
"""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from datanet_sql.ingest.readers.json_twice import only_if
from datanet_sql.ingest.readers.shape import RECORD
from datanet_sql.ingest.readers.sql import column, count_if

_ESCAPES = r"\\[\\nrt]"   # COPY's escapes a JSON text can hold, as an RE2 pattern
_HOLDER = "\x01"          # no line holds it (`LINE_SPLIT` splits the file's lines)
_NULL = r"\N"
_SHOWN = 5                # line numbers a note names


def undone(con: Any, table: str, within: exp.Expression, name: str) -> list[str]:
    """The lines (column `line`) of `table` read with COPY's text escaping undone when the
    whole file shows it (see the module docstring), and the note; the note of the doubt
    when only part of it does; none when no line reads only undone. `within` holds for the
    lines worth parsing (within the size limit); `name` is the file's for the notes."""
    line = column("line")
    candidate = exp.and_(within, exp.func("contains", line, exp.Literal.string("\\")),
                         exp.not_(line.eq(exp.Literal.string(_NULL))))
    clean = exp.not_(exp.func("regexp_matches", _every(line, _ESCAPES, ""),
                              exp.Literal.string(r"\\")))
    decodes = only_if(candidate, only_if(clean, exp.func("json_valid", _plain(line, False))))
    fixes = only_if(decodes, exp.not_(exp.func("json_valid", line)))
    doubted = exp.and_(candidate, exp.not_(decodes))
    query = exp.select(count_if(fixes), count_if(doubted), count_if(candidate),
                       _first(fixes), _first(doubted)).from_(table)
    fixed, doubts, lines, first_fixed, first_doubted = \
        con.execute(query.sql("duckdb")).fetchall()[0]
    if not fixed:
        return []
    if doubts:
        return [(f"{name}: some lines are JSON only with their backslashes undoubled "
                 f"({_lines(first_fixed, fixed)}), as Postgres' COPY ... TO writes text, but "
                 f"not every line holding a backslash is ({_lines(first_doubted, doubts)}): "
                 f"not COPY's escaping throughout, nothing undone (the lines that are no JSON "
                 f"are rejects)")]
    numbers = [n for (n,) in con.execute(exp.select(RECORD).from_(table).where(fixes)
                                         .order_by(RECORD).limit(_SHOWN).sql("duckdb"))
               .fetchall()]
    con.execute(exp.update(table, {"line": _plain(line, True)}, where=candidate).sql("duckdb"))
    shown = ", ".join(map(str, numbers)) + (" ..." if fixed > len(numbers) else "")
    return [(f"{name}: the file is written in Postgres COPY's text format (every backslash "
             f"doubled, as `COPY (SELECT row_to_json(...)) TO` writes it): {lines} line(s) "
             f"holding a backslash read with it undone, {fixed} of them no JSON as written "
             f"(lines {shown}); a text's quotes and line breaks are read as written")]


def _plain(line: exp.Expression, spaced: bool) -> exp.Expression:
    """`line` with COPY's escapes undone: the doubled backslashes first (so `\\\\n` stays a
    backslash and an `n`), held as a character no line has while the others are undone.
    A line break, tab or carriage return is JSON only between tokens (a `json` column's
    own spacing): as itself to tell whether the line is JSON, as a space (the same JSON,
    on one line) when `spaced`, to be read."""
    text = _every(line, r"\\\\", _HOLDER)
    blanks = (" ", " ", " ") if spaced else ("\n", "\r", "\t")
    for escape, char in (*zip((r"\n", r"\r", r"\t"), blanks), (_HOLDER, "\\")):
        text = exp.func("replace", text, exp.Literal.string(escape), exp.Literal.string(char))
    return text


def _lines(first: int, count: int) -> str:
    """`line 18`, or `line 18 and 3 others`."""
    return f"line {first}" + (f" and {count - 1} other(s)" if count > 1 else "")


def _every(text: exp.Expression, pattern: str, by: str) -> exp.Expression:
    """`text` with every match of the RE2 `pattern`, left to right, replaced `by`."""
    return exp.RegexpReplace(this=text, expression=exp.Literal.string(pattern),
                             replacement=exp.Literal.string(by),
                             modifiers=exp.Literal.string("g"))


def _first(test: exp.Expression) -> exp.Expression:
    """The first line number where `test` holds (NULL where none does)."""
    return exp.func("min", exp.Case(ifs=[exp.If(this=test, true=column(RECORD))]))
