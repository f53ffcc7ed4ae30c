"""Long integer ids a delivery re-saved in Excel writes as `1.20002E+12` (six significant
digits kept, see ingest/excel_ids.py): refused naming the column and the file where the
table (or the batch) holds the exact ids, the table left as it was; the near misses (exact
long integers written as doubles, amounts of every size, short integers as doubles) load
as before. Real files on DuckDB and Postgres."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import Place

from datanet_sql.errors import IngestError
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load

IDS = [1200023300000 + i * 7700001 for i in range(4)]  # 13-digit meter ids (MPAN cores)


def land(root: Path, name: str, text: str) -> None:
    path = root / "landing" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text)


def _excel(value: int) -> str:
    """A number as Excel's General format writes a long one to CSV."""
    mantissa, exponent = f"{value:.5E}".split("E")
    return f"{mantissa.rstrip('0').rstrip('.')}E+{int(exponent)}"


def _exact(root: Path, place: Place) -> None:
    """The first delivery, its ids exact, loaded."""
    land(root, "plants-1.csv", "mpan,cost\n" + "".join(f"{m},{i}.5\n" for i, m in
                                                       enumerate(IDS[:2])))
    load(place.adapter, place.job(root, "plants", "incremental_files"), reading)


def test_a_re_saved_delivery_of_rounded_ids_is_refused(tmp_path: Path, place: Place) -> None:
    """The kind as a user meets it: the second delivery is the export re-saved in Excel
    (`1.20002E+12`): refused naming the column and the file, nothing of it loaded."""
    _exact(tmp_path, place)
    land(tmp_path, "plants-2.csv", "mpan,cost\n" + "".join(f"{_excel(m)},{i}.5\n" for i, m in
                                                           enumerate(IDS[2:])))
    with pytest.raises(IngestError) as error:
        load(place.adapter, place.job(tmp_path, "plants", "incremental_files"), reading)
    assert error.value.column == "mpan"
    assert error.value.file == "landing/plants-2.csv"
    assert error.value.message == (
        "source table shop.plants: column mpan of landing/plants-2.csv holds long ids rounded "
        "to 6 significant digits (1.20004E+12, as Excel writes a number of 12 digits or more "
        "when it saves a file as CSV) where the table holds them exact: the lost digits "
        "cannot be recovered, and loading them would give many rows one id")
    assert "before it was opened in Excel" in (error.value.hint or "")
    assert place.rows("plants", "mpan, cost") == [(IDS[0], 0.5), (IDS[1], 1.5)]


@pytest.mark.parametrize("spelled", ["1.2E+12", "1.20002e+12", "1200020000000"])
def test_rounded_ids_in_other_spellings_are_refused(tmp_path: Path, place: Place,
                                                    spelled: str) -> None:
    """A narrower column keeps fewer digits (`1.2E+12`); another tool writes a small `e`,
    or the rounded number in full: the digits are lost all the same."""
    _exact(tmp_path, place)
    land(tmp_path, "plants-2.csv", f"mpan,cost\n{spelled},2.5\n1.20003E+12,3.5\n")
    with pytest.raises(IngestError, match="column mpan of landing/plants-2.csv holds long"):
        load(place.adapter, place.job(tmp_path, "plants", "incremental_files"), reading)
    assert len(place.rows("plants")) == 2


def test_exact_ids_beside_rounded_ones_in_one_batch_are_refused(
        tmp_path: Path, place: Place) -> None:
    """A table of exact ids, then the exact export and its re-saved copy landed together
    (one batch, read as doubles): the rounded ids are refused beside the exact ones."""
    _exact(tmp_path, place)
    land(tmp_path, "plants-2.csv", f"mpan,cost\n{IDS[2]}.0,2.5\n{_excel(IDS[3])},3.5\n")
    with pytest.raises(IngestError) as error:
        load(place.adapter, place.job(tmp_path, "plants", "incremental_files"), reading)
    assert f"beside exact ones ({IDS[2]})" in error.value.message


def test_exact_long_ids_written_as_doubles_load_as_before(tmp_path: Path,
                                                          place: Place) -> None:
    """The near miss: ids written with `.0` (pandas beside a missing one) keep every
    digit; the column widens to double as it always did, noted, nothing refused."""
    _exact(tmp_path, place)
    land(tmp_path, "plants-2.csv", f"mpan,cost\n{IDS[2]}.0,2.5\n,3.5\n")
    result = load(place.adapter, place.job(tmp_path, "plants", "incremental_files"), reading)
    assert "widened mpan BIGINT -> DOUBLE" in result.notes
    assert place.rows("plants", "mpan, cost", "2") == [
        (float(IDS[0]), 0.5), (float(IDS[1]), 1.5), (float(IDS[2]), 2.5), (None, 3.5)]


def test_round_amounts_among_short_ones_load_as_before(tmp_path: Path,
                                                       place: Place) -> None:
    """The near miss: amounts of every size (a budget of 1.5E+12 beside 12.25) are no ids:
    the column widens to double as before."""
    land(tmp_path, "a.csv", "id,budget\n1,123456789012\n2,250\n")
    job = place.job(tmp_path, "budgets", "incremental_files")
    load(place.adapter, job, reading)
    land(tmp_path, "b.csv", "id,budget\n3,1.5E+12\n4,12.25\n")
    load(place.adapter, job, reading)
    assert place.rows("budgets", "id, budget") == [
        (1, 123456789012.0), (2, 250.0), (3, 1.5e12), (4, 12.25)]


def test_rounded_long_numbers_over_a_table_of_round_ones_load_as_before(
        tmp_path: Path, place: Place) -> None:
    """The near miss: a table whose long integers are round themselves (1.2E+12 exactly)
    shows no digits lost: the doubles load, widened as before."""
    land(tmp_path, "a.csv", "id,cap\n1,1200000000000\n")
    job = place.job(tmp_path, "caps", "incremental_files")
    load(place.adapter, job, reading)
    land(tmp_path, "b.csv", "id,cap\n2,1.3E+12\n")
    load(place.adapter, job, reading)
    assert place.rows("caps", "id, cap") == [(1, 1.2e12), (2, 1.3e12)]


@pytest.mark.parametrize("odd", ["inf", "-inf", "1e300"])
def test_a_double_past_any_integer_beside_rounded_ids_is_no_error(
        tmp_path: Path, place: Place, odd: str) -> None:
    """Infinity or a double past every integer beside rounded ids: counted, never cast (a
    cast would fail the load with the warehouse's error); the rounded ids still refused
    as ids only when every value is one, so here the column widens as before."""
    _exact(tmp_path, place)
    land(tmp_path, "plants-2.csv", f"mpan,cost\n1.20004E+12,2.5\n{odd},3.5\n")
    load(place.adapter, place.job(tmp_path, "plants", "incremental_files"), reading)
    assert len(place.rows("plants")) == 4
