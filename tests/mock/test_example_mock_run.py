"""The example's committed profiles: no real personal data in them, and `build --mock` builds
and tests the whole project on mocks made from them (the CI job without production data)."""

from __future__ import annotations

import csv
import re
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
    _mock_customers_pass_their_own_cleansing(root)


def _mock_customers_pass_their_own_cleansing(root: Path) -> None:
    """Mock customers are written the way the CRM writes them (its four date formats, its
    phone formats) and so pass stg_customers' cleansing: the only rejects left are the
    national numbers of rows whose country is a NULL token, as in the real export."""
    import duckdb

    con = duckdb.connect(str(root / ".datanet" / "mock.duckdb"), read_only=True)
    try:
        rows = con.execute("SELECT count(*) FROM raw.customers").fetchone()[0]
        rejects = dict(con.execute("SELECT column_name, count(*) FROM main.stg_customers__rejects"
                                   " GROUP BY ALL").fetchall())
        formats = {r[0] for r in con.execute(
            "SELECT regexp_replace(signup_date, '[0-9]', '9', 'g') FROM raw.customers").fetchall()}
        cities = [r[0] for r in con.execute("SELECT city FROM raw.customers").fetchall()]
    finally:
        con.close()
    assert set(rejects) <= {"phone"} and sum(rejects.values()) <= 0.01 * rows, rejects
    assert {"9999-99-99", "99/99/9999", "99999999"} <= formats
    assert any(re.fullmatch("99 [A-Z][a-z]{2} 9999", f) for f in formats)
    from datanet_sql.mock.pools import pool

    assert set(cities) <= set(pool("city", "en_US", 0)) | {None}
