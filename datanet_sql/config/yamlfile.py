"""Read a YAML file keeping where every value sits, so errors can name file and line.

Two things PyYAML accepts are refused here, before any value is built: a key written twice in
one mapping (PyYAML keeps the last value silently) and aliases that expand to more than
MAX_EXPANDED_NODES values (a "billion laughs" file is a few lines that expand to 10^9 values:
every later step that walks the data would hang).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from datanet_sql.config.textfile import read_text
from datanet_sql.errors import ConfigError

MAX_EXPANDED_NODES = 1_000_000


@dataclass
class YamlDocument:
    """Parsed data plus the node tree that knows line numbers."""

    path: Path
    data: Any
    root: yaml.Node | None

    def line_of(self, loc: Sequence[str | int]) -> int | None:
        """1-based line of the value at a pydantic-style location path (deepest known)."""
        node = self.root
        line = node.start_mark.line + 1 if node is not None else None
        for key in loc:
            node = _child(node, key)
            if node is None:
                break
            line = node.start_mark.line + 1
        return line


def _child(node: yaml.Node | None, key: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == key:
                return value_node
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]
    return None


def key_line(doc: YamlDocument, loc: Sequence[str | int]) -> int | None:
    """Line of the *key* at `loc` (for an unknown key, the value may not exist)."""
    parent = doc.root
    for key in loc[:-1]:
        parent = _child(parent, key)
    if isinstance(parent, yaml.MappingNode):
        for key_node, _ in parent.value:
            if key_node.value == loc[-1]:
                return key_node.start_mark.line + 1
    return doc.line_of(loc[:-1]) if loc else None


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when installed: ~10x faster


def read_yaml(path: Path, text: str | None = None, *,
              display: str | Path | None = None) -> YamlDocument:
    """Parse one YAML file; a syntax error becomes a ConfigError at file:line.

    `display` is the path errors show (relative to the project root, like every other error).
    """
    shown = Path(display) if display is not None else path
    # stripped at the end, as dbt reads project files: a folded `>` scalar that ends the
    # file keeps no final newline (dbt's descriptions, which packages hash)
    source = (read_text(path, shown) if text is None else text).rstrip()
    path = shown
    try:
        loader = _Loader(source)
        try:
            root = loader.get_single_node()  # parsed once: the tree with lines, then the data
            if root is not None:
                _check_nodes(root, path)
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = err.problem or str(err)
        raise ConfigError(f"invalid YAML: {problem}", file=path, line=line,
                          hint="check the indentation and quoting around this line") from None
    except yaml.YAMLError as err:
        raise ConfigError(f"invalid YAML: {err}", file=path) from None
    except RecursionError:
        raise ConfigError("YAML nested too deeply", file=path,
                          hint="a project file needs a few levels, not hundreds") from None
    return YamlDocument(path=path, data=data, root=root)


def _check_nodes(root: yaml.Node, path: Path) -> None:
    """Refuse duplicate keys and alias bombs, walking each distinct node once.

    Aliases share node objects, so the expanded size is a sum over a DAG, memoized by node id;
    a node met again while its own size is being counted is a recursive alias.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()

    def size(node: yaml.Node) -> int:
        known = sizes.get(id(node))
        if known is not None:
            return known
        if id(node) in open_nodes:
            raise ConfigError("a YAML alias refers to the value that contains it", file=path,
                              line=node.start_mark.line + 1, hint="remove the recursive alias")
        open_nodes.add(id(node))
        total = 1
        if isinstance(node, yaml.MappingNode):
            _check_duplicates(node, path)
            total += sum(size(k) + size(v) for k, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            total += sum(size(item) for item in node.value)
        open_nodes.discard(id(node))
        if total > MAX_EXPANDED_NODES:
            raise ConfigError(f"YAML aliases expand to more than {MAX_EXPANDED_NODES:,} values "
                              "(an alias bomb?)", file=path, line=node.start_mark.line + 1,
                              hint="write the values out, or use fewer nested aliases")
        sizes[id(node)] = total
        return total

    size(root)


def _check_duplicates(node: yaml.MappingNode, path: Path) -> None:
    seen: dict[tuple[str, str], int] = {}
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag.endswith(":merge"):
            continue
        key, line = (key_node.tag, key_node.value), key_node.start_mark.line + 1
        if key in seen:
            raise ConfigError(f"key '{key_node.value}' is written twice in one mapping (first "
                              f"on line {seen[key]})", file=path, line=line,
                              hint="keep one of them: YAML would silently use the last")
        seen[key] = line
