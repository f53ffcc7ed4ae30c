"""A file source without `load:` reads the files `datanet ingest` would load: through
`datanet run` on real projects, a view over the files on DuckDB and a table loaded from
them on Postgres. Hidden files, markers, `.part` and `.crc` files, a Spark job's
uncommitted parts and Parquet summary files left out; a writer's finished output folder
read as its parts; `b.CSV` under `*.csv` read with the loader's warning. Where DuckDB's glob
lists the same files, the view reads the glob as before."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from ingest_helpers import invoke, pg_warehouse, query
from test_load_output_folders import JOB, spark_csv
from test_read_parquet_summaries import SCHOOLS, dask_folder

SALES = "landing/*.csv"
PART = f"part-00000-{JOB}-c000.csv"


def project(root: Path, path: str = SALES, extra: str = "",
            target: str = "dev: {type: duckdb, path: dw.duckdb}") -> Path:
    """A project whose source shop.sales reads `path` in place, and a model `total`
    counting its rows and adding up its ids."""
    for folder in ("models", "sources", "landing"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "datanet.yml").write_text("name: shop\n")
    (root / "targets.yml").write_text(f"{target}\n")
    (root / "sources" / "shop.yml").write_text(
        f"sources:\n  - name: shop\n    tables:\n      - name: sales\n"
        f"        path: {path}\n{extra}")
    (root / "models" / "total.sql").write_text(
        "select count(*) as n, sum(id) as ids from {{ source('shop', 'sales') }}")
    return root


def land(root: Path, name: str, text: str) -> None:
    (root / "landing" / name).write_text(text)


def run(root: Path) -> str:
    result = invoke("run", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.output


def total(root: Path) -> tuple:
    return query(root, "select n, ids from main.total")[0]


def view_sql(root: Path) -> str:
    with duckdb.connect(str(root / "dw.duckdb"), read_only=True) as con:
        return con.execute("select sql from duckdb_views() where view_name = 'sales'"
                           ).fetchall()[0][0]


def test_a_spark_folder_the_glob_matches_is_read_as_its_parts(tmp_path: Path) -> None:
    """`landing/*.csv` matches the folder `sales-2.csv/`: DuckDB's glob lists files only,
    so its parts were left out of the view without a word (1 row of 3)."""
    root = project(tmp_path)
    land(root, "a.csv", "id,v\n1,a\n")
    spark_csv(root / "landing" / "sales-2.csv", ["id,v\n3,c\n", "id,v\n5,e\n"])
    out = run(root)
    assert total(root) == (3, 9)
    assert "source shop.sales view over the 3 file(s) listed now: a file landing later is " \
           "read from the next run on" in out
    sql = view_sql(root)
    assert f"'{root}/landing/sales-2.csv/{PART}'" in sql and "_SUCCESS" not in sql


def test_a_spark_folder_named_as_the_path_is_read_as_its_parts(tmp_path: Path) -> None:
    """`path: landing/sales.csv` as the job wrote it, a folder: was `no file matches`."""
    root = project(tmp_path, "landing/sales.csv")
    spark_csv(root / "landing" / "sales.csv", ["id,v\n3,c\n", "id,v\n5,e\n"])
    run(root)
    assert total(root) == (2, 8)


def test_an_uncommitted_part_and_checksums_under_a_double_star_are_left_out(
        tmp_path: Path) -> None:
    """`landing/**/*.csv` reaches a job's `_temporary/` work folder: DuckDB read its part
    (id 100) into the view."""
    root = project(tmp_path, "landing/**/*.csv")
    land(root, "a.csv", "id,v\n1,a\n")
    spark_csv(root / "landing" / "sales-2.csv", ["id,v\n3,c\n"])
    work = root / "landing" / "sales-2.csv" / "_temporary" / "0"
    work.mkdir(parents=True)
    (work / "part-00009.csv").write_text("id,v\n100,z\n")
    out = run(root)
    assert total(root) == (2, 4)
    assert "landing/sales-2.csv/_temporary/0/part-00009.csv left out (not data, as for " \
           "`datanet ingest`)" in out


def test_hidden_files_markers_and_unfinished_files_are_left_out(tmp_path: Path) -> None:
    """`landing/*` with `format: csv`: DuckDB's glob read `b.csv.part` (a copy under way)
    and the hidden `.c.csv`."""
    root = project(tmp_path, "landing/*", "        format: csv\n")
    land(root, "a.csv", "id,v\n1,a\n")
    land(root, "b.csv.part", "id,v\n7,half\n")
    land(root, ".c.csv", "id,v\n50,x\n")
    land(root, "_SUCCESS", "")
    (root / "landing" / ".a.csv.crc").write_bytes(b"crc\x00\x01")
    out = run(root)
    assert total(root) == (1, 1)
    assert "view over the 1 file(s) listed now; landing/.a.csv.crc, landing/.c.csv, " \
           "landing/_SUCCESS, landing/b.csv.part left out" in out


def test_a_name_matched_only_by_case_is_read_with_the_loaders_warning(tmp_path: Path) -> None:
    root = project(tmp_path)
    land(root, "a.csv", "id,v\n1,a\n")
    land(root, "b.CSV", "id,v\n2,b\n")
    result = invoke("run", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert total(root) == (2, 3)
    assert "WARN  source shop.sales view over the 2 file(s) listed now" in result.output
    assert ("landing/b.CSV: the path landing/*.csv matches this file's name only when case "
            "is ignored (Windows and mainframe tools write names such as `.CSV`): loaded as "
            "a delivery like the others. If it is not one, move it out of the folder; to "
            "match such names on purpose, write both cases in the pattern (e.g. "
            "`*.[cC][sS][vV]`)") in result.output


def test_a_folder_still_being_written_is_left_out_with_the_loaders_warning(
        tmp_path: Path) -> None:
    root = project(tmp_path)
    land(root, "a.csv", "id,v\n1,a\n")
    spark_csv(root / "landing" / "sales-2.csv", ["id,v\n3,c\n"], done=False)
    result = invoke("run", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert total(root) == (1, 1)
    assert "landing/sales-2.csv/ is a writer's output folder (Spark, Hadoop, Hive) without " \
           "the `_SUCCESS` its writer leaves when done" in result.output
    (root / "landing" / "a.csv").unlink()
    alone = invoke("run", "--project-dir", root)
    assert alone.exit_code == 1 and "Traceback" not in alone.output
    assert "no file matches" in alone.output
    assert "sales-2.csv: output folder(s) of a writer (Spark, Hadoop, Hive) without the " \
           "`_SUCCESS` it leaves when done, read once the marker lands" in alone.output


def test_a_parquet_folder_with_summaries_reads_its_rows_once(tmp_path: Path) -> None:
    """`landing/*` over a Dask folder: compile's sample of the source read `_metadata`
    through DuckDB's glob and stopped the run (`Only inlined data files are supported`)."""
    root = project(tmp_path, "landing/*", "        format: parquet\n")
    (root / "models" / "total.sql").write_text(
        "select count(*) as n, sum(district) as ids from {{ source('shop', 'sales') }}")
    dask_folder(root / "landing")
    out = run(root)
    assert total(root) == (4, sum(SCHOOLS.column("district").to_pylist()))
    assert "landing/_common_metadata, landing/_metadata left out" in out


