"""Spark-only behaviour: Parquet tables in the warehouse directory, merge as a rebuild."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from adapter_samples import rows
from sqlglot import parse_one

from datanet_sql.adapters.base import Relation
from datanet_sql.adapters.spark import SMALL_DATA_CONFIG, SparkAdapter
from datanet_sql.errors import WarehouseError, WarehouseUnavailableError


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


def test_unreachable_spark_connect_is_a_clear_error(tmp_path: Path) -> None:
    """In a fresh interpreter (a script file: PySpark exits under `python -c` when Connect's
    packages are missing), so the test session's local SparkSession is not involved."""
    code = (
        "from datanet_sql.adapters.spark import SparkAdapter\n"
        "from datanet_sql.errors import WarehouseUnavailableError\n"
        "try:\n"
        "    SparkAdapter({'remote': 'sc://127.0.0.1:1'}).fetch('SELECT 1')\n"
        "except WarehouseUnavailableError as err:\n"
        "    print(err)\n")
    script = tmp_path / "connect.py"
    script.write_text(code)
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=120)
    assert "cannot start a Spark session on sc://127.0.0.1:1" in done.stdout
    assert "Spark Connect" in done.stdout


def test_a_folder_the_catalog_does_not_know_is_named_not_deleted(spark: SparkAdapter) -> None:
    """Issue 12, item 5: a table folder left by a crash (or another metastore) blocks the
    build with a message naming the folder and what to do; no temporary table is left."""
    relation = Relation("leftover_t", "dn_test")
    folder = spark.warehouse_dir.resolve() / "dn_test.db" / "leftover_t"
    folder.mkdir(parents=True)
    (folder / "part-00000.parquet").write_text("left by a crashed run")
    with pytest.raises(WarehouseError) as info:
        spark.replace_table(relation, parse_one("SELECT 1 AS id"))
    assert f"the folder {folder} already exists" in str(info.value)
    assert info.value.hint and f"rm -r '{folder}'" in info.value.hint
    assert (folder / "part-00000.parquet").exists()  # never deleted by datanet
    assert not list(folder.parent.glob("leftover_t__dn_*"))  # the temp table was dropped
    shutil.rmtree(folder)
    spark.replace_table(relation, parse_one("SELECT 2 AS id"))  # what the hint says works
    assert rows(spark, relation) == [(2,)]


def test_a_failed_merge_rebuild_leaves_no_temporary_table(spark: SparkAdapter) -> None:
    """Issue 12, item 5: the rebuild's temporary table has a name of its own and is dropped
    when the rebuild fails; the old table is kept."""
    relation = Relation("merge_fail", "dn_test")
    spark.replace_table(relation, parse_one("SELECT 1 AS id, 'a' AS v"))
    statements = spark.merge_statements(
        relation, parse_one("SELECT CAST(raise_error('boom') AS INT) AS id, 'b' AS v"),
        ["id"], ["id", "v"])
    with pytest.raises(WarehouseError, match="boom"):
        spark.transaction(statements)
    assert rows(spark, relation) == [(1, "a")]
    names = [r[1] for r in spark.fetch("SHOW TABLES IN dn_test")[1]]
    assert not [n for n in names if n.startswith("merge_fail__dn_")]
    assert not list((spark.warehouse_dir.resolve() / "dn_test.db").glob("merge_fail__dn_*"))


def test_a_target_of_another_folder_does_not_take_over_the_running_session(
        spark: SparkAdapter, tmp_path: Path) -> None:
    """The process's session (the shared one of the tests) keeps its warehouse folder; a
    second target with another `warehouse_dir` is refused, naming both, instead of writing
    its tables into the first one's folder. One with the same folder shares the session,
    and closing it leaves the session running."""
    spark.fetch("SELECT 1")  # the shared session runs
    shared = spark.session
    other = tmp_path / "other-warehouse"
    second = SparkAdapter({**SMALL_DATA_CONFIG, "name": "second", "warehouse_dir": str(other)})
    with pytest.raises(WarehouseUnavailableError) as refused:
        second.fetch("SELECT 1")
    message = str(refused.value)
    assert f"Spark target 'second' has warehouse_dir {other.resolve()}" in message
    assert f"whose warehouse folder is {spark.warehouse_dir.resolve()}" in \
        message.replace("file:", "")
    assert "the same warehouse_dir" in refused.value.hint
    assert not other.exists()
    same = SparkAdapter({**SMALL_DATA_CONFIG, "warehouse_dir": str(spark.warehouse_dir)})
    assert same.fetch("SELECT 1")[1] == [(1,)]
    same.close()  # it joined the session: leaves it running for the adapter that started it
    assert spark.session is shared
