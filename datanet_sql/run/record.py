"""A run's record in .datanet/run_results.json and state.db, from its first moment to its end.

Written `running` before anything is compiled or built, so a CI step reading the files after a
kill -9 sees a run that did not finish, never the previous run's success. A run that ends by
an exception is closed here too: Ctrl-C and SIGTERM make it `interrupted` (the nodes that
finished are listed, the rest `skipped`), a refusal before or during building (warehouse
down, compile error) makes it `error` with the reason.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from datanet_sql.artifacts.dbt_run_results import write_dbt_run_results
from datanet_sql.artifacts.ids import TARGET_DIR
from datanet_sql.errors import DatanetError
from datanet_sql.observe.state import StateStore
from datanet_sql.project.manifest import Manifest
from datanet_sql.run.results import NodeResult, RunResults

NOT_FINISHED = {"interrupted": "not finished: the run was interrupted (a build in flight was "
                               "rolled back)",
                "error": "not finished: the run stopped with an error (see its message)"}


class RunRecord:
    """One run's entry in both files; `finish` or `guard` closes it exactly once."""

    def __init__(self, state_dir: Path, command: str, target: str,
                 args: dict[str, Any] | None = None) -> None:
        self.path = state_dir / "run_results.json"
        self.store = StateStore(state_dir / "state.db")
        self.results = RunResults(command, target, args=args or {})
        self._clock = time.perf_counter()
        self.results.write(self.path)
        self.run_id = self.store.begin(self.results)
        self.closed = False
        self.manifest: Manifest | None = None
        self.planned: Sequence[str] = ()
        self.invocation_id = ""
        # dbt's shape has no run status: until this run ends, no file rather than the last one
        (state_dir.parent / TARGET_DIR / "run_results.json").unlink(missing_ok=True)

    def expect(self, manifest: Manifest, planned: Sequence[str], invocation_id: str) -> None:
        """The nodes the run is about to execute: those left unfinished are listed on abort."""
        self.manifest, self.planned, self.invocation_id = manifest, planned, invocation_id

    def node_finished(self, result: NodeResult) -> None:
        """Keep a finished node, so an interrupted run can still list it."""
        self.results.results.append(result)

    def finish(self, results: RunResults) -> RunResults:
        """Close the record with the executor's results: success or error."""
        results.started_at, results.pid = self.results.started_at, self.results.pid
        results.args = self.results.args
        results.status = "success" if results.success else "error"
        return self._close(results)

    @contextlib.contextmanager
    def guard(self) -> Iterator[None]:
        """Close the record if the block raises: interrupted on Ctrl-C/SIGTERM, else error."""
        try:
            yield
        except KeyboardInterrupt:
            self._abort("interrupted", "interrupted (Ctrl-C or SIGTERM)")
            raise
        except DatanetError as err:
            self._abort("error", err.render())
            raise
        except BaseException as err:
            self._abort("error", f"{type(err).__name__}: {err}")
            raise

    def _abort(self, status: str, message: str) -> None:
        if self.closed:
            return
        results = self.results
        results.status, results.message = status, message
        done = {r.unique_id for r in results.results}
        for node_id in self.planned:
            if self.manifest is not None and node_id not in done:
                node = self.manifest.nodes[node_id]
                results.results.append(NodeResult(node.unique_id, node.name, node.kind,
                                                  "skipped", time.time(),
                                                  message=NOT_FINISHED[status]))
        results.duration = time.perf_counter() - self._clock
        self._close(results)

    def _close(self, results: RunResults) -> RunResults:
        results.write(self.path)
        if self.manifest is not None:  # target/run_results.json, for the dbt ecosystem
            write_dbt_run_results(results, self.manifest, self.path.parent.parent,
                                  self.invocation_id)
        self.store.finish(self.run_id, results)
        self.closed = True
        self.results = results
        return results
