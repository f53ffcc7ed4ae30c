"""What a new user trips on first (issue 18, item 9): `--debug` after the command, help text for
every option, `compile --select`, and a command run from a subfolder of the project."""

from __future__ import annotations

import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from datanet_sql.cli.main import cli
from datanet_sql.errors import ReferenceNotFoundError

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "projects" / "mini"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    root = tmp_path / "mini"
    shutil.copytree(MINI, root, ignore=shutil.ignore_patterns(".datanet"))
    return root


def _options_without_help(command: click.Command, path: str) -> list[str]:
    missing = [f"{path} {p.opts[0]}" for p in command.params
               if isinstance(p, click.Option) and not p.help and not p.hidden]
    for name, sub in getattr(command, "commands", {}).items():
        missing += _options_without_help(sub, f"{path} {name}")
    return missing


def test_every_option_of_every_command_has_help_text() -> None:
    assert _options_without_help(cli, "datanet") == []


def test_debug_is_accepted_after_the_command_too(mini: Path) -> None:
    plain = CliRunner().invoke(cli, ["show", "nope", "--project-dir", str(mini)])
    assert plain.exit_code == 1 and "no model named 'nope'" in plain.output
    debug = CliRunner().invoke(cli, ["show", "nope", "--project-dir", str(mini), "--debug"])
    assert isinstance(debug.exception, ReferenceNotFoundError)  # the traceback, as asked


def test_compile_select_prints_the_selected_models_sql(mini: Path) -> None:
    result = CliRunner().invoke(cli, ["compile", "--select", "stg_orders",
                                      "--project-dir", str(mini)])
    assert result.exit_code == 0, result.output
    assert "-- stg_orders\n" in result.stdout and "-- customer_revenue" not in result.stdout
    assert "FROM" in result.stdout.split("-- stg_orders\n", 1)[1]
    wrong = CliRunner().invoke(cli, ["compile", "-s", "stg_ordrs", "--project-dir", str(mini)])
    assert wrong.exit_code == 1 and "the selector 'stg_ordrs' matches nothing" in wrong.output


def test_a_command_run_from_a_subfolder_finds_the_project_above(
        mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(mini / "models" / "staging")
    result = CliRunner().invoke(cli, ["ls", "--output", "name"])
    assert result.exit_code == 0, result.output
    assert "stg_orders" in result.stdout.split()
    monkeypatch.chdir(mini.parent)
    lost = CliRunner().invoke(cli, ["ls"])
    assert lost.exit_code == 1 and "no datanet.yml" in lost.output
    assert str(mini.parent.resolve()) in lost.output


def test_mock_run_options_are_named_for_mocks_and_checked(mini: Path) -> None:
    help_text = CliRunner().invoke(cli, ["seed", "--help"]).output
    assert "--mock-seed, --seed" in help_text and "Random seed of the --mock data" in help_text
    bad = CliRunner().invoke(cli, ["build", "--mock", "--mock-rows", "-1",
                                   "--project-dir", str(mini)])
    assert bad.exit_code == 2 and "-1 is not in the range x>=0" in bad.output
