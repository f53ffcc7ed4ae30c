"""examples/shop: its data is what the seeded script writes, and the project compiles,
runs, tests and grows incrementally with the datanet CLI."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path

import pytest

SHOP = Path(__file__).resolve().parents[2] / "examples" / "shop"


def _generator():
    spec = importlib.util.spec_from_file_location("shop_generate_data",
                                                  SHOP / "scripts" / "generate_data.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def generate(out: Path, months: int, seed: int = 42) -> None:
    """What `generate_data.py --seed 42 --months N --out DIR` does, in-process."""
    gen = _generator()
    shop = gen.make_shop(seed)
    gen.gen_customers(shop)
    gen.gen_products(shop)
    out.mkdir(parents=True, exist_ok=True)
    gen.write_customers(shop, out)
    gen.write_products(shop, out)
    gen.write_orders(shop, seed, months, out)


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_committed_data_is_what_the_seeded_script_writes(tmp_path: Path) -> None:
    generate(tmp_path, 7)
    committed = files(SHOP / "data")
    assert files(tmp_path) == committed
    assert sum(len(b) for b in committed.values()) < 2_000_000
    assert len([f for f in committed if f.startswith("orders/")]) == 7


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory, datanet) -> Path:
    """A copy of the example, built once with `datanet run`."""
    root = tmp_path_factory.mktemp("shop") / "shop"
    shutil.copytree(SHOP, root, ignore=shutil.ignore_patterns(".datanet"))
    code, output = datanet("run", "--project-dir", str(root))
    assert code == 0, output
    return root


def query(datanet, root: Path, sql: str) -> list[dict]:
    code, output = datanet("show", "--project-dir", str(root), "--inline", sql,
                           "--format", "json", "--output", str(root / "out.json"))
    assert code == 0, output
    return json.loads((root / "out.json").read_text())


def test_compiles(shop: Path, datanet) -> None:
    code, output = datanet("compile", "--project-dir", str(shop))
    assert code == 0, output
    assert "Compiled 11 models" in output
    assert (shop / ".datanet" / "compiled" / "dev" / "fct_orders.sql").is_file()


def test_builds_the_marts(shop: Path, datanet) -> None:
    rows = query(datanet, shop, "select (select count(*) from {{ ref('fct_orders') }}) as orders, "
                                "(select count(*) from {{ ref('product_performance') }}) as products, "
                                "(select count(*) from {{ ref('daily_revenue') }}) as days")
    assert rows == [{"orders": 2217, "products": 150, "days": 182}]


def test_data_tests_pass(shop: Path, datanet) -> None:
    code, output = datanet("test", "--project-dir", str(shop))
    assert code == 0, output


def test_customers_are_cleansed_and_deduplicated(shop: Path, datanet) -> None:
    rows = query(datanet, shop, "select count(*) as n, count(distinct customer_id) as ids, "
                                "count(signup_date) as dates, count(region) as regions, "
                                "max(case when email <> lower(trim(email)) then 1 else 0 end) "
                                "as messy_emails from {{ ref('dim_customers') }}")
    assert rows == [{"n": 1200, "ids": 1200, "dates": 1200, "regions": rows[0]["regions"],
                     "messy_emails": 0}]
    assert rows[0]["regions"] > 1100  # country codes normalised before the seed join


def test_national_phone_numbers_take_their_customers_country(shop: Path, datanet) -> None:
    """`01314 960834` of a British customer is +44..., not the table's most common +1."""
    rows = query(datanet, shop, "select country, count(*) as n, count(case when phone like "
                                "'+' || c.code || '%' then 1 end) as own "
                                "from {{ ref('stg_customers') }} join (values ('DE', '49'), "
                                "('FR', '33'), ('GB', '44'), ('NL', '31'), ('ES', '34')) "
                                "as c(iso, code) on country = c.iso where phone is not null "
                                "group by 1 order by 1")
    assert [r["country"] for r in rows] == ["DE", "ES", "FR", "GB", "NL"]
    for row in rows:   # the rest were written with an international 00 prefix of another code
        assert row["own"] >= row["n"] - 10, row


def test_a_new_orders_file_is_merged_incrementally(shop: Path, datanet, tmp_path: Path) -> None:
    generate(tmp_path, 8)  # month 8 (July 2024) is the file that "arrives"
    shutil.copy(tmp_path / "orders" / "orders_2024_07.ndjson", shop / "data" / "orders")
    code, output = datanet("run", "--project-dir", str(shop), "--select", "stg_orders")
    assert code == 0, output
    rows = query(datanet, shop, "select count(*) as n, count(distinct order_id) as ids, "
                                "max(ordered_at) as last from {{ ref('stg_orders') }}")
    assert rows[0]["n"] == rows[0]["ids"] == 2217 + 464
    assert str(rows[0]["last"]).startswith("2024-07-31")
