"""Printing: rich tables on a terminal, plain text when piped (so scripts can parse it)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

console = Console(highlight=False, soft_wrap=True)


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]],
                title: str | None = None) -> None:
    if not console.is_terminal:
        if title:
            console.print(title, markup=False)
        for row in [headers, *rows]:
            console.print("\t".join("" if v is None else str(v) for v in row), markup=False)
        return
    table = Table(*headers, title=title, show_lines=False, header_style="bold")
    for row in rows:
        table.add_row(*["" if v is None else str(v) for v in row])
    console.print(table)
