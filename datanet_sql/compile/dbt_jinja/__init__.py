"""dbt's Jinja namespace: macro files of the project and of `dbt_packages/` as namespaces,
`adapter.dispatch`, `return()`, compile-time warehouse queries and dbt's helper globals.

The render pass binds these per file; packages' own macros run as written (no package macro
is re-implemented here).
"""
