"""A dbt project runs as it is: dbt_project.yml and profiles.yml, no datanet.yml added."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import duckdb
import pytest
import yaml
from click.testing import CliRunner, Result

from datanet_sql.cli.main import cli
from datanet_sql.config.dbt_project import to_datanet_target

PG_DSN_PARTS = {"host": "127.0.0.1", "port": 5432, "user": "postgres", "dbname": "test"}


def _datanet(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def _dbt_project(root: Path, project: dict, outputs: dict, profile_dir: Path | None = None) -> Path:
    """A small dbt project as `dbt init` users write them: a seed, staging and mart folders."""
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "raw_orders.csv").write_text(
        "id,customer,amount\n1,ann,10\n2,bob,20\n3,ann,5\n")
    (root / "transform" / "staging").mkdir(parents=True)
    (root / "transform" / "marts").mkdir(parents=True)
    (root / "transform" / "staging" / "stg_orders.sql").write_text(
        "select id as order_id, customer, amount * {{ var('rate') }} as amount "
        "from {{ ref('raw_orders') }} where amount >= {{ var('min_amount') }}")
    (root / "transform" / "marts" / "revenue.sql").write_text(
        "select customer, sum(amount) as revenue from {{ ref('stg_orders') }} group by 1")
    (root / "transform" / "marts" / "schema.yml").write_text(yaml.safe_dump({
        "version": 2, "models": [{"name": "revenue", "columns": [
            {"name": "customer", "data_tests": ["unique", "not_null"]}]}]}))
    (root / "dbt_project.yml").write_text(yaml.safe_dump({
        "name": "shop", "version": "1.0", "config-version": 2, "profile": "shop",
        "model-paths": ["transform"], "target-path": "target", "clean-targets": ["target"],
        "require-dbt-version": ">=1.5.0",
        "vars": {"rate": 2, "shop": {"min_amount": 6}},
        "models": {"shop": {"staging": {"+materialized": "view"},
                            "marts": {"materialized": "table"}}},
        **project}))
    (profile_dir or root).mkdir(parents=True, exist_ok=True)
    (profile_dir or root).joinpath("profiles.yml").write_text(yaml.safe_dump(
        {"shop": {"target": "dev", "outputs": outputs}}))
    return root


def test_a_dbt_project_builds_with_nothing_added(tmp_path: Path) -> None:
    root = _dbt_project(tmp_path / "shop", {}, {"dev": {"type": "duckdb", "path": "shop.duckdb",
                                                        "schema": "analytics", "threads": 2}})
    result = _datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert not (root / "datanet.yml").exists() and not (root / "targets.yml").exists()
    con = duckdb.connect(str(root / "shop.duckdb"), read_only=True)
    rows = con.execute("select customer, revenue from analytics.revenue order by 1").fetchall()
    assert rows == [("ann", 20), ("bob", 40)]  # vars: global rate 2, project-scoped min 6
    kinds = dict(con.execute("select table_name, table_type from information_schema.tables "
                             "where table_schema = 'analytics'").fetchall())
    assert kinds["stg_orders"] == "VIEW" and kinds["revenue"] == "BASE TABLE"


def test_keys_not_acted_on_are_named_in_a_warning(tmp_path: Path) -> None:
    root = _dbt_project(tmp_path / "shop", {"restrict-access": True, "quotng": {}},
                        {"dev": {"type": "duckdb", "path": "shop.duckdb"}})
    result = _datanet("compile", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert "dbt_project.yml:" in result.output
    assert "'restrict-access' is not supported by datanet yet" in result.output
    assert "unknown key 'quotng'" in result.output and "Did you mean 'quoting'" in result.output


def test_dbt_0x_path_names_are_read_as_dbt_1_9_reads_them(tmp_path: Path) -> None:
    """mrr-playbook's `source-paths` and `data-paths`: read as model- and seed-paths, with a
    warning to rename them; both names of one setting is refused, as dbt refuses it."""
    root = _dbt_project(tmp_path / "shop", {}, {"dev": {"type": "duckdb", "path": "shop.duckdb"}})
    (root / "seeds").rename(root / "data")
    project = yaml.safe_load((root / "dbt_project.yml").read_text())
    project["source-paths"] = project.pop("model-paths")
    project["data-paths"] = ["data"]
    (root / "dbt_project.yml").write_text(yaml.safe_dump(project))
    result = _datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert "'data-paths' is dbt's old name of 'seed-paths'" in result.output
    with duckdb.connect(str(root / "shop.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from main.raw_orders").fetchall() == [(3,)]
        assert con.execute("select count(*) from main.revenue").fetchall() == [(2,)]
    project["seed-paths"] = ["data"]
    (root / "dbt_project.yml").write_text(yaml.safe_dump(project))
    result = _datanet("compile", "--project-dir", root)
    assert result.exit_code == 1
    assert "'data-paths' and 'seed-paths' cannot both be defined" in result.output


def test_a_seed_described_under_models_gets_its_tests(tmp_path: Path) -> None:
    """mrr-playbook describes its seed under `models:`: dbt runs the tests there on the seed
    (they select from ref(name)); a test's own argument named like a config key
    (`partition_by`) is no config and is not warned about."""
    root = _dbt_project(tmp_path / "shop", {}, {"dev": {"type": "duckdb", "path": "shop.duckdb"}})
    (root / "macros").mkdir()
    (root / "macros" / "grouped.sql").write_text(
        "{% test grouped(model, column_name, partition_by) %}select * from {{ model }} "
        "where {{ column_name }} > 2 and {{ partition_by }} is not null{% endtest %}")
    (root / "transform" / "seeds.yml").write_text(yaml.safe_dump({"version": 2, "models": [{
        "name": "raw_orders", "data_tests": [{"grouped": {"column_name": "id",
                                                          "partition_by": "customer"}}],
        "columns": [{"name": "id", "data_tests": ["unique"]}]}]}))
    result = _datanet("build", "--project-dir", root)
    assert result.exit_code == 1  # id 3 > 2: the seed's own test fails, as under dbt
    assert "model 'raw_orders' is described under `models:` but is a seed" in result.output
    assert "FAIL  test grouped_raw_orders_id__customer" in result.output
    assert "PASS  test unique_raw_orders_id" in result.output
    assert "`partition_by` is accepted" not in result.output


def test_profiles_come_from_dbt_profiles_dir_and_the_target_flag(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "dotdbt"
    root = _dbt_project(tmp_path / "shop", {}, {
        "dev": {"type": "duckdb", "path": "dev.duckdb"},
        "ci": {"type": "duckdb", "path": "ci.duckdb"}}, profile_dir=elsewhere)
    monkeypatch.setenv("DBT_PROFILES_DIR", str(elsewhere))
    assert _datanet("run", "--project-dir", root, "--target", "ci").exit_code == 0
    assert (root / "ci.duckdb").exists() and not (root / "dev.duckdb").exists()
    (root / "ci.duckdb").unlink()
    monkeypatch.setenv("DBT_TARGET", "ci")  # dbt's variable for --target
    assert _datanet("run", "--project-dir", root).exit_code == 0
    assert (root / "ci.duckdb").exists() and not (root / "dev.duckdb").exists()


def test_a_missing_profile_names_the_file_and_the_profiles_it_has(tmp_path: Path) -> None:
    root = _dbt_project(tmp_path / "shop", {"profile": "shopp"},
                        {"dev": {"type": "duckdb"}})
    result = _datanet("compile", "--project-dir", root)
    assert result.exit_code == 1
    assert "profile 'shopp'" in result.output and "profiles.yml" in result.output
    assert "Did you mean 'shop'" in result.output


def test_an_output_datanet_cannot_run_is_a_clear_error(tmp_path: Path) -> None:
    root = _dbt_project(tmp_path / "shop", {}, {"dev": {"type": "sqlserver", "host": "x"}})
    result = _datanet("compile", "--project-dir", root)
    assert result.exit_code == 1 and "type 'sqlserver'" in result.output
    assert "Traceback" not in result.output


def test_dbt_outputs_map_to_datanet_targets() -> None:
    pg = to_datanet_target({"type": "postgres", "host": "db", "port": 5432, "user": "u",
                            "pass": "{{ env_var('PW') }}", "database": "d", "schema": "s",
                            "threads": 4}, Path("profiles.yml"), "dev")
    assert pg == {"type": "postgres", "host": "db", "port": 5432, "user": "u",
                  "password": "{{ env_var('PW') }}", "dbname": "d", "schema": "s", "threads": 4}
    bq = to_datanet_target({"type": "bigquery", "project": "p", "dataset": "marts"},
                           Path("profiles.yml"), "prod")
    assert bq["type"] == "bigquery" and bq["schema"] == "marts"
    assert to_datanet_target({"type": "spark", "method": "session", "schema": "x"},
                             Path("p"), "dev") == {"type": "spark", "schema": "x"}


def test_a_dbt_postgres_profile_builds_on_postgres(tmp_path: Path) -> None:
    import psycopg

    schema = f"dn_dbt_{uuid.uuid4().hex[:8]}"
    root = _dbt_project(tmp_path / "shop", {},
                        {"dev": {"type": "postgres", "schema": schema, "threads": 2,
                                 **PG_DSN_PARTS}})
    try:
        result = _datanet("build", "--project-dir", root)
        assert result.exit_code == 0, result.output
        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/test") as con:
            rows = con.execute(f'select customer, revenue from "{schema}".revenue '
                               "order by 1").fetchall()
        assert [(c, float(r)) for c, r in rows] == [("ann", 20.0), ("bob", 40.0)]
    finally:
        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/test", autocommit=True) as con:
            for name in con.execute("select nspname from pg_namespace where nspname like %s",
                                    (f"{schema}%",)).fetchall():
                con.execute(f'drop schema "{name[0]}" cascade')


def test_dbt_incremental_on_schema_change_is_accepted_and_warned(tmp_path: Path) -> None:
    """dbt's on_schema_change is about incremental tables, not healing: a dbt project that sets
    it loads, builds, and is told it has no effect yet."""
    root = _dbt_project(tmp_path / "shop", {"models": {"shop": {
        "+on_schema_change": "append_new_columns", "marts": {"materialized": "table"}}}},
        {"dev": {"type": "duckdb", "path": "shop.duckdb"}})
    result = _datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert "`+on_schema_change: append_new_columns` is accepted but has no effect yet " \
           "(dbt's schema changes of incremental tables" in result.output


def test_profile_keys_datanet_does_not_use_are_named(tmp_path: Path) -> None:
    root = _dbt_project(tmp_path / "shop", {}, {"dev": {
        "type": "duckdb", "path": "shop.duckdb", "extensions": ["httpfs"],
        "settings": {"s3_region": "x"}}})
    result = _datanet("compile", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert "output 'dev': extensions, settings not used by datanet (no effect)" in result.output


def test_property_yaml_under_test_and_macro_paths_is_read(tmp_path: Path) -> None:
    """dbt reads property YAML from every resource path: saas-finance-dbt-duckdb declares its
    models' data tests in `tests/*.yml` (here `test-paths: [checks]`), and packages keep macro
    docs in `macros/*.yml`. The tests run (and fail the build when their rows say so) and the
    model's description reaches the manifest."""
    root = _dbt_project(tmp_path / "shop", {"test-paths": ["checks"]},
                        {"dev": {"type": "duckdb", "path": "shop.duckdb"}})
    (root / "checks").mkdir()
    (root / "checks" / "stg_orders.yml").write_text(yaml.safe_dump({
        "version": 2, "models": [{"name": "stg_orders", "description": "from checks/",
                                  "columns": [{"name": "order_id", "tests": ["unique"]},
                                              {"name": "customer", "tests": [
                                                  {"accepted_values": {"values": ["ann"]}}]}]}]}))
    (root / "macros").mkdir()
    (root / "macros" / "m.sql").write_text("{% macro twice(x) %}{{ x }} * 2{% endmacro %}")
    (root / "macros" / "macros.yml").write_text(yaml.safe_dump({
        "version": 2, "macros": [{"name": "twice", "description": "doubles"}]}))
    result = _datanet("build", "--project-dir", root)
    assert result.exit_code == 1, result.output
    assert "PASS  test unique_stg_orders_order_id" in result.output
    assert "FAIL  test accepted_values_stg_orders_customer__ann" in result.output
    manifest = json.loads((root / "target" / "manifest.json").read_text())
    assert manifest["nodes"]["model.shop.stg_orders"]["description"] == "from checks/"
    assert manifest["nodes"]["model.shop.stg_orders"]["patch_path"] == \
        "shop://checks/stg_orders.yml"


