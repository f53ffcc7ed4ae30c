"""pydantic models of the YAML files a user writes. Unknown keys are rejected everywhere.

Field names follow dbt where dbt has a name for the same thing (`data_type`, `data_tests`,
`config`, `meta`), so a dbt project's schema files validate unchanged.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Union

from pydantic import (
    AliasChoices,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

SchemaChangePolicy = Literal["heal", "warn", "fail"]
# a dbt model's on_schema_change is about its incremental table, not healing: accepted (it warns)
DbtSchemaChange = Literal["ignore", "append_new_columns", "sync_all_columns"]
OutagePolicy = Literal["retry", "stale", "fail"]
TestList = list[Any]
# `cleanse:` of a model or column: auto (from semantic types), none, or rules
# (`[trim, {date: {day_first: true}}]`; rule names and options are checked by generate/)
CleanseSpec = Union[Literal["auto", "none"], list[str | dict[str, Any]], None]


class Spec(BaseModel):
    # validators are built on a model's first use (subclasses inherit it): a command meets
    # a few of these models, and building all at import was 0.04 s of every command's start
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=False,
                              defer_build=True)


class PathsSpec(Spec):
    models: list[str] = ["models"]
    sources: list[str] = ["sources"]
    seeds: list[str] = ["seeds"]
    macros: list[str] = ["macros"]
    tests: list[str] = ["tests"]
    snapshots: list[str] = ["snapshots"]
    analyses: list[str] = ["analyses"]  # compiled, listed, never run (dbt's analyses)
    docs: list[str] | None = None  # dbt's docs-paths (`{% docs %}` in .md); None: every path
    profiles: str = "profiles"


class ProfilingSpec(Spec):
    min_category_count: int = Field(5, ge=1)
    sample_rows: int = Field(20000, ge=1)


class HistorySpec(Spec):
    """`history:` of datanet.yml: how long run history and table measurements are kept, and
    whether they are also written to the warehouse (a `datanet_history` schema) so a team
    shares one history. `keep_days` is the first release's name of `retention_days`."""

    retention_days: int = Field(90, ge=1,
                                validation_alias=AliasChoices("retention_days", "keep_days"))
    warehouse: bool = False
    schema_: str = Field("datanet_history", alias="schema", min_length=1)


DistributionStat = Literal["mean", "median", "p50", "p95"]


class ProfileMetricsSpec(Spec):
    """`profile_metrics:`: distribution statistics recorded after every run for the numeric
    columns named, in every measured table that has them (anomaly tests score them)."""

    columns: list[str] = Field(min_length=1)
    metrics: list[DistributionStat] = ["mean", "p50", "p95"]


class HolidaySpec(Spec):
    """One day of a `calendar:` list: a holiday is compared with earlier holidays of its kind."""

    date: dt.date
    name: str = ""
    kind: str = "holiday"


class ObserveSpec(Spec):
    """The observability settings, at the top of datanet.yml or under `vars: {datanet: ...}`
    of dbt_project.yml. `calendar` is a CSV file (date, name, kind) or a list of days."""

    history: HistorySpec = HistorySpec()
    profile_metrics: ProfileMetricsSpec | None = None
    calendar: str | list[HolidaySpec] | None = None


class ProfilingOverride(Spec):
    """`profiling:` of a source, a source table or one of its columns (the narrowest wins).

    `public: true` declares reference values (airport names, country codes) that profiles may
    write whatever their count; personal data (names, e-mails, addresses...) never is public.
    """

    min_category_count: int | None = Field(None, ge=1)
    public: bool | None = None


