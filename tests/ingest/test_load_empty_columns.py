"""A column empty in every row until a later delivery, on real files loaded into real DuckDB
and Postgres warehouses (and Spark once): the first delivery types it text (nothing was
known about it), the delivery filling it gives it its type (`124.173` a DOUBLE, not the
text '124.173'), noted naming the column and the file, under every mode, from CSV, JSON,
NDJSON and Parquet. The near misses keep today's rules: a column filled with text stays
text, a column empty in both deliveries stays as it was, a table column holding any value
is never narrowed (and is not said to be widened to the text it already is)."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
import yaml
from ingest_helpers import invoke, land, local_or_pg_place, query

from datanet_sql.adapters.base import Relation
from datanet_sql.errors import SchemaChangeError
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load

FIRST = "year,income,pieces_of_mail\n1845,4.3,\n1846,4.2,\n"
SECOND = "year,income,pieces_of_mail\n1847,3.9,124.173\n1848,4.4,\n1849,4.7,135.1\n"


def _types(place, table: str) -> dict[str, str]:
    return {c.name: c.type.lower()
            for c in place.adapter.list_columns(Relation(table, place.schema))}


@pytest.mark.parametrize("kind", ["duckdb", "postgres"])
@pytest.mark.parametrize("mode", ["incremental_files", "append", "merge"])
def test_a_column_empty_until_the_second_delivery_takes_its_numbers_type(
        tmp_path: Path, kind: str, mode: str) -> None:
    with local_or_pg_place(kind, tmp_path, "dn_empty_columns") as place:
        job = place.job(tmp_path, "usps", mode, primary_key=["year"] if mode == "merge" else [])
        land(tmp_path, "usps-1.csv", FIRST)
        assert load(place.adapter, job, reading).notes == []
        assert _types(place, "usps")["pieces_of_mail"] in ("varchar", "text")
        land(tmp_path, "usps-2.csv", SECOND)
        result = load(place.adapter, job, reading)
        assert result.notes == [
            "column pieces_of_mail was empty until landing/usps-2.csv: now DOUBLE"]
        assert result.warnings == []
        assert _types(place, "usps")["pieces_of_mail"] in ("double", "double precision")
        assert place.rows("usps", "year, pieces_of_mail") == [
            (1845, None), (1846, None), (1847, 124.173), (1848, None), (1849, 135.1)]
        land(tmp_path, "usps-3.csv", "year,income,pieces_of_mail\n1850,5.5,\n1851,5.6,150\n")
        again = load(place.adapter, job, reading)
        assert (again.notes, again.warnings) == ([], [])
        assert place.rows("usps", "pieces_of_mail", "year")[-1] == (150.0,)


@pytest.mark.parametrize("kind", ["duckdb", "postgres"])
@pytest.mark.parametrize(("values", "typed", "expected"), [
    (("2021-03-04", ""), ("date",), "DATE"),
    (("true", "false"), ("boolean",), "BOOLEAN"),
    (("12", "-7"), ("bigint",), "BIGINT"),
])
def test_dates_booleans_and_integers_filling_an_empty_column_take_their_type(
        tmp_path: Path, kind: str, values: tuple[str, str], typed: tuple[str, ...],
        expected: str) -> None:
    """The header `Stück` is named `stuck`, as every header is (the note names it so)."""
    with local_or_pg_place(kind, tmp_path, "dn_empty_columns") as place:
        job = place.job(tmp_path, "cases", "incremental_files")
        land(tmp_path, "a.csv", "id,Stück\n1,\n2,\n")
        load(place.adapter, job, reading)
        land(tmp_path, "b.csv", f"id,Stück\n3,{values[0]}\n4,{values[1]}\n")
        result = load(place.adapter, job, reading)
        assert result.notes == [f"column stuck was empty until landing/b.csv: now {expected}"]
        assert _types(place, "cases")["stuck"] in typed
        rows = place.rows("cases", "id, cast(stuck as varchar)")
        assert [r[0] for r in rows] == [1, 2, 3, 4] and rows[0][1] is None


@pytest.mark.parametrize("kind", ["duckdb", "postgres"])
@pytest.mark.parametrize("word", ["NA", "NULL", "\\N"])
def test_a_column_of_missing_words_until_the_second_delivery_is_empty_too(
        tmp_path: Path, kind: str, word: str) -> None:
    """R's `write.csv` writes a column not counted yet as `NA` in every row, a SQL dump
    `NULL`, Postgres' COPY or MySQL `\\N`: read alone it is text, but in a column the next
    delivery fills with numbers the words were missing values."""
    with local_or_pg_place(kind, tmp_path, "dn_empty_columns") as place:
        job = place.job(tmp_path, "usps", "incremental_files")
        land(tmp_path, "usps-1.csv", FIRST.replace(",\n", f",{word}\n"))
        load(place.adapter, job, reading)
        assert place.rows("usps", "pieces_of_mail") == [(word,), (word,)]
        land(tmp_path, "usps-2.csv", SECOND)
        result = load(place.adapter, job, reading)
        assert result.notes == [(f"column pieces_of_mail was empty until landing/usps-2.csv: "
                                 f"now DOUBLE, its '{word}' read as NULL")]
        assert place.rows("usps", "year, pieces_of_mail") == [
            (1845, None), (1846, None), (1847, 124.173), (1848, None), (1849, 135.1)]


@pytest.mark.parametrize("kind", ["duckdb", "postgres"])
def test_near_miss_a_missing_word_beside_a_text_value_keeps_the_text(
        tmp_path: Path, kind: str) -> None:
    """`NA` beside `Namibia`: the column holds a value, so the numbers go in as text."""
    with local_or_pg_place(kind, tmp_path, "dn_empty_columns") as place:
        job = place.job(tmp_path, "usps", "incremental_files")
        land(tmp_path, "usps-1.csv", "year,income,pieces_of_mail\n1845,4.3,NA\n"
                                      "1846,4.2,Namibia\n")
        load(place.adapter, job, reading)
        land(tmp_path, "usps-2.csv", SECOND)
        result = load(place.adapter, job, reading)
        assert (result.notes, result.warnings) == ([], [])
        assert place.rows("usps", "pieces_of_mail", "year") == [
            ("NA",), ("Namibia",), ("124.173",), (None,), ("135.1",)]


@pytest.mark.parametrize("kind", ["duckdb", "postgres"])
def test_near_miss_an_empty_column_then_filled_with_text_stays_text(
        tmp_path: Path, kind: str) -> None:
    with local_or_pg_place(kind, tmp_path, "dn_empty_columns") as place:
        job = place.job(tmp_path, "usps", "incremental_files")
        land(tmp_path, "usps-1.csv", FIRST)
        load(place.adapter, job, reading)
        land(tmp_path, "usps-2.csv", "year,income,pieces_of_mail\n1847,3.9,about 124\n")
        result = load(place.adapter, job, reading)
        assert (result.notes, result.warnings) == ([], [])
        assert place.rows("usps", "year, pieces_of_mail") == [
            (1845, None), (1846, None), (1847, "about 124")]


@pytest.mark.parametrize("kind", ["duckdb", "postgres"])
def test_near_miss_a_column_holding_text_is_not_narrowed_nor_said_to_widen(
        tmp_path: Path, kind: str) -> None:
    """One value (`pending`) among the first delivery's NULLs: the table holds a value, so the
    numbers of the next go in as text, as before; and a text column taking numbers is no
    change of the table (it was said to widen TEXT -> VARCHAR, warned that its values were
    turned to text, and on Postgres the table was rebuilt)."""
    with local_or_pg_place(kind, tmp_path, "dn_empty_columns") as place:
        job = place.job(tmp_path, "usps", "append")
        land(tmp_path, "usps-1.csv", FIRST + "1846,4.1,pending\n")
        load(place.adapter, job, reading)
        land(tmp_path, "usps-2.csv", SECOND)
        result = load(place.adapter, job, reading)
        assert (result.notes, result.warnings) == ([], [])
        assert _types(place, "usps")["pieces_of_mail"] in ("varchar", "text")
        assert place.rows("usps", "pieces_of_mail", "year, pieces_of_mail") == [
            (None,), ("pending",), (None,), ("124.173",), (None,), ("135.1",)]


@pytest.mark.parametrize("kind", ["duckdb", "postgres"])
def test_near_miss_empty_in_both_deliveries_and_a_header_alone_change_nothing(
        tmp_path: Path, kind: str) -> None:
    with local_or_pg_place(kind, tmp_path, "dn_empty_columns") as place:
        job = place.job(tmp_path, "usps", "incremental_files")
        land(tmp_path, "usps-1.csv", FIRST)
        load(place.adapter, job, reading)
        land(tmp_path, "usps-2.csv", "year,income,pieces_of_mail\n1847,3.9,\n")
        land(tmp_path, "usps-3.csv", "year,income,pieces_of_mail\n")
        result = load(place.adapter, job, reading)
        assert (result.notes, result.warnings) == ([], [])
        assert _types(place, "usps")["pieces_of_mail"] in ("varchar", "text")
        assert place.rows("usps", "year, pieces_of_mail") == [
            (1845, None), (1846, None), (1847, None)]


def test_near_miss_numbers_then_an_empty_delivery_keep_the_number_column(
        tmp_path: Path) -> None:
    """The mirror, `as_table`'s: the table's numbers decide, the empty delivery's text
    does not."""
    with local_or_pg_place("duckdb", tmp_path, "dn_empty_columns") as place:
        job = place.job(tmp_path, "usps", "incremental_files")
        land(tmp_path, "usps-2.csv", SECOND)
        load(place.adapter, job, reading)
        land(tmp_path, "usps-3.csv", FIRST.replace("1845", "1850").replace("1846", "1851"))
        result = load(place.adapter, job, reading)
        assert result.notes == ["kept pieces_of_mail DOUBLE (the batch's values are all empty)"]
        assert _types(place, "usps")["pieces_of_mail"] == "double"


def test_a_redelivered_file_filling_the_column_names_itself(tmp_path: Path) -> None:
    """The first file corrected and sent again with the figures: its own rows were the
    only ones, all NULL in the column, so it types the column."""
    with local_or_pg_place("duckdb", tmp_path, "dn_empty_columns") as place:
        job = place.job(tmp_path, "usps", "incremental_files")
        land(tmp_path, "usps-1.csv", FIRST)
        load(place.adapter, job, reading)
        land(tmp_path, "usps-1.csv", FIRST.replace("4.3,\n", "4.3,99.5\n"))
        result = load(place.adapter, job, reading)
        assert result.notes == [
            "column pieces_of_mail was empty until landing/usps-1.csv: now DOUBLE"]
        assert place.rows("usps", "year, pieces_of_mail") == [(1845, 99.5), (1846, None)]


def test_both_deliveries_landed_at_once_load_as_numbers(tmp_path: Path) -> None:
    with local_or_pg_place("duckdb", tmp_path, "dn_empty_columns") as place:
        job = place.job(tmp_path, "usps", "incremental_files")
        land(tmp_path, "usps-1.csv", FIRST)
        land(tmp_path, "usps-2.csv", SECOND)
        load(place.adapter, job, reading)
        assert _types(place, "usps")["pieces_of_mail"] == "double"
        assert place.rows("usps", "pieces_of_mail", "year")[2] == (124.173,)


@pytest.mark.parametrize("kind", ["duckdb", "postgres"])
def test_under_on_schema_change_fail_the_delivery_is_refused_naming_column_and_file(
        tmp_path: Path, kind: str) -> None:
    with local_or_pg_place(kind, tmp_path, "dn_empty_columns") as place:
        job = place.job(tmp_path, "usps", "append", on_schema_change="fail")
        land(tmp_path, "usps-1.csv", FIRST)
        load(place.adapter, job, reading)
        land(tmp_path, "usps-2.csv", SECOND)
        with pytest.raises(SchemaChangeError) as refused:
            load(place.adapter, job, reading)
        assert ("source table shop.usps changed: column pieces_of_mail was empty until "
                "landing/usps-2.csv, which types it DOUBLE") in str(refused.value)
        assert "`columns: {pieces_of_mail: varchar}`" in str(refused.value)
        assert refused.value.column == "pieces_of_mail"
        assert place.rows("usps", "year") == [(1845,), (1846,)]


def _ndjson(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records))


def _json(path: Path, records: list[dict]) -> None:
    path.write_text(json.dumps(records))


def _parquet(path: Path, records: list[dict]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(records), path)


@pytest.mark.parametrize("kind", ["duckdb", "postgres"])
@pytest.mark.parametrize(("ext", "write"), [("ndjson", _ndjson), ("json", _json),
                                            ("parquet", _parquet)])
def test_a_field_null_in_every_record_until_a_later_file(
        tmp_path: Path, kind: str, ext: str, write) -> None:
    """JSON's null and Parquet's null type (pandas' column of None): DuckDB kept the type
    itself (`"NULL"`) and the next file stopped the load on it; Postgres typed it text and
    the numbers went in as text. Now: typed by the file filling it; a field null again
    stays as typed, a new field null in every record is added as text."""
    with local_or_pg_place(kind, tmp_path, "dn_empty_columns") as place:
        job = place.job(tmp_path, "calls", "incremental_files", path=f"landing/*.{ext}")
        (tmp_path / "landing").mkdir()
        write(tmp_path / "landing" / f"a.{ext}", [{"id": 1, "minutes": None},
                                                  {"id": 2, "minutes": None}])
        load(place.adapter, job, reading)
        write(tmp_path / "landing" / f"b.{ext}", [{"id": 3, "minutes": 4.5},
                                                  {"id": 4, "minutes": None}])
        result = load(place.adapter, job, reading)
        assert result.notes == [f"column minutes was empty until landing/b.{ext}: now DOUBLE"]
        assert result.warnings == []
        write(tmp_path / "landing" / f"c.{ext}", [{"id": 5, "minutes": None, "note": None}])
        result = load(place.adapter, job, reading)
        assert result.notes == ["kept minutes DOUBLE (the batch's values are all empty)",
                                "added note TEXT"]
        assert place.rows("calls", "id, minutes, note") == [
            (1, None, None), (2, None, None), (3, 4.5, None), (4, None, None),
            (5, None, None)]
        assert _types(place, "calls")["minutes"] in ("double", "double precision")


def test_through_the_command_the_note_is_shown_and_the_contract_records_the_type(
        tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "datanet.yml").write_text("name: post\n")
    (tmp_path / "targets.yml").write_text("dev: {type: duckdb, path: dw.duckdb}\n")
    (tmp_path / "sources" / "post.yml").write_text(
        "sources:\n  - name: post\n    tables:\n      - name: usps\n"
        "        path: landing/*.csv\n        load: {mode: incremental_files}\n")
    land(tmp_path, "usps-1.csv", FIRST)
    assert invoke("ingest", "--project-dir", tmp_path).exit_code == 0
    land(tmp_path, "usps-2.csv", SECOND)
    result = invoke("ingest", "--project-dir", tmp_path)
    assert result.exit_code == 0, result.output
    assert "post.usps: column pieces_of_mail was empty until landing/usps-2.csv: now DOUBLE" \
        in result.stderr
    assert "Traceback" not in result.output and "warning" not in result.stderr
    contract = yaml.safe_load((tmp_path / "profiles" / "post.usps.yml").read_text())
    assert {c["name"]: c["type"] for c in contract["columns"]}["pieces_of_mail"] == "DOUBLE"
    assert query(tmp_path, "select pieces_of_mail from post.usps order by year") == [
        (None,), (None,), (124.173,), (None,), (135.1,)]


def test_on_spark_the_table_is_made_anew_with_the_column_typed(tmp_path: Path, spark) -> None:
    """Spark's Parquet tables cannot retype a column (a widening is refused there): a
    column holding only NULL is cast as the table is rebuilt, which loses nothing."""
    from ingest_helpers import Place

    place = Place(spark, "dn_load", "dn_load_shop")
    table = f"t_{uuid.uuid4().hex[:8]}"
    job = place.job(tmp_path, table, "incremental_files")
    land(tmp_path, "usps-1.csv", FIRST)
    load(spark, job, reading)
    land(tmp_path, "usps-2.csv", SECOND)
    result = load(spark, job, reading)
    assert result.notes == [
        "column pieces_of_mail was empty until landing/usps-2.csv: now DOUBLE"]
    assert place.rows(table, "year, pieces_of_mail") == [
        (1845, None), (1846, None), (1847, 124.173), (1848, None), (1849, 135.1)]
