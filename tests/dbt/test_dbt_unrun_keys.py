"""Every dbt key datanet accepts either works or warns once, naming the file and the key: the
list of those that warn today, written into one dbt project (config in dbt_project.yml, a
model's YAML and `config()`, YAML properties of columns and sources)."""

from __future__ import annotations

from pathlib import Path

import duckdb
from dbt_project_helpers import datanet, dbt_project

from datanet_sql.config.model_config import NOT_RUN
from datanet_sql.config.unrun import NOT_RUN_PROPERTIES

# config keys that warn (NOT_RUN), each written once somewhere
CONFIG_IN_SQL = ["partition_by", "cluster_by", "indexes", "file_format", "transient"]
CONFIG_IN_YAML = sorted(set(NOT_RUN) - set(CONFIG_IN_SQL) - {"database"})
# YAML properties that warn, and where they are written
PROPERTIES = ["quote", "policy_tags", "quoting", "overrides", "external"]
PROJECT_KEYS = ["restrict-access", "sources"]  # top-level keys of dbt_project.yml


def test_every_accepted_key_without_effect_warns_once_naming_file_and_key(
        tmp_path: Path) -> None:
    assert set(NOT_RUN) == {*CONFIG_IN_SQL, *CONFIG_IN_YAML, "database"}  # the whole list
    assert {k for kinds in NOT_RUN_PROPERTIES.values() for k in kinds} == set(PROPERTIES)
    sql_config = ", ".join(f"{key}='x'" for key in CONFIG_IN_SQL)
    root = dbt_project(tmp_path / "p", {
        "models/m.sql": f"{{{{ config({sql_config}) }}}}\nselect 1 as id",
        "models/m.yml": {
            "models": [{"name": "m", "config": {key: "x" for key in CONFIG_IN_YAML},
                        "columns": [{"name": "id", "quote": True, "policy_tags": ["pii"]}]}],
            "sources": [{"name": "raw", "database": "other", "quoting": {"identifier": True},
                         "overrides": "a_package", "tables": [
                             {"name": "t", "external": {"location": "s3://x"},
                              "quoting": {"identifier": True}}]}]},
    })
    project = (root / "dbt_project.yml").read_text()
    (root / "dbt_project.yml").write_text(
        project + "quoting: {identifier: true}\nrestrict-access: true\n"
                  "sources: {p: {+enabled: true}}\n")
    with duckdb.connect(str(root / "p.duckdb")) as con:
        con.execute("create schema raw; create table raw.t (id int)")
    result = datanet(root, "compile")
    assert result.exit_code == 0, result.output
    warnings = [w for w in result.stderr.splitlines() if w.startswith("warning:")]
    expected = [f"models/m.sql: `{key}`" for key in CONFIG_IN_SQL]
    expected += [f"models/m.yml: `{key}`"  # `quoting`, config and property: said once
                 for key in sorted({*CONFIG_IN_YAML, "database", *PROPERTIES})]
    expected += [f"dbt_project.yml:{line}: '{key}'"
                 for line, key in enumerate(PROJECT_KEYS, start=5)]  # line 4: quoting, read
    for fragment in expected:
        assert sum(fragment in w for w in warnings) == 1, (fragment, warnings)
    assert len(warnings) == len(expected), warnings


def test_warn_unsupported_and_warn_unenforced_silence_their_own_case(tmp_path: Path) -> None:
    """dbt's two switches: `warn_unsupported` where nothing can hold the constraint (a view),
    `warn_unenforced` where the engine has constraints but not this kind (`custom`)."""
    def model(name: str, materialized: str, **switch: bool) -> dict[str, object]:
        return {"name": name, "config": {"materialized": materialized,
                                         "contract": {"enforced": True}},
                "columns": [{"name": "id", "data_type": "int", "constraints": [
                    {"type": "custom", "expression": "masking policy p", **switch}]}]}

    root = dbt_project(tmp_path / "p", {
        **{f"models/{n}.sql": "select 1 as id" for n in ("v1", "v2", "t1", "t2")},
        "models/m.yml": {"models": [model("v1", "view", warn_unsupported=False),
                                    model("v2", "view", warn_unenforced=False),
                                    model("t1", "table", warn_unenforced=False),
                                    model("t2", "table", warn_unsupported=False)]}})
    warnings = [w for w in datanet(root, "compile").stderr.splitlines() if "constraint" in w]
    assert sorted(w.split("'")[1] for w in warnings) == ["t2", "v2"], warnings
