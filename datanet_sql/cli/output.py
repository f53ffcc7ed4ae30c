"""Printing: rich tables on a terminal, plain text when piped (so scripts can parse it).

A table wider than the terminal is printed as records (one `column  value` line each, like
psql's expanded display) instead of squeezing fifteen columns into eighty characters.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

from datanet_sql.cli import log_format

if TYPE_CHECKING:
    from rich.console import Console


@functools.cache
def console() -> Console:
    """The rich console, made (and rich imported: a tenth of a second) on first use, so
    commands that print plain lines start without it."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


_CELL_PADDING = 3  # rich's border and padding around each cell
# the variables that make rich take a stream that is no tty for a terminal
_TERMINAL_VARIABLES = ("TTY_COMPATIBLE", "FORCE_COLOR")


def _piped() -> bool:
    """Whether stdout is surely no terminal, known without importing rich: no tty, and none of
    the variables that make rich treat it as one (then rich's `is_terminal` says False too).
    A run's summary printed to a pipe or a CI log thus costs no rich import."""
    try:
        tty = sys.stdout.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        tty = False
    return not tty and not any(name in os.environ for name in _TERMINAL_VARIABLES)


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]],
                title: str | None = None, vertical: bool | None = None) -> None:
    """`vertical`: True for records, False for a table, None to choose by the terminal's width."""
    cells = [["" if v is None else str(v) for v in row] for row in rows]
    # tab-separated when not on a terminal (rich would expand the tabs)
    if (_piped() or not console().is_terminal) and not vertical:
        if title:
            click.echo(title)
        for row in [list(headers), *cells]:
            click.echo("\t".join(row))
        return
    if vertical is None:
        vertical = _table_width(headers, cells) > console().width
    if vertical:
        _print_records(headers, cells, title)
        return
    from rich.table import Table

    table = Table(*headers, title=title, show_lines=False, header_style="bold")
    for row in cells:
        table.add_row(*row)
    console().print(table)


def _table_width(headers: Sequence[str], cells: list[list[str]]) -> int:
    widths = [max([len(h), *(len(row[i]) for row in cells)]) for i, h in enumerate(headers)]
    return sum(w + _CELL_PADDING for w in widths) + 1


def _print_records(headers: Sequence[str], cells: list[list[str]], title: str | None) -> None:
    if title:
        click.echo(title)
    label_width = max((len(h) for h in headers), default=0)
    for number, row in enumerate(cells, 1):
        click.echo(f"-[ record {number} ]" + "-" * max(0, label_width - 6))
        for header, value in zip(headers, row):
            click.echo(f"{header.ljust(label_width)} | {value}")
    if not cells:
        click.echo("(no rows)")


def show_progress_notes() -> None:
    """Long steps (training the semantics classifier, compiling) say what they are doing on a
    terminal, so a first run is not seconds of silence; piped output and logs stay unchanged."""
    if not sys.stderr.isatty():
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("\x1b[2m%(message)s...\x1b[0m"))
    logger = logging.getLogger("datanet_sql")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def print_warnings(warnings: Sequence[str]) -> None:
    """The compile's warnings (each names its file), on stderr, before any other output; each
    once (an ambiguous date column, a YAML entry with no model, a key with no effect yet)."""
    for warning in dict.fromkeys(warnings):
        if log_format.is_json():
            log_format.emit("Note", warning, "warn")
        else:
            click.secho(f"warning: {warning}", fg="yellow", err=True)
