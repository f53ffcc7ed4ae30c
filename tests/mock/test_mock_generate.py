"""Mock tables from real profiles: determinism, keys, NULLs, dependencies, data tests, privacy."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow.csv as pcsv
import pyarrow.parquet as pq
import pytest

from datanet_sql.mock import fk_order, generate_mock, write_files


@pytest.fixture(scope="module")
def mocks(profiles):
    return generate_mock(list(profiles.values()), seed=7)


def frame(mocks, name):
    return mocks[f"raw.{name}"].to_pandas()


def test_same_seed_same_tables_other_seed_other_tables(profiles, mocks):
    again = generate_mock(list(profiles.values()), seed=7)
    assert all(again[name].equals(table) for name, table in mocks.items())
    other = generate_mock(list(profiles.values()), seed=8)
    assert not other["raw.flights"].equals(mocks["raw.flights"])


def test_sizes_types_and_parent_first_order(profiles, mocks, frames):
    assert [p.table for p in fk_order(list(profiles.values()))].index("airlines") < \
        [p.table for p in fk_order(list(profiles.values()))].index("flights")
    for name, real in frames.items():
        table = mocks[f"raw.{name}"]
        assert table.num_rows == len(real) and table.column_names == list(real.columns)
    flights = frame(mocks, "flights")
    assert str(flights["year"].dtype) == "int64" and flights["carrier"].map(type).eq(str).all()


def test_every_foreign_key_has_a_parent_row(mocks):
    flights = frame(mocks, "flights")
    assert flights["carrier"].isin(set(frame(mocks, "airlines")["carrier"])).all()
    assert flights["origin"].isin(set(frame(mocks, "airports")["faa"])).all()
    # children's k-anonymous key values are reused as parent keys, so codes look real
    assert {"UA", "AA", "DL"} <= set(frame(mocks, "airlines")["carrier"])


def test_unique_columns_are_unique(mocks):
    assert frame(mocks, "airlines")["carrier"].is_unique
    assert frame(mocks, "airports")["faa"].is_unique
    assert frame(mocks, "riots")["first_name"].is_unique


def test_null_rates_are_exact(profiles, mocks):
    for name, profile in profiles.items():
        table = frame(mocks, name)
        for col in profile.columns:
            rate = table[col.name].isna().mean()
            assert abs(rate - col.null_rate) <= 1.5 / len(table) + 1e-9, (name, col.name)
    flights = frame(mocks, "flights")
    assert (flights["dep_time"].isna() <= flights["arr_delay"].isna()).all()  # NULL together


def test_dependencies_hold(mocks):
    flights = frame(mocks, "flights")
    assert (flights["hour"] == flights["sched_dep_time"] // 100).all()
    assert (flights["minute"] == flights["sched_dep_time"] % 100).all()
    assert (flights.groupby("time_hour")[["month", "day", "hour"]].nunique() == 1).all().all()
    dates = [dt.date(y, m, d) for y, m, d in zip(flights["year"], flights["month"], flights["day"])]
    assert len(dates) == len(flights)  # every year/month/day is a valid date
    stamp = dt.datetime.strptime(flights["time_hour"][0], "%Y-%m-%dT%H:%M:%SZ")
    assert abs((stamp - dt.datetime(*dates[0].timetuple()[:3], int(flights["hour"][0]))).total_seconds()) \
        <= 5 * 3600


def test_times_and_identifiers_keep_their_shape(mocks):
    flights = frame(mocks, "flights")
    for column in ("dep_time", "arr_time", "sched_arr_time"):
        values = flights[column].dropna()
        assert ((values % 100) < 60).all() and values.between(0, 2400).all()
    tails = flights["tailnum"].dropna()
    assert tails.str.match(r"^N[0-9A-Z]{3,5}$").mean() > 0.95


def test_values_pass_the_data_tests_the_real_data_passes(mocks, frames):
    penguins, real = frame(mocks, "penguins"), frames["penguins"]
    for column in ("species", "island", "sex", "year"):
        assert set(penguins[column].dropna()) <= set(real[column].dropna())
    assert penguins["species"].notna().all()
    assert penguins["body_mass_g"].dropna().between(real["body_mass_g"].min(),
                                                   real["body_mass_g"].max()).all()
    corr_real = real[["flipper_length_mm", "body_mass_g"]].corr().iloc[0, 1]
    corr_mock = penguins[["flipper_length_mm", "body_mass_g"]].corr().iloc[0, 1]
    assert abs(corr_real - corr_mock) < 0.15


def test_mock_people_are_not_real_people(mocks, frames):
    people, real = frame(mocks, "riots"), frames["riots"]
    real_names = set(zip(real["first_name"], real["last_name"]))
    assert not any(pair in real_names for pair in zip(people["first_name"], people["last_name"]))
    assert not set(people["address"]) & set(real["address"])
    real_rows = set(map(tuple, real.astype(str).values))
    assert not any(tuple(r) in real_rows for r in people.astype(str).values)


def test_rows_and_scale(profiles):
    chosen = [profiles["airlines"], profiles["flights"]]
    sized = generate_mock(chosen, rows=500, seed=1)
    assert sized["raw.flights"].num_rows == 500
    assert sized["raw.airlines"].num_rows == profiles["airlines"].row_count  # a parent keeps its size
    scaled = generate_mock([profiles["penguins"]], scale=0.5, seed=1)
    assert scaled["raw.penguins"].num_rows == 172


def test_writers(mocks, tmp_path):
    files = write_files(mocks, {n: tmp_path / "parquet" / f"{n}.parquet" for n in mocks})
    assert pq.read_table(tmp_path / "parquet" / "raw.penguins.parquet").num_rows == 344
    write_files(mocks, {n: tmp_path / "csv" / f"{n}.csv" for n in mocks})
    assert pcsv.read_csv(tmp_path / "csv" / "raw.airlines.csv").num_rows == 16
    assert len(files) == len(mocks)


def test_a_hundred_thousand_rows_quickly(profiles):
    import time

    start = time.perf_counter()
    big = generate_mock([profiles["flights"]], rows=100_000, seed=3)["raw.flights"]
    assert big.num_rows == 100_000
    assert time.perf_counter() - start < 10
    assert np.isclose(big.column("dep_time").null_count / 100_000,
                      profiles["flights"].column("dep_time").null_rate, atol=1e-4)


def test_accepted_values_from_the_project_win_over_suppressed_categories(profiles):
    riots = profiles["riots"]
    hinted = generate_mock([riots], seed=2, accepted_values={
        "raw.riots.neighborhood": ["Westlake", "Koreatown"], "raw.riots.race": ["Black", "Asian"]})
    table = hinted["raw.riots"].to_pandas()
    assert set(table["neighborhood"]) == {"Westlake", "Koreatown"}
    assert set(table["race"]) <= {"Black", "Asian"}


def test_empty_tables_odd_types_and_nested_columns(tmp_path):
    from sqlglot import exp

    from datanet_sql.adapters.duckdb import DuckDBAdapter
    from datanet_sql.profile import load_profiles, profile_tables, save_profiles

    adapter = DuckDBAdapter({"path": ":memory:"})
    adapter.execute("CREATE TABLE e (id INT, name VARCHAR)")
    adapter.execute("CREATE TABLE many AS SELECT i AS id, i % 2 = 0 AS flag, "
                    "DATE '2024-01-01' + (i % 300)::INT AS day, (i % 7)::DECIMAL(10, 2) AS money, "
                    "TIME '00:00:00' + to_seconds(i * 11) AS tod, [i, i + 1] AS arr FROM range(600) r(i)")
    found = profile_tables(adapter, {("s", t): exp.table_(t) for t in ("e", "many")})
    save_profiles(found, tmp_path)
    tables = generate_mock(load_profiles(tmp_path), seed=0)
    assert tables["s.e"].num_rows == 0
    many = tables["s.many"]
    assert many.num_rows == 600 and str(many.schema.field("money").type) == "decimal128(10, 2)"
    assert many.column("id").to_pandas().is_unique
    assert str(many.schema.field("day").type) == "date32[day]"
    assert set(many.column("flag").to_pylist()) == {True, False}


def test_coded_columns_keep_their_meaning(warehouse):
    """sex -> sex_code and island -> archipelago hold with the real pairs, not random ones."""
    from sqlglot import exp

    from datanet_sql.profile import profile_table

    warehouse.execute(
        "CREATE OR REPLACE TABLE raw.coded AS SELECT species, sex, "
        "CASE sex WHEN 'male' THEN 'M' WHEN 'female' THEN 'F' END AS sex_code, island, "
        "CASE island WHEN 'Biscoe' THEN 'Biscoe Islands' ELSE 'Palmer Archipelago' END AS region "
        "FROM raw.penguins")
    profile = profile_table(warehouse, exp.table_("coded", db="raw"), "raw", "coded")
    table = generate_mock([profile], rows=2000, seed=5)["raw.coded"].to_pandas()
    pairs = set(zip(table["sex"].fillna("-"), table["sex_code"].fillna("-")))
    assert pairs <= {("male", "M"), ("female", "F"), ("-", "-")}
    assert set(zip(table["island"], table["region"])) <= {
        ("Biscoe", "Biscoe Islands"), ("Dream", "Palmer Archipelago"),
        ("Torgersen", "Palmer Archipelago")}
