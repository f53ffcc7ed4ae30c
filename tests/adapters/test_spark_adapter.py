"""Spark-only behaviour: Parquet tables in the warehouse directory, merge as a rebuild."""

from __future__ import annotations

from pathlib import Path

import pytest
from adapter_samples import rows
from sqlglot import parse_one

from datanet_sql.adapters.base import Relation
from datanet_sql.adapters.spark import SparkAdapter


@pytest.fixture
def spark(spark_adapter: SparkAdapter) -> SparkAdapter:
    return spark_adapter


def test_tables_are_parquet_in_the_warehouse_dir(spark: SparkAdapter) -> None:
    relation = Relation("files_t", "dn_test")
    spark.replace_table(relation, parse_one("SELECT 1 AS id"))
    folder = spark.warehouse_dir / "dn_test.db" / "files_t"
    assert list(folder.glob("*.parquet"))
    assert (Path(spark.warehouse_dir) / "metastore_db").is_dir()


def test_merge_rebuild_keeps_columns_missing_from_source(spark: SparkAdapter) -> None:
    relation = Relation("wide", "dn_test")
    spark.replace_table(relation, parse_one("SELECT 1 AS id, 'a' AS v, 10 AS extra"))
    statements = spark.merge_statements(relation, parse_one("SELECT 1 AS id, 'A' AS v UNION "
                                                            "ALL SELECT 2, 'b'"), ["id"],
                                        ["id", "v"])
    assert "MERGE" not in " ".join(spark.sql(s) for s in statements)
    spark.transaction(statements)
    assert rows(spark, relation) == [(1, "A", None), (2, "b", None)]
    assert [c.name for c in spark.list_columns(relation)] == ["id", "v", "extra"]


def test_csv_options_reach_spark_reader(spark: SparkAdapter, tmp_path: Path) -> None:
    path = tmp_path / "semi.csv"
    path.write_text("id;name\n1;NA\n2;Åsa\n", encoding="utf-8")
    relation = Relation("semi", "dn_test")
    spark.load_file(relation, str(path), options={"delimiter": ";", "null_values": "NA"})
    assert rows(spark, relation) == [(1, None), (2, "Åsa")]
