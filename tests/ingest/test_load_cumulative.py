"""Cumulative downloads (a logger's second download holding every reading of the first,
then new ones), on real CSV files loaded into a real DuckDB warehouse: refused naming the
file, the earlier file and its rows already loaded, nothing loaded; the ways out the hint
names work; files sharing only a header or their first rows, appends and merges load as
before."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import invoke, land, local_or_pg_place, query

from datanet_sql.errors import IngestError
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load

HEADER = "day,time,temp\n"
FIRST = ["346,840,36.33\n", "346,850,36.34\n", "346,900,36.35\n"]
LATER = ["346,910,36.42\n", "346,920,36.55\n"]


def _download(root: Path, name: str, readings: list[str]) -> None:
    land(root, name, HEADER + "".join(readings))


def _load(place, root: Path, mode: str = "incremental_files", **config):
    return load(place.adapter, place.job(root, "temps", mode, path="landing/*.csv", **config),
                reading)


def test_second_download_repeating_the_first_is_refused_naming_both_files(tmp_path):
    with local_or_pg_place("duckdb", tmp_path, "deliv39_cumulative") as place:
        _download(tmp_path, "beaver-1.csv", FIRST)
        _load(place, tmp_path)
        _download(tmp_path, "beaver-2.csv", FIRST + LATER)
        with pytest.raises(IngestError) as refused:
            _load(place, tmp_path)
        assert refused.value.file == "landing/beaver-2.csv"
        assert refused.value.message.startswith(
            "source table shop.temps: landing/beaver-2.csv begins with every byte of "
            "landing/beaver-1.csv (its 3 row(s) are in the table already), then holds 28 "
            "byte(s) more: a cumulative download")
        assert "`load: {same_content: load}`" in (refused.value.hint or "")
        assert place.rows("temps", "time") == [(840,), (850,), (900,)]


def test_both_downloads_new_in_one_run_are_refused_too(tmp_path):
    with local_or_pg_place("duckdb", tmp_path, "deliv39_cumulative") as place:
        _download(tmp_path, "beaver-1.csv", FIRST)
        _download(tmp_path, "beaver-2.csv", FIRST + LATER)
        with pytest.raises(IngestError, match=r"landing/beaver-1.csv \(it is new in this run "
                                              r"too\)"):
            _load(place, tmp_path)


def test_the_hint_landing_it_under_the_earlier_name_loads_each_reading_once(tmp_path):
    with local_or_pg_place("duckdb", tmp_path, "deliv39_cumulative") as place:
        _download(tmp_path, "beaver-1.csv", FIRST)
        _load(place, tmp_path)
        _download(tmp_path, "beaver-1.csv", FIRST + LATER)
        _load(place, tmp_path)
        assert place.rows("temps", "time") == [(840,), (850,), (900,), (910,), (920,)]


def test_same_content_load_takes_every_file_whole(tmp_path):
    with local_or_pg_place("duckdb", tmp_path, "deliv39_cumulative") as place:
        _download(tmp_path, "beaver-1.csv", FIRST)
        _load(place, tmp_path, same_content="load")
        _download(tmp_path, "beaver-2.csv", FIRST + LATER)
        _load(place, tmp_path, same_content="load")
        assert len(place.rows("temps")) == 8


@pytest.mark.parametrize("first", [
    "",                                      # a header alone begins every download
    "".join(FIRST[:2]) + "346,905,36.36\n",  # the first rows agree, the last does not
])
def test_near_miss_files_not_wholly_repeated_load_as_before(tmp_path, first):
    with local_or_pg_place("duckdb", tmp_path, "deliv39_cumulative") as place:
        land(tmp_path, "beaver-1.csv", HEADER + first)
        _load(place, tmp_path)
        _download(tmp_path, "beaver-2.csv", FIRST + LATER)
        _load(place, tmp_path)
        assert len(place.rows("temps")) == first.count("\n") + 5


def test_near_miss_append_adds_every_row_of_every_new_file_as_before(tmp_path):
    with local_or_pg_place("duckdb", tmp_path, "deliv39_cumulative") as place:
        _download(tmp_path, "beaver-1.csv", FIRST)
        _load(place, tmp_path, "append")
        _download(tmp_path, "beaver-2.csv", FIRST + LATER)
        _load(place, tmp_path, "append")
        assert len(place.rows("temps")) == 8


def test_near_miss_merge_keeps_each_reading_once_by_its_key(tmp_path):
    with local_or_pg_place("duckdb", tmp_path, "deliv39_cumulative") as place:
        _download(tmp_path, "beaver-1.csv", FIRST)
        _load(place, tmp_path, "merge", primary_key=["day", "time"])
        _download(tmp_path, "beaver-2.csv", FIRST + LATER)
        _load(place, tmp_path, "merge", primary_key=["day", "time"])
        assert place.rows("temps", "time") == [(840,), (850,), (900,), (910,), (920,)]


def test_through_the_command_no_traceback(tmp_path):
    (tmp_path / "sources").mkdir()
    (tmp_path / "datanet.yml").write_text("name: logger\n")
    (tmp_path / "targets.yml").write_text("dev: {type: duckdb, path: dw.duckdb}\n")
    (tmp_path / "sources" / "logger.yml").write_text(
        "sources:\n  - name: beaver\n    tables:\n      - name: temps\n"
        "        path: landing/*.csv\n        load: {mode: incremental_files}\n")
    _download(tmp_path, "beaver-1.csv", FIRST)
    assert invoke("ingest", "--project-dir", tmp_path).exit_code == 0
    _download(tmp_path, "beaver-2.csv", FIRST + LATER)
    result = invoke("ingest", "--project-dir", tmp_path)
    assert result.exit_code == 1
    assert "landing/beaver-2.csv begins with every byte of landing/beaver-1.csv" in \
        result.stderr
    assert "Traceback" not in result.output
    assert query(tmp_path, "select count(*) from beaver.temps") == [(3,)]
