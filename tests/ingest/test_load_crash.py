"""Exactly once under kill -9 (into DuckDB and into Postgres) and under `--follow` stopped by
SIGTERM: a rerun after a kill at a random moment gives the tables an uninterrupted run gives,
nothing duplicated or lost.

A kill at a random moment and one inside a batch's transaction (`adapter.atomic()`) run on
both engines: what survives a kill is the engine's. A kill at the same point of a load
whose plan differs (re-sent files recorded, rotated files' tails) runs on DuckDB alone: the
plan is the same code on every engine, and the kill strikes the same atomic block, whose
outcome on Postgres the grown-tails test shows."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pytest
from ingest_helpers import PG_DSN, ROOT, Place, following, wait_for_loads

from datanet_sql.adapters.base import Relation
from datanet_sql.adapters.registry import adapter_for

LOADER = """\
import json, sys
sys.path[:0] = [{root!r}]
from pathlib import Path
from datanet_sql.adapters.base import Relation
from datanet_sql.adapters.registry import adapter_for
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import LoadJob, load
target = json.loads(sys.argv[1])
adapter = adapter_for("dev", target)
for mode, name in (("incremental_files", "sales"), ("replace", "snapshot")):
    config = {{"mode": mode, "primary_key": [], "cursor": None, "path": "landing/*.csv",
              "dsn": None, "format": None, "source_table": None, "options": {{}},
              "on_bad_row": "reject", "columns": {{}}}}
    load(adapter, LoadJob("shop", name, Relation(name, target["shop"]), target["schema"],
                          Path(sys.argv[2]), config), reading)
    print(name, "loaded", flush=True)
adapter.close()
"""


def landing(root: Path, files: int, rows: int) -> None:
    (root / "landing").mkdir(parents=True)
    for f in range(files):
        lines = "".join(f"{f * rows + i},{i % 97},note {i}\n" for i in range(rows))
        (root / "landing" / f"part-{f:03}.csv").write_text("id,amount,note\n" + lines)


@pytest.fixture(params=["duckdb", "postgres"])
def targets(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[str], dict]]:
    """Warehouses for the clean run and each killed one: DuckDB files, or Postgres schemas
    of their own (dropped afterwards)."""
    made: list[dict] = []

    def target(name: str) -> dict:
        if request.param == "duckdb":
            made.append({"type": "duckdb", "path": str(tmp_path / f"{name}.duckdb"),
                         "schema": "main", "shop": "shop"})
        else:
            schema = f"dn_kill_{uuid.uuid4().hex[:8]}"
            made.append({"type": "postgres", "dsn": PG_DSN, "schema": schema,
                         "shop": f"{schema}_shop"})
        return made[-1]
    yield target
    for found in made:
        if found["type"] == "postgres":
            with opened(found) as place:
                for name in (found["schema"], found["shop"]):
                    place.adapter.execute(f'drop schema if exists "{name}" cascade')


ON_DUCKDB = pytest.mark.parametrize("targets", ["duckdb"], indirect=True)
"""A kill whose engine part another test shows on both engines (module docstring)."""


@contextmanager
def opened(target: dict) -> Iterator[Place]:
    adapter = adapter_for("dev", target)
    try:
        yield Place(adapter, target["schema"], target["shop"])
    finally:
        adapter.close()


def tables(target: dict) -> list[tuple]:
    with opened(target) as place:
        return place.fetch(
            f"select (select count(*) from {place.schema}.sales), (select count(distinct id) "
            f"from {place.schema}.sales), (select sum(amount) from {place.schema}.sales), "
            f"(select count(*) from {place.schema}.snapshot), (select count(*) from "
            f"{place.ledger_schema}._datanet_ingest_ledger)")


def test_kill_9_at_random_moments_then_rerun_gives_the_same_tables(tmp_path: Path,
                                                                   targets) -> None:
    landing(tmp_path, files=12, rows=1000)
    script = tmp_path / "load.py"
    script.write_text(LOADER.format(root=str(ROOT)))
    clean = targets("clean")
    started = time.monotonic()
    subprocess.run([sys.executable, str(script), json.dumps(clean), str(tmp_path)], check=True,
                   timeout=120, capture_output=True)
    duration = time.monotonic() - started
    expected = tables(clean)
    assert expected == [(12000, 12000, sum(i % 97 for i in range(1000)) * 12, 12000, 24)]
    rng = random.Random(15)
    partial = []
    for attempt in range(2):
        killed = targets(f"killed{attempt}")
        run = [sys.executable, str(script), json.dumps(killed), str(tmp_path)]
        process = subprocess.Popen(run, stdout=subprocess.PIPE, text=True)
        if attempt == 0:  # at a random moment past the imports
            time.sleep(rng.uniform(0.45, 0.9) * duration)
        else:  # as the second table's load starts, whatever the machine's speed
            assert process.stdout.readline().startswith("sales loaded")
        process.send_signal(signal.SIGKILL)
        process.wait()
        partial.append(_consistent(killed))
        subprocess.run(run, check=True, timeout=120, capture_output=True)
        assert tables(killed) == expected
    assert any(0 < files < 24 for files in partial), partial  # some kill landed mid-load


def _consistent(target: dict) -> int:
    """Ledger rows committed when the kill struck; whatever the moment, each table's rows and
    its ledger rows agree (1000 rows per file)."""
    committed = 0
    with opened(target) as place:
        ledger = Relation("_datanet_ingest_ledger", place.ledger_schema)
        for table in ("sales", "snapshot"):
            if place.adapter.list_columns(Relation(table, place.schema)) is None:
                continue
            [(rows,)] = place.fetch(f"select count(*) from {place.schema}.{table}")
            [(files,)] = place.fetch(f"select count(*) from {place.ledger_schema}."
                                     f"_datanet_ingest_ledger where table_name = '{table}'") \
                if place.adapter.list_columns(ledger) is not None else [(0,)]
            assert rows == files * 1000, (table, rows, files)
            committed += files
    return committed


RESENT = """\
import json, os, signal, sys
sys.path[:0] = [{root!r}]
from pathlib import Path
from datanet_sql.adapters.base import Relation
from datanet_sql.adapters.registry import adapter_for
from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import LoadJob, load
target = json.loads(sys.argv[1])
adapter = adapter_for("dev", target)
if sys.argv[3] == "kill":  # kill -9 once the re-sends' ledger rows are written, uncommitted
    execute = adapter.execute

    def then_kill(sql):
        execute(sql)
        if "'same content as " in adapter.sql(sql):  # the re-sends' ledger rows
            os.kill(os.getpid(), signal.SIGKILL)
    adapter.execute = then_kill
