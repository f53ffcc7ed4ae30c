"""`datanet ingest`: load the selected source tables with `load:`, once or following arrivals.

The readers live in `datanet_sql.ingest.reading`; this module only chooses the tables, hands
each one to the loader and, with `follow`, polls again until asked to stop. A stop request
(Ctrl-C, SIGTERM) is honoured after the batch in flight (the loader checks it before each
batch, `ingest`'s round before each table): that batch commits, no other starts.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from datanet_sql.adapters.base import Adapter
from datanet_sql.ingest.loader import LoadResult, job_for, load
from datanet_sql.project.manifest import Manifest


def readers() -> Any:
    """The module with `read_source` and `read_table`."""
    from datanet_sql.ingest import reading

    return reading


def load_nodes(manifest: Manifest, chosen: set[str]) -> list[Any]:
    """The chosen source tables that have `load:` (all of them when nothing is chosen)."""
    return [node for uid, node in sorted(manifest.nodes.items()) if node.kind == "source"
            and node.config.get("load") and (not chosen or uid in chosen)]


def load_node(adapter: Adapter, node: Any, ledger_schema: str, root: Any,
              following: bool = False, stopped: Callable[[], bool] | None = None
              ) -> LoadResult:
    with _files_named_from(root, node):
        return load(adapter, job_for(node, ledger_schema, root, following, stopped),
                    readers())


def refresh_node(adapter: Adapter, node: Any, ledger_schema: str, root: Any) -> LoadResult:
    """`--full-refresh`: the node's table loaded again from scratch and swapped in whole."""
    from datanet_sql.ingest.refresh import refresh

    with _files_named_from(root, node):
        return refresh(adapter, job_for(node, ledger_schema, root), readers())


@contextmanager
def _files_named_from(root: Any, node: Any) -> Iterator[None]:
    """What a table's load raises, as its user reads it: a refusal's file named from the
    project root (`landing/a.csv`), as the warehouse names it (`file_names`), where readers
    raise with the absolute path they read; and any other exception (a reader's bug on a file
    nobody foresaw, a DuckDB binder error) a refusal of this table alone, naming it and its
    files, so the command's other tables still load and nobody reads a traceback (the
    original is chained: `--debug` shows it). Ctrl-C and SIGTERM are not exceptions here."""
    from datanet_sql.errors import DatanetError, IngestError
    from datanet_sql.ingest.file_names import stored

    try:
        yield
    except DatanetError as error:
        if error.file:
            error.file = stored(Path(root), error.file)
        raise
    except Exception as error:  # any other exception: see the docstring
        first = str(error).strip().splitlines()[0] if str(error).strip() else ""
        raise IngestError(
            f"not loaded: datanet stopped on an unexpected {type(error).__name__}"
            f"{f': {first}' if first else ''}", file=node.config["load"].get("path"),
            hint="the batch in flight was rolled back and the other tables are loaded; this "
                 "is a datanet bug: please report it with the file's first lines (`--debug` "
                 "shows the traceback)") from error


def record_contract(manifest: Manifest, ctx: Any, node: Any, result: LoadResult,
                    remade: bool = False) -> Path | None:
    """After a load under `on_schema_change: heal` that added or widened columns, or whose
    reader decided differently (title rows, renamed headers, drift widened): the table's live
    schema and the reader's notes become the source's contract (profiles/<source>.<table>.yml),
    as a run records it, so healing compares the next change with this one and can say how
    the recorded shape was read. None when the file already says so (or there is nothing
    to say: then healing's modules are not even imported). A first load read plainly (UTF-8,
    comma or tab, header on the first line) has nothing to say either: its contract is
    recorded by the first run that builds on it, as any source's, and the load does not
    fingerprint the table (0.25-0.3 s per million rows). A table with a contract whose
    recorded reading was another is recorded again, the plain reading with it. A table
    `remade` by a full refresh that has a contract is recorded again whatever the load
    says: the recorded one is the old table's (its declared types may have changed)."""
    notes = tuple(result.read_notes)
    changed = bool(result.notes) or remade and _recorded(ctx, node)
    if not changed and (not notes or _plain(notes) and not _recorded(ctx, node)):
        return None
    from dataclasses import replace

    from datanet_sql.compile.heal_step import ContractBook, source_key

    book = ContractBook(manifest, ctx)
    recorded = book.recorded(source_key(node))
    if not changed and recorded is not None and recorded.load_notes == notes:
        return None
    as_loaded(ctx.adapter, node)
    live = book.live(node, fresh=True)
    return book.accept(node, replace(live, load_notes=notes)) if live is not None else None


def _plain(notes: tuple[str, ...]) -> bool:
    """Whether the reader's notes say only that it read a CSV plainly (UTF-8, comma or tab,
    header on the first line). Imported here: a load without notes (NDJSON) needs none of
    the CSV reader's modules."""
    from datanet_sql.ingest.readers.csv_dialect import PLAIN_READS

    return set(notes) <= PLAIN_READS


def _recorded(ctx: Any, node: Any) -> bool:
    """Whether the source has a recorded contract (healing's modules are not imported)."""
    from datanet_sql.heal.store import ContractStore, source_key

    return ContractStore.of_project(ctx.project).path(source_key(node)).exists()


def as_loaded(adapter: Adapter, node: Any) -> None:
    """The node's columns as its loaded table has them now: a load after the compile may have
    added or widened some, and a contract is fingerprinted from the node's columns. What
    else a column says (description, semantic type) is kept."""
    from dataclasses import replace

    from datanet_sql.project.nodes import Column

    live = adapter.list_columns(node.relation)
    if live is None:
        return
    node.columns = {c.name: replace(node.columns[c.name], type=c.type) if c.name in node.columns
                    else Column(c.name, c.type) for c in live}
    node.config.pop("missing", None)


@dataclass
class Stop:
    """Set by SIGINT/SIGTERM while following; `code` is the exit status to leave with."""

    code: int | None = None

    def __bool__(self) -> bool:
        return self.code is not None


@contextmanager
def stop_on_signals() -> Iterator[Stop]:
    """Turn Ctrl-C and SIGTERM into a flag (130 / 143) instead of an exception mid-batch."""
    stop = Stop()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return

    def request(signum: int, frame: object) -> None:
        stop.code = 143 if signum == signal.SIGTERM else 130
    previous = {sig: signal.signal(sig, request) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def follow(round_: Callable[[], None], interval: float, stop: Stop) -> None:
    """Run `round_` every `interval` seconds until `stop` is set (checked every 0.1 s)."""
    while not stop:
        round_()
        deadline = time.monotonic() + interval
        while not stop and time.monotonic() < deadline:
            time.sleep(0.1)
