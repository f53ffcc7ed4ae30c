"""A small real project (the jaffle_shop fixture), built on DuckDB so state.db holds a run, and
its docs site generated: shared by the data-file and the browser tests.

Before the build, 30 days of measurements of `orders` around 1,000 rows are written through the
state API and `orders` gets an anomaly test, so the build (99 rows) raises a row-count alert
that the charts mark."""

from __future__ import annotations

from pathlib import Path

import pytest
from docs_helpers import copy_shop, datanet, with_history

ANOMALY = """
  - name: orders
    tests:
      - anomaly: {metrics: [row_count, null_rate]}
"""


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    """A fresh copy of the project, never built."""
    return copy_shop(tmp_path)


@pytest.fixture(scope="package")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project after `datanet build` then `datanet docs generate`; returns its root."""
    root = copy_shop(tmp_path_factory.mktemp("docs"))
    schema = root / "models" / "schema.yml"
    schema.write_text(schema.read_text().replace("\n  - name: orders\n", ANOMALY, 1))
    with_history(root, "model.orders", days=30)
    built = datanet("build", "--project-dir", root)
    assert built.exit_code == 0, built.output
    made = datanet("docs", "generate", "--project-dir", root)
    assert made.exit_code == 0, made.output
    assert "Docs of 8 nodes written to" in made.stdout
    return root
