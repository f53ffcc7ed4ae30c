"""`selectors.yml`: dbt's named selections (`--selector nightly`), read and checked.

A definition is what dbt accepts: a CLI-style string (`"tag:nightly+"`), a `{method, value}`
mapping with graph options (`parents`, `children`, `parents_depth`, `children_depth`,
`childrens_parents`) and an `exclude:` list (that selection minus the exclusions, as dbt's
`parse_dict_definition` reads it), a `{method: value}` shorthand, or a `union:` /
`intersection:` list whose items may hold `exclude:` lists. Its shape is checked here, when the project loads, so a typo
is an error at its line, not a selection that quietly matches something else.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from datanet_sql.config.yamlfile import YamlDocument, key_line, read_yaml
from datanet_sql.errors import ConfigError, did_you_mean

FILE = "selectors.yml"
GRAPH_KEYS = ("parents", "children", "parents_depth", "children_depth", "childrens_parents",
              "indirect_selection")
INDIRECT_MODES = ("eager", "cautious", "buildable", "empty")  # see project/indirect.py
_SELECTOR_KEYS = ("name", "description", "default", "definition")


@dataclass(frozen=True)
class Selector:
    name: str
    definition: Any
    default: bool
    line: int | None


def load_selectors(root: Path) -> dict[str, Selector]:
    """The project's selectors by name (none without the file)."""
    path = root / FILE
    if not path.is_file():
        return {}
    doc = read_yaml(path, display=FILE)
    items = (doc.data or {}).get("selectors") if isinstance(doc.data, dict) else None
    if not isinstance(items, list):
        raise ConfigError("selectors.yml needs a `selectors:` list", file=FILE, line=1,
                          hint="selectors:\n  - name: nightly\n    definition: 'tag:nightly'")
    selectors: dict[str, Selector] = {}
    for index, item in enumerate(items):
        selector = _selector(doc, index, item)
        if selector.name in selectors:
            raise ConfigError(f"selector '{selector.name}' is defined twice", file=FILE,
                              line=selector.line)
        selectors[selector.name] = selector
    _check_cycles(selectors)
    defaults = [s.name for s in selectors.values() if s.default]
    if len(defaults) > 1:
        raise ConfigError(f"more than one default selector: {', '.join(defaults)}", file=FILE,
                          hint="mark one selector `default: true`")
    return selectors


def _selector(doc: YamlDocument, index: int, item: Any) -> Selector:
    line = doc.line_of(("selectors", index))
    if not isinstance(item, dict) or not isinstance(item.get("name"), str):
        raise ConfigError("each selector needs a `name:` and a `definition:`", file=FILE,
                          line=line)
    for key in item:
        if key not in _SELECTOR_KEYS:
            raise ConfigError(f"unknown key '{key}' in selector '{item['name']}'." +
                              did_you_mean(str(key), _SELECTOR_KEYS), file=FILE, line=line)
    if "definition" not in item:
        raise ConfigError(f"selector '{item['name']}' has no `definition:`", file=FILE,
                          line=line)
    _check(doc, ("selectors", index, "definition"), item["definition"], item["name"])
    default = item.get("default", False)
    if not isinstance(default, bool):
        raise ConfigError(f"selector '{item['name']}': `default:` is true or false", file=FILE,
                          line=line)
    return Selector(item["name"], item["definition"], default, line)


def _check(doc: YamlDocument, loc: tuple[str | int, ...], value: Any, name: str) -> None:
    """Walk a definition, refusing what dbt would not read."""
    def fail(message: str, line: int | None = None) -> None:
        raise ConfigError(f"selector '{name}': {message}", file=FILE,
                          line=line or doc.line_of(loc),
                          hint="see dbt's YAML selectors: method/value, union, intersection, "
                               "exclude, or a string such as 'tag:nightly+'")

    if isinstance(value, str):
        return
    if not isinstance(value, dict) or not value:
        fail(f"a definition is a string or a mapping, not {value!r}")
    sets = set(value) & {"union", "intersection"}
    if sets:
        if len(value) != 1:
            fail("`union:` or `intersection:` stands alone in its mapping")
        key = sets.pop()
        if not isinstance(value[key], list) or not value[key]:
            fail(f"`{key}:` takes a list of definitions")
        for index, item in enumerate(value[key]):
            _check(doc, (*loc, key, index), item, name)
        return
    if "exclude" in value:
        if not isinstance(value["exclude"], list) or not value["exclude"]:
            fail("`exclude:` takes a list of definitions", key_line(doc, (*loc, "exclude")))
        if len(value) != 1 and "method" not in value:
            fail("`exclude:` stands alone in its mapping or sits beside `method:` and "
                 "`value:`")
        for index, item in enumerate(value["exclude"]):
            _check(doc, (*loc, "exclude", index), item, name)
        if "method" not in value:
            return
    mode = value.get("indirect_selection", "eager")
    if mode not in INDIRECT_MODES:
        fail(f"indirect_selection '{mode}' is not one of {', '.join(INDIRECT_MODES)}",
             key_line(doc, (*loc, "indirect_selection")))
    if "method" in value:
        unknown = set(value) - {"method", "value", "exclude", *GRAPH_KEYS}
        if unknown:
            key = min(unknown)
            fail(f"unknown key '{key}'." + did_you_mean(key, ("value", "exclude", *GRAPH_KEYS)),
                 key_line(doc, (*loc, key)))
        if "value" not in value:
            fail("`value:` is missing")
        return
    method = [key for key in value if key not in GRAPH_KEYS]
    if len(method) != 1:
        fail("a shorthand definition is one `method: value` pair")


def _check_cycles(selectors: dict[str, Selector]) -> None:
    """A selector that reaches itself through `selector:` references would never finish."""
    uses = {name: set(_references(s.definition)) for name, s in selectors.items()}

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in path:
            cycle = " -> ".join((*path[path.index(name):], name))
            raise ConfigError(f"selectors refer to each other in a cycle: {cycle}", file=FILE,
                              line=selectors[path[0]].line)
        for used in uses.get(name, ()):
            visit(used, (*path, name))

    for name in selectors:
        visit(name, ())


def _references(value: Any) -> list[str]:
    """Names of the selectors a definition uses."""
    if isinstance(value, str):
        return [term.split(":", 1)[1].strip("+@") for term in value.replace(",", " ").split()
                if term.lstrip("@+0123456789").startswith("selector:")]
    if isinstance(value, list):
        return [name for item in value for name in _references(item)]
    if isinstance(value, dict):
        if value.get("method") == "selector":
            return [str(value.get("value"))]
        if "selector" in value:
            return [str(value["selector"])]
        return [name for item in value.values() for name in _references(item)]
    return []
