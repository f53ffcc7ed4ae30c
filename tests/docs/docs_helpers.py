"""Helpers of tests/docs (a module of its own name: every test folder has a conftest.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

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