class ProjectSpec(ObserveSpec):
    """datanet.yml"""

    name: str
    version: str | int | None = None
    profile: str | None = None  # dbt's key; accepted and ignored
    config_version: int | None = Field(None, alias="config-version")
    target: str = "dev"
    dialect: str = "duckdb"  # the dialect the project's SQL is written in
    vars: dict[str, Any] = {}
    paths: PathsSpec = PathsSpec()
    on_schema_change: SchemaChangePolicy = "heal"
    on_source_outage: OutagePolicy = "retry"
    models: dict[str, Any] = {}
    seeds: dict[str, Any] = {}
    tests: dict[str, Any] = {}
    data_tests: dict[str, Any] = {}
    unit_tests: dict[str, Any] = {}  # folder config of unit tests (enabled, tags, meta)
    snapshots: dict[str, Any] = {}  # folder config of snapshots, as `models:` is of models
    analyses: dict[str, Any] = {}  # folder config of analyses
    semantics: dict[str, Any] = {}
    profiling: ProfilingSpec = ProfilingSpec()
    # dbt's project hooks: SQL templates run once before / after run, build, seed and test
    on_run_start: str | list[str] | None = Field(None, alias="on-run-start")
    on_run_end: str | list[str] | None = Field(None, alias="on-run-end")
    # dbt_project.yml's `quoting:` (database, schema, identifier: true by default, as in
    # dbt-duckdb and dbt-postgres); a part set false is folded as the warehouse folds it.
    # The parts are checked here, so a misspelt one in datanet.yml is refused as in
    # dbt_project.yml (it was kept and never read)
    quoting: dict[Literal["database", "schema", "identifier"], bool] = {}


class DuckDBTarget(Spec):
    type: Literal["duckdb"]
    path: str | None = None
    external_root: str | None = None  # where external models' files go (dbt-duckdb's key)
    schema_: str = Field("main", alias="schema")
    threads: int | None = None


class PostgresTarget(Spec):
    type: Literal["postgres"]
    dsn: str | None = None
    host: str | None = None
    port: int | None = None
    user: str | None = None
    password: str | None = None
    dbname: str | None = None
    schema_: str = Field("public", alias="schema")
    threads: int | None = None
    connect_timeout: int | None = None
    lock_timeout: str | int | None = None  # Postgres duration ('30s'); the adapter defaults 2min
    statement_timeout: str | int | None = None


class SparkTarget(Spec):
    type: Literal["spark"]
    master: str = "local[*]"
    remote: str | None = None
    warehouse_dir: str | None = None
    schema_: str = Field("default", alias="schema")
    threads: int | None = None
    conf: dict[str, Any] = {}
    java_options: str | None = None
    catalog: Literal["hive", "in-memory"] | None = None
    table_format: str | None = None
    log_level: str | None = None
    app_name: str | None = None


class WarehouseTarget(Spec):
    """Compile-only warehouses: connection fields are passed to their connector as they are."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)
    type: Literal["snowflake", "bigquery", "trino", "redshift"]
    schema_: str = Field("analytics", alias="schema")
    threads: int | None = None


Target = Annotated[DuckDBTarget | PostgresTarget | SparkTarget | WarehouseTarget,
                   Field(discriminator="type")]


class ConstraintSpec(Spec):
    """dbt's model- or column-level constraint (`- type: primary_key`)."""

    type: Literal["not_null", "unique", "primary_key", "foreign_key", "check", "custom"]
    name: str | None = None
    expression: str | None = None
    columns: list[str] = []
    warn_unenforced: bool = True
    warn_unsupported: bool = True
    to: str | None = None  # foreign keys: ref('parent') or source('s', 't')
    to_columns: list[str] = []


class ColumnSpec(Spec):
    # a key no field reads is kept (`model_extra`) and then refused or, in a dbt project, kept
    # for its macros and warned about: config/column_keys.py
    model_config = ConfigDict(extra="allow", populate_by_name=True, frozen=False)
    name: str
    description: str | None = None
    data_type: str | None = None
    type: str | None = None
    expr: str | None = None
    from_column: str | None = None
    semantic: str | None = None
    cleanse: CleanseSpec = None
    pii: bool | None = None
    tests: TestList = []
    data_tests: TestList = []
    meta: dict[str, Any] = {}
    tags: list[str] = []
    quote: bool | None = None
    constraints: list[ConstraintSpec] = []
    config: dict[str, Any] = {}
    policy_tags: list[str] = []
    granularity: str | None = None
    profiling: ProfilingOverride | None = None
    # dbt's semantic layer on a model's columns (read and kept, see semantic_yaml.py)
    entity: Any = None
    dimension: Any = None


LoadMode = Literal["replace", "append", "merge", "incremental_files"]
# a new file with the content of a file already loaded: a re-send, not loaded again (skip,
# warned), or a delivery of its own, e.g. an unchanged daily snapshot meant to be appended
SameContent = Literal["skip", "load"]


