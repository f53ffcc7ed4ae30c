"""dbt's analyses (issue 14): `analyses/*.sql` of the project and its packages are rendered,
their refs and sources resolved, into the compiled output; listed and selectable by `ls` as
resource type analysis; never run by `build` or `run`."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
from hooks_helpers import datanet, dbt_project

FILES = {
    "seeds/codes.csv": "id,code\n1,a\n2,b\n",
    "models/orders.sql": "select id, code from {{ ref('codes') }}",
    "models/quick.sql": "{{ config(materialized='ephemeral') }} select 1 as id",
    "analyses/top_codes.sql":
        "select code, count(*) as n from {{ ref('orders') }} where id >= {{ var('min_id', 1) }}"
        " group by code",
    "analyses/sub/raw_rows.sql": "select * from {{ ref('codes') }} -- any SQL: not parsed",
    "analyses/schema.yml": "version: 2\nanalyses:\n  - name: top_codes\n"
                           "    description: codes by orders\n    config: {tags: [report]}\n",
    "dbt_packages/pkg/dbt_project.yml": "name: pkg\nversion: '1.0'\nconfig-version: 2\n",
    "dbt_packages/pkg/analyses/pkg_check.sql": "select count(*) from {{ ref('orders') }}",
}


def _compiled(root: Path, name: str) -> str:
    return (root / ".datanet" / "compiled" / "dev" / "analyses" / f"{name}.sql").read_text()


def test_analyses_are_compiled_listed_and_never_run(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", FILES)
    compiled = datanet("compile", "--project-dir", root, "--vars", "{min_id: 2}")
    assert compiled.exit_code == 0, compiled.output
    assert _compiled(root, "top_codes") == ('select code, count(*) as n from "main"."orders" '
                                            'where id >= 2 group by code')
    assert _compiled(root, "raw_rows") == 'select * from "main"."codes" -- any SQL: not parsed'
    assert _compiled(root, "pkg_check") == 'select count(*) from "main"."orders"'
    listed = datanet("ls", "--project-dir", root, "--resource-type", "analysis",
                     "--output", "name")
    assert listed.exit_code == 0 and sorted(listed.output.split()) == ["pkg_check", "raw_rows",
                                                                       "top_codes"]
    tagged = datanet("ls", "--project-dir", root, "-s", "tag:report", "--output", "name",
                     "--resource-type", "all")
    assert tagged.output.split() == ["top_codes"]
    # as dbt's ls: analyses are listed only when asked for by kind (`analysis` or `all`)
    assert datanet("ls", "--project-dir", root, "-s", "tag:report", "--output", "name"
                   ).output.strip() == ""
    default = datanet("ls", "--project-dir", root, "--output", "name").output.split()
    assert sorted(default) == ["codes", "orders", "quick"]
    manifest = json.loads((root / "target" / "manifest.json").read_text())
    node = manifest["nodes"]["analysis.shop.top_codes"]
    assert (node["resource_type"], node["fqn"], node["description"]) == (
        "analysis", ["shop", "analysis", "top_codes"], "codes by orders")
    assert node["depends_on"]["nodes"] == ["model.shop.orders"]
    assert manifest["nodes"]["analysis.pkg.pkg_check"]["package_name"] == "pkg"
    built = datanet("build", "--project-dir", root)
    assert built.exit_code == 0, built.output
    results = json.loads((root / "target" / "run_results.json").read_text())["results"]
    assert not [r for r in results if r["unique_id"].startswith("analysis.")]
    with duckdb.connect(str(root / "wh.duckdb"), read_only=True) as con:
        tables = {row[0] for row in con.execute("select table_name from information_schema"
                                                ".tables").fetchall()}
    assert tables == {"codes", "orders"}


def test_an_analysis_that_cannot_compile_fails_alone(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", {
        **FILES,
        "analyses/on_ephemeral.sql": "select * from {{ ref('quick') }}",
        "analyses/missing.sql": "select * from {{ ref('nowhere') }}"})
    built = datanet("build", "--project-dir", root)
    assert built.exit_code == 0, built.output  # the models build; analyses are not run
    compiled = datanet("compile", "--project-dir", root)
    assert compiled.exit_code != 0 and "Traceback" not in compiled.output
    assert "analyses/on_ephemeral.sql" in compiled.output
    assert "reads the ephemeral model 'quick'" in compiled.output
    assert "ref('nowhere'), which does not exist" in compiled.output
