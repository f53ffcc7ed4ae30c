"""What several ingestion test files share: a Postgres schema of their own, a warehouse to
load into with the job and queries a test needs (`Place`), and a real
`datanet ingest --follow` process whose progress is read from its stdout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlglot import exp

from datanet_sql.adapters.base import Adapter, Relation

if TYPE_CHECKING:
    from datanet_sql.adapters.duckdb import DuckDBAdapter
    from datanet_sql.adapters.postgres import PostgresAdapter
    from datanet_sql.ingest.loader import LoadJob, LoadResult

ROOT = Path(__file__).resolve().parents[2]
PG_DSN = os.environ.get("DATANET_TEST_PG_DSN", "postgresql://postgres@127.0.0.1:5432/test")


@contextmanager
def pg_warehouse(prefix: str) -> Iterator[tuple[PostgresAdapter, str]]:
    """A Postgres adapter on a fresh schema `<prefix>_<hex>`; it and `<schema>_shop` are
    dropped afterwards (parallel runs never share a schema)."""
    from datanet_sql.adapters.postgres import PostgresAdapter

    schema = f"{prefix}_{uuid.uuid4().hex[:10]}"
    adapter = PostgresAdapter({"dsn": PG_DSN, "schema": schema})
    try:
        yield adapter, schema
    finally:
        for name in (schema, f"{schema}_shop"):
            adapter.execute(exp.Drop(tables=[exp.Table(this=exp.to_identifier(name, quoted=True))],
                                     kind="SCHEMA", exists=True, cascade=True))
        adapter.close()



@contextmanager
def pg_source_schema(prefix: str) -> Iterator[tuple[Any, str]]:
    """A Postgres schema `<prefix>_<hex>` for the source tables a test writes, with an
    autocommit connection to write them; dropped afterwards."""
    import psycopg

    schema = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_DSN, autocommit=True) as con:
        con.execute(f'create schema "{schema}"')
        try:
            yield con, schema
        finally:
            con.execute(f'drop schema "{schema}" cascade')

def delta_part(folder: Path, n: int, ids: list[int], income: float) -> Path:
    """A Parquet data file of a Delta table written by hand (`part-0000n-c000.snappy.parquet`,
    columns id and income)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"part-{n:05d}-c000.snappy.parquet"
    pq.write_table(pa.table({"id": ids, "income": [income] * len(ids)}), path)
    return path


def delta_commit(folder: Path, version: int, actions: list[dict]) -> None:
    """Commit `version` of the table's `_delta_log`: one JSON action a line."""
    log = folder / "_delta_log"
    log.mkdir(parents=True, exist_ok=True)
    (log / f"{version:020d}.json").write_text("".join(json.dumps(a) + "\n" for a in actions))


def delta_add(path: Path, **extra: Any) -> dict:
    """A commit's `add` action of a data file beside the log."""
    return {"add": {"path": path.name, "partitionValues": {}, "size": path.stat().st_size,
                    "modificationTime": 0, "dataChange": True, **extra}}


def rezip(plain: Path, target: Path, change: Callable[[str, bytes], bytes | None]) -> Path:
    """`plain` copied to `target`, each part through `change` (None leaves it out)."""
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            data = change(item.filename, source.read(item.filename))
            if data is not None:
                out.writestr(item, data)
    return target


