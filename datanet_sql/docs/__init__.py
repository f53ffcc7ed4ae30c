"""`datanet docs generate`: a static site (target/index.html and its data file) and dbt's
target/catalog.json, made from the compiled manifest and the run history in state.db."""

from datanet_sql.docs.site import generate_site

__all__ = ["generate_site"]
