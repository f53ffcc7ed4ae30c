"""Printing: rich tables on a terminal, plain text when piped (so scripts can parse it)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import click
from rich.console import Console
from rich.table import Table

console = Console(highlight=False, soft_wrap=True)


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]],
                title: str | None = None) -> None:
    if not console.is_terminal:  # plain tab-separated lines (rich would expand the tabs)
        if title:
            click.echo(title)
        for row in [headers, *rows]:
            click.echo("\t".join("" if v is None else str(v) for v in row))
        return
    table = Table(*headers, title=title, show_lines=False, header_style="bold")
    for row in rows:
        table.add_row(*["" if v is None else str(v) for v in row])
    console.print(table)
