"""dbt Python models on DuckDB, run in-process as dbt-duckdb runs them.

The model file's `model(dbt, session)` is called with `session`, the run's DuckDB connection
(this worker thread's cursor), and `dbt`, whose `ref()`/`source()` return DuckDB relations of
the built parents, `config` the model's config (`dbt.config.get(key, default)`), `this` its
relation and `is_incremental` whether the incremental run applies. What it returns (a DuckDB
relation, a pandas or polars DataFrame, an Arrow table) is read in place under a temporary
name and built by the SQL materializations (table, or incremental: merge, append,
delete+insert as configured), so a Python model's table is swapped in like any other.

The code is the project's own and runs unsandboxed, as under dbt: `datanet build` in a dbt
project with Python models runs them. An exception in it fails that model alone, named with
its file and line.
"""

from __future__ import annotations

import traceback
import uuid
from dataclasses import replace
from typing import Any

from sqlglot import exp

from datanet_sql.adapters.base import Adapter, Relation
from datanet_sql.errors import ConfigError, RunFailedError
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Column, Node
from datanet_sql.run.materialize import Outcome, build_incremental, build_table

_RETURNS = "a DuckDB relation, a pandas or polars DataFrame, or an Arrow table"
# the modules of what DuckDB reads in place (a replacement scan)
_READABLE = ("duckdb", "_duckdb", "pandas", "polars", "pyarrow")


class ModelConfig:
    """`dbt.config`: called in the code (read at load, so nothing to do here) or asked with
    `dbt.config.get(key, default)`."""

    def __init__(self, config: dict[str, Any]) -> None:
        self._config = config

    def __call__(self, *args: Any, **kwargs: Any) -> str:
        return ""

    def get(self, key: str, default: Any = None) -> Any:
        return self._config.get(key, default)


class ThisRelation:
    """`dbt.this`: prints as the model's quoted relation, as dbt-duckdb's does."""

    def __init__(self, relation: Relation, dialect: str) -> None:
        self.schema, self.identifier = relation.schema, relation.name
        self.database: str | None = None
        self._text = relation.table().sql(dialect=dialect)

    def __str__(self) -> str:
        return self._text

    __repr__ = __str__


class PythonDbt:
    """The `dbt` argument of a Python model."""

    def __init__(self, node: Node, manifest: Manifest, session: Any, dialect: str,
                 incremental: bool) -> None:
        self._node, self._manifest, self._session, self._dialect = node, manifest, session, dialect
        self.config = ModelConfig(node.config)
        self.this = ThisRelation(node.relation, dialect) if node.relation else None
        self.is_incremental = incremental

    def ref(self, *names: str, v: Any = None, version: Any = None) -> Any:
        """`dbt.ref('m')` or `dbt.ref('package', 'm')`: the built model, seed or snapshot."""
        name = names[-1] if names else ""
        wanted = v if v is not None else version
        parent = self._manifest.find_model(f"{name}_v{wanted}" if wanted is not None else name)
        if parent is None or parent.relation is None:
            raise ConfigError(f"Python model '{self._node.name}' calls dbt.ref('{name}'), "
                              f"which is no model, seed or snapshot of the project",
                              file=self._node.path, model=self._node.name)
        return self._read(parent.relation)

    def source(self, source: str, table: str) -> Any:
        node = self._manifest.nodes.get(f"source.{source}.{table}")
        if node is None or node.relation is None:
            raise ConfigError(f"Python model '{self._node.name}' calls dbt.source('{source}', "
                              f"'{table}'), which no YAML file declares",
                              file=self._node.path, model=self._node.name)
        return self._read(node.relation)

    def _read(self, relation: Relation) -> Any:
        return self._session.sql(exp.select("*").from_(relation.table())
                                 .sql(dialect=self._dialect))


def build_python(adapter: Adapter, node: Node, manifest: Manifest,
                 full_refresh: bool) -> Outcome:
    """Run the model's code and build its table (or merge its rows) from what it returns."""
    from datanet_sql.adapters.duckdb import DuckDBAdapter

    if not isinstance(adapter, DuckDBAdapter):  # the load pass refuses them elsewhere
        raise RunFailedError(f"Python model '{node.name}' runs on DuckDB only", file=node.path,
                             model=node.name)
    incremental = node.materialized == "incremental" and not full_refresh and \
        node.config.get("full_refresh") is not True and \
        adapter.relation_kind(node.relation) == "table"
    returned = _call_model(node, PythonDbt(node, manifest, adapter.connection, adapter.dialect,
                                           incremental), adapter.connection)
    if type(returned).__module__.split(".")[0] not in _READABLE:
        raise RunFailedError(f"Python model '{node.name}' returned a "
                             f"{type(returned).__name__}, which is not {_RETURNS}",
                             file=node.path, model=node.name,
                             hint="return a dbt.ref(...) relation or a DataFrame")
    name = f"__dn_python_{uuid.uuid4().hex[:12]}"
    with adapter.arrow_view(name, returned):  # read in place on this thread's cursor
        query = exp.select("*").from_(exp.to_table(name)).sql(dialect=adapter.dialect)
        columns = {c.name: Column(c.name, c.type) for c in adapter.describe_query(query)}
        staged = replace(node, compiled_sql=query, compiled_incremental_sql=query,
                         columns=columns)
        if node.materialized == "incremental":
            return build_incremental(adapter, staged, full_refresh)
        return build_table(adapter, staged)


def _call_model(node: Node, dbt: PythonDbt, session: Any) -> Any:
    """Run the file and call its `model(dbt, session)`; an exception of the code is the
    model's failure, with the line of the file where it was raised."""
    namespace: dict[str, Any] = {"__name__": f"dbt_python_model_{node.name}",
                                 "__file__": node.path}
    try:
        exec(compile(node.raw_text, node.path, "exec"), namespace)  # noqa: S102 - dbt's model
        model = namespace.get("model")
        if not callable(model):
            raise ConfigError(f"Python model '{node.name}' defines no `model(dbt, session)` "
                              f"function", file=node.path, model=node.name,
                              hint="define def model(dbt, session): ... returning a DataFrame")
        return model(dbt, session)
    except (ConfigError, RunFailedError):
        raise
    except Exception as err:  # the project's code: its failure, not ours
        line = err.lineno if isinstance(err, SyntaxError) else next(
            (frame.lineno for frame in reversed(traceback.extract_tb(err.__traceback__))
             if frame.filename == node.path), None)
        raise RunFailedError(f"Python model '{node.name}' raised {type(err).__name__}: {err}",
                             file=node.path, line=line, model=node.name,
                             hint="fix the model's code") from err
