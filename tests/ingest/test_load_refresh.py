"""`datanet ingest --full-refresh`: a `load:` table loaded again from scratch into a shadow
and swapped in with its child tables, ledger rows and rejects, on DuckDB and Postgres (and
run on Spark). A failed or killed refresh leaves everything as it was; after one, a plain
load finds nothing new."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from ingest_helpers import PG_DSN, ROOT, Place, invoke, load_config, local_or_pg_place, query

from datanet_sql.adapters.base import Relation
from datanet_sql.adapters.registry import adapter_for
from datanet_sql.errors import ConfigError, IngestError
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load
from datanet_sql.ingest.refresh import SHADOW, refresh


def land(root: Path, name: str, text: str, folder: str = "landing") -> Path:
    path = root / folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def everything(place: Place) -> tuple[Any, ...]:
    """The shop schema's tables with their rows, the ledger and the rejects (load times left
    out), each sorted: what a failed refresh must leave as it found it."""
    names = sorted(
        name
        for (name,) in place.fetch(
            f"select table_name from information_schema.tables where table_schema = "
            f"'{place.schema}' and table_name not in ('_rejects')"
        )
    )
    return (
        {
            name: sorted(place.fetch(f'select * from "{place.schema}"."{name}"'), key=repr)
            for name in names
        },
        sorted(
            place.fetch(
                f"select table_name, file, size, sha256, rows, cursor_value, "
                f"reason from {place.ledger_schema}._datanet_ingest_ledger"
            ),
            key=repr,
        ),
        sorted(
            place.fetch(
                f"select table_name, file, record_no, reason, raw from {place.schema}._rejects"
            ),
            key=repr,
        ),
    )


def types(place: Place, table: str) -> dict[str, str]:
    return {
        c.name: c.type.lower()
        for c in place.adapter.list_columns(Relation(table, place.schema)) or []
    }


def test_a_changed_declared_type_retypes_the_table_and_a_second_refresh_changes_nothing(
    tmp_path: Path, place: Place
) -> None:
    land(tmp_path, "a.csv", "id,amount\n1,10\n2,20\n")
    load(place.adapter, place.job(tmp_path, "sales", "append"), reading)
    land(tmp_path, "b.csv", "id,amount\n3,n/a\n")  # widens amount to text, with the way back
    second = load(place.adapter, place.job(tmp_path, "sales", "append"), reading)
    assert "--full-refresh --select source:shop.sales`" in second.warnings[0]
    assert types(place, "sales")["amount"] in ("varchar", "text")
    declared = place.job(tmp_path, "sales", "append", columns={"amount": "integer"})
    result = refresh(place.adapter, declared, reading)
    assert (result.batches, result.rows, result.rejects) == (2, 2, 1)
    assert types(place, "sales")["amount"] == "integer"
    assert place.rows("sales", "id, amount") == [(1, 10), (2, 20)]
    refreshed = everything(place)
    assert list(refreshed[0]) == ["sales"]  # no shadow left
    assert [(t, Path(f).name, n) for t, f, _, _, n, _, _ in refreshed[1]] == [
        ("sales", "a.csv", 2),
        ("sales", "b.csv", 0),
    ]
    assert [(t, Path(f).name, reason) for t, f, _, reason, _ in refreshed[2]] == [
        ("sales", "b.csv", "amount: 'n/a' is not an integer")
    ]
    assert load(place.adapter, declared, reading).batches == 0
    assert everything(place) == refreshed
    assert refresh(place.adapter, declared, reading).batches == 2
    assert everything(place) == refreshed


def test_child_tables_are_those_of_the_fresh_load(tmp_path: Path, place: Place) -> None:
    """The child tables are swapped in with the table; one the files no longer give (its
    file is gone) is dropped with its ledger rows."""
    job = place.job(
        tmp_path, "orders", "incremental_files", path="landing/*.ndjson", primary_key=["id"]
    )
    land(tmp_path, "a.ndjson", json.dumps({"id": 1, "items": [{"sku": "A"}, {"sku": "B"}]}) + "\n")
    land(tmp_path, "b.ndjson", json.dumps({"id": 2, "tags": ["x"]}) + "\n")
    load(place.adapter, job, reading)
    assert set(everything(place)[0]) == {"orders", "orders__items", "orders__tags"}
    (tmp_path / "landing" / "b.ndjson").unlink()
    result = refresh(place.adapter, job, reading)
    assert result.children == {"orders__items": 2}
    tables, ledger, _ = everything(place)
    assert set(tables) == {"orders", "orders__items"}
    assert place.rows("orders__items", "id, sku") == [(1, "A"), (1, "B")]
    assert [(t, Path(f).name) for t, f, *_ in ledger] == [
        ("orders", "a.ndjson"),
        ("orders__items", "a.ndjson"),
    ]
    assert load(place.adapter, job, reading).batches == 0


def test_a_merge_from_sqlite_with_a_cursor_reads_every_row_again(
    tmp_path: Path, place: Place
) -> None:
    """A row changed without its cursor moving is never read by a plain load; a refresh
    reads the whole table, and the ledger's cursor is the highest again."""
    source_db = tmp_path / "app.sqlite"
    with sqlite3.connect(source_db) as con:
        con.execute("create table orders (id integer, status text, updated integer)")
        con.execute("insert into orders values (1, 'a', 10), (2, 'b', 30)")
    job = place.job(
        tmp_path,
        "orders",
        "merge",
        path=None,
        dsn=str(source_db),
        format="sqlite",
        source_table="orders",
        primary_key=["id"],
        cursor="updated",
    )
    load(place.adapter, job, reading)
    with sqlite3.connect(source_db) as con:
        con.execute("update orders set status = 'fixed' where id = 1")
    assert load(place.adapter, job, reading).batches == 0
    assert place.rows("orders", "id, status") == [(1, "a"), (2, "b")]
    refresh(place.adapter, job, reading)
    assert place.rows("orders", "id, status") == [(1, "fixed"), (2, "b")]
    assert [(t, cursor) for t, _, _, _, _, cursor, _ in everything(place)[1]] == [("orders", "30")]
    assert load(place.adapter, job, reading).batches == 0


