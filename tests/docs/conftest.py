"""A small real project (the jaffle_shop fixture), built on DuckDB so state.db holds a run, and
its docs site generated: shared by the data-file and the browser tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from datanet_sql.cli.main import cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "projects"


def datanet(*args: object) -> Result:
    """The CLI in-process, as a user types it."""
    return CliRunner().invoke(cli, [str(a) for a in args])


def copy_shop(folder: Path) -> Path:
    root = folder / "jaffle_shop"
    shutil.copytree(FIXTURES / "jaffle_shop", root, ignore=shutil.ignore_patterns(".datanet",
                                                                                 "target"))
    return root


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    """A fresh copy of the project, never built."""
    return copy_shop(tmp_path)


@pytest.fixture(scope="package")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project after `datanet build` then `datanet docs generate`; returns its root."""
    root = copy_shop(tmp_path_factory.mktemp("docs"))
    built = datanet("build", "--project-dir", root)
    assert built.exit_code == 0, built.output
    made = datanet("docs", "generate", "--project-dir", root)
    assert made.exit_code == 0, made.output
    assert "Docs of 8 nodes written to" in made.stdout
    return root
