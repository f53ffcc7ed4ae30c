"""Forked copies of the compiler doing a piece of its work while it goes on.

A child starts from this process's state as it is (manifest, catalog, cache), so nothing is
sent to it; it sends back its result, pickled, through a pipe and ends with `os._exit` (no
exit handler runs, no inherited buffer is flushed twice). A child that fails, or cannot be
made, gives no result: the caller then does the work itself, so a failure costs time, never
a different outcome. Used by the annotate pass (level_workers.py) and by emit (dbt's
manifest written beside datanet's own files), and right after load (file sources described
and sampled while the models render: sources_ahead.py).
"""

from __future__ import annotations

import gc
import os
import pickle
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from datanet_sql.errors import ConfigError

if TYPE_CHECKING:
    from datanet_sql.compile.context import CompileContext

PROCESSES_VARIABLE = "DATANET_COMPILE_PROCESSES"


@dataclass
class Child:
    """A forked child: its process id and the pipe its result comes through."""

    pid: int
    reader: int

    def result(self) -> Any | None:
        """What the child's work returned; None when it failed."""
        with os.fdopen(self.reader, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        return pickle.loads(data) if status == 0 and data else None

    def stop(self) -> None:
        """Reap a child whose result is no longer wanted (the compile ended early)."""
        os.close(self.reader)
        os.kill(self.pid, 9)
        os.waitpid(self.pid, 0)


def fork_child(work: Callable[[], Any]) -> Child | None:
    """A child doing `work`; None when no process can be made (the caller does it)."""
    reader, writer = os.pipe()
    gc.freeze()  # the child's collector leaves the inherited heap alone (no copy on write)
    try:
        pid = os.fork()
    except OSError:  # out of processes or memory: slower, not wrong
        gc.unfreeze()
        os.close(reader)
        os.close(writer)
        return None
    if pid == 0:  # the child: work, send, and end without running any exit handler
        code = 1
        try:
            os.close(reader)
            result = work()
            with os.fdopen(writer, "wb") as pipe:
                pickle.dump(result, pipe, protocol=pickle.HIGHEST_PROTOCOL)
            code = 0
        finally:
            os._exit(code)
    gc.unfreeze()
    os.close(writer)
    return Child(pid, reader)


def processes() -> int:
    """How many processes a compile may use: DATANET_COMPILE_PROCESSES when set (1: no
    forked children, e.g. where memory is tight), else the cores this process may run on (a
    container or taskset may allow fewer than the machine has)."""
    text = os.environ.get(PROCESSES_VARIABLE, "").strip()
    if text:
        if not text.isdigit() or int(text) < 1:
            raise ConfigError(f"{PROCESSES_VARIABLE}={text!r} is not a number of processes",
                              hint="set it to 1 (no forked workers) or more, or unset it "
                                   "to use every core")
        return int(text)
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else os.cpu_count() or 1


def may_fork(ctx: CompileContext) -> bool:
    """Whether this compile may fork: more than one process allowed (a bad setting is refused
    even where it would not apply), a platform that can, and no warehouse connection open (a
    child would share its socket)."""
    return processes() > 1 and hasattr(os, "fork") and ctx.adapter is None
