"""The guard every mock write passes, on DuckDB, the real Postgres and Spark: a mock may
replace a relation a mock wrote, never one it did not (it may hold real data)."""

from __future__ import annotations

import pyarrow as pa
import pytest

from datanet_sql.adapters.base import Adapter, Relation
from datanet_sql.errors import ConfigError
from datanet_sql.run.mock_place import REGISTRY, claim, register


def test_a_mock_replaces_what_a_mock_wrote_and_refuses_anything_else(adapter: Adapter,
                                                                     rel: Relation) -> None:
    registry = Relation(REGISTRY, rel.schema)
    if adapter.relation_kind(registry):
        adapter.execute(adapter.drop(registry))
    mocked, real = rel.with_name(f"{rel.name}_m"), rel.with_name(f"{rel.name}_r")
    for relation in (mocked, real):
        if adapter.relation_kind(relation):
            adapter.execute(adapter.drop(relation))
    claim(adapter, [mocked])                       # nothing there yet: free
    adapter.load_arrow(mocked, pa.table({"id": [1, 2]}))
    register(adapter, [mocked])
    claim(adapter, [mocked])                       # a mock wrote it: may be replaced
    adapter.load_arrow(real, pa.table({"id": [7]}))
    with pytest.raises(ConfigError, match=f"refusing to write mock data into {real}"):
        claim(adapter, [mocked, real])
    assert adapter.fetch(adapter.select_star(real))[1] == [(7,)]
    assert sorted(adapter.fetch(adapter.select_star(registry))[1]) == [(mocked.name,)]
    adapter.execute(adapter.drop(registry))
