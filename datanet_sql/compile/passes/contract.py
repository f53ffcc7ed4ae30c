"""contract: models with `contract: {enforced: true}` checked against their YAML columns.

After annotate, when every output column has its type: a missing, extra or retyped column is
an error of that model (the others go on); constraints the target will not enforce warn.
"""

from __future__ import annotations

from datanet_sql.compile.context import CompileContext
from datanet_sql.compile.contracts import check_contract, contract_enforced, unenforced_warnings
from datanet_sql.compile.foreign_keys import check_foreign_key_columns
from datanet_sql.compile.node_errors import recorded
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node


def contract(manifest: Manifest, ctx: CompileContext) -> Manifest:
    for node in manifest.models():
        check_node_contract(node, manifest, ctx)
    return manifest


def check_node_contract(node: Node, manifest: Manifest, ctx: CompileContext) -> None:
    """One model's contract against its analysed columns (its warnings are the manifest's)."""
    if node.spec is None or node.error or node.blocked or node.held_over:  # checked at run
        return
    manifest.warnings += [w for w in unenforced_warnings(node, ctx.target["type"])
                          if w not in manifest.warnings]
    if not contract_enforced(node):
        return
    if node.materialized == "ephemeral":  # dbt builds it and ignores the contract
        manifest.warnings.append(f"{node.spec_path or node.path}:{node.spec_line or 1}: "
                                 f"model '{node.name}' is ephemeral: its contract is not "
                                 f"enforced (as in dbt)")
        return
    with recorded(node):
        check_contract(node, ctx.dialect)
        check_foreign_key_columns(node, manifest)