config = {{"mode": "incremental_files", "primary_key": [], "cursor": None, "dsn": None,
          "path": "landing/*.csv", "format": None, "source_table": None, "options": {{}},
          "on_bad_row": "reject", "columns": {{}}}}
result = load(adapter, LoadJob("shop", "sales", Relation("sales", target["shop"]),
                               target["schema"], Path(sys.argv[2]), config), reading)
print(result.warnings)
"""


@ON_DUCKDB
def test_kill_9_while_resent_files_are_recorded_then_rerun(tmp_path: Path, targets) -> None:
    """The re-sends' ledger rows, and the rows of a re-delivered path they withdraw, commit
    together: killed before the commit, the warehouse is as before the skips (the other new
    file's batch committed), and a rerun gives the tables of one uninterrupted run."""
    landing(tmp_path, files=2, rows=1000)
    script = tmp_path / "resent.py"
    script.write_text(RESENT.format(root=str(ROOT)))

    def run(target: dict, how: str = "clean") -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, str(script), json.dumps(target), str(tmp_path),
                               how], timeout=120, capture_output=True, text=True, check=False)
    clean, killed = targets("clean"), targets("killed")
    for target in (clean, killed):
        assert run(target).returncode == 0
    folder = tmp_path / "landing"
    copy = (folder / "part-001.csv").read_bytes()
    (folder / "part-001-again.csv").write_bytes(copy)   # re-sent under a new name
    (folder / "part-000.csv").write_bytes(copy)         # re-delivered as part-001's copy
    (folder / "part-002.csv").write_text("id,amount,note\n5000,1,new\n")
    assert run(clean).stdout.count("same content as") == 2
    assert run(killed, "kill").returncode == -signal.SIGKILL
    assert _resent_state(killed) == (2001, 3, 0)         # part-000's rows not withdrawn
    assert run(killed).stdout.count("same content as") == 2
    assert _resent_state(killed) == _resent_state(clean) == (1001, 2, 2)


