"""A compiled project bound to its target's adapter: what a command working on the warehouse
holds. A module of its own, so a command that compiles only part of the project (`ingest`,
see ingest/project.py) need not import the runner to hold one."""

from __future__ import annotations

from dataclasses import dataclass

from datanet_sql.adapters.base import Adapter
from datanet_sql.compile.context import CompileContext
from datanet_sql.project.manifest import Manifest


@dataclass
class Session:
    """A compiled project bound to its target's adapter (close() when done)."""

    manifest: Manifest
    ctx: CompileContext
    adapter: Adapter
    # the target is one datanet compiles for but cannot run on here (Snowflake, BigQuery...):
    # only unit tests run, since they need no warehouse
    unit_tests_only: bool = False

    def close(self) -> None:
        self.adapter.close()
