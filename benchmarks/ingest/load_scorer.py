"""The scorer of the ingestion benchmark's load-level cases (`loads.py`): each case's
deliveries landed run by run and loaded with `datanet_sql.ingest.loader.load`, or with the
real `datanet ingest` command when the case gives a `sources:` YAML, into a DuckDB file in a
fresh folder; the warehouse's table then compared with the case's expectation. Run by
`run.py`.
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class LoadCase:
    name: str
    stage: int
    why: str
    config: dict[str, Any]          # the `load:` config plus path/format/... of the source
    steps: list[Callable[[Path], None]]   # before each run of the loader
    expect: Callable[[], list[tuple]]     # the table's rows after the last run, sorted
    batches: list[int] | None = None      # batches each run loads (None: not checked)
    columns: list[str] | None = None      # the table's columns compared (None: all)
    rejects: int | None = None            # rows in bench._rejects (None: not checked)
    cli: str | None = None                # sources YAML: run `datanet ingest`, not the loader
    cleanup: Callable[[], None] | None = None   # after the case (a source schema dropped)
    refuse_ok: bool = False               # a clear refusal (DatanetError) is fine too



def run_case(case: LoadCase, folder: Path) -> list[str]:
    """Run the case's steps and loads in `folder` (a fresh one), return the differences
    from the expectation (empty: correct). DatanetErrors and crashes propagate; a `datanet
    ingest` that exits non-zero raises one too (a refusal, or a crash when it printed a
    traceback)."""
    from datanet_sql.adapters.duckdb import DuckDBAdapter

    config = {"primary_key": [], "cursor": None, "path": None, "dsn": None, "format": None,
              "source_table": None, "options": {}, "on_bad_row": "reject", "columns": {},
              **case.config}
    if config["dsn"]:
        config["dsn"] = str(folder / config["dsn"])
    found: list[str] = []
    batches: list[int | None] = []
    try:
        if case.cli:            # the command holds the warehouse file while it runs
            _project(folder, case.cli)
            for step in case.steps:
                step(folder)
                batches.append(_ingest(folder))
        adapter = DuckDBAdapter({"path": str(folder / "warehouse.duckdb")})
        try:
            for step in [] if case.cli else case.steps:
                step(folder)
                batches.append(_load(adapter, folder, config))
            names, rows = adapter.fetch(_select(case, config))
            if case.rejects is not None:
                rejected = _count_rejects(adapter)
                if rejected != case.rejects:
                    found.append(f"{rejected} row(s) in _rejects != {case.rejects}")
        finally:
            adapter.close()
    finally:
        if case.cleanup:
            case.cleanup()
    got, expected = sorted(map(_plain, rows), key=_order), sorted(case.expect(), key=_order)
    if case.batches is not None and batches != case.batches:
        found.append(f"batches per run {batches} != {case.batches}")
    if len(got) != len(expected):
        found.append(f"rows {len(got)} != {len(expected)}")
    wrong = [(g, e) for g, e in zip(got, expected) if not _same(g, e)]
    if wrong:
        found.append(f"{len(wrong)} row(s) differ, the first: {wrong[0][0]} != {wrong[0][1]} "
                     f"(columns {names})")
    return found


def _load(adapter: Any, folder: Path, config: dict[str, Any]) -> int:
    """One run of the loader into `bench.target`; the batches it loaded."""
    from datanet_sql.adapters.base import Relation
    from datanet_sql.ingest import reading
    from datanet_sql.ingest.loader import LoadJob, load

    job = LoadJob("bench", "target", Relation("target", "bench"), "main", folder, config)
    return load(adapter, job, reading).batches


def _project(folder: Path, sources: str) -> None:
    """A project in `folder` loading `bench.target` into `warehouse.duckdb`."""
    (folder / "sources").mkdir(exist_ok=True)
    (folder / "models").mkdir(exist_ok=True)
    (folder / "datanet.yml").write_text("name: bench\n")
    (folder / "targets.yml").write_text("dev: {type: duckdb, path: warehouse.duckdb}\n")
    (folder / "sources" / "bench.yml").write_text(sources)


def _ingest(folder: Path) -> int | None:
    """One run of the real `datanet ingest` in `folder`: the batches its report shows."""
    from datanet_sql.errors import DatanetError

    root = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [root, *filter(None, [os.environ.get("PYTHONPATH")])])}
    done = subprocess.run([sys.executable, "-m", "datanet_sql.cli.main", "ingest",
                           "--project-dir", str(folder)], capture_output=True, text=True,
                          env=env, check=False)
    if done.returncode != 0:
        said = done.stderr.strip().splitlines() or [f"exit code {done.returncode}"]
        if "Traceback" in done.stderr:
            raise RuntimeError(f"datanet ingest crashed: {said[-1]}")
        raise DatanetError(f"datanet ingest refused: {said[0]}")
    report = [line.split("\t") for line in done.stdout.splitlines()
              if line.startswith("bench.target\t")]
    return int(report[0][2]) if report else None


def _select(case: LoadCase, config: dict[str, Any]) -> str:
    if case.columns:
        return f"select {', '.join(case.columns)} from bench.target"
    return "select * exclude (_datanet_file) from bench.target" if config["path"] else \
        "select * from bench.target"


def _count_rejects(adapter: Any) -> int:
    """Rows in bench._rejects, 0 when no load wrote that table."""
    _, rows = adapter.fetch("select count(*) from information_schema.tables where "
                            "table_schema = 'bench' and table_name = '_rejects'")
    if not rows[0][0]:
        return 0
    return adapter.fetch("select count(*) from bench._rejects")[1][0][0]


def _plain(row: tuple) -> tuple:
    """A warehouse row as the expectations write it: Decimals as floats, dates as ISO text,
    a zoned timestamp as its UTC time (so a naive column holding UTC compares equal to it,
    and one holding local times does not)."""
    return tuple(float(v) if hasattr(v, "as_tuple") else _utc_text(v)
                 if isinstance(v, datetime.datetime) and v.tzinfo else
                 v.isoformat() if hasattr(v, "isoformat") else v for v in row)


def _utc_text(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.timezone.utc).replace(tzinfo=None).isoformat()


def _order(row: tuple) -> tuple:
    """A sort key that takes NULLs (last in their column) beside numbers and text."""
    return tuple((v is None, isinstance(v, str), v if isinstance(v, (int, float)) else 0,
                  v if isinstance(v, str) else "") for v in row)


def _same(got: tuple, expected: tuple) -> bool:
    return len(got) == len(expected) and all(
        g == e or (isinstance(g, float) and isinstance(e, float) and abs(g - e) < 1e-9)
        for g, e in zip(got, expected))
