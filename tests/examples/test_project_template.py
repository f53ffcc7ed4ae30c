"""`datanet init` copies datanet_sql/project_template/: a starter that compiles, runs and tests."""

from __future__ import annotations

import json
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parents[2] / "datanet_sql" / "project_template"


def test_template_has_every_starter_file() -> None:
    for rel in ("datanet.yml", "targets.yml", "sources/raw.yml", "data/orders.csv",
                "models/staging/stg_orders.sql", "models/marts/customer_orders.sql",
                "models/marts/schema.yml", "macros/.gitkeep", "tests/.gitkeep",
                "seeds/order_statuses.csv", "profiles/.gitkeep", ".gitignore", "README.md"):
        assert (TEMPLATE / rel).is_file(), rel
    assert ".datanet/" in (TEMPLATE / ".gitignore").read_text().split()
    assert len((TEMPLATE / "data" / "orders.csv").read_text().splitlines()) == 11
    readme = (TEMPLATE / "README.md").read_text()
    assert all(cmd in readme for cmd in ("datanet compile", "datanet run", "datanet test"))


def test_init_run_test(tmp_path: Path, datanet) -> None:
    root = tmp_path / "starter"
    code, output = datanet("init", str(root))
    assert code == 0, output
    for command in ("compile", "run", "test", "build"):
        code, output = datanet(command, "--project-dir", str(root))
        assert code == 0, f"datanet {command}: {output}"
    code, output = datanet("show", "customer_orders", "--project-dir", str(root), "--format",
                           "json", "--output", str(root / "out.json"))
    assert code == 0, output
    rows = {r["customer_id"]: r for r in json.loads((root / "out.json").read_text())}
    assert len(rows) == 5 and rows[101]["order_count"] == 3
