"""dbt's generic data tests (and two of datanet's) as sqlglot queries returning failing rows.

Every column a test reads arrives here as an expression built by the data_tests pass: a quoted
identifier for a column name (so `a-b`, `has space`, `q"x` or `Größe` are read as columns,
never as SQL), or a parsed expression where dbt allows one (`column_name:` of a model-level
test). User text (`expression:`, `where:`) is parsed here, never pasted into SQL.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError, TokenError

from datanet_sql.compile.passes.parse import first_write, statement_kind
from datanet_sql.errors import ConfigError, SqlSyntaxError

Builder = Callable[[exp.Expression, "exp.Expression | None", dict[str, Any], str], exp.Select]

# stands for the tested column while parsing `expression: "> 0"` (dbt_utils' column form)
_PLACEHOLDER = "__dn_tested_column"


def not_null(rel: exp.Expression, column: exp.Expression | None, args: dict[str, Any],
             dialect: str) -> exp.Select:
    return exp.select("*").from_(rel, copy=False).where(
        _needed(column, "not_null").is_(exp.null()), copy=False)


def unique(rel: exp.Expression, column: exp.Expression | None, args: dict[str, Any],
           dialect: str) -> exp.Select:
    target = _needed(column, "unique")
    count = exp.Count(this=exp.Star())
    return (exp.select(exp.alias_(target, "unique_field"), exp.alias_(count, "n_records"))
            .from_(rel, copy=False)
            .where(exp.Not(this=exp.Is(this=target.copy(), expression=exp.null())), copy=False)
            .group_by(target.copy(), copy=False)
            .having(exp.GT(this=count.copy(), expression=exp.Literal.number(1)), copy=False))


def unique_combination_of_columns(rel: exp.Expression, column: exp.Expression | None,
                                  args: dict[str, Any], dialect: str) -> exp.Select:
    """Groups by the columns themselves (as dbt_utils does): a concatenation would make
    ('a|b', 'c') equal ('a', 'b|c') and lose NULLs."""
    keys: list[exp.Expression] = args["_columns"]
    count = exp.Count(this=exp.Star())
    return (exp.select(*[k.copy() for k in keys], exp.alias_(count, "n_records"))
            .from_(rel, copy=False).group_by(*[k.copy() for k in keys], copy=False)
            .having(exp.GT(this=count.copy(), expression=exp.Literal.number(1)), copy=False))


def accepted_values(rel: exp.Expression, column: exp.Expression | None, args: dict[str, Any],
                    dialect: str) -> exp.Select:
    target = _needed(column, "accepted_values")
    quote = args.get("quote", True)
    literals = [exp.Literal.string(str(v)) if quote else exp.convert(v) for v in args["values"]]
    return (exp.select(exp.alias_(target, "value_field"),
                       exp.alias_(exp.Count(this=exp.Star()), "n_records"))
            .from_(rel, copy=False).where(exp.Not(this=target.copy().isin(*literals)), copy=False)
            .group_by(target.copy(), copy=False))


def relationships(rel: exp.Expression, column: exp.Expression | None, args: dict[str, Any],
                  dialect: str) -> exp.Select:
    parent: exp.Table = args["_to_table"]
    child_col = _on_table(_needed(column, "relationships"), "child")
    parent_col = _on_table(args["_field"], "parent")
    return (exp.select(exp.alias_(child_col, "from_field"))
            .from_(_aliased(rel, "child"), copy=False)
            .join(parent.copy().as_("parent"), on=child_col.copy().eq(parent_col), join_type="left",
                  copy=False)
            .where(exp.and_(exp.Not(this=child_col.copy().is_(exp.null())),
                            parent_col.copy().is_(exp.null())), copy=False))


def expression(rel: exp.Expression, column: exp.Expression | None, args: dict[str, Any],
               dialect: str) -> exp.Select:
    condition = column_condition(str(args["expression"]), column, dialect)
    return exp.select("*").from_(rel, copy=False).where(exp.Not(this=exp.paren(condition)),
                                                        copy=False)


def row_count(rel: exp.Expression, column: exp.Expression | None, args: dict[str, Any],
              dialect: str) -> exp.Select:
    count = exp.Count(this=exp.Star())
    bounds: list[exp.Expression] = []
    low = args.get("min", args.get("min_value"))
    high = args.get("max", args.get("max_value"))
    if low is not None:
        bounds.append(exp.LT(this=count.copy(), expression=exp.convert(low)))
    if high is not None:
        bounds.append(exp.GT(this=count.copy(), expression=exp.convert(high)))
    having = exp.or_(*bounds) if bounds else exp.false()
    return exp.select(exp.alias_(count, "row_count")).from_(rel, copy=False).having(having,
                                                                                    copy=False)


def parse_condition(text: str, dialect: str, argument: str) -> exp.Expression:
    """A condition the user wrote (`where:`, `column_name:`) as a tree.

    A syntax error is a SqlSyntaxError naming the argument and the position in its text; the
    data_tests pass adds the file, model and test.
    """
    tree = _attempt(text, dialect, 0, argument)
    if not isinstance(tree, exp.Expression):
        raise _syntax_error(text, argument, *tree)
    return tree


def column_condition(text: str, column: exp.Expression | None, dialect: str) -> exp.Expression:
    """`expression:` of a test: a whole condition (`amount >= 0`), or, on a column, the rest
    of one (`>= 0`, `is not null`) that the column is put in front of, as dbt_utils does.

    When neither form parses, the error shown is the one where the parser got further."""
    whole = _attempt(text, dialect, 0, "expression")
    if isinstance(whole, exp.Expression) and (column is None or _reads_a_column(whole)):
        return whole
    if column is None:
        raise _syntax_error(text, "expression", *whole)
    rest = _attempt(text, dialect, len(_PLACEHOLDER) + 1, "expression")
    if not isinstance(rest, exp.Expression):
        if isinstance(whole, exp.Expression):
            return whole
        raise _syntax_error(text, "expression", *max(whole, rest))
    return rest.transform(lambda n: column.copy() if isinstance(n, exp.Column) and
                          n.name == _PLACEHOLDER and not n.table else n, copy=False)


def _attempt(text: str, dialect: str, offset: int,
             argument: str) -> exp.Expression | tuple[int, str]:
    """The text parsed (behind the placeholder when `offset`), or where and why it failed.

    A statement that writes is refused outright: a test only reads (on Postgres
    `id in (with d as (delete ...) select ...)` would delete)."""
    try:
        tree = sqlglot.parse_one(f"{_PLACEHOLDER} {text}" if offset else text, read=dialect)
    except (ParseError, TokenError) as err:
        first = (getattr(err, "errors", None) or [{}])[0]
        why = first.get("description") or str(err).splitlines()[0]
        if why.startswith("Required keyword"):  # sqlglot's words for an operand left out
            why = "an operator is missing an operand"
        return max(int(first.get("col") or 1) - offset, 1), why
    if isinstance(tree, exp.Block):
        return 1, "it holds more than one statement"
    if not isinstance(tree, exp.Condition):
        return 1, f"a {tree.key.upper()} statement is not a condition"
    writer = first_write(tree)
    if writer is not None:
        raise SqlSyntaxError(f"`{argument}: {text}` is refused: it holds a "
                             f"{statement_kind(writer)} statement, and a test may not change data",
                             hint=f"make `{argument}:` a condition that only reads")
    return tree


def _reads_a_column(tree: exp.Expression) -> bool:
    return any(isinstance(n, exp.Column) for n in tree.walk())


def _syntax_error(text: str, argument: str, col: int, why: str) -> SqlSyntaxError:
    return SqlSyntaxError(f"`{argument}: {text}` does not parse at character {col}: {why}\n"
                          f"    {text}\n    {' ' * (col - 1)}^",
                          hint=f"fix the SQL of `{argument}:` near the marked position")


def _needed(column: exp.Expression | None, test: str) -> exp.Expression:
    if column is None:
        raise ConfigError(f"the {test} test needs a column",
                          hint="put it under the column in `columns:`, or give `column_name:`")
    return column.copy()


def _on_table(column: exp.Expression, table: str) -> exp.Expression:
    """The column (or every column of an expression) read from the table aliased `table`."""

    def qualify(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Column) and not node.table:
            node.set("table", exp.to_identifier(table, quoted=True))
        return node

    return column.copy().transform(qualify, copy=False)


def _aliased(rel: exp.Expression, alias: str) -> exp.Expression:
    if isinstance(rel, exp.Table):
        return rel.copy().as_(alias)
    rel = rel.copy()
    rel.set("alias", exp.TableAlias(this=exp.to_identifier(alias)))
    return rel


BUILDERS: dict[str, Builder] = {
    "not_null": not_null,
    "unique": unique,
    "accepted_values": accepted_values,
    "relationships": relationships,
    "expression": expression,
    "expression_is_true": expression,
    "row_count": row_count,
    "unique_combination_of_columns": unique_combination_of_columns,
}

# the arguments each test takes (besides `column_name`) and those it cannot go without
ARGUMENTS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "not_null": (frozenset(), frozenset()),
    "unique": (frozenset(), frozenset()),
    "accepted_values": (frozenset({"values", "quote"}), frozenset({"values"})),
    "relationships": (frozenset({"to", "field"}), frozenset({"to"})),
    "expression": (frozenset({"expression"}), frozenset({"expression"})),
    "expression_is_true": (frozenset({"expression"}), frozenset({"expression"})),
    "row_count": (frozenset({"min", "max", "min_value", "max_value"}), frozenset()),
    "unique_combination_of_columns": (frozenset({"combination_of_columns", "quote_columns"}),
                                      frozenset({"combination_of_columns"})),
}
