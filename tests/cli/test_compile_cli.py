"""`datanet init`, `compile` and `ls` through click's CliRunner, on real project directories."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from datanet_sql.cli.main import cli

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "projects"


def invoke(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def copy(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns(".datanet"))
    return dst


def test_init_then_compile(tmp_path: Path) -> None:
    result = invoke("init", tmp_path / "my-shop")
    assert result.exit_code == 0, result.output
    assert "Created project 'my_shop'" in result.stdout
    assert "name: my_shop" in (tmp_path / "my-shop" / "datanet.yml").read_text()
    result = invoke("compile", "--project-dir", tmp_path / "my-shop")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Compiled ") and "for duckdb" in result.stdout
    compiled = tmp_path / "my-shop" / ".datanet" / "compiled" / "dev"
    assert any(compiled.glob("*.sql")) and (compiled.parents[1] / "manifest.json").exists()


def test_init_refuses_a_non_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine")
    result = invoke("init", tmp_path / "taken")
    assert result.exit_code == 1 and "Error: " in result.stderr
    assert "exists and is not empty" in result.stderr and "Traceback" not in result.output


def test_dbt_project_compiles_unchanged(tmp_path: Path) -> None:
    """The dbt files (models, seeds, macros, schema YAML, dbt_project.yml) need no edit."""
    root = copy(FIXTURES / "dbt_shop", tmp_path / "dbt_shop")
    assert (root / "dbt_project.yml").exists()
    result = invoke("compile", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert "Compiled 7 models and 17 tests for duckdb" in result.stdout
    assert result.stderr == ""  # no warnings either
    mismatch = filecmp.dircmp(FIXTURES / "dbt_shop", root, ignore=[".datanet"])
    assert not mismatch.diff_files and not mismatch.left_only  # compiling touched nothing


def test_project_dir_defaults_to_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy(FIXTURES / "mini", tmp_path / "mini")
    monkeypatch.chdir(root)
    result = invoke("compile")
    assert result.exit_code == 0, result.output
    assert (root / ".datanet" / "compiled" / "dev" / "customer_revenue.sql").exists()


def test_target_picks_the_dialect(tmp_path: Path) -> None:
    root = copy(FIXTURES / "dbt_shop", tmp_path / "dbt_shop")
    result = invoke("compile", "--project-dir", root, "--target", "pg")
    assert result.exit_code == 0, result.output
    assert "for postgres" in result.stdout
    sql = (root / ".datanet" / "compiled" / "pg" / "orders.sql").read_text()
    assert '"analytics"."stg_orders"' in sql  # the pg target's schema


def test_dialect_overrides_the_target(tmp_path: Path) -> None:
    """No BigQuery target in targets.yml: the schema is the one a BigQuery target gets by
    default, not the DuckDB target's `main`."""
    root = copy(FIXTURES / "mini", tmp_path / "mini")
    result = invoke("compile", "--project-dir", root, "--dialect", "bigquery")
    assert result.exit_code == 0, result.output
    assert "for bigquery" in result.stdout
    sql = (root / ".datanet/compiled/bigquery/customer_revenue.sql").read_text()
    assert "`analytics`.`stg_customers`" in sql and "`main`" not in sql


def test_dialect_uses_the_projects_target_of_that_engine(tmp_path: Path) -> None:
    root = copy(FIXTURES / "dbt_shop", tmp_path / "dbt_shop")
    result = invoke("compile", "--project-dir", root, "--dialect", "postgres")
    assert result.exit_code == 0, result.output
    assert '"analytics"."stg_orders"' in (root / ".datanet/compiled/pg/orders.sql").read_text()


def test_unknown_dialect_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke("compile", "--project-dir", tmp_path, "--dialect", "oracle")
    assert result.exit_code == 2 and "Invalid value for '--dialect'" in result.output


def test_example_shop_compiles(tmp_path: Path) -> None:
    root = copy(REPO / "examples" / "shop", tmp_path / "shop")
    result = invoke("compile", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert "Compiled 11 models" in result.stdout


def test_ls_names_after_init(tmp_path: Path) -> None:
    invoke("init", tmp_path / "p")
    result = invoke("ls", "--project-dir", tmp_path / "p", "--resource-type", "model",
                    "--output", "name")
    assert result.exit_code == 0, result.output
    names = result.stdout.split()
    compiled = tmp_path / "p" / ".datanet" / "compiled" / "dev"
    assert names and all((compiled / f"{name}.sql").exists() for name in names)


def test_version_and_help() -> None:
    assert invoke("--version").stdout.startswith("datanet, version ")
    helptext = invoke("--help").stdout
    for command in ("init", "compile", "ls"):
        assert command in helptext
