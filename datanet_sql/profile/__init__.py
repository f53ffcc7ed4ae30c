"""Learned profiles of source tables: statistics by SQL, models by numpy/scikit-learn."""

from __future__ import annotations

from datanet_sql.profile.learn import profile_table, profile_tables
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
