"""Spark (PySpark 4): `local[*]` on a laptop or in CI, a cluster master or Spark Connect `remote`.

Tables are Parquet files in a warehouse directory with a Derby-backed Hive metastore next to
them, so a second `datanet run` finds what the first one built. Parquet tables have neither
transactions nor MERGE/DELETE, so `merge` and `delete+insert` rebuild the table under a
temporary name and swap it in; the build always runs first, so a failure leaves the old table.
Files are read by Spark itself: a large input never passes through Python.
"""

from __future__ import annotations

import contextlib
import logging
import tempfile
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, ClassVar

from pyspark.sql import SparkSession  # imported only when a target is of type spark
from pyspark.sql.functions import col
from pyspark.sql.types import NullType
from sqlglot import exp

from datanet_sql.adapters import files, intervals, spark_staging
from datanet_sql.adapters.base import Adapter, ColumnInfo, Relation
from datanet_sql.errors import (
    DatanetError,
    RelationNotFoundError,
    WarehouseError,
    WarehouseUnavailableError,
)
from datanet_sql.fs import atomic

NOT_FOUND = {"TABLE_OR_VIEW_NOT_FOUND", "SCHEMA_NOT_FOUND", "PATH_NOT_FOUND",
             "DATABASE_NOT_FOUND", "VIEW_NOT_FOUND", "TABLE_NOT_FOUND"}

# small settings: two shuffle partitions and no UI keep local runs quick
LOCAL_CONF = {"spark.sql.shuffle.partitions": "2", "spark.ui.enabled": "false",
              "spark.ui.showConsoleProgress": "false", "spark.sql.session.timeZone": "UTC",
              "spark.sql.sources.default": "parquet",
              "spark.sql.legacy.createHiveTableByDefault": "false"}

# for CI and tests on small data: one core, the JIT's quick tier only, no whole-stage codegen
# (measured here: session start 53 s -> 33 s and 12 small statements 48 s -> 19 s on a loaded
# 2-core machine); merge into a target's config, not a default, since big jobs want C2 and AQE
SMALL_DATA_CONFIG: dict[str, Any] = {
    "master": "local[1]",
    "java_options": "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
    "conf": {"spark.sql.codegen.wholeStage": "false"},
}

LOG4J = """rootLogger.level = {level}
rootLogger.appenderRef.stdout.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
logger.sqlctx.name = org.apache.spark.sql.catalyst.util.SQLQueryContextLogger
logger.sqlctx.level = off
logger.captured.name = org.apache.spark.sql.execution.QueryExecution
logger.captured.level = off
"""


