"""What a data test's result means: dbt's `severity`, `fail_calc`, `warn_if`, `error_if`,
`limit` and `store_failures_as`, checked at compile time and turned into plain data.

Every test node (built-in generic, custom generic, singular) goes through `compile_verdict`,
so the runner wraps any test's SQL the same way. The thresholds are user text (`>10`,
`!= 0`, `sum(n_records)`): they are parsed with sqlglot and written back in the target's
dialect, never pasted; a bad one is an error naming the test and the key.
"""

from __future__ import annotations

import functools
from typing import Any

from sqlglot import exp

from datanet_sql.compile.generic_tests import parse_condition
from datanet_sql.config.model_config import TEST_DEFAULTS as DEFAULTS
from datanet_sql.errors import ConfigError, SqlSyntaxError

FAILURES = "failures"  # the column the thresholds compare, as in dbt's get_test_sql
SEVERITIES = ("error", "warn")
STORE_FAILURES_AS = ("table", "view", "ephemeral")


def compile_verdict(config: dict[str, Any], read: str, write: str) -> dict[str, Any]:
    """The test's checked thresholds, in the target dialect `write`:
    `{"fail_calc": sql, "warn_if": sql, "error_if": sql, "limit": int | None}`, where each
    threshold is a condition over the column `failures`."""
    severity = str(config.get("severity", "error")).lower()
    if severity not in SEVERITIES:
        raise ConfigError(f"severity {config.get('severity')!r} is not one of error, warn",
                          hint="write `severity: warn` or `severity: error`")
    stored_as = config.get("store_failures_as")
    if stored_as is not None and stored_as not in STORE_FAILURES_AS:
        raise ConfigError(f"store_failures_as {stored_as!r} is not one of "
                          f"{', '.join(STORE_FAILURES_AS)}",
                          hint="`table` or `view` keep the failing rows; `ephemeral` keeps none")
    texts = tuple(_text(config, key) for key in ("fail_calc", "warn_if", "error_if"))
    return {**_compiled(*texts, read, write), "limit": _limit(config.get("limit"))}


@functools.lru_cache(maxsize=256)
def _compiled(fail_calc: str, warn_if: str, error_if: str, read: str,
              write: str) -> dict[str, str]:
    """Parsed and written once per distinct setting (most tests share dbt's defaults: a
    project of thousands of tests would otherwise parse them thousands of times a compile)."""
    return {"fail_calc": _parsed(fail_calc, read, "fail_calc").sql(dialect=write),
            "warn_if": _threshold(warn_if, read, "warn_if").sql(dialect=write),
            "error_if": _threshold(error_if, read, "error_if").sql(dialect=write)}


def _text(config: dict[str, Any], key: str) -> str:
    value = config.get(key)
    return DEFAULTS[key] if value is None else str(value)


def _parsed(text: str, dialect: str, key: str) -> exp.Expression:
    try:
        return parse_condition(text, dialect, key)
    except SqlSyntaxError as err:
        raise SqlSyntaxError(err.message, hint=f"`{key}` is SQL over the failing rows, "
                                               "e.g. `count(*)` or `sum(n_records)`") from None


def _threshold(text: str, dialect: str, key: str) -> exp.Expression:
    """`>10`, `!= 0`, `between 1 and 5`: the rest of a condition whose left side is the
    failures (dbt writes `{{ fail_calc }} {{ warn_if }}`)."""
    try:
        tree = parse_condition(f"{FAILURES} {text}", dialect, key)
    except SqlSyntaxError:
        tree = None
    if not isinstance(tree, exp.Predicate) or not isinstance(tree.this, exp.Column) or \
            tree.this.name != FAILURES:
        raise ConfigError(f"`{key}: {text}` is not a comparison of the failures",
                          hint=f"write e.g. `{key}: \">10\"` or `{key}: \"!=0\"`")
    return tree


def _limit(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"limit {value!r} is not a whole number of rows",
                          hint="write e.g. `limit: 100`")
    return value
