"""dbt's `quote_columns` of seeds: the names a seed's columns get in the warehouse.

dbt quotes a seed's column names by default, so a header `Amount` stays `Amount`; with
`quote_columns: false` the names go unquoted into CREATE TABLE and the engine folds them as
it folds any unquoted name (Postgres to lower case, Snowflake to upper). Engines that compare
names without regard to case (DuckDB, Spark) keep them as written. Compile (the seed's
columns) and the run (the table's columns) both ask here, so they agree.
"""

from __future__ import annotations

from sqlglot import exp
from sqlglot.dialects.dialect import Dialect, NormalizationStrategy

from datanet_sql.project.nodes import Node

_FOLDING = (NormalizationStrategy.LOWERCASE, NormalizationStrategy.UPPERCASE)


def seed_column_name(node: Node, name: str, dialect: str) -> str:
    """The warehouse name of the seed column written `name` in the file's header."""
    if node.config.get("quote_columns") is not False:
        return name
    engine = Dialect.get_or_raise(dialect)
    if engine.NORMALIZATION_STRATEGY not in _FOLDING:
        return name
    return engine.normalize_identifier(exp.to_identifier(name, quoted=False)).name
