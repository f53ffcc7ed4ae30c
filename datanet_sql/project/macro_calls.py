"""The macros a node calls itself, as dbt records them in its `depends_on.macros`.

dbt lists the macros a node's template called directly (depth 0: not those the macros call in
turn) while it parsed the node, `execute` false, in the order of their first call, dbt's own
(`macro.dbt.type_boolean`) included; the hooks' macros come after the body's. Read from the
text, an inline `a if c else b` whose condition reads only the target (`target.type in
["duckdb"]`) counts the branch dbt's parse takes; any other condition, both. dbt-project-
evaluator reads the list (a test counts as a primary-key test when it depends on
`macro.dbt.test_unique`). It is read here from the text: the calls inside Jinja tags, a
`{% if execute %}` block (not run at parse) and quoted strings (hooks are read from the
config) left out. The transitive list that state:modified.macros compares is
`project/macros.py`'s.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2
    from jinja2 import nodes as jinja_nodes

_QUOTED = r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\""
_STRING = re.compile(_QUOTED)
# a tag's code runs to the first closing delimiter outside a string (a hook's "{{ ... }}")
_TAG = re.compile(rf"\{{\{{((?:{_QUOTED}|[^'\"])*?)\}}\}}|\{{%-?((?:{_QUOTED}|[^'\"])*?)-?%\}}",
                  re.DOTALL)
_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)
_CALL = re.compile(r"(?<![\w.])(\w+)(?:\.(\w+))?\s*\(")
_IF_EXECUTE = re.compile(r"^\s*if\s+execute\s*$")
_IF, _ENDIF = re.compile(r"^\s*if\b"), re.compile(r"^\s*endif\b")
# dbt's own generic tests whose nodes dbt records without `get_where_subquery`
_BARE_TESTS = ("unique", "not_null")


def direct_macros(texts: Iterable[str], defined: Collection[str], own: list[str],
                  dbt_names: Collection[str], target: Mapping[str, Any] | None = None
                  ) -> list[str]:
    """The unique ids of the macros `texts` (the node's template, then its hooks) call at
    depth 0. `defined` holds `macro.<package>.<name>` ids; `own` the packages searched for
    an unqualified name (the node's package, then the project); `dbt_names` dbt's macros;
    `target` the target's fields, which decide inline conditionals that read only them."""
    found: list[str] = []
    for text in texts:
        for code in _parsed_code(text):
            untaken = _untaken_calls(code, target or {})
            for namespace, name in _calls(_STRING.sub("''", code)):
                if (namespace, name) in untaken:
                    untaken.remove((namespace, name))
                    continue
                uid = _resolve(namespace, name, defined, own, dbt_names)
                if uid is not None and uid not in found:
                    found.append(uid)
    return found


def _calls(code: str) -> list[tuple[str, str]]:
    """(namespace or '', name) of each call in one tag's code, in the order Jinja makes them:
    a call's arguments are called before it (`wrap(pattern())` calls `pattern` first), so
    calls are ordered by where their argument list closes."""
    calls = []
    for match in _CALL.finditer(code):
        first, second = match.group(1), match.group(2)
        depth, end = 0, len(code)
        for index in range(match.end() - 1, len(code)):
            depth += {"(": 1, ")": -1}.get(code[index], 0)
            if depth == 0:
                end = index
                break
        calls.append((end, (first, second) if second else ("", first)))
    return [call for _, call in sorted(calls, key=lambda item: item[0])]


def _untaken_calls(code: str, target: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The calls (namespace or '', name) in the branch of each inline `a if c else b` of one
    tag's code (an expression, or a `set x = ...`) that dbt's parse does not take: `c` decided
    by the target's fields alone; a condition reading anything else decides nothing."""
    if not target or not all(word in code for word in (" if ", " else ", "target.")):
        return []  # Jinja's parser is imported only for such a tag (an unchanged compile
        # of a project without one never loads Jinja)
    from jinja2 import nodes as jinja_nodes

    expression = code.split("=", 1)[1] if re.match(r"\s*set\s+\w+\s*=", code) else code
    try:
        tree = _jinja().parse("{{ " + expression + " }}")
    except Exception:  # noqa: BLE001 - not an expression Jinja reads alone: nothing decided
        return []
    for getattr_ in tree.find_all(jinja_nodes.Getattr):
        if isinstance(getattr_.node, jinja_nodes.Name) and getattr_.node.name == "target":
            getattr_.node = jinja_nodes.Const(dict(target))
    untaken: list[tuple[str, str]] = []
    context = jinja_nodes.EvalContext(_jinja())
    for conditional in tree.find_all(jinja_nodes.CondExpr):
        taken = _decided(conditional.test, context)
        branch = None if taken is None else conditional.expr2 if taken else conditional.expr1
        if branch is not None:
            untaken += _ast_calls(branch)
    return untaken


def _decided(test: jinja_nodes.Expr, context: jinja_nodes.EvalContext) -> bool | None:
    """The condition's value when it is a constant once the target is put in; else None."""
    try:
        return bool(test.as_const(context))
    except Exception:  # noqa: BLE001 - jinja's Impossible, or an error evaluating it
        return None


def _ast_calls(node: jinja_nodes.Node) -> list[tuple[str, str]]:
    """(namespace or '', name) of the calls under a Jinja expression node."""
    from jinja2 import nodes as jinja_nodes

    calls = [node] if isinstance(node, jinja_nodes.Call) else []
    found: list[tuple[str, str]] = []
    for call in [*calls, *node.find_all(jinja_nodes.Call)]:
        callee = call.node
        if isinstance(callee, jinja_nodes.Name):
            found.append(("", callee.name))
        elif isinstance(callee, jinja_nodes.Getattr) and \
                isinstance(callee.node, jinja_nodes.Name):
            found.append((callee.node.name, callee.attr))
    return found


@functools.cache
def _jinja() -> jinja2.Environment:
    import jinja2

    return jinja2.Environment()


def hook_texts(config: dict[str, Any]) -> list[str]:
    """The SQL of a node's hooks (a string, or `{sql: ...}`), pre- before post-hooks."""
    texts = []
    for key in ("pre_hook", "post_hook"):
        hooks = config.get(key) or []
        for hook in [hooks] if isinstance(hooks, (str, dict)) else hooks:
            text = hook.get("sql") if isinstance(hook, dict) else hook
            if isinstance(text, str):
                texts.append(text)
    return texts


def test_macros(name: str, namespace: str | None, defined: Collection[str],
                own: list[str]) -> list[str]:
    """A generic test's `depends_on.macros` as dbt records it: its test macro (the named
    package's, else the project's or a package's, else dbt's), then `get_where_subquery`,
    which dbt's `unique` and `not_null` go without."""
    macro = f"test_{name}"
    spaces = [namespace] if namespace else own
    uid = next((f"macro.{p}.{macro}" for p in spaces if f"macro.{p}.{macro}" in defined),
               None) or next((uid for uid in sorted(defined) if uid.endswith(f".{macro}")),
                             f"macro.dbt.{macro}")
    bare = uid == f"macro.dbt.{macro}" and name in _BARE_TESTS
    return [uid] if bare else [uid, "macro.dbt.get_where_subquery"]


def _parsed_code(text: str) -> list[str]:
    """The code of each Jinja tag dbt's parse runs: not those in `{% if execute %}`."""
    code: list[str] = []
    skipping = 0  # depth of if-blocks inside an `if execute` block (0: not in one)
    for match in _TAG.finditer(_COMMENT.sub("", text)):
        expression, statement = match.group(1), match.group(2)
        if statement is not None:
            if skipping:
                skipping += 1 if _IF.match(statement) else -1 if _ENDIF.match(statement) else 0
                continue
            if _IF_EXECUTE.match(statement):
                skipping = 1
                continue
            code.append(statement)
        elif not skipping:
            code.append(expression)
    return code


def _resolve(namespace: str, name: str, defined: Collection[str], own: list[str],
             dbt_names: Collection[str]) -> str | None:
    if namespace:  # `pkg.name(`: that package's macro, or dbt's
        uid = f"macro.{namespace}.{name}"
        if uid in defined or (namespace == "dbt" and name in dbt_names):
            return uid
        return None
    for package in own:
        if f"macro.{package}.{name}" in defined:
            return f"macro.{package}.{name}"
    return f"macro.dbt.{name}" if name in dbt_names else None
