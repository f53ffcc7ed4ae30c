"""Fixtures for runner tests (helpers live in run/helpers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from run.helpers import copy_fixture


@pytest.fixture
def jaffle(tmp_path: Path) -> Path:
    return copy_fixture("jaffle_shop", tmp_path)
