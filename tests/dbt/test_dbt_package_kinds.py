"""An installed package's nodes beyond its models, and what reaches them: dbt reads a package's
seeds, snapshots and singular tests from its own paths, gives its nodes the vars the project
scopes to it, and resolves `dbt.X` through the project's `dispatch:` search order.

Each test writes a small dbt project with a package in `dbt_packages/` and builds it on DuckDB.
"""

from __future__ import annotations

import json
from pathlib import Path

from dbt_jinja_helpers import build, dbt_project, rows

PACKAGE_PROJECT = """name: pkg
version: '1.0'
config-version: 2
seed-paths: [data]
snapshot-paths: [snaps]
test-paths: [checks]
seeds:
  pkg:
    +column_types: {code: varchar}
    skipped: {+enabled: false}
"""

PACKAGE_FILES = {
    "dbt_packages/pkg/dbt_project.yml": PACKAGE_PROJECT,
    "dbt_packages/pkg/macros/label.sql": "{% macro label() %}from pkg{% endmacro %}",
    "dbt_packages/pkg/data/pkg_codes.csv": "id,code\n1,007\n2,042\n",
    "dbt_packages/pkg/data/skipped.csv": "id\n1\n",
    "dbt_packages/pkg/data/seeds.yml":
        "version: 2\nseeds:\n  - name: pkg_codes\n    description: codes of the package\n"
        "    columns:\n      - name: id\n        data_tests: [unique]\n",
    "dbt_packages/pkg/snaps/codes_snapshot.sql":
        "{% snapshot codes_snapshot %}\n{{ config(unique_key='id', strategy='check', "
        "check_cols=['code']) }}\nselect *, '{{ label() }}' as label "
        "from {{ ref('pkg_codes') }}\n{% endsnapshot %}\n",
    "dbt_packages/pkg/checks/codes_are_padded.sql":
        "select * from {{ ref('pkg_codes') }} where length(code) <> 3",
    "dbt_packages/pkg/checks/generic/ignored.sql":
        "{% test ignored(model) %}select 1{% endtest %}",
    "models/reads_pkg.sql": "select id, code from {{ ref('pkg_codes') }}",
}


def test_a_packages_seeds_snapshots_and_singular_tests_are_built(tmp_path: Path) -> None:
    """From the package's own `seed-paths`, `snapshot-paths` and `test-paths`, with its
    `seeds:` folder config (a column type, a disabled seed) and the YAML beside its seeds;
    the package's snapshot calls the package's macro; ids and paths are dbt's."""
    root = dbt_project(tmp_path / "p", PACKAGE_FILES)
    result = build(root)
    assert result.exit_code == 0, result.output
    assert rows(root, "select id, code from main.reads_pkg order by id") == [(1, "007"),
                                                                           (2, "042")]
    assert rows(root, "select id, code, label from main.codes_snapshot order by id") == [
        (1, "007", "from pkg"), (2, "042", "from pkg")]
    assert "PASS  test codes_are_padded" in result.output
    assert "PASS  test unique_pkg_codes_id" in result.output
    assert rows(root, "select count(*) from information_schema.tables "
                      "where table_name = 'skipped'") == [(0,)]
    nodes = json.loads((root / "target/manifest.json").read_text())["nodes"]
    seed = nodes["seed.pkg.pkg_codes"]
    assert (seed["package_name"], seed["original_file_path"], seed["description"]) == (
        "pkg", "data/pkg_codes.csv", "codes of the package")
    assert nodes["snapshot.pkg.codes_snapshot"]["package_name"] == "pkg"
    assert nodes["test.pkg.codes_are_padded"]["original_file_path"] == \
        "checks/codes_are_padded.sql"
    # a test declared in the package's YAML is the package's (dbt-core 1.9 gives this id),
    # so `package:` selection leaves it with the package's nodes
    assert nodes["test.pkg.unique_pkg_codes_id.edf23c45f1"]["package_name"] == "pkg"
    only_project = build(root, "-s", "package:this")
    assert "unique_pkg_codes_id" not in only_project.output


