"""`--log-format json`: every line a run prints is one JSON object in dbt's envelope."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from datanet_sql.cli.main import cli

SHOP = Path(__file__).parents[1] / "fixtures" / "projects" / "dbt_shop"


def _events(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_a_failing_build_logs_json_lines_only(tmp_path: Path) -> None:
    root = tmp_path / "shop"
    shutil.copytree(SHOP, root)
    (root / "models" / "orphan.yml").write_text("version: 2\nmodels:\n  - name: nowhere\n")
    result = CliRunner().invoke(cli, ["build", "--project-dir", str(root), "--log-format",
                                      "json"])  # after the command, as dbt allows
    assert result.exit_code == 1
    events = _events(result.stdout)  # raises if any line is not JSON
    assert all({"name", "level", "msg", "ts", "invocation_id"} <= set(e["info"])
               for e in events)
    assert len({e["info"]["invocation_id"] for e in events}) == 1
    by_name = {}
    for event in events:
        by_name.setdefault(event["info"]["name"], []).append(event)
    models = {e["data"]["node_info"]["node_name"]: e for e in by_name["LogModelResult"]}
    assert models["orders"]["data"]["status"] == "success"
    assert models["orders"]["data"]["node_info"]["rows"] == 7
    assert models["customers"]["data"]["status"] == "skipped"
    assert any(e["data"]["status"] == "pass" for e in by_name["LogTestResult"])
    assert "nowhere" in " ".join(e["info"]["msg"] for e in by_name["Note"])
    assert by_name["Note"][0]["info"]["level"] == "warn"
    stats = by_name["StatsLine"][0]["data"]["stats"]
    assert stats["error"] == 1 and stats["skipped"] == 5
    error = by_name["MainEncounteredError"][0]
    assert error["info"]["level"] == "error" and "build failed" in error["data"]["exc"]


def test_text_stays_the_default_and_a_bad_format_is_a_usage_error(tmp_path: Path) -> None:
    root = tmp_path / "shop"
    shutil.copytree(SHOP, root)
    text = CliRunner().invoke(cli, ["seed", "--project-dir", str(root)])
    assert text.exit_code == 0 and "OK" in text.output and "{" not in text.output
    bad = CliRunner().invoke(cli, ["--log-format", "xml", "seed", "--project-dir", str(root)])
    assert bad.exit_code == 2 and "'xml' is not one of 'text', 'json'" in bad.output