def test_an_ordinary_folder_keeps_its_glob_and_reads_new_files_at_once(tmp_path: Path) -> None:
    """Nothing to leave out: the view reads DuckDB's glob as before (no list), so a file
    landing after the run is read by the next query; a second run changes nothing."""
    root = project(tmp_path)
    land(root, "a.csv", "id,v\n1,a\n")
    land(root, "b.csv", "id,v\n2,b\n")
    (root / "landing" / "archive").mkdir()  # a folder no writer made: not data, as before
    (root / "landing" / "archive" / "old.csv").write_text("id,v\n99,old\n")
    out = run(root)
    assert "source shop.sales view over file (" in out
    assert total(root) == (2, 3)
    assert f"read_csv('{root}/landing/*.csv'" in view_sql(root)
    land(root, "c.csv", "id,v\n3,c\n")
    assert total(root) == (3, 6)  # the glob, read at query time
    again = run(root)
    assert "source shop.sales view over file (" in again
    assert total(root) == (3, 6)


def test_a_named_file_is_read_as_it_is_named(tmp_path: Path) -> None:
    """A path naming one file reads it whatever its name (`_orders.csv`, no marker)."""
    root = project(tmp_path, "landing/_sales.csv")
    land(root, "_sales.csv", "id,v\n4,d\n")
    assert "view over file (" in run(root)
    assert total(root) == (1, 4)
    assert f"read_csv('{root}/landing/_sales.csv'" in view_sql(root)


