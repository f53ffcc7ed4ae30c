from __future__ import annotations

from sqlglot import exp

from datanet_sql.heal.contract import (contract_from_profile, live_contract,
                                       merge_into_profile)

PROFILE = {
    "source": "raw", "table": "orders", "row_count": 3, "profiled_at": "2026-11-25T15:00:00Z",
    "keys": {"primary": ["order_id"]},
    "columns": [
        {"name": "order_id", "type": "BIGINT", "semantic": "identifier", "null_rate": 0.0,
         "distinct_count": 3, "unique": True, "top_hash": "3f2a9c1e", "quantiles": [1, 2, 3],
         "distribution": {"kind": "uniform"}},
        {"name": "status", "type": "VARCHAR", "pattern": "aaaa", "top_values": [
            {"value": "paid", "freq": 1.0}]},
    ],
}


def test_profile_dict_becomes_contract_ignoring_unknown_keys() -> None:
    contract = contract_from_profile(PROFILE)
    assert contract.key == ("raw", "orders") and contract.row_count == 3
    assert contract.names == ["order_id", "status"]
    assert contract.column("order_id").top_hash == "3f2a9c1e"
    assert contract.column("STATUS", case_sensitive=False).pattern == "aaaa"


def test_merge_keeps_other_layers_keys_and_follows_live_order(fp) -> None:
    live = fp("SELECT 'paid' AS status, range AS order_id FROM range(3)",
              table="orders")
    merged = merge_into_profile(PROFILE, live)
    assert [c["name"] for c in merged["columns"]] == ["status", "order_id"]
    order_id = merged["columns"][1]
    assert order_id["distribution"] == {"kind": "uniform"} and order_id["semantic"] == "identifier"
    assert order_id["max"] == 2 and merged["keys"] == {"primary": ["order_id"]}


def test_live_fingerprint_is_computed_in_sql(fp) -> None:
    c = fp("SELECT range::INT AS id, CASE WHEN range % 4 = 0 THEN NULL "
                    "ELSE 'x' || (range % 3) END AS code, range * 1.5 AS amount FROM range(8)")
    assert c.row_count == 8
    ident, code, amount = c.columns
    assert (ident.min, ident.max, ident.distinct_count, ident.unique) == (0, 7, 8, True)
    assert code.null_rate == 0.25 and code.pattern == "a9" and code.distinct_count == 3
    assert amount.integral is False and amount.mean == 5.25
    assert len(ident.top_hash) == 8


def test_top_hash_matches_the_profile_layers_sql(adapter, fp) -> None:
    stats = __import__("pytest").importorskip("datanet_sql.profile.stats")
    c = fp("SELECT range % 5 AS k, 'v' || range AS s FROM range(50)")
    query = stats.hash_query(exp.table_("t", db="raw"), [stats.ColumnSpec("k", "BIGINT"),
                                                          stats.ColumnSpec("s", "VARCHAR")])
    theirs = dict(adapter.fetch(query)[1])
    assert theirs == {"k": c.column("k").top_hash, "s": c.column("s").top_hash}


def test_text_probes_find_types_formats_and_null_tokens(fp) -> None:
    c = fp("SELECT CASE WHEN range = 3 THEN 'NA' ELSE range::VARCHAR END AS n, "
                    "strftime(DATE '2024-01-01' + range::INT * 5, '%m/%d/%Y') AS d FROM range(10)")
    n, d = c.columns
    assert n.parse_rates["BIGINT"] == 1.0 and n.token_rate == 0.1 and n.clean_hash
    assert d.date_formats == ("%m/%d/%Y",)


def test_a_format_fitting_the_bounds_but_not_every_value_is_not_kept(fp) -> None:
    """Formats are scanned only where they parse a column's least and greatest values; the
    scan still decides (a value between them that does not parse rules the format out)."""
    c = fp("SELECT CASE WHEN range = 4 THEN '01/32/2024' ELSE strftime(DATE '2024-01-01' + "
           "range::INT * 5, '%m/%d/%Y') END AS d, 'N' || (14228 + range) AS tail FROM range(9)")
    d, tail = c.columns
    assert (d.min, d.max) == ("01/01/2024", "02/10/2024")  # both parse as %m/%d/%Y
    assert d.date_formats == () and tail.date_formats == ()


def test_json_and_struct_key_paths(fp) -> None:
    c = fp("SELECT json_object('a', json_object('b', range), 'c', 'k')::JSON AS j, "
                    "{'p': range, 'q': {'r': 'v'}} AS s FROM range(5)")
    assert [p.path for p in c.column("j").json_paths] == ["a.b", "c"]
    assert [p.path for p in c.column("s").json_paths] == ["p", "q.r"]
    assert c.column("j").json_paths[0].top_hash == c.column("s").json_paths[0].top_hash


def test_missing_and_empty_tables(adapter, fp) -> None:
    assert live_contract(adapter, exp.table_("nope", db="raw")) is None
    empty = fp("SELECT 1 AS a WHERE false")
    assert empty.row_count == 0 and empty.names == ["a"]


def test_file_sources_are_fingerprinted_through_a_scan(adapter, tmp_path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text("id,amount\n1,2.5\n2,5.0\n")
    scan = exp.Table(this=exp.func("read_csv", exp.Literal.string(str(path))))
    c = live_contract(adapter, scan, source="raw", table="orders")
    assert c.names == ["id", "amount"] and c.row_count == 2
    assert live_contract(adapter, exp.Table(this=exp.func(
        "read_csv", exp.Literal.string(str(tmp_path / "gone.csv"))))) is None
