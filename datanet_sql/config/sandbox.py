"""The one Jinja environment every template of a project renders in: Jinja's sandbox, with limits.

A project's templates are code its user did not necessarily write (a package, a colleague's
branch, a pull request CI builds). In a plain `jinja2.Environment`,
`cycler.__init__.__globals__.os` reaches the operating system; in the sandbox (what dbt uses),
private and internal attributes are refused, so the context handed in (ref, source, var,
config...) is the only way out. The limits turn a runaway template into an error naming the
file instead of a hang or a 1,000-line traceback:

- `range()` yields at most MAX_RANGE items a call and MAX_RANGE_TOTAL in one render;
- `*` and `**` cannot build strings or lists longer than MAX_SEQUENCE, or numbers of more
  than MAX_DIGITS digits;
- macros nest at most MAX_MACRO_DEPTH deep (a recursive macro names itself);
- one render may run for at most MAX_SECONDS (checked at every call and every `{{ }}`).
"""

from __future__ import annotations

import ast
import math
import time
from typing import TYPE_CHECKING, Any

from datanet_sql.errors import TemplateError

if TYPE_CHECKING:
    import jinja2

MAX_RANGE = 100_000
MAX_RANGE_TOTAL = 1_000_000
MAX_SEQUENCE = 10_000_000
MAX_DIGITS = 1_000
MAX_MACRO_DEPTH = 60
MAX_SECONDS = 60.0


class RenderLimitError(TemplateError):
    """A template went past one of the sandbox's limits (a loop, a recursion, a size)."""


class MacroReturn(Exception):
    """dbt's `{{ return(value) }}`: ends the macro it is in, which then returns `value`
    (any object, not only text)."""

    def __init__(self, value: Any) -> None:
        super().__init__()
        self.value = value


def return_(value: Any = None) -> None:
    """`return()` in templates."""
    raise MacroReturn(value)


def call_macro(macro: Any, *args: Any, **kwargs: Any) -> Any:
    """Call a macro from Python, honouring `return()` as a template call does."""
    try:
        return macro(*args, **kwargs)
    except MacroReturn as returned:
        return returned.value


def sandbox(**options: Any) -> jinja2.Environment:
    """A new sandboxed environment (StrictUndefined, `do` and loop controls, like dbt's)."""
    return _sandbox_class()(**options)


def new_template(env: jinja2.Environment, text: str, filename: str) -> jinja2.Template:
    """`env.from_string(text)`, but named: tracebacks and syntax errors carry `filename`."""
    return env.template_class.from_code(env, env.compile(text, name=filename, filename=filename),
                                        env.make_globals(None), None)


def render_limited(env: jinja2.Environment, template: jinja2.Template,
                   context: dict[str, Any]) -> str:
    """Render with the limits armed; a RecursionError becomes a RenderLimitError."""
    limits = getattr(env, "limits", None)
    if limits is not None:
        limits.arm()
    try:
        return template.render(context)
    except RecursionError:
        raise RenderLimitError("the template nests too deeply (a macro or loop calling itself?)",
                               hint="look for a macro that calls itself without an end") from None
    finally:
        if limits is not None:
            limits.disarm()


class _Limits:
    """The budget of one render: a deadline, range items, and the stack of macros called."""

    def __init__(self) -> None:
        self.deadline: float | None = None
        self.range_items = 0
        self.macros: list[str] = []

    def arm(self) -> None:
        self.deadline = time.monotonic() + MAX_SECONDS
        self.range_items = 0
        self.macros = []

    def disarm(self) -> None:
        self.deadline = None

    def tick(self) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            self.deadline = None
            raise RenderLimitError(f"rendering took longer than {MAX_SECONDS:.0f} s: an endless "
                                   "loop?", hint="look for loops over large ranges or lists")

    def take_range(self, size: int) -> None:
        self.tick()
        if size > MAX_RANGE:
            raise RenderLimitError(f"range() of {size:,} items: the limit is {MAX_RANGE:,}",
                                   hint="loop over fewer items, or compute it in SQL")
        self.range_items += size
        if self.range_items > MAX_RANGE_TOTAL:
            raise RenderLimitError(f"the loops of this template run more than "
                                   f"{MAX_RANGE_TOTAL:,} range() items in all",
                                   hint="nested loops multiply: compute it in SQL instead")


_CLASS: type | None = None


def _sandbox_class() -> type:
    """The environment class, built on first use so that importing this module (every
    compile does) does not import Jinja, which a warm compile never needs."""
    global _CLASS
    if _CLASS is None:
        _CLASS = _build_class()
    return _CLASS


