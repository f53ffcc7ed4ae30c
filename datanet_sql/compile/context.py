"""What every pass may read: the project, the target, the dialects, the catalog and the cache."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from datanet_sql.adapters.base import Adapter
from datanet_sql.artifacts.ids import new_invocation_id
from datanet_sql.compile.cache import CompileCache
from datanet_sql.compile.catalog import Catalog
from datanet_sql.compile.compile_target import TARGET_DIALECTS, compile_target
from datanet_sql.compile.dbt_jinja.invocation import Invocation, current
from datanet_sql.config.project import Project
from datanet_sql.fs.names import file_name

if TYPE_CHECKING:
    from datanet_sql.compile.dbt_jinja.naming import Naming
    from datanet_sql.compile.dbt_jinja.scope import DbtJinja
    from datanet_sql.compile.forks import Child


@dataclass
class CompileContext:
    project: Project
    target: dict[str, Any]
    dialect: str  # output dialect (the target's, or --dialect)
    catalog: Catalog
    cache: CompileCache
    adapter: Adapter | None = None  # for warehouse-table sources only; None when compiling offline
    # mock runs: every source is already a table in the warehouse (no file is read)
    sources_in_warehouse: bool = False
    write: bool = True  # write compiled files and manifest.json
    # one id per command, shared by the dbt-shaped manifest and run results it writes
    invocation_id: str = field(default_factory=new_invocation_id)
    # the command dbt's templates see (`flags.WHICH`, `invocation_args_dict`): the CLI's
    invocation: Invocation = field(default_factory=current)
    stats: dict[str, int] = field(default_factory=lambda: {"rendered": 0, "annotated": 0,
                                                            "cached": 0})
    # the forked child describing and sampling file sources meanwhile (sources_ahead.py)
    sources_ahead: Child | None = None
    # models a forked worker analysed this compile (level_workers.py): found in the cache, but
    # counted as analysed, not unchanged
    analysed_ahead: set[str] = field(default_factory=set)
    # cleansing samples of warehouse relations, taken once per compile (generate_hook.py)
    live_samples: dict[str, dict[str, list[Any]]] = field(default_factory=dict)
    # what templates keep in dbt's `graph` beside its nodes (elementary's caches): one graph
    # for the whole command, as dbt's, read by every render (on-run hooks' included)
    graph_extras: dict[str, Any] = field(default_factory=dict)
    # dbt's Jinja of this compile (macros of the project and its packages), set by render
    dbt_jinja: DbtJinja | None = None
    # the render's generate_schema_name / generate_alias_name, for the nodes made after it
    # (data tests), set by render
    naming: Naming | None = None

    @property
    def read_dialect(self) -> str:
        return self.project.spec.dialect

    @property
    def compiled_dir(self) -> Path:
        """`.datanet/compiled/<target>/`: one folder per target, so a Snowflake compile does not
        replace the DuckDB SQL a run reads; `--dialect D` without a target of that engine
        compiles for a target named after the dialect (compile_target.py)."""
        return self.project.state_dir / "compiled" / file_name(str(self.target["name"]))

    @property
    def schema(self) -> str:
        return str(self.target.get("schema", "main"))


def make_context(project: Project, *, dialect: str | None = None, adapter: Adapter | None = None,
                 write: bool = True) -> CompileContext:
    """The context of a compile of `project` for its target (or `dialect`'s). Here, not in
    the pipeline, so a command compiling only some passes (`ingest`: the sources) does not
    import every pass."""
    target = compile_target(project, dialect)
    out_dialect = TARGET_DIALECTS[target["type"]]
    cache = CompileCache(project.state_dir / "cache" / "compile.pickle" if write else None)
    return CompileContext(project=project, target=target, dialect=out_dialect,
                          catalog=Catalog(project.spec.dialect), cache=cache, adapter=adapter,
                          write=write)
