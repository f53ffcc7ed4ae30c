"""dbt's `{% snapshot name %} ... {% endsnapshot %}` block, as a Jinja extension.

A file under `snapshots/` may hold several blocks, each a snapshot of its own. Every snapshot
node keeps the whole file as its template (so errors name the file's own lines), and a block
renders its body only when the snapshot being rendered is the block's: the other blocks of the
file render to nothing, and their `config()` calls are never recorded for the wrong snapshot.
The snapshot being rendered is `model.name`, as in dbt, where `model` is the snapshot's node.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from jinja2 import TemplateSyntaxError, nodes
from jinja2.ext import Extension
from jinja2.parser import Parser

from datanet_sql.errors import TemplateError


class SnapshotBlock(Extension):
    """`{% snapshot name %}`: the body of the block, for the snapshot of that name only."""

    tags: ClassVar[set[str]] = {"snapshot"}

    def parse(self, parser: Parser) -> nodes.Node:
        lineno = next(parser.stream).lineno
        name = parser.stream.expect("name").value
        body = parser.parse_statements(("name:endsnapshot",), drop_needle=True)
        call = self.call_method("render_block", [nodes.Const(name), nodes.ContextReference()])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def render_block(self, name: str, context: Any, caller: Callable[[], str]) -> str:
        return caller() if rendered_name(context.get("model")) == name else ""


def rendered_name(model: Any) -> str | None:
    """The name of the node a template renders for (`model` is a mapping or an object)."""
    if isinstance(model, dict):
        return model.get("name")
    return getattr(model, "name", None)


def snapshot_blocks(env: Any, text: str, path: str) -> list[tuple[str, int]]:
    """(name, line) of each `{% snapshot %}` block of a file, in order.

    A file that does not parse as a template is the file's error, with its line.
    """
    try:
        tree = env.parse(text, filename=path)
    except TemplateSyntaxError as err:
        raise TemplateError(f"Jinja syntax error: {err.message}", file=path, line=err.lineno,
                            hint="a snapshot is written {% snapshot name %} select ... "
                                 "{% endsnapshot %}") from None
    found = []
    for block in tree.find_all(nodes.CallBlock):
        call = block.call
        if isinstance(call, nodes.Call) and isinstance(call.node, nodes.ExtensionAttribute) \
                and call.node.identifier == SnapshotBlock.identifier:
            found.append((str(call.args[0].value), block.lineno))
    return found
