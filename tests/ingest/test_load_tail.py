"""A growing NDJSON file is tailed: each load takes the complete lines appended since the last,
exactly once (the ledger holds the offset and the hash of the prefix consumed); a rewritten or
truncated file is read again from the start; `ingest --follow` does it until Ctrl-C."""

from __future__ import annotations

import hashlib
import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from ingest_helpers import ROOT, following, wait_for_loads

from datanet_sql.adapters.base import Relation
from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import LoadJob, load


def job(tmp_path: Path, mode: str = "append", following: bool = True) -> LoadJob:
    config = {"mode": mode, "primary_key": [], "cursor": None, "path": "events.ndjson",
              "dsn": None, "format": None, "source_table": None, "options": {},
              "on_bad_row": "reject", "columns": {"n": "integer"}}
    return LoadJob("app", "events", Relation("events", "app"), "main", tmp_path, config,
                   following=following)


def lines(*numbers: object) -> str:
    return "".join(json.dumps({"n": n}) + "\n" for n in numbers)


def loaded(adapter: DuckDBAdapter) -> list[object]:
    return [row[0] for row in adapter.fetch("select n from app.events order by n")[1]]


def test_appended_lines_load_once_and_a_half_written_line_waits(tmp_path: Path,
                                                                adapter) -> None:
    events = tmp_path / "events.ndjson"
    events.write_text(lines(1, 2) + '{"n": 3')  # the writer is mid-line
    assert load(adapter, job(tmp_path), reading).rows == 2
    with events.open("a") as handle:
        handle.write("}\n" + lines("x", 4))
    second = load(adapter, job(tmp_path), reading)
    assert (second.batches, second.rows, second.rejects) == (1, 2, 1)
    assert load(adapter, job(tmp_path), reading).skipped == 1   # nothing new
    assert loaded(adapter) == [1, 2, 3, 4]
    # record numbers count the file's lines, not the batch's
    assert adapter.fetch("select record_no from app._rejects")[1] == [("4",)]
    ledger = adapter.fetch("select size, rows from main._datanet_ingest_ledger order by size")[1]
    assert ledger == [(len(lines(1, 2)), 2), (events.stat().st_size, 2)]


def test_without_follow_the_last_line_needs_no_newline(tmp_path: Path, adapter) -> None:
    (tmp_path / "events.ndjson").write_text(lines(1) + '{"n": 2}')
    assert load(adapter, job(tmp_path, following=False), reading).rows == 2


@pytest.mark.parametrize(("mode", "after", "finally_"), [
    ("incremental_files", [7, 8], [7, 9, 10]),       # the file's rows are replaced
    ("append", [1, 2, 3, 7, 8], [1, 2, 3, 7, 7, 8, 9, 10]),  # appended again, as any changed file
])
def test_a_rewritten_or_truncated_file_is_read_again(tmp_path: Path, adapter, mode: str,
                                                     after: list[int],
                                                     finally_: list[int]) -> None:
    events = tmp_path / "events.ndjson"
    events.write_text(lines(1, 2, 3))
    load(adapter, job(tmp_path, mode), reading)
    events.write_text(lines(7, 8))  # truncated and rewritten
    assert load(adapter, job(tmp_path, mode), reading).rows == 2
    assert loaded(adapter) == after
    events.write_text(lines(7, 9) + lines(10))  # same length as before plus more, other bytes
    load(adapter, job(tmp_path, mode), reading)
    assert loaded(adapter) == finally_


