"""Package attributes imported from their modules when first asked for (PEP 562).

A package whose `__init__` imported every module made each user of one small module (healing's
sketches use `generate.sqlfn`) pay for all of them at start-up. Such a package lists where each
public name lives and defines
`def __getattr__(name): return lazy_attribute(__name__, HOMES, globals(), name)`.
"""

from __future__ import annotations

import importlib
from typing import Any


def lazy_attribute(package: str, homes: dict[str, str], namespace: dict[str, Any],
                   name: str) -> Any:
    """`name` of `package`, imported from the submodule `homes` says defines it and kept in
    `namespace` (the package's globals), so the next look-up finds it there."""
    home = homes.get(name)
    if home is None:
        raise AttributeError(f"module {package!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{package}.{home}"), name)
    namespace[name] = value
    return value