def workbook(path: Path, sheets: dict[str, list[list]]) -> None:
    """An .xlsx file written by openpyxl, one sheet per entry, rows as given."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)


def cache_formulas(path: Path, value: Callable[[str], float]) -> None:
    """Each formula of the workbook's first sheet given a cached value (`value` of its
    cell's reference, `C2`), as Excel saves a workbook after computing it: openpyxl writes
    none."""
    import re

    with zipfile.ZipFile(path) as book:
        parts = {name: book.read(name) for name in book.namelist()}

    def computed(cell: re.Match[bytes]) -> bytes:
        return cell[1] + cell[3] + f"<v>{value(cell[2].decode())!r}</v>".encode()

    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = re.sub(rb'(<c r="([A-Z]+\d+)"[^>]*>)(<f>[^<]*</f>)<v\s*/>', computed,
                          parts[sheet])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, data in parts.items():
            book.writestr(name, data)


@contextmanager
def following(root: Path, sources: str, prelude: str = "") -> Iterator[subprocess.Popen]:
    """A DuckDB project in `root` with `sources` (the YAML of sources/sources.yml), and
    `datanet ingest --follow --interval 0.2` running in it, as a user would start it; killed
    when the block ends (a test stops it with a signal first). `prelude`: Python run in the
    process before the command (a test's hook into it)."""
    (root / "sources").mkdir(exist_ok=True)
    (root / "datanet.yml").write_text("name: follow\n")
    (root / "targets.yml").write_text("dev: {type: duckdb, path: dw.duckdb}\n")
    (root / "sources" / "sources.yml").write_text(sources)
    script = root / "follow.py"
    script.write_text(f"import sys\nsys.path[:0] = [{str(ROOT)!r}]\n"
                      f"{prelude}\nfrom datanet_sql.cli.main import main\n"
                      "sys.argv = ['datanet', 'ingest', '--follow', '--interval', '0.2']\n"
                      "main()\n")
    process = subprocess.Popen([sys.executable, "-u", str(script)], cwd=root,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "COLUMNS": "200"})
    try:
        yield process
    finally:
        process.kill()
        process.wait()


def wait_for_loads(process: subprocess.Popen, table: str, at_least: int) -> int:
    """Rows of the follower's progress tables naming `table` (one per round that loaded)."""
    found, deadline = 0, time.monotonic() + 60
    while found < at_least and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            raise AssertionError(f"ingest --follow ended: {process.stderr.read()}")
        found += table in line
    return found


@dataclass
class Place:
    """Where a test loads: a warehouse, the schema of its ledger and that of the tables."""

    adapter: Adapter
    ledger_schema: str
    schema: str

    def job(self, root: Path, table: str, mode: str, **config: Any) -> LoadJob:
        """A LoadJob of source `shop` as the compiler makes it from `load:` (`config`
        overrides the keys a test sets)."""
        from datanet_sql.ingest.loader import LoadJob

        policy = config.pop("on_schema_change", "heal")
        spec = {"mode": mode, "primary_key": [], "cursor": None, "path": "landing/*.csv",
                "dsn": None, "format": None, "source_table": None, "options": {},
                "on_bad_row": "reject", "columns": {}, **config}
        return LoadJob("shop", table, Relation(table, self.schema), self.ledger_schema, root,
                       spec, policy)

    def rows(self, table: str, columns: str = "*", order: str = "1") -> list[tuple]:
        query = f"select {columns} from {self.schema}.{table} order by {order}"
        return [tuple(row) for row in self.adapter.fetch(query)[1]]

    def state(self, table: str) -> tuple[list[tuple], ...]:
        """The table's rows, its ledger rows and its rejects (load times left out), each
        sorted: what a second run must leave as it found it."""
        where = f"where table_name = '{table}'"
        return (sorted(self.fetch(f"select * from {self.schema}.{table}"), key=repr),
                sorted(self.fetch(f"select file, size, sha256, rows, cursor_value from "
                                  f"{self.ledger_schema}._datanet_ingest_ledger {where}"),
                       key=repr),
                sorted(self.fetch(f"select file, record_no, reason, raw from "
                                  f"{self.schema}._rejects {where}"), key=repr))

    def fetch(self, sql: str) -> list[tuple]:
        return [tuple(row) for row in self.adapter.fetch(sql)[1]]


def invoke(*args: object) -> Any:
    """The `datanet` command run in this process (click's runner), its result."""
    from click.testing import CliRunner

    from datanet_sql.cli.main import cli

    return CliRunner().invoke(cli, [str(a) for a in args])


