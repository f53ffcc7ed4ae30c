"""dbt's --warn-error and --warn-error-options: which warnings fail the run.

datanet has two kinds of warning, named as dbt names its events: `LogTestResult` (a data test
whose failures crossed `warn_if` only, or has `severity: warn`) and `ProjectWarning` (what a
compile says about the project: keys accepted without effect, an ambiguous column...).
`--warn-error` makes both errors; `--warn-error-options '{error: all, warn: [...]}'` (or dbt's
older `include:`/`exclude:`) picks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from datanet_sql.errors import ConfigError

TEST_WARNING = "LogTestResult"
PROJECT_WARNING = "ProjectWarning"
NAMES = (TEST_WARNING, PROJECT_WARNING)
_ALL = ("all", "*")


@dataclass(frozen=True)
class WarnError:
    """The warnings that are errors in this run."""

    error: frozenset[str] = frozenset()

    def includes(self, name: str) -> bool:
        return name in self.error


def warn_error(flag: bool, options: str | None) -> WarnError:
    """The policy of `--warn-error` (every warning) and `--warn-error-options` (YAML)."""
    if flag:
        return WarnError(frozenset(NAMES))
    if not options:
        return WarnError()
    try:
        data = yaml.safe_load(options)
    except yaml.YAMLError:
        data = None
    if not isinstance(data, dict) or set(data) - {"error", "warn", "include", "exclude",
                                                  "silence"}:
        raise ConfigError(f"--warn-error-options {options!r} is not a mapping of error:/warn:",
                          hint="write --warn-error-options '{error: all, warn: [LogTestResult]}'")
    error = _names(data.get("error", data.get("include")), "error")
    warn = _names(data.get("warn", data.get("exclude")), "warn") | \
        _names(data.get("silence"), "silence")
    return WarnError(frozenset(error - warn))


def _names(value: Any, key: str) -> set[str]:
    if value is None:
        return set()
    if value in _ALL:
        return set(NAMES)
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or any(n not in NAMES for n in names):
        raise ConfigError(f"--warn-error-options `{key}:` {value!r} names no datanet warning",
                          hint=f"use all, or a list of {', '.join(NAMES)}")
    return set(names)
