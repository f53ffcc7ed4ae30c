"""What the load-level cases of several stages share: the landing and source steps
more than one stage uses (see `loads.py`)."""

from __future__ import annotations

import os
from pathlib import Path

OLD_MTIME = 1_000_000_000           # 2001: a late file stamped long before the others


def _land(folder: Path, name: str, frame, mtime: float | None = None) -> None:
    path = folder / "landing" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(frame.to_csv(index=False))
    if mtime is not None:
        os.utime(path, (mtime, mtime))


# the Postgres server the cases with a Postgres source write their tables to
PG_DSN = os.environ.get("DATANET_TEST_PG_DSN", "postgresql://postgres@127.0.0.1:5432/test")


def per_run(schema: str) -> str:
    """A Postgres source schema of a load case, made this scoring's own (the process id
    after it): two scorings at once (helpers scoring their branches) wrote and dropped each
    other's fixed schemas and failed each other's cases."""
    return f"{schema}_{os.getpid()}"


def _sources(table: str) -> str:
    """A sources file as a user writes it, with one table `bench.target`."""
    return f"sources:\n  - name: bench\n    tables:\n      - name: target\n{table}"
