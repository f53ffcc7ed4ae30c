"""Run results: one record per executed node, written to .datanet/run_results.json."""

from __future__ import annotations

import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from datanet_sql.fs import atomic

# statuses: success (built), error (failed), skipped (an upstream failed or the run stopped),
# pass / fail / warn (tests)
FAILED = ("error", "fail")
# statuses of a whole run: running (written at its start: a run killed with -9 stays so),
# then success, error (a node failed, or the run was refused before building) or interrupted
# (Ctrl-C or SIGTERM; the nodes that finished are listed)
RUN_STATUSES = ("running", "success", "error", "interrupted")


OPERATION = "operation"  # the kind of a project hook's result (dbt's `operation.` ids)
SAVED_QUERY = "saved_query"  # a saved query's in a dbt project's build (run/saved_queries.py)


@dataclass
class NodeResult:
    unique_id: str
    name: str
    kind: str
    status: str
    started_at: float = 0.0
    duration: float = 0.0
    rows: int | None = None
    message: str = ""
    action: str = ""
    heals: list[str] = field(default_factory=list)  # compile-time schema heals applied
    bytes: int | None = None  # bytes processed or written, where the engine reports them
    flags: list[str] = field(default_factory=list)  # anomaly tests: the metrics that alerted
    # what the engine reported of the build, where datanet has it (a custom materialization's
    # `statement('main')`): dbt's adapter_response
    adapter_response: dict[str, Any] | None = None


@dataclass
class RunResults:
    command: str
    target: str
    started_at: float = field(default_factory=time.time)
    duration: float = 0.0
    results: list[NodeResult] = field(default_factory=list)
    status: str = "running"
    message: str = ""  # why a run ended before its nodes did (refused, interrupted)
    pid: int = field(default_factory=os.getpid)
    # how the run was invoked (select, exclude, vars, flags): what `datanet retry` repeats
    args: dict[str, Any] = field(default_factory=dict)

    @property
    def failed(self) -> list[NodeResult]:
        return [r for r in self.results if r.status in FAILED]

    @property
    def success(self) -> bool:
        """No node failed and the run was not stopped (running: so far)."""
        return self.status in ("running", "success") and not self.failed

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for result in self.results:
            counts[result.status] = counts.get(result.status, 0) + 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        return {"command": self.command, "target": self.target, "status": self.status,
                "message": self.message, "pid": self.pid, "args": self.args,
                "started_at": self.started_at,
                "elapsed": round(self.duration, 4), "counts": self.counts(),
                "results": [asdict(r) for r in self.results]}

    def write(self, path: Path) -> None:
        atomic.write_json(path, self.to_dict(), indent=1)
