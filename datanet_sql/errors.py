"""Every exception datanet raises for a user's mistake or a warehouse's refusal.

Each error stores its fields (what, where, what to do) and composes its own message, so the
CLI (the only place that prints) can show one or two lines and exit non-zero without a
traceback. Programming errors are *not* DatanetErrors: they keep their traceback.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path


class DatanetError(Exception):
    """Base of every user-facing error: a message plus where it happened and what to do."""

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        model: str | None = None,
        column: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        self.model = model
        self.column = column
        self.hint = hint
        super().__init__(self.render())

    @property
    def location(self) -> str:
        """`file:line` (or just the file, or the model) for the head of the message."""
        if self.file:
            return f"{self.file}:{self.line}" if self.line else self.file
        return f"model {self.model}" if self.model else ""

    def render(self) -> str:
        head = f"{self.location}: {self.message}" if self.location else self.message
        return f"{head}\n  hint: {self.hint}" if self.hint else head


class ConfigError(DatanetError):
    """A project file (datanet.yml, targets.yml, sources, model YAML) is malformed."""


class TemplateError(DatanetError):
    """Jinja rendering of a model failed (undefined variable, bad macro, syntax)."""


class SqlSyntaxError(DatanetError):
    """A model's SQL does not parse; the message carries the offending line, underlined."""


class ReferenceNotFoundError(DatanetError):
    """A ref(), source() or from: names a node that does not exist."""


class CycleError(DatanetError):
    """The models depend on each other in a loop."""


class ColumnNotFoundError(DatanetError):
    """A model reads a column that does not exist upstream."""


class TypeClashError(DatanetError):
    """An expression combines types that cannot be compared or computed together."""


class UnsupportedSqlError(DatanetError):
    """The target dialect cannot express a construct the model uses."""


class SchemaChangeError(DatanetError):
    """A source changed in a way no heal can safely absorb: the model reading it is refused."""


class IngestError(DatanetError):
    """A source could not be read into the warehouse: an unreadable file, a missing sheet or
    table, or a bad record in a table whose `on_bad_row` is `fail` (the message names the
    file and the record)."""


class SelectionError(DatanetError):
    """A --select / --exclude expression matches nothing or is malformed."""


class WarehouseError(DatanetError):
    """The warehouse refused a statement: terminal (a missing column, a syntax or type error),
    so running it again gives the same answer. Adapters pick the subclass from the driver's
    own error codes (SQLSTATE, exception class, error class), never from message text."""


class TransientWarehouseError(WarehouseError):
    """A refusal that says nothing about the statement: a deadlock, a serialization failure,
    a write conflict. The same statement may succeed when run again; the runner retries it a
    bounded number of times."""


class ConnectionLostError(TransientWarehouseError):
    """This thread's session ended mid-statement (terminated by an admin, a server restart, a
    network cut): its transaction rolled back; a new session may run the statement again."""


class WarehouseUnavailableError(WarehouseError):
    """The warehouse cannot be reached at all: nothing else should be attempted."""


class RelationNotFoundError(WarehouseError):
    """A table, view or file that the project reads does not exist."""


class LockTimeoutError(WarehouseError):
    """A statement waited longer than the target's `lock_timeout` for a lock another session
    holds; it gave up (rolled back) instead of waiting forever."""


class DependentViewsError(WarehouseError):
    """Rebuilding a relation would drop views other users built on it (they read something the
    new version no longer has): the rebuild is refused and the old relation kept."""


class AdapterNotInstalledError(DatanetError):
    """The target's Python connector package is not installed."""


class ProjectLockedError(DatanetError):
    """Another datanet process holds the project's lock for this target: nothing was done.

    Exit code 75 (EX_TEMPFAIL: try again later), so a scheduler can tell it from a failure."""

    exit_code = 75


class RunFailedError(DatanetError):
    """One or more nodes failed during run/test/build; details are in run_results.json."""


class CompileFailedError(DatanetError):
    """Some nodes did not compile: the message lists every one (file, line, model)."""


class DocsError(DatanetError):
    """`datanet docs serve` cannot serve: no site generated yet, or the port is taken."""


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so a run stops and records itself the same way."""


def did_you_mean(name: str, candidates: Iterable[str], *, limit: int = 3) -> str:
    """Return ' Did you mean 'x'?' for the closest candidates, or '' when none is close."""
    matches = difflib.get_close_matches(name, list(candidates), n=limit, cutoff=0.6)
    if not matches:
        return ""
    quoted = ", ".join(f"'{m}'" for m in matches)
    return f" Did you mean {quoted}?"
