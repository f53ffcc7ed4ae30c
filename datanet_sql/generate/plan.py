"""The data a cleansing plan is made of: what each rule returns and what the compiler gets.

A column's cleansing is a short pipeline of *stages*. Stage 0 prepares the raw text (trim,
collapse whitespace, null tokens); each later stage computes named helper values from the
previous stage's values; the final expressions compute the typed outputs. Keeping the stages
apart lets `cleanse_query` emit one readable subquery per stage (each helper computed once):
inlined into one expression over the raw column, a number or date column's helpers repeat at
every use, to hundreds of kB of SQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlglot import exp

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
