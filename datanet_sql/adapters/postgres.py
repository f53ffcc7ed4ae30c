"""Postgres (psycopg 3): a real server, one autocommit connection per runner thread.

Concurrency rules, each one a fix for data lost or a run hung with several threads:

- every thread has its own connection; an error closes and replaces only that thread's
  connection, never another thread's (whose open transaction would otherwise lose the rest of
  its statements to a fresh autocommit connection);
- every statement sequence (create the new table, move dependent views, swap, drop the old)
  runs in one transaction on one connection: a failure leaves the old relation as it was;
- every swap first takes one advisory lock (`SWAP_LOCK`), so the drops and view re-creations
  of two threads never interleave (that interleaving deadlocked and left views pointing at
  dropped OIDs); the slow part, building the new table, still runs in parallel;
- `lock_timeout` (targets.yml, default 2min) bounds every wait for a lock;
- errors are classified by SQLSTATE: deadlocks and serialization failures are transient, an
  ended session is a lost connection (both retried by the runner), a missing relation is
  RelationNotFoundError, everything else is terminal.

Passwords never leave this module: every message that can reach a user goes through `_scrub`.
"""

from __future__ import annotations

import contextlib
import logging
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, ClassVar

import psycopg  # the registry imports this module only for postgres targets
from psycopg import sql as pgsql
from psycopg.types.json import Jsonb
from sqlglot import exp

from datanet_sql.adapters import files, intervals
from datanet_sql.adapters.base import Adapter, ColumnInfo, Relation
from datanet_sql.errors import (
    ConfigError,
    ConnectionLostError,
    DependentViewsError,
    LockTimeoutError,
    RelationNotFoundError,
    TransientWarehouseError,
    WarehouseError,
    WarehouseUnavailableError,
)

CONNECTION_FIELDS = ("host", "port", "user", "password", "dbname")

# psycopg logs "error ignored terminating <Copy>" when a session ends mid-COPY; datanet reports
# that error itself (ConnectionLostError), so the duplicate line on stderr is only noise
logging.getLogger("psycopg").setLevel(logging.ERROR)
DEFAULT_LOCK_TIMEOUT = "2min"

# one advisory lock for every swap on the database (any constant bigint, 'dnswap' in ASCII)
SWAP_LOCK = "SELECT pg_advisory_xact_lock(110442102780272)"

# SQLSTATEs: https://www.postgresql.org/docs/current/errcodes-appendix.html
TRANSIENT_STATES = {"40001", "40P01"}  # serialization_failure, deadlock_detected
LOST_STATES = {"57P01", "57P02", "57P03"}  # admin_shutdown, crash_shutdown, cannot_connect_now
MISSING_STATES = {"42P01", "3F000"}  # undefined_table, invalid_schema_name
LOCK_NOT_AVAILABLE = "55P03"
QUERY_CANCELED = "57014"
VIEW_SHAPE_CHANGED = "42P16"  # CREATE OR REPLACE VIEW cannot drop or retype a column
WRONG_OBJECT_TYPE = "42809"  # CREATE OR REPLACE VIEW over a table (or a materialized view)

# what a swap must know of a relation, in one round trip: its kind, and the views (plain or
# materialized) that depend on it, transitively, deepest last (one row with NULL views when
# none depend on it; no row when it does not exist)
SWAP_TARGET = """
WITH RECURSIVE target AS (
  SELECT c.oid, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = %(schema)s AND c.relname = %(name)s
), deps(oid, depth) AS (
  SELECT r.ev_class, 1 FROM target
  JOIN pg_depend d ON d.refobjid = target.oid AND d.classid = 'pg_rewrite'::regclass
  JOIN pg_rewrite r ON r.oid = d.objid AND r.ev_class <> target.oid
  UNION
  SELECT r.ev_class, deps.depth + 1 FROM deps
  JOIN pg_depend d ON d.refobjid = deps.oid AND d.classid = 'pg_rewrite'::regclass
  JOIN pg_rewrite r ON r.oid = d.objid AND r.ev_class <> deps.oid
), views AS (
  SELECT n.nspname, c.relname, c.relkind, pg_get_viewdef(c.oid) AS definition,
         max(deps.depth) AS depth
  FROM deps JOIN pg_class c ON c.oid = deps.oid JOIN pg_namespace n ON n.oid = c.relnamespace
  GROUP BY 1, 2, 3, 4
)
SELECT target.relkind, views.nspname, views.relname, views.relkind, views.definition
FROM target LEFT JOIN views ON true ORDER BY views.depth
"""

