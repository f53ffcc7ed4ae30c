"""A bank's statements loaded into real DuckDB and Postgres warehouses, the first signed
(`-5.10`), the next unsigned with `CR`/`DR` after each amount (`5.10 DR`): refused naming the
file, the column and a value, the table left as it was (the sign would be a guess); text
with other words among the amounts still widens with the warning, and CR/DR amounts into
a text column load as before."""

from __future__ import annotations

import pytest
from ingest_helpers import land, load_landing, local_or_pg_place

from datanet_sql.errors import IngestError
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load

SIGNED = "id,amount,education\n1,5.1,8\n2,-4.95,9\n"


@pytest.mark.parametrize("kind", ["duckdb", "postgres"])
def test_cr_dr_amounts_after_signed_ones_are_refused_naming_file_column_and_a_value(
        tmp_path, kind):
    with local_or_pg_place(kind, tmp_path, "loads38_crdr") as place:
        job = place.job(tmp_path, "statement", "incremental_files")
        land(tmp_path, "statement-1.csv", SIGNED)
        load(place.adapter, job, reading)
        land(tmp_path, "statement-2.csv", "id,amount,education\n3,6.70 CR,12\n4,5.10 DR,10\n")
        with pytest.raises(IngestError) as refused:
            load(place.adapter, job, reading)
        assert (refused.value.file, refused.value.column) == ("landing/statement-2.csv",
                                                              "amount")
        assert refused.value.message.startswith(
            "column amount: amounts written unsigned with CR/DR after them (e.g. '5.10 DR'), "
            "DOUBLE in the table shop.statement: which of credit and debit is negative")
        assert "signed amounts" in (refused.value.hint or "")
        assert place.rows("statement", "id, amount") == [(1, 5.1), (2, -4.95)]


@pytest.mark.parametrize("amounts", ["1,234.56DR\n7 cr", " 12.00 Dr \n3.5 CR"])
def test_other_spellings_of_the_marks_are_refused_too(tmp_path, amounts):
    land(tmp_path, "s-1.csv", SIGNED)
    load_landing(tmp_path)[0].close()
    land(tmp_path, "s-2.csv", "id,amount,education\n" + "".join(
        f'{i},"{a}",9\n' for i, a in enumerate(amounts.split("\n"), 3)))
    with pytest.raises(IngestError, match=r"^landing/s-2.csv: column amount: amounts written "
                                          r"unsigned with CR/DR"):
        load_landing(tmp_path)


def test_near_miss_other_text_among_the_amounts_still_widens_with_a_warning(tmp_path):
    """`pending` is no marked amount: the column is free text, widened as the policy says."""
    land(tmp_path, "s-1.csv", SIGNED)
    load_landing(tmp_path)[0].close()
    land(tmp_path, "s-2.csv", "id,amount,education\n3,5.10 DR,12\n4,pending,10\n")
    adapter, result = load_landing(tmp_path)
    assert result.warnings and result.warnings[0].startswith(
        "column amount is text now, was DOUBLE")
    assert adapter.fetch("select amount from shop.sales order by id")[1] == [
        ("5.1",), ("-4.95",), ("5.10 DR",), ("pending",)]


def test_near_miss_cr_dr_amounts_into_a_text_column_load_as_written(tmp_path):
    land(tmp_path, "s-1.csv", "id,amount\n1,3.00 DR\n")
    load_landing(tmp_path)[0].close()
    land(tmp_path, "s-2.csv", "id,amount\n2,6.70 CR\n")
    adapter, result = load_landing(tmp_path)
    assert result.warnings == []
    assert adapter.fetch("select amount from shop.sales order by id")[1] == [
        ("3.00 DR",), ("6.70 CR",)]