def query(root: Path, sql: str) -> list[tuple]:
    """Rows of `sql` in a test project's DuckDB warehouse (`dw.duckdb`), opened read-only."""
    import duckdb

    with duckdb.connect(str(root / "dw.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


def land(root: Path, name: str, text: str) -> None:
    """A delivery `name` of `text` (UTF-8) landed in `root`/landing, as an exporter drops it."""
    (root / "landing").mkdir(exist_ok=True)
    (root / "landing" / name).write_text(text, encoding="utf-8")


def load_config(mode: str, path: str, **given: Any) -> dict[str, Any]:
    """A `load:` table's config as the loader takes it (a file source, no key, rejects kept),
    with `given` keys over it."""
    return {"mode": mode, "primary_key": [], "cursor": None, "path": path, "dsn": None,
            "format": None, "source_table": None, "options": {}, "on_bad_row": "reject",
            "columns": {}, **given}


def load_folder(tmp_path: Path, mode: str = "incremental_files") -> DuckDBAdapter:
    """The CSV files of `tmp_path`/landing loaded into shop.sales of a DuckDB file there."""
    return load_landing(tmp_path, mode)[0]


def load_landing(
    tmp_path: Path, mode: str = "incremental_files", pattern: str = "*.csv"
) -> tuple[DuckDBAdapter, LoadResult]:
    """The files `pattern` matches in `tmp_path`/landing loaded into shop.sales of a DuckDB
    file there, with the load's result (its notes)."""
    from datanet_sql.adapters.duckdb import DuckDBAdapter
    from datanet_sql.ingest import reading
    from datanet_sql.ingest.loader import LoadJob, load

    config = load_config(mode, f"landing/{pattern}")
    adapter = DuckDBAdapter({"path": str(tmp_path / "dw.duckdb")})
    job = LoadJob("shop", "sales", Relation("sales", "shop"), "main", tmp_path, config)
    result = load(adapter, job, reading)
    return adapter, result


def read_text(tmp_path: Path, text: str, name: str = "near.csv") -> Any:
    """`text` written to `tmp_path`/`name` and read as datanet reads it (its ReadResult)."""
    from datanet_sql.ingest.reading import read_source

    (tmp_path / name).write_text(text)
    return read_source(tmp_path / name, None, {}, {})


def appended_after_growing(tmp_path: Path, name: str, line: str, sql: str
                           ) -> tuple[int, int, list[tuple]]:
    """`tmp_path`/`name` loaded under `append` into shop.sales of a DuckDB file there, then
    again after `line` is added to its end: (the first load's rows, the second's, `sql`'s
    rows after it). A grown file's new lines are read under its own header (its layout
    pinned)."""
    from datanet_sql.adapters.duckdb import DuckDBAdapter
    from datanet_sql.ingest import reading
    from datanet_sql.ingest.loader import LoadJob, load

    job = LoadJob("shop", "sales", Relation("sales", "shop"), "main", tmp_path,
                  load_config("append", name))
    adapter = DuckDBAdapter({"path": str(tmp_path / "dw.duckdb")})
    try:
        first = load(adapter, job, reading).rows
        with (tmp_path / name).open("a") as handle:
            handle.write(line)
        return first, load(adapter, job, reading).rows, adapter.fetch(sql)[1]
    finally:
        adapter.close()


@contextmanager
def local_or_pg_place(kind: str, tmp_path: Path, prefix: str) -> Iterator[Place]:
    """A Place on Postgres (`kind` "postgres": a fresh schema `<prefix>_<hex>`, dropped
    after) or on DuckDB (a database file in `tmp_path`)."""
    if kind == "postgres":
        with pg_warehouse(prefix) as (adapter, schema):
            yield Place(adapter, schema, f"{schema}_shop")
        return
    from datanet_sql.adapters.duckdb import DuckDBAdapter

    adapter = DuckDBAdapter({"path": str(tmp_path / "dw.duckdb")})
    try:
        yield Place(adapter, "main", "shop")
    finally:
        adapter.close()


class NoArrow:
    """The reading module for `load`, except that reading into Arrow is an error: a file a
    DuckDB warehouse must read itself (`reading.stage_json`, or DuckDB's own CSV scan)."""

    def __getattr__(self, name: str) -> Any:
        from datanet_sql.ingest import reading

        if name in ("read_source", "read_each"):
            raise AssertionError(f"{name} called: the file went through Arrow")
        return getattr(reading, name)
