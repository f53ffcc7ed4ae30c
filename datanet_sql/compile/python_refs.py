"""The parents of a dbt Python model, read from its code without running it.

datanet never runs a Python model (see the load pass), but the models it reads are still its
parents, as dbt records them from `dbt.ref(...)` and `dbt.source(...)` calls: with them the
model is skipped when a parent fails (as under dbt) and shows in lineage, and only when its
parents are built does it fail on its own refusal.
"""

from __future__ import annotations

import ast


def python_model_parents(code: str) -> list[str]:
    """`model.<name>` and `source.<source>.<table>` of each literal `dbt.ref()` /
    `dbt.source()` call in `code`, in order; code that does not parse has none."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return []
    calls = sorted((node for node in ast.walk(tree) if isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "dbt"),
                   key=lambda node: (node.lineno, node.col_offset))  # in the code's order
    parents: list[str] = []
    for call in calls:
        assert isinstance(call.func, ast.Attribute)
        args = [a.value for a in call.args
                if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        if call.func.attr == "ref" and args:
            parent = f"model.{args[-1]}"  # dbt.ref('package', 'model'): the model
        elif call.func.attr == "source" and len(args) == 2:
            parent = f"source.{args[0]}.{args[1]}"
        else:
            continue
        if parent not in parents:
            parents.append(parent)
    return parents
