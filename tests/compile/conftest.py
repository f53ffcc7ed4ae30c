"""Fixtures for the compiler's tests (helpers live in compile_helpers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from compile_helpers import FIXTURES, copy_project


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    return copy_project(FIXTURES / "mini", tmp_path / "mini")


@pytest.fixture
def dbt_shop(tmp_path: Path) -> Path:
    return copy_project(FIXTURES / "dbt_shop", tmp_path / "dbt_shop")