def _resent_state(target: dict) -> tuple[int, int, int]:
    """Rows of the table, ledger rows of loaded files, ledger rows of skipped re-sends."""
    with opened(target) as place:
        [(rows, loaded, skipped)] = place.fetch(
            f"select (select count(*) from {place.schema}.sales), (select count(*) from "
            f"{place.ledger_schema}._datanet_ingest_ledger where reason is null), (select "
            f"count(*) from {place.ledger_schema}._datanet_ingest_ledger where reason is not "
            f"null)")
    return rows, loaded, skipped


def test_follow_loads_files_dropped_in_then_stops_on_sigterm(tmp_path: Path) -> None:
    (tmp_path / "landing").mkdir()
    (tmp_path / "landing" / "0.csv").write_text("id\n0\n")
    sources = "sources:\n  - name: shop\n    tables:\n      - name: events\n" \
              "        path: landing/*.csv\n        load: {mode: incremental_files}\n"
    with following(tmp_path, sources) as process:
        seen = wait_for_loads(process, "shop.events", 1)
        (tmp_path / "landing" / "1.csv.part").write_text("id\n1\n")
        (tmp_path / "landing" / "1.csv.part").rename(tmp_path / "landing" / "1.csv")
        (tmp_path / "landing" / "2.csv").write_text("id\n2\n3\n")
        seen += wait_for_loads(process, "shop.events", 1)
        assert seen >= 2
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 143
    with duckdb.connect(str(tmp_path / "dw.duckdb"), read_only=True) as con:
        assert con.execute("select id from shop.events order by id").fetchall() == \
            [(0,), (1,), (2,), (3,)]



SIGNAL_IN_FLIGHT = """\
import os, signal, time
from datanet_sql.ingest import loader
commit = loader.commit

def signalled(adapter, job, result, batch):  # the signal arrives while a's batch is written
    if job.table == "a":
        os.kill(os.getpid(), signal.{signal})
        time.sleep(0.2)
    commit(adapter, job, result, batch)
loader.commit = signalled
"""


@pytest.mark.parametrize(("signal_name", "code"), [("SIGTERM", 143), ("SIGINT", 130)])
def test_a_signal_while_a_batch_is_in_flight_commits_it_then_stops(
        tmp_path: Path, signal_name: str, code: int) -> None:
    """SIGTERM, or Ctrl-C's SIGINT, raised from inside the first batch of table `a` (two
    files of two headers: two batches): that batch still commits, no other batch nor table
    starts, the process exits 143 / 130."""
    for table, rows in (("a", "id\n1\n2\n"), ("b", "id\n3\n")):
        (tmp_path / table).mkdir()
        (tmp_path / table / "0.csv").write_text(rows)
    (tmp_path / "a" / "1.csv").write_text("id,note\n4,x\n")
    sources = "sources:\n  - name: shop\n    tables:\n" + "".join(
        f"      - name: {t}\n        path: {t}/*.csv\n        load: {{mode: incremental_files}}\n"
        for t in ("a", "b"))
    prelude = SIGNAL_IN_FLIGHT.format(signal=signal_name)
    with following(tmp_path, sources, prelude=prelude) as process:
        assert process.wait(timeout=60) == code
        assert "stopped: every loaded batch is committed" in process.stderr.read()
    with duckdb.connect(str(tmp_path / "dw.duckdb"), read_only=True) as con:
        assert con.execute("select id from shop.a order by id").fetchall() == [(1,), (2,)]
        assert con.execute("select table_name, regexp_extract(file, '[01].csv'), rows "
                           "from main._datanet_ingest_ledger").fetchall() == [("a", "0.csv", 2)]
        assert not con.execute("select * from information_schema.tables "
                               "where table_name = 'b'").fetchall()


