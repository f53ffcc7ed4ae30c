"""The macros a project defines, and which of them each node calls (directly or through other
macros): what dbt's manifest lists under `macros` and `depends_on.macros`, and what
`state:modified.macros` compares."""

from __future__ import annotations

import re
from collections.abc import Iterable

from datanet_sql.compile.dbt_jinja.discover import MacroPackage

_BLOCK = re.compile(r"{%-?\s*(?:macro|test)\s+(\w+)\s*\(.*?{%-?\s*end(?:macro|test)\s*-?%}",
                    re.DOTALL)


def macro_definitions(packages: Iterable[MacroPackage]) -> dict[str, tuple[str, str]]:
    """`macro.<package>.<name>` -> (its file, its `{% macro %}` block)."""
    found: dict[str, tuple[str, str]] = {}
    for package in packages:
        for file in package.files:
            for block in _BLOCK.finditer(file.text):
                found.setdefault(f"macro.{package.name}.{block.group(1)}",
                                 (file.path, block.group(0)))
    return found


def macros_called(text: str, macros: dict[str, tuple[str, str]]) -> list[str]:
    """The macros a template calls, and those they call in turn (by name, any package)."""
    by_name: dict[str, list[str]] = {}
    for uid in macros:
        by_name.setdefault(uid.rsplit(".", 1)[1], []).append(uid)
    called: list[str] = []
    pending = [text]
    while pending:
        for name in re.findall(r"\b(\w+)\s*\(", pending.pop()):
            for uid in by_name.get(name, []):
                if uid not in called:
                    called.append(uid)
                    pending.append(macros[uid][1])
    return sorted(called)
