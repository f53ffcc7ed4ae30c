"""Postgres failures seen from the CLI: the server down, a model failing mid-run, secrets."""

from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path

import psycopg
import pytest
import yaml
from click.testing import CliRunner

from datanet_sql.cli.main import cli

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "projects" / "mini"
PG_DSN = "postgresql://postgres@127.0.0.1:5432/test"


def _project(tmp_path: Path, target: dict) -> Path:
    root = tmp_path / "mini"
    shutil.copytree(MINI, root, ignore=shutil.ignore_patterns(".datanet"))
    (root / "targets.yml").write_text(yaml.safe_dump({"pg": target}), encoding="utf-8")
    return root


def _run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [*args, "--project-dir", str(root), "--target", "pg"])
    return result.exit_code, result.output


@pytest.fixture
def schema() -> str:
    name = f"pgf_{uuid.uuid4().hex[:8]}"
    yield name
    with psycopg.connect(PG_DSN, autocommit=True) as con:
        for suffix in ("", "_raw"):
            con.execute(f'DROP SCHEMA IF EXISTS "{name}{suffix}" CASCADE')


def test_unreachable_server_is_one_clear_error_without_the_password(tmp_path: Path) -> None:
    root = _project(tmp_path, {"type": "postgres", "schema": "x",
                               "dsn": "postgresql://alice:s3cr3t-pw@127.0.0.1:1/test"})
    code, output = _run(root, "run")
    assert code == 1
    assert "127.0.0.1:1" in output and "Traceback" not in output
    assert "s3cr3t-pw" not in output
    # nothing else was attempted: nothing compiled, the run recorded as refused
    assert not (root / ".datanet" / "manifest.json").exists()
    results = json.loads((root / ".datanet" / "run_results.json").read_text())
    assert results["status"] == "error" and "127.0.0.1:1" in results["message"]
    assert results["results"] == [] and "s3cr3t-pw" not in json.dumps(results)


def test_password_from_env_var_never_reaches_artifacts(tmp_path: Path, schema: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATANET_TEST_PG", "postgresql://postgres:unused-pw@127.0.0.1:5432/test")
    root = _project(tmp_path, {"type": "postgres", "schema": schema,
                               "dsn": "{{ env_var('DATANET_TEST_PG') }}"})
    code, output = _run(root, "build")
    assert code == 0, output
    for artifact in (root / ".datanet").glob("*.json"):
        assert "unused-pw" not in artifact.read_text()
    assert "unused-pw" not in output


def test_a_model_failing_mid_run_leaves_its_old_table_intact(tmp_path: Path, schema: str) -> None:
    root = _project(tmp_path, {"type": "postgres", "dsn": PG_DSN, "schema": schema})
    code, output = _run(root, "run")
    assert code == 0, output
    with psycopg.connect(PG_DSN) as con:
        before = con.execute(f'SELECT * FROM "{schema}".customer_revenue ORDER BY 1').fetchall()
    assert len(before) == 3
    model = root / "models" / "marts" / "customer_revenue.sql"
    # still compiles, fails on the server: a text that is not a number
    model.write_text(model.read_text().replace("count(o.order_id) as orders",
                                               "count(o.order_id) + cast(c.name as integer) "
                                               "as orders"))
    code, output = _run(root, "run")
    assert code == 1
    assert "customer_revenue" in output and "Traceback" not in output
    with psycopg.connect(PG_DSN) as con:
        after = con.execute(f'SELECT * FROM "{schema}".customer_revenue ORDER BY 1').fetchall()
    assert after == before