@pytest.mark.parametrize("columns", [{}, {"n": "integer"}])  # read by the warehouse / Arrow
def test_each_ledger_row_holds_the_hash_of_the_prefix_it_consumed(tmp_path: Path, adapter,
                                                                   columns: dict) -> None:
    """The new bytes are hashed on a thread, continuing the hash of the prefix already
    loaded: each ledger row must still be the sha256 of the file up to its offset."""
    events = tmp_path / "events.ndjson"
    events.write_text(lines(1, 2))
    tailed = job(tmp_path, following=False)
    tailed.config["columns"] = columns
    load(adapter, tailed, reading)
    with events.open("a") as handle:
        handle.write(lines(3, 4, 5))
    assert load(adapter, tailed, reading).rows == 3
    content = events.read_bytes()
    ledger = adapter.fetch("select size, sha256 from main._datanet_ingest_ledger "
                           "order by size")[1]
    assert ledger == [(size, hashlib.sha256(content[:size]).hexdigest())
                      for size in (len(lines(1, 2)), len(content))]
    assert loaded(adapter) == [1, 2, 3, 4, 5]


def test_follow_tails_a_growing_file_until_ctrl_c(tmp_path: Path) -> None:
    events = tmp_path / "events.ndjson"
    events.write_text(lines(0))
    sources = "sources:\n  - name: app\n    tables:\n      - name: events\n" \
              "        path: events.ndjson\n        load: {mode: append}\n"
    with following(tmp_path, sources) as process:
        wait_for_loads(process, "app.events", 1)
        with events.open("a") as handle:
            handle.write(lines(1, 2) + '{"n": ')
            handle.flush()
            wait_for_loads(process, "app.events", 1)
            handle.write("3}\n" + lines(*range(4, 500)))
        wait_for_loads(process, "app.events", 1)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 130
    with duckdb.connect(str(tmp_path / "dw.duckdb"), read_only=True) as con:
        assert con.execute("select n from app.events order by n").fetchall() == \
            [(n,) for n in range(500)]
        [(size,)] = con.execute("select max(size) from main._datanet_ingest_ledger").fetchall()
    assert size == events.stat().st_size



WRITER = """\
import json, sys
sys.path[:0] = [{root!r}]
from pathlib import Path
from datanet_sql.adapters.base import Relation
from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import LoadJob, load
root, rounds = Path(sys.argv[2]), int(sys.argv[3])
adapter = DuckDBAdapter({{"path": sys.argv[1]}})
config = {{"mode": "append", "primary_key": ["id"], "cursor": None, "path": "events.ndjson",
          "dsn": None, "format": None, "source_table": None, "options": {{}},
          "on_bad_row": "reject", "columns": {{}}}}
job = LoadJob("app", "events", Relation("events", "app"), "main", root, config, following=True)
for k in range(rounds):  # a writer appending lines, and a load after each append
    with (root / "events.ndjson").open("a") as handle:
        for i in range(k * 500, k * 500 + 500):
            handle.write(json.dumps({{"id": i, "items": [{{"n": i}}, {{"n": i + 0.5}}]}}) + "\\n")
    load(adapter, job, reading)
    print("round", k, flush=True)
load(adapter, job, reading)
"""


