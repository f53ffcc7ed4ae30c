"""The data a cleansing plan is made of: what each rule returns and what the compiler gets.

A column's cleansing is a short pipeline of *stages*. Stage 0 prepares the raw text (trim,
collapse whitespace, null tokens); each later stage computes named helper values from the
previous stage's values; the final expressions compute the typed outputs. Keeping the stages
apart lets `cleanse_query` emit one readable subquery per stage (each helper computed once),
while `ColumnPlan.outputs` offers the same logic inlined over the raw column.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlglot import exp

from datanet_sql.generate.sqlfn import and_, col, is_null, not_null

Stage = dict[str, exp.Expression]


def helper(name: str, suffix: str) -> str:
    """Name of a helper value of column `name` inside the staged subqueries."""
    return f"{name}__{suffix}"


@dataclass
class RuleContext:
    """What a rule may look at: the column, its (prepared) sample values, its options, and the
    model's other columns by semantic type (a phone number takes the country of its row)."""

    name: str
    semantic: str | None
    sample: list[str]
    options: dict[str, object] = field(default_factory=dict)
    siblings: dict[str, tuple[str, list[object]]] = field(default_factory=dict)  # type -> (column, sample)

    def option(self, key: str, default: object = None) -> object:
        return self.options.get(key, default)


@dataclass
class Parse:
    """What one value rule returns: extra stages, final outputs, type and reject reason.

    Expressions refer to the prepared value as `col(ctx.name)` and to helpers by name. When
    `reason` is set, a prepared value whose first output ends up NULL is a reject.
    """

    final: list[tuple[str, exp.Expression]]
    sql_type: str = "VARCHAR"
    rule: str = ""
    reason: str = ""
    stages: list[Stage] = field(default_factory=list)
    issues: list[str] = field(default_factory=list)


@dataclass
class ColumnPlan:
    """How one column is cleansed: the staged expressions plus what to tell the user."""

    name: str
    semantic: str | None
    sql_type: str
    stages: list[Stage]
    final: list[tuple[str, exp.Expression]]
    reason: str = ""
    rules: list[str] = field(default_factory=list)
    issues: list[str] = field(default_factory=list)
    reject_rule: str | None = None

    @property
    def output_names(self) -> list[str]:
        return [name for name, _ in self.final]

    @property
    def output_types(self) -> list[tuple[str, str]]:
        """SQL type of each output: the main one, then VARCHAR side columns (currency, unit)."""
        return [(name, self.sql_type if i == 0 else "VARCHAR") for i, (name, _) in enumerate(self.final)]

    @property
    def outputs(self) -> list[tuple[str, exp.Expression]]:
        """Each output as one expression over the raw column (no subqueries needed).

        Handy for previews of simple rules; helpers are repeated at every use, so a date
        column inlines to hundreds of kB of SQL: compile models with `cleanse_query`.
        """
        values = self._inlined_stages()
        return [(name, _substitute(expr, values)) for name, expr in self.final]

    @property
    def prepared(self) -> exp.Expression:
        """The prepared text (trimmed, null tokens removed) inlined over the raw column."""
        if not self.stages:
            return col(self.name)
        return _substitute(self.stages[0][self.name], {})

    @property
    def reject(self) -> exp.Expression | None:
        """TRUE when the raw value held something (not a null token) but cleansing gave NULL."""
        if not self.reject_rule:
            return None
        return and_(not_null(self.prepared), is_null(self.outputs[0][1]))

    def _inlined_stages(self) -> dict[str, exp.Expression]:
        values: dict[str, exp.Expression] = {}
        for stage in self.stages:
            values = {**values, **{n: _substitute(e, values) for n, e in stage.items()}}
        return values


def _substitute(expression: exp.Expression, values: dict[str, exp.Expression]) -> exp.Expression:
    """Replace unqualified column references by the expressions they stand for."""

    def swap(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Column) and not node.table and node.name in values:
            return exp.Paren(this=values[node.name].copy())
        return node

    return expression.copy().transform(swap, copy=False)
