"""Nothing silently accepted: misspelled config keys and bad values, duplicate YAML keys, alias
bombs, non-UTF-8 files, loose declarative blocks, and dbt keys that are not run yet (warned).

Each goes through the CLI (click's CliRunner) on a small project with a real DuckDB target.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from compile_helpers import assert_cli_error, run_cli, write_project

OK = "select order_id, amount from {{ source('raw', 'orders') }}\n"
FROM = "    from: source('raw', 'orders')\n"


def compile_error(tmp_path: Path, files: dict[str, str], *fragments: str) -> str:
    root = write_project(tmp_path / "p", files)
    return assert_cli_error(run_cli("compile", "--project-dir", root), *fragments)


# item 11: misspelled keys, with did-you-mean, file and line -----------------------------------

def test_source_config(tmp_path: Path) -> None:
    raw = "sources:\n  - name: raw\n    config: {%s}\n    tables:\n      - name: orders\n" \
          "        path: data/orders.csv\n"
    compile_error(tmp_path / "a", {"sources/raw.yml": raw % "enabeld: false"},
                  "Error: sources/raw.yml:3: unknown source config key 'enabeld'. "
                  "Did you mean 'enabled'?")
    root = write_project(tmp_path / "b", {"sources/raw.yml": raw % "enabled: false, meta: {}"})
    result = run_cli("compile", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert result.stderr == ("warning: sources/raw.yml: `enabled` is accepted but has no effect "
                             "yet (a source's `config:`: not implemented)\n")
    read = write_project(tmp_path / "c", {"sources/raw.yml": raw % (
        "loaded_at_field: loaded_at, freshness: {warn_after: {count: 1, period: hour}}")})
    result = run_cli("compile", "--project-dir", read)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # read as the top-level keys are: no "no effect" warning
    manifest = json.loads((read / ".datanet" / "manifest.json").read_text())
    source = manifest["nodes"]["source.raw.orders"]
    assert source["config"]["loaded_at_field"] == "loaded_at"
    assert source["config"]["freshness"] == {"warn_after": {"count": 1, "period": "hour"}}


def test_quoting_in_datanet_yml_is_checked(tmp_path: Path) -> None:
    """`quoting:` is read from datanet.yml as from dbt_project.yml, so a misspelt part is
    refused at its line instead of being kept and never read."""
    compile_error(tmp_path, {"datanet.yml": "name: t\nquoting: {identifer: false}\n",
                             "models/m.sql": OK},
                  "datanet.yml:2: quoting.identifer", "Did you mean 'identifier'?")


def test_options_of_a_file_read_in_place_warn(tmp_path: Path) -> None:
    """A JSON file read in place (no `load:`) takes no reader options: they are named, with the
    way to have them read, instead of being dropped without a word."""
    raw = ("sources:\n  - name: raw\n    tables:\n      - name: events\n"
           "        path: data/events.ndjson\n        options: %s\n%s")
    files = {"data/events.ndjson": '{"id": 1}\n',
             "models/m.sql": "select id from {{ source('raw', 'events') }}\n"}
    root = write_project(tmp_path / "a", {**files, "sources/raw.yml": raw % (
        "{encoding: latin-1, max_object_size: 1MB}", "")})
    result = run_cli("compile", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert result.stderr == ("warning: sources/raw.yml:4: source table 'raw.events': options "
                             "(encoding, max_object_size) have no effect on a json file read "
                             "in place; add `load:` to ingest it with them\n")
    loaded = write_project(tmp_path / "b", {**files, "sources/raw.yml": raw % (
        "{encoding: latin-1}", "        load: {mode: replace}\n")})
    result = run_cli("build", "--project-dir", loaded)   # loaded, then compiled
    assert result.exit_code == 0, result.output
    assert "have no effect" not in result.stderr


def test_options_a_sqlite_table_does_not_read_warn(tmp_path: Path) -> None:
    """A SQLite table's reader takes `encoding` alone (its text in a legacy encoding): a
    CSV's options left on a source moved to SQLite are named, not dropped in silence."""
    import sqlite3

    root = write_project(tmp_path, {
        "sources/raw.yml": "sources:\n  - name: raw\n    tables:\n      - name: orders\n"
                           "        format: sqlite\n        path: shop.db\n"
                           "        source_table: orders\n        load: {mode: replace}\n"
                           "        options: {delimiter: ';', encoding: cp1252}\n",
        "models/m.sql": "select id from {{ source('raw', 'orders') }}\n"})
    with sqlite3.connect(root / "shop.db") as db:
        db.execute("create table orders (id integer)")
        db.execute("insert into orders values (1)")
    result = run_cli("compile", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert result.stderr == ("warning: sources/raw.yml:4: source table 'raw.orders': options "
                             "(delimiter) have no effect on a sqlite table (the options it "
                             "takes: encoding)\n")


@pytest.mark.parametrize("files, message", [
    ({"datanet.yml": "name: t\nmodels:\n  t:\n    +materalized: table\n", "models/m.sql": OK},
     "datanet.yml:4: unknown config key '+materalized'. Did you mean 'materialized'?"),
    ({"datanet.yml": "name: t\nmodels:\n  t:\n    staging:\n      materalized: table\n",
      "models/m.sql": OK},
     "datanet.yml:5: unknown config key 'materalized'. Did you mean 'materialized'?"),
    ({"models/m.sql": "{{ config(materialzed='table') }}\n" + OK},
     "models/m.sql:1: model 'm': unknown config key 'materialzed'. Did you mean 'materialized'"),
    ({"models/m.sql": OK, "models/m.yml": "models:\n  - name: m\n    config:\n"
                                          "      materialzed: table\n"},
     "models/m.yml:4: model 'm': unknown config key 'materialzed'. Did you mean 'materialized'"),
    ({"seeds/s.csv": "a\n1\n", "seeds/s.yml": "seeds:\n  - name: s\n    config:\n"
                                               "      colum_types: {a: int}\n"},
     "seeds/s.yml:4: model 's': unknown config key 'colum_types'. Did you mean 'column_types'"),
])
def test_misspelled_config_key(tmp_path: Path, files: dict[str, str], message: str) -> None:
    compile_error(tmp_path, files, f"Error: {message}", "hint: config keys:")


@pytest.mark.parametrize("files, message", [
    ({"models/m.sql": "{{ config(materialized='tabel') }}\n" + OK},
     "models/m.sql:1: model 'm': materialized 'tabel' is not one of view, table, incremental, "
     "ephemeral, external. Did you mean 'table'?"),
    ({"models/m.sql": "{{ config(materialized=5) }}\n" + OK},
     "models/m.sql:1: model 'm': materialized 5 is not one of view"),
    ({"models/m.sql": OK, "models/m.yml": "models:\n  - name: m\n    config:\n"
                                          "      materialized: tabel\n"},
     "models/m.yml:4: model 'm': materialized 'tabel' is not one of"),
    ({"models/m.sql": OK, "models/m.yml": "models:\n  - name: m\n    materialized: 5\n"},
     "models/m.yml:3: model 'm': models.0.materialized: Input should be"),
    ({"datanet.yml": "name: t\nmodels:\n  +materialized: tabel\n", "models/m.sql": OK},
     "datanet.yml:3: materialized 'tabel' is not one of"),
    ({"models/m.sql": OK, "tests/t.sql": "{{ config(severity='warn', limt=1) }}\nselect 1\n"},
     "tests/t.sql:1: test 't': unknown config key 'limt'. Did you mean 'limit'"),
    ({"models/m.sql": "{{ config('table') }}\n" + OK},
     "models/m.sql:1: config() takes key=value pairs (or one dict), not ('table',)"),
    ({"models/m.sql": "{{ config({'materialized': 'tabel'}) }}\n" + OK},
     "models/m.sql:1: model 'm': materialized 'tabel' is not one of"),
    ({"models/m.sql": "{{ config(incremental_strategy='merj') }}\n" + OK},
     "models/m.sql:1: model 'm': incremental_strategy 'merj' is not one of append, merge"),
])
def test_bad_config_value(tmp_path: Path, files: dict[str, str], message: str) -> None:
    compile_error(tmp_path, files, f"Error: {message}")


def test_dbt_folder_config_still_loads(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {
        "datanet.yml": "name: t\nmodels:\n  t:\n    +meta: {owner: a}\n    tags: [x]\n"
                       "    marts:\n      +materialized: table\n      +full-refresh: false\n",
        "models/marts/m.sql": OK})
    result = run_cli("compile", "--project-dir", root)
    assert result.exit_code == 0, result.output
    listed = run_cli("ls", "--project-dir", root, "--output", "json")
    assert '"materialized": "table"' in listed.stdout


# item 11: duplicate YAML keys; item 10: alias bombs, deep nesting, non-UTF-8 -------------------

def test_duplicate_yaml_key_names_file_and_line(tmp_path: Path) -> None:
    compile_error(tmp_path, {"models/m.sql": OK, "models/m.yml": (
        "models:\n  - name: m\n    materialized: table\n    description: x\n"
        "    materialized: view\n")},
        "Error: models/m.yml:5: key 'materialized' is written twice in one mapping "
        "(first on line 3)")


def test_duplicate_key_on_one_line(tmp_path: Path) -> None:
    compile_error(tmp_path, {"datanet.yml": "name: t\nvars: {a: 1, a: 2}\n"},
                  "Error: datanet.yml:2: key 'a' is written twice")


def test_yaml_merge_keys_are_not_duplicates(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {
        "datanet.yml": "name: t\nvars:\n  base: &b {x: 1, y: 2}\n  other:\n    <<: *b\n"
                       "    x: 3\n", "models/m.sql": "select {{ var('other').x }} as x\n"})
    assert run_cli("compile", "--project-dir", root).exit_code == 0


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ["name: t", "vars:", '  a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"  a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    compile_error(tmp_path, {"datanet.yml": "\n".join(lines) + "\n"},
                  "Error: datanet.yml:", "YAML aliases expand to more than 1,000,000 values")


def test_recursive_alias_is_refused(tmp_path: Path) -> None:
    compile_error(tmp_path, {"datanet.yml": "name: t\nvars: &v {self: *v}\n"},
                  "Error: datanet.yml:2:")


def test_non_utf8_sql_names_file_line_and_byte(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {})
    (root / "models").mkdir()
    (root / "models/m.sql").write_bytes(b"select 1 as x\n-- caf\xe9\n")
    assert_cli_error(run_cli("compile", "--project-dir", root),
                     "Error: models/m.sql:2: byte 0xe9 at offset 20 (line 2) is not UTF-8",
                     "hint: save the file as UTF-8")


def test_non_utf8_yaml_names_the_file(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {"models/m.sql": OK})
    (root / "models/m.yml").write_bytes(b"models:\n  - name: m\n    description: \xff\n")
    assert_cli_error(run_cli("compile", "--project-dir", root),
                     "Error: models/m.yml:3: byte 0xff at offset")


# item 11: declarative blocks are validated ---------------------------------------------------

@pytest.mark.parametrize("block, message", [
    ("    dedupe: {key: [order_id], kep: latest, order_by: amount}\n",
     "models/d.yml:4: model 'd': unknown key 'kep' in models.0.dedupe. Did you mean 'keep'"),
    ("    dedupe: {key: [order_id], keep: newest, order_by: amount}\n",
     "models/d.yml:4: model 'd': models.0.dedupe.keep: Input should be"),
    ("    dedupe: exakt\n", "models/d.yml:4: model 'd': models.0.dedupe"),
    ("    aggregate:\n      dimensions: [order_id]\n      measure:\n"
     "        - {name: n, agg: count}\n",
     "models/d.yml:6: model 'd': unknown key 'measure' in models.0.aggregate. "
     "Did you mean 'measures'?"),
    ("    aggregate:\n      measures:\n        - {name: n, agg: summ, expr: amount}\n",
     "models/d.yml:6: model 'd': models.0.aggregate.measures.0.agg: Input should be"),
    ("    aggregate:\n      measures:\n        - {name: n, agg: sum, expresion: amount}\n",
     "models/d.yml:6: model 'd': unknown key 'expresion' in models.0.aggregate.measures.0. "
     "Did you mean 'expr'"),
    ("    aggregate: {grain: dya, measures: [{name: n, agg: count}]}\n",
     "models/d.yml:4: model 'd': models.0.aggregate.grain: Input should be"),
    ("    cleanse: autom\n", "models/d.yml:4: model 'd': models.0.cleanse"),
    ("    dedupe: {key: [order_id]}\n",
     "models/d.yml:4: model 'd': models.0.dedupe.order_by: Field required"),
    # checked by the generate layer, which is handed the model's file and name
    ("    cleanse: [trim, {dat: {day_first: true}}]\n",
     "models/d.yml:2: model 'd': column order_id: unknown cleanse rule 'dat'"),
    ("    aggregate:\n      measures:\n        - {name: r, ratio: [a, b]}\n",
     "models/d.yml:2: model 'd': measure r: ratio needs [numerator, denominator]"),
])
def test_declarative_blocks_are_validated(tmp_path: Path, block: str, message: str) -> None:
    compile_error(tmp_path, {"models/d.yml": "models:\n  - name: d\n" + FROM + block},
                  f"Error: {message}")


def test_valid_declarative_blocks_build(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {"models/d.yml": (
        "models:\n  - name: d\n" + FROM + "    cleanse: auto\n"
        "    dedupe: {key: [order_id], keep: latest, order_by: ordered_at}\n"
        "  - name: a\n    from: ref('d')\n    aggregate:\n"
        "      dimensions: [status, {name: day, expr: \"date_trunc('day', ordered_at)\"}]\n"
        "      measures: [{name: revenue, agg: SUM, expr: amount}, {name: n, agg: count}]\n")})
    result = run_cli("run", "--project-dir", root)
    assert result.exit_code == 0, result.output


# item 14: accepted, not run, warned ----------------------------------------------------------

def test_not_run_keys_warn_once_per_file_in_every_command(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {
        "datanet.yml": "name: t\nvars: {partition_by: 1}\nmodels:\n  +transient: true\n",
        "models/m.sql": "{{ config(partition_by='x', cluster_by=['y']) }}\n" + OK,
        "models/n.sql": "{{ config(query_tag='q') }}\n" + OK,
        "models/m.yml": "models:\n  - name: m\n    config: {file_format: delta, unlogged: true}\n"
                        "    columns:\n      - name: amount\n        data_tests:\n"
                        "          - not_null: {config: {warn_if: '>10', error_if: '>100'}}\n"
                        "      - name: grants\n"
                        "    meta: {grants: not config}\n"})
    expected = ["datanet.yml: `+transient`", "models/m.sql: `partition_by`",
                "models/m.sql: `cluster_by`", "models/n.sql: `query_tag`",
                "models/m.yml: `file_format`", "models/m.yml: `unlogged`"]
    for command in ("compile", "run", "build", "ls"):
        result = run_cli(command, "--project-dir", root)
        assert result.exit_code == 0, (command, result.output)
        warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
        for fragment in expected:
            assert sum(fragment in w for w in warnings) == 1, (command, fragment, warnings)
        assert all("is accepted but has no effect yet" in w for w in warnings), warnings
        assert len(warnings) == len(expected), warnings


# item 10: init given a file ------------------------------------------------------------------

def test_init_given_a_file(tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("x")
    assert_cli_error(run_cli("init", target), f"Error: {target} is a file, not a directory")
    assert_cli_error(run_cli("init", target / "sub"),
                     f"Error: cannot create the project in {target / 'sub'}: Not a directory")
    assert target.read_text() == "x"


def test_enabled_false_leaves_the_node_out(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {
        "datanet.yml": "name: t\nmodels:\n  t:\n    old:\n      +enabled: false\n",
        "models/old/legacy.sql": OK, "models/off.sql": "{{ config(enabled=false) }}\n" + OK,
        "models/on.sql": OK, "tests/off_test.sql": "{{ config(enabled=false) }}\nselect 1\n",
        "models/d.yml": "models:\n  - name: d\n" + FROM + "    config: {enabled: false}\n"})
    result = run_cli("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    listed = run_cli("ls", "--project-dir", root, "--output", "name")
    assert listed.stdout.split() == ["raw.orders", "on"]


def test_dbt_project_folder_config_is_checked(tmp_path: Path) -> None:
    root = tmp_path / "dbt"
    (root / "models").mkdir(parents=True)
    (root / "models" / "m.sql").write_text("select 1 as x\n")
    (root / "profiles.yml").write_text("shop:\n  target: dev\n  outputs:\n"
                                       "    dev: {type: duckdb}\n")
    project = "name: shop\nprofile: shop\nmodels:\n  shop:\n    +post-hook: ['select 1']\n"
    (root / "dbt_project.yml").write_text(project + "    +materalized: table\n")
    assert_cli_error(run_cli("compile", "--project-dir", root),
                     "Error: dbt_project.yml:6: unknown config key '+materalized'. "
                     "Did you mean 'materialized'?")
    (root / "dbt_project.yml").write_text(project)
    result = run_cli("compile", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert "post-hook" not in result.stderr  # hooks run now (tests/dbt/test_dbt_hooks.py)
