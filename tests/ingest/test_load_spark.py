"""Loading into Spark (local mode): every mode, each file once, the ledger a table beside it.
Spark has no transactions: the ledger row is written after the rows, and a file's rows are
replaced (the table rebuilt without them) before they are written, so a rerun after a kill
anywhere loads the file again without duplicating it (see README, Ingestion / Targets).
The Spark session is the one of tests/ingest/conftest.py."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from datanet_sql.adapters.base import Relation
from datanet_sql.errors import SchemaChangeError
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import LoadJob, load


def job(tmp_path: Path, mode: str, table: str = "sales", **extra: object) -> LoadJob:
    config = {"mode": mode, "primary_key": [], "cursor": None, "path": "landing/*.csv",
              "dsn": None, "format": None, "source_table": None, "options": {},
              "on_bad_row": "reject", "columns": {"amount": "integer"}, **extra}
    return LoadJob("shop", table, Relation(table, "dn_load_shop"), "dn_load", tmp_path, config)


def test_append_on_spark_loads_each_file_once(tmp_path: Path, spark) -> None:
    (tmp_path / "landing").mkdir()
    (tmp_path / "landing" / "a.csv").write_text("id,amount\n1,10\n2,oops\n")
    first = load(spark, job(tmp_path, "append"), reading)
    assert (first.rows, first.rejects) == (1, 1)
    (tmp_path / "landing" / "b.csv").write_text("id,amount\n3,30\n")
    assert load(spark, job(tmp_path, "append"), reading).batches == 1
    assert load(spark, job(tmp_path, "append"), reading).skipped == 2
    assert spark.fetch("select id, amount from dn_load_shop.sales order by id")[1] == \
        [(1, 10), (3, 30)]
    assert spark.fetch("select count(*) from dn_load._datanet_ingest_ledger "
                       "where table_name = 'sales'")[1] == [(2,)]
    assert spark.fetch("select record_no from dn_load_shop._rejects "
                       "where table_name = 'sales'")[1] == [("2",)]   # one per schema
    (tmp_path / "landing" / "c.csv").write_text("id,amount\n4.5,40\n")  # id: BIGINT -> DOUBLE
    with pytest.raises(SchemaChangeError, match="id would widen BIGINT -> DOUBLE, which a spark "
                                                "table cannot do in place") as refused:
        load(spark, job(tmp_path, "append"), reading)
    assert "datanet ingest --full-refresh --select source:shop.sales" in refused.value.render()


def test_incremental_files_on_spark_replaces_a_redelivered_file(tmp_path: Path, spark) -> None:
    (tmp_path / "landing").mkdir()
    (tmp_path / "landing" / "a.csv").write_text("id,amount\n1,10\n2,20\n")
    (tmp_path / "landing" / "b.csv").write_text("id,amount\n3,30\n")
    spec = job(tmp_path, "incremental_files", "files")
    assert load(spark, spec, reading).rows == 3
    (tmp_path / "landing" / "a.csv").write_text("id,amount,note\n1,11,fixed\n")
    assert (load(spark, spec, reading).batches, load(spark, spec, reading).batches) == (1, 0)
    assert spark.fetch("select id, amount, note from dn_load_shop.files order by id")[1] == \
        [(1, 11, "fixed"), (3, 30, None)]
    assert spark.fetch("select count(*) from dn_load._datanet_ingest_ledger "
                       "where table_name = 'files'")[1] == [(2,)]


def test_merge_and_replace_on_spark(tmp_path: Path, spark) -> None:
    (tmp_path / "landing").mkdir()
    (tmp_path / "landing" / "a.csv").write_text("id,amount,updated\n1,10,1\n2,20,1\n1,15,2\n")
    merge = job(tmp_path, "merge", "merged", primary_key=["id"], cursor="updated")
    load(spark, merge, reading)
    (tmp_path / "landing" / "b.csv").write_text(
        "id,amount,updated\n2,25,2\n1,99,1\n,40,1\n3,30,1\n")  # record 3 has no key
    assert load(spark, merge, reading).rejects == 1
    assert spark.fetch("select id, amount from dn_load_shop.merged order by id")[1] == \
        [(1, 15), (2, 25), (3, 30)]
    assert spark.fetch("select record_no from dn_load_shop._rejects "
                       "where table_name = 'merged'")[1] == [("3",)]
    replace = job(tmp_path, "replace", "replaced")
    load(spark, replace, reading)
    (tmp_path / "landing" / "b.csv").unlink()
    assert load(spark, replace, reading).batches == 1
    assert load(spark, replace, reading).skipped == 1
    assert spark.fetch("select id, amount from dn_load_shop.replaced order by id, updated")[1] \
        == [(1, 10), (1, 15), (2, 20)]


def test_a_streamed_batch_reaches_spark_through_parquet_a_record_batch_at_a_time(
        tmp_path: Path, spark, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file of 3 record batches (of 7 rows) is written batch by batch to a Parquet file
    that Spark reads, never taken whole by createDataFrame, with the types createDataFrame
    gives (a timestamp in the session's time, an empty column as text); the folder goes."""
    import tempfile

    from datanet_sql.adapters import spark_staging
    from datanet_sql.ingest.readers import stream

    written: list[int] = []
    write = spark_staging.write

    def counted(rows, path, time_zone):
        import pyarrow as pa

        def each():
            for batch in rows:
                written.append(batch.num_rows)
                yield batch
        write(pa.RecordBatchReader.from_batches(rows.schema, each()), path, time_zone)
    monkeypatch.setattr(stream, "BATCH_ROWS", 7)
    monkeypatch.setattr(spark_staging, "write", counted)
    monkeypatch.setattr(spark.session, "createDataFrame", None)  # any call fails
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "landing").mkdir()
    (tmp_path / "landing" / "a.csv").write_text("id,amount,at,empty\n" + "".join(
        f"{n % 10},{n},2024-01-0{1 + n % 9} 09:30:00,\n" for n in range(20)))
    merge = job(tmp_path, "merge", "streamed", primary_key=["id"], columns={})
    assert load(spark, merge, reading).rows == 20
    assert written == [7, 7, 6]
    assert list(tmp_path.joinpath("tmp").iterdir()) == []
    assert [(c.name, c.type) for c in spark.list_columns(Relation("streamed", "dn_load_shop"))] \
        == [("id", "bigint"), ("amount", "bigint"), ("at", "timestamp"), ("empty", "string")]
    assert spark.fetch("select id, amount, cast(at as string), empty from dn_load_shop.streamed "
                       "order by id")[1][:2] == [(0, 10, "2024-01-02 09:30:00", None),
                                                 (1, 11, "2024-01-03 09:30:00", None)]


