"""Bounded memory: a file larger than the record-batch budget is handed to the warehouse in
several batches (`readers.stream`), inside the one transaction of its load, and gives the
tables one batch gives, on DuckDB and Postgres, exactly once after a kill mid-load."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from ingest_helpers import ROOT, pg_warehouse

from datanet_sql.adapters.base import Relation
from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import LoadJob, load
from datanet_sql.ingest.readers import stream


@pytest.fixture(params=["duckdb", "postgres"])
def warehouse(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Any, str]]:
    if request.param == "duckdb":
        adapter = DuckDBAdapter({"path": str(tmp_path / "dw.duckdb")})
        yield adapter, "main"
        adapter.close()
        return
    with pg_warehouse("dn_stream") as pg:
        yield pg


@pytest.fixture
def batches(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record batches of 7 rows, and the size of each one a warehouse was handed."""
    sizes: list[int] = []
    reader = stream.Stream.reader

    def counted(self: stream.Stream) -> Any:
        import pyarrow as pa

        def each() -> Iterator[Any]:
            for batch in self.batches():
                sizes.append(batch.num_rows)
                yield batch
        return pa.RecordBatchReader.from_batches(self.schema, each())
    monkeypatch.setattr(stream, "BATCH_ROWS", 7)
    monkeypatch.setattr(stream.Stream, "reader", counted)
    assert reader is not counted
    return sizes


def job(root: Path, schema: str, mode: str, path: str | None, **extra: object) -> LoadJob:
    config = {"mode": mode, "primary_key": [], "cursor": None, "path": path, "dsn": None,
              "format": None, "source_table": None, "options": {}, "on_bad_row": "reject",
              "columns": {}, **extra}
    shop = "shop" if schema == "main" else f"{schema}_shop"
    return LoadJob("shop", "orders", Relation("orders", shop), schema, root, config)


def rows(adapter: Any, schema: str, table: str, order: str) -> list[tuple]:
    shop = "shop" if schema == "main" else f"{schema}_shop"
    return [tuple(r) for r in adapter.fetch(f'select * from "{shop}"."{table}" order by {order}')[1]]


def orders_csv(root: Path, lines: int) -> None:
    """Orders with each id three times: the highest `updated`, then the last row, wins."""
    rng = random.Random(15)
    body = "".join(f"{n % (lines // 3)},{rng.choice(['new', 'paid', 'sent'])},"
                   f"{rng.randrange(5)},note {n}\n" for n in range(lines))
    (root / "orders.csv").write_text("id,status,updated,note\n" + body)


def test_merge_in_several_batches_gives_the_rows_of_one(tmp_path: Path, warehouse,
                                                         batches: list[int]) -> None:
    adapter, schema = warehouse
    orders_csv(tmp_path, 60)
    spec = {"primary_key": ["id"], "cursor": "updated"}
    result = load(adapter, job(tmp_path, schema, "merge", "orders.csv", **spec), reading)
    assert result.rows == 60 and len(batches) == 9 and max(batches) == 7
    streamed = rows(adapter, schema, "orders", "id")
    lines = [line.split(",") for line in (tmp_path / "orders.csv").read_text().splitlines()[1:]]
    winners: dict[int, list[str]] = {}
    for line in lines:  # the highest cursor wins, then the last row
        if int(line[0]) not in winners or int(line[2]) >= int(winners[int(line[0])][2]):
            winners[int(line[0])] = line
    assert streamed == [(k, s, int(u), n) for k, (_, s, u, n) in sorted(winners.items())]


def test_replace_with_child_tables_in_several_batches(tmp_path: Path, warehouse,
                                                       batches: list[int]) -> None:
    """NDJSON under replace (read into the reader's DuckDB, not the warehouse's): parent
    and child rows streamed, a declared type's misfit a reject, its children left out."""
    adapter, schema = warehouse
    lines = [{"id": n, "qty": "x" if n == 11 else n, "items": [{"sku": f"s{n}-{i}"}
                                                                for i in range(n % 3)]}
             for n in range(40)]
    (tmp_path / "orders.ndjson").write_text("".join(json.dumps(line) + "\n" for line in lines))
    result = load(adapter, job(tmp_path, schema, "replace", "orders.ndjson",
                               primary_key=["id"], columns={"qty": "integer"}), reading)
    assert (result.rows, result.rejects, result.children) == (39, 1, {"orders__items": 37})
    assert len(batches) == 6 + 6  # 39 parent rows and 37 child rows, 7 a batch
    assert rows(adapter, schema, "orders", "id") == [(n, n) for n in range(40) if n != 11]
    assert rows(adapter, schema, "orders__items", "id, _index") == [
        (n, i + 1, f"s{n}-{i}") for n in range(40) if n != 11 for i in range(n % 3)]