def test_the_projects_config_for_a_package_wins_over_the_packages_own(tmp_path: Path) -> None:
    """`seeds: {pkg: ...}` and `data_tests: {pkg: ...}` in the project's dbt_project.yml
    override the package's defaults, as they do for its models; a failing package test
    fails the build naming the test."""
    files = {**PACKAGE_FILES, "dbt_packages/pkg/data/pkg_codes.csv": "id,code\n1,7\n"}
    root = dbt_project(tmp_path / "p", files, {
        "seeds": {"pkg": {"skipped": {"+enabled": True}}}})
    result = build(root)
    assert result.exit_code == 1
    assert "FAIL  test codes_are_padded" in result.output
    assert rows(root, "select * from main.skipped") == [(1,)]
    root = dbt_project(tmp_path / "q", files, {"data_tests": {"pkg": {"+enabled": False}}})
    result = build(root)
    assert result.exit_code == 0, result.output
    assert "codes_are_padded" not in result.output


def test_an_unknown_key_in_a_packages_yaml_warns_the_same_key_in_the_projects_refuses(
        tmp_path: Path) -> None:
    """dbt 1.9 ignores a key it does not know in an installed package's YAML
    (dbt_project_evaluator 0.8.0's `descritption:`): the build goes on, one warning per file
    and key names both, the entry's other keys still apply; in the project's own YAML the same
    typo stays refused at its line. Column and config keys alike."""
    typo = ("version: 2\nmodels:\n  - name: pkg_model\n    descritption: typo\n"
            "    description: kept\n    columns:\n      - name: id\n        data_tests: [unique]"
            "\n        data_typ: int\n  - name: other\n    descritption: twice\n"
            "    config: {materalized: table}\n")
    files = {"dbt_packages/pkg/dbt_project.yml": "name: pkg\nversion: '1.0'\n",
             "dbt_packages/pkg/models/pkg_model.sql": "select 1 as id",
             "dbt_packages/pkg/models/other.sql": "select 2 as id",
             "dbt_packages/pkg/models/dag.yml": typo,
             "models/reads_pkg.sql": "select id from {{ ref('pkg_model') }}"}
    root = dbt_project(tmp_path / "p", files)
    result = build(root)
    assert result.exit_code == 0, result.output
    assert rows(root, "select id from main.reads_pkg") == [(1,)]
    assert "PASS  test unique_pkg_model_id" in result.output
    warned = [line for line in result.output.splitlines() if "descritption" in line]
    assert len(warned) == 1, result.output
    assert "dbt_packages/pkg/models/dag.yml:4: model 'pkg_model': unknown key 'descritption'" \
        in warned[0] and "Did you mean 'description'" in warned[0]
    assert "installed package's YAML" in warned[0]
    assert "dbt_packages/pkg/models/dag.yml:9: `data_typ` of column 'id'" in result.output
    assert "dbt_packages/pkg/models/dag.yml:12: `materalized` is not a config key" \
        in result.output  # a config key's typo too: kept, as dbt keeps it
    node = json.loads((root / "target/manifest.json").read_text())["nodes"]["model.pkg.pkg_model"]
    assert node["description"] == "kept"
    own = dbt_project(tmp_path / "q", {"models/m.sql": "select 1 as id",
                                       "models/m.yml": typo.replace("pkg_model", "m")})
    refused = build(own)
    assert refused.exit_code != 0
    assert "models/m.yml:4: model 'm': unknown key 'descritption'" in refused.output


VARS_FILES = {
    "dbt_packages/pkg/dbt_project.yml":
        "name: pkg\nversion: '1.0'\nvars:\n  level: package default\n  only_pkg: pkg own\n"
        "  shared: package default\n",
    "dbt_packages/pkg/macros/level_of.sql":
        "{% macro level_of() %}{{ var('level', 'unset') }}{% endmacro %}",
    "dbt_packages/pkg/models/pkg_vars.sql":
        "select '{{ var('level') }}' as level, '{{ var('only_pkg') }}' as only_pkg, "
        "'{{ var('shared') }}' as shared, '{{ level_of() }}' as via_macro",
    "models/root_vars.sql":
        "select '{{ var('level', 'unset') }}' as level, '{{ var('shared') }}' as shared, "
        "'{{ pkg.level_of() }}' as via_macro",
}


