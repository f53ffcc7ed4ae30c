"""One compiled folder per target: `.datanet/compiled/<target>/`, and `<dialect>/` for
`compile --dialect D` without a target of that engine; a Snowflake compile never replaces the
DuckDB SQL, and the manifests name the folder their compile wrote."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
from click.testing import CliRunner, Result

from datanet_sql.cli.main import cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "projects"


def invoke(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def mini(tmp_path: Path) -> Path:
    root = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", root, ignore=shutil.ignore_patterns(".datanet"))
    return root


def test_two_dialects_keep_their_folders_side_by_side(tmp_path: Path) -> None:
    root = mini(tmp_path)
    duck = invoke("compile", "--project-dir", root)
    snow = invoke("compile", "--project-dir", root, "--dialect", "snowflake")
    assert duck.exit_code == 0 and snow.exit_code == 0, duck.output + snow.output
    compiled = root / ".datanet" / "compiled"
    assert "for duckdb" in duck.stdout and f"-> {compiled / 'dev'}\n" in duck.stdout
    assert "for snowflake" in snow.stdout and f"-> {compiled / 'snowflake'}\n" in snow.stdout
    assert sorted(p.name for p in compiled.iterdir()) == ["dev", "snowflake"]
    for folder in ("dev", "snowflake"):
        assert sorted(p.name for p in (compiled / folder).iterdir()) == [
            "customer_revenue.sql", "stg_customers.sql", "stg_orders.sql", "tests.sql"]
    duck_sql = (compiled / "dev" / "customer_revenue.sql").read_text()
    snow_sql = (compiled / "snowflake" / "customer_revenue.sql").read_text()
    assert 'FROM "main"."stg_customers" AS "c"' in duck_sql
    assert "FROM analytics.stg_customers AS c" in snow_sql and '"main"' not in snow_sql


def test_a_run_after_another_dialect_reads_and_rewrites_only_its_target(tmp_path: Path) -> None:
    root = mini(tmp_path)
    assert invoke("compile", "--project-dir", root, "--dialect", "bigquery").exit_code == 0
    bigquery = (root / ".datanet/compiled/bigquery/customer_revenue.sql").read_text()
    result = invoke("run", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert (root / ".datanet/compiled/bigquery/customer_revenue.sql").read_text() == bigquery
    assert '"main"."stg_customers"' in (
        root / ".datanet/compiled/dev/customer_revenue.sql").read_text()
    with duckdb.connect(str(root / ".datanet" / "dev.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from main.customer_revenue").fetchone()[0] > 0


def test_manifests_name_the_folder_of_their_compile(tmp_path: Path) -> None:
    root = mini(tmp_path)
    assert invoke("compile", "--project-dir", root, "--dialect", "trino").exit_code == 0
    own = json.loads((root / ".datanet" / "manifest.json").read_text())["nodes"]
    dbt = json.loads((root / "target" / "manifest.json").read_text())["nodes"]
    assert own["model.customer_revenue"]["compiled_path"] == \
        ".datanet/compiled/trino/customer_revenue.sql"
    dbt_model = next(n for n in dbt.values() if n["name"] == "customer_revenue")
    assert dbt_model["compiled_path"] == ".datanet/compiled/trino/customer_revenue.sql"
    paths = {n["compiled_path"] for n in own.values() if n.get("compiled_path")}
    assert ".datanet/compiled/trino/tests.sql" in paths
    assert all((root / path).is_file() for path in paths)


def test_a_target_name_is_made_a_safe_folder_name(tmp_path: Path) -> None:
    """A name with a slash or a leading dot (`../x`) cannot reach outside compiled/."""
    root = mini(tmp_path)
    (root / "targets.yml").write_text("dev: {type: duckdb}\n'../prod/eu': {type: duckdb}\n")
    result = invoke("compile", "--project-dir", root, "--target", "../prod/eu")
    assert result.exit_code == 0, result.output
    folder = root / ".datanet" / "compiled" / "_._prod_eu"
    assert f"-> {folder}" in result.stdout and (folder / "stg_orders.sql").is_file()
    assert sorted(p.name for p in (root / ".datanet" / "compiled").iterdir()) == ["_._prod_eu"]


def test_clean_removes_every_targets_folder(tmp_path: Path) -> None:
    root = mini(tmp_path)
    for dialect in ("duckdb", "postgres"):
        assert invoke("compile", "--project-dir", root, "--dialect", dialect).exit_code == 0
    result = invoke("clean", "--project-dir", root)
    assert result.exit_code == 0 and ".datanet/compiled" in result.stdout, result.output
    assert not (root / ".datanet" / "compiled").exists()


def test_a_dialect_without_a_target_of_its_engine_opens_no_warehouse(
        tmp_path: Path, monkeypatch) -> None:
    """`compile --dialect spark` for a project with no Spark target compiles for a
    compile-only target: a warehouse-table source keeps its declared columns, no adapter is
    opened (a local Spark session was started over an empty warehouse in the folder the
    command ran in, or one already running in the process was taken over)."""
    from datanet_sql.compile import pipeline

    root = tmp_path / "p"
    (root / "models").mkdir(parents=True)
    (root / "sources").mkdir()
    (root / "datanet.yml").write_text("name: p\n")
    (root / "sources" / "crm.yml").write_text(
        "sources:\n  - name: crm\n    tables:\n      - name: people\n        table: crm.people\n"
        "        columns: [{name: id, data_type: integer}]\n")
    (root / "models" / "ids.sql").write_text("select id from {{ source('crm', 'people') }}\n")

    def refused(*args: object) -> None:
        raise AssertionError("an adapter was opened for a compile-only target")
    monkeypatch.setattr(pipeline, "adapter_for", refused)
    monkeypatch.chdir(tmp_path)
    result = invoke("compile", "--project-dir", root, "--dialect", "spark")
    assert result.exit_code == 0, result.output
    assert (root / ".datanet" / "compiled" / "spark" / "ids.sql").is_file()
    assert not (tmp_path / ".datanet").exists()
