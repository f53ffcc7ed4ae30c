"""Artifacts in dbt's documented schemas, so the dbt ecosystem can read what datanet did.

datanet's own `.datanet/manifest.json` and `run_results.json` carry its richer shapes; the files
here (manifest v12, run_results v6 under `target/`) are what dbt docs, Elementary, dagster-dbt,
Cosmos and dbt-checkpoint read. datanet's extras ride along in `meta.datanet`.

The package imports nothing: `datanet compile` reusing an unchanged compile reads ids.py
without loading the manifest builders (and the compiler they import).
"""