class SparkAdapter(Adapter):
    """A Spark target: `master` (default local[*]) or `remote`, `warehouse_dir`, `schema`."""

    dialect: ClassVar[str] = "spark"
    cheap_scans: ClassVar[bool] = False   # every aggregate is a Spark job: seconds
    supports_transactions: ClassVar[bool] = False
    supports_merge: ClassVar[bool] = False
    supports_comments: ClassVar[bool] = False  # columns take ALTER TABLE ... COMMENT, not yet
    supports_column_retype: ClassVar[bool] = False  # Parquet tables keep their column types
    default_schema: ClassVar[str] = "default"

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__(config)
        self.warehouse_dir = Path(config.get("warehouse_dir", ".datanet/spark-warehouse"))
        self.table_format = str(config.get("table_format", "parquet"))
        self._session: Any = None
        self._owns_session = False
        self._lock = threading.Lock()

    # -- session ---------------------------------------------------------------------------
    @property
    def session(self) -> Any:
        """The SparkSession, created on first use (JVM start-up costs seconds)."""
        with self._lock:
            if self._session is not None and not self.config.get("remote") and \
                    SparkSession._instantiatedSession is not self._session:
                self._session = None  # stopped by someone else in this process: start again
            if self._session is None:
                self._session = self._start()
        return self._session

    def _start(self) -> Any:
        """The process's session: a running local one of the same warehouse folder joined
        (left running by `close`: another adapter, the tests' shared one, uses it), else a
        new one this adapter owns."""
        running = None if self.config.get("remote") else SparkSession._instantiatedSession
        joined = running is not None and _alive(running)
        if joined:
            self._refuse_other_warehouse(running)
        try:
            session = self._builder().getOrCreate()
            if not self.config.get("remote") and not _alive(session):
                _forget_dead_session()  # its JVM is gone: start a new one
                session = self._builder().getOrCreate()
        except Exception as err:  # noqa: BLE001 - JVM start-up or Connect failures
            remote = self.config.get("remote")
            hint = ("`remote:` needs `pip install 'pyspark[connect]'` and a reachable Spark "
                    "Connect server" if remote else "local mode needs Java 17+ (JAVA_HOME)")
            where = remote or self.config.get("master", "local[*]")
            raise WarehouseUnavailableError(
                f"cannot start a Spark session on {where}: {_first_line(err)}",
                hint=hint) from None
        self._owns_session = not joined
        for name in ("SQLQueryContextLogger", "DataFrameQueryContextLogger"):
            # PySpark logs every failed query as JSON on stderr; datanet reports it instead
            logging.getLogger(name).setLevel(logging.CRITICAL)
        schema = str(self.config.get("schema") or self.default_schema)
        with self._errors():
            session.sql(self.create_schema(schema).sql(dialect=self.dialect))
            session.catalog.setCurrentDatabase(schema)
        return session

    def _refuse_other_warehouse(self, running: Any) -> None:
        """Spark keeps one local session per process and its builder hands it to every later
        caller, its static settings (the warehouse folder, the metastore) included: taking
        over a running session of another folder would write this target's tables there,
        silently. Refused, before the builder's settings touch that session."""
        theirs = running.conf.get("spark.sql.warehouse.dir", "")
        folder = Path(theirs.removeprefix("file:")).resolve() if theirs else None
        mine = self.warehouse_dir.resolve()
        if folder == mine:
            return
        name = self.config.get("name")
        target = f"Spark target '{name}'" if name else "a Spark target"
        raise WarehouseUnavailableError(
            f"{target} has warehouse_dir {mine}, but this process already runs a Spark session "
            f"whose warehouse folder is {theirs or 'unknown'}: Spark keeps one session per "
            f"process, so this target's tables would be written to that folder",
            hint="give both targets the same warehouse_dir, or run this target in a process "
                 "of its own (its own `datanet` command)")

    def _builder(self) -> Any:
        builder = SparkSession.builder.appName(str(self.config.get("app_name", "datanet")))
        if self.config.get("remote"):
            return builder.remote(str(self.config["remote"]))
        builder = builder.master(str(self.config.get("master", "local[*]")))
        conf = {**LOCAL_CONF, **self._catalog_conf(),
                **{k: str(v) for k, v in dict(self.config.get("conf") or {}).items()}}
        for key, value in conf.items():
            builder = builder.config(key, value)
        return builder

    def _catalog_conf(self) -> dict[str, str]:
        """Warehouse and Derby metastore under `warehouse_dir` (catalog: hive | in-memory)."""
        root = self.warehouse_dir.resolve()
        root.mkdir(parents=True, exist_ok=True)
        level = str(self.config.get("log_level", "fatal"))
        atomic.write_text(root / "log4j2.properties", LOG4J.replace("{level}", level))
        log4j = f"-Dlog4j2.configurationFile=file:{root}/log4j2.properties"
        java = f"-Dderby.system.home={root} {log4j} {self.config.get('java_options', '')}"
        conf = {"spark.sql.warehouse.dir": str(root), "spark.driver.extraJavaOptions": java,
                "spark.sql.catalogImplementation": str(self.config.get("catalog", "hive"))}
        if conf["spark.sql.catalogImplementation"] == "hive":
            url = f"jdbc:derby:;databaseName={root}/metastore_db;create=true"
            conf["spark.hadoop.javax.jdo.option.ConnectionURL"] = url
        return conf

    def close(self) -> None:
        """Stop the session this adapter started (releases the Derby metastore lock)."""
        with self._lock:
            if self._session is not None and self._owns_session and _alive(self._session):
                self._session.stop()
            self._session = None

    # -- statements ------------------------------------------------------------------------
    def execute(self, sql: str | exp.Expression) -> int | None:
        with self._errors():
            self.session.sql(self.sql(sql))
        return None

    def fetch(self, sql: str | exp.Expression) -> tuple[list[str], list[tuple]]:
        with self._errors():
            frame = self.session.sql(self.sql(sql))
            return list(frame.columns), [tuple(row) for row in frame.collect()]

    def qualified(self, relation: Relation) -> str:
        """`schema`.`name` as Spark's reader/writer APIs take it."""
        table = exp.table_(relation.name, db=self.schema_of(relation), quoted=True)
        return table.sql(dialect=self.dialect)

    def list_columns(self, relation: Relation) -> list[ColumnInfo] | None:
        """One analyser call, which raises when the relation (or its schema) is missing: a
        catalog lookup first would cost a second metastore round trip (3-4x this one's)."""
        try:
            with self._errors():
                schema = self.session.table(self.qualified(relation)).schema
        except RelationNotFoundError:
            return None
        return [ColumnInfo(f.name, f.dataType.simpleString()) for f in schema.fields]

    def describe_query(self, sql: str) -> list[ColumnInfo]:
        """Columns and types a query would return: Spark analyses it without running it."""
        with self._errors():
            schema = self.session.sql(sql).schema
        return [ColumnInfo(f.name, f.dataType.simpleString()) for f in schema.fields]

    def relation_kind(self, relation: Relation) -> str | None:
        """One metastore call: getTable raises when the table (or its schema) is missing."""
        session = self.session
        try:
            table = session.catalog.getTable(self.qualified(relation))
        except Exception as err:  # noqa: BLE001
            if isinstance(_translate(err), RelationNotFoundError):
                return None
            raise _translate(err) from None
        return "view" if str(table.tableType).upper() in ("VIEW", "TEMPORARY") else "table"

    def create_table_as(self, relation: Relation, query: exp.Expression) -> exp.Expression:
        """CREATE TABLE ... USING parquet AS: managed files in the warehouse directory."""
        prop = exp.FileFormatProperty(this=exp.var(self.table_format.upper()))
        return exp.Create(this=relation.table(), kind="TABLE", expression=query,
                          properties=exp.Properties(expressions=[prop]))

    # -- incremental: rebuild and swap (Parquet has no MERGE or DELETE) ----------------------
    def merge_statements(self, relation: Relation, source: exp.Expression,
                         unique_key: Sequence[str], columns: Sequence[str]) -> list[exp.Expression]:
        return self.rebuild_statements(relation, source, unique_key, columns)

    def delete_insert_statements(self, relation: Relation, source: exp.Expression,
                                 unique_key: Sequence[str],
                                 columns: Sequence[str]) -> list[exp.Expression]:
        return self.rebuild_statements(relation, source, unique_key, columns)

    def rebuild_statements(self, relation: Relation, source: exp.Expression,
                           unique_key: Sequence[str],
                           columns: Sequence[str]) -> list[exp.Expression]:
        """New table = old rows whose key is not in `source` UNION ALL `source`, then swap.

        Columns the table has but `source` lacks are kept (NULL for the new rows), like MERGE.
        """
        existing = self.list_columns(relation) or []
        given = set(columns)
        old = exp.select(*[exp.column(c.name, "__dn_t", quoted=True) for c in existing]).from_(
            relation.table().as_("__dn_t")).where(exp.Not(this=exp.Exists(this=exp.select("1")
            .from_(source.copy().subquery("__dn_s")).where(exp.and_(*[
                exp.column(k, "__dn_s", quoted=True).eq(exp.column(k, "__dn_t", quoted=True))
                for k in unique_key])))))
        new = exp.select(*[
            exp.column(c.name, "__dn_s", quoted=True) if c.name in given
            else exp.cast(exp.null(), exp.DataType.build(c.type, dialect="spark")).as_(c.name)
            for c in existing]).from_(source.copy().subquery("__dn_s"))
        temp = self.temp_relation(relation)
        return [self.create_table_as(temp, exp.union(old, new, distinct=False)),
                *self.swap_statements(relation, temp, "table")]

    # -- loading ---------------------------------------------------------------------------
    def load_file(self, relation: Relation, path: str, format: str | None = None,
                  options: dict[str, Any] | None = None, mode: str = "replace",
                  paths: Sequence[str] | None = None) -> int:
        """Spark's own reader (CSV with inferred types, Parquet, NDJSON): no rows via Python."""
        fmt = files.detect_format(path, format)
        found = list(paths) if paths is not None else files.expand(path)
        paths = [str(Path(p).resolve())
                 for p in (files.parquet_parts(found) if fmt == "parquet" else found)]
        with self._errors():
            reader = self.session.read.format(fmt).options(**files.spark_options(fmt, options))
            frame = reader.load(paths)
            if fmt == "json":
                frame = _file_order(frame, files.json_key_order(paths[0]))
            return self._write(relation, frame, mode)

    def load_arrow(self, relation: Relation, table: Any, mode: str = "replace") -> int:
        with self._errors():
            return self._write(relation, self.session.createDataFrame(_spark_safe(table)), mode)

    @contextlib.contextmanager
    def arrow_view(self, name: str, table: Any) -> Iterator[None]:
        """The Arrow rows as a temporary view of a DataFrame (no transaction to join). A
        stream of record batches (a RecordBatchReader) is written batch by batch to Parquet
        in a temporary folder that the view reads (`spark_staging`), so the driver never
        holds it whole, when this machine's folders are Spark's (a `local` master) and its
        types allow; else, and for a Table, createDataFrame copies the rows."""
        with contextlib.ExitStack() as staged:
            with self._errors():
                self._frame(table, staged).createOrReplaceTempView(name)
            try:
                yield
            finally:
                self.session.catalog.dropTempView(name)

    def _frame(self, rows: Any, staged: contextlib.ExitStack) -> Any:
        """A DataFrame of the Arrow rows; a Parquet folder it reads is removed by `staged`."""
        local = not self.config.get("remote") and \
            str(self.config.get("master", "local[*]")).startswith("local")
        if hasattr(rows, "read_next_batch") and local and spark_staging.stageable(rows.schema):
            folder = Path(staged.enter_context(
                tempfile.TemporaryDirectory(prefix="datanet-spark-batch-")))
            spark_staging.write(rows, folder / "batch.parquet",
                                str(self.session.conf.get("spark.sql.session.timeZone")))
            return self.session.read.parquet(str(folder))
        return self.session.createDataFrame(_spark_safe(rows))

    def _write(self, relation: Relation, frame: Any, mode: str) -> int:
        """Append by column name, or write a temp table and swap it in."""
        frame = _no_void_columns(frame)
        existing = self.relation_kind(relation)
        writer = frame.write.format(self.table_format)
        if mode == "append" and existing == "table":
            before = self._count(relation)
            writer.mode("append").saveAsTable(self.qualified(relation))
            return self._count(relation) - before
        temp = self.temp_relation(relation)
        with self.cleanup_on_failure(temp):
            writer.mode("overwrite").saveAsTable(self.qualified(temp))
            self.transaction(self.swap_statements(relation, temp, existing))
        return self._count(relation)

    def _count(self, relation: Relation) -> int:
        row = self.fetch_one(exp.select(exp.func("count", exp.Star())).from_(relation.table()))
        return int(row[0]) if row else 0

    # -- errors ----------------------------------------------------------------------------
    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        """Spark's AnalysisException and friends -> datanet's warehouse errors (datanet's own,
        a refused interval of months, `intervals.as_durations`, as they are)."""
        try:
            yield
        except DatanetError:
            raise
        except Exception as err:  # noqa: BLE001 - PySpark raises many unrelated classes
            raise _translate(err) from None


