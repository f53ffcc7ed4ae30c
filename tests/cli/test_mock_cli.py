"""Mock data never lands where real data lives (DuckDB): `mock`, `seed --mock` and
`build --mock` write only to the mock warehouse (.datanet/mock.duckdb) or to `--out` files,
which `ls --mock` and `show --mock` read; bad selections and missing recipes are errors."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner, Result

from datanet_sql.cli.main import cli

PEOPLE = "id,email,country\n" + "".join(
    f"{i},person{i}@example.com,{cc}\n"
    for i, cc in enumerate(["US", "DE", "FR", "ES", "IT"] * 12, start=1))
ACCOUNTS = ("SELECT g AS id, 'acct ' || g AS name, (g * 1.5)::DECIMAL(10, 2) AS balance, "
            "DATE '2024-01-01' + g::INT AS opened, TIME '10:00:00' + g * INTERVAL 1 MINUTE AS opened_at "
            "FROM range(1, 41) t(g)")   # opened, opened_at: unique, with no spare values in range
REAL_ROWS = 'SELECT * FROM "crm"."accounts" ORDER BY id'


def invoke(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, [*args, "--project-dir", str(root)])


def ok(root: Path, *args: str) -> str:
    result = invoke(root, *args)
    assert result.exit_code == 0, result.output
    return result.output


def refused(root: Path, *args: str) -> str:
    """A clean refusal: exit 1, a message, no traceback."""
    result = invoke(root, *args)
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit) and "Traceback" not in result.output
    return result.output


def _project(tmp_path: Path) -> Path:
    """A file source (raw.people), a `table:` source with real rows in the dev warehouse
    (crm.accounts), a seed and a model reading both sources."""
    root = tmp_path / "p"
    for folder in ("data", "models", "sources", "seeds", ".datanet"):
        (root / folder).mkdir(parents=True)
    (root / "datanet.yml").write_text("name: p\n")
    (root / "data" / "people.csv").write_text(PEOPLE)
    (root / "seeds" / "regions.csv").write_text("country,region\nUS,NA\nDE,EU\n")
    (root / "sources" / "raw.yml").write_text(textwrap.dedent("""
        sources:
          - name: raw
            tables:
              - {name: people, path: "data/*.csv"}
          - name: crm
            tables:
              - {name: accounts, table: crm.accounts}
        """))
    (root / "models" / "rich.sql").write_text(
        "select a.id, a.balance, p.country from {{ source('crm', 'accounts') }} a "
        "join {{ source('raw', 'people') }} p on p.id = a.id where a.balance > 30\n")
    with duckdb.connect(str(root / ".datanet" / "dev.duckdb")) as con:
        con.execute("CREATE SCHEMA crm")
        con.execute(f"CREATE TABLE crm.accounts AS {ACCOUNTS}")
    return root


def _dev(root: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(root / ".datanet" / "dev.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


def _mock_db(root: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(root / ".datanet" / "mock.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture
def profiled(tmp_path: Path) -> tuple[Path, list[tuple]]:
    """The project built and profiled on its real data; with the real rows of crm.accounts."""
    root = _project(tmp_path)
    ok(root, "build")
    ok(root, "profile")
    return root, _dev(root, REAL_ROWS)


def test_mock_seed_mock_and_build_mock_leave_every_real_relation_as_it_was(profiled) -> None:
    root, real = profiled
    kinds = _dev(root, "SELECT table_schema, table_name, table_type FROM "
                       "information_schema.tables ORDER BY ALL")
    out = ok(root, "mock", "--rows", "7")
    assert "Mock data written to the mock warehouse .datanet/mock.duckdb" in out
    assert "crm.accounts: 7 rows" in out and "raw.people: 7 rows" in out
    assert _mock_db(root, 'SELECT count(*) FROM "crm"."accounts"') == [(7,)]
    ok(root, "seed", "--mock")
    assert _mock_db(root, 'SELECT count(*) FROM "main"."regions"') == [(2,)]
    ok(root, "build", "--mock")
    assert _mock_db(root, 'SELECT count(DISTINCT opened), count(DISTINCT opened_at) FROM '
                          '"crm"."accounts"') == [(40, 40)]
    types = "SELECT column_name, data_type FROM information_schema.columns " \
            "WHERE table_name = 'accounts' ORDER BY ordinal_position"
    assert _mock_db(root, types) == _dev(root, types)
    assert _dev(root, REAL_ROWS) == real and len(real) == 40
    # the file source is still a view over its file, not a mock table put in its place
    assert _dev(root, "SELECT table_schema, table_name, table_type FROM "
                      "information_schema.tables ORDER BY ALL") == kinds
    assert ("raw", "people", "VIEW") in kinds


def test_mock_right_after_the_first_run_asks_for_a_profile(tmp_path: Path) -> None:
    root = _project(tmp_path)
    ok(root, "run")   # records the healing contracts in profiles/, not the mock recipes
    out = refused(root, "mock")
    assert "profiles/crm.accounts.yml" in out and "no mock recipe for columns id" in out
    assert "datanet profile --select source:crm.accounts" in out
    assert not (root / ".datanet" / "mock.duckdb").exists()


def test_mock_of_a_project_without_sources_says_so(tmp_path: Path) -> None:
    (tmp_path / "models").mkdir()
    (tmp_path / "datanet.yml").write_text("name: none\n")
    (tmp_path / "models" / "a.sql").write_text("select 1 as x\n")
    assert "the project has no source tables to mock" in refused(tmp_path, "mock")


def test_mock_select_that_matches_nothing_is_an_error_naming_it(profiled) -> None:
    root, _ = profiled
    out = refused(root, "mock", "--select", "crm.acounts")
    assert "--select 'crm.acounts' matches no source table" in out
    assert "Did you mean 'crm.accounts'" in out
    assert "--select 'nothing' matches" in refused(root, "mock", "-s", "raw.people nothing")
    out = ok(root, "mock", "--select", "source:raw", "--rows", "3")
    assert "raw.people: 3 rows" in out and "crm.accounts" not in out


def test_mock_files_are_refused_where_a_source_reads_files(profiled) -> None:
    root, _ = profiled
    out = refused(root, "mock", "--out", str(root / "data"), "--format", "csv")
    assert "refusing to write mock data to" in out and "reads `data/*.csv`" in out
    assert sorted(p.name for p in (root / "data").iterdir()) == ["people.csv"]
    assert "in the seed folder seeds/" in refused(root, "mock", "--out", str(root / "seeds"))
    assert sorted(p.name for p in (root / "seeds").iterdir()) == ["regions.csv"]
    alone = invoke(root, "mock", "--format", "csv")
    assert alone.exit_code == 2 and "give --out DIR too" in alone.output
    ok(root, "mock", "--out", str(root / "mocks"), "--format", "csv", "--rows", "4")
    assert (root / "mocks" / "raw.people.csv").read_text().count("\n") == 5


def test_a_target_whose_database_is_the_mock_warehouse_is_refused(profiled) -> None:
    root, real = profiled
    (root / "targets.yml").write_text("dev: {type: duckdb}\n"
                                      "mock: {type: duckdb, path: .datanet/dev.duckdb}\n")
    ok(root, "build", "--mock")   # a target *named* mock is fine: its file is dev.duckdb
    (root / "targets.yml").write_text("dev: {type: duckdb, path: .datanet/mock.duckdb}\n")
    (root / ".datanet" / "dev.duckdb").rename(root / ".datanet" / "mock.duckdb")
    out = refused(root, "build", "--mock")
    assert "target 'dev' uses" in out and "mock.duckdb" in out
    assert refused(root, "mock")
    assert _mock_db(root, REAL_ROWS) == real


def test_ls_and_show_mock_read_the_mock_warehouse(profiled) -> None:
    root, _ = profiled
    assert "there is no mock warehouse yet" in refused(root, "ls", "--mock")
    ok(root, "build", "--mock", "--mock-rows", "40")
    listed = {r["unique_id"]: r for r in json.loads(ok(root, "ls", "--mock", "--output",
                                                        "json"))}
    assert listed["source.crm.accounts"]["rows"] == 40
    assert listed["source.crm.accounts"]["relation"] == "crm.accounts"
    assert listed["seed.regions"]["rows"] == 2
    assert listed["model.rich"]["rows"] == _mock_db(root, 'SELECT count(*) FROM main.rich')[0][0]
    assert "the mock warehouse" in ok(root, "ls", "--mock")
    shown = json.loads(ok(root, "show", "--mock", "rich", "--format", "json", "--limit", "100"))
    mocked = _mock_db(root, "SELECT id, balance, country FROM main.rich ORDER BY id")
    assert sorted((r["id"], r["country"]) for r in shown) == [(i, c) for i, _, c in mocked]
    people = json.loads(ok(root, "show", "--mock", "raw.people", "--format", "json"))
    assert not {p["email"] for p in people} & {f"person{i}@example.com" for i in range(61)}
    assert "no model named 'rihc'" in refused(root, "show", "--mock", "rihc")
    inline = ok(root, "show", "--mock", "--inline", "select count(*) as n from {{ ref('rich') }}",
                "--format", "json")
    assert json.loads(inline) == [{"n": len(mocked)}]
    both = invoke(root, "ls", "--mock", "--columns")
    assert both.exit_code == 2 and "give one of them" in both.output


def test_ls_mock_after_a_partial_mock_names_what_is_missing(profiled) -> None:
    root, _ = profiled
    ok(root, "mock", "-s", "raw.people")
    out = refused(root, "ls", "--mock")
    assert "holds no mock of crm.accounts" in out and "datanet build --mock" in out


def test_test_mock_tests_what_run_mock_built(profiled) -> None:
    root, real = profiled
    (root / "models" / "rich.yml").write_text(
        "models:\n  - name: rich\n    columns:\n      - {name: id, tests: [not_null]}\n")
    assert "there is no mock warehouse yet" in refused(root, "test", "--mock")
    ok(root, "run", "--mock")
    out = ok(root, "test", "--mock")
    assert "PASS  test not_null_rich_id" in out and "test on mock" in out
    bad = invoke(root, "test", "--mock", "--mock-rows", "3")
    assert bad.exit_code == 2 and "give them to `run --mock` or `build --mock`" in bad.output
    assert _dev(root, REAL_ROWS) == real


def test_a_mock_build_leaves_the_real_compile_artifacts_alone(profiled) -> None:
    root, _ = profiled
    artifacts = [root / ".datanet" / "manifest.json", root / "target" / "manifest.json",
                 root / ".datanet" / "compiled" / "dev" / "rich.sql"]
    before = [p.read_bytes() for p in artifacts]
    ok(root, "build", "--mock")
    assert [p.read_bytes() for p in artifacts] == before
    assert json.loads(ok(root, "ls", "--mock", "--output", "json"))
