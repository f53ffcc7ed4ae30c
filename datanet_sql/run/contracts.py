"""After a run: record the contract of each source that has none, and refresh the fingerprint of
sources that did not change. A source that changed keeps its old contract (the models reading
it are healed every run) until a person accepts the change with `datanet heal --accept`;
except a `load:` table under `heal`, whose loads changed it under that policy."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from datanet_sql.compile.context import CompileContext
from datanet_sql.compile.heal_step import ContractBook, source_key
from datanet_sql.errors import DatanetError
from datanet_sql.run.results import RunResults
from datanet_sql.run.session import Session


def record_contracts(session: Session, results: RunResults) -> list[Path]:
    book = ContractBook(session.manifest, session.ctx)
    succeeded = {r.unique_id for r in results.results if r.status == "success"}
    sources = [n for n in session.manifest.in_order("source")
               if n.unique_id in succeeded and not session.ctx.sources_in_warehouse
               and fingerprintable(session.ctx, n)]
    for node in sources:
        if evolved_by_its_loads(node):
            from datanet_sql.ingest.runner import as_loaded

            as_loaded(session.adapter, node)
    with ThreadPoolExecutor(max_workers=4) as pool:  # the engine scans; threads overlap them
        lives = list(pool.map(lambda node: _live_or_none(book, node), sources))
    written = []
    for node, live in zip(sources, lives):
        if live is None or book.holds(node, live):
            continue  # the file already says this (a later run's usual case): nothing to diff
        from datanet_sql.heal import diff_contracts  # here: the diff's modules are 0.01 s

        recorded = book.recorded(source_key(node))
        if recorded is not None and diff_contracts(recorded, live).changed and \
                not evolved_by_its_loads(node):
            continue
        path = book.accept(node, live)
        if path is not None:
            written.append(path)
    return written  # the fingerprints taken are in the compile cache, saved after the run


def evolved_by_its_loads(node: object) -> bool:
    """A `load:` table under `on_schema_change: heal` changes by its loads, which add and
    widen its columns under that very policy: its contract follows them, as `datanet
    ingest` records it (ingest.runner.record_contract), so healing measures the next change
    from this one. Kept old, the contract missed every column a `run` had loaded."""
    config = node.config  # type: ignore[attr-defined]
    return bool(config.get("load")) and (config.get("on_schema_change") or "heal") == "heal"


def fingerprintable(ctx: CompileContext, node: object) -> bool:
    """Contracts are fingerprinted in the engine that reads the source: file sources (read by
    DuckDB whatever the target) and tables of DuckDB, Postgres and Spark warehouses. Tables of
    other warehouses get no contract, so their readers are checked by the compiler (unknown
    columns) but not healed."""
    from datanet_sql.compile.semantics_step import sampled_relation
    from datanet_sql.heal.contract import DIALECTS

    if node.config.get("missing"):  # type: ignore[attr-defined]
        return False  # read from its last good copy: the contract stays as it was
    try:
        target = sampled_relation(ctx, node)  # type: ignore[arg-type]
    except DatanetError:  # gone since the build read it: no contract this time
        return False
    return target is not None and target[0].dialect in DIALECTS


def _live_or_none(book: ContractBook, node: object) -> object | None:
    """A source that cannot be fingerprinted just gets no contract this run: the build already
    succeeded, and a contract is an aid to the next run, not a condition of this one. Tables
    are fingerprinted afresh, so the contract follows their values and the next compile
    compares with what they hold now."""
    try:
        return book.live(node, fresh=True)  # type: ignore[arg-type]
    except DatanetError:
        return None
