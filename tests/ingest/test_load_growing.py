"""Files that keep growing under `append` and `--follow`: a log renamed by rotation loads only
the lines it gained after its last load (once), the new file under the old name from its
start; a grown UTF-16 CSV (BOM, CRLF, as Excel's "Unicode text" writes it) loads its new
lines; a CSV still being written under `--follow` loads its complete lines, its last line
once it is ended. On DuckDB and Postgres (a tailed NDJSON chunk is read by the warehouse on
DuckDB, through Arrow on Postgres); a kill -9 in test_load_crash.py."""

from __future__ import annotations

import hashlib
import json
import signal
from pathlib import Path

import duckdb
import pytest
from ingest_helpers import Place, following, wait_for_loads

from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.errors import IngestError
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import LoadJob, load


def landed(root: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = root / "landing" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def grow(path: Path, text: str, encoding: str = "utf-8") -> None:
    with path.open("ab") as handle:
        handle.write(text.encode(encoding))


def events(*numbers: int) -> str:
    return "".join(json.dumps({"n": n}) + "\n" for n in numbers)


def ledger(place: Place) -> list[tuple]:
    """The ledger's (file name, size, rows), in load order."""
    return [(Path(file).name, size, rows) for file, size, rows in place.fetch(
        f"select file, size, rows from {place.ledger_schema}._datanet_ingest_ledger "
        f"where table_name = 'events' order by loaded_at, size")]


ROTATIONS = [  # (format, glob, the file written to, the name rotation gives it)
    ("ndjson", "landing/app.log*", "app.log", "app.log.1"),
    ("ndjson", "landing/*.ndjson", "events.ndjson", "events-2026-12-06.ndjson"),
    ("csv", "landing/*.csv", "events.csv", "events-2026-12-06.csv"),
]


@pytest.mark.parametrize("following_", [True, False], ids=["follow", "plain"])
@pytest.mark.parametrize(("fmt", "glob", "name", "rotated"), ROTATIONS)
def test_a_rotated_file_loads_its_unseen_tail_once_and_the_new_one_from_its_start(
        tmp_path: Path, place: Place, fmt: str, glob: str, name: str, rotated: str,
        following_: bool) -> None:
    """The writer adds lines after a load, then the file is renamed and a new one started
    under its name (whose first line is another): the renamed file's lines loaded before
    are not loaded again, those after them are, once; the new file loads whole. The ledger
    records the renamed file under its name, to its end, so a rerun changes nothing."""
    header, row = ("n\n", "{}\n".format) if fmt == "csv" else ("", lambda n: events(n))

    def lines(*numbers: int) -> str:
        return "".join(row(n) for n in numbers)
    job = place.job(tmp_path, "events", "append", path=glob, format=fmt,
                    columns={"n": "integer"})
    job.following = following_
    log = landed(tmp_path, name, header + lines(1, 2))
    assert load(place.adapter, job, reading).rows == 2
    grow(log, lines(3, 4))
    log.rename(log.with_name(rotated))
    landed(tmp_path, name, header + lines(10, 11, 12))
    result = load(place.adapter, job, reading)
    assert (result.rows, result.warnings) == (5, [])
    assert place.rows("events", "n") == [(1,), (2,), (3,), (4,), (10,), (11,), (12,)]
    assert sorted(ledger(place)[1:]) == sorted([(rotated, len(header + lines(1, 2, 3, 4)), 2),
                                                (name, len(header + lines(10, 11, 12)), 3)])
    before = place.state("events")
    again = load(place.adapter, job, reading)
    assert (again.rows, place.state("events")) == (0, before)
    grow(log.with_name(rotated), lines(5))  # the writer had it open: its line loads once
    grow(log, lines(13))
    assert load(place.adapter, job, reading).rows == 2
    assert [n for (n,) in place.rows("events", "n")] == [1, 2, 3, 4, 5, 10, 11, 12, 13]


def test_a_rotated_file_whose_load_ended_inside_a_line_is_refused_naming_both(
        tmp_path: Path, adapter: DuckDBAdapter) -> None:
    """A plain `ingest` took a half-written last line; the file was then completed and
    renamed: what follows the loaded part is the rest of that line. Refused, naming the
    renamed file and the one its loaded part came from, nothing loaded."""
    job = Place(adapter, "main", "shop").job(tmp_path, "events", "append",
                                             path="landing/*.csv")
    log = landed(tmp_path, "events.csv", "id,name\n1,ann\n2,b")
    load(adapter, job, reading)
    grow(log, "ob\n3,cy\n")
    log.rename(log.with_name("events-1.csv"))
    with pytest.raises(IngestError) as refused:
        load(adapter, job, reading)
    text = refused.value.render()
    assert "events-1.csv: the file begins with the 17 bytes loaded from" in text
    assert "events.csv (renamed by log rotation), but that load ended inside a line" in text
    assert adapter.fetch("select * from shop.events order by id")[1] == [(1, "ann"), (2, "b")]


def test_a_new_file_holding_a_loaded_one_whole_with_more_lines_is_not_a_rotation_of_it(
        tmp_path: Path, adapter: DuckDBAdapter) -> None:
    """A backup of a grown CSV, taken while the CSV is still there and holds all of it: not
    a renamed file, so as before it loads as a file of its own (copies of CSV files are
    not told: only the same bytes whole are a re-send); the CSV's own new lines load once."""
    job = Place(adapter, "main", "shop").job(tmp_path, "events", "append",
                                             path="landing/*.csv")
    log = landed(tmp_path, "b.csv", "id\n1\n")
    load(adapter, job, reading)
    grow(log, "2\n")
    (log.parent / "a.csv").write_bytes(log.read_bytes())
    assert load(adapter, job, reading).rows == 3
    assert adapter.fetch("select id from shop.events order by id")[1] == [
        (1,), (1,), (2,), (2,)]


def test_the_bytes_of_a_grown_files_last_load_renamed_are_a_resend_not_a_rotation(
        tmp_path: Path, adapter: DuckDBAdapter) -> None:
    """A file loaded, grown and loaded again, then renamed without another line: all of it
    is loaded (the ledger's second row), so it is a re-send, warned and not loaded; not a
    rotation continuing after the first load's prefix, which would load line 2 again."""
    job = Place(adapter, "main", "shop").job(tmp_path, "events", "append",
                                             path="landing/*.csv")
    log = landed(tmp_path, "b.csv", "id\n1\n")
    load(adapter, job, reading)
    grow(log, "2\n")
    load(adapter, job, reading)
    log.rename(log.with_name("a.csv"))
    result = load(adapter, job, reading)
    assert (result.rows, len(result.warnings)) == (0, 1)
    assert "a.csv has the same content as landing/b.csv" in result.warnings[0]
    assert adapter.fetch("select id from shop.events order by id")[1] == [(1,), (2,)]


UNICODE_TEXT = "id\tname\tqty\r\n1\tZoë\t10\r\n2\t中文\t20\r\n"


def test_a_grown_utf16_csv_loads_its_new_lines_once(tmp_path: Path, place: Place) -> None:
    """Excel's "Unicode text": UTF-16 with a BOM, tabs, CRLF. Its new lines (one holding
    U+0A0A, whose code unit has a newline byte, one a reject) are read under the file's
    BOM and header from the even offset the last load ended at; the reject is numbered
    among the file's records, and a rerun changes nothing."""
    job = place.job(tmp_path, "sales", "append", path="landing/*.txt", format="csv",
                    columns={"qty": "integer"})
    export = landed(tmp_path, "export.txt", UNICODE_TEXT, "utf-16")
    assert load(place.adapter, job, reading).rows == 2
    grow(export, "3\tਊਊ\t30\r\n4\tBo\tmany\r\n5\tÉva\t50\r\n", "utf-16-le")
    result = load(place.adapter, job, reading)
    assert (result.rows, result.rejects) == (2, 1)
    assert place.rows("sales", "id, name, qty") == [
        (1, "Zoë", 10), (2, "中文", 20), (3, "ਊਊ", 30), (5, "Éva", 50)]
    state = place.state("sales")
    [(_, record_no, _, raw)] = state[2]
    assert (record_no, raw) == ("4", "4\tBo\tmany")
    assert sorted(size for _, size, _, _, _ in state[1]) == [
        len(UNICODE_TEXT.encode("utf-16")), export.stat().st_size]
    assert load(place.adapter, job, reading).rows == 0
    assert place.state("sales") == state


def test_a_utf16_csv_being_written_under_follow_waits_for_its_last_line(
        tmp_path: Path, adapter: DuckDBAdapter) -> None:
    """Under `--follow` a UTF-16 file's last line without its CRLF waits; it loads once
    ended."""
    job = Place(adapter, "main", "shop").job(tmp_path, "sales", "append", path="landing/*.txt",
                                             format="csv")
    job.following = True
    export = landed(tmp_path, "export.txt", UNICODE_TEXT + "3\tਊx\t30", "utf-16")
    assert load(adapter, job, reading).rows == 2
    grow(export, "\r\n", "utf-16-le")
    assert load(adapter, job, reading).rows == 1
    assert adapter.fetch("select id, name, qty from shop.sales order by id")[1] == [
        (1, "Zoë", 10), (2, "中文", 20), (3, "ਊx", 30)]


def csv_job(place: Place, root: Path, following_: bool) -> LoadJob:
    job = place.job(root, "events", "append", columns={"qty": "integer"})
    job.following = following_
    return job


def test_a_csv_being_written_under_follow_loads_its_complete_lines_then_the_rest_once(
        tmp_path: Path, place: Place) -> None:
    """Round by round under `--follow`: the complete lines load, the last one without its
    newline waits (not refused), also in a round where the file did not change; once ended
    it loads, once. The ledger holds the offset after the last complete line, with the
    hash of those bytes. A plain `ingest` then takes a last line without a newline as
    complete."""
    log = landed(tmp_path, "log.csv", "id,qty\n1,10\n2,2")
    assert load(place.adapter, csv_job(place, tmp_path, True), reading).rows == 1
    assert [(size, sha) for _, size, sha, _, _ in place.state("events")[1]] == [
        (12, hashlib.sha256(b"id,qty\n1,10\n").hexdigest())]
    waiting = load(place.adapter, csv_job(place, tmp_path, True), reading)
    assert (waiting.rows, waiting.batches, waiting.skipped) == (0, 0, 1)
    grow(log, "0\n3,30\n4,4")
    assert load(place.adapter, csv_job(place, tmp_path, True), reading).rows == 2
    grow(log, "0\n")
    assert load(place.adapter, csv_job(place, tmp_path, True), reading).rows == 1
    grow(log, "5,50")
    assert load(place.adapter, csv_job(place, tmp_path, True), reading).rows == 0
    assert load(place.adapter, csv_job(place, tmp_path, False), reading).rows == 1
    assert place.rows("events", "id, qty") == [(1, 10), (2, 20), (3, 30), (4, 40), (5, 50)]
    assert place.state("events")[2] == []  # no cut record was ever read
    assert load(place.adapter, csv_job(place, tmp_path, True), reading).rows == 0


def test_a_plain_ingest_that_took_a_cut_line_is_still_refused_under_follow(
        tmp_path: Path, adapter: DuckDBAdapter) -> None:
    """The cut line was loaded by a run without `--follow` (it takes the file as complete):
    what the writer adds next starts inside that line, so the refusal stands."""
    place = Place(adapter, "main", "shop")
    log = landed(tmp_path, "log.csv", "id,qty\n1,10\n2,2")
    assert load(adapter, csv_job(place, tmp_path, False), reading).rows == 2
    grow(log, "0\n3,30\n")
    with pytest.raises(IngestError, match="ended inside a line"):
        load(adapter, csv_job(place, tmp_path, True), reading)


def test_follow_loads_a_csv_being_written_each_line_once(tmp_path: Path) -> None:
    """A real `ingest --follow`: the writer leaves a line half-written between rounds; every
    line loads once, none is refused, and the ledger ends at the file's end."""
    log = landed(tmp_path, "log.csv", "id,qty\n0,0\n")
    sources = "sources:\n  - name: shop\n    tables:\n      - name: events\n" \
              "        path: landing/*.csv\n        load: {mode: append}\n"
    with following(tmp_path, sources) as process:
        wait_for_loads(process, "shop.events", 1)
        with log.open("a") as handle:
            handle.write("1,10\n2,2")
            handle.flush()
            wait_for_loads(process, "shop.events", 1)
            handle.write("0\n" + "".join(f"{n},{n * 10}\n" for n in range(3, 300)) + "300,")
            handle.flush()
            wait_for_loads(process, "shop.events", 1)
            handle.write("3000\n")
        wait_for_loads(process, "shop.events", 1)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 130
    with duckdb.connect(str(tmp_path / "dw.duckdb"), read_only=True) as con:
        assert con.execute("select id, qty from shop.events order by id").fetchall() == \
            [(n, n * 10) for n in range(301)]
        assert con.execute("select max(size) from main._datanet_ingest_ledger").fetchall() \
            == [(log.stat().st_size,)]
