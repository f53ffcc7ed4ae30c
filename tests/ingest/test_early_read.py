"""`datanet ingest` begins reading the first NDJSON file while it starts up (ingest.early_read):
the load takes that read only for the very file, whole and unchanged, and the tables equal a
load that read the file itself; a rerun, a changed file, a bad line or a kill -9 leave
nothing behind that a plain load would not."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from ingest_helpers import ROOT
from test_load_json_staged import orders, tables

from datanet_sql.adapters.base import Relation
from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.cli.main import cli
from datanet_sql.config.project import load_project
from datanet_sql.ingest import early_read, reading
from datanet_sql.ingest.early_read import EarlyRead
from datanet_sql.ingest.loader import LoadJob, load

TABLE = "{name: orders, path: orders.ndjson, load: {mode: append, primary_key: order_id}}"


def project(root: Path, table: str = TABLE, target: str = "{type: duckdb, path: dw.duckdb}",
            lines: str | None = None) -> Path:
    (root / "sources").mkdir(exist_ok=True)
    (root / "datanet.yml").write_text("name: shop\n")
    (root / "targets.yml").write_text(f"dev: {target}\n")
    (root / "sources" / "shop.yml").write_text(
        f"sources:\n  - name: shop\n    tables:\n      - {table}\n")
    (root / "orders.ndjson").write_text(orders(1, 40) if lines is None else lines)
    return root


@pytest.fixture
def taken(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Whether each `EarlyRead.take` of the test gave the read (a connection holding it)."""
    seen: list[Any] = []
    real = EarlyRead.take

    def spy(self: EarlyRead, path: Path) -> Any:
        found = real(self, path)
        seen.append(found is not None)
        return found
    monkeypatch.setattr(EarlyRead, "take", spy)
    return seen


def ingest(root: Path) -> Any:
    result = CliRunner().invoke(cli, ["ingest", "--project-dir", str(root)])
    assert result.exit_code == 0, result.output
    return result


def loaded_by_the_loader(root: Path) -> dict[str, Any]:
    """The same file loaded by the loader alone (no early read) into a warehouse of its own."""
    config = {"mode": "append", "primary_key": ["order_id"], "cursor": None,
              "path": "orders.ndjson", "dsn": None, "format": None, "source_table": None,
              "options": {}, "on_bad_row": "reject", "columns": {}}
    adapter = DuckDBAdapter({"path": str(root / "alone.duckdb")})
    try:
        load(adapter, LoadJob("shop", "orders", Relation("orders", "shop"), "main", root,
                              config), reading)
        return tables(adapter)
    finally:
        adapter.close()


def warehouse_tables(root: Path, relative_to: Path | None = None) -> dict[str, Any]:
    """`tables` of the project's warehouse; the ledger's file paths relative to
    `relative_to` when given (to compare two projects' loads of the same file)."""
    adapter = DuckDBAdapter({"path": str(root / "dw.duckdb")})
    try:
        found = tables(adapter)
    finally:
        adapter.close()
    if relative_to is not None:
        columns, rows = found["main._datanet_ingest_ledger"]
        found["main._datanet_ingest_ledger"] = (columns, [
            tuple(Path(v).name if isinstance(v, str) and v.startswith(str(relative_to)) else v
                  for v in row) for row in rows])
    return found


def test_the_command_takes_the_early_read_and_builds_the_same_tables(
        tmp_path: Path, taken: list[Any]) -> None:
    root = project(tmp_path)
    assert "shop.orders\tshop.orders\t1\t40\t0\t0\torders__items" in ingest(root).stdout
    assert taken == [True]
    assert warehouse_tables(root) == loaded_by_the_loader(root)
    # the read's temporary table went with the batch; nothing else is left in the warehouse
    assert set(warehouse_tables(root)) == {"main._datanet_ingest_ledger", "shop._rejects",
                                           "shop.orders", "shop.orders__items"}


def test_a_rerun_interrupts_the_unused_read_and_changes_nothing(tmp_path: Path,
                                                                taken: list[Any]) -> None:
    root = project(tmp_path)
    ingest(root)
    before = warehouse_tables(root)
    again = ingest(root)
    assert "shop.orders\tshop.orders\t0\t0\t1\t0" in again.stdout
    assert taken == [True]  # the rerun had nothing to stage
    assert warehouse_tables(root) == before


def test_lines_appended_since_a_load_are_read_by_the_loader(tmp_path: Path,
                                                            taken: list[Any]) -> None:
    root = project(tmp_path)
    ingest(root)
    with (root / "orders.ndjson").open("a") as handle:
        handle.write(orders(41, 25))
    assert "shop.orders\tshop.orders\t1\t25\t0\t0" in ingest(root).stdout
    assert taken == [True, False]  # the chunk is a copy, not the file read
    assert [row[0] for row in warehouse_tables(root)["shop.orders"][1]] == list(range(1, 66))


