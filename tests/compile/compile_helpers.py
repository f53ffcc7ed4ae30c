"""Helpers for the compiler's tests: fixture projects copied to tmp, tiny projects, the CLI.

A module of its own (not conftest): every test folder has a conftest, and `from conftest import`
would pick whichever was imported last.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

from click.testing import CliRunner, Result

from datanet_sql.cli.main import cli

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "projects"
EXAMPLES = REPO / "examples"


def copy_project(src: Path, dst: Path) -> Path:
    """A copy of a project without its .datanet/ (compiling never writes into the repo)."""
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns(".datanet", "__pycache__"))
    return dst


def write_project(root: Path, files: dict[str, str]) -> Path:
    """A small project: datanet.yml, targets.yml and one CSV source, plus `files` on top."""
    base = {
        "datanet.yml": "name: t\ntarget: dev\n",
        "targets.yml": "dev: {type: duckdb}\n",
        "sources/raw.yml": "sources:\n  - name: raw\n    tables:\n"
                           "      - name: orders\n        path: data/orders.csv\n",
        "data/orders.csv": "order_id,customer_id,amount,ordered_at,status\n"
                           "1,1,10.5,2024-01-01 10:00:00,shipped\n"
                           "2,2,3.0,2024-01-02 11:00:00,placed\n",
    }
    for rel, text in {**base, **files}.items():
        if text is None:
            continue
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def run_cli(*args: str) -> Result:
    """`datanet ARGS` in-process; the result keeps stdout and stderr apart."""
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=True)


def assert_cli_error(result: Result, *fragments: str) -> str:
    """Exit code 1, `Error:` on stderr, no traceback, and every fragment in the message."""
    assert result.exit_code == 1, (result.exit_code, result.output, result.exception)
    assert not isinstance(result.exception, Exception) or isinstance(result.exception,
                                                                      SystemExit)
    err = result.stderr
    assert err.startswith("Error: "), err
    assert "Traceback" not in result.output and "Traceback" not in err
    for fragment in fragments:
        assert fragment in err, f"{fragment!r} not in:\n{err}"
    return err
