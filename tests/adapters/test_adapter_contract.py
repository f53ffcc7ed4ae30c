"""The adapter contract, checked on every engine: the runner relies on exactly this."""

from __future__ import annotations

import pyarrow as pa
import pytest
from adapter_samples import SAMPLE_COLUMNS, SAMPLE_ROWS, rows, sample_table
from sqlglot import exp, parse_one

from datanet_sql.adapters.base import Adapter, Relation
from datanet_sql.errors import RelationNotFoundError, WarehouseError


def q(sql: str) -> exp.Expression:
    """Test queries are written once and rendered by each adapter in its dialect."""
    return parse_one(sql)


def ordered(values: list[tuple]) -> list[tuple]:
    return sorted(values, key=repr)


def test_create_table_as_and_fetch(adapter: Adapter, rel: Relation) -> None:
    adapter.replace_table(rel, q("SELECT 1 AS id, 'é' AS v UNION ALL SELECT 2, NULL"))
    names, result = adapter.fetch(adapter.select_star(rel).order_by("id"))
    assert names == ["id", "v"]
    assert result == [(1, "é"), (2, None)]
    assert adapter.relation_kind(rel) == "table"


def test_replace_table_reports_the_rows_it_wrote(adapter: Adapter, rel: Relation) -> None:
    """The runner's row count of a table comes from its build where the engine reports it
    (None: the runner counts them with a query)."""
    reported = {"duckdb": (3, 0), "postgres": (3, 0), "spark": (None, None)}[adapter.dialect]
    assert adapter.replace_table(rel, q("SELECT 1 AS id UNION ALL SELECT 2 UNION ALL "
                                        "SELECT 3")) == reported[0]
    assert adapter.replace_table(rel, q("SELECT 1 AS id WHERE 1 = 0")) == reported[1]
    assert rows(adapter, rel) == []


def test_replace_table_swaps_in_new_rows(adapter: Adapter, rel: Relation) -> None:
    adapter.replace_table(rel, q("SELECT 1 AS id"))
    adapter.replace_table(rel, q("SELECT 2 AS id UNION ALL SELECT 3"))
    assert rows(adapter, rel) == [(2,), (3,)]
    assert adapter.relation_kind(adapter.temp_relation(rel)) is None


@pytest.mark.parametrize("broken", ["SELECT no_such_column AS id",
                                    "SELECT CAST('not a number' AS INT) AS id"])
def test_failed_build_leaves_old_table(adapter: Adapter, rel: Relation, broken: str) -> None:
    adapter.replace_table(rel, q("SELECT 1 AS id, 'old' AS v"))
    with pytest.raises(WarehouseError):
        adapter.replace_table(rel, q(broken))
    assert rows(adapter, rel) == [(1, "old")]


def test_view_replaces_table_and_back(adapter: Adapter, rel: Relation) -> None:
    adapter.replace_table(rel, q("SELECT 1 AS id"))
    adapter.replace_view(rel, q("SELECT 2 AS id"))
    assert adapter.relation_kind(rel) == "view"
    assert rows(adapter, rel) == [(2,)]
    adapter.replace_table(rel, q("SELECT 3 AS id"))
    assert adapter.relation_kind(rel) == "table"
    assert rows(adapter, rel) == [(3,)]


def test_insert_appends(adapter: Adapter, rel: Relation) -> None:
    adapter.replace_table(rel, q("SELECT 1 AS id, 'a' AS v"))
    adapter.execute(adapter.insert_into(rel, q("SELECT 'b' AS v, 2 AS id"), ["v", "id"]))
    assert rows(adapter, rel) == [(1, "a"), (2, "b")]


def test_merge_updates_matched_and_inserts_new(adapter: Adapter, rel: Relation) -> None:
    adapter.replace_table(rel, q("SELECT 1 AS id, 'a' AS v UNION ALL SELECT 2, 'b'"))
    source = q("SELECT 2 AS id, 'B' AS v UNION ALL SELECT 3, 'c'")
    adapter.transaction(adapter.merge_statements(rel, source, ["id"], ["id", "v"]))
    assert rows(adapter, rel) == [(1, "a"), (2, "B"), (3, "c")]


def test_merge_on_composite_key(adapter: Adapter, rel: Relation) -> None:
    adapter.replace_table(rel, q("SELECT 1 AS k1, 'x' AS k2, 10 AS n UNION ALL "
                                 "SELECT 1, 'y', 20"))
    source = q("SELECT 1 AS k1, 'y' AS k2, 21 AS n UNION ALL SELECT 2, 'x', 30")
    adapter.transaction(adapter.merge_statements(rel, source, ["k1", "k2"], ["k1", "k2", "n"]))
    assert rows(adapter, rel) == ordered([(1, "x", 10), (1, "y", 21), (2, "x", 30)])


def test_delete_insert(adapter: Adapter, rel: Relation) -> None:
    adapter.replace_table(rel, q("SELECT 1 AS id, 'a' AS v UNION ALL SELECT 2, 'b' "
                                 "UNION ALL SELECT 2, 'bb'"))
    source = q("SELECT 2 AS id, 'B' AS v UNION ALL SELECT 4, 'd'")
    adapter.transaction(adapter.delete_insert_statements(rel, source, ["id"], ["id", "v"]))
    assert rows(adapter, rel) == [(1, "a"), (2, "B"), (4, "d")]


