"""dbt's string macros: concat, hash, split_part, position, replace, right, length, literals.

`escape_single_quotes("it's")` follows the target's own string syntax (sqlglot writes the
literal): `it''s` on Postgres, `it\\'s` on BigQuery. `string_literal` pastes the value between
quotes as it is, as dbt does: packages escape first (`string_literal(escape_single_quotes(x))`,
dbt's own unit-test fixtures, dbt-project-evaluator), and escaping again stored `''` in their
values; a quote left unescaped fails loudly when the SQL is parsed.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlglot import exp

from datanet_sql.compile.dbt_crossdb.fragments import integer, render, sql
from datanet_sql.errors import TemplateError

# engines whose SPLIT_PART counts from the end for a negative part number
_NATIVE_NEGATIVE_SPLIT = {"duckdb", "snowflake", "spark"}


def string_type(dialect: str) -> exp.DataType:
    return exp.DataType.build("text", dialect=dialect)


def concat(dialect: str, fields: Sequence[object] | str) -> str:
    """`a || b || c`: NULL in any field makes the result NULL, as in dbt."""
    parts = [fields] if isinstance(fields, str) else list(fields)
    if not parts:
        raise TemplateError("dbt.concat: needs a list of at least one field")
    tree = sql(parts[0], dialect, "concat")
    for part in parts[1:]:
        tree = exp.DPipe(this=tree, expression=sql(part, dialect, "concat"), safe=False)
    return render(tree, dialect, "concat")


def hash(dialect: str, field: object) -> str:
    """MD5 hex digest of the field as text (BigQuery and Trino spell out the hex)."""
    tree = exp.MD5(this=exp.cast(sql(field, dialect, "hash"), string_type(dialect)))
    return render(tree, dialect, "hash")


def _parts_counted_from_end(text: exp.Expression, delimiter: exp.Expression,
                            part_number: int) -> exp.Expression:
    """The 1-based part index that `part_number` (negative) names, counted from the start."""
    removed = exp.Sub(this=exp.Length(this=text.copy()),
                      expression=exp.Length(this=exp.func("replace", text.copy(), delimiter.copy(),
                                                          exp.Literal.string(""))))
    parts = exp.Add(this=exp.IntDiv(this=exp.Paren(this=removed),
                                    expression=exp.Length(this=delimiter.copy())),
                    expression=exp.Literal.number(1))
    index = parts if part_number == -1 else \
        exp.Add(this=parts, expression=exp.Literal.number(1 + part_number))
    return exp.cast(index, exp.DataType.Type.INT)  # Postgres' DIV gives a NUMERIC


def split_part(dialect: str, string_text: object, delimiter_text: object, part_number: object) -> str:
    """Part `part_number` of the text split on the delimiter; -1 is the last part."""
    number = integer(part_number, "split_part", "part_number")
    if number == 0:
        raise TemplateError("dbt.split_part: part_number counts from 1 (or from -1 at the end), got 0")
    text, delimiter = sql(string_text, dialect, "split_part"), sql(delimiter_text, dialect, "split_part")
    index: exp.Expression = exp.Literal.number(number)
    if number < 0 and dialect not in _NATIVE_NEGATIVE_SPLIT:
        index = _parts_counted_from_end(text, delimiter, number)
    if dialect == "bigquery":
        offset = exp.Sub(this=index, expression=exp.Literal.number(1)) if number < 0 \
            else exp.Literal.number(number - 1)
        tree: exp.Expression = exp.Bracket(this=exp.Split(this=text, expression=delimiter),
                                           expressions=[offset], offset=0, safe=True)
    else:
        tree = exp.SplitPart(this=text, delimiter=delimiter, part_index=index)
    return render(tree, dialect, "split_part")


def position(dialect: str, substring_text: object, string_text: object) -> str:
    """1-based position of the substring in the text, 0 when absent."""
    tree = exp.StrPosition(this=sql(string_text, dialect, "position"),
                           substr=sql(substring_text, dialect, "position"))
    return render(tree, dialect, "position")


def replace(dialect: str, field: object, old_chars: object, new_chars: object) -> str:
    args = [sql(arg, dialect, "replace") for arg in (field, old_chars, new_chars)]
    return render(exp.func("replace", *args, dialect=dialect), dialect, "replace")


def right(dialect: str, string_text: object, length_expression: object) -> str:
    tree = exp.Right(this=sql(string_text, dialect, "right"),
                     expression=sql(length_expression, dialect, "right"))
    return render(tree, dialect, "right")


def length(dialect: str, expression: object) -> str:
    return render(exp.Length(this=sql(expression, dialect, "length")), dialect, "length")


def string_literal(dialect: str, value: object) -> str:
    """`value` between single quotes, as it is (dbt's: the caller escapes it)."""
    return f"'{value}'"


def escape_single_quotes(dialect: str, expression: object) -> str:
    """The text with quotes escaped as the target's literals need, without the outer quotes."""
    return render(exp.Literal.string(str(expression)), dialect, "escape_single_quotes")[1:-1]


def cast_bool_to_text(dialect: str, field: object) -> str:
    """'true' / 'false' / NULL (Redshift cannot cast a boolean, so it gets a CASE)."""
    value = sql(field, dialect, "cast_bool_to_text")
    if dialect == "redshift":
        value = exp.paren(value, copy=False)
        value = exp.Case(ifs=[exp.If(this=exp.Is(this=value.copy(), expression=exp.true()),
                                     true=exp.Literal.string("true")),
                              exp.If(this=exp.Is(this=value.copy(), expression=exp.false()),
                                     true=exp.Literal.string("false"))])
    return render(exp.cast(value, string_type(dialect)), dialect, "cast_bool_to_text")
