"""Small dbt projects written by the tests: a root project, local packages in dbt_packages/,
a DuckDB profile; and the CLI invoked in-process."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import yaml
from click.testing import CliRunner, Result

from datanet_sql.cli.main import cli


def datanet(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def dbt_project(root: Path, files: dict[str, str], extra: dict[str, Any] | None = None,
                profile: dict[str, Any] | None = None) -> Path:
    """A dbt project on DuckDB (or the given output) with the files given."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "dbt_project.yml").write_text(yaml.safe_dump(
        {"name": "shop", "profile": "shop", "version": "1.0", **(extra or {})}))
    output = profile or {"type": "duckdb", "path": str(root / "shop.duckdb")}
    (root / "profiles.yml").write_text(yaml.safe_dump(
        {"shop": {"target": "dev", "outputs": {"dev": output}}}))
    write(root, files)
    return root


def package(root: Path, name: str, files: dict[str, str]) -> Path:
    """A package as `dbt deps` leaves it: dbt_packages/<name>/ with its dbt_project.yml."""
    folder = root / "dbt_packages" / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dbt_project.yml").write_text(yaml.safe_dump({"name": name, "version": "1.0"}))
    write(folder, files)
    return folder


def rows(root: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(root / "shop.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


def build(root: Path, *args: object) -> Result:
    return datanet("build", "--project-dir", root, *args)