def test_vars_scoped_to_a_package_reach_its_nodes_only(tmp_path: Path) -> None:
    """dbt's order for a package's node: the package's own vars < the project's global vars
    < the project's `vars: {pkg: {...}}` < --vars; the project's nodes never see the vars
    scoped to the package, even through the package's macro."""
    root = dbt_project(tmp_path / "p", VARS_FILES, {"vars": {
        "shared": "project global", "pkg": {"level": "project for pkg"}}})
    result = build(root)
    assert result.exit_code == 0, result.output
    assert rows(root, "select * from main.pkg_vars") == [
        ("project for pkg", "pkg own", "project global", "project for pkg")]
    assert rows(root, "select * from main.root_vars") == [
        ("unset", "project global", "unset")]
    result = build(root, "--vars", "{level: from the command line}")
    assert result.exit_code == 0, result.output
    assert rows(root, "select level from main.pkg_vars") == [("from the command line",)]


REF_VAR_FILES = {
    "dbt_packages/ads/dbt_project.yml":
        "name: ads\nversion: '1.0'\nconfig-version: 2\n"
        "vars:\n  ads:\n    ad_history: \"{{ ref('stg_ads') }}\"\n",
    "dbt_packages/ads/models/stg_ads_tmp.sql": "select 1 as id, true as is_latest",
    # its columns are asked of the warehouse: rendered once its parent is built
    "dbt_packages/ads/models/stg_ads.sql":
        "select {% for c in adapter.get_columns_in_relation(ref('stg_ads_tmp')) %}"
        "{{ c.name }}{{ ',' if not loop.last }} {% endfor %} from {{ ref('stg_ads_tmp') }}",
    "dbt_packages/ads/models/ads_report.sql":
        "select id from {{ var('ad_history') }} where is_latest",
}


def test_a_ref_in_a_packages_var_is_a_dependency_of_the_nodes_reading_it(
        tmp_path: Path) -> None:
    """Fivetran's packages name their staging models in vars (`ad_history: "{{
    ref('stg_tiktok_ads__ad_history') }}"`): dbt renders a var where var() reads it, so the
    reader depends on the ref'd model and is built after it."""
    root = dbt_project(tmp_path / "p", REF_VAR_FILES)
    result = build(root)
    assert result.exit_code == 0, result.output
    assert rows(root, "select * from main.ads_report") == [(1,)]
    manifest = json.loads((root / "target" / "manifest.json").read_text())
    assert manifest["nodes"]["model.ads.ads_report"]["depends_on"]["nodes"] == \
        ["model.ads.stg_ads"]


DISPATCH_FILES = {
    "dbt_packages/shim/dbt_project.yml": "name: shim\nversion: '1.0'\n",
    "dbt_packages/shim/macros/listagg.sql":
        "{% macro duckdb__listagg(measure, delimiter_text, order_by_clause, limit_num) %}"
        "max('shim listagg'){% endmacro %}",
    "models/agg.sql":
        "select {{ dbt.listagg('v', \"'-'\") }} as qualified, {{ listagg('v', \"'-'\") }} "
        "as unqualified, {{ dbt.dateadd('day', 1, \"date '2024-01-01'\") }} as next_day "
        "from (values ('a'), ('b')) t(v)",
}


def test_dbt_macros_called_as_dbt_x_go_through_dispatch(tmp_path: Path) -> None:
    """`dbt.listagg(...)` is dbt's `adapter.dispatch('listagg', 'dbt')`: with a `dispatch:`
    search order for the `dbt` namespace a package's `duckdb__listagg` wins, unqualified
    calls too; without it (and for macros no one overrides) datanet's own SQL runs."""
    dispatch = {"dispatch": [{"macro_namespace": "dbt",
                              "search_order": ["shop", "shim", "dbt"]}]}
    root = dbt_project(tmp_path / "p", DISPATCH_FILES, dispatch)
    result = build(root)
    assert result.exit_code == 0, result.output
    assert rows(root, "select qualified, unqualified, next_day::date::varchar "
                      "from main.agg") == [("shim listagg", "shim listagg", "2024-01-02")]
    root = dbt_project(tmp_path / "q", DISPATCH_FILES)
    result = build(root)
    assert result.exit_code == 0, result.output
    assert sorted(rows(root, "select qualified, unqualified from main.agg")[0][0].split("-")) \
        == ["a", "b"]


