"""Where dbt's profiles.yml is looked for, in dbt's order, and which of its profiles is read
(standard library only: an unchanged recompile checks these files before anything heavy is
imported)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import Any

PROFILES = "profiles.yml"

# `--profile` (or DBT_PROFILE) of the running command: wins over dbt_project.yml's `profile:`
_CHOSEN: ContextVar[str | None] = ContextVar("chosen_profile", default=None)


def profile_files(root: Path) -> list[Path]:
    """$DBT_PROFILES_DIR, the project folder, then ~/.dbt."""
    folders = [os.environ.get("DBT_PROFILES_DIR"), str(root), str(Path.home() / ".dbt")]
    return [Path(folder) / PROFILES for folder in folders if folder]


@contextlib.contextmanager
def chosen_profile(name: str | None) -> Iterator[None]:
    """Run the block with the profile `--profile` names (None: the project's own), as dbt's
    flag overrides `profile:` of dbt_project.yml."""
    token = _CHOSEN.set(name or None)
    try:
        yield
    finally:
        _CHOSEN.reset(token)


def chosen() -> str | None:
    """The profile `--profile` names for the running command, if any."""
    return _CHOSEN.get()


def profile_name(project: dict[str, Any]) -> str:
    """The profile a dbt project reads: `--profile`, else its `profile:`, else its name."""
    return str(chosen() or project.get("profile") or project.get("name") or "")
