"""Golden compiled SQL per dialect for the fixture projects and the example.

`datanet compile --dialect X` must write exactly tests/compile/golden/<project>/<X>/<model>.sql.
Run with UPDATE_GOLDEN=1 to rewrite the golden files after an intended change (and review the
diff in git).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from compile_helpers import EXAMPLES, FIXTURES, copy_project, run_cli

GOLDEN = Path(__file__).parent / "golden"
DIALECTS = ["duckdb", "postgres", "spark", "snowflake", "bigquery", "trino", "redshift"]
PROJECTS = {"mini": FIXTURES / "mini", "dbt_shop": FIXTURES / "dbt_shop",
            "shop": EXAMPLES / "shop"}
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One copy per project for all dialects: the analysis cache is shared, emit is not."""
    root = tmp_path_factory.mktemp("golden")
    return {name: copy_project(src, root / name) for name, src in PROJECTS.items()}


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("project", sorted(PROJECTS))
def test_compiled_sql_matches_golden(project: str, dialect: str,
                                     copies: dict[str, Path]) -> None:
    root = copies[project]
    result = run_cli("compile", "--project-dir", root, "--dialect", dialect)
    assert result.exit_code == 0, result.output
    assert f"for {dialect}" in result.stdout
    folder = Path(re.search(r"-> (.+)$", result.stdout, re.M).group(1))  # the target's folder
    compiled = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.sql"))}
    golden_dir = GOLDEN / project / dialect
    if UPDATE:
        shutil.rmtree(golden_dir, ignore_errors=True)
        golden_dir.mkdir(parents=True)
        for name, text in compiled.items():
            (golden_dir / name).write_text(text, encoding="utf-8")
    expected = {p.name: p.read_text(encoding="utf-8") for p in sorted(golden_dir.glob("*.sql"))}
    assert sorted(compiled) == sorted(expected), "models compiled differ from the golden set"
    for name, text in expected.items():
        assert compiled[name] == text, f"{project}/{dialect}/{name} differs from golden"


def test_golden_files_differ_per_dialect() -> None:
    """The goldens are really per dialect: quoting, types and window syntax differ."""
    def text(project: str, dialect: str, model: str) -> str:
        return (GOLDEN / project / dialect / model).read_text(encoding="utf-8")

    assert '"stg_orders"' in text("mini", "duckdb", "customer_revenue.sql")
    assert "`stg_orders`" in text("mini", "spark", "customer_revenue.sql")
    assert "AS INT64)" in text("mini", "bigquery", "stg_customers.sql")
    assert "AS INT)" in text("mini", "postgres", "stg_customers.sql")
    # BigQuery cannot write NULLS LAST in a window: the order is kept with an IS NULL key
    assert "`daily`.`order_day` IS NULL, `daily`.`order_day`" in \
        text("shop", "bigquery", "daily_revenue.sql")


def test_compile_only_dialects_emit_what_their_engine_runs() -> None:
    """Snowflake folds unquoted names to upper case, so a quoted lower-case name is another
    object: names are bare (or upper case in quotes where a keyword); BigQuery keeps a
    decimal's precision and scale; a dialect without a target of its own gets its engine's
    default schema, never DuckDB's `main`."""
    snowflake = "".join(p.read_text(encoding="utf-8")
                        for p in (GOLDEN / "shop" / "snowflake").glob("*.sql"))
    assert re.findall(r'"[^"\n]*[a-z][^"\n]*"', snowflake) == []
    assert "FROM analytics.stg_orders" in snowflake
    assert "main." not in snowflake
    assert "AS NUMERIC(12, 2))" in \
        (GOLDEN / "shop" / "bigquery" / "stg_order_items.sql").read_text(encoding="utf-8")
    assert "FROM `analytics`.`stg_orders`" in \
        (GOLDEN / "mini" / "bigquery" / "customer_revenue.sql").read_text(encoding="utf-8")
    assert '"shop"."stg_orders"' in \
        (GOLDEN / "shop" / "postgres" / "fct_orders.sql").read_text(encoding="utf-8")
