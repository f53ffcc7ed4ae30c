"""Loading into Spark (local mode): `append`, each file once, the ledger a table beside it.
Spark has no transactions: the ledger row is written after the rows (see loader._transaction)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from datanet_sql.adapters.base import Relation
from datanet_sql.errors import ConfigError
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import LoadJob, load


@pytest.fixture(scope="module")
def spark(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    from datanet_sql.adapters.spark import SMALL_DATA_CONFIG, SparkAdapter

    adapter = SparkAdapter({**SMALL_DATA_CONFIG, "schema": "dn_load",
                            "warehouse_dir": str(tmp_path_factory.mktemp("spark-warehouse"))})
    yield adapter
    adapter.close()


def job(tmp_path: Path, mode: str) -> LoadJob:
    config = {"mode": mode, "primary_key": [], "cursor": None, "path": "landing/*.csv",
              "dsn": None, "format": None, "source_table": None, "options": {},
              "on_bad_row": "reject", "columns": {"amount": "integer"}}
    return LoadJob("shop", "sales", Relation("sales", "dn_load_shop"), "dn_load", tmp_path,
                   config)


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
    assert spark.fetch("select count(*) from dn_load._datanet_ingest_ledger")[1] == [(2,)]
    assert spark.fetch("select record_no from dn_load_shop._rejects")[1] == [("2",)]
    with pytest.raises(ConfigError, match="merge on Spark is not supported yet"):
        load(spark, job(tmp_path, "merge"), reading)
