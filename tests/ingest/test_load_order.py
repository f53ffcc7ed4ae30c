"""The order landed files load in: as a person numbers them (runs of digits as numbers),
so under `merge` the file numbered last wins a key given by files landed together."""

from __future__ import annotations

import time
from pathlib import Path

from test_load_modes import job, rows, write

from datanet_sql.adapters.files import expand
from datanet_sql.ingest import reading
from datanet_sql.ingest.landing import data_paths, landed_files
from datanet_sql.ingest.loader import load


def _names(paths: list) -> list[str]:
    return [Path(str(p)).name for p in paths]


def _land(tmp_path: Path, names: list[str]) -> str:
    for name in reversed(names):  # written in the other order: the listing decides
        write(tmp_path, name, "id,v\n1,x\n")
    return str(tmp_path / "landing" / "*.csv")


def test_unpadded_numbers_load_in_number_order(tmp_path: Path) -> None:
    pattern = _land(tmp_path, ["export_2.csv", "export_9.csv", "export_10.csv", "export_100.csv"])
    wanted = ["export_2.csv", "export_9.csv", "export_10.csv", "export_100.csv"]
    assert _names(data_paths(pattern)) == wanted
    assert _names([f.path for f in landed_files(pattern)]) == wanted
    assert _names(expand(pattern)) == wanted


def test_unpadded_dates_load_in_date_order(tmp_path: Path) -> None:
    pattern = _land(
        tmp_path,
        ["sales_2024-1-9.csv", "sales_2024-1-10.csv", "sales_2024-2-1.csv", "sales_2024-10-1.csv"],
    )
    assert _names(data_paths(pattern)) == [
        "sales_2024-1-9.csv",
        "sales_2024-1-10.csv",
        "sales_2024-2-1.csv",
        "sales_2024-10-1.csv",
    ]


def test_zero_padded_numbers_and_iso_dates_keep_their_order(tmp_path: Path) -> None:
    padded = ["export_008.csv", "export_009.csv", "export_010.csv", "export_100.csv"]
    iso = [
        "sales_2023-12-31.csv",
        "sales_2024-01-09.csv",
        "sales_2024-01-10.csv",
        "sales_2024-09-30.csv",
        "sales_2024-10-01.csv",
        "sales_2024-10-01T09-05-00.csv",
        "sales_2024-10-01T10-00-00.csv",
    ]
    pattern = _land(tmp_path, padded + iso)
    assert _names(data_paths(pattern)) == padded + iso == sorted(padded + iso)


def test_names_alike_but_for_zero_padding_keep_one_order(tmp_path: Path) -> None:
    """`export_9` and `export_09` are the same number: the text tells them apart, so the
    order never depends on how the folder was listed."""
    pattern = _land(tmp_path, ["export_09.csv", "export_9.csv", "export_10.csv"])
    assert _names(data_paths(pattern)) == ["export_09.csv", "export_9.csv", "export_10.csv"]


def test_merge_lets_the_file_numbered_last_win(tmp_path: Path, adapter) -> None:
    """Run 2 lands `export_9.csv` and `export_10.csv`, both revising ids 1 and 2: export
    10's values are the table's (sorted as text, export 9's came last and won)."""
    spec = {"primary_key": ["id"]}
    now = time.time()
    write(tmp_path, "export_8.csv", "id,length\n1,10.0\n2,20.0\n3,30.0\n", now - 300)
    load(adapter, job(tmp_path, "merge", "landing/export_*.csv", **spec), reading)
    write(tmp_path, "export_9.csv", "id,length\n1,11.0\n2,21.0\n", now - 200)
    write(tmp_path, "export_10.csv", "id,length\n1,12.0\n2,22.0\n", now - 100)
    result = load(adapter, job(tmp_path, "merge", "landing/export_*.csv", **spec), reading)
    assert result.batches == 2
    assert rows(adapter, "select id, length from shop.sales order by id") == [
        (1, 12.0),
        (2, 22.0),
        (3, 30.0),
    ]
