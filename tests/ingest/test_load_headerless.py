"""A headerless delivery (Spark's `df.write.csv`) after a headered one, on DuckDB and
Postgres: its columns are the table's by position, noted, and a second run changes nothing;
a file of another width, or whose values a column does not take, is refused naming it."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import Place

from datanet_sql.errors import IngestError
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load


def land(root: Path, name: str, text: str) -> None:
    (root / "landing").mkdir(exist_ok=True)
    (root / "landing" / name).write_text(text)


@pytest.mark.parametrize("mode", ["incremental_files", "append"])
def test_a_headerless_file_loads_by_position_and_a_rerun_changes_nothing(
        tmp_path: Path, place: Place, mode: str) -> None:
    land(tmp_path, "a.csv", "id,amount,day\n1,10.5,2024-01-01\n2,20,2024-01-02\n")
    load(place.adapter, place.job(tmp_path, "sales", mode), reading)
    land(tmp_path, "b.csv", "3,30.25,2024-01-03\n4,40,2024-01-04\n5,50.5,2024-01-05\n")
    second = load(place.adapter, place.job(tmp_path, "sales", mode), reading)
    assert "landing/b.csv: no header line; its 3 columns read as the table's by position " \
           "(id, amount, day)" in second.notes
    rows = place.rows("sales", "id, amount, cast(day as varchar)")
    assert rows == [(1, 10.5, "2024-01-01"), (2, 20.0, "2024-01-02"), (3, 30.25, "2024-01-03"),
                    (4, 40.0, "2024-01-04"), (5, 50.5, "2024-01-05")]
    before = place.state("sales")
    assert not [c for c in place.fetch(f"select * from {place.schema}.sales limit 0")
                if "column_" in str(c)]
    third = load(place.adapter, place.job(tmp_path, "sales", mode), reading)
    assert (third.batches, third.rows) == (0, 0)
    assert place.state("sales") == before


def test_header_false_given_reads_a_later_file_by_position(tmp_path: Path,
                                                           place: Place) -> None:
    land(tmp_path, "a.csv", "id,amount,day\n1,10.5,2024-01-01\n")
    load(place.adapter, place.job(tmp_path, "sales", "incremental_files"), reading)
    land(tmp_path, "b.csv", "7,1.5,2024-02-01\n")
    job = place.job(tmp_path, "sales", "incremental_files", options={"header": False})
    load(place.adapter, job, reading)
    assert place.rows("sales", "id, amount, cast(day as varchar)") == [
        (1, 10.5, "2024-01-01"), (7, 1.5, "2024-02-01")]


@pytest.mark.parametrize(("text", "says"), [
    ("3,30.25\n4,40\n5,50.5\n", ("has no header line and 2 column(s), the table has 3 "
                                 "(id, amount, day)")),
    ("3,30.25,x\n4,40,y\n5,50.5,z\n", "its column 3 (TEXT) would go into day (DATE)"),
])
def test_a_headerless_file_that_does_not_fit_is_refused_and_nothing_is_lost(
        tmp_path: Path, place: Place, text: str, says: str) -> None:
    land(tmp_path, "a.csv", "id,amount,day\n1,10.5,2024-01-01\n2,20,2024-01-02\n")
    load(place.adapter, place.job(tmp_path, "sales", "incremental_files"), reading)
    before = place.state("sales")
    land(tmp_path, "b.csv", text)
    with pytest.raises(IngestError) as refused:
        load(place.adapter, place.job(tmp_path, "sales", "incremental_files"), reading)
    assert says in str(refused.value)
    assert "landing/b.csv" in str(refused.value)
    assert "options: {header: true}" in str(refused.value)
    assert place.state("sales") == before


def test_a_table_headerless_files_made_still_grows_by_position(tmp_path: Path,
                                                               place: Place) -> None:
    land(tmp_path, "a.csv", "1,10.5\n2,20.5\n3,30.5\n")
    load(place.adapter, place.job(tmp_path, "sales", "incremental_files"), reading)
    land(tmp_path, "b.csv", "4,40.5,x\n5,50.5,y\n6,60.5,z\n")
    second = load(place.adapter, place.job(tmp_path, "sales", "incremental_files"), reading)
    assert "added column_3 TEXT" in second.notes
    assert place.rows("sales", "column_1, column_2, column_3") == [
        (1, 10.5, None), (2, 20.5, None), (3, 30.5, None), (4, 40.5, "x"), (5, 50.5, "y"),
        (6, 60.5, "z")]


def test_an_empty_column_of_a_headerless_file_is_no_misfit(tmp_path: Path,
                                                           place: Place) -> None:
    land(tmp_path, "a.csv", "id,amount,day\n1,10.5,2024-01-01\n")
    load(place.adapter, place.job(tmp_path, "sales", "incremental_files"), reading)
    land(tmp_path, "b.csv", "2,20.5,\n3,30.5,\n4,40.5,\n")
    second = load(place.adapter, place.job(tmp_path, "sales", "incremental_files"), reading)
    assert "kept day DATE (the batch's values are all empty)" in second.notes
    assert place.rows("sales", "id, amount, cast(day as varchar)") == [
        (1, 10.5, "2024-01-01"), (2, 20.5, None), (3, 30.5, None), (4, 40.5, None)]


def test_a_folder_of_headerless_part_files_is_named_whole(tmp_path: Path,
                                                          place: Place) -> None:
    land(tmp_path, "a.csv", "id,amount,day\n1,10.5,2024-01-01\n")
    load(place.adapter, place.job(tmp_path, "sales", "incremental_files"), reading)
    land(tmp_path, "part-00000.csv", "2,20.5,2024-01-02\n3,30.5,2024-01-03\n4,4.5,2024-01-04\n")
    land(tmp_path, "part-00001.csv", "5,50.5,2024-01-05\n6,60.5,2024-01-06\n7,7.5,2024-01-07\n")
    second = load(place.adapter, place.job(tmp_path, "sales", "incremental_files"), reading)
    told = " ".join(second.notes)
    assert "landing/part-00000.csv" in told and "landing/part-00001.csv" in told
    assert place.rows("sales", "id, amount") == [(1, 10.5), (2, 20.5), (3, 30.5), (4, 4.5),
                                                 (5, 50.5), (6, 60.5), (7, 7.5)]


@pytest.mark.parametrize("cursor", [None, "day"])
def test_a_headerless_delivery_merges_on_the_key_found_by_position(
        tmp_path: Path, place: Place, cursor: str | None) -> None:
    spec = {"primary_key": ["id"], "cursor": cursor}
    land(tmp_path, "a.csv", "id,amount,day\n1,10.5,2024-01-01\n2,20,2024-01-02\n")
    load(place.adapter, place.job(tmp_path, "sales", "merge", **spec), reading)
    land(tmp_path, "b.csv", "2,25.5,2024-01-03\n3,30.25,2024-01-03\n3,31,2024-01-04\n")
    second = load(place.adapter, place.job(tmp_path, "sales", "merge", **spec), reading)
    assert "landing/b.csv: no header line; its 3 columns read as the table's by position " \
           "(id, amount, day)" in second.notes
    assert place.rows("sales", "id, amount, cast(day as varchar)") == [
        (1, 10.5, "2024-01-01"), (2, 25.5, "2024-01-03"), (3, 31.0, "2024-01-04")]
    before = place.state("sales")
    third = load(place.adapter, place.job(tmp_path, "sales", "merge", **spec), reading)
    assert (third.batches, third.rows) == (0, 0)
    assert place.state("sales") == before


def test_a_headerless_first_delivery_under_merge_is_refused(tmp_path: Path,
                                                            place: Place) -> None:
    land(tmp_path, "a.csv", "1,10.5,2024-01-01\n2,20,2024-01-02\n3,30,2024-01-03\n")
    with pytest.raises(IngestError) as refused:
        load(place.adapter, place.job(tmp_path, "sales", "merge", primary_key=["id"]),
             reading)
    said = str(refused.value)
    assert "landing/a.csv" in said
    assert "no header line, so its primary key column(s) id cannot be found by name " \
           "(read as column_1, column_2, column_3)" in said
    assert "options: {header: true}" in said
    assert place.adapter.list_columns(place.job(tmp_path, "sales", "merge").relation) is None


def test_a_headerless_row_without_its_key_refuses_the_merge(tmp_path: Path,
                                                            place: Place) -> None:
    spec = {"primary_key": ["id"]}
    land(tmp_path, "a.csv", "id,amount,day\n1,10.5,2024-01-01\n")
    load(place.adapter, place.job(tmp_path, "sales", "merge", **spec), reading)
    before = place.state("sales")
    land(tmp_path, "b.csv", "2,20.5,2024-01-02\n,30.5,2024-01-03\n4,40.5,2024-01-04\n")
    with pytest.raises(IngestError) as refused:
        load(place.adapter, place.job(tmp_path, "sales", "merge", **spec), reading)
    assert "landing/b.csv" in str(refused.value)
    assert "1 row(s) have no value in the primary key (id)" in str(refused.value)
    assert place.state("sales") == before


def test_a_headered_file_without_the_key_is_still_refused_by_name(tmp_path: Path,
                                                                  place: Place) -> None:
    land(tmp_path, "a.csv", "code,amount\nx,10.5\ny,20\n")
    with pytest.raises(IngestError) as refused:
        load(place.adapter, place.job(tmp_path, "sales", "merge", primary_key=["id"]),
             reading)
    assert "primary key column(s) id not in the file" in str(refused.value)
