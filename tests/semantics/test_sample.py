"""Sampling and distinct ratios pushed down to a real DuckDB, and whole-relation inference."""

from __future__ import annotations

import sqlglot
from sqlglot import exp

from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.semantics import distinct_ratios, infer_relation, sample_relation
from datanet_sql.semantics.sample import distinct_query, sample_query


def _adapter() -> DuckDBAdapter:
    adapter = DuckDBAdapter({"path": ":memory:"})
    adapter.execute("""
        CREATE TABLE customers AS SELECT range AS id,
            'user' || range || '@example.com' AS email,
            lpad(((range * 7919) % 99999)::VARCHAR, 5, '0') AS zip,
            ['new', 'active', 'churned'][range % 3 + 1] AS status,
            40.0 + (range % 1000) / 1000.0 AS lat,
            round(((range * 31) % 10000) / 100.0, 2) AS amount,
            1600000000 + range * 37 AS created_epoch
        FROM range(50000)""")
    return adapter


def test_sample_sql_is_seeded_reservoir_on_duckdb_and_random_elsewhere() -> None:
    table = exp.table_("t")
    duck = sample_query(table, ["a"], 100, dialect="duckdb", seed=3).sql("duckdb")
    assert "USING SAMPLE RESERVOIR (100 ROWS) REPEATABLE (3)" in duck
    pg = sample_query(table, ["a"], 100, dialect="postgres").sql("postgres")
    assert "ORDER BY RANDOM() LIMIT 100" in pg
    assert "APPROX_COUNT_DISTINCT" in distinct_query(table, ["a"], dialect="duckdb").sql("duckdb")
    assert "COUNT(DISTINCT" in distinct_query(table, ["a"], dialect="postgres").sql("postgres")


def test_sample_relation_is_bounded_and_repeatable() -> None:
    adapter = _adapter()
    first = sample_relation(adapter, exp.table_("customers"), ["email", "zip"], n=200)
    again = sample_relation(adapter, exp.table_("customers"), ["email", "zip"], n=200)
    assert len(first["email"]) == 200 and first == again
    sub = sqlglot.parse_one("SELECT email FROM customers WHERE id < 10")
    assert len(sample_relation(adapter, sub, ["email"], n=100)["email"]) == 10


def test_distinct_ratios_in_sql() -> None:
    ratios = distinct_ratios(_adapter(), exp.table_("customers"), ["id", "status"])
    assert ratios["id"] > 0.9 and ratios["status"] < 0.001


def test_infer_relation(model) -> None:
    adapter = _adapter()
    cols = [(c.name, c.type) for c in adapter.list_columns(__import__(
        "datanet_sql.adapters.base", fromlist=["Relation"]).Relation("customers"))]
    got = infer_relation(adapter, exp.table_("customers"), cols, n=500, model=model)
    assert {k: v.semantic for k, v in got.items()} == {
        "id": "identifier", "email": "email", "zip": "postal_code", "status": "categorical",
        "lat": "latitude", "amount": "money", "created_epoch": "timestamp"}
    assert got["email"].pii and not got["status"].pii


def test_file_scan_relation_is_sampled_without_an_extra_count(tmp_path, model) -> None:
    """File sources arrive as a DuckDB table function (read_csv(...)): sampled in one pass each."""
    csv = tmp_path / "people.csv"
    csv.write_text("person_id,email,zip\n" + "".join(
        f"{i},p{i}@mail.example.org,{(i * 37) % 99999:05d}\n" for i in range(3000)))
    adapter = DuckDBAdapter({"path": ":memory:"})
    relation = exp.Table(this=exp.Anonymous(this="read_csv", expressions=[exp.Literal.string(str(csv))]))
    cols = [("person_id", "BIGINT"), ("email", "VARCHAR"), ("zip", "VARCHAR")]
    got = infer_relation(adapter, relation, cols, n=300, model=model)
    assert [got[c].semantic for c, _ in cols] == ["identifier", "email", "postal_code"]
    assert distinct_ratios(adapter, relation, ["person_id"])["person_id"] > 0.9