def _build_class() -> type:
    import operator

    from jinja2 import StrictUndefined
    from jinja2.runtime import Macro
    from jinja2.sandbox import SandboxedEnvironment

    class ProjectSandbox(SandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**"})

        def __init__(self, **options: Any) -> None:
            options.setdefault("undefined", StrictUndefined)
            options.setdefault("extensions", ["jinja2.ext.do", "jinja2.ext.loopcontrols",
                                             "datanet_sql.compile.snapshot_block.SnapshotBlock"])
            options.setdefault("keep_trailing_newline", True)
            super().__init__(finalize=self._finalize, **options)
            self.limits = _Limits()
            self.globals["range"] = self._range
            self.filters.update(as_bool=as_bool, as_number=as_number, as_native=as_native,
                                as_text=as_text)
            self.policies["json.dumps_kwargs"] = {"sort_keys": True, "default": json_default}

        def _finalize(self, value: Any) -> Any:
            self.limits.tick()
            return value

        def _range(self, *args: int) -> range:
            values = range(*args)
            self.limits.take_range(len(values))
            return values

        def call(__self, __context: Any, __obj: Any,  # noqa: N805 - Jinja's own signature
                 *args: Any, **kwargs: Any) -> Any:
            __self.limits.tick()
            if not isinstance(__obj, Macro):
                return super().call(__context, __obj, *args, **kwargs)
            stack = __self.limits.macros
            if len(stack) >= MAX_MACRO_DEPTH:
                raise RenderLimitError(
                    f"macro '{__obj.name}' nests more than {MAX_MACRO_DEPTH} calls deep "
                    f"(a recursive macro without an end?)",
                    hint=f"check the condition that stops '{__obj.name}' from calling itself")
            stack.append(__obj.name)
            try:
                return super().call(__context, __obj, *args, **kwargs)
            except MacroReturn as returned:
                return returned.value
            finally:
                stack.pop()

        def call_binop(self, context: Any, op: str, left: Any, right: Any) -> Any:
            if op == "**" and _power_digits(left, right) > MAX_DIGITS:
                raise RenderLimitError(f"{left} ** {right} is too large a number",
                                       hint=f"results are limited to about {MAX_DIGITS} digits")
            if op == "*" and _product_length(left, right) > MAX_SEQUENCE:
                raise RenderLimitError(f"'*' would build a value of more than {MAX_SEQUENCE:,} "
                                       "items", hint="build it in SQL instead")
            return {"*": operator.mul, "**": operator.pow}[op](left, right)

    return ProjectSandbox


def json_default(value: Any) -> Any:
    """`json.dumps`'s fallback for template values that stand for a plain one (a value of
    the command, compile/dbt_jinja/run_values.py): `tojson(invocation_id)` writes the id."""
    plain = getattr(value, "json_value", None)
    if plain is None:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")
    return plain()


def as_native(value: Any) -> Any:
    """dbt's `| as_native`: text read as the Python literal it spells (`'3'` -> 3,
    `'[1, 2]'` -> a list); anything else, or text that is no literal, as it is."""
    if not isinstance(value, str):
        return value
    try:
        return ast.literal_eval(value.strip())
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return value


def as_bool(value: Any) -> bool:
    """dbt's `| as_bool` (`"{{ env_var('FLAG', 'false') | as_bool }}"` in a var or config):
    true or false, however written; anything else is refused, as in dbt."""
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    native = as_native(value)
    if not isinstance(native, bool):
        raise TemplateError(f"as_bool: {value!r} is not true or false")
    return native


def as_number(value: Any) -> int | float:
    """dbt's `| as_number`: an int or a float; anything else is refused, as in dbt."""
    native = as_native(value)
    if isinstance(native, bool) or not isinstance(native, (int, float)):
        raise TemplateError(f"as_number: {value!r} is not a number")
    return native


def as_text(value: Any) -> str:
    """dbt's `| as_text`: the value as text (kept text where a native render would read it)."""
    return str(value)


def _power_digits(base: Any, exponent: Any) -> float:
    """About how many digits `base ** exponent` has, for integers (floats overflow instead)."""
    if isinstance(base, int) and isinstance(exponent, int) and exponent > 0 and abs(base) > 1:
        return exponent * math.log10(abs(base))
    return 0.0


def _product_length(left: Any, right: Any) -> int:
    """The length of `left * right` when it repeats a sequence (0 for numbers)."""
    for seq, times in ((left, right), (right, left)):
        if isinstance(seq, (str, list, tuple)) and isinstance(times, int):
            return len(seq) * times
    return 0
