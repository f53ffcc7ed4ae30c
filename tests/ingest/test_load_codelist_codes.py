"""Deliveries writing a column of labels as its codelist's codes, on real CSV files loaded
into real DuckDB and Postgres warehouses: `treatment` as `1`, `2` after `Misoprostol`,
`Placebo` refused naming the file and the column, the table left as it was; a text column
already holding numbers, free text, and integers too many to be codes load as before."""

from __future__ import annotations

import pytest
from ingest_helpers import invoke, land, load_landing, local_or_pg_place, query

from datanet_sql.errors import IngestError
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load

LABELS = "study,treatment,grade\nI,Misoprostol,1\nI,Placebo,3\nII,Misoprostol,2\nII,Placebo,5\n"
CODES = "study,treatment,grade\nIII,1,1\nIII,2,4\nIV,2,2\n"


@pytest.mark.parametrize("kind", ["duckdb", "postgres"])
def test_codes_after_labels_are_refused_naming_file_and_column(tmp_path, kind):
    with local_or_pg_place(kind, tmp_path, "deliv39_codes") as place:
        job = place.job(tmp_path, "trial", "incremental_files", path="landing/*.csv")
        land(tmp_path, "trial-1.csv", LABELS)
        load(place.adapter, job, reading)
        land(tmp_path, "trial-2.csv", CODES)
        with pytest.raises(IngestError) as refused:
            load(place.adapter, job, reading)
        assert (refused.value.file, refused.value.column) == ("landing/trial-2.csv",
                                                              "treatment")
        assert refused.value.message.startswith(
            "source table shop.trial: column treatment of landing/trial-2.csv holds small "
            "integer codes only (e.g. 1) where the table holds it as labels (e.g. "
            "'Misoprostol'), none a number")
        assert "the batch is refused, nothing of it loaded" in refused.value.message
        assert "`columns: {treatment: varchar}`" in (refused.value.hint or "")
        assert sorted(place.rows("trial", "treatment")) == [
            ("Misoprostol",), ("Misoprostol",), ("Placebo",), ("Placebo",)]


def test_through_the_command_no_traceback(tmp_path):
    (tmp_path / "sources").mkdir()
    (tmp_path / "datanet.yml").write_text("name: trial\n")
    (tmp_path / "targets.yml").write_text("dev: {type: duckdb, path: dw.duckdb}\n")
    (tmp_path / "sources" / "trial.yml").write_text(
        "sources:\n  - name: sponsor\n    tables:\n      - name: patients\n"
        "        path: landing/*.csv\n        load: {mode: incremental_files}\n")
    land(tmp_path, "trial-1.csv", LABELS)
    assert invoke("ingest", "--project-dir", tmp_path).exit_code == 0
    land(tmp_path, "trial-2.csv", CODES)
    result = invoke("ingest", "--project-dir", tmp_path)
    assert result.exit_code == 1
    assert "column treatment of landing/trial-2.csv holds small integer codes" in result.stderr
    assert "Traceback" not in result.output
    assert query(tmp_path, "select count(*) from sponsor.patients") == [(4,)]


@pytest.mark.parametrize("first", [
    "id,arm\n1,A\n2,B\n3,3\n4,A\n",                           # numbers among the labels
    "id,arm\n1,felt dizzy\n2,no complaint\n3,slept badly\n",  # free text
])
def test_near_miss_text_columns_that_are_no_labels_widen_as_before(tmp_path, first):
    land(tmp_path, "t-1.csv", first)
    load_landing(tmp_path)[0].close()
    land(tmp_path, "t-2.csv", "id,arm\n5,1\n6,2\n")
    load_landing(tmp_path)[0].close()
    assert query(tmp_path, "select arm from shop.sales where id >= 5 order by id") == [
        ("1",), ("2",)]


def test_near_miss_integers_too_large_to_be_codes_widen_as_before(tmp_path):
    land(tmp_path, "t-1.csv", "id,site\n1,North\n2,North\n3,South\n4,South\n")
    load_landing(tmp_path)[0].close()
    land(tmp_path, "t-2.csv", "id,site\n5,4021\n6,4022\n")
    load_landing(tmp_path)[0].close()
    assert query(tmp_path, "select site from shop.sales order by id") == [
        ("North",), ("North",), ("South",), ("South",), ("4021",), ("4022",)]
