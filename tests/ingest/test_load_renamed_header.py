"""A food diary app's exports loaded into a real DuckDB warehouse, the second after the app
was switched to German (`Lebensmittel,Kalorien,...`, every name new, as many as the
table's): refused naming the file, its names and the table's, the table left as it was;
a delivery keeping one of the table's names, or bringing more columns than the table has,
evolves as before."""

from __future__ import annotations

import pytest
from ingest_helpers import invoke, land, load_landing, local_or_pg_place, query

from datanet_sql.errors import IngestError
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load

FIRST = "item,calories,fat\nApple Pie,300,14\nBanana Nut Loaf,490,19\n"


@pytest.mark.parametrize("kind", ["duckdb", "postgres"])
def test_a_header_in_another_language_is_refused_naming_file_and_both_names(tmp_path, kind):
    with local_or_pg_place(kind, tmp_path, "loads38_renamed") as place:
        job = place.job(tmp_path, "diary", "incremental_files")
        land(tmp_path, "diary-1.csv", FIRST)
        load(place.adapter, job, reading)
        land(tmp_path, "diary-2.csv", "Lebensmittel,Kalorien,Fett\nCake Pop,170,9\n")
        with pytest.raises(IngestError) as refused:
            load(place.adapter, job, reading)
        assert refused.value.file == "landing/diary-2.csv"
        assert refused.value.message == (
            "its 3 column(s) are all new to the table shop.diary, which has as many: "
            "lebensmittel, kalorien, fett here, item, calories, fat in the table. A schema "
            "change keeps some names; every column renamed is a header in another language or "
            "another table's file, and adding them would leave NULL in every earlier row: the "
            "batch is refused, nothing of it loaded")
        assert "rename the columns in the file to the table's" in (refused.value.hint or "")
        assert place.rows("diary", "item, calories, fat") == [
            ("Apple Pie", 300, 14), ("Banana Nut Loaf", 490, 19)]


def test_through_the_command_no_traceback(tmp_path):
    (tmp_path / "sources").mkdir()
    (tmp_path / "datanet.yml").write_text("name: diary\n")
    (tmp_path / "targets.yml").write_text("dev: {type: duckdb, path: dw.duckdb}\n")
    (tmp_path / "sources" / "diary.yml").write_text(
        "sources:\n  - name: diary\n    tables:\n      - name: items\n"
        "        path: landing/*.csv\n        load: {mode: incremental_files}\n")
    land(tmp_path, "diary-1.csv", FIRST)
    assert invoke("ingest", "--project-dir", tmp_path).exit_code == 0
    land(tmp_path, "diary-2.csv", "Lebensmittel,Kalorien,Fett\nCake Pop,170,9\n")
    result = invoke("ingest", "--project-dir", tmp_path)
    assert result.exit_code == 1
    assert "landing/diary-2.csv: its 3 column(s) are all new" in result.stderr
    assert "Traceback" not in result.output
    assert query(tmp_path, "select count(*) from diary.items") == [(2,)]


@pytest.mark.parametrize("header", ["item,kcal,fat_g", "name,kcal,fat_g,sugar"])
def test_near_miss_a_real_schema_change_evolves_as_before(tmp_path, header):
    """One of the table's names kept, or more columns than the table's: columns added."""
    land(tmp_path, "diary-1.csv", FIRST)
    load_landing(tmp_path)[0].close()
    land(tmp_path, "diary-2.csv", f"{header}\nCake Pop,170,9{',2' * (header.count(',') - 2)}\n")
    adapter, result = load_landing(tmp_path)
    assert any(n.startswith("added kcal") for n in result.notes)
    assert adapter.fetch("select count(*), count(kcal) from shop.sales")[1] == [(3, 1)]