def test_folder_config_fqn_and_path_start_inside_a_model_path_of_several_parts(
        tmp_path: Path) -> None:
    """octo_jaffle_shop keeps its models in `jaffle_shop/models`: dbt's fqn, `path` and folder
    config start inside that path (`staging`, not `models.staging`), so `staging:
    {materialized: view}` makes its staging models views and `-s staging` selects them."""
    root = _dbt_project(tmp_path / "shop", {"model-paths": ["sub/models"],
                                            "seed-paths": ["sub/seeds"]},
                        {"dev": {"type": "duckdb", "path": "shop.duckdb"}})
    (root / "sub").mkdir()
    (root / "transform").rename(root / "sub" / "models")
    (root / "seeds").rename(root / "sub" / "seeds")
    result = _datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    with duckdb.connect(str(root / "shop.duckdb"), read_only=True) as con:
        kinds = dict(con.execute("select table_name, table_type from information_schema.tables"
                                 " where table_schema = 'main'").fetchall())
        assert con.execute("select customer, revenue from main.revenue order by 1"
                           ).fetchall() == [("ann", 20), ("bob", 40)]
    assert (kinds["stg_orders"], kinds["revenue"], kinds["raw_orders"]) == (
        "VIEW", "BASE TABLE", "BASE TABLE")
    nodes = json.loads((root / "target" / "manifest.json").read_text())["nodes"]
    staged = nodes["model.shop.stg_orders"]
    assert (staged["fqn"], staged["path"], staged["original_file_path"]) == (
        ["shop", "staging", "stg_orders"], "staging/stg_orders.sql",
        "sub/models/staging/stg_orders.sql")
    assert nodes["seed.shop.raw_orders"]["fqn"] == ["shop", "raw_orders"]
    listed = _datanet("ls", "--project-dir", root, "-s", "staging", "--resource-type", "model")
    assert listed.exit_code == 0, listed.output
    assert "stg_orders" in listed.output and "revenue" not in listed.output


