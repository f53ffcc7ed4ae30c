"""A Delta Lake table's folder read as a Parquet glob: the files its `_delta_log` says are
the table now (a removed file still on disk left out, noted), from the commits or from a
checkpoint; what the files alone cannot give (deletion vectors, a gap in the log, a named
removed file) refused naming the log; a folder without a log read as before. Real Parquet
files and logs written by the test, read, read in place by DuckDB and loaded."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from ingest_helpers import delta_add, delta_commit, delta_part, local_or_pg_place

from datanet_sql.errors import IngestError
from datanet_sql.ingest import reading
from datanet_sql.ingest.files import scan_query
from datanet_sql.ingest.loader import load
from datanet_sql.ingest.reading import read_source


def _updated(folder: Path) -> None:
    """Commit 0 adds two files; commit 1 (an UPDATE of the second's rows) removes it and
    adds its rewrite; the removed file stays on disk."""
    first, second = delta_part(folder, 0, [1, 2], 1.0), delta_part(folder, 1, [3, 4], 2.0)
    delta_commit(folder, 0, [{"protocol": {"minReaderVersion": 1, "minWriterVersion": 2}},
                             {"metaData": {"id": "t", "configuration": {},
                                           "partitionColumns": []}},
                             delta_add(first), delta_add(second)])
    delta_commit(folder, 1, [{"remove": {"path": second.name, "dataChange": True}},
                             delta_add(delta_part(folder, 2, [3, 4], 2.5))])


def test_a_removed_file_is_left_out_and_noted(tmp_path: Path) -> None:
    _updated(tmp_path / "nlsy")
    result = read_source(tmp_path / "nlsy" / "*.parquet", None, {}, {})
    assert sorted(result.table.to_pylist(), key=lambda r: r["id"]) == [
        {"id": 1, "income": 1.0}, {"id": 2, "income": 1.0},
        {"id": 3, "income": 2.5}, {"id": 4, "income": 2.5}]
    assert result.schema_notes == [
        ("nlsy: a Delta table: read as its log (_delta_log) has it at version 1, 2 of the 3 "
         "file(s) matched; left out, removed by a commit or the log's own: "
         "part-00001-c000.snappy.parquet (their rows are no longer the table's; VACUUM "
         "deletes them)")]


def test_read_in_place_and_loaded(tmp_path: Path) -> None:
    """The view of a source read in place lists the current files; a load of the glob
    lands the table as the log has it."""
    _updated(tmp_path / "landing")
    query = scan_query(str(tmp_path / "landing" / "*.parquet"), "parquet")
    rows = duckdb.sql(query.sql("duckdb") + " order by id").fetchall()
    assert rows == [(1, 1.0), (2, 1.0), (3, 2.5), (4, 2.5)]
    with local_or_pg_place("duckdb", tmp_path, "dn_delta") as place:
        job = place.job(tmp_path, "nlsy", "replace", path="landing/*.parquet")
        result = load(place.adapter, job, reading)
        assert result.rows == 4
        assert place.rows("nlsy", "id, income") == [(1, 1.0), (2, 1.0), (3, 2.5), (4, 2.5)]


def test_from_a_checkpoint_when_the_first_commits_are_gone(tmp_path: Path) -> None:
    """Commits 0 and 1 cleaned up after checkpoint 1; commit 2 deletes a file."""
    folder = tmp_path / "t"
    files = [delta_part(folder, n, [n], float(n)) for n in range(3)]
    (folder / "_delta_log").mkdir()
    adds = [{"path": f.name, "size": 1, "modificationTime": 0, "dataChange": False}
            for f in files]
    pq.write_table(pa.table({"add": [*adds, None], "metaData": [None, None, None, {
        "id": "t", "configuration": [("delta.appendOnly", "false")]}]}),
        folder / "_delta_log" / f"{1:020d}.checkpoint.parquet")
    delta_commit(folder, 2, [{"remove": {"path": files[0].name, "dataChange": True}}])
    result = read_source(folder / "*.parquet", None, {}, {})
    assert sorted(result.table.column("id").to_pylist()) == [1, 2]
    assert "has it at version 2, 2 of the 3 file(s)" in result.schema_notes[0]


def test_a_folder_without_a_log_reads_every_file(tmp_path: Path) -> None:
    """Near-miss: a `delta_log` folder (no underscore) or a log beside, not above, the
    files changes nothing."""
    folder = tmp_path / "plain"
    (folder / "delta_log").mkdir(parents=True)
    (tmp_path / "other" / "_delta_log").mkdir(parents=True)
    delta_part(folder, 0, [1], 1.0)
    delta_part(folder, 1, [1], 2.0)
    result = read_source(folder / "*.parquet", None, {}, {})
    assert result.table.num_rows == 2
    assert not any("Delta" in n for n in result.schema_notes)


def test_refusals_name_the_log(tmp_path: Path) -> None:
    _updated(tmp_path / "a")
    with pytest.raises(IngestError, match=r"part-00001-c000.snappy.parquet: not in the Delta "
                                          r"table a as its log \(a/_delta_log\) has it at "
                                          r"version 1"):
        read_source(tmp_path / "a" / "part-00001-c000.snappy.parquet", None, {}, {})
    gap = tmp_path / "gap"
    _updated(gap)
    (gap / "_delta_log" / f"{0:020d}.json").unlink()
    with pytest.raises(IngestError, match=r"the Delta log gap/_delta_log lacks commits "
                                          r"\(found 1, from version 0\)"):
        read_source(gap / "*.parquet", None, {}, {})
    vector = tmp_path / "dv"
    delta_commit(vector, 0, [delta_add(delta_part(vector, 0, [1, 2], 1.0), deletionVector={
        "storageType": "i", "pathOrInlineDv": "wi5b=000010000siXQKl0rr91000f", "offset": 1,
        "sizeInBytes": 36, "cardinality": 1})])
    with pytest.raises(IngestError, match="deletes rows of part-00000-c000.snappy.parquet "
                                          "with a deletion vector") as raised:
        read_source(vector / "*.parquet", None, {}, {})
    assert "deltalake" in str(raised.value)


def test_a_postgres_file_source_reads_the_current_files(tmp_path: Path) -> None:
    """A file source without `load:` on Postgres (pyarrow into COPY) reads the same files."""
    from ingest_helpers import pg_warehouse

    from datanet_sql.adapters.base import Relation

    _updated(tmp_path / "nlsy")
    with pg_warehouse("fixmisc_delta") as (postgres, schema):
        postgres.execute(f'create schema "{schema}"')
        pattern = f"{tmp_path}/nlsy/*.parquet"
        assert postgres.load_file(Relation("nlsy", schema), pattern, "parquet") == 4
        assert sorted(postgres.fetch(f'select id, income from "{schema}".nlsy')[1]) == [
            (1, 1.0), (2, 1.0), (3, 2.5), (4, 2.5)]
