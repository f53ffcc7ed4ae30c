"""The command being run, as dbt shows it to templates: `flags.WHICH`, `flags.FULL_REFRESH`,
`invocation_args_dict`.

Packages branch on them (an on-run-end hook that uploads results only under `run`/`build`, a
materialization that rebuilds under `--full-refresh`), so they must say what was typed. The
CLI sets the invocation around each command (`invoked`); a compile made through the API, with
none set, is a `run` with no options, as before. The values reach templates watched
(run_values.py): a render that reads them is never cached, nor a compile reused whole, for
another command; unlike `run_started_at` they do not change during the command, so such a
render is not rendered again when its node runs.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

# dbt's args that are written only when true (dbt's args_to_dict: `default_false_keys`)
_ONLY_WHEN_TRUE = ("full_refresh", "store_failures", "fail_fast", "warn_error")


@dataclass(frozen=True)
class Invocation:
    """One command: dbt's name for it (`build`, `ls`, `generate`, `freshness`,
    `run-operation` ...) and its options under dbt's names (`select`, `vars` as a mapping,
    `full_refresh` ...); options not given are absent."""

    which: str = "run"
    options: Mapping[str, Any] = field(default_factory=dict)
    command_line: str = ""

    def flags(self) -> dict[str, Any]:
        """dbt's `flags` object: every option upper-cased, with the flags packages test
        always present."""
        values = {"WHICH": self.which, "EMPTY": False,
                  **{key.upper(): False for key in _ONLY_WHEN_TRUE}}
        values.update({key.upper(): value for key, value in self.args_dict().items()})
        return values

    def args_dict(self) -> dict[str, Any]:
        """dbt 1.9's `invocation_args_dict` (its `args_to_dict`): the command, its selection,
        vars and target as given, false flags left out; dbt's own tuning flags (log levels,
        printer width, partial parse) are not datanet's and are absent."""
        options = dict(self.options)
        args: dict[str, Any] = {
            "which": self.which, "invocation_command": self.command_line,
            "vars": dict(options.pop("vars", None) or {}),
            "warn_error_options": options.pop("warn_error_options", None) or
            {"include": [], "exclude": []},
            "defer": False, "favor_state": False, "empty": False,
            "indirect_selection": options.pop("indirect_selection", None) or "eager",
        }
        for key, value in options.items():
            if value is None or key in _ONLY_WHEN_TRUE and value is False:
                continue
            args[key] = list(value) if isinstance(value, tuple) else value
        return args


_NONE_SET = Invocation()
_CURRENT: ContextVar[Invocation | None] = ContextVar("datanet_invocation", default=None)


def current() -> Invocation:
    """The command this process is running (a compile context takes it when made)."""
    return _CURRENT.get() or _NONE_SET


@contextlib.contextmanager
def invoked(invocation: Invocation) -> Iterator[None]:
    """Run the block as `invocation` (the CLI, around one command)."""
    token = _CURRENT.set(invocation)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def command_line() -> str:
    """The command as typed (dbt records `dbt build --select x`; datanet its own)."""
    return " ".join(["datanet", *sys.argv[1:]])
