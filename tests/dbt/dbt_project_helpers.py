"""Small dbt projects written into tmp_path for the model-governance tests (versions,
contracts, access, semantic YAML), built with the real CLI on DuckDB."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import yaml
from click.testing import CliRunner, Result

from datanet_sql.cli.main import cli


def dbt_project(root: Path, files: dict[str, str | dict[str, Any]],
                output: dict[str, Any] | None = None) -> Path:
    """A dbt project (dbt_project.yml, a DuckDB profile) with the given files; a dict value
    is written as YAML."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "dbt_project.yml").write_text(yaml.safe_dump({"name": "p", "profile": "p",
                                                          "version": "1.0"}))
    out = output or {"type": "duckdb", "path": "p.duckdb"}
    (root / "profiles.yml").write_text(yaml.safe_dump(
        {"p": {"target": "dev", "outputs": {"dev": out}}}))
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text if isinstance(text, str) else yaml.safe_dump(text, sort_keys=False))
    return root


def datanet(root: Path, *args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args] + ["--project-dir", str(root)])


def rows(root: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(root / "p.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()