def test_the_projects_own_dbt_macro_implementation_wins(tmp_path: Path) -> None:
    """Without any `dispatch:` config, a project's `duckdb__dateadd` is what `dbt.dateadd`
    and `adapter.dispatch('dateadd', 'dbt')` run, as in dbt."""
    root = dbt_project(tmp_path / "p", {
        "macros/dateadd.sql": "{% macro duckdb__dateadd(datepart, interval, from_date_or_"
                              "timestamp) %}'own dateadd'{% endmacro %}",
        "models/m.sql": "select {{ dbt.dateadd('day', 1, 'x') }} as a, "
                        "{{ adapter.dispatch('dateadd', 'dbt')('day', 1, 'x') }} as b"})
    result = build(root)
    assert result.exit_code == 0, result.output
    assert rows(root, "select a, b from main.m") == [("own dateadd", "own dateadd")]


GRAPH_FILES = {
    "dbt_packages/pkg/dbt_project.yml": "name: pkg\nversion: '1.0'\n",
    "dbt_packages/pkg/macros/helpers.sql":
        "{% macro label() %}'x'{% endmacro %}{% macro check(m) %}{% endmacro %}"
        "{% macro audit() %}select 1{% endmacro %}",
    "macros/test_positive.sql":
        "{% test positive(model, column_name) %}select * from {{ model }} "
        "where {{ column_name }} <= 0{% endtest %}",
    "models/m.sql":
        "{{ config(post_hook=\"{{ pkg.audit() }}\") }}\n"
        "{% if execute %}{{ pkg.check(model) }}{% endif %}\n"
        "select 1 as id, {{ pkg.label() }} as label, cast(1 as {{ dbt.type_int() }}) as n",
    "models/described_sources.sql":
        "{% set rows = [] %}{% for s in graph.sources.values() %}"
        "{% do rows.append(\"select '\" ~ s.name ~ \"' as name, '\" ~ s.source_description ~ "
        "\"' as source_description, '\" ~ s.loader ~ \"' as loader\") %}{% endfor %}"
        "{{ rows | join(' union all ') }}",
    "models/schema.yml": """version: 2
sources:
  - name: raw
    description: the raw layer
    loader: fivetran
    meta: {owner: ana}
    tables: [{name: t}]
models:
  - name: m
    columns:
      - name: id
        constraints: [{type: not_null}]
        data_tests: [unique, not_null, positive, {accepted_values: {values: [1]}}]
exposures:
  - name: report
    type: dashboard
    owner: {name: ana}
    depends_on: [ref('m'), ref('m')]
""",
}


def test_the_graph_holds_dbts_macro_dependencies_test_schemas_and_sources(
        tmp_path: Path) -> None:
    """What dbt-project-evaluator derives its tables from: a node's `depends_on.macros` lists
    the macros its own template calls at parse (not those in `{% if execute %}`), `dbt.*`
    ones included, its hooks' last; a generic test's are its test macro's; a test's schema
    is `<schema>_dbt_test__audit`; a source carries its source's description, loader and
    meta; an exposure lists a parent once; a column constraint has every dbt field."""
    root = dbt_project(tmp_path / "p", GRAPH_FILES)
    result = build(root, "-s", "m", "described_sources")
    assert result.exit_code == 0, result.output
    assert rows(root, "select * from main.described_sources") == [
        ("t", "the raw layer", "fivetran")]
    manifest = json.loads((root / "target/manifest.json").read_text())
    nodes = manifest["nodes"]
    assert nodes["model.shop.m"]["depends_on"]["macros"] == [
        "macro.pkg.label", "macro.dbt.type_int", "macro.pkg.audit"]
    tests = {n["test_metadata"]["name"]: n for n in nodes.values()
             if n["resource_type"] == "test"}
    assert {name: t["depends_on"]["macros"] for name, t in tests.items()} == {
        "unique": ["macro.dbt.test_unique"], "not_null": ["macro.dbt.test_not_null"],
        "positive": ["macro.shop.test_positive", "macro.dbt.get_where_subquery"],
        "accepted_values": ["macro.dbt.test_accepted_values", "macro.dbt.get_where_subquery"]}
    assert {t["schema"] for t in tests.values()} == {"main_dbt_test__audit"}
    source = manifest["sources"]["source.shop.raw.t"]
    assert (source["source_description"], source["loader"], source["source_meta"]) == (
        "the raw layer", "fivetran", {"owner": "ana"})
    assert manifest["exposures"]["exposure.shop.report"]["depends_on"]["nodes"] == [
        "model.shop.m"]
    assert nodes["model.shop.m"]["columns"]["id"]["constraints"] == [{
        "type": "not_null", "name": None, "expression": None, "warn_unenforced": True,
        "warn_unsupported": True, "to": None, "to_columns": []}]