def _state(spark, table: str) -> tuple[list[tuple], list[tuple]]:
    """A table's rows and its ledger rows (load times left out)."""
    return (sorted(tuple(r) for r in spark.fetch(
                f"select id, amount, updated from dn_load_shop.{table}")[1]),
            sorted(tuple(r) for r in spark.fetch(
                f"select file, sha256, rows from dn_load._datanet_ingest_ledger "
                f"where table_name = '{table}'")[1]))


@pytest.mark.parametrize("mode", ["incremental_files", "merge"])
def test_a_crash_before_the_ledger_row_then_a_rerun_gives_the_tables_of_one_run(
        tmp_path: Path, spark, monkeypatch: pytest.MonkeyPatch, mode: str) -> None:
    """Spark has no transactions: a kill after a batch's rows are written and before its
    ledger row leaves rows the ledger does not know. The rerun loads that batch again and
    replaces them, as README (Targets) promises for every mode but append (replace is one
    CREATE TABLE AS). The kill is an exception where the ledger row would be written; the
    engine and the files are real."""
    from datanet_sql.ingest import batch_commit

    (tmp_path / "landing").mkdir()
    (tmp_path / "landing" / "a.csv").write_text("id,amount,updated\n1,10,1\n2,20,1\n")
    suffix = uuid.uuid4().hex[:6]
    spec = {"primary_key": ["id"], "cursor": "updated"} if mode == "merge" else {}
    clean, crashed = (job(tmp_path, mode, f"{name}_{suffix}", **spec)
                      for name in ("clean", "crashed"))
    load(spark, clean, reading)
    load(spark, crashed, reading)
    (tmp_path / "landing" / "b.csv").write_text("id,amount,updated\n2,25,2\n3,30,1\n")
    load(spark, clean, reading)
    write_ledger = batch_commit._write_ledger

    def killed(*args: object) -> None:
        raise KeyboardInterrupt  # what a kill leaves: nothing after this point runs

    monkeypatch.setattr(batch_commit, "_write_ledger", killed)
    with pytest.raises(KeyboardInterrupt):
        load(spark, crashed, reading)
    monkeypatch.setattr(batch_commit, "_write_ledger", write_ledger)
    rows, ledger = _state(spark, crashed.table)
    assert (len(rows), len(ledger)) == (len(_state(spark, clean.table)[0]), 1)  # b's rows, no
    assert load(spark, crashed, reading).batches == 1                            # ledger row
    assert load(spark, crashed, reading).batches == 0
    assert _state(spark, crashed.table) == _state(spark, clean.table)
    assert _state(spark, clean.table)[0] == (
        [(1, 10, 1), (2, 25, 2), (3, 30, 1)] if mode == "merge"
        else [(1, 10, 1), (2, 20, 1), (2, 25, 2), (3, 30, 1)])