COLUMNS = """
SELECT a.attname, format_type(a.atttypid, a.atttypmod)
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = %s AND c.relname = %s AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum
"""

COLUMNS_OF = """
SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod)
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE (n.nspname, c.relname) IN (SELECT * FROM unnest(%s::text[], %s::text[]))
  AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY n.nspname, c.relname, a.attnum
"""

KIND = """
SELECT c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = %s AND c.relname = %s
"""


GRANTS = """
SELECT grantee, privilege_type FROM information_schema.role_table_grants
WHERE grantor = current_role AND grantee <> current_role
  AND table_schema = %s AND table_name = %s
"""


class PostgresAdapter(Adapter):
    """A Postgres target: `dsn` or host/port/user/password/dbname, plus `schema`,
    `lock_timeout` and `statement_timeout` (Postgres durations: '30s', '5min', 0 for none)."""

    dialect: ClassVar[str] = "postgres"
    supports_merge: ClassVar[bool] = True  # MERGE exists from Postgres 15; see merge_statements
    default_schema: ClassVar[str] = "public"
    max_identifier_length: ClassVar[int | None] = 63
    retypes_viewed_columns: ClassVar[bool] = False  # "cannot alter type of a column used by a view"
    supports_grants: ClassVar[bool] = True

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__(config)
        self._params = _connection_params(config)
        self._secrets = [str(self._params["password"])] if self._params.get("password") else []
        self._local = threading.local()
        self._lock = threading.Lock()
        self._connections: list[Any] = []
        self.lock_timeout = str(config.get("lock_timeout") or DEFAULT_LOCK_TIMEOUT)

    # -- connection ------------------------------------------------------------------------
    @property
    def where(self) -> str:
        """host:port/dbname of the server, for messages (never the password)."""
        p = self._params
        return f"{p.get('host') or 'localhost'}:{p.get('port') or 5432}/{p.get('dbname') or ''}"

    def _connection(self) -> Any:
        """This thread's connection; a new one when it has none or its session ended."""
        conn = getattr(self._local, "conn", None)
        if conn is not None and not conn.closed and not conn.broken:
            return conn
        self._forget()
        try:
            conn = psycopg.connect(**self._params, autocommit=True)
        except psycopg.Error as err:
            raise WarehouseUnavailableError(
                f"cannot connect to Postgres at {self.where}: {self._first_line(err)}",
                hint="is the server running and reachable? check host, port and dbname of the "
                     "target in targets.yml (or the DSN in its environment variable)",
            ) from None
        try:
            self._configure(conn)
        except BaseException:
            conn.close()
            raise
        self._local.conn = conn
        with self._lock:
            self._connections.append(conn)
        return conn

    def _configure(self, conn: Any) -> None:
        """search_path, and the timeouts of targets.yml (a bad value is the file's mistake)."""
        schema = str(self.config.get("schema") or self.default_schema)
        settings = {"lock_timeout": self.lock_timeout}
        if self.config.get("statement_timeout") is not None:
            settings["statement_timeout"] = str(self.config["statement_timeout"])
        with self._errors():
            conn.execute(pgsql.SQL("SET search_path TO {}, public").format(
                pgsql.Identifier(schema)))
            for name, value in settings.items():
                try:
                    conn.execute("SELECT set_config(%s, %s, false)", [name, value])
                except psycopg.errors.InvalidParameterValue as err:
                    raise ConfigError(f"{name} '{value}' of the Postgres target is not a "
                                      f"duration: {self._first_line(err)}", file="targets.yml",
                                      hint="use a number of milliseconds or a unit: '30s', "
                                           "'5min'; 0 means no limit") from None

    def _forget(self) -> None:
        """Close and drop this thread's connection (only this thread's: others keep theirs)."""
        conn = getattr(self._local, "conn", None)
        self._local.conn = None
        if conn is None:
            return
        with self._lock:
            if conn in self._connections:
                self._connections.remove(conn)
        with contextlib.suppress(Exception):
            conn.close()

    @property
    def connection(self) -> Any:
        """The raw psycopg connection of this thread."""
        return self._connection()

    def execute(self, sql: str | exp.Expression) -> int | None:
        with self._errors():
            cur = self._run(self._connection(), self.sql(sql))
            return cur.rowcount if cur.rowcount >= 0 else None

    def fetch(self, sql: str | exp.Expression) -> tuple[list[str], list[tuple]]:
        return self._query(self.sql(sql))

    def _query(self, sql: str, params: Any = None) -> tuple[list[str], list[tuple]]:
        with self._errors():
            return _rows(self._run(self._connection(), sql, params))

    def _run(self, conn: Any, statement: str | exp.Expression | pgsql.Composable,
             params: Any = None) -> Any:
        """Run one statement on `conn` (psycopg errors propagate untranslated, so a
        transaction's block sees them); remember it for the lock-timeout message."""
        text = self.sql(statement) if isinstance(statement, str | exp.Expression) else statement
        self._local.statement = statement
        cur = conn.cursor()
        cur.execute(text, params)
        return cur

    def close(self) -> None:
        with self._lock:
            connections, self._connections = self._connections, []
        for conn in connections:
            with contextlib.suppress(Exception):
                conn.close()
        self._local = threading.local()

    # -- transactions ----------------------------------------------------------------------
    @contextlib.contextmanager
    def _atomic(self) -> Iterator[Any]:
        """One transaction on this thread's connection, errors translated once, outside it."""
        conn = self._connection()
        with self._errors(), conn.transaction():
            yield conn

    @contextlib.contextmanager
    def atomic(self) -> Iterator[None]:
        """One transaction on this thread's connection; the adapter's own transactions
        inside it become savepoints of it (psycopg nests them)."""
        with self._atomic():
            yield

    def transaction(self, statements: Sequence[str | exp.Expression]) -> None:
        with self._atomic() as conn:
            for statement in statements:
                self._run(conn, statement)

    def replace_table(self, relation: Relation, query: exp.Expression) -> int | None:
        """Build under a unique temp name, then swap it in, in one transaction; the rows
        the build wrote (CREATE TABLE AS reports them).

        The build runs in parallel with other threads; the swap (drop the old table, rename
        the new one, recreate the views that depended on the old one) holds `SWAP_LOCK`.
        """
        temp = self.temp_relation(relation)
        with self._atomic() as conn:
            built = self._run(conn, self.create_table_as(temp, query))
            self._swap(conn, relation, self.rename(temp, relation.name))
        return built.rowcount if built.rowcount >= 0 else None

    def swap_in(self, relation: Relation, temp: Relation) -> None:
        """As every engine's, keeping the views built on the old table (recreated on the
        new one, see `_swap`): Postgres refuses to drop a table views depend on."""
        with self._atomic() as conn:
            self._swap(conn, relation, self.rename(temp, relation.name))

    def replace_view(self, relation: Relation, query: exp.Expression) -> None:
        """CREATE OR REPLACE VIEW under `SWAP_LOCK`: it keeps the views built on this one,
        in one round trip past the lock. When Postgres refuses it because the new version
        drops or retypes a column, or a table holds the name, that transaction rolls back
        (to its savepoint inside an open one) and the view is swapped in like a table."""
        create = self.create_view_as(relation, query)
        with self._errors():
            conn = self._connection()
            try:
                with conn.transaction():
                    self._run(conn, SWAP_LOCK)
                    self._run(conn, create)
                return
            except psycopg.Error as err:
                if err.sqlstate not in (VIEW_SHAPE_CHANGED, WRONG_OBJECT_TYPE) or conn.broken:
                    raise
            create.set("replace", False)
            with conn.transaction():
                self._swap(conn, relation, create)

    def _swap(self, conn: Any, relation: Relation, create: exp.Expression) -> None:
        """Under SWAP_LOCK: drop the old `relation` with its dependent views, run `create`
        (a rename of the new table, or a CREATE VIEW), then recreate those views.

        A view that cannot be recreated on the new version (it reads a dropped column) is
        fine only when this run rebuilds it; otherwise the whole transaction is refused
        (DependentViewsError) and the old relation and its views stay as they were.
        """
        self._run(conn, SWAP_LOCK)
        existing, views = self._swap_target(conn, relation)
        if existing:
            drop = self.drop(relation, kind=existing.upper())
            drop.set("cascade", True)
            self._run(conn, drop)
        self._run(conn, create)
        lost = [lost for view in views if (lost := self._recreate_view(conn, *view))]
        refused = [f"{name} ({why})" for name, why in lost if name not in self.rebuilt_in_run]
        if refused:
            raise DependentViewsError(
                f"rebuilding {self.schema_of(relation)}.{relation.name} would drop views that "
                f"depend on it and cannot be recreated on the new version: {'; '.join(refused)}."
                f" Nothing was changed: the old relation and its views are kept",
                hint="update or drop those views (they read something the new version no "
                     "longer has), or keep what they read in the model; then rerun")

    def _kind(self, conn: Any, relation: Relation) -> str | None:
        rows = _rows(self._run(conn, KIND, [self.schema_of(relation), relation.name]))[1]
        return _kind_name(rows[0][0]) if rows else None

    def _swap_target(self, conn: Any, relation: Relation) -> tuple[str | None, list[tuple]]:
        """The relation's kind (None: missing) and its dependent views, deepest last, each
        (schema, name, relkind, definition)."""
        rows = _rows(self._run(conn, SWAP_TARGET, {"schema": self.schema_of(relation),
                                                   "name": relation.name}))[1]
        if not rows:
            return None, []
        return _kind_name(rows[0][0]), [tuple(row[1:]) for row in rows if row[1] is not None]

    def _recreate_view(self, conn: Any, schema: str, name: str, kind: str,
                       definition: str) -> tuple[str, str] | None:
        """Recreate one dependent view under a savepoint; (name, why) when it cannot be."""
        keyword = "MATERIALIZED VIEW" if kind == "m" else "VIEW"
        statement = pgsql.SQL("CREATE " + keyword + " {} AS ").format(
            pgsql.Identifier(schema, name)) + pgsql.SQL(definition)  # the server's own SQL
        try:
            with conn.transaction():
                self._run(conn, statement)
        except psycopg.Error as err:
            if conn.broken or issubclass(_kind_of(err), TransientWarehouseError | LockTimeoutError):
                raise  # a lost session or a deadlock is the whole transaction's problem
            return f"{schema}.{name}", self._first_line(err)
        return None

    def merge_statements(self, relation: Relation, source: exp.Expression,
                         unique_key: Sequence[str], columns: Sequence[str]) -> list[exp.Expression]:
        """MERGE on Postgres 15+ (no unique index needed, unlike ON CONFLICT); before 15,
        delete+insert, which gives the same rows when the source has one row per key."""
        if self._connection().info.server_version >= 150000:
            return [self.merge(relation, source, unique_key, columns)]
        return self.delete_insert_statements(relation, source, unique_key, columns)

    # -- catalog ---------------------------------------------------------------------------
    def list_columns(self, relation: Relation) -> list[ColumnInfo] | None:
        """Exact types (numeric(10,2), varchar(20), int[]) from pg_catalog's format_type."""
        _, rows = self._query(COLUMNS, [self.schema_of(relation), relation.name])
        return [ColumnInfo(name, dtype) for name, dtype in rows] or None

    def list_columns_of(self, relations: Sequence[Relation]) -> dict[Relation, list[ColumnInfo]]:
        """One catalog query (one round trip) for all of them."""
        if not relations:
            return {}
        _, rows = self._query(COLUMNS_OF, [[self.schema_of(r) for r in relations],
                                           [r.name for r in relations]])
        found: dict[tuple[str, str], list[ColumnInfo]] = {}
        for schema, name, column, dtype in rows:
            found.setdefault((schema, name), []).append(ColumnInfo(column, dtype))
        return {r: found[(self.schema_of(r), r.name)] for r in relations
                if (self.schema_of(r), r.name) in found}

    def describe_query(self, sql: str) -> list[ColumnInfo]:
        """Columns and types a query would return: planned with LIMIT 0, no rows read."""
        query = exp.select("*").from_(exp.maybe_parse(sql, dialect=self.dialect).subquery(
            "__dn_q")).limit(0)
        with self._errors():
            cur = self._run(self._connection(), query)
            return [ColumnInfo(d.name, d.type_display) for d in cur.description or []]

    def current_grants(self, relation: Relation) -> dict[str, set[str]]:
        """What dbt-postgres reads for `grants`: privileges the current role granted to
        others on the relation."""
        _, rows = self._query(GRANTS, [self.schema_of(relation), relation.name])
        found: dict[str, set[str]] = {}
        for grantee, privilege in rows:
            found.setdefault(str(privilege).upper(), set()).add(str(grantee))
        return found

    def relation_kind(self, relation: Relation) -> str | None:
        with self._errors():
            return self._kind(self._connection(), relation)

    # -- loading ---------------------------------------------------------------------------
    def load_file(self, relation: Relation, path: str, format: str | None = None,
                  options: dict[str, Any] | None = None, mode: str = "replace",
                  paths: Sequence[str] | None = None) -> int:
        """Stream the file(s) through pyarrow into COPY FROM STDIN, batch by batch."""
        dataset = files.arrow_dataset(path, files.detect_format(path, format), options, paths)
        return self._load_batches(relation, dataset.schema, dataset.to_batches(), mode)

    def load_arrow(self, relation: Relation, table: Any, mode: str = "replace") -> int:
        return self._load_batches(relation, table.schema, table.to_batches(), mode)

    def _load_batches(self, relation: Relation, schema: Any, batches: Any, mode: str) -> int:
        """Replace: COPY into a temp table, then swap, all in one transaction. Append: COPY."""
        with self._atomic() as conn:
            if mode == "append" and self._kind(conn, relation) == "table":
                return self.copy_rows(relation, schema, batches)
            temp = self.temp_relation(relation)
            self._run(conn, files.create_from_arrow(temp, schema))
            rows = self.copy_rows(temp, schema, batches)
            self._swap(conn, relation, self.rename(temp, relation.name))
        return rows

    @contextlib.contextmanager
    def arrow_view(self, name: str, table: Any) -> Iterator[None]:
        """The Arrow table, or RecordBatchReader (a stream of batches, never held whole),
        COPYed into a temporary table `name` created in the open transaction: a rollback, or
        a killed session, leaves nothing behind."""
        temp = Relation(name, "pg_temp")
        self.execute(files.create_from_arrow(temp, table.schema))
        self.copy_rows(temp, table.schema, table if hasattr(table, "read_next_batch")
                       else table.to_batches())
        yield
        self.execute(self.drop(temp))

    def copy_rows(self, target: Relation, schema: Any, batches: Iterable[Any]) -> int:
        """COPY Arrow record batches (of `schema`) into the existing table `target` with COPY
        FROM STDIN on this thread's connection, inside its open transaction if any; nested
        columns travel as JSONB, times as text (`files.time_texts`), intervals as text
        (`intervals.texts`). The fast way in: no INSERT statement per row. Returns rows."""
        columns = pgsql.SQL(", ").join(pgsql.Identifier(f.name) for f in schema)
        statement = pgsql.SQL("COPY {} ({}) FROM STDIN").format(
            pgsql.Identifier(self.schema_of(target), target.name), columns)
        nested = [i for i, f in enumerate(schema) if files.is_nested(f.type)]
        times = [i for i, f in enumerate(schema) if files.is_time(f.type)]
        spans = [i for i, f in enumerate(schema) if intervals.is_interval(f.type)]
        rows = 0
        with self._errors(), self._connection().cursor() as cur, cur.copy(statement) as copy:
            for batch in batches:
                values = [column.to_pylist() for column in batch.columns]
                for i in nested:
                    values[i] = [None if v is None else Jsonb(v) for v in values[i]]
                for i in times:   # as text: 24:00:00 as Python's time would make it 00:00
                    values[i] = files.time_texts(batch.column(i))
                for i in spans:   # as text: psycopg wrote a MonthDayNano as a tuple
                    values[i] = intervals.texts(batch.column(i))
                for row in zip(*values):
                    copy.write_row(row)
                rows += batch.num_rows
        return rows

    # -- errors ----------------------------------------------------------------------------
    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        """Translate psycopg errors (once, at the outermost level) into datanet's, by SQLSTATE.

        A lost session closes this thread's connection only: the next statement of this
        thread reconnects, while the other threads' connections and transactions go on.
        """
        try:
            yield
        except psycopg.Error as err:
            kind = _kind_of(err)
            conn = getattr(self._local, "conn", None)
            if kind is ConnectionLostError or (conn is not None and conn.broken):
                self._forget()
                raise ConnectionLostError(
                    f"the session to Postgres at {self.where} ended mid-statement: "
                    f"{self._first_line(err)}; its transaction was rolled back",
                    hint="the runner retries it on a new session; if this persists, check the "
                         "server's log for who ends sessions") from None
            if kind is LockTimeoutError:
                raise LockTimeoutError(
                    f"waited longer than lock_timeout ({self.lock_timeout}) for a lock while "
                    f"running {self._statement_head()}; gave up and rolled back",
                    hint="another session holds a lock on that relation (see pg_stat_activity "
                         "and pg_locks): end it or let it finish, or raise `lock_timeout` in "
                         "targets.yml; then rerun") from None
            if err.sqlstate == QUERY_CANCELED:
                raise WarehouseError(
                    f"statement canceled: {self._first_line(err)} (statement_timeout "
                    f"{self.config.get('statement_timeout', 'none')}, or the run was "
                    "interrupted)", hint="raise `statement_timeout` in targets.yml if the "
                    "model needs longer") from None
            raise kind(self._first_line(err)) from None

    def _statement_head(self) -> str:
        """The statement in flight, shortened, so a lock message names the relation."""
        statement = getattr(self._local, "statement", None)
        if statement is None:
            return "a statement"
        if isinstance(statement, pgsql.Composable):
            text = statement.as_string(self._connection_or_none())
        else:
            text = self.sql(statement)
        if text == SWAP_LOCK:
            return "the swap lock (another datanet thread or run is swapping a table)"
        text = " ".join(text.split())
        return f"`{text[:160]}{'...' if len(text) > 160 else ''}`"

    def _connection_or_none(self) -> Any:
        conn = getattr(self._local, "conn", None)
        return conn if conn is not None and not conn.closed else None

    def _first_line(self, err: Exception) -> str:
        text = str(err).strip()
        return _scrub(text.splitlines()[0] if text else type(err).__name__, self._secrets)