def test_several_files_under_append_stream_as_one_batch(tmp_path: Path, warehouse,
                                                         batches: list[int]) -> None:
    """Files of one layout read in one scan, split by file, each file's rows streamed, all
    of them committed in one transaction with a ledger row a file."""
    adapter, schema = warehouse
    (tmp_path / "landing").mkdir()
    for f in range(3):
        (tmp_path / "landing" / f"{f}.csv").write_text(
            "id,amount\n" + "".join(f"{f * 10 + i},{i}\n" for i in range(10)))
    config = {"on_bad_row": "skip"}  # not straight from DuckDB's reader: through the stream
    result = load(adapter, job(tmp_path, schema, "append", "landing/*.csv", **config), reading)
    assert (result.rows, result.batches, len(batches)) == (30, 3, 6)
    assert rows(adapter, schema, "orders", "id") == [(n, n % 10) for n in range(30)]
    assert adapter.fetch(f'select count(*) from "{schema}"._datanet_ingest_ledger')[1] == [(3,)]


class _SmallBatches:
    """The reading module, a database table read 7 rows at a time."""

    def __getattr__(self, name: str) -> Any:
        return getattr(reading, name)

    @staticmethod
    def read_table(*args: Any, **kwargs: Any) -> Iterator[Any]:
        return reading.read_table(*args, batch_rows=7, **kwargs)


def test_database_table_replaced_a_batch_at_a_time(tmp_path: Path, warehouse) -> None:
    """Each batch of the source table committed with the others (the first replacing the
    table), a ledger row each; a second replace leaves only its own rows and ledger rows."""
    import sqlite3

    adapter, schema = warehouse
    source = str(tmp_path / "app.sqlite")
    with sqlite3.connect(source) as con:
        con.execute("create table orders (id integer primary key, amount real)")
        con.executemany("insert into orders values (?, ?)", [(n, n / 2) for n in range(30)])
    spec = {"dsn": source, "format": "sqlite", "source_table": "orders"}
    result = load(adapter, job(tmp_path, schema, "replace", None, **spec), _SmallBatches())
    assert (result.rows, result.batches) == (30, 1)
    assert rows(adapter, schema, "orders", "id") == [(n, n / 2) for n in range(30)]
    ledger = f'select rows from "{schema}"._datanet_ingest_ledger order by rows desc'
    assert adapter.fetch(ledger)[1] == [(7,), (7,), (7,), (7,), (2,)]
    with sqlite3.connect(source) as con:
        con.execute("delete from orders where id >= 10")
    load(adapter, job(tmp_path, schema, "replace", None, **spec), _SmallBatches())
    assert rows(adapter, schema, "orders", "id") == [(n, n / 2) for n in range(10)]
    assert adapter.fetch(ledger)[1] == [(7,), (3,)]


LOADER = """\
import sys
sys.path[:0] = [{root!r}]
from pathlib import Path
from datanet_sql.adapters.base import Relation
from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import LoadJob, load
from datanet_sql.ingest.readers import stream
stream.BATCH_ROWS = 1000
adapter = DuckDBAdapter({{"path": sys.argv[1]}})
config = {{"mode": "merge", "primary_key": ["id"], "cursor": "updated", "path": "orders.csv",
          "dsn": None, "format": None, "source_table": None, "options": {{}},
          "on_bad_row": "reject", "columns": {{}}}}
load(adapter, LoadJob("shop", "orders", Relation("orders", "shop"), "main", Path(sys.argv[2]),
                      config), reading)
adapter.close()
"""


def test_kill_9_mid_stream_then_rerun_loads_exactly_once(tmp_path: Path) -> None:
    orders_csv(tmp_path, 90_000)
    script = tmp_path / "load.py"
    script.write_text(LOADER.format(root=str(ROOT)))
    run = [sys.executable, str(script)]
    clean = tmp_path / "clean.duckdb"
    started = time.monotonic()
    subprocess.run([*run, str(clean), str(tmp_path)], check=True, timeout=120)
    duration = time.monotonic() - started
    expected = _tables(clean)
    assert expected[0][:2] == (30_000, 1)
    killed = tmp_path / "killed.duckdb"
    for moment in (0.5, 0.8):  # the load's 90 batches span most of its run
        process = subprocess.Popen([*run, str(killed), str(tmp_path)])
        time.sleep(moment * duration)
        process.send_signal(signal.SIGKILL)
        process.wait()
        if killed.exists():  # all of the file's rows with its ledger row, or none of them
            assert _tables(killed)[0][:2] in ((0, 0), (30_000, 1))
    subprocess.run([*run, str(killed), str(tmp_path)], check=True, timeout=120)
    assert _tables(killed) == expected


def _tables(db: Path) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        has = con.execute("select count(*) from information_schema.tables where "
                          "table_name = 'orders'").fetchone()[0]
        ledger = con.execute("select count(*) from information_schema.tables where "
                             "table_name = '_datanet_ingest_ledger'").fetchone()[0]
        orders = con.execute("select count(*), sum(hash(id, status, updated, note)) "
                             "from shop.orders").fetchone() if has else (0, None)
        files = con.execute("select count(*) from main._datanet_ingest_ledger").fetchone()[0] \
            if ledger else 0
    return [(orders[0], files, orders[1])]