class LoadSpec(Spec):
    """`load:` of a source table: how `datanet ingest` lands it in the warehouse."""

    mode: LoadMode = "replace"
    primary_key: list[str] = []
    cursor: str | None = None
    same_content: SameContent = "skip"

    @field_validator("primary_key", mode="before")
    @classmethod
    def _one_key(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @model_validator(mode="after")
    def _key_needed(self) -> LoadSpec:
        if self.mode == "merge" and not self.primary_key:
            raise ValueError("load mode 'merge' needs `primary_key` (the column(s) a row is "
                             "matched on)")
        if self.mode == "append" and self.cursor and not self.primary_key:
            # a cursor reads the rows at its last value again (rows written in that instant
            # are not lost); without a key they cannot be told from new ones and are appended
            raise ValueError("load mode 'append' with a `cursor` needs `primary_key`: the rows "
                             "at the cursor's last value are read again and told apart by it")
        return self


def _column_mapping(value: Any) -> Any:
    """`columns: {quantity: integer}` (an ingested table's declared types) is the short form
    of dbt's column list: each entry becomes `{name: quantity, data_type: integer}`."""
    if isinstance(value, dict):
        return [{"name": str(name), "data_type": None if kind is None else str(kind)}
                for name, kind in value.items()]
    return value


class SourceTableSpec(Spec):
    name: str
    description: str | None = None
    path: str | None = None
    format: Literal["csv", "tsv", "parquet", "json", "ndjson", "xlsx", "sqlite",
                    "postgres"] | None = None
    options: dict[str, Any] = {}
    dsn: str | None = None
    source_table: str | None = None
    load: LoadSpec | None = None
    on_bad_row: Literal["reject", "fail", "skip"] = "reject"
    table: str | None = None
    identifier: str | None = None
    columns: Annotated[list[ColumnSpec], BeforeValidator(_column_mapping)] = []
    tests: TestList = []
    data_tests: TestList = []
    freshness: Any = None
    loaded_at_field: str | None = None
    meta: dict[str, Any] = {}
    tags: list[str] = []
    on_schema_change: SchemaChangePolicy | None = None
    on_source_outage: OutagePolicy | None = None
    quoting: dict[str, Any] = {}
    external: Any = None
    config: dict[str, Any] = {}
    profiling: ProfilingOverride | None = None


class SourceSpec(Spec):
    name: str
    description: str | None = None
    database: str | None = None
    schema_: str | None = Field(None, alias="schema")
    loader: str | None = None
    loaded_at_field: str | None = None
    freshness: Any = None
    tables: list[SourceTableSpec] = []
    meta: dict[str, Any] = {}
    tags: list[str] = []
    quoting: dict[str, Any] = {}
    config: dict[str, Any] = {}
    overrides: str | None = None
    on_schema_change: SchemaChangePolicy | None = None
    on_source_outage: OutagePolicy | None = None
    profiling: ProfilingOverride | None = None


class IncludeExclude(Spec):
    """`- include: all` / `exclude: [...]` in a version's `columns:`: which of the model's
    top-level columns the version has."""

    include: Literal["all", "*"] | list[str] = "all"
    exclude: list[str] = []


class VersionSpec(Spec):
    """One entry of a model's `versions:` (dbt's model versions)."""

    v: int | float | str
    defined_in: str | None = None
    description: str | None = None
    columns: list[IncludeExclude | ColumnSpec] = []
    config: dict[str, Any] = {}
    tests: TestList = []
    data_tests: TestList = []
    constraints: list[ConstraintSpec] = []
    access: Literal["private", "protected", "public"] | None = None
    deprecation_date: Any = None
    docs: dict[str, Any] = {}
    meta: dict[str, Any] = {}


class ModelSpec(Spec):
    """A declarative model (with `from:`) or the description of a SQL model (without)."""

    name: str
    from_: str | None = Field(None, alias="from")
    description: str | None = None
    materialized: Literal["view", "table", "incremental", "ephemeral", "external"] | None = None
    tags: list[str] = []
    where: str | None = None
    columns: list[ColumnSpec] = []
    exclude: list[str] = []
    cleanse: CleanseSpec = None
    dedupe: Literal["exact"] | dict[str, Any] | None = None  # checked with DedupeSpec
    aggregate: dict[str, Any] | None = None  # checked with AggregateSpec
    max_reject_rate: float | None = None
    unique_key: str | list[str] | None = None
    incremental_strategy: Literal["append", "merge", "delete+insert"] | None = None
    schema_: str | None = Field(None, alias="schema")
    alias: str | None = None
    on_schema_change: SchemaChangePolicy | DbtSchemaChange | None = None
    config: dict[str, Any] = {}
    tests: TestList = []
    data_tests: TestList = []
    meta: dict[str, Any] = {}
    docs: dict[str, Any] = {}
    access: Literal["private", "protected", "public"] | None = None
    group: str | None = None
    constraints: list[ConstraintSpec] = []
    latest_version: int | float | str | None = None
    versions: list[VersionSpec] = []
    deprecation_date: Any = None
    # dbt's semantic layer written on the model (read and kept, see semantic_yaml.py)
    time_spine: dict[str, Any] | None = None
    semantic_model: Any = None
    agg_time_dimension: str | None = None
    metrics: list[Any] = []
    derived_semantics: Any = None


class DedupeSpec(Spec):
    """`dedupe: {key: [...], keep: latest, order_by: col}` of a declarative model.

    Validated on its own (the model keeps the plain dict the generate layer reads), so that a
    typo inside (`kep: latest`) is an error naming the file and line, not ignored."""

    key: str | list[str]
    keep: Literal["latest", "first", "last"] = "latest"
    order_by: str | list[str]  # which row of a key is the latest (or first)


def _lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


class DimensionSpec(Spec):
    name: str
    expr: str | None = None


class MeasureSpec(Spec):
    name: str
    agg: Annotated[Literal["sum", "count", "count_distinct", "avg", "min", "max", "median",
                           "percentile"] | None, BeforeValidator(_lower)] = None
    expr: str | None = None
    percentile: float | None = Field(None, ge=0, le=1)
    ratio: list[str] | None = Field(None, min_length=2, max_length=2)


class AggregateSpec(Spec):
    """`aggregate:` of a declarative model (validated like DedupeSpec)."""

    dimensions: list[str | DimensionSpec] = []
    measures: list[MeasureSpec] = []
    grain: Literal["day", "week", "month", "quarter", "year"] | None = None
    time_dimension: str | None = None
    filters: list[str] = []
    totals: Literal["rollup", "cube"] | None = None


class SeedSpec(Spec):
    """A seed's YAML entry; a snapshot's has the same keys and one more."""

    name: str
    description: str | None = None
    config: dict[str, Any] = {}
    columns: list[ColumnSpec] = []
    tests: TestList = []
    data_tests: TestList = []
    meta: dict[str, Any] = {}
    docs: dict[str, Any] = {}


class FixtureSpec(Spec):
    """Rows of a unit test's input or expectation: inline `rows` or a `fixture` file, written
    as dicts (the default), CSV text or a SQL query, as in dbt."""

    format: Literal["dict", "csv", "sql"] = "dict"
    rows: list[dict[str, Any]] | str | None = None
    fixture: str | None = None


class GivenSpec(FixtureSpec):
    input: str


class UnitTestOverrides(Spec):
    macros: dict[str, Any] = {}
    vars: dict[str, Any] = {}
    env_vars: dict[str, Any] = {}


class UnitTestConfig(Spec):
    tags: str | list[str] = []
    meta: dict[str, Any] = {}
    enabled: bool = True


class UnitTestSpec(Spec):
    """dbt's `unit_tests:` entry: a model run on given rows, its output compared with `expect`."""

    name: str
    model: str
    description: str | None = None
    given: list[GivenSpec] = []
    expect: FixtureSpec
    overrides: UnitTestOverrides = UnitTestOverrides()
    config: UnitTestConfig = UnitTestConfig()
    versions: dict[str, Any] | None = None


class SnapshotSpec(SeedSpec):
    """A snapshot in YAML: defined there (dbt 1.9: `relation:` and `config:`), or the
    description, config and tests of a `{% snapshot %}` block of the same name."""

    relation: str | None = None  # ref('m') or source('s', 't')


class SchemaFileSpec(Spec):
    """Any YAML file under models/ or sources/ (dbt's schema files have the same shape)."""

    version: int | str | None = None
    sources: list[SourceSpec] = []
    models: list[ModelSpec] = []
    seeds: list[SeedSpec] = []
    snapshots: list[SnapshotSpec] = []
    macros: list[Any] = []
    exposures: list[Any] = []
    analyses: list[Any] = []
    metrics: list[Any] = []
    semantic_models: list[Any] = []
    saved_queries: list[Any] = []
    groups: list[Any] = []
    unit_tests: list[UnitTestSpec] = []
