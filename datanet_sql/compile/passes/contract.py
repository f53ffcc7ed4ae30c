"""contract: models with `contract: {enforced: true}` checked against their YAML columns.

After annotate, when every output column has its type: a missing, extra or retyped column is
an error of that model (the others go on); constraints the target will not enforce warn.
"""

from __future__ import annotations

from datanet_sql.compile.context import CompileContext
from datanet_sql.compile.contracts import check_contract, contract_enforced, unenforced_warnings
from datanet_sql.compile.node_errors import recorded
from datanet_sql.errors import ConfigError
from datanet_sql.project.manifest import Manifest


def contract(manifest: Manifest, ctx: CompileContext) -> Manifest:
    for node in manifest.models():
        if node.spec is None or node.error or node.blocked:
            continue
        manifest.warnings += [w for w in unenforced_warnings(node, ctx.target["type"])
                              if w not in manifest.warnings]
        if not contract_enforced(node):
            continue
        with recorded(node):
            if node.materialized == "ephemeral":
                raise ConfigError(f"model '{node.name}' is ephemeral and has an enforced "
                                  f"contract, which dbt does not allow either",
                                  file=node.spec_path, line=node.spec_line, model=node.name,
                                  hint="materialize it as a table, view or incremental, or "
                                       "drop the contract")
            check_contract(node, ctx.dialect)
    return manifest
