"""The GitHub Actions workflow that project_template/ and examples/shop ship, run here: its
`run:` steps in bash (the `uses:` steps, checkout and cache, are GitHub's), as a push to main
and then as a pull request that changes one column."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
TEMPLATE_WORKFLOW = REPO / "datanet_sql" / "project_template" / ".github" / "workflows" / \
    "datanet.yml"
SHOP_WORKFLOW = REPO / "examples" / "shop" / ".github" / "workflows" / "datanet.yml"


def _steps(event: str) -> list[str]:
    """The run: scripts of the job that a push or a pull request would run, in order."""
    job = yaml.safe_load(TEMPLATE_WORKFLOW.read_text())["jobs"]["datanet"]
    scripts = []
    for step in job["steps"]:
        condition = str(step.get("if", ""))
        if "run" not in step or step["run"].startswith("pip install"):
            continue
        if condition and "always()" not in condition and f"'{event}'" not in condition:
            continue
        scripts.append(step["run"])
    return scripts


def _run_job(root: Path, event: str, bin_dir: Path) -> str:
    """One job on a fresh checkout (.datanet/ removed); returns the job summary."""
    shutil.rmtree(root / ".datanet", ignore_errors=True)
    summary = root / f"summary-{event}.md"
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
           "PYTHONPATH": str(REPO), "GITHUB_EVENT_NAME": event, "STATE": ".datanet-main-state",
           "GITHUB_STEP_SUMMARY": str(summary)}
    for script in _steps(event):
        done = subprocess.run(["bash", "-e", "-c", script], cwd=root, env=env,
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, f"{script}\n{done.stdout}\n{done.stderr}"
    return summary.read_text() if summary.exists() else ""


def test_the_example_ships_the_template_workflow() -> None:
    assert SHOP_WORKFLOW.read_text() == TEMPLATE_WORKFLOW.read_text()
    text = TEMPLATE_WORKFLOW.read_text()
    assert 'datanet build --mock -s state:modified+ --defer --state "$STATE"' in text
    assert 'datanet diff --mock --state "$STATE" --format markdown' in text


def test_push_then_pull_request(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "datanet").write_text(f'#!/bin/sh\nexec {sys.executable} -m datanet_sql "$@"\n')
    (bin_dir / "datanet").chmod(0o755)
    root = tmp_path / "starter"
    shutil.copytree(TEMPLATE_WORKFLOW.parents[2], root)
    _run_job(root, "push", bin_dir)
    assert (root / ".datanet-main-state" / "manifest.json").is_file()
    assert (root / ".datanet-main-state" / "mock.duckdb").is_file()

    stg = root / "models" / "staging" / "stg_orders.sql"
    stg.write_text(stg.read_text().replace("order_id,", "order_id, 1 as batch,", 1))
    summary = _run_job(root, "pull_request", bin_dir)
    assert "### Healing plan" in summary
    assert "| `stg_orders` | modified (body): batch (added) |" in summary
    # customer_orders reads stg_orders, but none of its columns changed: not rebuilt
    assert "| `customer_orders` | no | reads stg_orders." in summary
