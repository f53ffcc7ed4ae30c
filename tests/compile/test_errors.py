"""Every compile error a user can cause, from a small bad project, with its message asserted.

Each goes through the CLI (click's CliRunner): exit code 1, `Error: file:line: ...` on stderr,
no traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from compile_helpers import assert_cli_error, run_cli, write_project

OK = "select order_id, amount from {{ source('raw', 'orders') }}\n"
ORDER_COLUMNS = "order_id, customer_id, amount, ordered_at, status"


def compile_error(tmp_path: Path, files: dict[str, str], *fragments: str,
                  extra: tuple[str, ...] = ()) -> str:
    root = write_project(tmp_path / "p", files)
    return assert_cli_error(run_cli("compile", "--project-dir", root, *extra), *fragments)


def test_broken_yaml_names_file_and_line(tmp_path: Path) -> None:
    compile_error(tmp_path, {"models/m.sql": OK, "models/m.yml": """
        models:
          - name: m
            columns:
              - name: a
             bad: [
        """}, "Error: models/m.yml:5: invalid YAML", "hint: check the indentation")


def test_broken_datanet_yml(tmp_path: Path) -> None:
    compile_error(tmp_path, {"datanet.yml": "name: t\nvars: {a: 1\n"},
                  "Error: datanet.yml:", "invalid YAML")


@pytest.mark.parametrize("files, where, message", [
    ({"datanet.yml": "name: t\ntarget: dev\nvarz: {a: 1}\n"},
     "datanet.yml:3", "unknown key 'varz' in file. Did you mean 'vars'?"),
    ({"sources/raw.yml": "sources:\n  - name: raw\n    tables:\n      - name: orders\n"
                         "        paht: data/orders.csv\n"},
     "sources/raw.yml:5",
     "source 'raw': unknown key 'paht' in sources.0.tables.0. Did you mean 'path'?"),
    ({"sources/raw.yml": "sources:\n  - name: raw\n    tabels: []\n"},
     "sources/raw.yml:3",
     "source 'raw': unknown key 'tabels' in sources.0. Did you mean 'tables'"),
    ({"models/m.sql": OK, "models/m.yml": "models:\n  - name: m\n    descripton: x\n"},
     "models/m.yml:3",
     "model 'm': unknown key 'descripton' in models.0. Did you mean 'description'?"),
    ({"models/m.sql": OK,
      "models/m.yml": "models:\n  - name: m\n    columns:\n      - name: amount\n"
                      "        data_typ: int\n"},
     "models/m.yml:5",
     "model 'm': unknown key 'data_typ' in models.0.columns.0. Did you mean 'data_type'"),
    ({"targets.yml": "dev: {type: duckdb, paht: x.db}\n", "models/m.sql": OK},
     "targets.yml:1", "unknown key 'paht' in dev. Did you mean 'path'?"),
])
def test_unknown_key_suggests_the_right_one(tmp_path: Path, files: dict[str, str], where: str,
                                            message: str) -> None:
    err = compile_error(tmp_path, files, f"Error: {where}: {message}", "allowed keys:")
    assert len(err.strip().splitlines()) == 2  # the message and the hint


def test_bad_value_of_a_choice(tmp_path: Path) -> None:
    compile_error(tmp_path, {"datanet.yml": "name: t\non_schema_change: heel\n"},
                  "datanet.yml:2: on_schema_change:", "Did you mean 'heal'?")


def test_unknown_ref_suggests_closest_model(tmp_path: Path) -> None:
    compile_error(tmp_path, {"models/stg_orders.sql": OK,
                             "models/n.sql": "-- orders\nselect * from {{ ref('stg_order') }}\n"},
                  "Error: models/n.sql:2: model 'n' reads ref('stg_order'), which does not "
                  "exist. Did you mean 'stg_orders'?")


def test_unknown_source_suggests_closest_table(tmp_path: Path) -> None:
    compile_error(tmp_path, {"models/m.sql": "select 1 as x from {{ source('raw', 'order') }}\n"},
                  "Error: models/m.sql:1: source('raw', 'order') is not defined. "
                  "Did you mean 'raw.orders'?", "hint: declare it in sources/*.yml")


def test_unknown_declarative_from(tmp_path: Path) -> None:
    compile_error(tmp_path, {"models/stg.sql": OK,
                             "models/d.yml": "models:\n  - name: d\n    from: ref('stgg')\n"},
                  "models/d.yml:2:", "reads ref('stgg'), which does not exist. "
                  "Did you mean 'stg'?")


def test_cycle_prints_the_loop(tmp_path: Path) -> None:
    err = compile_error(tmp_path, {"models/a.sql": "select * from {{ ref('b') }}\n",
                                   "models/b.sql": "select * from {{ ref('c') }}\n",
                                   "models/c.sql": "select * from {{ ref('a') }}\n"},
                        "models depend on each other in a loop:", "hint: break the loop")
    loop = err.split("loop: ")[1].split(" (")[0].split(" -> ")
    assert len(loop) == 4 and loop[0] == loop[-1] and set(loop) == {"a", "b", "c"}


def test_sql_syntax_error_marks_the_bad_sql(tmp_path: Path) -> None:
    err = compile_error(tmp_path, {"models/m.sql": "select\n  order_id,\n  amount +* 2 as x\n"
                                                   "from {{ source('raw', 'orders') }}\n"},
                        "Error: models/m.sql:3: SQL syntax error:")
    lines = err.splitlines()
    bad = next(i for i, line in enumerate(lines) if "amount +* 2 as x" in line)
    marker = lines[bad + 1]
    assert set(marker.strip()) == {"^"}
    assert lines[bad][marker.index("^")] == "2"  # under the token the parser stopped at


def test_unclosed_parenthesis(tmp_path: Path) -> None:
    compile_error(tmp_path, {"models/m.sql": "select order_id\nfrom {{ source('raw', 'orders') }}"
                                             "\nwhere (amount > 1\n"},
                  "models/m.sql:3: SQL syntax error: Expecting )", "where (amount > 1", "^")


def test_a_model_is_one_select(tmp_path: Path) -> None:
    compile_error(tmp_path, {"models/m.sql": "select 1 as a; select 2 as b\n"},
                  "models/m.sql: model 'm' must be exactly one SELECT statement, found 2 "
                  "(SELECT, SELECT)")
    compile_error(tmp_path / "x", {"models/m.sql": "delete from t\n"},
                  "model 'm' must be a SELECT query, not DELETE")


def test_jinja_syntax_error(tmp_path: Path) -> None:
    compile_error(tmp_path, {"models/m.sql": "select 1 as x\n{{ order_id from\n"},
                  "models/m.sql:2: Jinja syntax error")


def test_column_missing_upstream_names_model_column_and_available(tmp_path: Path) -> None:
    compile_error(tmp_path, {"models/m.sql": "select\n  order_id,\n  amout\n"
                                             "from {{ source('raw', 'orders') }}\n"},
                  "Error: models/m.sql:3: model 'm' reads column 'amout', which does not exist "
                  "upstream. Did you mean 'amount'?",
                  f"hint: columns available: {ORDER_COLUMNS}")


def test_qualified_column_missing_in_upstream_model(tmp_path: Path) -> None:
    compile_error(tmp_path, {"models/m.sql": OK,
                             "models/n.sql": "select m.order_id,\n  m.status\n"
                                             "from {{ ref('m') }} as m\n"},
                  "models/n.sql:2: model 'n' reads column 'status', which does not exist "
                  "upstream.", "columns available: order_id, amount")


def test_declarative_model_reads_missing_column(tmp_path: Path) -> None:
    compile_error(tmp_path, {"models/d.yml": "models:\n  - name: d\n"
                                             "    from: source('raw', 'orders')\n    columns:\n"
                                             "      - {name: total, from_column: amout}\n"},
                  "models/d.yml:2: model 'd' (columns:) reads column 'amout'",
                  "Did you mean 'amount'?", f"available columns: {ORDER_COLUMNS}")


@pytest.mark.parametrize("sql, line, clash", [
    ("select order_id\nfrom {{ source('raw', 'orders') }}\nwhere ordered_at > amount\n", 3,
     '`"orders"."ordered_at" > "orders"."amount"`: TIMESTAMP vs DOUBLE'),
    ("select order_id,\n  status + amount as x\nfrom {{ source('raw', 'orders') }}\n", 2,
     '`"orders"."status" + "orders"."amount"`: TEXT vs DOUBLE'),
])
def test_type_clash(tmp_path: Path, sql: str, line: int, clash: str) -> None:
    compile_error(tmp_path, {"models/m.sql": sql}, f"models/m.sql:{line}: type clash in {clash}",
                  "hint: cast one side explicitly")


def test_missing_source_file(tmp_path: Path) -> None:
    compile_error(tmp_path, {"sources/raw.yml": "sources:\n  - name: raw\n    tables:\n"
                                                "      - name: orders\n"
                                                "        path: data/nope.csv\n",
                             "models/m.sql": "select 1 as x\n"},
                  "Error: sources/raw.yml:4: source 'raw.orders': no file matches",
                  "nope.csv", "hint: check the")


def test_undefined_var(tmp_path: Path) -> None:
    compile_error(tmp_path, {"datanet.yml": "name: t\nvars: {min_amount: 1}\n",
                             "models/m.sql": "select order_id\nfrom {{ source('raw', 'orders') }}"
                                             "\nwhere amount > {{ var('min_amont') }}\n"},
                  "models/m.sql:3: var('min_amont') is not defined. Did you mean 'min_amount'?",
                  "--vars '{min_amont: ...}'")


def test_var_from_the_command_line_fixes_it(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {"models/m.sql": "select order_id from "
                                          "{{ source('raw', 'orders') }} where amount > "
                                          "{{ var('min_amount') }}\n"})
    result = run_cli("compile", "--project-dir", root, "--vars", "{min_amount: 5}")
    assert result.exit_code == 0, result.output
    assert "> 5" in (root / ".datanet" / "compiled" / "dev" / "m.sql").read_text()


def test_unknown_target(tmp_path: Path) -> None:
    compile_error(tmp_path, {"models/m.sql": OK,
                             "targets.yml": "dev: {type: duckdb}\nprod: {type: duckdb}\n"},
                  "Error: targets.yml: target 'prd' is not defined in targets.yml. "
                  "Did you mean 'prod'?", "hint: defined targets: dev, prod",
                  extra=("--target", "prd"))


def test_unknown_target_type(tmp_path: Path) -> None:
    compile_error(tmp_path, {"models/m.sql": OK, "targets.yml": "dev: {type: duckdbb}\n"},
                  "targets.yml:1: dev:", "'duckdbb'")


def test_unknown_generic_test(tmp_path: Path) -> None:
    compile_error(tmp_path, {"models/m.sql": OK,
                             "models/m.yml": "models:\n  - name: m\n    columns:\n"
                                             "      - name: order_id\n        tests: [uniqe]\n"},
                  "Error: models/m.yml:2: data test uniqe_m_order_id on m: unknown test "
                  "'uniqe'. Did you mean 'unique'?", "hint: generic tests: accepted_values")


def test_relationships_to_unknown_model(tmp_path: Path) -> None:
    compile_error(tmp_path, {"models/m.sql": OK, "models/customers.sql": OK,
                             "models/m.yml": "models:\n  - name: m\n    columns:\n"
                                             "      - name: order_id\n        tests:\n"
                                             "          - relationships: "
                                             "{to: ref('customer'), field: id}\n"},
                  "models/m.yml:2: data test relationships_m_order_id__id__ref_customer_ on m: "
                  "`to: ref('customer')` does not exist. Did you mean 'customers'?")


def test_model_defined_twice(tmp_path: Path) -> None:
    compile_error(tmp_path, {"models/m.sql": OK, "models/sub/m.sql": OK},
                  "models/sub/m.sql:1: model 'm' is defined twice (also in models/m.sql)")


def test_no_project(tmp_path: Path) -> None:
    assert_cli_error(run_cli("compile", "--project-dir", tmp_path),
                     "no datanet.yml or dbt_project.yml in",
                     "hint: run `datanet init DIR`")


def test_bad_vars_option(tmp_path: Path) -> None:
    compile_error(tmp_path, {"models/m.sql": OK}, "--vars must be a mapping",
                  extra=("--vars", "[1, 2]"))


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    from datanet_sql.errors import CycleError

    root = write_project(tmp_path / "p", {"models/a.sql": "select * from {{ ref('a') }}\n"})
    result = run_cli("--debug", "compile", "--project-dir", root)
    assert result.exit_code != 0 and isinstance(result.exception, CycleError)