def test_a_refresh_that_fails_midway_leaves_everything_as_before(
    tmp_path: Path, place: Place
) -> None:
    """Under `on_bad_row: fail` the reload stops at the bad file, after the files before it
    were committed into the shadow: the shadow goes, the table and its ledger rows and
    rejects stay; once the file is fixed, the refresh succeeds."""
    job = place.job(tmp_path, "sales", "append", on_bad_row="fail")
    land(tmp_path, "a.csv", "id,amount\n1,10\n")
    land(tmp_path, "b.csv", "id,amount\n2,20\n")
    load(place.adapter, job, reading)
    before = everything(place)
    land(tmp_path, "c.csv", 'id,amount\n3,30\n4,"x""\n')  # an unclosed quote
    declared = place.job(
        tmp_path, "sales", "append", on_bad_row="fail", columns={"amount": "integer"}
    )
    with pytest.raises(IngestError, match="c.csv") as failed:
        refresh(place.adapter, declared, reading)
    assert SHADOW not in failed.value.render()
    assert everything(place) == before
    land(tmp_path, "c.csv", "id,amount\n3,30\n4,40\n")
    assert refresh(place.adapter, declared, reading).batches == 3
    assert place.rows("sales", "id, amount") == [(1, 10), (2, 20), (3, 30), (4, 40)]
    assert types(place, "sales")["amount"] == "integer"


def test_a_refresh_of_a_table_never_loaded_is_its_first_load(tmp_path: Path, place: Place) -> None:
    job = place.job(tmp_path, "sales", "append")
    land(tmp_path, "a.csv", "id,amount\n1,10\n")
    assert refresh(place.adapter, job, reading).batches == 1
    assert place.rows("sales", "id, amount") == [(1, 10)]
    assert load(place.adapter, job, reading).batches == 0


def test_a_refresh_that_reads_nothing_keeps_the_table(tmp_path: Path, place: Place) -> None:
    job = place.job(tmp_path, "sales", "append")
    land(tmp_path, "a.csv", "id,amount\n1,10\n")
    load(place.adapter, job, reading)
    before = everything(place)
    (tmp_path / "landing" / "a.csv").unlink()
    with pytest.raises(IngestError, match="read no rows .* the table is kept as it was"):
        refresh(place.adapter, job, reading)
    assert everything(place) == before


