"""Exactly once under kill -9 and under `--follow` stopped by SIGTERM: a rerun after a kill at
a random moment gives the tables an uninterrupted run gives, nothing duplicated or lost."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
from ingest_helpers import ROOT, following, wait_for_loads

LOADER = """\
import sys
sys.path[:0] = [{root!r}]
from pathlib import Path
from datanet_sql.ingest import reading
from datanet_sql.adapters.base import Relation
from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.ingest.loader import LoadJob, load
adapter = DuckDBAdapter({{"path": sys.argv[1]}})
for mode, name in (("incremental_files", "sales"), ("replace", "snapshot")):
    config = {{"mode": mode, "primary_key": [], "cursor": None, "path": "landing/*.csv",
              "dsn": None, "format": None, "source_table": None, "options": {{}},
              "on_bad_row": "reject", "columns": {{}}}}
    load(adapter, LoadJob("shop", name, Relation(name, "shop"), "main", Path(sys.argv[2]),
                          config), reading)
    print(name, "loaded", flush=True)
adapter.close()
"""


def landing(root: Path, files: int, rows: int) -> None:
    (root / "landing").mkdir(parents=True)
    for f in range(files):
        lines = "".join(f"{f * rows + i},{i % 97},note {i}\n" for i in range(rows))
        (root / "landing" / f"part-{f:03}.csv").write_text("id,amount,note\n" + lines)


def tables(db: Path) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            "select (select count(*) from shop.sales), (select count(distinct id) from shop.sales),"
            " (select sum(amount) from shop.sales), (select count(*) from shop.snapshot),"
            " (select count(*) from main._datanet_ingest_ledger)").fetchall()


def test_kill_9_at_random_moments_then_rerun_gives_the_same_tables(tmp_path: Path) -> None:
    landing(tmp_path, files=12, rows=1000)
    script = tmp_path / "load.py"
    script.write_text(LOADER.format(root=str(ROOT)))
    run = [sys.executable, str(script)]
    clean = tmp_path / "clean.duckdb"
    started = time.monotonic()
    subprocess.run([*run, str(clean), str(tmp_path)], check=True, timeout=120,
                   capture_output=True)
    duration = time.monotonic() - started
    expected = tables(clean)
    assert expected == [(12000, 12000, sum(i % 97 for i in range(1000)) * 12, 12000, 24)]
    rng = random.Random(15)
    partial = []
    for attempt in range(2):
        killed = tmp_path / f"killed{attempt}.duckdb"
        process = subprocess.Popen([*run, str(killed), str(tmp_path)], stdout=subprocess.PIPE,
                                   text=True)
        if attempt == 0:  # at a random moment past the imports
            time.sleep(rng.uniform(0.45, 0.9) * duration)
        else:  # as the second table's load starts, whatever the machine's speed
            assert process.stdout.readline().startswith("sales loaded")
        process.send_signal(signal.SIGKILL)
        process.wait()
        partial.append(_consistent(killed))
        subprocess.run([*run, str(killed), str(tmp_path)], check=True, timeout=120,
                       capture_output=True)
        assert tables(killed) == expected
    assert any(0 < files < 24 for files in partial), partial  # some kill landed mid-load


def _consistent(db: Path) -> int:
    """Ledger rows committed when the kill struck; whatever the moment, each table's rows and
    its ledger rows agree (1000 rows per file)."""
    if not db.exists():
        return 0
    committed = 0
    with duckdb.connect(str(db), read_only=True) as con:
        for table in ("sales", "snapshot"):
            if not con.execute("select count(*) from information_schema.tables where "
                               "table_name = ?", [table]).fetchone()[0]:
                continue
            rows = con.execute(f"select count(*) from shop.{table}").fetchone()[0]
            files = con.execute("select count(*) from main._datanet_ingest_ledger where "
                                "table_name = ?", [table]).fetchone()[0]
            assert rows == files * 1000, (table, rows, files)
            committed += files
    return committed


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

