"""A delivery whose name a landing glob misses only by case (`sales-2.CSV` under `*.csv`, as
Windows and mainframe tools name files) loads with a warning naming it, once; a file the
glob does not match in any case stays unread, and a glob with no letter lists nothing more."""

from __future__ import annotations

from pathlib import Path

from test_load_modes import job, rows, write

from datanet_sql.ingest import reading
from datanet_sql.ingest.landing import data_paths
from datanet_sql.ingest.loader import load

WARNING = ("landing/SALES-3.CSV: the path landing/*.csv matches this file's name only when "
           "case is ignored (Windows and mainframe tools write names such as `.CSV`): loaded "
           "as a delivery like the others. If it is not one, move it out of the folder; to "
           "match such names on purpose, write both cases in the pattern (e.g. "
           "`*.[cC][sS][vV]`)")


def test_an_upper_case_extension_loads_once_with_a_warning(tmp_path: Path, adapter) -> None:
    write(tmp_path, "sales-1.csv", "id,v\n1,a\n")
    write(tmp_path, "sales-2.csv", "id,v\n2,b\n")
    first = load(adapter, job(tmp_path, "incremental_files"), reading)
    assert (first.batches, first.warnings) == (2, [])
    write(tmp_path, "SALES-3.CSV", "id,v\n3,c\n")
    second = load(adapter, job(tmp_path, "incremental_files"), reading)
    assert (second.batches, second.rows, second.warnings) == (1, 1, [WARNING])
    assert rows(adapter) == [(1, "a"), (2, "b"), (3, "c")]
    third = load(adapter, job(tmp_path, "incremental_files"), reading)
    assert (third.batches, third.skipped, third.warnings) == (0, 3, [])


def test_near_misses_are_not_listed(tmp_path: Path, adapter) -> None:
    """Files the pattern does not match in any case (`.csv.bak`, `.tsv`), hidden and
    unfinished ones in upper case, and a folder of another case, stay out."""
    write(tmp_path, "sales-1.csv", "id,v\n1,a\n")
    for name in ("sales-2.CSV.bak", "sales-3.TSV", ".SALES-4.CSV", "SALES-5.CSV.PART"):
        write(tmp_path, name, "id,v\n9,z\n")
    (tmp_path / "Landing").mkdir()
    (tmp_path / "Landing" / "sales-6.csv").write_text("id,v\n9,z\n")
    result = load(adapter, job(tmp_path, "incremental_files"), reading)
    assert (result.batches, result.warnings) == (1, [])
    assert rows(adapter) == [(1, "a")]


def test_a_glob_without_letters_adds_nothing(tmp_path: Path) -> None:
    write(tmp_path, "a.csv", "id\n1\n")
    write(tmp_path, "B.CSV", "id\n2\n")
    cased: list[Path] = []
    found = data_paths(str(tmp_path / "landing" / "*"), cased=cased)
    assert ([p.name for p in found], cased) == (["B.CSV", "a.csv"], [])


def test_replace_warns_each_run_it_loads_the_file(tmp_path: Path, adapter) -> None:
    """`replace` loads every file again each run: the warning comes with each load."""
    write(tmp_path, "sales-1.csv", "id,v\n1,a\n")
    write(tmp_path, "SALES-3.CSV", "id,v\n3,c\n")
    for _ in range(2):
        result = load(adapter, job(tmp_path, "replace"), reading)
        assert result.warnings == [WARNING]
        assert rows(adapter, "select * from shop.sales order by all") == [(1, "a"), (3, "c")]
