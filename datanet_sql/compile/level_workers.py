"""Models of one DAG level analysed at once by forked copies of the compiler.

The annotate pass walks the DAG in order, one model at a time, and most of a cold compile is
that walk (sqlglot's parse, qualify and annotate_types, lineage, semantics, then emit's
transpile). Models of the same level do not read each other, so when a level starts, this
process forks workers that analyse its models from the back while the serial walk goes on
from the front, each taking the next model from a shared counter until they meet: whichever
is faster takes more, so the walk's own serial work (sources, models that stay in the walk,
putting the workers' results in place) does not leave a worker idle or keep the walk waiting.
A forked worker starts from this process's state as it is at the level's start (manifest,
catalog, cache), so nothing is sent to it and what it computes is what the serial walk would.
It sends back only the cache entries it made (analysis and emit, plain data, no trees); the
serial walk then reaches those models and takes them from the cache, as a warm compile does.
A worker that fails sends nothing and the walk analyses what it had taken itself.

Segments, not longest-path levels: the walk's order (graphlib's static order) is a sequence of
ready batches, so cutting it wherever a node reads one of the current segment keeps the walk's
order (warnings, catalog, manifest) exactly as it was.
"""

from __future__ import annotations

import gc
import mmap
import struct
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any

from datanet_sql.compile import forks
from datanet_sql.compile.cache import CompileCache
from datanet_sql.compile.context import CompileContext
from datanet_sql.compile.source_schemas import own_describer
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node

# a share smaller than this is analysed in less time than a fork of a large compiler costs
# (page tables, then copy-on-write of what both processes touch): small projects stay serial
MIN_SHARE = 16

Entries = list[tuple[str, str, str, Any]]  # (namespace, node id, key, value) puts


class _Claims:
    """Which of a level's models are taken: the walk takes them from the front in its order,
    the workers from the back, until the two meet. Two counters in shared memory behind a
    POSIX record lock, both inherited by a fork (a record lock is held per process, so the
    walk and its workers exclude each other)."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the walk
        self._file.write(bytes(_COUNTERS.size))
        self._file.flush()
        self._memory = mmap.mmap(self._file.fileno(), _COUNTERS.size)

    def reset(self, count: int) -> None:
        """A new level of `count` models, none taken (no worker is running)."""
        _COUNTERS.pack_into(self._memory, 0, 0, count)

    def take_front(self, index: int) -> bool:
        """The walk takes model `index` (its models are reached in order), unless a worker
        has it already."""
        with self._locked():
            _, back = _COUNTERS.unpack_from(self._memory)
            if index >= back:
                return False
            _COUNTERS.pack_into(self._memory, 0, index + 1, back)
            return True

    def take_back(self) -> int | None:
        """A worker takes the last model nobody has; None when the two ends have met."""
        with self._locked():
            front, back = _COUNTERS.unpack_from(self._memory)
            if back <= front:
                return None
            _COUNTERS.pack_into(self._memory, 0, front, back - 1)
            return back - 1

    @contextmanager
    def _locked(self) -> Iterator[None]:
        import fcntl  # POSIX only, as fork is

        fcntl.lockf(self._file.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.lockf(self._file.fileno(), fcntl.LOCK_UN)

    def close(self) -> None:
        self._memory.close()
        self._file.close()


_COUNTERS = struct.Struct("=qq")  # the next model the walk takes, one past the workers' last


class LevelWorkers:
    """Forks a level's workers when the walk enters it; takes the level's models for the walk
    one by one, and collects the workers' results when it reaches one of theirs.

    `wanted(node)` says whether a model may be analysed ahead (at the level's start, from the
    state then); `analyse(node)` is what a worker does for one model.
    """

    def __init__(self, manifest: Manifest, ctx: CompileContext, wanted: Callable[[Node], bool],
                 analyse: Callable[[Node], None]) -> None:
        self._manifest, self._ctx = manifest, ctx
        self._wanted, self._analyse = wanted, analyse
        self._segments = _segments(manifest)
        self._entered: set[int] = set()
        self._running: list[forks.Child] = []  # the current level's workers
        self._index: dict[str, int] = {}  # the current level's shared models, by position
        self._claims: _Claims | None = None
        self._processes = forks.processes() if forks.may_fork(ctx) else 1

    def before(self, node: Node) -> None:
        """Called by the walk before each model: starts its level's workers when it is the
        level's first, and when a worker has taken it, waits for the workers and puts their
        results into the cache (every model of the level after it is theirs too)."""
        segment = self._segments[node.unique_id]
        if segment not in self._entered:
            self._entered.add(segment)
            self._collect()
            _age_heap()
            self._start(segment)
        index = self._index.get(node.unique_id)
        if index is not None and self._claims is not None \
                and not self._claims.take_front(index):
            self._collect()

    def _start(self, segment: int) -> None:
        if self._processes < 2:
            return
        models = [self._manifest.nodes[uid] for uid, seg in self._segments.items()
                  if seg == segment]
        models = [node for node in models if self._wanted(node)]
        count = min(self._processes, len(models) // MIN_SHARE)
        if count < 2:
            return
        self._claims = self._claims or _Claims()
        self._claims.reset(len(models))
        for _ in range(count - 1):  # the walk is the first process
            worker = forks.fork_child(partial(_analyse_share, models, self._analyse, self._ctx.cache,
                                   self._claims))
            if worker is not None:
                self._running.append(worker)
        if self._running:
            self._index = {node.unique_id: i for i, node in enumerate(models)}

    def _collect(self) -> None:
        """Wait for the level's workers and put what they analysed into the cache."""
        for worker in self._running:
            for node_id, entries in worker.result() or []:
                for entry in entries:
                    self._ctx.cache.put(*entry)
                self._ctx.analysed_ahead.add(node_id)
        self._running, self._index = [], {}

    def close(self) -> None:
        for worker in self._running:
            worker.stop()
        self._running, self._index = [], {}
        if self._claims is not None:
            self._claims.close()


