"""Load a datanet project's target/manifest.json into dagster-dbt assets, as a dagster user would.

Run by hand (dagster-dbt needs dbt-core, which datanet never depends on), in a separate venv:

    python3 -m venv .eco-venv && .eco-venv/bin/pip install "dbt-core==1.9.*" dagster-dbt
    datanet build --project-dir examples/shop
    .eco-venv/bin/python benchmarks/ecosystem/dagster_assets.py examples/shop

It prints every asset with its upstream assets and exits non-zero if a model of the manifest is
missing or its dependencies differ from datanet's.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from dagster_dbt import DbtCliResource, dbt_assets


def main(project: Path) -> int:
    manifest = json.loads((project / "target" / "manifest.json").read_text(encoding="utf-8"))

    @dbt_assets(manifest=manifest)
    def project_assets(context, dbt: DbtCliResource):  # noqa: ANN001, ANN202 - dagster's API
        yield from dbt.cli(["build"], context=context).stream()

    deps = {spec.key.to_user_string(): sorted(d.asset_key.to_user_string() for d in spec.deps)
            for spec in project_assets.specs}
    for key in sorted(deps):
        print(f"{key} <- {', '.join(deps[key]) or '-'}")
    expected = {node["name"] for node in manifest["nodes"].values()
                if node["resource_type"] in ("model", "seed")}
    missing = expected - set(deps)
    print(f"{len(deps)} assets, {len(expected)} models and seeds in the manifest, "
          f"missing: {sorted(missing) or 'none'}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "examples/shop")))