def test_arrays_become_child_tables_that_follow_their_file_on_spark(tmp_path: Path,
                                                                    spark) -> None:
    (tmp_path / "landing").mkdir()

    def deliver(name: str, orders: dict[int, list[str]]) -> None:
        (tmp_path / "landing" / name).write_text("".join(json.dumps(
            {"id": n, "items": [{"sku": s} for s in skus]}) + "\n" for n, skus in orders.items()))
    deliver("a.ndjson", {1: ["A", "B"], 2: ["C"]})
    deliver("b.ndjson", {3: ["D"]})
    orders = f"orders_{uuid.uuid4().hex[:6]}"
    spec = job(tmp_path, "incremental_files", orders, path="landing/*.ndjson", columns={},
               primary_key=["id"])
    assert load(spark, spec, reading).children == {f"{orders}__items": 4}
    items = f"select id, _index, sku from dn_load_shop.{orders}__items order by 1, 2"
    assert spark.fetch(items)[1] == [(1, 1, "A"), (1, 2, "B"), (2, 1, "C"), (3, 1, "D")]
    deliver("a.ndjson", {1: ["Z"]})  # corrected: order 2 gone, order 1 has one item
    assert load(spark, spec, reading).batches == 1
    assert spark.fetch(f"select id from dn_load_shop.{orders} order by 1")[1] == [(1,), (3,)]
    assert spark.fetch(items)[1] == [(1, 1, "Z"), (3, 1, "D")]
    assert load(spark, spec, reading).batches == 0


def test_a_delivery_read_as_the_tables_type_keeps_it_on_spark(tmp_path: Path, spark) -> None:
    """Spark cannot widen in place (it refused such a delivery) nor takes text into a
    number: a column empty in every row of a delivery goes in as NULLs cast to the table's
    type, integers grouped with commas as the table's integers, which Spark's `replace`
    and cast spell (test_load_engines.py). Both in one delivery: one load (a table on Spark
    costs seconds), each column cast on its own."""
    table = f"t_{uuid.uuid4().hex[:8]}"
    (tmp_path / "landing").mkdir()
    (tmp_path / "landing" / "a.csv").write_text("id,rate,count\n1,-1.3852,987\n")
    load(spark, job(tmp_path, "incremental_files", table), reading)
    (tmp_path / "landing" / "b.csv").write_text('id,rate,count\n2,,"3,820"\n3,,12\n')
    result = load(spark, job(tmp_path, "incremental_files", table), reading)
    assert (result.notes, result.warnings) == ([
        "kept rate DOUBLE (the batch's values are all empty)",
        ("read count as BIGINT, the table's type: the batch writes its integers grouped with "
         "commas ('3,820' is 3820), which is all they can mean in an integer column")], [])
    assert spark.fetch(f"select id, rate, count from dn_load_shop.{table} order by id")[1] == [
        (1, -1.3852, 987), (2, None, 3820), (3, None, 12)]


def test_postgres_intervals_on_spark_durations_kept_months_refused(tmp_path: Path,
                                                                   spark) -> None:
    """Spark holds no interval of months beside days: a Postgres source's intervals of days
    and time load as durations, a column holding months is refused naming it and the way
    out, no table is made, and the source's connection is let go (its schema drops)."""
    import psycopg
    from ingest_helpers import PG_DSN, pg_source_schema

    from datanet_sql.errors import IngestError

    with pg_source_schema("dn_spark_iv") as (con, schema):
        con.execute(f'create table "{schema}".calls (id int primary key, took interval)')
        con.execute(f"insert into \"{schema}\".calls values (1, '1 day 02:00:00'), "
                    "(2, '00:01:30'), (3, null)")
        table = f"iv_{uuid.uuid4().hex[:8]}"
        calls = job(tmp_path, "replace", table, path=None, dsn=PG_DSN, format="postgres",
                    source_table=f"{schema}.calls")
        load(spark, calls, reading)
        rows = spark.fetch(f"select id, cast(took as string) from dn_load_shop.{table} order by id")[1]
        assert rows == [(1, "INTERVAL '1 02:00:00' DAY TO SECOND"),
                        (2, "INTERVAL '0 00:01:30' DAY TO SECOND"), (3, None)]
        con.execute(f"insert into \"{schema}\".calls values (4, '6 years')")
        months = f"iv_{uuid.uuid4().hex[:8]}"
        with pytest.raises(IngestError) as refused:
            load(spark, job(tmp_path, "replace", months, path=None, dsn=PG_DSN,
                            format="postgres", source_table=f"{schema}.calls"), reading)
        assert "took" in str(refused.value)
        assert spark.list_columns(Relation(months, "dn_load_shop")) is None
        with psycopg.connect(PG_DSN, autocommit=True) as other:
            other.execute("set lock_timeout = '5s'")
            other.execute(f'alter table "{schema}".calls add column note text')