def test_a_listed_view_is_built_again_each_run(tmp_path: Path) -> None:
    """A list is the folder at build time: a file landing between runs is read from the
    next run on, and one removed is no longer read (the list would fail on it)."""
    root = project(tmp_path)
    land(root, "a.csv", "id,v\n10,a\n")
    land(root, ".b.csv", "id,v\n50,x\n")
    run(root)
    assert total(root) == (1, 10)
    land(root, "c.CSV", "id,v\n11,c\n")
    (root / "landing" / "a.csv").unlink()
    land(root, "d.csv", "id,v\n12,d\n")
    out = run(root)
    assert "landing/c.CSV: the path landing/*.csv matches" in out
    assert total(root) == (2, 23)
    assert "a.csv" not in view_sql(root)


def test_postgres_loads_the_files_the_loader_would(tmp_path: Path) -> None:
    """On Postgres a file source is loaded each run (pyarrow into COPY): it missed the
    Spark folder's parts and `b.CSV`, and crashed on `_SUCCESS` under `landing/*`."""
    with pg_warehouse("inplace") as (adapter, schema):
        target = ("dev: {type: postgres, dsn: 'postgresql://postgres@127.0.0.1:5432/test', "
                  f"schema: {schema}}}")
        root = project(tmp_path / "spark", target=target)
        land(root, "a.csv", "id,v\n1,a\n")
        land(root, "b.CSV", "id,v\n2,b\n")
        land(root, ".c.csv", "id,v\n50,x\n")
        spark_csv(root / "landing" / "sales-2.csv", ["id,v\n3,c\n", "id,v\n5,e\n"])
        result = invoke("run", "--project-dir", root)
        assert result.exit_code == 0, result.output
        assert "WARN  source shop.sales loaded, 4 rows" in result.output
        assert "landing/b.CSV: the path landing/*.csv matches" in result.output
        assert adapter.fetch(f'select n, ids from "{schema}".total')[1] == [(4, 11)]
        markers = project(tmp_path / "markers", "landing/*", "        format: csv\n", target)
        land(markers, "a.csv", "id,v\n1,a\n")
        land(markers, "_SUCCESS", "")
        land(markers, "b.csv.part", "id,v\n7,half\n")
        result = invoke("run", "--project-dir", markers)
        assert result.exit_code == 0, result.output
        assert adapter.fetch(f'select n, ids from "{schema}".total')[1] == [(1, 1)]


@pytest.mark.parametrize("named", ["landing/*", "landing/_metadata"])
def test_postgres_reads_a_parquet_folder_once(tmp_path: Path, named: str) -> None:
    with pg_warehouse("inplace") as (adapter, schema):
        target = ("dev: {type: postgres, dsn: 'postgresql://postgres@127.0.0.1:5432/test', "
                  f"schema: {schema}}}")
        root = project(tmp_path, named, "        format: parquet\n", target)
        (root / "models" / "total.sql").write_text(
            "select count(*) as n from {{ source('shop', 'sales') }}")
        dask_folder(root / "landing")
        result = invoke("run", "--project-dir", root)
        if named == "landing/*":
            assert result.exit_code == 0, result.output
            assert adapter.fetch(f'select n from "{schema}".total')[1] == [(4,)]
        else:  # a path naming the summary alone: its rows are the parts'
            assert result.exit_code == 1 and "Traceback" not in result.output
            assert "a Parquet summary file" in result.output


def parquet(path: Path, **columns: list) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table(columns), path)


def test_a_parquet_column_a_later_file_adds_is_in_the_view(tmp_path: Path) -> None:
    """DuckDB's read_parquet takes the first file's columns alone: `extra`, added by the
    second file, was not in the view at all."""
    root = project(tmp_path, "landing/*.parquet")
    parquet(root / "landing" / "a.parquet", id=[1])
    parquet(root / "landing" / "b.parquet", id=[2], extra=["x"])
    run(root)
    assert query(root, "select id, extra from shop.sales order by id") == [(1, None), (2, "x")]