def test_kill_9_while_tailing_then_a_rerun_loads_each_line_once(tmp_path: Path) -> None:
    script = tmp_path / "writer.py"
    script.write_text(WRITER.format(root=str(ROOT)))
    db = tmp_path / "dw.duckdb"
    # more rounds than a second can write: the kill, at most a second in, is mid-way even
    # where loads are fast (40 rounds were all written before it on a quick machine)
    process = subprocess.Popen([sys.executable, str(script), str(db), str(tmp_path), "400"],
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().startswith("round 0")
    time.sleep(random.Random(15).uniform(0.1, 1.0))
    process.send_signal(signal.SIGKILL)
    process.wait()
    subprocess.run([sys.executable, str(script), str(db), str(tmp_path), "0"], check=True,
                   timeout=120, capture_output=True)  # no writing, one load: catches up
    text = (tmp_path / "events.ndjson").read_text()
    text = text[:text.rfind("\n") + 1]  # the killed writer may have left half a line
    ids = sorted(json.loads(line)["id"] for line in text.splitlines())
    assert len(ids) == len(set(ids)) and 500 <= len(ids) < 400 * 500  # killed mid-way
    with duckdb.connect(str(db), read_only=True) as con:
        assert [r[0] for r in con.execute("select id from app.events order by id").fetchall()] \
            == ids
        assert con.execute("select count(*), count(distinct (id, n)) from app.events__items"
                           ).fetchall() == [(2 * len(ids), 2 * len(ids))]
        assert con.execute("select max(size) from main._datanet_ingest_ledger").fetchall() == \
            [(len(text.encode()),)]


def copies_job(tmp_path: Path) -> LoadJob:
    """The glob `landing/*.ndjson` under --follow."""
    tailed = job(tmp_path)
    tailed.config = {**tailed.config, "path": "landing/*.ndjson"}
    return tailed


def test_a_copy_of_a_file_still_being_written_is_a_resend_of_its_lines(tmp_path: Path,
                                                                        adapter) -> None:
    """A copy of a tailed file taken while its writer goes on (between two rounds, mid-line
    or not) holds the file's first lines: they load from the file, the copy is a re-send,
    warned once, whether it sorts before or after the file; lines the copy gains later are
    its own while the file does not have them (a copy still being copied stays a copy)."""
    landing = tmp_path / "landing"
    landing.mkdir()
    log = landing / "events.ndjson"
    log.write_text(lines(1, 2))
    assert load(adapter, copies_job(tmp_path), reading).rows == 2
    with log.open("a") as handle:
        handle.write(lines(3) + '{"n": 4')          # the writer goes on, mid-line
    for name in ("backup.ndjson", "events.ndjson.1.ndjson"):   # before and after it by name
        (landing / name).write_bytes(log.read_bytes())
    with log.open("a") as handle:
        handle.write("}\n" + lines(5))
    result = load(adapter, copies_job(tmp_path), reading)
    assert (result.batches, result.rows, result.skipped) == (1, 3, 2)
    assert loaded(adapter) == [1, 2, 3, 4, 5]
    assert result.warnings == [
        f"landing/{name} holds the first lines of landing/events.ndjson (a file being tailed: "
        f"its lines load from it): not loaded, so its rows are not in the table twice "
        f"(recorded in the ledger, not reported again). If it is a delivery of its own (an "
        f"unchanged snapshot to append), set `load: {{same_content: load}}` on the table and "
        f"run again" for name in ("backup.ndjson", "events.ndjson.1.ndjson")]
    (landing / "backup.ndjson").write_bytes(log.read_bytes())    # copied on: still a copy
    (landing / "events.ndjson.1.ndjson").write_text(lines(1, 2, 3, 6))  # a line of its own
    later = load(adapter, copies_job(tmp_path), reading)
    assert (later.rows, later.warnings) == (1, [])
    assert loaded(adapter) == [1, 2, 3, 4, 5, 6]
    assert load(adapter, copies_job(tmp_path), reading).rows == 0


def test_a_copy_equal_to_a_file_tailed_up_to_another_line_is_a_resend(tmp_path: Path,
                                                                       adapter) -> None:
    """The writer paused: the copy has every byte of the file, which was tailed to an
    earlier line; the copy (new) sorts first, its lines still load once, from the file. Two
    new files whose lines merely begin alike are not copies: both load."""
    landing = tmp_path / "landing"
    landing.mkdir()
    log = landing / "b.ndjson"
    log.write_text(lines(1))
    load(adapter, copies_job(tmp_path), reading)
    with log.open("a") as handle:
        handle.write(lines(2))
    (landing / "a.ndjson").write_bytes(log.read_bytes())
    result = load(adapter, copies_job(tmp_path), reading)
    assert (result.rows, len(result.warnings), loaded(adapter)) == (1, 1, [1, 2])
    (landing / "c.ndjson").write_text(lines(7, 8))
    (landing / "d.ndjson").write_text(lines(7, 9))
    both = load(adapter, copies_job(tmp_path), reading)
    assert (both.rows, both.warnings, loaded(adapter)) == (4, [], [1, 2, 7, 7, 8, 9])
