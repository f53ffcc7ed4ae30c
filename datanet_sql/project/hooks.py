"""dbt's hooks as data: what `pre_hook`, `post_hook` and `sql_header` configs say to run.

A hook is written as a string, a list, or a dict `{sql: ..., transaction: false}` (what
dbt's `before_begin()` / `after_commit()` return), in folder config, YAML or `config()`; hooks
add up across those places (the project's first, the model's own last, as in dbt). Config
keeps the hooks as written (Jinja unrendered); the render pass renders them into `Hook`s on
the node, with `this` the model's relation; the runner runs them around the build. A hook
whose Jinja asked the warehouse (`adapter.drop_relation(this)`, `run_query`) is rendered
again just before it runs, as dbt renders every hook then: what it asks about may be built
by this run, and what it does (a statement) belongs to the run, not to the compile.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from datanet_sql.errors import ConfigError

HOOK_KEYS = ("pre_hook", "post_hook")


@dataclass(frozen=True)
class Hook:
    """One statement to run around a node's build: `kind` is pre_hook, post_hook or
    sql_header; `transaction` False runs it outside the build's transaction (before it begins
    for a pre_hook, after it commits for a post_hook). An on-run-start/end hook has that
    `kind` and the project or package whose dbt_project.yml holds it as `owner`."""

    kind: str
    index: int  # 1-based position among the node's hooks of this kind, for messages
    sql: str
    transaction: bool = True
    render_at_run: Callable[[], str] | None = field(default=None, compare=False, repr=False)
    owner: str = ""

    def sql_now(self) -> str:
        """The SQL to run now: rendered again if its Jinja asked the warehouse."""
        return self.render_at_run() if self.render_at_run is not None else self.sql

    @property
    def label(self) -> str:
        return self.kind if self.kind == "sql_header" else f"{self.kind} {self.index}"


def before_begin(sql: str) -> dict[str, Any]:
    """dbt's `before_begin()`: a pre_hook run before the model's transaction opens."""
    return {"sql": sql, "transaction": False}


def after_commit(sql: str) -> dict[str, Any]:
    """dbt's `after_commit()`: a post_hook run after the model's transaction commits."""
    return {"sql": sql, "transaction": False}


def as_list(value: Any) -> list[Any]:
    """A hook config value as a list of entries (None and '' are no hooks)."""
    if value is None or value == "":
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def raw_hooks(config: dict[str, Any], kind: str, *, file: str,
              model: str) -> list[tuple[str, bool]]:
    """(sql template, transaction) of each `kind` hook of a config; a malformed entry is an
    error naming the file, the model and the entry."""
    found: list[tuple[str, bool]] = []
    for index, entry in enumerate(as_list(config.get(kind)), start=1):
        if isinstance(entry, str):
            found.append((entry, True))
        elif isinstance(entry, dict) and isinstance(entry.get("sql"), str) and \
                set(entry) <= {"sql", "transaction", "index"}:
            found.append((entry["sql"], bool(entry.get("transaction", True))))
        else:
            raise ConfigError(f"{kind} {index} of '{model}' is {entry!r}, not a SQL string or "
                              "{sql: ..., transaction: true|false}", file=file, model=model,
                              hint="write the hook as a string, or a list of strings")
    return [(sql, transaction) for sql, transaction in found if sql.strip()]
