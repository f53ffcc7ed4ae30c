"""Macro namespaces: each package's macro files compiled once, bound per render.

Name resolution follows dbt: `pkg.macro(...)` reaches any package's macro; an unqualified name
is, inside a package, that package's own macro first, then the root project's, except the
render's own names (`model`, `ref`, `config`, ...): a package's macro of such a name is
reached only as `pkg.name`, so its other macros read the render's (dbt-unit-testing's
`model()` returns `model`, the node, as in dbt); in the root project, its own macros, then
dbt's built-ins (the `dbt` namespace). `adapter.dispatch(name,
macro_namespace)` searches `<adapter>__name` then `default__name` in the packages of the
project's `dispatch:` search order (by default the root project, then the namespace itself).
"""

from __future__ import annotations

import re
from collections import ChainMap
from collections.abc import Callable, Collection, MutableMapping
from typing import TYPE_CHECKING, Any

from datanet_sql.compile.dbt_jinja.discover import MacroPackage
from datanet_sql.compile.dbt_jinja.pass_context import WithContext, call
from datanet_sql.config.sandbox import new_template
from datanet_sql.errors import TemplateError

if TYPE_CHECKING:
    import jinja2

PREFIX = "<macros:"  # template names: `<macros:dbt_utils>`
# macros of dbt's global project that datanet gives each render as context functions (their
# value depends on the node): `dbt.is_incremental()` reaches the render's own, as in dbt
CONTEXT_MACROS = ("is_incremental", "run_query", "statement", "should_store_failures",
                  "load_relation")


def template_name(namespace: str) -> str:
    return f"{PREFIX}{namespace}>"


class Namespace:
    """`pkg.macro` in templates: the macros of one package, looked up when called."""

    def __init__(self, name: str, macros: MutableMapping[str, Any] | None = None) -> None:
        self._name = name
        self._macros: MutableMapping[str, Any] = macros if macros is not None else {}

    def __getattr__(self, key: str) -> Any:
        """The macro, or an undefined that fails where it is used (called, printed): as in
        dbt, `{% set f = pkg.missing %}` or `pkg.missing is defined` alone is no error."""
        if key.startswith("_"):
            raise AttributeError(key)
        try:
            return self._macros[key]
        except KeyError:
            import jinja2

            return jinja2.StrictUndefined(
                hint=f"no macro '{key}' in the '{self._name}' namespace (check the macro's "
                     f"name and that package '{self._name}' is in dbt_packages/)", name=key)

    def __getitem__(self, key: str) -> Any:
        """`pkg._private` reaches here: the sandbox refuses `_` attributes, then tries items."""
        if key not in self._macros:
            return self.__getattr__(key)
        return self._macros[key]

    def __contains__(self, key: str) -> bool:
        return key in self._macros

    def get(self, key: str, default: Any = None) -> Any:
        return self._macros.get(key, default)

    def macros(self) -> dict[str, Any]:
        return dict(self._macros)


def overridden(namespaces: dict[str, Namespace], context: dict[str, Any]
               ) -> dict[str, Namespace]:
    """The namespaces with the `pkg.macro` entries of `context` (a unit test's `overrides:
    macros:`) in place of the package's macros, for this render only."""
    patched = dict(namespaces)
    for key, value in context.items():
        package, dot, name = key.partition(".")
        if dot and package in patched:
            # a live view: on a compile's first bind the package's macros are loaded after
            patched[package] = Namespace(package, ChainMap({name: value},
                                                           patched[package]._macros))
    return patched