def _translate(err: Exception) -> WarehouseError:
    condition = ""
    with contextlib.suppress(Exception):
        condition = str(err.getCondition() or "")  # type: ignore[attr-defined]
    name = type(err).__name__
    if condition in NOT_FOUND:
        return RelationNotFoundError(_first_line(err))
    if condition == "LOCATION_ALREADY_EXISTS":
        return _unknown_folder(err)
    if name in {"Py4JNetworkError", "ConnectionRefusedError", "SparkConnectGrpcException"}:
        return WarehouseUnavailableError(f"lost the Spark session: {_first_line(err)}",
                                         hint="check that the Spark master or Connect server "
                                              "is up, then rerun")
    return WarehouseError(_first_line(err))


def _unknown_folder(err: Exception) -> WarehouseError:
    """A table's folder exists but the catalog knows no table there: left by a crash, or by a
    metastore that was replaced. datanet never deletes data it does not know, so it says where."""
    params: dict[str, str] = {}
    with contextlib.suppress(Exception):
        params = dict(err.getMessageParameters() or {})  # type: ignore[attr-defined]
    folder = params.get("location", "").strip("'").removeprefix("file:")
    table = params.get("identifier", "the table")
    return WarehouseError(
        f"the folder {folder or '(see below)'} already exists, but the catalog knows no table "
        f"{table} there (left by a run that crashed, or by another metastore); datanet does not "
        f"delete data it does not know. {_first_line(err)}",
        hint=f"if nothing needs it, delete or move the folder (rm -r '{folder}'), then rerun; if "
             "it is a table another catalog knows, give this target its own warehouse_dir")


