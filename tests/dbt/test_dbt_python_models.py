"""dbt Python models are refused with an error naming the file; the rest of the project builds."""

from __future__ import annotations

import json
from pathlib import Path

from dbt_project_helpers import datanet, dbt_project, rows


def test_a_python_model_is_a_clear_error_and_only_its_readers_are_skipped(
        tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", {
        "models/scored.py": "def model(dbt, session):\n    return dbt.ref('a').df()\n",
        "models/scored.yml": {"models": [{"name": "scored", "description": "documented",
                                            "columns": [{"name": "x",
                                                         "data_tests": ["not_null"]}]}]},
        "models/a.sql": "select 1 as x",
        "models/reader.sql": "select * from {{ ref('scored') }}"})
    result = datanet(root, "build")
    assert result.exit_code == 1
    assert "models/scored.py: Python models are not supported" in result.output
    assert "SKIP  model reader" in result.output and "Traceback" not in result.output
    assert "described but there is no" not in result.output
    assert rows(root, "select * from main.a") == [(1,)]
    listed = datanet(root, "ls", "--resource-type", "model", "--output", "name").output.split()
    assert "scored" in listed


def test_a_python_models_parents_are_read_from_its_code(tmp_path: Path) -> None:
    """As dbt records them: `dbt.ref`/`dbt.source` calls are its parents (lineage, and
    skipped when one fails, as under dbt), read without running the code."""
    root = dbt_project(tmp_path / "p", {
        "models/broken.sql": "select * from nowhere",
        "models/a.sql": "select 1 as x",
        "models/late.py": "def model(dbt, session):\n"
                          "    return dbt.ref('broken').df().join(dbt.ref('p', 'a').df())\n",
        "models/early.py": "def model(dbt, session):\n    return dbt.ref('a').df()\n"})
    result = datanet(root, "build")
    assert result.exit_code == 1
    assert "SKIP  model late" in result.output
    assert "models/early.py: Python models are not supported" in result.output
    manifest = json.loads((root / "target" / "manifest.json").read_text())
    assert manifest["nodes"]["model.p.late"]["depends_on"]["nodes"] == [
        "model.p.broken", "model.p.a"]