KILLED = """\
import json, sys, time
sys.path[:0] = [{root!r}]
from pathlib import Path
from datanet_sql.adapters.base import Relation
from datanet_sql.adapters.registry import adapter_for
from datanet_sql.ingest import reading, refresh
from datanet_sql.ingest.loader import LoadJob
target, config = json.loads(sys.argv[1]), json.loads(sys.argv[2])
def paused(*args):  # the shadow is loaded and committed: the kill comes before the swap
    print("reloaded", flush=True)
    time.sleep(600)
refresh.swap = paused
refresh.refresh(adapter_for("dev", target), LoadJob("shop", "sales", Relation(
    "sales", target["shop"]), target["schema"], Path(sys.argv[3]), config), reading)
"""


@pytest.fixture(params=["duckdb", "postgres"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[dict[str, str]]:
    """A warehouse a test opens and closes around another process (DuckDB's file admits
    one process at a time)."""
    if request.param == "duckdb":
        yield {
            "type": "duckdb",
            "path": str(tmp_path / "dw.duckdb"),
            "schema": "main",
            "shop": "shop",
        }
        return
    schema = f"refresh_{uuid.uuid4().hex[:10]}"
    yield {"type": "postgres", "dsn": PG_DSN, "schema": schema, "shop": f"{schema}_shop"}
    with opened({"type": "postgres", "dsn": PG_DSN, "schema": schema}) as place:
        for name in (schema, f"{schema}_shop"):
            place.adapter.execute(f'drop schema if exists "{name}" cascade')


def opened(target: dict[str, str]) -> Any:
    from contextlib import contextmanager

    @contextmanager
    def session() -> Iterator[Place]:
        adapter = adapter_for("dev", target)
        try:
            yield Place(adapter, target["schema"], target.get("shop", ""))
        finally:
            adapter.close()

    return session()


def test_a_refresh_killed_before_its_swap_changes_nothing_and_the_next_one_succeeds(
    tmp_path: Path, target: dict[str, str]
) -> None:
    """SIGKILL once the reload is committed (the last moment before the swap): the table,
    ledger and rejects are as before (on Postgres the old table is read while the reload
    waits); the next refresh drops the leftover shadow and swaps its own load in."""
    land(tmp_path, "a.csv", "id,amount\n1,10\n2,x\n")
    land(tmp_path, "b.csv", "id,amount\n3,30\n")
    config = load_config("incremental_files", "landing/*.csv")
    with opened(target) as place:
        job = place.job(tmp_path, "sales", "incremental_files")
        load(place.adapter, job, reading)
        before = everything(place)
    script = tmp_path / "killed.py"
    script.write_text(KILLED.format(root=str(ROOT)))
    declared = {**config, "columns": {"amount": "integer"}}
    process = subprocess.Popen(
        [sys.executable, str(script), json.dumps(target), json.dumps(declared), str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout.readline() == "reloaded\n", process.stderr.read()
        if target["type"] == "postgres":  # the old table stays queryable during the reload
            with opened(target) as place:
                assert everything(place)[0]["sales"] == before[0]["sales"]
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    with opened(target) as place:
        after = everything(place)
        assert f"{SHADOW}sales" in after[0]  # left by the kill
        del after[0][f"{SHADOW}sales"]
        assert [row for row in after[1] if row[0] == "sales"] == before[1]
        assert [row for row in after[2] if row[0] == "sales"] == before[2]
        assert after[0] == before[0]
        job = place.job(tmp_path, "sales", "incremental_files", columns={"amount": "integer"})
        refresh(place.adapter, job, reading)
        tables, ledger, rejects = everything(place)
        assert list(tables) == ["sales"]
        assert place.rows("sales", "id, amount") == [(1, 10), (3, 30)]
        assert {row[0] for row in ledger} == {row[0] for row in rejects} == {"sales"}
        assert load(place.adapter, job, reading).batches == 0


def test_views_reading_the_table_on_postgres_are_kept(tmp_path: Path) -> None:
    """Postgres refuses to drop a table a view reads: the swap recreates the view on the
    new table (as a model's table swap does)."""
    with local_or_pg_place("postgres", tmp_path, "refresh") as place:
        job = place.job(tmp_path, "sales", "append")
        land(tmp_path, "a.csv", "id,amount\n1,10\n")
        load(place.adapter, job, reading)
        place.adapter.execute(
            f'create view "{place.schema}".big as select id from '
            f'"{place.schema}".sales where amount > 5'
        )
        land(tmp_path, "b.csv", "id,amount\n2,20\n")
        refresh(place.adapter, job, reading)
        assert place.rows("big", "id") == [(1,), (2,)]


def test_a_name_too_long_for_the_shadow_on_postgres_is_refused_naming_it(tmp_path: Path) -> None:
    """Postgres cuts names at 63 bytes: the shadow's name would not be the one looked for."""
    with local_or_pg_place("postgres", tmp_path, "refresh") as place:
        name = "t" * 55
        with pytest.raises(ConfigError, match=f"source table shop.{name}: a full refresh loads"):
            refresh(place.adapter, place.job(tmp_path, name, "append"), reading)


def test_a_refresh_runs_on_spark(tmp_path: Path, spark) -> None:
    """Spark has no transactions: the swap's statements run one by one (README, Targets);
    an uninterrupted refresh gives the fresh load's table and ledger rows."""
    place = Place(spark, "dn_load", "dn_load_shop")
    name = f"refreshed_{uuid.uuid4().hex[:8]}"
    land(tmp_path, "a.csv", "id,amount\n1,10\n2,oops\n")
    load(spark, place.job(tmp_path, name, "append", columns={"amount": "integer"}), reading)
    job = place.job(tmp_path, name, "append", columns={"amount": "varchar"})
    assert refresh(spark, job, reading).rejects == 0
    assert place.rows(name, "id, amount") == [(1, "10"), (2, "oops")]
    assert spark.list_columns(Relation(f"{SHADOW}{name}", "dn_load_shop")) is None
    assert place.fetch(
        f"select table_name, rows from dn_load._datanet_ingest_ledger where "
        f"table_name like '%{name}'"
    ) == [(name, 2)]
    assert place.fetch(
        f"select count(*) from dn_load_shop._rejects where table_name like '%{name}'"
    ) == [(0,)]
    assert load(spark, job, reading).batches == 0


SOURCES = """\
sources:
  - name: shop
    tables:
      - name: sales
        path: landing/*.csv
        load: {mode: append}
"""


def project(root: Path) -> Path:
    (root / "models").mkdir()
    (root / "datanet.yml").write_text("name: shop\n")
    (root / "targets.yml").write_text("dev: {type: duckdb, path: dw.duckdb}\n")
    land(root, "shop.yml", SOURCES, "sources")
    land(root, "a.csv", "sale_id,amount\n1,10\n")
    (root / "models" / "total.sql").write_text(
        "select count(*) as n from {{ source('shop', 'sales') }}"
    )
    return root


def test_the_cli_refreshes_records_the_contract_and_only_ingest_reloads(tmp_path: Path) -> None:
    """`ingest --full-refresh` after a declaration: the table retyped, the contract recorded
    from it, and a plain `ingest` loads nothing; `run --full-refresh` rebuilds models but
    loads a `load:` table as usual (nothing new here), and `--follow` is refused."""
    root = project(tmp_path)
    assert invoke("ingest", "--project-dir", root).exit_code == 0
    land(root, "b.csv", "sale_id,amount\n2,n/a\n")
    widened = invoke("ingest", "--project-dir", root)
    assert widened.exit_code == 0, widened.output
    assert "datanet ingest --full-refresh --select source:shop.sales" in widened.stderr
    (root / "sources" / "shop.yml").write_text(SOURCES + "        columns: {amount: integer}\n")
    result = invoke(
        "ingest", "--project-dir", root, "--full-refresh", "--select", "source:shop.sales"
    )
    assert result.exit_code == 0, result.output
    assert "shop.sales\tshop.sales\t2\t1\t0\t1" in result.stdout
    assert query(root, "select sale_id, amount from shop.sales") == [(1, 10)]
    contract = yaml.safe_load((root / "profiles" / "shop.sales.yml").read_text())
    assert {c["name"]: c["type"] for c in contract["columns"]}["amount"].lower() == "integer"
    again = invoke("ingest", "--project-dir", root)
    assert "shop.sales\tshop.sales\t0\t0\t2\t0" in again.stdout
    loaded = query(root, "select * from main._datanet_ingest_ledger order by all")
    run = invoke("run", "--project-dir", root, "--full-refresh")
    assert run.exit_code == 0, run.output
    assert "ingested: 0 batch(es) loaded, 2 unchanged" in run.stdout
    assert query(root, "select * from main._datanet_ingest_ledger order by all") == loaded
    refused = invoke("ingest", "--project-dir", root, "--full-refresh", "--follow")
    assert refused.exit_code == 2
    assert (
        "--full-refresh reloads each table once and cannot be combined with --follow"
        in refused.output
    )