def _first_line(err: Exception) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__


def _file_order(frame: Any, first: list[str]) -> Any:
    """Columns in the order the file has them, so every engine builds the same table."""
    known = [c for c in first if c in frame.columns]
    rest = [c for c in frame.columns if c not in known]
    return frame.select(*[col(f"`{c}`") for c in known + rest])


def _spark_safe(table: Any) -> Any:
    """Arrow columns Spark cannot take become what it can: the null type strings,
    intervals durations (months refused, `intervals.as_durations`); and the chunks one
    (createDataFrame of a table of several chunks, e.g. files concatenated, loses rows).
    A RecordBatchReader is read whole first: createDataFrame takes a table."""
    import pyarrow as pa

    if hasattr(table, "read_next_batch"):
        table = table.read_all()
    for i, field in enumerate(table.schema):
        if pa.types.is_null(field.type):
            table = table.set_column(i, field.name, table.column(i).cast(pa.string()))
    return intervals.as_durations(table).combine_chunks()


def _no_void_columns(frame: Any) -> Any:
    """Parquet cannot store Spark's void type (an all-NULL inferred column): store strings."""
    voids = [f.name for f in frame.schema.fields if isinstance(f.dataType, NullType)]
    for name in voids:
        frame = frame.withColumn(name, col(f"`{name}`").cast("string"))
    return frame


def _alive(session: Any) -> bool:
    """Whether the session's JVM still answers (a crashed or stopped one leaves pyspark's
    process-wide session object behind, which getOrCreate would hand out again)."""
    try:
        return not session.sparkContext._jsc.sc().isStopped()
    except Exception:  # noqa: BLE001 - py4j raises whatever the dead gateway gives
        return False


def _forget_dead_session() -> None:
    from pyspark import SparkContext

    SparkSession._instantiatedSession = None
    SparkSession._activeSession = None
    SparkContext._active_spark_context = None
    SparkContext._gateway = None
    SparkContext._jvm = None
