"""A column without an alias is named as the engine names it: each expression's name, as
datanet gives it before qualify, is checked against the name the real DuckDB and the real
Postgres give the same query's column (sqlglot's qualify alone said `_col_0`, or the cast's
inner column, where DuckDB says `(1 - a)` and Postgres `?column?`)."""

from __future__ import annotations

import duckdb
import psycopg
import pytest
import sqlglot
from sqlglot.optimizer.qualify import qualify

from datanet_sql.compile.output_names import name_outputs
from datanet_sql.errors import UnsupportedSqlError

DUCKDB_EXPRESSIONS = [
    "1 - a", "a+1", "upper(s)", "UPPER(s)", "count(*)", "count(*) over ()", "cast(a as int)",
    "a::varchar", "case when a > 0 then 1 else 2 end", "coalesce(a, 0)", "-a", "a is null",
    "a is distinct from b", "not (a > 1)", "l[1]", "st['f']", "1", "'s'", "true", "null",
    "extract(day from (current_date - d))::integer", "date_trunc('day', d)",
    "sum(a) over (partition by b order by a rows between unbounded preceding and current row)",
    "a between 1 and 2", "a in (1,2)", "s like 'x%'", "s || 'y'", "d + interval '1 day'",
    "current_date", "now()", "[1,2]", "{'x': 1}", "(select max(a) from t)", "exists (select 1)",
    "a // b", "a::decimal(10,2)", "percentile_cont(0.5) within group (order by a)",
    "string_agg(s, ',' order by s)", "count(distinct a)", "sum(a) filter (where a > 0)",
    '"a" + "b"', "t.a * 2", "if(a > 0, 1, 2)", "greatest(a, b)", "nullif(a, 0)",
    "row_number() over w", "len(s)", "ifnull(a, 0)", "a != b", "s ilike 'X'", "round(a / 3, 2)"]

POSTGRES_EXPRESSIONS = [
    "1 - a", "upper(s)", "pg_catalog.upper(s)", '"upper"(s)', "count(*) over ()",
    "cast(a as int)", "1::int", "1::bigint", "'x'::text", "1::numeric(10,2)", "1::float",
    "1::real", "true::boolean", "'2024-01-01'::date", "'x'::varchar(3)", "'x'::char(2)",
    "interval '1 day'", "timestamp '2024-01-01'", "case when a > 0 then 1 else 2 end",
    "case when a > 0 then 1 else b end", "(case when a>0 then 1 end)::text", "coalesce(a, 0)",
    "-a", "not (a > 1)", "l[1]", "(a)", "1", "'s'", "true", "null", "current_date",
    "current_timestamp", "now()", "extract(day from d)::integer", "a in (1,2)", "s || 'y'",
    "array[1,2]", "row(1,2)", "(select max(a) from t)", "(select 1 - a from t limit 1)",
    "exists (select 1)", "greatest(a,b)", "nullif(a,0)", "trim(s)", "trim(leading 'x' from s)",
    "substring(s from 1 for 1)", "position('x' in s)", "d at time zone 'UTC'", "(a, b)",
    "a::text::int", "(a + 1)::text", "mod(a, 2)", "abs(a) + 1", "left(s, 1)",
    "percentile_cont(0.5) within group (order by a)", "count(*) filter (where a > 0)"]


def _datanet_name(sql: str, dialect: str, schema: dict[str, dict[str, str]]) -> str:
    tree = sqlglot.parse_one(sql, read=dialect)
    name_outputs(tree, sql, dialect, "model 'm'", "models/m.sql")
    return qualify(tree, schema=schema, dialect=dialect).expressions[0].alias_or_name


def test_duckdb_names_as_duckdb() -> None:
    con = duckdb.connect()
    con.execute("create table t as select 1 as a, 2 as b, 'x' as s, "
                "timestamp '2024-01-01' as d, {'f': 1} as st, [1, 2] as l")
    schema = {"t": {"a": "int", "b": "int", "s": "text", "d": "timestamp", "l": "int[]",
                    "st": "struct(f int)"}}
    wrong = {}
    for expression in DUCKDB_EXPRESSIONS:
        sql = f"select {expression} from t window w as (order by a)"
        engine = con.execute(sql).description[0][0]
        ours = _datanet_name(sql, "duckdb", schema)
        if ours != engine:
            wrong[expression] = (engine, ours)
    assert wrong == {}


def test_postgres_names_as_postgres() -> None:
    con = psycopg.connect(host="127.0.0.1", user="postgres", dbname="test", autocommit=True)
    con.execute("create temp table t as select 1 as a, 2 as b, 'x'::text as s, now() as d, "
                "array[1, 2] as l")
    schema = {"t": {"a": "int", "b": "int", "s": "text", "d": "timestamptz", "l": "int[]"}}
    wrong = {}
    for expression in POSTGRES_EXPRESSIONS:
        sql = f"select {expression} from t"
        engine = con.execute(sql).description[0].name
        ours = _datanet_name(sql, "postgres", schema)
        if ours != engine:
            wrong[expression] = (engine, ours)
    con.close()
    assert wrong == {}


def test_a_nested_select_list_is_not_taken_for_its_outer_one() -> None:
    """The projection text is cut from the select list of its own SELECT: a subquery's list
    inside an unaliased projection is not mistaken for it."""
    sql = "with c as (select (select max(a) from t) + 1, a from t) select * from c"
    tree = sqlglot.parse_one(sql, read="duckdb")
    name_outputs(tree, sql, "duckdb", "model 'm'", "models/m.sql")
    cte = tree.find(sqlglot.exp.CTE).this
    assert [p.alias_or_name for p in cte.expressions] == ["((SELECT max(a) FROM t) + 1)", "a"]


def test_a_dialect_whose_rule_is_not_known_is_refused() -> None:
    sql = "select a + 1 from t"
    with pytest.raises(UnsupportedSqlError) as err:
        name_outputs(sqlglot.parse_one(sql, read="spark"), sql, "spark", "model 'm'",
                     "models/m.sql")
    assert err.value.render() == (
        "models/m.sql:1: model 'm': the column `a + 1` has no alias, and datanet cannot tell "
        "the name spark gives it (its table would otherwise get another name)\n"
        "  hint: give it a name: `a + 1 as <name>`")


def test_a_star_of_duckdb_is_left_to_expand() -> None:
    """`COLUMNS('a.*')` is several columns, each named by its column: not aliased as one."""
    sql = "select columns('a.*'), 1 + 1 from t"
    tree = sqlglot.parse_one(sql, read="duckdb")
    name_outputs(tree, sql, "duckdb", "model 'm'", "models/m.sql")
    assert tree.sql("duckdb") == "SELECT COLUMNS('a.*'), 1 + 1 AS \"(1 + 1)\" FROM t"
