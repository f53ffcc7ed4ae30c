"""A small project and a modified copy: the two sides of a --state comparison."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner, Result
from run.helpers import write, write_project

from datanet_sql.cli.main import cli

MODELS = {
    "data/orders.csv": "id,customer_id,amount,status\n1,10,5,new\n2,11,20,paid\n3,10,30,paid\n",
    "sources/raw.yml": "sources:\n  - name: raw\n    tables:\n      - name: orders\n"
                       "        path: data/orders.csv\n",
    "models/stg_orders.sql": "select id, customer_id, amount, status from "
                             "{{ source('raw', 'orders') }}",
    "models/child_amount.sql": "select id, amount * 2 as double_amount from {{ ref('stg_orders') }}",
    "models/child_status.sql": "select id, status from {{ ref('stg_orders') }}",
    "models/child_filter.sql": "select id from {{ ref('stg_orders') }} where amount > 10",
    "models/child_star.sql": "select * from {{ ref('stg_orders') }}",
    "models/grandchild.sql": "select id, double_amount from {{ ref('child_amount') }}",
    "models/grand_status.sql": "select id from {{ ref('child_status') }}",
}


def project(root: Path, targets: str | None = None) -> Path:
    files = dict(MODELS)
    if targets:
        files["targets.yml"] = targets
    return write_project(root, files, name="slim")


def cli_run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def save_state(root: Path, folder: Path, *names: str) -> Path:
    """Copy target/manifest.json (and run_results.json) as a CI job keeps main's."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names or ("manifest.json", "run_results.json"):
        if (root / "target" / name).exists():
            shutil.copy(root / "target" / name, folder / name)
    return folder


def edit(root: Path, rel: str, text: str) -> None:
    write(root, rel, text)
