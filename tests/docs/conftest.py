"""A small real project (the jaffle_shop fixture), built on DuckDB so state.db holds a run, and
its docs site generated: shared by the data-file and the browser tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from docs_helpers import copy_shop, datanet


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    """A fresh copy of the project, never built."""
    return copy_shop(tmp_path)


@pytest.fixture(scope="package")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project after `datanet build` then `datanet docs generate`; returns its root."""
    root = copy_shop(tmp_path_factory.mktemp("docs"))
    built = datanet("build", "--project-dir", root)
    assert built.exit_code == 0, built.output
    made = datanet("docs", "generate", "--project-dir", root)
    assert made.exit_code == 0, made.output
    assert "Docs of 8 nodes written to" in made.stdout
    return root