class MacroRegistry:
    """The project's macro packages; `bind()` gives one render its macros."""

    def __init__(self, env: Callable[[], jinja2.Environment], packages: list[MacroPackage],
                 dispatch_order: dict[str, list[str]], adapter_type: str,
                 builtin: dict[str, Callable[..., Any]]) -> None:
        self._env = env  # made on first use: a compile served from the cache needs no Jinja
        self.packages = {p.name: p for p in packages}
        self.root = packages[0].name
        self.dispatch_order = dispatch_order
        self.adapter_type = adapter_type
        # dbt's own macros: the `dbt` namespace. One with a `default__` implementation is, as
        # in dbt's global project, `adapter.dispatch('name', 'dbt')` of it
        self.builtin = {**builtin, **{name: DbtDispatched(self, name) for name in builtin
                                      if f"default__{name}" in builtin}}
        self._bound: BoundMacros | None = None
        self._dbt_context: dict[str, Any] = {}  # this render's CONTEXT_MACROS
        self._shared: dict[str, dict[str, Any]] = {}  # per package: the globals its macros see

    @property
    def env(self) -> jinja2.Environment:
        return self._env()

    def defines(self, macro: str) -> bool:
        """Whether any package defines the macro (read from the text: no Jinja needed)."""
        pattern = re.compile(r"\{%-?\s*macro\s+" + re.escape(macro) + r"\s*\(")
        return any(pattern.search(p.text) for p in self.packages.values())

    def defines_test(self, test: str) -> bool:
        """Whether `pkg.name` (that package) or `name` (any package) has a test macro."""
        package, _, name = test.rpartition(".")
        macro = re.compile(r"\{%-?\s*macro\s+test_" + re.escape(name) + r"\s*\(")
        spaces = [self.packages[package]] if package in self.packages else \
            [] if package else list(self.packages.values())
        return any(macro.search(p.text) for p in spaces)

    def where(self, name: str, line: int) -> tuple[str, int] | None:
        """(file, line) of a line of a namespace's template; None when it is not one."""
        package = self.packages.get(name[len(PREFIX):-1]) if name.startswith(PREFIX) else None
        if package is None:
            return None
        first = 1
        for file in package.files:
            last = first + file.text.count("\n")
            if line <= last:
                return file.path, line - first + 1
            first = last + 1
        return package.files[-1].path if package.files else name, line

    def bind(self, context: dict[str, Any]) -> BoundMacros:
        """The macros, seeing `context` (one render's globals).

        Each package's template runs once per compile; its macros read their globals from a
        dict shared with the Jinja context (`shared=True`), refilled for every render: running
        three packages' templates again for each of hundreds of tests cost seconds."""
        first = self._bound is None
        if self._bound is None:
            self._bound = BoundMacros(self)
            self._bound.namespaces["dbt"] = Namespace("dbt", ChainMap(self._dbt_context,
                                                                      dict(self.builtin)))
            for name in self.packages:
                self._bound.namespace(name)
        bound = self._bound
        self._dbt_context.clear()
        self._dbt_context.update({k: context[k] for k in CONTEXT_MACROS if k in context})
        base = {**self.env.globals, **self.builtin, **context,
                **overridden(bound.namespaces, context)}
        for name in [self.root, *(n for n in self.packages if n != self.root)]:
            shared = self._shared.setdefault(name, {})
            shared.clear()
            shared.update(base if name == self.root else {**base, **bound.root_macros})
            if first:
                macros = self._load(name, shared, () if name == self.root else context)
                bound.namespaces[name]._macros.update(macros)
                if name == self.root:
                    bound.root_macros = macros
        return bound

    def _load(self, name: str, shared: dict[str, Any],
              unshadowed: Collection[str]) -> dict[str, Any]:
        """The package's macros by name. One of an `unshadowed` name is compiled under
        another name, so that the package's other macros read that name from the render, as
        dbt's macros (each compiled alone) do; `pkg.name` still reaches it."""
        text = self.packages[name].text
        hidden = {n for n in unshadowed if re.search(_definition(n), text)}
        for macro in hidden:  # no line added: errors keep their line numbers
            text = re.sub(_definition(macro), rf"\g<1>{_HIDDEN}{macro}\g<2>", text)
        template = new_template(self.env, text, template_name(name))
        # not make_module: it copies the globals (and drops `_private` macros)
        run = template.new_context(vars=shared, shared=True)
        try:
            for _ in template.root_render_func(run):
                pass
        except Exception:  # noqa: BLE001 - re-raised with template lines, as render does
            self.env.handle_exception()
        macros = dict(run.vars)
        for macro in hidden:
            macros[macro] = macros.pop(f"{_HIDDEN}{macro}")
        return macros


