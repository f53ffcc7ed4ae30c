"""The example's committed profiles: no real personal data in them, and `build --mock` builds
and tests the whole project on mocks made from them (the CI job without production data)."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import yaml
from click.testing import CliRunner

from datanet_sql.cli.main import cli

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "shop"
PROFILES = sorted((EXAMPLE / "profiles").glob("*.yml"))
K = 5  # datanet.yml's profiling.min_category_count default


def _raw_customers() -> list[dict[str, str]]:
    with (EXAMPLE / "data" / "customers.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_no_email_or_phone_of_a_real_customer_is_in_any_profile() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in PROFILES)
    assert PROFILES, "the example's profiles are committed"
    values = {row[c].strip() for row in _raw_customers() for c in ("email", "phone") if row[c]}
    assert sorted(v for v in values if len(v) >= 6 and v in text) == []


def test_pii_columns_keep_formats_and_statistics_only() -> None:
    for path in PROFILES:
        profile = yaml.safe_load(path.read_text(encoding="utf-8"))
        for column in profile["columns"]:
            if column.get("pii"):
                assert not {"top_values", "min", "max", "quantiles"} & set(column), \
                    f"{path.name}: {column['name']}"


def test_every_written_category_occurs_at_least_k_times_unless_declared_public() -> None:
    for path in PROFILES:
        profile = yaml.safe_load(path.read_text(encoding="utf-8"))
        rows = profile["row_count"]
        for column in profile["columns"]:
            if column.get("public"):   # declared public in sources/raw.yml (catalogue names)
                assert (path.name, column["name"]) == ("raw.products.yml", "name")
                continue
            for entry in column.get("top_values") or []:
                assert round(entry["freq"] * rows) >= K, f"{path.name}: {column['name']}"


def test_build_mock_runs_the_example_without_its_data(tmp_path: Path) -> None:
    root = tmp_path / "shop"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns(".datanet", "data"))
    result = CliRunner().invoke(cli, ["build", "--mock", "--project-dir", str(root)])
    assert result.exit_code == 0, result.output
    results = json.loads((root / ".datanet" / "run_results.json").read_text())
    statuses = {r["name"]: r["status"] for r in results["results"]}
    assert statuses["dim_customers"] == "success" and statuses["fct_orders"] == "success"
    assert statuses["unique_stg_customers_customer_id"] == "pass"
    assert not (root / "data").exists()  # nothing real was needed
