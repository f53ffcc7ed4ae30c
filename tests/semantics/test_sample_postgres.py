"""The generic sampling path (ORDER BY RANDOM() LIMIT, COUNT(DISTINCT)) on the real Postgres server."""

from __future__ import annotations

import os
import uuid

import pytest
from sqlglot import exp

from datanet_sql.semantics import distinct_ratios, infer_relation, sample_relation

PG_DSN = os.environ.get("DATANET_TEST_PG_DSN", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture(scope="module")
def pg():
    from datanet_sql.adapters.postgres import PostgresAdapter

    schema = f"dn_sem_{uuid.uuid4().hex[:8]}"
    adapter = PostgresAdapter({"dsn": PG_DSN, "schema": schema})
    adapter.execute(f'CREATE SCHEMA "{schema}"')  # no server: the test fails, never skips
    adapter.execute(f"""CREATE TABLE "{schema}".people AS SELECT g AS person_id,
        'p' || g || '@mail.example.org' AS email, lpad(((g * 37) % 99999)::text, 5, '0') AS zip,
        (ARRAY['new', 'active', 'gone'])[g % 3 + 1] AS status FROM generate_series(1, 5000) AS g""")
    yield adapter, exp.table_("people", db=schema, quoted=True)
    adapter.execute(f'DROP SCHEMA "{schema}" CASCADE')
    adapter.close()


def test_sampling_and_inference_on_postgres(pg, model) -> None:
    adapter, table = pg
    sample = sample_relation(adapter, table, ["email", "zip"], n=300)
    assert len(sample["email"]) == 300 and all("@" in e for e in sample["email"])
    ratios = distinct_ratios(adapter, table, ["person_id", "status"])
    assert ratios["person_id"] == 1.0 and ratios["status"] < 0.01
    cols = [("person_id", "INTEGER"), ("email", "TEXT"), ("zip", "TEXT"), ("status", "TEXT")]
    got = infer_relation(adapter, table, cols, n=300, model=model)
    assert [got[c].semantic for c, _ in cols] == ["identifier", "email", "postal_code", "categorical"]
