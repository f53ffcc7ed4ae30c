"""A Postgres table as a source: compiled against its real columns, inferred, built."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from datanet_sql.cli.main import cli
from pg_source_project import pg_source_project


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    accounts = ("SELECT g AS id, 'acct ' || g AS name, (g * 1.5)::numeric(10,2) AS balance "
                "FROM generate_series(1, 50) g")
    models = {"rich": "select id, name, balance from {{ source('crm', 'accounts') }} "
                      "where balance > 30\n"}
    with pg_source_project(tmp_path, accounts, models) as (root, _):
        yield root


def _cli(root: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, [*args, "--project-dir", str(root)])
    assert result.exit_code == 0, result.output
    return result.output


def test_table_source_is_compiled_inferred_and_built(project: Path) -> None:
    _cli(project, "compile")
    manifest = json.loads((project / ".datanet" / "manifest.json").read_text())
    columns = manifest["nodes"]["model.rich"]["columns"]
    assert list(columns) == ["id", "name", "balance"]
    assert columns["balance"]["type"].upper().startswith("DECIMAL")
    rows = {r["column"]: r for r in json.loads(_cli(project, "infer", "--output", "json"))}
    assert rows["balance"]["semantic"] == "money"
    _cli(project, "run")
    shown = _cli(project, "show", "rich", "--format", "json", "--limit", "100")
    assert len(json.loads(shown)) == 30
    contract = yaml.safe_load((project / "profiles" / "crm.accounts.yml").read_text())
    assert contract["row_count"] == 50  # fingerprinted in Postgres: healed like any source
    assert [c["name"] for c in contract["columns"]] == ["id", "name", "balance"]
    assert contract["columns"][0]["unique"] is True and contract["columns"][2]["mean"] == 38.25


def test_a_column_the_table_lacks_is_a_compile_error(project: Path) -> None:
    model = project / "models" / "rich.sql"
    model.write_text(model.read_text().replace("balance >", "balanse >"))
    result = CliRunner().invoke(cli, ["compile", "--project-dir", str(project)])
    assert result.exit_code == 1
    assert "reads column 'balanse'" in result.output and "Did you mean 'balance'" in result.output


def test_profile_of_a_postgres_table_runs_in_postgres_and_feeds_mock_builds(project: Path) -> None:
    assert "crm.accounts.yml" in _cli(project, "profile")
    profile = yaml.safe_load((project / "profiles" / "crm.accounts.yml").read_text())
    columns = {c["name"]: c for c in profile["columns"]}
    assert profile["row_count"] == 50 and columns["id"]["unique"] is True
    assert columns["balance"]["quantiles"][0] == 1.5 and columns["balance"]["quantiles"][-1] == 75
    _cli(project, "build", "--mock")
    results = json.loads((project / ".datanet" / "run_results.json").read_text())
    assert {r["name"]: r["status"] for r in results["results"]}["rich"] == "success"
