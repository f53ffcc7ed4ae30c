"""Commands load lazily (cli/main.py's COMMAND_MODULES): the table must name every command of
every module, or a command would vanish from `datanet --help` and from the CLI."""

from __future__ import annotations

import importlib
import pkgutil

from click.testing import CliRunner

import datanet_sql.cli
from datanet_sql.cli.main import COMMAND_MODULES, cli


def test_the_table_names_each_command_of_each_module() -> None:
    found: dict[str, str] = {}
    for info in pkgutil.iter_modules(datanet_sql.cli.__path__):
        module = importlib.import_module(f"datanet_sql.cli.{info.name}")
        for command in getattr(module, "COMMANDS", []):
            found[command.name] = info.name
    assert found == COMMAND_MODULES


def test_help_lists_every_command() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    listed = {line.split()[0] for line in result.output.split("Commands:")[1].splitlines()
              if line.strip()}
    assert listed == set(COMMAND_MODULES)


def test_an_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["compil"])
    assert result.exit_code == 2 and "No such command 'compil'" in result.output
