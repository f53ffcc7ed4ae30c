"""examples/shop (file sources: CSV, Parquet, NDJSON glob; incremental; declarative models)
builds end to end with `datanet build`, every data test passing."""

from __future__ import annotations

import shutil
from pathlib import Path

from run.helpers import REPO, query, run


def test_example_shop_builds_with_its_tests_passing(tmp_path: Path) -> None:
    root = tmp_path / "shop"
    shutil.copytree(REPO / "examples" / "shop", root, ignore=shutil.ignore_patterns(".datanet"))
    results = run(root, "build", threads=4)
    problems = [(r.name, r.status, r.message) for r in results.results
                if r.status not in ("success", "pass")]
    assert results.success and not problems, problems
    counts = results.counts()
    assert counts["pass"] >= 30 and counts["success"] >= 17
    models = {r.name for r in results.results if r.kind == "model"}
    assert {"stg_orders", "fct_orders", "dim_customers", "daily_revenue"} <= models
    assert query(root, "select count(*) from fct_orders") == [(2217,)]
