"""A Python function that Jinja calls with the calling template's context first, as
`jinja2.pass_context` makes one, without importing Jinja before a template calls it (a warm
compile never does). dbt's built-in macros that act on the warehouse read the render's
`adapter` from that context: the macros are made once per compile, the adapter per render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from datanet_sql.config.sandbox import call_macro


class WithContext:
    """`function(context, *args, **kwargs)` as a macro templates call with `(*args)`."""

    def __init__(self, function: Callable[..., Any]) -> None:
        self._function = function

    @property
    def jinja_pass_arg(self) -> Any:
        import jinja2

        return jinja2.pass_context(_marked).jinja_pass_arg  # (a bound method takes no marks)

    def __call__(self, context: Any, *args: Any, **kwargs: Any) -> Any:
        return self._function(context, *args, **kwargs)


def _marked() -> None:
    """What `jinja2.pass_context` marks, to read the mark Jinja looks for."""


def call(macro: Any, context: Any, *args: Any, **kwargs: Any) -> Any:
    """Call `macro` from Python as Jinja would: with `context` first when it asks for it, a
    template macro's `return()` its value."""
    if isinstance(macro, WithContext):
        return macro(context, *args, **kwargs)
    return call_macro(macro, *args, **kwargs)
