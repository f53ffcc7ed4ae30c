"""dbt's `run_started_at` and `invocation_id` (and, watched the same way, `flags` and
`invocation_args_dict`, invocation.py): values of the command, not of the files.

A template that prints one gives other text on every command, so the render that used it must
be neither cached nor stamped for the unchanged-compile fast path, and is rendered again just
before its node runs (as a render that asked the warehouse is). Each value is handed to the
template wrapped: any use of it (printing, an attribute, a comparison) tells the render.
"""

from __future__ import annotations

import datetime
import operator
from collections.abc import Callable, Iterator
from typing import Any


def run_started_at() -> datetime.datetime:
    """When the command started, in UTC and time-zone aware, as dbt's (pytz UTC) prints."""
    return datetime.datetime.now(datetime.timezone.utc)


class Watched:
    """`value` as a template sees it; `seen()` is called whenever the template uses it."""

    __slots__ = ("_seen", "_value")

    def __init__(self, value: Any, seen: Callable[[], None]) -> None:
        self._value = value
        self._seen = seen

    def get(self) -> Any:
        self._seen()
        return self._value

    def json_value(self) -> Any:
        """What `tojson` writes (config/sandbox.py's json_default): the value itself."""
        return self.get()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.get(), name)

    def __str__(self) -> str:
        return str(self.get())

    def __repr__(self) -> str:
        return repr(self.get())

    def __format__(self, spec: str) -> str:
        return format(self.get(), spec)

    def __hash__(self) -> int:
        return hash(self.get())

    def __bool__(self) -> bool:
        return bool(self.get())


def is_string(value: Any) -> bool:
    """Jinja's `is string` test, true of a watched string too (elementary writes
    `invocation_id` into its tables only when it `is string`)."""
    return isinstance(value.get() if isinstance(value, Watched) else value, str)


def _binary(op: Callable[[Any, Any], Any], reflected: bool = False) -> Callable[..., Any]:
    def method(self: Watched, other: Any) -> Any:
        other = other.get() if isinstance(other, Watched) else other
        return op(other, self.get()) if reflected else op(self.get(), other)
    return method


for _name, _op in (("eq", operator.eq), ("ne", operator.ne), ("lt", operator.lt),
                   ("le", operator.le), ("gt", operator.gt), ("ge", operator.ge),
                   ("add", operator.add), ("sub", operator.sub)):
    setattr(Watched, f"__{_name}__", _binary(_op))
for _name, _op in (("radd", operator.add), ("rsub", operator.sub)):
    setattr(Watched, f"__{_name}__", _binary(_op, reflected=True))


class WatchedDict(dict):  # type: ignore[type-arg]
    """A mapping of the command (`invocation_args_dict`) as a template sees it: a real dict,
    so `is mapping` holds and packages may `.update()` it, whose every read tells the render
    (as `Watched` does), `tojson` included (json reads a dict subclass through `items()`)."""

    def __init__(self, value: dict[str, Any], seen: Callable[[], None]) -> None:
        super().__init__(value)
        self._seen = seen

    def __getitem__(self, key: Any) -> Any:
        self._seen()
        return super().__getitem__(key)

    def get(self, key: Any, default: Any = None) -> Any:
        self._seen()
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        self._seen()
        return super().__contains__(key)

    def __iter__(self) -> Iterator[Any]:
        self._seen()
        return super().__iter__()

    def __len__(self) -> int:
        self._seen()
        return super().__len__()

    def keys(self) -> Any:
        self._seen()
        return super().keys()

    def values(self) -> Any:
        self._seen()
        return super().values()

    def items(self) -> Any:
        self._seen()
        return super().items()