APPENDER = """\
import json, os, signal, sys
sys.path[:0] = [{root!r}]
from pathlib import Path
from datanet_sql.adapters.base import Relation
from datanet_sql.adapters.registry import adapter_for
from datanet_sql.ingest import loader, reading
target = json.loads(sys.argv[1])
adapter = adapter_for("dev", target)
if sys.argv[3] == "kill":  # kill -9 inside the seventh batch's transaction
    commit, batches = loader.commit, []

    def killing(adapter, job, result, batch):
        batches.append(batch)
        if len(batches) == 7:
            execute = adapter.execute

            def then_kill(sql):
                execute(sql)
                os.kill(os.getpid(), signal.SIGKILL)
            adapter.execute = then_kill
        commit(adapter, job, result, batch)
    loader.commit = killing
config = {{"mode": "append", "primary_key": [], "cursor": None, "path": "landing/*.csv",
          "dsn": None, "format": None, "source_table": None, "options": {{}},
          "on_bad_row": "reject", "columns": {{}}}}
loader.load(adapter, loader.LoadJob("shop", "sales", Relation("sales", target["shop"]),
                                    target["schema"], Path(sys.argv[2]), config), reading)
adapter.close()
"""


def test_kill_9_while_the_tails_of_grown_files_append_then_rerun(tmp_path: Path,
                                                                  targets) -> None:
    """Twelve files loaded under `append`, then each grows by 1000 lines: a load of the
    tails killed inside the seventh one's transaction leaves six tails, each with its ledger
    row; the rerun appends the other six, giving the table of an uninterrupted run (every
    line once)."""
    run, clean, killed = _appended_twice(tmp_path, targets)
    for path in sorted((tmp_path / "landing").iterdir()):
        first = 1_000_000 + int(path.stem[-3:]) * 1000
        with path.open("a") as handle:
            handle.write("".join(f"{first + i},{i % 89},tail {i}\n" for i in range(1000)))
    assert (run(clean), run(killed, "kill")) == (0, -signal.SIGKILL)
    assert _appended(killed) == [(18000, 18000, 18)]
    assert run(killed) == 0
    assert _appended(killed) == _appended(clean) == [(24000, 24000, 24)]


def _appended_twice(tmp_path: Path, targets) -> tuple[Any, dict, dict]:
    """Twelve files of 1000 rows in a landing folder, loaded under `append` into a `clean`
    and a `killed` target by a script run in a child process; that runner (target, how:
    "clean" or "kill" inside the seventh file's transaction) and the two targets."""
    landing(tmp_path, files=12, rows=1000)
    script = tmp_path / "append.py"
    script.write_text(APPENDER.format(root=str(ROOT)))
    clean, killed = targets("clean"), targets("killed")

    def run(target: dict, how: str = "clean") -> int:
        return subprocess.run([sys.executable, str(script), json.dumps(target), str(tmp_path),
                               how], timeout=120, capture_output=True, check=False).returncode
    assert (run(clean), run(killed)) == (0, 0)
    return run, clean, killed


def _appended(target: dict) -> list[tuple]:
    """Rows, distinct ids and ledger rows of the append table."""
    with opened(target) as place:
        return place.fetch(f"select (select count(*) from {place.schema}.sales), (select "
                           f"count(distinct id) from {place.schema}.sales), (select count(*) "
                           f"from {place.ledger_schema}._datanet_ingest_ledger)")


@ON_DUCKDB
def test_kill_9_while_rotated_files_append_their_tails_then_rerun(tmp_path: Path,
                                                                   targets) -> None:
    """Twelve files loaded under `append`, then each written on and renamed by log rotation
    (`part-000.csv` -> `part-000-1.csv`), a new file started under each old name: a load
    killed inside the seventh renamed file's transaction leaves six tails, each with its
    ledger row under the new name; the rerun appends the other six and the new files,
    giving the table of an uninterrupted run (every line once)."""
    run, clean, killed = _appended_twice(tmp_path, targets)
    for path in sorted((tmp_path / "landing").iterdir()):
        first = 1_000_000 + int(path.stem[-3:]) * 1000
        with path.open("a") as handle:
            handle.write("".join(f"{first + i},{i % 89},tail {i}\n" for i in range(1000)))
        path.rename(path.with_name(f"{path.stem}-1.csv"))
        path.write_text("id,amount,note\n" + "".join(
            f"{first + 500_000 + i},{i},new {i}\n" for i in range(10)))
    assert (run(clean), run(killed, "kill")) == (0, -signal.SIGKILL)
    assert _appended(killed) == [(18000, 18000, 18)]
    assert run(killed) == 0
    assert _appended(killed) == _appended(clean) == [(24120, 24120, 36)]
