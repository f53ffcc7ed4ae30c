"""After a run: measure the tables it built (and the sources they read) into the state
database, and drop what is older than the project's retention (`history: {keep_days: N}`).

Runs on mock data are recorded under `<target>:mock`, so learning from history never mixes
generated data with the warehouse's.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from datanet_sql.errors import DatanetError
from datanet_sql.observe.measure import measure, measured_table
from datanet_sql.observe.state import StateStore, TableMetrics
from datanet_sql.run.results import RunResults

MEASURED_KINDS = ("model", "seed", "source")
# a view model is not counted: counting re-runs its whole query (the tables built from it are
# measured); an ephemeral model has no relation
UNMEASURED = ("view", "ephemeral")
LOG = logging.getLogger("datanet_sql")


def history_target(ctx: Any) -> str:
    """The name a compile context's (a session's) history is kept under."""
    name = str(ctx.target["name"])
    return f"{name}:mock" if ctx.sources_in_warehouse else name


def record_history(session: Any, results: RunResults, run_id: int) -> list[TableMetrics]:
    """Measure every table the run built successfully and every source upstream of one."""
    manifest, root = session.manifest, session.ctx.project.root
    built = {r.unique_id for r in results.results if r.status == "success"}
    chosen = set(built)
    for uid in built:
        chosen.update(d for d in manifest.nodes[uid].depends_on
                      if d in manifest.nodes and manifest.nodes[d].kind == "source")
    metrics: list[TableMetrics] = []
    for uid in manifest.order:
        node = manifest.nodes[uid]
        if (uid not in chosen or node.kind not in MEASURED_KINDS or node.relation is None
                or node.kind == "model" and node.materialized in UNMEASURED):
            continue
        try:
            measured = measure(session.adapter, measured_table(node),
                               manifest.dialect, root)
        except DatanetError as err:  # a table the warehouse refuses to count is not a failed run
            LOG.warning("history: could not measure %s: %s", node.name, err.message)
            continue
        if measured is not None:
            metrics.append(measured)
    store = StateStore(session.ctx.project.state_dir / "state.db")
    store.record_metrics(run_id, history_target(session.ctx), metrics)
    keep_days = session.ctx.project.spec.history.keep_days
    store.forget_before(time.time() - keep_days * 86400)
    return metrics
