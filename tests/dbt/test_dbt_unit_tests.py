"""dbt's `unit_tests:`: a model run on given rows in an in-memory DuckDB, compared with
`expect`, by `datanet test` and `datanet build`, never touching the warehouse."""

from __future__ import annotations

import json
import textwrap
import uuid
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from datanet_sql.cli.main import cli

PG_DSN = "postgresql://postgres@127.0.0.1:5432/test"

ORDERS_CSV = "id,customer,amount,ordered_at\n1,1,1000,2024-01-01\n2,2,250,2024-01-03\n"
STG = ("select id as order_id, customer as customer_id, amount / 100.0 as dollars, ordered_at\n"
       "from {{ ref('raw_orders') }}\n")


def _datanet(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def _project(root: Path, files: dict[str, str], output: dict | None = None) -> Path:
    """A dbt project (dbt_project.yml, profiles.yml, a seed) plus `files`."""
    base = {"dbt_project.yml": yaml.safe_dump({"name": "shop", "profile": "shop",
                                               "config-version": 2}),
            "profiles.yml": yaml.safe_dump({"shop": {"target": "dev", "outputs": {
                "dev": output or {"type": "duckdb", "path": str(root / "dev.duckdb")}}}}),
            "seeds/raw_orders.csv": ORDERS_CSV,
            "models/stg_orders.sql": STG}
    for rel, text in {**base, **files}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"))
    return root


def _unit(body: str) -> str:
    return "unit_tests:\n" + textwrap.indent(textwrap.dedent(body).lstrip("\n"), "  ")


DOLLARS = _unit("""
    - name: cents_become_dollars
      description: amounts are stored in cents
      model: stg_orders
      config: {tags: [money]}
      given:
        - input: ref('raw_orders')
          rows:
            - {id: 1, amount: 1050}
            - {id: 2, amount: 5}
      expect:
        rows:
          - {order_id: 1, dollars: 10.5}
          - {order_id: 2, dollars: 0.05}
""")


def test_dict_rows_pass_and_are_selected_and_listed(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", {"models/stg_orders.yml": DOLLARS})
    for selector in ("test_type:unit", "unit_test:cents_become_dollars", "stg_orders",
                     "tag:money"):
        result = _datanet("test", "--project-dir", root, "-s", selector)
        assert result.exit_code == 0, result.output
        assert "PASS  unit_test cents_become_dollars" in result.output
    listed = _datanet("ls", "--project-dir", root, "--resource-type", "unit_test",
                      "--output", "name")
    assert listed.stdout.split() == ["cents_become_dollars"]
    assert "unit_tests" not in listed.stderr  # no "accepted but has no effect" warning
    from dbt_artifacts_parser.parser import parse_manifest_v12

    manifest = parse_manifest_v12(json.loads((root / "target" / "manifest.json").read_text()))
    unit = manifest.unit_tests["unit_test.shop.stg_orders.cents_become_dollars"]
    assert unit.model == "stg_orders" and unit.config.tags == ["money"]
    assert unit.depends_on.nodes == ["model.shop.stg_orders"]


def test_dbt_project_folder_config_of_unit_tests(tmp_path: Path) -> None:
    """`unit_tests:` in dbt_project.yml: `+tags` add to the test's own, `+enabled: false`
    leaves a folder's unit tests out unless a test enables itself."""
    root = _project(tmp_path / "p", {
        "dbt_project.yml": yaml.safe_dump({"name": "shop", "profile": "shop", "unit_tests": {
            "shop": {"+tags": ["fast"], "off": {"+enabled": False}}}}),
        "models/stg_orders.yml": DOLLARS,
        "models/off/u.yml": DOLLARS.replace("cents_become_dollars", "disabled"),
        "models/off/v.yml": DOLLARS.replace("cents_become_dollars", "enabled_again")
                                   .replace("config: {tags: [money]}", "config: {enabled: true}")})
    result = _datanet("ls", "--project-dir", root, "-s", "tag:fast,tag:money", "--output", "name")
    assert result.stdout.split() == ["cents_become_dollars"], result.output
    listed = _datanet("ls", "--project-dir", root, "-s", "test_type:unit", "--output", "name")
    assert sorted(listed.stdout.split()) == ["cents_become_dollars", "enabled_again"]
    assert "unit_tests" not in listed.stderr


def test_a_failing_unit_test_shows_the_differing_rows(tmp_path: Path) -> None:
    wrong = DOLLARS.replace("dollars: 0.05", "dollars: 0.5")
    root = _project(tmp_path / "p", {"models/stg_orders.yml": wrong})
    result = _datanet("test", "--project-dir", root)
    assert result.exit_code == 1
    assert ("FAIL unit_test cents_become_dollars: actual differs from expected: 1 expected "
            "row(s) missing, 1 unexpected (expected 2 rows, got 2)\n"
            "    | order_id | dollars\n"
            "  - | 2        | 0.5\n"
            "  + | 2        | 0.05\n") in result.stdout
    assert "Error: test failed: cents_become_dollars" in result.stderr


def test_csv_fixture_and_sql_rows(tmp_path: Path) -> None:
    """Inline CSV, a CSV fixture file in tests/fixtures (not a singular test) and SQL rows."""
    root = _project(tmp_path / "p", {
        "models/by_customer.sql": "select c.customer_id, c.name, sum(o.dollars) as total\n"
                                  "from {{ ref('stg_orders') }} as o\n"
                                  "join {{ source('crm', 'customers') }} as c\n"
                                  "  on o.customer_id = c.customer_id\ngroup by 1, 2\n",
        "models/sources.yml": "sources:\n  - name: crm\n    tables:\n      - name: customers\n"
                              "        columns:\n"
                              "          - {name: customer_id, data_type: integer}\n"
                              "          - {name: name, data_type: varchar}\n",
        "tests/fixtures/two_customers.csv": "customer_id,name\n1,Ann\n2,Bob\n",
        "models/by_customer.yml": _unit("""
            - name: inline_csv
              model: by_customer
              given:
                - input: ref('stg_orders')
                  format: csv
                  rows: |
                    order_id,customer_id,dollars
                    1,1,2.5
                    2,1,1.5
                    3,2,
                - input: source('crm', 'customers')
                  format: csv
                  fixture: two_customers
              expect:
                format: csv
                rows: |
                  customer_id,total
                  1,4.0
                  2,
            - name: sql_rows
              model: by_customer
              given:
                - input: ref('stg_orders')
                  format: sql
                  rows: select 7 as customer_id, 3.5 as dollars union all select 7, 1.0
                - input: source('crm', 'customers')
                  rows: [{customer_id: 7, name: Cy}]
              expect:
                format: sql
                rows: select '4.5' as total, 7 as customer_id  -- name not compared
        """)})
    result = _datanet("test", "--project-dir", root, "-s", "test_type:unit")
    assert result.exit_code == 0, result.output
    assert "PASS  unit_test inline_csv" in result.stdout
    assert "PASS  unit_test sql_rows" in result.stdout
    assert "two_customers" not in result.stdout  # a fixture, not a singular test


def test_columns_not_given_are_null_of_their_type(tmp_path: Path) -> None:
    """`ordered_at` is not given: a typed NULL (a DATE), so date arithmetic still binds."""
    root = _project(tmp_path / "p", {
        "models/next_day.sql": "select order_id, ordered_at + interval 1 day as next_day,\n"
                               "  typeof(ordered_at) as kind from {{ ref('stg_orders') }}\n",
        "models/next_day.yml": _unit("""
            - name: nulls_are_typed
              model: next_day
              given:
                - input: ref('stg_orders')
                  rows: [{order_id: 1}]
              expect:
                rows: [{order_id: 1, next_day: null, kind: DATE}]
        """)})
    result = _datanet("test", "--project-dir", root)
    assert result.exit_code == 0, result.output


def test_an_input_the_model_does_not_read_may_be_left_out(tmp_path: Path) -> None:
    """A ref only in a comment (dbt's `-- depends_on:`) need not be given; a given input the
    model does not read is named in a warning."""
    root = _project(tmp_path / "p", {
        "models/big.sql": "-- depends_on: {{ ref('raw_orders') }}\n"
                          "select order_id from {{ ref('stg_orders') }} where dollars > 5\n",
        "models/big.yml": _unit("""
            - name: only_big
              model: big
              given:
                - input: ref('stg_orders')
                  rows: [{order_id: 1, dollars: 9}, {order_id: 2, dollars: 1}]
                - input: source('crm', 'customers')
                  rows: []
              expect:
                rows: [{order_id: 1}]
        """),
        "models/sources.yml": "sources:\n  - name: crm\n    tables:\n      - name: customers\n"})
    result = _datanet("test", "--project-dir", root, "-s", "only_big")
    assert result.exit_code == 0, result.output
    assert ("warning: models/big.yml: unit test only_big: the model does not read given "
            "input source('crm', 'customers'); it is ignored") in result.stderr


def test_a_seed_not_given_is_read_from_its_csv(tmp_path: Path) -> None:
    """As in dbt."""
    root = _project(tmp_path / "p", {
        "models/amounts.sql": "select s.order_id, r.amount from {{ ref('stg_orders') }} as s\n"
                              "join {{ ref('raw_orders') }} as r on r.id = s.order_id\n",
        "models/amounts.yml": _unit("""
            - name: seed_from_csv
              model: amounts
              given:
                - input: ref('shop', 'stg_orders')
                  rows: [{order_id: 2}, {order_id: 3}]
              expect:
                rows: [{order_id: 2, amount: 250}]
        """)})
    result = _datanet("test", "--project-dir", root)
    assert result.exit_code == 0, result.output


def test_a_versioned_model_is_unit_tested_in_each_version_kept(tmp_path: Path) -> None:
    """dbt runs a unit test on every version of its model unless `versions:` narrows it; an
    unpinned ref('dim') given is the version the model reads (the latest)."""
    root = _project(tmp_path / "p", {
        "models/dim.yml": "models:\n  - name: dim\n    latest_version: 2\n"
                          "    versions: [{v: 1}, {v: 2}, {v: 3}]\n" + _unit("""
            - name: doubles
              model: dim
              versions: {exclude: [3]}
              given:
                - input: ref('stg_orders')
                  rows: [{order_id: 4}]
              expect:
                rows: [{id: 8}]
        """),
        "models/dim_v1.sql": "select order_id * 2 as id from {{ ref('stg_orders') }}\n",
        "models/dim_v2.sql": "select order_id + order_id as id from {{ ref('stg_orders') }}\n",
        "models/dim_v3.sql": "select order_id as id from {{ ref('stg_orders') }}\n",
        "models/top.sql": "select id from {{ ref('dim') }}\n",
        "models/top.yml": _unit("""
            - name: reads_latest
              model: top
              given:
                - input: ref('dim')
                  rows: [{id: 5}]
              expect:
                rows: [{id: 5}]
        """)})
    result = _datanet("test", "--project-dir", root, "-s", "test_type:unit")
    assert result.exit_code == 0, result.output
    for name in ("doubles_v1", "doubles_v2", "reads_latest"):
        assert f"PASS  unit_test {name}" in result.stdout
    assert "doubles_v3" not in result.stdout


def test_an_input_read_but_not_given_is_an_error_naming_the_unit_test(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", {
        "models/joined.sql": "select o.order_id from {{ ref('stg_orders') }} as o\n"
                             "join {{ ref('stg_orders') }} as p using (order_id)\n"
                             "join {{ ref('customers') }} as c on c.id = o.customer_id\n",
        "models/customers.sql": "select 1 as id\n",
        "models/joined.yml": _unit("""
            - name: needs_customers
              model: joined
              given:
                - input: ref('stg_orders')
                  rows: [{order_id: 1}]
              expect:
                rows: []
        """)})
    result = _datanet("test", "--project-dir", root, "-s", "test_type:unit")
    assert result.exit_code == 1
    assert ("ERROR unit_test needs_customers: models/joined.yml:2: unit test needs_customers: "
            "model 'joined' reads ref('customers'), which the unit test does not give\n"
            "  hint: add `- input: ref('customers')` with its `rows:` (`rows: []` for none) "
            "under `given:`") in result.stdout
    assert "Traceback" not in result.output


@pytest.mark.parametrize("entry, message", [
    ("{name: t, model: stg_ordres, given: [], expect: {rows: []}}",
     "model 'stg_ordres' does not exist. Did you mean 'stg_orders'?"),
    (("{name: t, model: stg_orders, given: [{input: \"ref('raw_orders')\", rows: [{idd: 1}]}],"
      " expect: {rows: []}}"),
     ("given input ref('raw_orders') gives column 'idd', which the input does not have. "
      "Did you mean 'id'?")),
    (("{name: t, model: stg_orders, given: [{input: \"ref('raw_orders')\", rows: []}],"
      " expect: {rows: [{dollar: 1}]}}"),
     "expect gives column 'dollar', which the model does not return. Did you mean 'dollars'?"),
    ("{name: t, model: stg_orders, given: [], expect: {format: csv, fixture: nope}}",
     "expect: fixture 'nope.csv' not found in tests/fixtures/"),
    (("{name: t, model: stg_orders, given: [{input: \"ref('raw_orders')\", rows: [{id: 1}]}],"
      " expect: {rows: [{order_id: one}]}}"),
     "the expected rows do not fit the model's output types: Conversion Error"),
])
def test_mistakes_in_a_unit_test_are_its_error(tmp_path: Path, entry: str, message: str) -> None:
    root = _project(tmp_path / "p", {"models/u.yml": f"unit_tests:\n  - {entry}\n"})
    result = _datanet("test", "--project-dir", root, "-s", "test_type:unit")
    assert result.exit_code == 1
    assert message in result.stdout, result.output
    assert "unit test t" in result.stdout and "Traceback" not in result.output


def test_an_unknown_key_is_a_config_error_with_file_and_line(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", {"models/u.yml": _unit("""
        - name: t
          model: stg_orders
          givn: []
          expect: {rows: []}
    """)})
    result = _datanet("compile", "--project-dir", root)
    assert result.exit_code == 1
    assert "models/u.yml:4: unknown key 'givn' in unit_tests.0. Did you mean 'given'?" \
        in result.stderr


def test_overrides_of_vars_env_vars_and_macros(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", {
        "macros/today.sql": "{% macro today() %}current_date{% endmacro %}\n",
        "models/recent.sql": "select order_id, '{{ env_var('DN_UT_REGION', 'eu') }}' as region\n"
                             "from {{ ref('stg_orders') }}\n"
                             "where dollars >= {{ var('min_dollars', 100) }}\n"
                             "  and ordered_at > {{ today() }} - interval 7 day\n",
        "models/recent.yml": _unit("""
            - name: overridden
              model: recent
              overrides:
                vars: {min_dollars: 2}
                env_vars: {DN_UT_REGION: us}
                macros: {today: "date '2024-01-10'"}
              given:
                - input: ref('stg_orders')
                  rows:
                    - {order_id: 1, dollars: 3, ordered_at: 2024-01-09}
                    - {order_id: 2, dollars: 1, ordered_at: 2024-01-09}
                    - {order_id: 3, dollars: 5, ordered_at: 2023-12-01}
              expect:
                rows: [{order_id: 1, region: us}]
        """)})
    result = _datanet("test", "--project-dir", root, "-s", "test_type:unit")
    assert result.exit_code == 0, result.output


INCREMENTAL = ("{{ config(materialized='incremental') }}\n"
               "select order_id, ordered_at from {{ ref('stg_orders') }}\n"
               "{% if is_incremental() %}\n"
               "where ordered_at > (select max(ordered_at) from {{ this }})\n"
               "{% endif %}\n")


def test_is_incremental_override_runs_the_incremental_variant_on_this(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", {
        "models/events.sql": INCREMENTAL,
        "models/events.yml": _unit("""
            - name: first_build
              model: events
              given:
                - input: ref('stg_orders')
                  rows: [{order_id: 1, ordered_at: 2024-01-01}, {order_id: 2, ordered_at: 2024-01-05}]
              expect:
                rows: [{order_id: 1}, {order_id: 2}]
            - name: only_new_rows
              model: events
              overrides:
                macros: {is_incremental: true}
              given:
                - input: ref('stg_orders')
                  rows: [{order_id: 1, ordered_at: 2024-01-01}, {order_id: 2, ordered_at: 2024-01-05}]
                - input: this
                  rows: [{order_id: 1, ordered_at: 2024-01-02}]
              expect:
                rows: [{order_id: 2}]
            - name: this_forgotten
              model: events
              overrides:
                macros: {is_incremental: true}
              given:
                - input: ref('stg_orders')
                  rows: []
              expect:
                rows: []
        """)})
    result = _datanet("test", "--project-dir", root, "-s", "test_type:unit")
    assert "PASS  unit_test first_build" in result.stdout, result.output
    assert "PASS  unit_test only_new_rows" in result.stdout
    assert "model 'events' reads this, which the unit test does not give" in result.stdout


def test_build_skips_the_model_and_its_children_when_its_unit_test_fails(tmp_path: Path) -> None:
    wrong = DOLLARS.replace("dollars: 10.5", "dollars: 105")
    root = _project(tmp_path / "p", {"models/stg_orders.yml": wrong,
                                     "models/report.sql": "select * from {{ ref('stg_orders') }}\n",
                                     "models/other.sql": "select 1 as x\n"})
    result = _datanet("build", "--project-dir", root)
    assert result.exit_code == 1
    out = result.stdout
    assert out.index("FAIL  unit_test cents_become_dollars") < out.index("SKIP  model stg_orders")
    assert "SKIP  model report" in out and "OK    model other" in out
    assert "skipped: stg_orders, report" in result.stderr
    import duckdb

    con = duckdb.connect(str(root / "dev.duckdb"), read_only=True)
    tables = {r[0] for r in con.execute("select table_name from information_schema.tables")
              .fetchall()}
    con.close()
    assert "raw_orders" in tables and "other" in tables
    assert not tables & {"stg_orders", "report"}
    fixed = _project(root, {"models/stg_orders.yml": DOLLARS})
    assert _datanet("build", "--project-dir", fixed).exit_code == 0


def test_build_skips_a_unit_test_whose_models_parent_failed(tmp_path: Path) -> None:
    """dbt runs a unit test with its model: a failed parent skips both (found on
    xs233-bt/local-dbt-duckdb-data-quality, whose staging models fail)."""
    root = _project(tmp_path / "p", {
        "models/stg_orders.yml": DOLLARS,
        "models/broken.sql": "select * from no_such_table\n",
        "models/stg_orders.sql": STG + "where order_id not in (select 1 from {{ ref('broken') }})\n"})
    result = _datanet("build", "--project-dir", root)
    assert result.exit_code == 1
    results = json.loads((root / "target" / "run_results.json").read_text())["results"]
    status = {r["unique_id"].split(".")[-1]: r["status"] for r in results}
    assert (status["broken"], status["cents_become_dollars"], status["stg_orders"]) == \
        ("error", "skipped", "skipped")
    assert "SKIP  unit_test cents_become_dollars" in result.stdout


@pytest.fixture()
def pg_schema():
    import psycopg

    schema = f"dn_ut_{uuid.uuid4().hex[:10]}"
    con = psycopg.connect(PG_DSN, autocommit=True)
    con.execute(f'create schema "{schema}"')
    con.execute(f'create table "{schema}".payments (id int, amount numeric(10, 2), '
                'method text, paid_at timestamp)')
    try:
        yield con, schema
    finally:
        con.execute(f'drop schema "{schema}" cascade')
        con.close()


def test_a_postgres_project_is_unit_tested_on_duckdb_without_touching_postgres(
        tmp_path: Path, pg_schema) -> None:
    con, schema = pg_schema
    root = _project(tmp_path / "p", {
        "models/sources.yml": f"sources:\n  - name: pay\n    schema: {schema}\n"
                              "    tables:\n      - name: payments\n",
        "models/by_method.sql": "select method, sum(amount)::numeric(12, 2) as total,\n"
                                "  string_agg(id::text, ',' order by id) as ids,\n"
                                "  max(date_trunc('month', paid_at))::date as last_month\n"
                                "from {{ source('pay', 'payments') }} group by method\n",
        "models/locked.sql": "select id from {{ source('pay', 'payments') }} for update\n",
        "models/by_method.yml": _unit("""
            - name: sums_by_method
              model: by_method
              given:
                - input: source('pay', 'payments')
                  rows:
                    - {id: 2, amount: 1.25, method: card, paid_at: "2024-03-09 10:00:00"}
                    - {id: 1, amount: 2.5, method: card, paid_at: "2024-02-01 00:00:00"}
                    - {id: 3, amount: 9, method: cash}
              expect:
                rows:
                  - {method: card, total: 3.75, ids: "1,2", last_month: 2024-03-01}
                  - {method: cash, total: 9, ids: "3", last_month: null}
            - name: cannot_transpile
              model: locked
              given:
                - input: source('pay', 'payments')
                  rows: []
              expect:
                rows: []
        """)}, output={"type": "postgres", "host": "127.0.0.1", "port": 5432,
                       "user": "postgres", "dbname": "test", "schema": schema})
    result = _datanet("test", "--project-dir", root, "-s", "test_type:unit")
    assert "PASS  unit_test sums_by_method" in result.stdout, result.output
    assert ("ERROR unit_test cannot_transpile: models/by_method.yml:14: unit test "
            "cannot_transpile: model 'locked' cannot run on DuckDB, where unit tests run: "
            "Locking reads using 'FOR UPDATE/SHARE' are not supported") in result.stdout
    tables = con.execute("select table_name from information_schema.tables "
                         "where table_schema = %s", [schema]).fetchall()
    assert tables == [("payments",)]  # nothing built, nothing read into Postgres


def test_a_snowflake_project_runs_its_unit_tests_with_no_connection(tmp_path: Path) -> None:
    """Snowflake SQL (IFF, DIV0), transpiled to DuckDB; no connector, no account needed."""
    root = _project(tmp_path / "p", {
        "models/sources.yml": "sources:\n  - name: pay\n    tables:\n      - name: payments\n"
                              "        columns:\n          - {name: id, data_type: number}\n"
                              "          - {name: amount, data_type: 'number(10, 2)'}\n"
                              "          - {name: parts, data_type: number}\n",
        "models/sized.sql": "select id, iff(amount > 100, 'big', 'small') as size,\n"
                            "  div0(amount, parts) as per_part\n"
                            "from {{ source('pay', 'payments') }}\n",
        "models/sized.yml": "models:\n  - name: sized\n    columns:\n      - name: id\n"
                            "        data_tests: [unique]\n" + _unit("""
            - name: sizes
              model: sized
              given:
                - input: source('pay', 'payments')
                  rows: [{id: 1, amount: 150, parts: 0}, {id: 2, amount: 10, parts: 4}]
              expect:
                rows: [{id: 1, size: big, per_part: 0}, {id: 2, size: small, per_part: 2.5}]
        """)}, output={"type": "snowflake", "account": "nowhere", "user": "u",
                       "database": "db", "warehouse": "wh", "schema": "analytics"})
    result = _datanet("test", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert "PASS  unit_test sizes" in result.stdout and "unique_sized_id" not in result.stdout
    assert ("target 'dev' is snowflake, which datanet compiles for but cannot run on here: only "
            "unit tests run (in memory, on DuckDB); data tests need the warehouse") \
        in result.stderr
