"""Healing: contracts of sources, schema diffs as data, healing plans and AST rewrites.

Flow: `ContractStore` (recorded contracts: the one reader and writer of profiles/) and
`live_contract` (fingerprinted through the
adapter) -> `plan_healing` (per model: heals and refusals) -> `apply_healing` (rewritten
sqlglot expression). `with_outage_policy` wraps source reads for the runner.

Each name is imported from its module when first asked for (PEP 562): every compile reads
the recorded contracts, but only a compile that finds a changed source plans and rewrites,
and importing the diff, plan and rewrite modules up front was a few hundredths of a second
of each recompile.
"""

from __future__ import annotations

from typing import Any

from datanet_sql.lazy import lazy_attribute

_HOMES = {
    "Contract": "contract", "ContractColumn": "contract", "JsonPath": "contract",
    "contract_from_profile": "contract", "live_contract": "contract",
    "merge_into_profile": "contract",
    "SchemaDiff": "diff", "diff_contracts": "diff", "find_moved_table": "diff",
    "OutageResult": "outage", "with_outage_policy": "outage",
    "Heal": "plan", "HealingPlan": "plan", "HealPolicy": "plan", "Refusal": "plan",
    "plan_healing": "plan", "resolve_on_schema_change": "plan",
    "apply_healing": "rewrite",
    "ContractStore": "store",
}  # every name of __all__

__all__ = [
    "Contract", "ContractColumn", "ContractStore", "Heal", "HealPolicy", "HealingPlan",
    "JsonPath", "OutageResult", "Refusal", "SchemaDiff", "apply_healing",
    "contract_from_profile", "diff_contracts", "find_moved_table", "live_contract",
    "merge_into_profile", "plan_healing", "resolve_on_schema_change", "with_outage_policy",
]


def __getattr__(name: str) -> Any:
    return lazy_attribute(__name__, _HOMES, globals(), name)
