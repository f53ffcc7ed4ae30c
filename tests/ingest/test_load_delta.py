"""A Delta Lake table loaded incrementally follows its log's removals: a commit rewriting a
file (an UPDATE, DELETE, MERGE or OPTIMIZE: `remove` part-A, `add` part-A2) or only
removing one must not leave part-A's rows in the table. Under incremental_files they are
withdrawn with the new file's load (noted; a rerun changes nothing), under append the
table is refused, under merge a warning says the rows no current file holds stay. A commit
that only adds files, or a folder without a log, loads as before. Real Delta folders
(Parquet files and `_delta_log` commits) written by the test, loaded into DuckDB and
Postgres."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from ingest_helpers import (
    Place,
    delta_add,
    delta_commit,
    delta_part,
    invoke,
    query,
)

from datanet_sql.errors import IngestError, SchemaChangeError
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import LoadJob, load

REMOVED = ("landing/nlsy: part-00001-c000.snappy.parquet (removed by commit 1 "
           "(00000000000000000001.json))")


def _table(root: Path) -> Path:
    """landing/nlsy at commit 0: part 0 holds ids 1, 2 (income 1.0), part 1 ids 3, 4 (2.0)."""
    folder = root / "landing" / "nlsy"
    first, second = delta_part(folder, 0, [1, 2], 1.0), delta_part(folder, 1, [3, 4], 2.0)
    delta_commit(folder, 0, [{"protocol": {"minReaderVersion": 1, "minWriterVersion": 2}},
                             {"metaData": {"id": "t", "configuration": {},
                                           "partitionColumns": []}},
                             delta_add(first), delta_add(second)])
    return folder


def _rewritten(folder: Path, rewrite: Path | None = None) -> None:
    """Commit 1: part 1 removed (it stays on disk until VACUUM) and, but for a DELETE of
    all its rows, its rewrite added: by default an UPDATE of id 3 to 2.5 and a DELETE of
    id 4 (part 2)."""
    added = [] if rewrite is None else [delta_add(rewrite)]
    delta_commit(folder, 1, [{"remove": {"path": "part-00001-c000.snappy.parquet",
                                         "dataChange": True}}, *added])


def _job(place: Place, root: Path, mode: str, **config: object) -> LoadJob:
    return place.job(root, "nlsy", mode, path="landing/nlsy/*.parquet", **config)


def _ledger_files(place: Place) -> list[tuple[str, int, str | None]]:
    return place.fetch(f"select file, rows, reason from {place.ledger_schema}."
                       f"_datanet_ingest_ledger where table_name = 'nlsy' order by file, rows")


def test_incremental_files_withdraws_a_rewritten_files_rows(tmp_path: Path,
                                                            place: Place) -> None:
    folder = _table(tmp_path)
    job = _job(place, tmp_path, "incremental_files")
    assert load(place.adapter, job, reading).rows == 4
    _rewritten(folder, delta_part(folder, 2, [3], 2.5))
    second = load(place.adapter, job, reading)
    assert place.rows("nlsy", "id, income") == [(1, 1.0), (2, 1.0), (3, 2.5)]
    assert (second.batches, second.rows, second.warnings) == (1, 1, [])
    assert second.notes == [f"withdrew the rows of file(s) their Delta log removed: {REMOVED}"]
    assert _ledger_files(place) == [("landing/nlsy/part-00000-c000.snappy.parquet", 2, None),
                                    ("landing/nlsy/part-00002-c000.snappy.parquet", 1, None)]
    before = place.state("nlsy")
    third = load(place.adapter, job, reading)
    assert (third.batches, third.rows, third.notes, third.warnings) == (0, 0, [], [])
    assert place.state("nlsy") == before


def test_incremental_files_withdraws_a_removed_files_rows_after_vacuum(
        tmp_path: Path, place: Place) -> None:
    """A DELETE of all of part 1's rows only removes it; VACUUM then deletes the file: no
    new file to load, the rows go in a transaction of their own."""
    folder = _table(tmp_path)
    job = _job(place, tmp_path, "incremental_files")
    load(place.adapter, job, reading)
    _rewritten(folder)
    (folder / "part-00001-c000.snappy.parquet").unlink()
    second = load(place.adapter, job, reading)
    assert place.rows("nlsy", "id, income") == [(1, 1.0), (2, 1.0)]
    assert (second.batches, second.notes) == (0, [
        f"withdrew the rows of file(s) their Delta log removed: {REMOVED}"])
    before = place.state("nlsy")
    assert load(place.adapter, job, reading).notes == []
    assert place.state("nlsy") == before


def test_incremental_files_withdraws_in_the_new_files_transaction(tmp_path: Path,
                                                                   place: Place) -> None:
    """The rewrite adds a column the table refuses (`on_schema_change: fail`): its batch is
    rolled back, the withdrawal of part 1's rows with it; a rerun that takes the column
    loads the table as the log has it."""
    folder = _table(tmp_path)
    job = _job(place, tmp_path, "incremental_files", on_schema_change="fail")
    load(place.adapter, job, reading)
    before = place.state("nlsy")
    rewrite = folder / "part-00002-c000.snappy.parquet"
    pq.write_table(pa.table({"id": [3], "income": [2.5], "note": ["updated"]}), rewrite)
    _rewritten(folder, rewrite)
    with pytest.raises(SchemaChangeError, match="new column note"):
        load(place.adapter, job, reading)
    assert place.state("nlsy") == before
    healed = load(place.adapter, _job(place, tmp_path, "incremental_files"), reading)
    assert place.rows("nlsy", "id, income, note") == [(1, 1.0, None), (2, 1.0, None),
                                                      (3, 2.5, "updated")]
    assert healed.notes[0] == f"withdrew the rows of file(s) their Delta log removed: {REMOVED}"


def test_a_removal_before_the_logs_checkpoint_is_followed_too(tmp_path: Path,
                                                             place: Place) -> None:
    """The rewrite's commit cleaned up after a checkpoint at version 1: which commit
    removed part 1 is no longer in the log, the note says as much."""
    folder = _table(tmp_path)
    job = _job(place, tmp_path, "incremental_files")
    load(place.adapter, job, reading)
    rewrite = delta_part(folder, 2, [3], 2.5)
    _rewritten(folder, rewrite)
    kept = [folder / "part-00000-c000.snappy.parquet", rewrite]
    pq.write_table(pa.table({"add": [{"path": f.name, "size": f.stat().st_size,
                                      "modificationTime": 0, "dataChange": False}
                                     for f in kept]}),
                   folder / "_delta_log" / f"{1:020d}.checkpoint.parquet")
    for version in (0, 1):
        (folder / "_delta_log" / f"{version:020d}.json").unlink()
    second = load(place.adapter, job, reading)
    assert place.rows("nlsy", "id, income") == [(1, 1.0), (2, 1.0), (3, 2.5)]
    assert second.notes == [(
        "withdrew the rows of file(s) their Delta log removed: landing/nlsy: "
        "part-00001-c000.snappy.parquet (removed by a commit up to version 1 (the log's "
        "checkpoint; the commits before it are cleaned up))")]


def test_a_rewrite_with_the_removed_files_bytes_is_no_resend(tmp_path: Path,
                                                             place: Place) -> None:
    """A commit adding a copy of the file it removes: the copy loads (the removed file's
    content is no longer the table's, so its copy is not skipped as a re-send of it)."""
    folder = _table(tmp_path)
    job = _job(place, tmp_path, "incremental_files")
    load(place.adapter, job, reading)
    copy = folder / "part-00002-c000.snappy.parquet"
    copy.write_bytes((folder / "part-00001-c000.snappy.parquet").read_bytes())
    _rewritten(folder, copy)
    second = load(place.adapter, job, reading)
    assert (second.batches, second.warnings) == (1, [])
    assert place.rows("nlsy", "id, income") == [(1, 1.0), (2, 1.0), (3, 2.0), (4, 2.0)]


def test_append_refuses_a_table_whose_log_removed_a_loaded_file(tmp_path: Path,
                                                                place: Place) -> None:
    folder = _table(tmp_path)
    job = _job(place, tmp_path, "append")
    load(place.adapter, job, reading)
    before = place.state("nlsy")
    _rewritten(folder, delta_part(folder, 2, [3], 2.5))
    for _ in range(2):  # refused at every run until the table is set right
        with pytest.raises(IngestError) as raised:
            load(place.adapter, job, reading)
        assert raised.value.render() == (
            f"landing/nlsy: source table shop.nlsy: its Delta table's log removed file(s) the "
            f"table loaded: {REMOVED} (an UPDATE, DELETE, MERGE or OPTIMIZE rewrites whole "
            f"files); under `append` their rows would stay beside the rows replacing them, "
            f"so nothing of the table was loaded\n"
            f"  hint: set `load: {{mode: incremental_files}}` (a removed file's rows are "
            f"withdrawn) or `mode: replace`, or `mode: merge` with a `primary_key`, then "
            f"load the table again from the current files: `datanet ingest --full-refresh "
            f"--select source:shop.nlsy`")
        assert place.state("nlsy") == before


def test_merge_keeps_a_removed_files_unmatched_rows_and_says_so_once(tmp_path: Path,
                                                                    place: Place) -> None:
    folder = _table(tmp_path)
    job = _job(place, tmp_path, "merge", primary_key=["id"])
    load(place.adapter, job, reading)
    _rewritten(folder, delta_part(folder, 2, [3], 2.5))
    second = load(place.adapter, job, reading)
    assert place.rows("nlsy", "id, income") == [(1, 1.0), (2, 1.0), (3, 2.5), (4, 2.0)]
    assert second.warnings == [(
        f"file(s) their Delta log removed: {REMOVED}; their rows stay in the table where no "
        f"current file holds their key (merge never deletes rows; said once). To drop them, "
        f"set `load: {{mode: incremental_files}}` or `mode: replace` and load the table "
        f"again: `datanet ingest --full-refresh --select source:shop.nlsy`")]
    before = place.state("nlsy")
    third = load(place.adapter, job, reading)
    assert (third.batches, third.warnings) == (0, [])
    assert place.state("nlsy") == before
    assert ("landing/nlsy/part-00001-c000.snappy.parquet", 0,
            "removed from its Delta table by commit 1 (00000000000000000001.json)"
            ) in _ledger_files(place)


@pytest.mark.parametrize("mode", ["append", "incremental_files"])
def test_a_commit_adding_files_only_loads_them_quietly(tmp_path: Path, place: Place,
                                                       mode: str) -> None:
    """Near-miss: a plain INSERT into the Delta table adds a file and removes none."""
    folder = _table(tmp_path)
    job = _job(place, tmp_path, mode)
    load(place.adapter, job, reading)
    delta_commit(folder, 1, [delta_add(delta_part(folder, 2, [5], 3.0))])
    second = load(place.adapter, job, reading)
    assert (second.rows, second.notes, second.warnings) == (1, [], [])
    assert place.rows("nlsy", "id, income") == [(1, 1.0), (2, 1.0), (3, 2.0), (4, 2.0),
                                                (5, 3.0)]


def test_a_folder_without_a_log_is_unaffected(tmp_path: Path, place: Place) -> None:
    """Near-miss: Parquet files without `_delta_log`, one deleted and another added, load
    under append as before: every file's rows stay, nothing refused or warned about."""
    folder = tmp_path / "landing" / "nlsy"
    delta_part(folder, 0, [1, 2], 1.0)
    gone = delta_part(folder, 1, [3, 4], 2.0)
    job = _job(place, tmp_path, "append")
    load(place.adapter, job, reading)
    gone.unlink()
    delta_part(folder, 2, [3], 2.5)
    second = load(place.adapter, job, reading)
    assert (second.rows, second.notes, second.warnings) == (1, [], [])
    assert place.rows("nlsy", "id, income", "1, 2") == [(1, 1.0), (2, 1.0), (3, 2.0),
                                                        (3, 2.5), (4, 2.0)]


def test_ingest_refuses_the_append_table_and_loads_the_others(tmp_path: Path) -> None:
    """`datanet ingest` over two tables of one Delta folder: the append one is refused
    with its message (no traceback), the incremental_files one loads the current rows; a
    full refresh of the append one, as the hint says, loads it as the log has it."""
    folder = _table(tmp_path)
    (tmp_path / "sources").mkdir()
    (tmp_path / "datanet.yml").write_text("name: delta\n")
    (tmp_path / "targets.yml").write_text("dev: {type: duckdb, path: dw.duckdb}\n")
    (tmp_path / "sources" / "nlsy.yml").write_text("""\
sources:
  - name: nlsy
    tables:
      - name: appended
        path: landing/nlsy/*.parquet
        load: {mode: append}
      - name: current
        path: landing/nlsy/*.parquet
        load: {mode: incremental_files}
""")
    assert invoke("ingest", "--project-dir", tmp_path).exit_code == 0
    _rewritten(folder, delta_part(folder, 2, [3], 2.5))
    result = invoke("ingest", "--project-dir", tmp_path)
    assert result.exit_code == 1
    assert "nlsy.appended: landing/nlsy: source table nlsy.appended: its Delta table's log " \
           "removed file(s) the table loaded" in result.stderr
    assert "Traceback" not in result.output
    assert "nlsy.current: withdrew the rows of file(s) their Delta log removed" in result.stderr
    assert query(tmp_path, "select id, income from nlsy.current order by id") == [
        (1, 1.0), (2, 1.0), (3, 2.5)]
    assert query(tmp_path, "select count(*) from nlsy.appended") == [(4,)]
    # as the refusal's hint says: the table loaded again from the current files
    refreshed = invoke("ingest", "--project-dir", tmp_path, "--full-refresh", "--select",
                       "source:nlsy.appended")
    assert refreshed.exit_code == 0, refreshed.output
    assert query(tmp_path, "select id, income from nlsy.appended order by id") == [
        (1, 1.0), (2, 1.0), (3, 2.5)]
    assert invoke("ingest", "--project-dir", tmp_path).exit_code == 0
