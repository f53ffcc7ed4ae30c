"""Type clashes sqlglot's annotator lets through but a warehouse would reject at run time."""

from __future__ import annotations

from sqlglot import exp
from sqlglot.expressions import DataType

from datanet_sql.errors import TypeClashError
from datanet_sql.project.nodes import Node

_COMPARE = (exp.EQ, exp.NEQ, exp.GT, exp.GTE, exp.LT, exp.LTE)
_ARITH = (exp.Add, exp.Sub, exp.Mul, exp.Div)
_T = DataType.Type


def _family(dtype: DataType | None) -> str | None:
    if dtype is None or dtype.this in (_T.UNKNOWN, _T.NULL):
        return None
    if dtype.this in DataType.NUMERIC_TYPES:
        return "number"
    if dtype.this in DataType.TEMPORAL_TYPES:
        return "temporal"
    if dtype.this in DataType.TEXT_TYPES:
        return "text"
    if dtype.this == _T.BOOLEAN:
        return "boolean"
    return None


_CLASHES = {
    frozenset({"number", "temporal"}), frozenset({"boolean", "temporal"}),
    frozenset({"text", "number"}), frozenset({"boolean", "text"}),
}


def check_types(query: exp.Expression, node: Node, dialect: str) -> None:
    """Raise TypeClashError for a comparison or arithmetic between incompatible columns."""
    for binary in query.find_all(*_COMPARE, *_ARITH):
        left, right = binary.left, binary.right
        if not isinstance(left, exp.Column) and not isinstance(right, exp.Column):
            continue
        if isinstance(left, exp.Literal) or isinstance(right, exp.Literal):
            continue  # literals are cast implicitly by every engine
        pair = frozenset({_family(left.type), _family(right.type)})
        if isinstance(binary, _ARITH) and pair == frozenset({"temporal", "number"}):
            continue  # date + integer days is fine on most engines
        if pair in _CLASHES:
            raise TypeClashError(
                f"type clash in `{binary.sql(dialect=dialect)}`: "
                f"{left.type.sql(dialect=dialect)} vs {right.type.sql(dialect=dialect)}",
                file=node.path, line=_line(node, _name(left), _name(right)), model=node.name,
                column=_name(left) or _name(right),
                hint="cast one side explicitly, e.g. CAST(x AS INTEGER)")


def _name(expression: exp.Expression) -> str | None:
    return expression.name if isinstance(expression, exp.Column) else None


def _line(node: Node, *names: str | None) -> int | None:
    """The first line of the model's file that mentions both columns (or else either one)."""
    words = [n for n in names if n]
    lines = node.raw_text.splitlines()
    for wanted in (words, words[:1], words[1:]):
        for number, text in enumerate(lines, start=1):
            if wanted and all(word in text for word in wanted):
                return number
    return None
