"""dbt's cross-database macros: every call of crossdb_cases run on real DuckDB and Postgres (a
subset on local Spark) with its value asserted, golden SQL for every dialect datanet writes,
and the errors a bad argument gets."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from crossdb_cases import (
    CASES,
    GOLDEN_CALLS,
    GOLDEN_DIR,
    ROWS,
    Case,
    call_macro,
    golden_text,
    matches,
    parse_golden,
)
from sqlglot import exp

from datanet_sql.adapters.base import Adapter
from datanet_sql.compile.dbt_crossdb import DIALECTS, cross_database_macros
from datanet_sql.errors import TemplateError, UnsupportedSqlError, WarehouseError

PG_DSN = os.environ.get("DATANET_TEST_PG_DSN", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture(scope="module")
def duckdb_engine() -> Iterator[Adapter]:
    from datanet_sql.adapters.duckdb import DuckDBAdapter

    adapter = DuckDBAdapter({"path": ":memory:"})
    yield adapter
    adapter.close()


@pytest.fixture(scope="module")
def postgres_engine() -> Iterator[Adapter]:
    from datanet_sql.adapters.postgres import PostgresAdapter

    schema = f"dn_crossdb_{uuid.uuid4().hex[:10]}"
    adapter = PostgresAdapter({"dsn": PG_DSN, "schema": schema})
    adapter.execute(adapter.create_schema(schema))
    yield adapter
    adapter.execute(exp.Drop(this=exp.Table(this=exp.to_identifier(schema, quoted=True)),
                             kind="SCHEMA", exists=True, cascade=True))
    adapter.close()


@pytest.fixture(scope="module")
def spark_engine(spark_warehouse: Path) -> Iterator[Adapter]:
    from datanet_sql.adapters.spark import SMALL_DATA_CONFIG, SparkAdapter

    adapter = SparkAdapter({**SMALL_DATA_CONFIG, "schema": "default",
                            "warehouse_dir": str(spark_warehouse)})
    yield adapter
    adapter.close()


def _values(adapter: Adapter, dialect: str, cases: list[Case]) -> list[object]:
    """Run the macros' SQL as it is, as a model would hold it, all cases in one SELECT (the
    rows of t(x, o, b) when they aggregate), and return one value per case."""
    macros = cross_database_macros(dialect, _evaluator(adapter))
    columns = ", ".join(f"{call_macro(macros, case.call)} AS v{i}" for i, case in enumerate(cases))
    source = ""
    if cases[0].rows:
        rows = exp.values(ROWS, alias="t", columns=["x", "o", "b"])
        source = " " + exp.select("*").from_(rows).sql(dialect=dialect).removeprefix("SELECT * ")
    _, rows_back = adapter.fetch(f"SELECT {columns}{source}")
    return list(rows_back[0])


def _evaluator(adapter: Adapter):
    return lambda query: adapter.fetch(query)[1][0][0]


def _cases(engine: str) -> list:
    return [pytest.param(case, id=case.title) for case in CASES if engine in case.engines]


@pytest.mark.parametrize("case", _cases("duckdb"))
def test_duckdb_values(duckdb_engine: Adapter, case: Case) -> None:
    [value] = _values(duckdb_engine, "duckdb", [case])
    assert matches(value, case.expected), (case.call, value)


@pytest.mark.parametrize("case", _cases("postgres"))
def test_postgres_values(postgres_engine: Adapter, case: Case) -> None:
    [value] = _values(postgres_engine, "postgres", [case])
    assert matches(value, case.expected), (case.call, value)


def test_spark_values(spark_engine: Adapter) -> None:
    """The Spark subset in two queries (scalars, then aggregates over t): each Spark query
    costs about a second."""
    wrong = {}
    for aggregates in (False, True):
        cases = [c for c in CASES if "spark" in c.engines and c.rows == aggregates]
        for case, value in zip(cases, _values(spark_engine, "spark", cases), strict=True):
            if not matches(value, case.expected):
                wrong[case.title] = value
    assert wrong == {}


def test_safe_cast_on_postgres_is_a_plain_cast(postgres_engine: Adapter) -> None:
    """Postgres has no TRY_CAST: as in dbt, a bad value fails the query instead of hiding."""
    bad = cross_database_macros("postgres")["safe_cast"]("'twelve'", "int")
    with pytest.raises(WarehouseError, match="twelve"):
        postgres_engine.fetch(f"SELECT {bad}")


@pytest.mark.parametrize("engine", ["duckdb", "postgres"])
def test_date_spine_rows(engine: str, request: pytest.FixtureRequest) -> None:
    """End excluded, one row per period, across a year and a leap day; the number of periods
    is computed on the engine itself through the evaluator."""
    adapter = request.getfixturevalue(f"{engine}_engine")
    macros = cross_database_macros(engine, _evaluator(adapter))
    spines = {("day", "2024-02-27", "2024-03-02"): 4, ("month", "2023-11-01", "2024-03-01"): 4,
              ("week", "2023-12-25", "2024-01-22"): 4, ("year", "2020-01-01", "2024-01-01"): 4}
    for (part, start, end), count in spines.items():
        spine = macros["date_spine"](part, f"cast('{start}' as date)", f"cast('{end}' as date)")
        names, rows = adapter.fetch(f"SELECT * FROM ({spine}) AS s ORDER BY 1")
        assert names == [f"date_{part}"] and len(rows) == count, (part, rows)
        first = rows[0][0]
        assert (first.date() if isinstance(first, dt.datetime) else first).isoformat() == start


@pytest.mark.parametrize("engine", ["duckdb", "postgres"])
def test_generate_series_and_set_operators(engine: str, request: pytest.FixtureRequest) -> None:
    adapter = request.getfixturevalue(f"{engine}_engine")
    macros = cross_database_macros(engine)
    _, rows = adapter.fetch(macros["generate_series"](11))
    assert [r[0] for r in rows] == list(range(1, 12))
    numbers = "SELECT generated_number AS n FROM ({}) AS g".format(macros["generate_series"](3))
    _, rows = adapter.fetch(f"{numbers} {macros['except']()} SELECT 2")
    assert sorted(r[0] for r in rows) == [1, 3]
    _, rows = adapter.fetch(f"{numbers} {macros['intersect']()} SELECT 2")
    assert [r[0] for r in rows] == [2]


def test_series_numbers_follow_dbt() -> None:
    macros = cross_database_macros("duckdb")
    assert [macros["get_powers_of_two"](n) for n in (1, 2, 3, 4, 5, 1024, 1025)] == \
        [1, 1, 2, 2, 3, 10, 11]
    assert macros["get_intervals_between"]("cast('2024-01-01' as date)",
                                           "cast('2024-03-01' as date)", "month") == 2


@pytest.mark.parametrize("dialect", DIALECTS)
def test_golden_sql(dialect: str) -> None:
    """tests/dbt/golden/crossdb/<dialect>.sql holds each call's SQL (DATANET_REGEN_GOLDEN=1
    rewrites them after a deliberate change; review the diff)."""
    macros = cross_database_macros(dialect)
    path = GOLDEN_DIR / f"{dialect}.sql"
    if os.environ.get("DATANET_REGEN_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(golden_text(macros, GOLDEN_CALLS))
    blocks = parse_golden(path.read_text())
    assert [(title, call) for title, call, _ in blocks] == GOLDEN_CALLS
    for title, call, expected in blocks:
        assert call_macro(macros, call) == expected, title


def test_every_macro_the_packages_call_is_covered() -> None:
    """The dbt.* names dbt_utils, dbt_date, dbt_expectations and audit_helper call, and the
    rest of dbt's cross-database list, are all keys (README lists them per dialect)."""
    names = set(cross_database_macros("duckdb"))
    called = {"type_timestamp", "dateadd", "date_trunc", "type_int", "type_string", "string_literal",
              "datediff", "type_float", "type_bigint", "except", "current_timestamp", "split_part",
              "replace", "type_numeric", "safe_cast", "length", "hash", "concat", "bool_or",
              "position", "intersect", "right", "escape_single_quotes", "cast_bool_to_text", "cast",
              "last_day", "listagg", "any_value", "array_construct", "array_append", "array_concat",
              "date", "generate_series", "get_intervals_between", "date_spine", "get_powers_of_two",
              "type_boolean", "current_timestamp_backcompat", "current_timestamp_in_utc_backcompat"}
    assert called <= names
    for name in names & {c.call.split("(")[0] for c in CASES}:
        assert any(c.call.startswith(name + "(") for c in CASES)


