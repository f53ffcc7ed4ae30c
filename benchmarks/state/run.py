"""Column-aware `state:modified+` measured on examples/shop: does it miss a model whose table
changed, and how much does it leave out compared with dbt's every-descendant behaviour?

For each edit (written down with its expected selection before the first run): copy the
example to a work folder, build it, keep target/manifest.json as the state, apply the edit,
list `state:modified+` both ways, build again and compare every model's rows before and after.
A model whose rows changed but was not selected is a miss (a slim CI build would have left it
stale): that column must be 0.

    python benchmarks/state/run.py [--work ../state_bench]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[2]
SHOP = REPO / "examples" / "shop"

# (name, file, old text, new text, what a careful engineer expects state:modified+ to take)
EDITS = [
    ("recompute one column", "models/staging/stg_products.sql", "trim(name) as product_name",
     "upper(trim(name)) as product_name", {"stg_products", "product_performance"}),
    ("add a column", "models/staging/stg_products.sql", "    is_active,\n",
     "    is_active,\n    1 as batch,\n", {"stg_products"}),
    ("recompute a declarative column", "models/staging/staging.yml",
     "expr: \"first_name || ' ' || last_name\"", "expr: \"last_name || ', ' || first_name\"",
     {"stg_customers", "dim_customers"}),
    ("change a filter", "models/staging/stg_orders.sql",
     "where cast(o.ordered_at as timestamp) >= cast(",
     "where cast(o.ordered_at as timestamp) > cast(", None),  # None: every descendant
]


def datanet(root: Path, *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "datanet_sql", *args, "--project-dir",
                           str(root)], capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    if done.returncode != 0:
        raise SystemExit(f"datanet {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def tables(root: Path) -> dict[str, str]:
    """Every model's rows, as a digest (order-free)."""
    manifest = json.loads((root / "target" / "manifest.json").read_text())
    found = {}
    with duckdb.connect(str(root / ".datanet" / "dev.duckdb"), read_only=True) as con:
        for node in manifest["nodes"].values():
            if node["resource_type"] == "model" and node.get("relation_name"):
                rows = con.sql(f"select * from {node['relation_name']}").fetchall()
                text = "\n".join(sorted(repr(r) for r in rows))
                columns = [d[0] for d in con.sql(f"select * from {node['relation_name']} "
                                                 "limit 0").description]
                found[node["name"]] = hashlib.sha256(f"{columns}{text}".encode()).hexdigest()
    return found


def measure(work: Path, name: str, rel: str, old: str, new: str) -> dict[str, object]:
    root = work / "shop"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(SHOP, root, ignore=shutil.ignore_patterns(".datanet", "target"))
    datanet(root, "build")
    before = tables(root)
    state = work / "state"
    shutil.rmtree(state, ignore_errors=True)
    shutil.copytree(root / "target", state)
    path = root / rel
    text = path.read_text()
    assert old in text, f"{name}: '{old}' not in {rel}"
    path.write_text(text.replace(old, new, 1))
    picked = {mode: {line for line in datanet(
        root, "ls", "-s", "state:modified+", "--state", str(state), "--state-children", mode,
        "--resource-type", "model", "--output", "name").splitlines() if line}
        for mode in ("columns", "all")}
    datanet(root, "build")
    after = tables(root)
    changed = {m for m in after if before.get(m) != after[m]}
    return {"edit": name, "changed": sorted(changed), "columns": sorted(picked["columns"]),
            "all": sorted(picked["all"]), "missed": sorted(changed - picked["columns"]),
            "extra": sorted(picked["columns"] - changed)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", type=Path, default=REPO.parent / "state_bench")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    rows = []
    for name, rel, old, new, expected in EDITS:
        row = measure(args.work, name, rel, old, new)
        row["as expected"] = expected is None and row["columns"] == row["all"] or \
            set(row["columns"]) == (expected or set())
        rows.append(row)
        print(json.dumps(row))
    print(f"edits: {len(rows)}; models selected column-aware: "
          f"{sum(len(r['columns']) for r in rows)}, dbt's all children: "
          f"{sum(len(r['all']) for r in rows)}; missed (changed, not selected): "
          f"{sum(len(r['missed']) for r in rows)}; selected but unchanged: "
          f"{sum(len(r['extra']) for r in rows)}")


if __name__ == "__main__":
    main()
