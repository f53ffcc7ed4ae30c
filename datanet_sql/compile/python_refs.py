"""The parents and config of a dbt Python model, read from its code without running it.

As dbt records them at parse: the parents from `dbt.ref(...)` and `dbt.source(...)` calls
(with them the model is skipped when a parent fails and shows in lineage), the config from
`dbt.config(key=literal, ...)` calls. The code runs only when the model is built
(run/python_model.py).
"""

from __future__ import annotations

import ast
import contextlib
from typing import Any


def python_model_parents(code: str) -> list[str]:
    """`model.<name>` and `source.<source>.<table>` of each literal `dbt.ref()` /
    `dbt.source()` call in `code`, in order; code that does not parse has none."""
    parents: list[str] = []
    for call in _dbt_calls(code):
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


def python_model_config(code: str) -> dict[str, Any]:
    """The keyword arguments of the code's `dbt.config(...)` calls whose values are literals
    (as dbt's parser reads them); later calls win."""
    config: dict[str, Any] = {}
    for call in _dbt_calls(code):
        assert isinstance(call.func, ast.Attribute)
        if call.func.attr != "config":
            continue
        for keyword in call.keywords:
            with contextlib.suppress(ValueError, TypeError, SyntaxError, MemoryError,
                                     RecursionError):
                if keyword.arg is not None:
                    config[keyword.arg] = ast.literal_eval(keyword.value)
    return config


def _dbt_calls(code: str) -> list[ast.Call]:
    """The `dbt.<method>(...)` calls of `code` in the code's order (none when it does not
    parse: running it says why)."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return []
    return sorted((node for node in ast.walk(tree) if isinstance(node, ast.Call)
                   and isinstance(node.func, ast.Attribute)
                   and isinstance(node.func.value, ast.Name) and node.func.value.id == "dbt"),
                  key=lambda node: (node.lineno, node.col_offset))
