"""`datanet run` of the generated 100-model project on DuckDB, Postgres and Spark.

For each engine: wall time per model, and the share of it that is datanet's own overhead,
i.e. the run's wall time minus the time spent inside the adapter's statements (execute and
fetch, timed around the driver call in the same run). Run by hand:

    .venv/bin/python benchmarks/engines/bench_project.py [--models 100] [--engines duckdb,postgres,spark]
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from gen_project import generate_project  # noqa: E402

from datanet_sql.adapters.base import Adapter  # noqa: E402
from datanet_sql.adapters.spark import SMALL_DATA_CONFIG  # noqa: E402
from datanet_sql.run.executor import RunOptions  # noqa: E402
from datanet_sql.run.session import execute, open_session  # noqa: E402

PG_DSN = "postgresql://postgres@127.0.0.1:5432/test"


@contextlib.contextmanager
def driver_clock(adapter: Adapter) -> Iterator[list[float]]:
    """Seconds spent inside the engine's driver while the block runs, summed into clock[0].

    Postgres is timed at psycopg's `Connection.wait`, through which every round trip goes
    (statements, BEGIN/COMMIT/SAVEPOINT, COPY): the adapter's swaps run their statements on
    the connection directly, so timing its `execute`/`fetch` (as this script first did) put
    their server time on datanet's side. DuckDB and Spark are timed at the adapter's
    `execute`/`fetch`, which every statement of theirs goes through.
    """
    clock = [0.0]
    if adapter.dialect == "postgres":
        import psycopg

        owner: Any = psycopg.Connection
        names = ("wait",)
    else:
        owner, names = type(adapter), ("execute", "fetch")
    saved = {name: getattr(owner, name) for name in names}

    def timed(original: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                clock[0] += time.perf_counter() - started
        return wrapper

    for name, original in saved.items():
        setattr(owner, name, timed(original))
    try:
        yield clock
    finally:
        for name, original in saved.items():
            setattr(owner, name, original)


def bench(root: Path, target: str) -> dict[str, float]:
    session = open_session(root, target)
    try:
        models = sum(1 for _ in session.manifest.models())
        execute(session, "run", options=RunOptions(threads=1))  # warm-up: sessions, schemas
        with driver_clock(session.adapter) as clock:
            started = time.perf_counter()
            results = execute(session, "run", options=RunOptions(threads=1))
            wall = time.perf_counter() - started
        assert results.success, [(r.name, r.message) for r in results.failed]
    finally:
        session.close()
    return {"models": models, "wall": wall, "warehouse": clock[0],
            "per_model_ms": 1000 * wall / models,
            "overhead_ms": 1000 * (wall - clock[0]) / models,
            "overhead_share": (wall - clock[0]) / wall}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--models", type=int, default=100)
    parser.add_argument("--engines", default="duckdb,postgres,spark")
    args = parser.parse_args()
    schema = f"bench_{uuid.uuid4().hex[:6]}"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "proj"
        generate_project(root, args.models, seed=0)
        targets = {"duckdb": {"type": "duckdb"},
                   "postgres": {"type": "postgres", "dsn": PG_DSN, "schema": schema},
                   "spark": {"type": "spark", **SMALL_DATA_CONFIG, "schema": schema}}
        (root / "targets.yml").write_text(yaml.safe_dump(targets))
        print("| engine | models | run (s) | per model (ms) | datanet overhead (ms/model) "
              "| overhead share |\n|---|---|---|---|---|---|")
        for engine in args.engines.split(","):
            r = bench(root, engine)
            print(f"| {engine} | {r['models']} | {r['wall']:.2f} | {r['per_model_ms']:.1f} | "
                  f"{r['overhead_ms']:.1f} | {100 * r['overhead_share']:.0f}% |", flush=True)
    if "postgres" in args.engines:
        import psycopg

        with psycopg.connect(PG_DSN, autocommit=True) as con:
            for name in (schema, f"{schema}_raw"):
                con.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


if __name__ == "__main__":
    main()
