"""Learned profiles of source tables: statistics by SQL, models by numpy/scikit-learn.

`profile_table(s)` are loaded on first use (PEP 562): learning needs numpy and scipy, which
cost more than a whole unchanged `run` to import, while healing and mocks only read profiles
through `datanet_sql.profile.model`.
"""

from __future__ import annotations

from typing import Any

from datanet_sql.profile.model import (
    WITHHELD_SEMANTICS,
    ColumnProfile,
    TableProfile,
    load_profile,
    load_profiles,
    profile_path,
    save_profile,
    save_profiles,
)

__all__ = ["WITHHELD_SEMANTICS", "ColumnProfile", "TableProfile", "load_profile", "load_profiles",
           "profile_path", "profile_table", "profile_tables", "save_profile",
           "save_profiles"]

_LEARN = ("profile_table", "profile_tables")


def __getattr__(name: str) -> Any:
    if name in _LEARN:
        from datanet_sql.profile import learn

        return getattr(learn, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
