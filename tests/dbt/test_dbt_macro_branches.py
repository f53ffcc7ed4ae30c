"""A node's `depends_on.macros` counts the branch of an inline `a if c else b` that dbt's
parse takes when `c` reads only the target (dbt-project-evaluator's `metricflow_time_spine`:
`"current_date()" if target.type in ["duckdb"] else dbt.current_timestamp()`); any other
condition counts both branches, as before."""

from __future__ import annotations

import json
from pathlib import Path

from hooks_helpers import datanet, dbt_project


def test_only_the_branch_the_target_takes_is_a_dependency(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", {
        "models/by_type.sql":
            "{% set day = \"current_date\" if target.type in [\"duckdb\"] else "
            "dbt.current_timestamp() %}select {{ day }} as d",
        "models/not_trino.sql":
            "select {{ dbt.current_timestamp() if target.type != 'trino' else 'now()' }} as t",
        "models/by_var.sql":
            "select {{ dbt.current_timestamp() if var('live', false) else dbt.safe_cast('1', dbt.type_int()) "
            "}} as v"})
    result = datanet("compile", "--project-dir", root)
    assert result.exit_code == 0, result.output
    nodes = json.loads((root / "target" / "manifest.json").read_text())["nodes"]
    macros = {name: nodes[f"model.shop.{name}"]["depends_on"]["macros"]
              for name in ("by_type", "not_trino", "by_var")}
    assert macros == {"by_type": [], "not_trino": ["macro.dbt.current_timestamp"],
                      "by_var": ["macro.dbt.current_timestamp", "macro.dbt.type_int",
                                 "macro.dbt.safe_cast"]}
