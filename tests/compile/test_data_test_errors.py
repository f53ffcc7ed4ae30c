"""A data test that cannot be built (issue 12 items 10 and 11): SQL in `where:` or `expression:`
that does not parse, unknown or missing arguments, a column the model does not have. Each is an
error naming the file, the model, the test and (for SQL) the position; never a traceback; the
model and its other tests still build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from compile_helpers import assert_cli_error, run_cli, write_project

MODEL = "select order_id, amount, status from {{ source('raw', 'orders') }}\n"


def yaml_of(column_tests: str = "[]", model_tests: str = "[]") -> str:
    return (f"models:\n  - name: m\n    tests: {model_tests}\n    columns:\n"
            f"      - name: amount\n        tests: {column_tests}\n")


def compile_err(tmp_path: Path, schema: str, *fragments: str) -> str:
    root = write_project(tmp_path / "p", {"models/m.sql": MODEL, "models/m.yml": schema})
    return assert_cli_error(run_cli("compile", "--project-dir", root), *fragments)


@pytest.mark.parametrize("tests, fragments", [
    ("[{not_null: {config: {where: 'amount >'}}}]",
     ["Error: models/m.yml:2: data test not_null_m_amount on m: `where: amount >` does not parse "
      "at character 8:", "\n    amount >\n           ^", "hint: fix the SQL of `where:`"]),
    ("[{not_null: {where: 'select 1'}}]",
     ["`where: select 1` does not parse at character 1: a SELECT statement is not a condition"]),
    ("[{not_null: {where: 'amount > 0; drop table m'}}]",
     ["`where: amount > 0; drop table m` does not parse at character 1: it holds more than one "
      "statement"]),
    ("[{expression: {expression: 'in (with d as (delete from t returning 1) select 1)'}}]",
     ["`expression: in (with d as (delete from t returning 1) select 1)` is refused: it holds a "
      "DELETE statement, and a test may not change data"]),
    ("[{not_null: {where: 'amount in (with d as (delete from t returning 1) select 1)'}}]",
     ["is refused: it holds a DELETE statement"]),
    ("[{expression: {expression: '= = 1'}}]",
     ["data test expression_m_amount___1 on m: `expression: = = 1` does not parse at character"]),
    ("[{accepted_values: {valuez: [a]}}]",
     ["models/m.yml:2: data test accepted_values_m_amount__a on m: unknown argument 'valuez' of "
      "accepted_values. Did you mean 'values'?", "hint: accepted_values takes: quote, values"]),
    ("[accepted_values]", ["accepted_values needs `values:`"]),
    ("[{accepted_values: {values: a}}]", ["`values:` of accepted_values must be a list"]),
    ("[{row_count: {min: many}}]", ["`min:` of row_count must be a number, not 'many'"]),
    ("[{not_null: 5}]", ["the arguments of not_null must be a mapping, not 5"]),
    ("[{unique: {}, not_null: {}}]", ["cannot read the test entry"]),
    ("[{relationships: {field: id}}]", ["relationships needs `to:`"]),
])
def test_a_bad_column_test_names_file_model_and_test(tmp_path: Path, tests: str,
                                                     fragments: list[str]) -> None:
    err = compile_err(tmp_path, yaml_of(column_tests=tests), *fragments)
    assert len(err.strip().splitlines()) <= 4


def test_a_bad_model_level_expression_shows_where_it_stops(tmp_path: Path) -> None:
    compile_err(tmp_path, yaml_of(model_tests="[{expression: {expression: 'amount >> > 0'}}]"),
                "data test expression_m_amount_0 on m: `expression: amount >> > 0` does not parse at "
                "character 11")


def test_a_tested_column_the_model_lacks(tmp_path: Path) -> None:
    schema = yaml_of().replace("name: amount", "name: amout") + "        tests: [unique]\n"
    compile_err(tmp_path, schema.replace("tests: []\n        tests", "tests"),
                "data test unique_m_amout on m: m has no column 'amout'. Did you mean 'amount'?",
                "hint: columns of m: order_id, amount, status")


def test_a_model_level_test_without_a_column(tmp_path: Path) -> None:
    compile_err(tmp_path, yaml_of(model_tests="[not_null]"),
                "data test not_null_m_ on m: the not_null test needs a column",
                "hint: put it under the column in `columns:`, or give `column_name:`")


def test_a_bad_test_does_not_stop_the_build(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {"models/m.sql": MODEL, "models/m.yml": yaml_of(
        column_tests="[not_null, {accepted_values: {valuez: [1]}}]",
        model_tests="[{unique: {column_name: \"order_id || '-' || status\"}},"
                    " {unique: {column_name: amount, config: {enabled: false}}}]")})
    result = run_cli("build", "--project-dir", root, "--threads", "1")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "unknown argument 'valuez'" in result.stdout
    got = {r["name"]: r["status"] for r in json.loads(
        (root / ".datanet" / "run_results.json").read_text())["results"]}
    assert got == {"raw.orders": "success", "m": "success", "not_null_m_amount": "pass",
                   "accepted_values_m_amount__1": "error",
                   "unique_m_order_id_status": "pass"}


@pytest.mark.parametrize("tests, message", [
    ("[{not_null: {config: 5}}]", "the config must be a mapping, not 5"),
    ("[{accepted_values: {arguments: [a]}}]", "the arguments must be a mapping, not ['a']"),
])
def test_nested_config_and_arguments_must_be_mappings(tmp_path: Path, tests: str,
                                                      message: str) -> None:
    compile_err(tmp_path, yaml_of(column_tests=tests), message)
