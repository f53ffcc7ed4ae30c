"""Mock tables from learned profiles: same shapes, correlations, NULLs, keys; no real values."""

from __future__ import annotations

from datanet_sql.mock.generate import fk_order, generate_mock
from datanet_sql.mock.write import write_files

__all__ = ["fk_order", "generate_mock", "write_files"]
