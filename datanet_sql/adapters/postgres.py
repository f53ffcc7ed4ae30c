"""Postgres (psycopg 3): a real server, one autocommit connection per runner thread.

Every statement runs on its own (autocommit makes a single statement atomic) unless it is
part of `transaction`, which wraps statements in BEGIN/COMMIT so that the table swap of a
`table` model is all-or-nothing: DDL is transactional on Postgres, so a failed build leaves
the old table exactly as it was. Passwords never leave this module: every message that can
reach a user goes through `_scrub`.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Iterator, Sequence
from typing import Any, ClassVar

import psycopg  # the registry imports this module only for postgres targets
from psycopg import sql as pgsql
from psycopg.types.json import Jsonb
from sqlglot import exp

from datanet_sql.adapters import files
from datanet_sql.adapters.base import Adapter, ColumnInfo, Relation
from datanet_sql.errors import (
    ConfigError,
    RelationNotFoundError,
    WarehouseError,
    WarehouseUnavailableError,
)

CONNECTION_FIELDS = ("host", "port", "user", "password", "dbname")

# views (plain or materialized) that depend on a relation, transitively, deepest last
DEPENDENT_VIEWS = """
WITH RECURSIVE deps(oid, depth) AS (
  SELECT r.ev_class, 1 FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid
  WHERE d.classid = 'pg_rewrite'::regclass AND d.refobjid = %(oid)s AND r.ev_class <> %(oid)s
  UNION
  SELECT r.ev_class, deps.depth + 1 FROM deps
  JOIN pg_depend d ON d.refobjid = deps.oid AND d.classid = 'pg_rewrite'::regclass
  JOIN pg_rewrite r ON r.oid = d.objid AND r.ev_class <> deps.oid
)
SELECT n.nspname, c.relname, c.relkind, pg_get_viewdef(c.oid), max(deps.depth) AS depth
FROM deps JOIN pg_class c ON c.oid = deps.oid JOIN pg_namespace n ON n.oid = c.relnamespace
GROUP BY 1, 2, 3, 4 ORDER BY depth
"""

COLUMNS = """
SELECT a.attname, format_type(a.atttypid, a.atttypmod)
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = %s AND c.relname = %s AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum
"""

KIND = """
SELECT c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = %s AND c.relname = %s
"""


class PostgresAdapter(Adapter):
    """A Postgres target: `dsn` or host/port/user/password/dbname, plus `schema`."""

    dialect: ClassVar[str] = "postgres"
    supports_merge: ClassVar[bool] = True  # MERGE exists from Postgres 15; see merge_statements
    default_schema: ClassVar[str] = "public"
    max_identifier_length: ClassVar[int | None] = 63

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__(config)
        self._params = _connection_params(config)
        self._secrets = [str(self._params["password"])] if self._params.get("password") else []
        self._local = threading.local()
        self._lock = threading.Lock()
        self._connections: list[Any] = []
        self.dropped_views: list[str] = []  # dependent views a swap could not recreate

    # -- connection ------------------------------------------------------------------------
    @property
    def where(self) -> str:
        """host:port/dbname of the server, for messages (never the password)."""
        p = self._params
        return f"{p.get('host') or 'localhost'}:{p.get('port') or 5432}/{p.get('dbname') or ''}"

    def _connection(self) -> Any:
        conn = getattr(self._local, "conn", None)
        if conn is not None and not conn.closed:
            return conn
        try:
            conn = psycopg.connect(**self._params, autocommit=True)
        except psycopg.Error as err:
            raise WarehouseUnavailableError(
                f"cannot connect to Postgres at {self.where}: {self._first_line(err)}",
                hint="is the server running and reachable? check host, port and dbname of the "
                     "target in targets.yml (or the DSN in its environment variable)",
            ) from None
        schema = str(self.config.get("schema") or self.default_schema)
        conn.execute(pgsql.SQL("SET search_path TO {}, public").format(pgsql.Identifier(schema)))
        self._local.conn = conn
        with self._lock:
            self._connections.append(conn)
        return conn

    @property
    def connection(self) -> Any:
        """The raw psycopg connection of this thread."""
        return self._connection()

    def execute(self, sql: str | exp.Expression) -> int | None:
        with self._errors(), self._connection().cursor() as cur:
            cur.execute(self.sql(sql))
            return cur.rowcount if cur.rowcount >= 0 else None

    def fetch(self, sql: str | exp.Expression) -> tuple[list[str], list[tuple]]:
        return self._query(self.sql(sql))

    def _query(self, sql: str, params: Any = None) -> tuple[list[str], list[tuple]]:
        with self._errors(), self._connection().cursor() as cur:
            cur.execute(sql, params)
            names = [d.name for d in cur.description] if cur.description else []
            return names, (cur.fetchall() if cur.description else [])

    def close(self) -> None:
        with self._lock:
            connections, self._connections = self._connections, []
        for conn in connections:
            conn.close()
        self._local = threading.local()

    # -- transactions ----------------------------------------------------------------------
    def transaction(self, statements: Sequence[str | exp.Expression]) -> None:
        with self._errors(), self._connection().transaction():
            for statement in statements:
                self.execute(statement)

    def replace_table(self, relation: Relation, query: exp.Expression) -> None:
        """Build under a temp name, swap, and recreate the views that depended on the old table.

        Postgres binds views to the table itself, so dropping it would fail (or, with
        CASCADE, silently drop the views); instead the views are captured and recreated
        inside the same transaction, each under a savepoint.
        """
        temp = self.temp_relation(relation)
        existing = self.relation_kind(relation)
        conn = self._connection()
        with self._errors(), conn.transaction():
            self.execute(self.drop(temp))
            self.execute(self.create_table_as(temp, query))
            self._swap_keeping_views(relation, temp, existing)

    def _swap_keeping_views(self, relation: Relation, temp: Relation,
                            existing: str | None) -> None:
        views = self._dependent_views(relation) if existing else []
        if existing:
            drop = self.drop(relation, kind=existing.upper())
            drop.set("cascade", True)
            self.execute(drop)
        self.execute(self.rename(temp, relation.name))
        self.dropped_views = []
        for schema, name, kind, definition, _ in views:
            self._recreate_view(schema, name, kind, definition)

    def _dependent_views(self, relation: Relation) -> list[tuple]:
        table = exp.table_(relation.name, db=self.schema_of(relation), quoted=True)
        _, rows = self._query("SELECT to_regclass(%s)::oid", [table.sql(dialect="postgres")])
        if not rows or rows[0][0] is None:
            return []
        return self._query(DEPENDENT_VIEWS, {"oid": rows[0][0]})[1]

    def _recreate_view(self, schema: str, name: str, kind: str, definition: str) -> None:
        keyword = "MATERIALIZED VIEW" if kind == "m" else "VIEW"
        statement = pgsql.SQL("CREATE " + keyword + " {} AS ").format(
            pgsql.Identifier(schema, name)) + pgsql.SQL(definition)  # the server's own SQL
        try:
            with self._connection().transaction(), self._connection().cursor() as cur:
                cur.execute(statement)
        except psycopg.Error:
            self.dropped_views.append(f"{schema}.{name}")

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

    def describe_query(self, sql: str) -> list[ColumnInfo]:
        """Columns and types a query would return: planned with LIMIT 0, no rows read."""
        query = exp.select("*").from_(exp.maybe_parse(sql, dialect=self.dialect).subquery(
            "__dn_q")).limit(0)
        with self._errors(), self._connection().cursor() as cur:
            cur.execute(self.sql(query))
            return [ColumnInfo(d.name, d.type_display) for d in cur.description or []]

    def relation_kind(self, relation: Relation) -> str | None:
        _, rows = self._query(KIND, [self.schema_of(relation), relation.name])
        if not rows:
            return None
        return "view" if rows[0][0] in ("v", "m") else "table"

    # -- loading ---------------------------------------------------------------------------
    def load_file(self, relation: Relation, path: str, format: str | None = None,
                  options: dict[str, Any] | None = None, mode: str = "replace") -> int:
        """Stream the file(s) through pyarrow into COPY FROM STDIN, batch by batch."""
        dataset = files.arrow_dataset(path, files.detect_format(path, format), options)
        return self._load_batches(relation, dataset.schema, dataset.to_batches(), mode)

    def load_arrow(self, relation: Relation, table: Any, mode: str = "replace") -> int:
        return self._load_batches(relation, table.schema, table.to_batches(), mode)

    def _load_batches(self, relation: Relation, schema: Any, batches: Any, mode: str) -> int:
        """Replace: COPY into a temp table, then swap, all in one transaction. Append: COPY."""
        existing = self.relation_kind(relation)
        append = mode == "append" and existing == "table"
        target = relation if append else self.temp_relation(relation)
        with self._errors(), self._connection().transaction():
            if not append:
                self.execute(self.drop(target))
                self.execute(files.create_from_arrow(target, schema))
            rows = self._copy(target, schema, batches)
            if not append:
                self._swap_keeping_views(relation, target, existing)
        return rows

    def _copy(self, target: Relation, schema: Any, batches: Any) -> int:
        columns = pgsql.SQL(", ").join(pgsql.Identifier(f.name) for f in schema)
        statement = pgsql.SQL("COPY {} ({}) FROM STDIN").format(
            pgsql.Identifier(self.schema_of(target), target.name), columns)
        nested = [i for i, f in enumerate(schema) if files.is_nested(f.type)]
        rows = 0
        with self._connection().cursor() as cur, cur.copy(statement) as copy:
            for batch in batches:
                values = [column.to_pylist() for column in batch.columns]
                for i in nested:
                    values[i] = [None if v is None else Jsonb(v) for v in values[i]]
                for row in zip(*values):
                    copy.write_row(row)
                rows += batch.num_rows
        return rows

    # -- errors ----------------------------------------------------------------------------
    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        """Translate psycopg errors (once, at the outermost level) into datanet's."""
        try:
            yield
        except psycopg.OperationalError as err:
            if isinstance(err, psycopg.errors.QueryCanceled | psycopg.errors.LockNotAvailable):
                raise WarehouseError(self._first_line(err)) from None
            self._local = threading.local()
            raise WarehouseUnavailableError(
                f"lost the connection to Postgres at {self.where}: {self._first_line(err)}",
                hint="check that the server is up, then rerun",
            ) from None
        except (psycopg.errors.UndefinedTable, psycopg.errors.InvalidSchemaName) as err:
            raise RelationNotFoundError(self._first_line(err)) from None
        except psycopg.Error as err:
            raise WarehouseError(self._first_line(err)) from None

    def _first_line(self, err: Exception) -> str:
        text = str(err).strip()
        return _scrub(text.splitlines()[0] if text else type(err).__name__, self._secrets)


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
