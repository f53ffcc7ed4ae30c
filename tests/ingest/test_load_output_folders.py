"""A writer's output folder matched by a landing glob (Spark's `df.write.csv("x.csv")`: a
folder `x.csv/` of part files, `_SUCCESS` and `.crc` files) loads as its parts once its
writer is done, waits with a warning while not, and an ordinary folder stays unread."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from ingest_helpers import invoke, query
from test_load_modes import job, rows, write

from datanet_sql.errors import IngestError
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load

JOB = "4b2e0c1a-9f3d-4c6e-8a7b-1d2e3f405162"


def spark_csv(folder: Path, parts: list[str], done: bool = True) -> None:
    """Spark's CSV output: each part with its header and a hidden `.crc`, `_SUCCESS` when
    the job committed (else its `_temporary/` work folder)."""
    folder.mkdir(parents=True)
    for number, text in enumerate(parts):
        name = f"part-{number:05d}-{JOB}-c000.csv"
        (folder / name).write_text(text)
        (folder / f".{name}.crc").write_bytes(b"crc\x00\x00\x00\x02\x00" + bytes(8))
    if done:
        (folder / "_SUCCESS").write_bytes(b"")
        (folder / "._SUCCESS.crc").write_bytes(b"crc\x00\x00\x00\x02\x00")
    else:
        (folder / "_temporary" / "0").mkdir(parents=True)
        (folder / "_temporary" / "0" / "part-00002.csv").write_text("id,v\n99,zz\n")


def test_a_spark_csv_folder_loads_as_its_parts_once(tmp_path: Path, adapter) -> None:
    write(tmp_path, "sales-1.csv", "id,v\n1,a\n2,b\n")
    spark_csv(tmp_path / "landing" / "sales-2.csv", ["id,v\n3,c\n4,d\n", "id,v\n5,e\n"])
    first = load(adapter, job(tmp_path, "incremental_files"), reading)
    assert (first.batches, first.rows, first.warnings) == (3, 5, [])
    assert rows(adapter) == [(1, "a"), (2, "b"), (3, "c"), (4, "d"), (5, "e")]
    assert rows(adapter, "select file, rows from main._datanet_ingest_ledger order by file") \
        == [("landing/sales-1.csv", 2), (f"landing/sales-2.csv/part-00000-{JOB}-c000.csv", 2),
            (f"landing/sales-2.csv/part-00001-{JOB}-c000.csv", 1)]
    again = load(adapter, job(tmp_path, "incremental_files"), reading)
    assert (again.batches, again.skipped) == (0, 3)


def test_a_folder_without_success_waits_with_a_warning_then_loads(tmp_path: Path,
                                                                  adapter) -> None:
    write(tmp_path, "sales-1.csv", "id,v\n1,a\n")
    folder = tmp_path / "landing" / "sales-2.csv"
    spark_csv(folder, ["id,v\n3,c\n"], done=False)
    first = load(adapter, job(tmp_path, "incremental_files"), reading)
    assert rows(adapter) == [(1, "a")]
    assert first.warnings == [(
        "landing/sales-2.csv/ is a writer's output folder (Spark, Hadoop, Hive) without the "
        "`_SUCCESS` its writer leaves when done: a write still under way, its part files not "
        "loaded until the marker lands (half a delivery, or a failed job's leftovers, would "
        "load). A writer that leaves no marker (Dask, pandas, Hive): point the source's path "
        "at the part files themselves (e.g. `landing/**/*.csv`; Dask names CSV parts "
        "`0.part`, unfinished to a loader: write to `name-*.csv`)")]
    (folder / "_SUCCESS").write_bytes(b"")  # the job committed: `_temporary/` is not read
    second = load(adapter, job(tmp_path, "incremental_files"), reading)
    assert (second.batches, second.warnings) == (1, [])
    assert rows(adapter) == [(1, "a"), (3, "c")]


@pytest.mark.parametrize("parts", [["0.part", "1.part"], ["000000_0", "000001_0_copy_1"],
                                   ["part.0.parquet", "_metadata"]])
def test_markerless_writers_folders_are_named_not_passed_over(tmp_path: Path, adapter,
                                                              parts: list[str]) -> None:
    """Dask's CSV (`0.part`), Hive's (`000000_0`) and Dask's Parquet folders, which no
    `_SUCCESS` ends: a warning each run, never a delivery passed over in silence."""
    write(tmp_path, "sales-1.csv", "id,v\n1,a\n")
    for name in parts:
        write(tmp_path, f"sales-2.csv/{name}", "id,v\n3,c\n")
    result = load(adapter, job(tmp_path, "incremental_files"), reading)
    assert rows(adapter) == [(1, "a")]
    assert [w.split(" is ")[0] for w in result.warnings] == ["landing/sales-2.csv/"]


def test_an_ordinary_folder_the_glob_matches_is_not_read(tmp_path: Path, adapter) -> None:
    """The near miss: an operator's `archive/` copy (and a folder named like a file that no
    writer of parts made) is no delivery."""
    write(tmp_path, "sales-1.csv", "id,v\n1,a\n")
    write(tmp_path, "archive/sales-1.csv", "id,v\n1,a\n")
    write(tmp_path, "old.csv/sales-0.csv", "id,v\n0,z\n")
    result = load(adapter, job(tmp_path, "incremental_files", path="landing/*", format="csv"),
                  reading)
    assert (result.batches, result.warnings) == (1, [])
    assert rows(adapter) == [(1, "a")]


def test_a_glob_naming_the_parts_reads_a_folder_without_a_marker(tmp_path: Path,
                                                                 adapter) -> None:
    """What the warning advises for a writer that leaves no `_SUCCESS`; a Spark job's
    `_temporary/` work folder is still not read."""
    write(tmp_path, "sales-1.csv", "id,v\n1,a\n")
    spark_csv(tmp_path / "landing" / "sales-2.csv", ["id,v\n3,c\n"], done=False)
    result = load(adapter, job(tmp_path, "incremental_files", path="landing/**/*.csv"), reading)
    assert (result.batches, result.warnings) == (2, [])
    assert rows(adapter) == [(1, "a"), (3, "c")]


def test_partitioned_parquet_parts_keep_their_key_and_csv_ones_are_refused(
        tmp_path: Path, adapter) -> None:
    """`partitionBy("year")`: the year only in the folder names. Parquet parts read it as a
    column; CSV parts cannot, and a table without it would be silently short."""
    folder = tmp_path / "landing" / "sales.parquet"
    for year, ids in ((2023, [1, 2]), (2024, [3])):
        (folder / f"year={year}").mkdir(parents=True)
        pq.write_table(pa.table({"id": ids}),
                       folder / f"year={year}" / f"part-00000-{JOB}.c000.snappy.parquet")
    (folder / "_SUCCESS").write_bytes(b"")
    load(adapter, job(tmp_path, "incremental_files", path="landing/*.parquet"), reading)
    assert rows(adapter, "select id, year from shop.sales order by id") == \
        [(1, 2023), (2, 2023), (3, 2024)]

    write(tmp_path, "sales.csv/year=2023/part-00000.csv", "id\n1\n")
    write(tmp_path, "sales.csv/_SUCCESS", "")
    with pytest.raises(IngestError, match=r"year=2023/part-00000.csv: a part of a "
                       r"partitioned write \(Spark's partitionBy\): column\(s\) year only "
                       r"in its folder names, which are read as columns for Parquet parts "
                       r"alone") as error:
        load(adapter, job(tmp_path, "incremental_files"), reading)
    assert error.value.file.endswith("landing/sales.csv")


def test_ingest_names_the_waiting_folder(tmp_path: Path) -> None:
    """Through `datanet ingest`: the warning on stderr, the other file loaded."""
    (tmp_path / "sources").mkdir()
    (tmp_path / "datanet.yml").write_text("name: shop\n")
    (tmp_path / "targets.yml").write_text("dev: {type: duckdb, path: dw.duckdb}\n")
    (tmp_path / "sources" / "shop.yml").write_text(
        "sources:\n  - name: shop\n    tables:\n      - name: sales\n"
        "        path: landing/*.csv\n        load: {mode: incremental_files}\n")
    write(tmp_path, "sales-1.csv", "id,v\n1,a\n")
    spark_csv(tmp_path / "landing" / "sales-2.csv", ["id,v\n3,c\n"], done=False)
    result = invoke("ingest", "--project-dir", tmp_path)
    assert result.exit_code == 0, result.output
    assert "shop.sales: warning: landing/sales-2.csv/ is a writer's output folder" \
        in result.stderr
    assert query(tmp_path, "select id, v from shop.sales") == [(1, "a")]


def test_a_path_naming_a_spark_folder_replaces_from_its_parts(tmp_path: Path, adapter) -> None:
    """`path: landing/sales.csv` where the file is Spark's folder, as `spark.read` takes it."""
    spark_csv(tmp_path / "landing" / "sales.csv", ["id,v\n1,a\n", "id,v\n2,b\n"])
    result = load(adapter, job(tmp_path, "replace", path="landing/sales.csv"), reading)
    assert (result.batches, result.rows) == (2, 2)
    assert rows(adapter, "select * from shop.sales order by all") == [(1, "a"), (2, "b")]
