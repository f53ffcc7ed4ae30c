"""Loading into Postgres: the batch arrives by COPY into a temporary table inside the same
transaction as the merge/insert and the ledger row."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from ingest_helpers import pg_warehouse

from datanet_sql.adapters.base import Relation
from datanet_sql.adapters.postgres import PostgresAdapter
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import LoadJob, load


@pytest.fixture
def pg() -> Iterator[tuple[PostgresAdapter, str]]:
    with pg_warehouse("dn_load") as warehouse:
        yield warehouse


def job(tmp_path: Path, schema: str, mode: str, **extra: object) -> LoadJob:
    config = {"mode": mode, "primary_key": [], "cursor": None, "path": "landing/*.csv",
              "dsn": None, "format": None, "source_table": None, "options": {},
              "on_bad_row": "reject", "columns": {}, **extra}
    return LoadJob("shop", "sales", Relation("sales", f"{schema}_shop"), schema, tmp_path, config)


def write(tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / "landing").mkdir(exist_ok=True)
    (tmp_path / "landing" / name).write_text(text)


def test_incremental_files_on_postgres(tmp_path: Path, pg,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    adapter, schema = pg
    copied: list[int] = []
    copy_rows = adapter.copy_rows
    monkeypatch.setattr(adapter, "copy_rows", lambda *args: copied.append(copy_rows(*args))
                        or copied[-1])
    write(tmp_path, "a.csv", "id,amount\n1,10\n2,20\n")
    write(tmp_path, "b.csv", "id,amount\n3,30\n")
    assert load(adapter, job(tmp_path, schema, "incremental_files"), reading).rows == 3
    assert sum(copied) == 3  # the rows arrived by COPY FROM STDIN
    write(tmp_path, "a.csv", "id,amount,note\n1,11,fixed\n")  # corrected, with a new column
    result = load(adapter, job(tmp_path, schema, "incremental_files"), reading)
    assert (result.batches, result.skipped) == (1, 1)
    assert adapter.fetch(f'select id, amount, note from "{schema}_shop".sales order by id')[1] \
        == [(1, 11, "fixed"), (3, 30, None)]
    assert adapter.fetch(f'select count(*) from "{schema}"._datanet_ingest_ledger')[1] == [(2,)]


def test_merge_with_cursor_on_postgres(tmp_path: Path, pg) -> None:
    adapter, schema = pg
    spec = {"primary_key": ["id"], "cursor": "updated"}
    write(tmp_path, "a.csv", "id,status,updated\n1,new,1\n2,new,1\n1,paid,2\n")
    load(adapter, job(tmp_path, schema, "merge", **spec), reading)
    write(tmp_path, "b.csv", "id,status,updated\n1,new,1\n2,shipped,1\n3,new,3\n")
    load(adapter, job(tmp_path, schema, "merge", **spec), reading)
    load(adapter, job(tmp_path, schema, "merge", **spec), reading)
    assert adapter.fetch(f'select * from "{schema}_shop".sales order by id')[1] == \
        [(1, "paid", 2), (2, "shipped", 1), (3, "new", 3)]


def test_merge_rejects_a_null_key_on_postgres(tmp_path: Path, pg) -> None:
    """Rows without a key go to `_rejects` with their record numbers; the others merge."""
    adapter, schema = pg
    write(tmp_path, "a.csv", "id,status\n1,new\n2,new\n")
    load(adapter, job(tmp_path, schema, "merge", primary_key=["id"]), reading)
    write(tmp_path, "b.csv", "id,status\n1,paid\n,lost\n,lost too\n")
    result = load(adapter, job(tmp_path, schema, "merge", primary_key=["id"]), reading)
    assert result.rejects == 2
    assert adapter.fetch(f'select * from "{schema}_shop".sales order by id')[1] == \
        [(1, "paid"), (2, "new")]
    assert adapter.fetch(f'select record_no, raw from "{schema}_shop"._rejects '
                         f'order by record_no')[1] == [
        ("2", '{"id": null, "status": "lost"}'), ("3", '{"id": null, "status": "lost too"}')]
    assert adapter.fetch(f'select count(*) from "{schema}"._datanet_ingest_ledger')[1] == [(2,)]
