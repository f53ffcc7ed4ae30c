"""dbt's helper globals that need no project: `return`, `exceptions`, `modules`, `zip`,
`set` (and `set_strict`, which raises where `set` returns none: both raise here),
`fromyaml`/`toyaml`, `fromjson`/`tojson`, `log`, `print`.

The sandbox stays closed: `modules.*` are namespaces of functions and classes, never the
modules themselves (a module's attributes lead to `sys` and `os`).
"""

from __future__ import annotations

import datetime
import hashlib
import itertools
import json
import os
import re
import sys
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from datanet_sql.artifacts.ids import DBT_VERSION
from datanet_sql.config.sandbox import json_default, return_
from datanet_sql.errors import TemplateError

_DATETIME = SimpleNamespace(date=datetime.date, datetime=datetime.datetime, time=datetime.time,
                            timedelta=datetime.timedelta, timezone=datetime.timezone,
                            MINYEAR=datetime.MINYEAR, MAXYEAR=datetime.MAXYEAR)
_RE = SimpleNamespace(**{name: getattr(re, name) for name in (
    "match", "search", "fullmatch", "findall", "finditer", "sub", "subn", "split", "escape",
    "compile", "IGNORECASE", "I", "MULTILINE", "M", "DOTALL", "S", "VERBOSE", "X")})
_ITERTOOLS = SimpleNamespace(**{name: getattr(itertools, name) for name in (
    "chain", "combinations", "combinations_with_replacement", "count", "cycle", "groupby",
    "islice", "permutations", "product", "repeat", "starmap", "tee", "zip_longest",
    "accumulate", "compress", "dropwhile", "filterfalse", "takewhile")})


class _Pytz:
    """dbt's `modules.pytz` (dbt_date's time zones: `modules.pytz.timezone(...)`), imported on
    first use so that start-up does not pay for it."""

    _NAMES = ("timezone", "utc", "UTC", "all_timezones")

    def __getattr__(self, name: str) -> Any:
        if name not in self._NAMES:
            raise AttributeError(f"modules.pytz has no '{name}' in datanet (it has "
                                 f"{', '.join(self._NAMES)})")
        import pytz

        return getattr(pytz, name)


MODULES = {"datetime": _DATETIME, "re": _RE, "itertools": _ITERTOOLS, "pytz": _Pytz()}


class Exceptions:
    """`exceptions.raise_compiler_error(msg)` stops the render with the message;
    `exceptions.warn(msg)` is a warning of the render."""

    def __init__(self, warn: Callable[[str], None]) -> None:
        self._warn = warn

    def raise_compiler_error(self, message: Any, node: Any = None) -> None:
        raise TemplateError(str(message).strip())

    def warn(self, message: Any, node: Any = None) -> str:
        self._warn(str(message).strip())
        return ""

    def raise_not_implemented(self, message: Any) -> None:
        raise TemplateError(f"not implemented: {message}")


def _fromyaml(text: str) -> Any:
    import yaml

    return yaml.safe_load(text)


def _toyaml(value: Any, *_: Any, **__: Any) -> str:
    import yaml

    return yaml.safe_dump(value, sort_keys=False)


def _tojson(value: Any, *args: Any, **kwargs: Any) -> str:
    """dbt's `tojson`: `json.dumps`, writing a command's value (`invocation_id`) as itself."""
    return json.dumps(value, *args, default=json_default, **kwargs)


def _print(*args: Any, **_: Any) -> str:
    print(*args, file=sys.stderr)
    return ""


def _log(message: Any = "", info: bool = False) -> str:
    if info:
        print(message, file=sys.stderr)
    return ""


def dbt_builtins(warn: Callable[[str], None]) -> dict[str, Any]:
    """The globals every template of a dbt project sees besides the model's own (the
    command's `flags` and `invocation_args_dict` are added by scope.py, watched)."""
    return {
        "return": return_, "exceptions": Exceptions(warn),
        "modules": MODULES,
        "zip": zip, "set": set, "set_strict": set, "fromyaml": _fromyaml, "toyaml": _toyaml,
        "fromjson": json.loads, "tojson": _tojson, "log": _log, "print": _print,
        "local_md5": lambda text: hashlib.md5(str(text).encode()).hexdigest(),
        "dbt_version": DBT_VERSION,  # packages compare it to pick a code path
        # dbt's DBT_ENV_CUSTOM_ENV_<NAME> variables, by <NAME>
        "dbt_metadata_envs": {name.removeprefix(_CUSTOM_ENV): value
                              for name, value in os.environ.items()
                              if name.startswith(_CUSTOM_ENV)},
    }


_CUSTOM_ENV = "DBT_ENV_CUSTOM_ENV_"
