"""`datanet retry`: what the last run left undone, read from .datanet/run_results.json.

The record of a run holds how it was invoked (`args`) and every node's status, including the
nodes an interrupted run never reached (recorded `skipped`), so a retry needs nothing else. A
run killed with -9 is still `running` with no node results: it is repeated as it was asked.
"""

from __future__ import annotations

import json
from pathlib import Path

from datanet_sql.errors import ConfigError
from datanet_sql.run.results import OPERATION, SAVED_QUERY, NodeResult, RunResults

RETRYABLE = ("run", "test", "build", "seed", "snapshot")
_UNDONE = ("error", "fail", "skipped")


def last_run(state_dir: Path) -> RunResults:
    """The last run's record; an error when there is none or it cannot be retried."""
    path = state_dir / "run_results.json"
    if not path.is_file():
        raise ConfigError("no run to retry: .datanet/run_results.json does not exist",
                          hint="run `datanet build` (or run/test/seed) first")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        results = [NodeResult(**r) for r in data.get("results", [])]
        last = RunResults(data["command"], data["target"], results=results,
                          status=data.get("status", "error"), args=data.get("args") or {})
    except (ValueError, KeyError, TypeError) as err:
        raise ConfigError(f"cannot read the last run's record: {err}",
                          file=".datanet/run_results.json",
                          hint="run the command again instead of retrying it") from None
    if last.command not in RETRYABLE:
        raise ConfigError(f"the last command was `{last.command}`, which retry does not repeat",
                          hint=f"retry repeats {', '.join(RETRYABLE)}")
    return last


def retry_selection(last: RunResults) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(select, exclude) that repeat what is undone; None when the run succeeded in full."""
    # a failed on-run-start hook is no node (it runs again with any command), nor is a saved
    # query (skipped when what it reads failed, which the retry takes along)
    undone = [r.unique_id for r in last.results
              if r.status in _UNDONE and r.kind not in (OPERATION, SAVED_QUERY)]
    if undone:
        return (" ".join(f"unique_id:{uid}" for uid in undone),), ()
    if last.status == "success":
        return None
    # stopped before it recorded any node (killed, or refused at compile): all of it again
    return tuple(last.args.get("select") or ()), tuple(last.args.get("exclude") or ())