_HIDDEN = "__dn_own_"  # the compiled name of a package macro named like a render's global


def _definition(name: str) -> str:
    return r"(\{%-?\s*macro\s+)" + re.escape(name) + r"(\s*\()"


class DbtDispatched(WithContext):
    """dbt's own macro `name` (`dbt.listagg`, or `listagg` unqualified), which dbt's global
    project writes as `adapter.dispatch('listagg', 'dbt')(...)`: the project's
    `duckdb__listagg`, or the `dispatch:` search order for the `dbt` namespace (a package's
    `duckdb__listagg`), wins over datanet's own `default__listagg`.

    Called with the template's context (as every `WithContext` macro is), which it hands on
    to a built-in that acts on the render's warehouse (`dbt.truncate_relation`).
    """

    def __init__(self, registry: MacroRegistry, name: str) -> None:
        super().__init__(self._dispatch)
        self.registry = registry
        self.name = name

    def _dispatch(self, context: Any, *args: Any, **kwargs: Any) -> Any:
        bound = self.registry._bound
        if bound is None:  # no render bound the macros yet: nothing can override it
            macro = self.registry.builtin[f"default__{self.name}"]
        else:
            macro = bound.dispatch(self.name, "dbt")
        return call(macro, context, *args, **kwargs)


class BoundMacros:
    """The macros one render sees, and `adapter.dispatch` over them."""

    def __init__(self, registry: MacroRegistry) -> None:
        self.registry = registry
        self.namespaces: dict[str, Namespace] = {}
        self.root_macros: dict[str, Any] = {}

    def namespace(self, name: str) -> Namespace:
        return self.namespaces.setdefault(name, Namespace(name))

    def find(self, package: str | None, name: str) -> Any:
        """A macro by package (None: the root project, then dbt's built-ins), or None."""
        if package is None:
            found = self.root_macros.get(name)
            return found if found is not None else self.registry.builtin.get(name)
        if package == "dbt":
            return self.registry.builtin.get(name)
        space = self.namespaces.get(package)
        return space.get(name) if space is not None else None

    def dispatch(self, macro_name: str, macro_namespace: str | None = None,
                 packages: list[str] | None = None) -> Any:
        """dbt's `adapter.dispatch`: the first of `<adapter>__name`, `default__name` found in
        the search order."""
        prefixes = [self.registry.adapter_type, "default"]
        attempts: list[str] = []
        for package in self._search(macro_namespace, packages):
            for prefix in prefixes:
                macro = self.find(package, f"{prefix}__{macro_name}")
                attempts.append(f"{package + '.' if package else ''}{prefix}__{macro_name}")
                if macro is not None:
                    return macro
        raise TemplateError(f"adapter.dispatch found no macro '{macro_name}' in namespace "
                            f"'{macro_namespace}' (searched {', '.join(attempts)})",
                            hint="define one of these macros, or install the package in "
                                 "dbt_packages/")

    def _search(self, namespace: str | None, packages: list[str] | None) -> list[str | None]:
        if packages:
            return list(packages)
        if namespace in self.registry.dispatch_order:  # `dbt` too: dbt.listagg goes by it
            return list(self.registry.dispatch_order[namespace])
        if namespace is None or namespace == "dbt":
            return [None]
        return [self.registry.root, namespace]

    def test_macro(self, test: str) -> Any:
        """The macro of a generic test (`pkg.name` or `name`): the root project's first, then
        each package's, as dbt finds them; None when there is none."""
        package, _, name = test.rpartition(".")
        if package:
            return self.find(package, f"test_{name}")
        for space in [self.registry.root, *self.registry.packages]:
            found = self.find(space, f"test_{name}")
            if found is not None:
                return found
        return None