@contextmanager
def level_workers(manifest: Manifest, ctx: CompileContext, wanted: Callable[[Node], bool],
                  analyse: Callable[[Node], None]) -> Iterator[LevelWorkers]:
    """LevelWorkers for one walk; workers still running when it ends (an error) are reaped."""
    workers = LevelWorkers(manifest, ctx, wanted, analyse)
    try:
        yield workers
    finally:
        workers.close()


def _age_heap() -> None:
    """Move every object alive at a level's start to the collector's oldest generation (what
    a fork's `gc.freeze` then `unfreeze` does anyway): the trees kept for emit are otherwise
    scanned again and again by the young generations' collections (1.1 s of CPU in a serial
    compile of 1000 models, 0.3 s after). What is garbage by then waits for a full
    collection, as it does in a forked compile (which peaks lower than a serial one)."""
    gc.freeze()
    gc.unfreeze()


def _segments(manifest: Manifest) -> dict[str, int]:
    """Node id -> segment of the walk's order: a new one starts at a node that reads a node of
    the current one. Only models and snapshots are listed (what the walk calls `before` for)."""
    segments: dict[str, int] = {}
    current: set[str] = set()
    number = 0
    for node in manifest.in_order():
        if any(dep in current for dep in node.depends_on):
            number, current = number + 1, set()
        current.add(node.unique_id)
        if node.kind in ("model", "snapshot"):
            segments[node.unique_id] = number
    return segments


def _analyse_share(models: list[Node], analyse: Callable[[Node], None], cache: CompileCache,
                   claims: _Claims) -> list[tuple[str, Entries]]:
    """In the worker: the models it takes, each with its cache entries; a model that failed
    is left to the walk, so that its error is found (and worded) exactly as a serial compile
    finds it. Its DuckDB for compile-time describes (table function calls, the names of
    unaliased columns) is its own: one opened before the fork is not usable in it."""
    own_describer()
    results = []
    while (index := claims.take_back()) is not None:
        node = models[index]
        cache.journal = []
        analyse(node)
        if node.error is None:
            results.append((node.unique_id, cache.journal))
    return results
