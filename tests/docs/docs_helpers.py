"""Helpers of tests/docs (a module of its own name: every test folder has a conftest.py)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from click.testing import CliRunner, Result

from datanet_sql.cli.main import cli
from datanet_sql.observe.state import StateStore, TableMetrics

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "projects"


def datanet(*args: object) -> Result:
    """The CLI in-process, as a user types it."""
    return CliRunner().invoke(cli, [str(a) for a in args])


def copy_shop(folder: Path) -> Path:
    root = folder / "jaffle_shop"
    shutil.copytree(FIXTURES / "jaffle_shop", root, ignore=shutil.ignore_patterns(".datanet",
                                                                                 "target"))
    return root


def with_history(root: Path, unique_id: str, days: int) -> None:
    """Daily measurements of a table around 1,000 rows (a weekly dip on Sundays), no nulls in
    its key columns, ending a day ago: what earlier runs would have recorded."""
    now = time.time()
    StateStore(root / ".datanet" / "state.db").record_metrics(None, "dev", [
        TableMetrics(unique_id, 1000 + (day * 37) % 41 - (150 if day % 7 == 6 else 0),
                     {"order_id": 0.0, "customer_id": 0.0}, loaded_at=now - (days - day) * 86400
                     - 3600, measured_at=now - (days - day) * 86400) for day in range(days)])
