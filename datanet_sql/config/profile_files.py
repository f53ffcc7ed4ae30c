"""Where dbt's profiles.yml is looked for, in dbt's order (standard library only: an unchanged
recompile checks these files before anything heavy is imported)."""

from __future__ import annotations

import os
from pathlib import Path

PROFILES = "profiles.yml"


def profile_files(root: Path) -> list[Path]:
    """$DBT_PROFILES_DIR, the project folder, then ~/.dbt."""
    folders = [os.environ.get("DBT_PROFILES_DIR"), str(root), str(Path.home() / ".dbt")]
    return [Path(folder) / PROFILES for folder in folders if folder]
