"""Deliveries whose column holds typed values of another family than the table's, on real
files loaded into real DuckDB and Postgres warehouses: a Parquet file's `timestamp` as int64
FIT seconds after Parquet timestamps, or instants where the table holds numbers, refused
naming the file, the column and both types, the table left as it was; widening within a
family (integers then doubles, dates then timestamps) and free text in a number column
(widened, with the warning) load as before."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from ingest_helpers import invoke, land, load_landing, local_or_pg_place, query

from datanet_sql.errors import IngestError
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load

FIT_EPOCH = dt.datetime(1989, 12, 31)
NIGHTS = [dt.datetime(2026, 9, 1, 23, 0) + i * dt.timedelta(days=1, minutes=7)
          for i in range(4)]


def _parquet(root: Path, name: str, stamps: list, kind: str) -> None:
    """A sleep file: `timestamp` a Parquet timestamp (`kind` "timestamp") or int64 FIT
    seconds ("fit")."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    values = (pa.array([int((t - FIT_EPOCH).total_seconds()) for t in stamps], pa.int64())
              if kind == "fit" else pa.array(stamps, pa.timestamp("s")))
    (root / "landing").mkdir(exist_ok=True)
    pq.write_table(pa.table({"timestamp": values, "sleep": ["<6"] * len(stamps)}),
                   root / "landing" / name)


@pytest.mark.parametrize("kind", ["duckdb", "postgres"])
def test_fit_seconds_after_timestamps_are_refused_naming_file_column_and_types(tmp_path,
                                                                               kind):
    with local_or_pg_place(kind, tmp_path, "loads38_misfit") as place:
        job = place.job(tmp_path, "sleep", "incremental_files", path="landing/*.parquet")
        _parquet(tmp_path, "sleep-1.parquet", NIGHTS[:2], "timestamp")
        load(place.adapter, job, reading)
        _parquet(tmp_path, "sleep-2.parquet", NIGHTS[2:], "fit")
        with pytest.raises(IngestError) as refused:
            load(place.adapter, job, reading)
        assert (refused.value.file, refused.value.column) == ("landing/sleep-2.parquet",
                                                              "timestamp")
        assert refused.value.message.startswith(
            "column timestamp: BIGINT here (e.g. '1157411640'), TIMESTAMP in the table "
            "shop.sleep (numbers counted from an epoch: Unix seconds from 1970? a FIT file's "
            "from 1989-12-31? milliseconds?)")
        assert "the batch is refused, nothing of it loaded" in refused.value.message
        assert "`columns: {timestamp: varchar}`" in (refused.value.hint or "")
        assert place.rows("sleep", '"timestamp"') == [(NIGHTS[0],), (NIGHTS[1],)]


def test_instants_where_the_table_holds_numbers_are_refused_too(tmp_path):
    land(tmp_path, "s-1.csv", "id,reading\n1,46350.5\n")
    load_landing(tmp_path)[0].close()
    land(tmp_path, "s-2.csv", "id,reading\n2,2026-12-01 08:00:00\n")
    with pytest.raises(IngestError, match=r"^landing/s-2.csv: column reading: TIMESTAMP here "
                                          r"\(e.g. '2026-12-01 08:00:00'\), DOUBLE in the "
                                          r"table shop.sales: reading one as the other"):
        load_landing(tmp_path)
    assert query(tmp_path, "select id, reading from shop.sales") == [(1, 46350.5)]


def test_through_the_command_no_traceback(tmp_path):
    (tmp_path / "sources").mkdir()
    (tmp_path / "datanet.yml").write_text("name: sleep\n")
    (tmp_path / "targets.yml").write_text("dev: {type: duckdb, path: dw.duckdb}\n")
    (tmp_path / "sources" / "sleep.yml").write_text(
        "sources:\n  - name: watch\n    tables:\n      - name: nights\n"
        "        path: landing/*.parquet\n        load: {mode: incremental_files}\n")
    _parquet(tmp_path, "sleep-1.parquet", NIGHTS[:2], "timestamp")
    assert invoke("ingest", "--project-dir", tmp_path).exit_code == 0
    _parquet(tmp_path, "sleep-2.parquet", NIGHTS[2:], "fit")
    result = invoke("ingest", "--project-dir", tmp_path)
    assert result.exit_code == 1
    assert "landing/sleep-2.parquet: column timestamp: BIGINT here" in result.stderr
    assert "Traceback" not in result.output
    assert query(tmp_path, "select count(*) from watch.nights") == [(2,)]


def test_near_miss_widening_within_a_family_stays_automatic(tmp_path):
    """Integers then doubles, dates then timestamps: widened as before, no warning."""
    land(tmp_path, "s-1.csv", "id,amount,day\n1,5,2026-12-01\n")
    load_landing(tmp_path)[0].close()
    land(tmp_path, "s-2.csv", "id,amount,day\n2,5.5,2026-12-02 08:30:00\n")
    adapter, result = load_landing(tmp_path)
    assert result.warnings == []
    assert adapter.fetch("select amount, day from shop.sales order by id")[1] == [
        (5.0, dt.datetime(2026, 12, 1)), (5.5, dt.datetime(2026, 12, 2, 8, 30))]


def test_near_miss_free_text_in_a_timestamp_column_still_widens_with_a_warning(tmp_path):
    """Text is what a reader falls back to for values it cannot type: the project's policy
    widens to it, with the warning naming the declaration that keeps the type."""
    land(tmp_path, "s-1.csv", "id,day\n1,2026-12-01 08:00:00\n")
    load_landing(tmp_path)[0].close()
    land(tmp_path, "s-2.csv", "id,day\n2,yesterday\n")
    adapter, result = load_landing(tmp_path)
    assert result.warnings and result.warnings[0].startswith(
        "column day is text now, was TIMESTAMP")
    assert adapter.fetch("select day from shop.sales order by id")[1] == [
        ("2026-12-01 08:00:00",), ("yesterday",)]
