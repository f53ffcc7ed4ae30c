"""Healing: contracts of sources, schema diffs as data, healing plans and AST rewrites.

Flow: `ContractStore` (recorded contracts: the one reader and writer of profiles/) and
`live_contract` (fingerprinted through the
adapter) -> `plan_healing` (per model: heals and refusals) -> `apply_healing` (rewritten
sqlglot expression). `with_outage_policy` wraps source reads for the runner.
"""

from __future__ import annotations

from datanet_sql.heal.contract import (Contract, ContractColumn, JsonPath, contract_from_profile,
                                       live_contract, merge_into_profile)
from datanet_sql.heal.diff import SchemaDiff, diff_contracts, find_moved_table
from datanet_sql.heal.outage import OutageResult, with_outage_policy
from datanet_sql.heal.plan import (Heal, HealingPlan, HealPolicy, Refusal, plan_healing,
                                   resolve_on_schema_change)
from datanet_sql.heal.rewrite import apply_healing
from datanet_sql.heal.store import ContractStore

__all__ = [
    "Contract", "ContractColumn", "ContractStore", "Heal", "HealPolicy", "HealingPlan",
    "JsonPath", "OutageResult",
    "Refusal", "SchemaDiff", "apply_healing", "contract_from_profile", "diff_contracts",
    "find_moved_table", "live_contract", "merge_into_profile", "plan_healing",
    "resolve_on_schema_change", "with_outage_policy",
]