@pytest.mark.parametrize("call, error, message", [
    ('dateadd("fortnight", 1, "d")', TemplateError, "'fortnight' is not a date part"),
    ('dateadd("day", 1, "cast(d as")', TemplateError, "is not SQL that parses in duckdb"),
    ('split_part("s", "\',\'", 0)', TemplateError, "part_number counts from 1"),
    ('split_part("s", "\',\'", "last")', TemplateError, "part_number must be an integer"),
    ('listagg("x", "\',\'", "group by x")', TemplateError, "is not an ORDER BY clause"),
    ("date(2023, 2, 29)", TemplateError, "day is out of range"),
    ("get_powers_of_two(0)", TemplateError, "upper bound must be positive"),
    ('date_spine("day", "cast(\'2024-01-05\' as date)", "cast(\'2024-01-01\' as date)")',
     TemplateError, "is not after start_date"),
    ('date_spine("day", "(select max(d) from nowhere)", "cast(\'2024-01-01\' as date)")',
     TemplateError, "could not be computed"),
])
def test_bad_arguments_are_one_line_errors(call: str, error: type, message: str) -> None:
    with pytest.raises(error, match=message) as caught:
        call_macro(cross_database_macros("duckdb"), call)
    assert caught.value.message.startswith("dbt.")


@pytest.mark.parametrize("dialect", ["snowflake", "trino", "redshift", "spark"])
def test_listagg_limit_says_where_it_is_missing(dialect: str) -> None:
    with pytest.raises(UnsupportedSqlError, match=f"limit_num is not supported on {dialect}"):
        cross_database_macros(dialect)["listagg"]("x", "','", "order by o", 2)


def test_unknown_dialect() -> None:
    with pytest.raises(UnsupportedSqlError, match="no 'oracle' dialect"):
        cross_database_macros("oracle")


def test_quoting_follows_the_target() -> None:
    assert cross_database_macros("duckdb")["escape_single_quotes"]("it's") == "it''s"
    assert cross_database_macros("bigquery")["escape_single_quotes"]("it's") == "it\\'s"
    # dbt's string_literal pastes: the caller escapes (escaping twice stored `''`)
    assert cross_database_macros("postgres")["string_literal"]("o''clock") == "'o''clock'"