def _kind_of(err: psycopg.Error) -> type[WarehouseError]:
    """The datanet error class for a psycopg error, from its SQLSTATE (None: no server reply,
    which psycopg raises when the connection itself failed)."""
    state = err.sqlstate or ""
    if state in TRANSIENT_STATES:
        return TransientWarehouseError
    if state in LOST_STATES or state.startswith("08") or (
            not state and isinstance(err, psycopg.OperationalError)):
        return ConnectionLostError
    if state == LOCK_NOT_AVAILABLE:
        return LockTimeoutError
    if state in MISSING_STATES:
        return RelationNotFoundError
    return WarehouseError


def _kind_name(relkind: str) -> str:
    """pg_class's relkind as datanet names it: a plain or materialized view, else a table."""
    return "view" if relkind in ("v", "m") else "table"


def _rows(cur: Any) -> tuple[list[str], list[tuple]]:
    names = [d.name for d in cur.description] if cur.description else []
    return names, (cur.fetchall() if cur.description else [])


def _connection_params(config: dict[str, Any]) -> dict[str, Any]:
    """psycopg keyword arguments from a DSN and/or separate fields (fields win)."""
    params: dict[str, Any] = {}
    if config.get("dsn"):
        try:
            params = psycopg.conninfo.conninfo_to_dict(str(config["dsn"]))
        except psycopg.Error as err:
            secrets = _dsn_secrets(str(config["dsn"]))
            raise ConfigError(f"the Postgres DSN is malformed: {_scrub(str(err), secrets)}",
                              file="targets.yml", hint="use postgresql://user@host:port/dbname "
                              "or 'host=... port=... dbname=...'") from None
    params.update({k: config[k] for k in CONNECTION_FIELDS if config.get(k) is not None})
    params.setdefault("connect_timeout", int(config.get("connect_timeout", 5)))
    params.setdefault("application_name", "datanet")
    return params


def _dsn_secrets(dsn: str) -> list[str]:
    found = re.findall(r"password\s*=\s*'?([^'\s]+)", dsn)
    found += re.findall(r"://[^:/@]*:([^@]+)@", dsn)
    return found


def _scrub(text: str, secrets: Sequence[str]) -> str:
    """Remove passwords from a message: known secrets, `password=...` and `user:pw@` forms."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    text = re.sub(r"(password\s*=\s*)('[^']*'|\S+)", r"\1***", text, flags=re.IGNORECASE)
    return re.sub(r"(://[^:/@\s]*:)[^@\s]+@", r"\1***@", text)
