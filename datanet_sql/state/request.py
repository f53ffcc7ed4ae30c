"""`--state DIR [--defer] [--favor-state] [--state-children columns|all]`: read before the
compile (which rewrites target/, possibly the very folder given), applied after it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from datanet_sql.artifacts.ids import database_of
from datanet_sql.compile.context import CompileContext
from datanet_sql.config.targets import duckdb_targets
from datanet_sql.project.manifest import Manifest
from datanet_sql.state.comparison import compare
from datanet_sql.state.defer import Deferral
from datanet_sql.state.prior import PriorState, load_state


@dataclass(frozen=True)
class StateRequest:
    folder: Path
    prior: PriorState
    defer: bool = False
    favor_state: bool = False
    all_children: bool = False

    @classmethod
    def read(cls, folder: Path, defer: bool = False, favor_state: bool = False,
             all_children: bool = False) -> StateRequest:
        return cls(folder, load_state(folder), defer, favor_state, all_children)

    def args(self) -> dict[str, Any]:
        """How it was asked, for run_results.json (what `datanet retry` repeats)."""
        return {"state": str(self.folder), "defer": self.defer, "favor_state": self.favor_state,
                "state_children": "all" if self.all_children else "columns"}

    def attach(self, manifest: Manifest, ctx: CompileContext) -> list[str]:
        """Compare the compiled project with the state (for selection); returns the
        warnings to show: a dropped or retyped column a child reads."""
        manifest.state = compare(self.prior, manifest, ctx.read_dialect, self.all_children)
        return manifest.state.breaking()

    def deferral(self, ctx: CompileContext, mock: bool) -> Deferral | None:
        if not self.defer:
            return None
        targets = tuple((str(database_of(t)), str(t["path"]))
                        for t in duckdb_targets(ctx.project.root).values())
        return Deferral(self.prior, self.favor_state, mock, targets)
