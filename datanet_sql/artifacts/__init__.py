"""Artifacts in dbt's documented schemas, so the dbt ecosystem can read what datanet did.

datanet's own `.datanet/manifest.json` and `run_results.json` carry its richer shapes; the files
here (manifest v12, run_results v6 under `target/`) are what dbt docs, Elementary, dagster-dbt,
Cosmos and dbt-checkpoint read. datanet's extras ride along in `meta.datanet`.
"""

from datanet_sql.artifacts.dbt_manifest import to_dbt_manifest, write_dbt_manifest
from datanet_sql.artifacts.dbt_run_results import to_dbt_run_results, write_dbt_run_results

__all__ = ["to_dbt_manifest", "to_dbt_run_results", "write_dbt_manifest",
           "write_dbt_run_results"]