def test_a_file_changed_after_the_read_began_is_not_taken(tmp_path: Path) -> None:
    root = project(tmp_path)
    early = early_read.start(load_project(root))
    assert early is not None
    try:
        early._thread.join()  # the read is done, then the file changes under it
        with (root / "orders.ndjson").open("a") as handle:
            handle.write(orders(41, 1))
        assert early.take(root / "orders.ndjson") is None
    finally:
        early.close()


def test_a_bad_line_is_rejected_as_by_the_loader_alone(tmp_path: Path, taken: list[Any]) -> None:
    root = project(tmp_path, lines=orders(1, 3) + "[1, 2]\n" + orders(4, 2))
    assert "shop.orders\tshop.orders\t1\t5\t0\t1" in ingest(root).stdout
    assert taken == [False]  # DuckDB refused the read: the loader read the lines itself
    assert warehouse_tables(root) == loaded_by_the_loader(root)


@pytest.mark.parametrize(("table", "target", "select"), [
    (TABLE.replace("append", "replace"), None, []),
    (TABLE.replace("append", "merge"), None, []),
    (TABLE.replace("orders.ndjson", "orders.csv"), None, []),
    (TABLE.replace("load:", "columns: [{name: order_id, data_type: integer}], load:"), None, []),
    (TABLE.replace("load:", "options: {encoding: latin-1}, load:"), None, []),
    (TABLE, "{type: duckdb, path: ':memory:'}", []),
    (TABLE, "{type: postgres, dsn: 'postgresql://postgres@127.0.0.1:5432/test'}", []),
    (TABLE, None, ["source:shop.customers"]),
], ids=["replace", "merge", "csv", "declared_columns", "options", "memory", "postgres",
        "not_selected"])
def test_no_early_read_where_the_loader_would_not_stage_the_file(
        tmp_path: Path, table: str, target: str | None, select: list[str]) -> None:
    root = project(tmp_path, table, target or "{type: duckdb, path: dw.duckdb}")
    (root / "orders.csv").write_text("order_id\n1\n")
    assert early_read.start(load_project(root), select) is None


@pytest.mark.parametrize("select", [[], ["source:shop"], ["source:shop.orders"],
                                    ["source:shop.*"], ["source:other source:shop.orders"]])
def test_an_early_read_for_a_selection_naming_the_table(tmp_path: Path,
                                                        select: list[str]) -> None:
    early = early_read.start(load_project(project(tmp_path)), select)
    assert early is not None
    try:
        assert early.take(tmp_path / "orders.ndjson") is not None
        assert early.take(tmp_path / "other.ndjson") is None
    finally:
        early.close()


def test_kill_9_during_the_early_read_then_rerun_gives_the_same_tables(tmp_path: Path) -> None:
    lines = orders(1, 30_000)
    (tmp_path / "clean").mkdir()
    clean = project(tmp_path / "clean", lines=lines)
    command = [sys.executable, "-c", (f"import sys; sys.path[:0] = [{str(ROOT)!r}]; from "
                                      "datanet_sql.cli.main import main; "
                                      "sys.argv = ['datanet', 'ingest']; main()")]
    started = time.monotonic()
    subprocess.run(command, cwd=clean, check=True, timeout=120, capture_output=True)
    duration = time.monotonic() - started
    expected = warehouse_tables(clean, clean)
    rng = random.Random(7)
    for attempt in range(3):
        root = tmp_path / f"killed{attempt}"
        root.mkdir()
        project(root, lines=lines)
        process = subprocess.Popen(command, cwd=root, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 0.8) * duration)
        process.send_signal(signal.SIGKILL)
        process.wait()
        subprocess.run(command, cwd=root, check=True, timeout=120, capture_output=True)
        assert warehouse_tables(root, root) == expected


def test_the_staged_statement_is_the_readers_read_json(tmp_path: Path) -> None:
    """`staged_json.STATEMENT` (a constant, so the early read needs no sqlglot) is the read
    the readers build with sqlglot for a file read in one piece."""
    import sqlglot

    from datanet_sql.ingest.readers.json import _read_json
    from datanet_sql.ingest.readers.sql import temp_table
    from datanet_sql.ingest.readers.staged_json import JSON_OBJECT_BYTES, STATEMENT, TABLE

    path = tmp_path / "orders.ndjson"
    bound = STATEMENT.replace("$file", f"'{path}'").replace("$limit", str(JSON_OBJECT_BYTES))
    built = temp_table(TABLE, _read_json(path, "newline_delimited", JSON_OBJECT_BYTES))
    assert sqlglot.parse_one(bound, "duckdb") == sqlglot.parse_one(built, "duckdb")