def test_partitioned_parts_beside_plain_files_are_refused_in_place(tmp_path: Path) -> None:
    """A Spark job's `events.parquet/year=2024/` parts beside `old.parquet`: one scan takes
    folder keys for every file or none, so the parts' year would be NULL in the view. The
    loader reads each file with its own folders' keys: with `load:` both rows have a year."""
    root = project(tmp_path, "landing/*.parquet")
    parquet(root / "landing" / "old.parquet", id=[1], year=[2023])
    part = root / "landing" / "events.parquet" / "year=2024" / "part-00000-x.snappy.parquet"
    parquet(part, id=[2])
    (root / "landing" / "events.parquet" / "_SUCCESS").write_text("")
    refused = invoke("run", "--project-dir", root)
    assert refused.exit_code == 1 and "Traceback" not in refused.output
    assert f"{part}: column(s) year only in the folder names of this file" in refused.output
    assert "hint: add load: to ingest it" in refused.output
    project(root, "landing/*.parquet", "        load: {mode: append}\n")
    run(root)
    assert query(root, "select id, year from shop.sales order by id") == [(1, 2023), (2, 2024)]


def test_a_spark_json_folder_and_a_json_file_in_upper_case_are_read(tmp_path: Path) -> None:
    root = project(tmp_path, "landing/*.json")
    land(root, "a.json", '{"id": 1}\n')
    land(root, "B.JSON", '{"id": 2}\n')
    folder = root / "landing" / "events.json"
    folder.mkdir()
    (folder / f"part-00000-{JOB}-c000.json").write_text('{"id": 3}\n{"id": 4}\n')
    (folder / "_SUCCESS").write_text("")
    out = invoke("run", "--project-dir", root).output
    assert total(root) == (4, 10)
    assert "landing/B.JSON: the path landing/*.json matches this file's name only" in out


def test_spark_loads_the_chosen_files(tmp_path: Path, spark) -> None:
    """Spark's own reader is given the chosen files: the folder's parts, not its `_SUCCESS`,
    and `b.CSV`. (Hadoop's local file system checks each part against its `.crc`: the
    stand-in checksums `spark_csv` writes are removed.)"""
    import uuid

    from datanet_sql.adapters.base import Relation
    from datanet_sql.ingest.in_place import choose

    (tmp_path / "landing").mkdir()
    land(tmp_path, "b.CSV", "id,v\n2,b\n")
    spark_csv(tmp_path / "landing" / "sales-2.csv", ["id,v\n3,c\n", "id,v\n5,e\n"])
    for checksum in (tmp_path / "landing" / "sales-2.csv").glob(".*.crc"):
        checksum.unlink()
    pattern = str(tmp_path / SALES)
    table = f"sales_{uuid.uuid4().hex[:8]}"
    assert spark.load_file(Relation(table, "dn_load"), pattern, "csv",
                           paths=choose(pattern).files) == 3
    assert spark.fetch(f"select sum(id) from dn_load.{table}")[1] == [(10,)]


@pytest.mark.parametrize("path", ["landing/*.csv", "landing/**/*.csv", "landing/a.csv"])
def test_where_nothing_is_left_out_the_sql_is_the_one_before(tmp_path: Path, path: str) -> None:
    """An ordinary folder (an operator's `archive/` beside the files, no hidden file, no
    marker): DuckDB's glob lists the chosen files, so the view's query reads the pattern
    itself, word for word the SQL built before files were chosen."""
    from datanet_sql.adapters.duckdb import DuckDBAdapter
    from datanet_sql.ingest.files import scan_query
    from datanet_sql.ingest.in_place import choose

    root = project(tmp_path, path)
    land(root, "a.csv", "id,v\n1,a\n")
    land(root, "b.csv", "id,v\n2,b\n")
    (root / "landing" / "archive").mkdir()
    (root / "landing" / "archive" / "old.csv").write_text("id,v\n99,old\n")
    chosen = choose(str(root / path))
    assert chosen.warnings(root, path) == []
    warehouse = DuckDBAdapter({"path": ":memory:"})
    try:
        sql = scan_query(chosen.pattern, "csv", None, paths=chosen.duckdb_paths(warehouse))
    finally:
        warehouse.close()
    many = ", union_by_name := TRUE" if "*" in path else ""
    assert sql.sql("duckdb") == (
        f"SELECT * FROM READ_CSV('{root / path}', header := TRUE, delim := ',', "
        f"quote := '\"', nullstr := [''], auto_detect := TRUE{many})")
