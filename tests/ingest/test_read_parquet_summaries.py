"""A Parquet folder as Dask, Spark (`parquet.summary.metadata`) and pyarrow's
`write_metadata` write it: parts beside `_metadata` (the parts' row groups, no rows of its
own) and `_common_metadata` (the schema). A glob over the folder reads the parts' rows once,
the summaries left out and named; a path naming only a summary is refused. Files that look
alike (an empty part, a footer alone under a part's name) read as before. On real files."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from ingest_helpers import local_or_pg_place

from datanet_sql.errors import IngestError
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load
from datanet_sql.ingest.readers.parquet import in_place
from datanet_sql.ingest.reading import read_source

SCHOOLS = pa.table({"district": [75119, 61499, 61549, 61457],
                    "school": ["Sunol Glen", "Manzanita", "Thermalito", "Golden Feather"],
                    "read": [691.6, 660.5, 636.3, 651.9]})


def dask_folder(folder: Path, written: int = 2, summary: str = "_metadata") -> Path:
    """`SCHOOLS` split into two parts, the first `written` of them written, with
    `_common_metadata` and the summary `summary` (the written parts' row groups) beside
    them, as Dask's to_parquet writes them."""
    folder.mkdir(parents=True, exist_ok=True)
    size = -(-SCHOOLS.num_rows // 2)
    collected: list = []
    for part in range(written):
        name = f"part.{part}.parquet"
        pq.write_table(SCHOOLS.slice(part * size, size), folder / name,
                       metadata_collector=collected)
        collected[-1].set_file_path(name)
    pq.write_metadata(SCHOOLS.schema, folder / "_common_metadata")
    pq.write_metadata(SCHOOLS.schema, folder / summary, metadata_collector=collected)
    return folder


def test_a_glob_over_a_dask_folder_reads_the_parts_once_the_summaries_named(
        tmp_path: Path) -> None:
    dask_folder(tmp_path / "schools")
    result = read_source(tmp_path / "schools" / "*", "parquet", {}, {})
    assert result.table.to_pylist() == SCHOOLS.to_pylist()
    assert result.schema_notes[0] == (
        "schools/*: Parquet summary file(s) _common_metadata, _metadata left out (the schema and row "
        "groups of the part files beside them, not data; read, their rows would be read "
        "twice)")


def test_a_view_over_the_folder_reads_the_parts_once(tmp_path: Path) -> None:
    """DuckDB's own glob reads `_metadata`'s row groups too: every row twice."""
    dask_folder(tmp_path / "schools")
    query = in_place(str(tmp_path / "schools" / "*")).sql("duckdb")
    with duckdb.connect() as con:
        assert con.execute(query).fetchall() == [tuple(r.values()) for r in SCHOOLS.to_pylist()]


def test_a_summary_under_another_name_is_known_by_its_row_groups_in_other_files(
        tmp_path: Path) -> None:
    dask_folder(tmp_path / "schools", summary="summary.parquet")
    result = read_source(tmp_path / "schools" / "*", "parquet", {}, {})
    assert result.table.num_rows == SCHOOLS.num_rows
    assert "summary file(s) _common_metadata, summary.parquet left out" in result.schema_notes[0]


@pytest.mark.parametrize("named", ["_metadata", "_common_metadata", "_*"])
def test_a_path_naming_only_summaries_is_refused(tmp_path: Path, named: str) -> None:
    dask_folder(tmp_path / "schools")
    with pytest.raises(IngestError) as refused:
        read_source(tmp_path / "schools" / named, "parquet", {}, {})
    assert "a Parquet summary file" in refused.value.message
    assert refused.value.hint.startswith("point the source at the part files beside it")
    with pytest.raises(IngestError, match="a Parquet summary file"):
        in_place(str(tmp_path / "schools" / named))


def test_an_empty_part_and_parts_without_summaries_read_as_before(tmp_path: Path) -> None:
    """A part of no rows (Spark writes such a part with no row groups at all: the footer
    alone, as `_common_metadata` is) is an empty data file: no rows, no note."""
    folder = tmp_path / "schools"
    folder.mkdir()
    pq.write_table(SCHOOLS, folder / "part-00000.parquet")
    pq.write_metadata(SCHOOLS.schema, folder / "part-00001.parquet")
    pq.write_table(SCHOOLS.slice(0, 0), folder / "part-00002.parquet")
    result = read_source(folder / "*", "parquet", {}, {})
    assert result.table.to_pylist() == SCHOOLS.to_pylist()
    assert result.schema_notes == []
    view = in_place(str(folder / "*")).sql("duckdb")
    assert f"READ_PARQUET('{folder / '*'}'" in view  # the glob itself, as before


def test_the_folder_loads_its_rows_once_and_a_rewritten_summary_is_no_delivery(
        tmp_path: Path) -> None:
    """incremental_files over `landing/*`: the first delivery is part.0 with its summaries;
    the second adds part.1 and rewrites `_metadata` and `_common_metadata`. Only the parts
    are deliveries (the ledger names no summary), each row loaded once."""
    landing = tmp_path / "landing"
    dask_folder(landing, written=1)
    with local_or_pg_place("duckdb", tmp_path, "dn_summary") as place:
        job = place.job(tmp_path, "schools", "incremental_files", path="landing/*", format="parquet")
        assert load(place.adapter, job, reading).rows == 2
        dask_folder(landing)
        second = load(place.adapter, job, reading)
        assert (second.rows, second.batches) == (2, 1)
        assert place.rows("schools", "district, school, read", "district") == sorted(
            tuple(r.values()) for r in SCHOOLS.to_pylist())
        files = place.fetch(f"select file from {place.ledger_schema}._datanet_ingest_ledger")
        assert sorted(Path(f).name for (f,) in files) == ["part.0.parquet", "part.1.parquet"]


def test_postgres_and_spark_read_a_folder_of_parts_once(tmp_path: Path, spark) -> None:
    """A file source without `load:` on Postgres (pyarrow into COPY) and Spark (its own
    reader) leaves the summary files of a glob out too: the parts' rows once."""
    import uuid

    from ingest_helpers import pg_warehouse

    from datanet_sql.adapters.base import Relation

    folder = dask_folder(tmp_path / "schools")
    with pg_warehouse("pqparts") as (postgres, schema):
        postgres.execute(f'create schema "{schema}"')
        assert postgres.load_file(Relation("schools", schema), f"{folder}/*", "parquet") == 4
        assert postgres.fetch(f'select count(*) from "{schema}".schools')[1] == [(4,)]
    table = f"schools_{uuid.uuid4().hex[:8]}"
    assert spark.load_file(Relation(table, "dn_load"), f"{folder}/*", "parquet") == 4
    assert spark.fetch(f"select count(*) from dn_load.{table}")[1] == [(4,)]