def test_list_columns(adapter: Adapter, rel: Relation) -> None:
    adapter.replace_table(rel, q("SELECT CAST(1 AS BIGINT) AS id, 'x' AS name, "
                                 "CAST(1.5 AS DOUBLE) AS score"))
    columns = adapter.list_columns(rel)
    assert [c.name for c in columns] == ["id", "name", "score"]
    types = [parse_one(f"CAST(x AS {c.type})", read=adapter.dialect).to.this for c in columns]
    assert types[0] == exp.DataType.Type.BIGINT
    assert types[1] in exp.DataType.TEXT_TYPES
    assert types[2] == exp.DataType.Type.DOUBLE
    assert adapter.list_columns(rel.with_name("no_such_table")) is None


def test_list_columns_of_several_relations(adapter: Adapter, rel: Relation) -> None:
    """One catalog query for many relations answers as list_columns does for each; a
    relation that does not exist is left out."""
    view = rel.with_name(f"{rel.name}_view")
    adapter.replace_table(rel, q("SELECT CAST(1 AS BIGINT) AS id, 'x' AS name"))
    adapter.replace_view(view, q("SELECT 'y' AS label, CAST(2.5 AS DOUBLE) AS score"))
    try:
        found = adapter.list_columns_of([rel, view, rel.with_name("no_such_table")])
        assert found == {rel: adapter.list_columns(rel), view: adapter.list_columns(view)}
        assert [c.name for c in found[view]] == ["label", "score"]
        assert adapter.list_columns_of([]) == {}
    finally:
        adapter.execute(adapter.drop(view, kind="VIEW"))


@pytest.mark.parametrize("fmt", ["csv", "parquet", "json"])
def test_load_file(adapter: Adapter, rel: Relation, sample_files: dict, fmt: str) -> None:
    assert adapter.load_file(rel, str(sample_files[fmt])) == 3
    names, _ = adapter.fetch(adapter.select_star(rel))
    assert names == SAMPLE_COLUMNS
    assert rows(adapter, rel) == ordered(SAMPLE_ROWS)


def test_load_file_append_and_replace(adapter: Adapter, rel: Relation, sample_files: dict) -> None:
    path = str(sample_files["csv"])
    adapter.load_file(rel, path)
    assert adapter.load_file(rel, path, mode="append") == 3
    assert len(rows(adapter, rel)) == 6
    adapter.load_file(rel, path, mode="replace")
    assert len(rows(adapter, rel)) == 3


def test_load_empty_file_and_table(adapter: Adapter, rel: Relation, sample_files: dict) -> None:
    assert adapter.load_file(rel, str(sample_files["empty"])) == 0
    assert [c.name for c in adapter.list_columns(rel)] == ["id", "name"]
    assert rows(adapter, rel) == []
    empty = pa.table({"id": pa.array([], pa.int64()), "v": pa.array([], pa.string())})
    assert adapter.load_arrow(rel, empty) == 0
    assert [c.name for c in adapter.list_columns(rel)] == ["id", "v"]


def test_load_arrow(adapter: Adapter, rel: Relation) -> None:
    assert adapter.load_arrow(rel, sample_table()) == 3
    assert rows(adapter, rel) == ordered(SAMPLE_ROWS)


def test_missing_file_is_relation_not_found(adapter: Adapter, rel: Relation, tmp_path) -> None:
    with pytest.raises(RelationNotFoundError):
        adapter.load_file(rel, str(tmp_path / "missing.csv"))


def test_unknown_relation_error(adapter: Adapter) -> None:
    with pytest.raises(RelationNotFoundError):
        adapter.fetch(adapter.select_star(Relation("no_such_table", adapter.schema_of(
            Relation("x")))))


def test_syntax_error_is_one_line(adapter: Adapter) -> None:
    with pytest.raises(WarehouseError) as info:
        adapter.fetch("SELEC 1")
    assert "\n" not in info.value.message
    assert "SELEC" in info.value.message or "syntax" in info.value.message.lower()


def test_load_csv_types_agree(adapter: Adapter, rel: Relation, tmp_path) -> None:
    """Booleans, dates, timestamps and quoting come out the same on every engine."""
    import datetime as dt

    path = tmp_path / "typed.csv"
    path.write_text('id,flag,day,at,note\n1,true,2024-01-31,2024-01-31 10:00:00,"say ""hi"""\n'
                    "2,false,,,\n3,,2024-02-29,2024-02-29 23:59:59,plain\n", encoding="utf-8")
    adapter.load_file(rel, str(path))
    assert rows(adapter, rel) == ordered([
        (1, True, dt.date(2024, 1, 31), dt.datetime(2024, 1, 31, 10), 'say "hi"'),
        (2, False, None, None, None),
        (3, None, dt.date(2024, 2, 29), dt.datetime(2024, 2, 29, 23, 59, 59), "plain")])


def test_describe_query_without_running_it(adapter: Adapter) -> None:
    query = q("SELECT CAST(1 AS BIGINT) AS id, 'x' AS name")
    columns = adapter.describe_query(adapter.sql(query))
    assert [c.name for c in columns] == ["id", "name"]
    assert parse_one(f"CAST(x AS {columns[0].type})", read=adapter.dialect).to.this == \
        exp.DataType.Type.BIGINT
    with pytest.raises(RelationNotFoundError):
        adapter.describe_query("SELECT * FROM no_such_table_anywhere")
