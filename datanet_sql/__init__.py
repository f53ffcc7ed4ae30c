"""datanet: a SQL compiler and warehouse runner for version-controlled data projects."""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__"]
