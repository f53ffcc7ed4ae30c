"""plan_column options, cleanse_query/rejects_query shapes, and errors a user can cause."""

from __future__ import annotations

import pytest
from sqlglot import exp
from sqlglot.errors import ErrorLevel

from datanet_sql.errors import ConfigError
from datanet_sql.generate import (
    REJECT_COLUMNS,
    cleanse_query,
    plan_column,
    rejects_query,
    rule_comments,
)


def test_none_and_non_text_columns_pass_through() -> None:
    plan = plan_column("a", "email", "VARCHAR", [], "none")
    assert plan.final[0][1].sql() == "a" and not plan.stages
    plan = plan_column("n", "numeric_measure", "DOUBLE", [1.0])
    assert plan.rules == [] and plan.reject_rule is None and plan.sql_type == "DOUBLE"


def test_explicit_rules_with_options_and_null_tokens(duck) -> None:
    duck.execute(
        "CREATE TABLE t AS SELECT * FROM (VALUES (1, ' 03/04/2024 '), (2, 'unknown'), (3, '-')) v(id, d)"
    )
    rules = [{"date": {"day_first": True}}, {"null_tokens": {"extra": ["unknown"]}}, "trim"]
    plan = plan_column("d", None, "VARCHAR", ["03/04/2024"], rules)
    assert plan.rules == ["trim", "null_tokens", "date(day first)"]
    rows = duck.execute(
        cleanse_query(exp.table_("t"), {"d": plan}, ["id"]).sql("duckdb") + " ORDER BY id"
    ).fetchall()
    assert [str(r[1]) for r in rows] == ["2024-04-03", "None", "None"]


def test_output_types_name_side_columns() -> None:
    plan = plan_column("price", "money", "VARCHAR", ["$1.00", "2"])
    assert plan.output_types == [("price", "DECIMAL(18,2)"), ("price_currency", "VARCHAR")]


def test_unknown_rule_and_two_value_rules_are_config_errors() -> None:
    with pytest.raises(ConfigError, match="unknown cleanse rule 'dat'") as err:
        plan_column("d", None, "VARCHAR", [], ["dat"])
    assert "date" in (err.value.hint or "")
    with pytest.raises(ConfigError, match="keep one"):
        plan_column("d", None, "VARCHAR", [], ["date", "money"])
    with pytest.raises(ConfigError, match="unknown semantic"):
        plan_column("d", "emial", "VARCHAR", [])


def test_comments_name_the_rules_and_issues() -> None:
    plan = plan_column("d", "date", "VARCHAR", ["01/02/2024"])
    comments = rule_comments(plan)
    assert (
        comments[0]
        == "d: trim, collapse_whitespace, null_tokens, date(day/month order per value) -> DATE"
    )
    assert comments[1].startswith("WARNING d: ambiguous day/month order")
    sql = cleanse_query(exp.table_("t"), {"d": plan}, []).sql("duckdb")
    assert "/* d: trim" in sql


def test_rejects_query_columns_keys_and_no_rejects(duck) -> None:
    duck.execute(
        "CREATE TABLE t AS SELECT * FROM (VALUES (1, 'a', 'x@y.io', 'zz'), (2, 'b', 'bad', '5')) v(k1, k2, e, n)"
    )
    plans = {
        "e": plan_column("e", "email", "VARCHAR", []),
        "n": plan_column("n", "numeric_measure", "VARCHAR", []),
    }
    query = rejects_query(exp.table_("t"), plans, ["k1", "k2"], "m")
    result = duck.execute(query.sql("duckdb") + " ORDER BY column_name")
    assert tuple(d[0] for d in result.description) == REJECT_COLUMNS
    assert result.fetchall() == [
        ("m", "2|b", "e", "bad", "email", "not a valid e-mail address"),
        ("m", "1|a", "n", "zz", "number(us)", "not a number"),
    ]
    text_only = {"x": plan_column("x", "free_text", "VARCHAR", [])}
    assert (
        duck.execute(rejects_query(exp.table_("t"), text_only, [], "m").sql("duckdb")).fetchall()
        == []
    )


def test_cleanse_query_reads_a_subquery_source(duck) -> None:
    source = exp.select("1 AS id", "' YES ' AS flag")
    plans = {"flag": plan_column("flag", "boolean", "VARCHAR", [])}
    assert duck.execute(cleanse_query(source, plans, ["id"]).sql("duckdb")).fetchall() == [
        (1, True)
    ]


@pytest.mark.parametrize("dialect", ["postgres", "spark", "snowflake", "bigquery", "trino"])
def test_every_rule_transpiles_without_loss(dialect: str) -> None:
    from datanet_sql.generate.cleanse import AUTO_RULES

    plans = {s: plan_column(s, s, "VARCHAR", ["1", "x"]) for s in AUTO_RULES}
    for query in (
        cleanse_query(exp.table_("t"), plans, []),
        rejects_query(exp.table_("t"), plans, [], "m"),
    ):
        assert query.sql(dialect, unsupported_level=ErrorLevel.RAISE)