def test_home_dbt_profiles_and_the_profile_flag(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """~/.dbt/profiles.yml is read when neither $DBT_PROFILES_DIR nor the project has one;
    `--profile` (or DBT_PROFILE) picks another profile of it, as dbt's flag does, and
    `target.profile_name` says which; a profile it does not name is an error naming it."""
    home = tmp_path / "home"
    root = _dbt_project(tmp_path / "shop", {}, {"dev": {"type": "duckdb", "path": "shop.duckdb"}},
                        profile_dir=home / ".dbt")
    (root / "transform" / "marts" / "who.sql").write_text(
        "select '{{ target.profile_name }}' as profile")
    profiles = yaml.safe_load((home / ".dbt" / "profiles.yml").read_text())
    profiles["other"] = {"target": "ci", "outputs": {"ci": {"type": "duckdb",
                                                            "path": "other.duckdb"}}}
    (home / ".dbt" / "profiles.yml").write_text(yaml.safe_dump(profiles))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("DBT_PROFILES_DIR", raising=False)
    monkeypatch.delenv("DBT_PROFILE", raising=False)
    assert _datanet("run", "--project-dir", root).exit_code == 0
    assert _datanet("run", "--project-dir", root, "--profile", "other").exit_code == 0
    for db, profile in (("shop.duckdb", "shop"), ("other.duckdb", "other")):
        with duckdb.connect(str(root / db), read_only=True) as con:
            assert con.execute("select profile from main.who").fetchall() == [(profile,)]
    monkeypatch.setenv("DBT_PROFILE", "shopp")
    result = _datanet("compile", "--project-dir", root)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "profile 'shopp' (given by --profile) is not in" in result.output
    assert "Did you mean 'shop'" in result.output
    monkeypatch.delenv("DBT_PROFILE")
    (root / "targets.yml").write_text(yaml.safe_dump({"dev": {"type": "duckdb"}}))
    result = _datanet("compile", "--project-dir", root, "--profile", "other")
    assert result.exit_code == 1
    assert "--profile other picks a profile of dbt's profiles.yml, but this project's " \
           "targets come from targets.yml" in result.output


def test_mistakes_in_a_profile_output_name_profiles_yml_and_its_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bad setting, an unset env_var() and an unknown --target of a dbt profile are errors
    naming profiles.yml (never targets.yml, which the project does not have), no traceback;
    a set env_var() is filled in and builds."""
    root = _dbt_project(tmp_path / "shop", {}, {"dev": {
        "type": "duckdb", "path": "{{ env_var('SHOP_DB') }}", "threads": "lots",
        "schema": "{{ env_var('SHOP_SCHEMA', 'analytics') }}"}})
    monkeypatch.delenv("SHOP_DB", raising=False)
    monkeypatch.delenv("DBT_PROFILES_DIR", raising=False)
    result = _datanet("compile", "--project-dir", root)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "profiles.yml: environment variable 'SHOP_DB' is not set" in result.output
    monkeypatch.setenv("SHOP_DB", "env.duckdb")
    result = _datanet("compile", "--project-dir", root)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "profiles.yml:6: shop.outputs.dev.threads: Input should be a valid integer" \
        in result.output
    result = _datanet("compile", "--project-dir", root, "--target", "prd")
    assert "profiles.yml: target 'prd' is not an output of profile 'shop'" in result.output
    profiles = yaml.safe_load((root / "profiles.yml").read_text())
    profiles["shop"]["outputs"]["dev"]["threads"] = 2
    (root / "profiles.yml").write_text(yaml.safe_dump(profiles))
    assert _datanet("build", "--project-dir", root).exit_code == 0
    with duckdb.connect(str(root / "env.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from analytics.revenue").fetchall() == [(2,)]


def test_datanet_yml_beside_dbt_project_yml_replaces_only_the_keys_it_sets(
        tmp_path: Path) -> None:
    """dbt_project.yml's vars and folder config stay; datanet.yml's `models:` replaces the
    translated one whole; with no targets.yml, profiles.yml's output is the target."""
    root = _dbt_project(tmp_path / "shop", {}, {"dev": {"type": "duckdb", "path": "shop.duckdb",
                                                        "schema": "analytics"}})
    (root / "datanet.yml").write_text(yaml.safe_dump({"models": {"shop": {
        "staging": {"+materialized": "table"}, "marts": {"+materialized": "view"}}}}))
    result = _datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert not (root / "targets.yml").exists()
    with duckdb.connect(str(root / "shop.duckdb"), read_only=True) as con:
        revenue = con.execute("select customer, revenue from analytics.revenue order by 1")
        assert revenue.fetchall() == [("ann", 20), ("bob", 40)]  # dbt_project.yml's vars
        kinds = dict(con.execute("select table_name, table_type from information_schema.tables"
                                 " where table_schema = 'analytics'").fetchall())
    assert kinds["stg_orders"] == "BASE TABLE" and kinds["revenue"] == "VIEW"  # datanet.yml's


def test_a_project_name_clash_between_the_two_files_is_refused(tmp_path: Path) -> None:
    root = _dbt_project(tmp_path / "shop", {}, {"dev": {"type": "duckdb", "path": "shop.duckdb"}})
    (root / "datanet.yml").write_text(yaml.safe_dump({"name": "store", "vars": {"rate": 1}}))
    result = _datanet("compile", "--project-dir", root)
    assert result.exit_code != 0
    assert "datanet.yml" in result.output and "'store'" in result.output
    assert "dbt_project.yml 'shop'" in result.output and "Traceback" not in result.output


def test_with_targets_yml_beside_both_no_profiles_yml_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """targets.yml wins whole: a profiles.yml without the project's profile (another
    project's, in $DBT_PROFILES_DIR) is not read."""
    root = _dbt_project(tmp_path / "shop", {}, {"dev": {"type": "duckdb", "path": "shop.duckdb"}},
                        profile_dir=tmp_path / "elsewhere")
    (tmp_path / "elsewhere" / "profiles.yml").write_text(yaml.safe_dump({"other": {}}))
    monkeypatch.setenv("DBT_PROFILES_DIR", str(tmp_path / "elsewhere"))
    (root / "datanet.yml").write_text(yaml.safe_dump({"target": "local"}))
    (root / "targets.yml").write_text(yaml.safe_dump({"local": {"type": "duckdb",
                                                                "path": "local.duckdb"}}))
    result = _datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    with duckdb.connect(str(root / "local.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from main.revenue").fetchall() == [(2,)]
